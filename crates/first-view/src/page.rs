//! The prerendered matrix section, kept showing the view state.

use crate::Read;
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::markup::chips::Chip;
use tactics_core::markup::shell;
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::query::first_view;
use tactics_core::query::url_state::{self, ViewState};
use tactics_dom::filter_bar::FilterBar;
use tactics_dom::matrix_view::MatrixView;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::Element;

pub struct Page {
    pub pre: Element,
    pub ds: Dataset,
    pub index: Index,
    pub view: ViewState,
    pub page: usize,
    /// The years the year fields accept (the whole dataset's, from the data file).
    pub years: (i32, i32),
    /// Whether the prerendered chart is hidden as not this view's.
    chart_stale: Option<bool>,
    /// Whether the data is a `?data=` file's, not the bundled data the page was built from: the
    /// prerendered chart is then never this view's.
    file: bool,
    /// The query to write after the next paint, and whether as a new history entry.
    url_pending: Rc<RefCell<Option<(String, bool)>>>,
    /// The matrix section and the filter bar, kept showing the view's frame (the app adopts
    /// both and keeps them showing its frames with the same code).
    matrix: MatrixView,
    pub bar: Option<FilterBar>,
    /// Elements a click writes to, found once when mounted (a `querySelector` each, per
    /// click, cost about 0.3 ms).
    els: Els,
}

/// The fixed elements of the view that a frame writes to.
#[derive(Default)]
struct Els {
    charts: Option<Element>,
    /// The button that asks for the app's charts.
    charts_button: Option<Element>,
}

pub use tactics_dom::find;

impl Page {
    pub fn new(pre: Element, read: Read, view: ViewState) -> Option<Page> {
        // The prerendered table must be there to be kept up to date.
        let section = find(&pre, "section.matrix")?;
        let Read { ds, years, file } = read;
        let matrix = MatrixView::new(section, ds.jurisdictions.is_empty())?;
        let index = ds.index();
        Some(Page {
            pre,
            ds,
            index,
            view,
            page: 0,
            years,
            chart_stale: None,
            file,
            url_pending: Rc::default(),
            matrix,
            bar: None,
            els: Els::default(),
        })
    }

    /// Turns the placeholders into controls and shows the URL's view.
    pub fn mount(&mut self) {
        // The placeholders kept the controls' room; now they are controls.
        tactics_dom::make_live(&self.pre);
        // The filter bar and panel in the placeholders' places (core's markup, as the app's).
        let wide = tactics_dom::wide_screen();
        if let Some(bar) = find(&self.pre, ".filterbar") {
            bar.set_outer_html(&shell::filter_bar_html(wide));
        }
        if let Some(panel) = find(&self.pre, "aside.pre-filters") {
            panel.set_outer_html(&shell::filter_panel_html(
                &self.ds,
                &self.index,
                self.years,
                wide,
            ));
        }
        if let (Some(bar), Some(panel)) = (
            find(&self.pre, ".filterbar"),
            find(&self.pre, "#filters-panel"),
        ) {
            self.bar = Some(FilterBar::new(bar, panel));
        }
        // The charts are the app's (drawn by the lazily loaded worker); the prerendered one is
        // the default view's. The app is loaded when the visitor asks for them, not when they
        // scroll by: a visitor who only filters and reads never downloads it (issue 25).
        if let Some(charts) = find(&self.pre, "section.charts h2") {
            let note = if self.file {
                "The charts of this file are drawn when you ask for them."
            } else {
                "The chart for these filters marks the chosen tactics’ events within the chosen years; it is drawn when you ask for it."
            };
            let _ = charts.insert_adjacent_html(
                "afterend",
                &format!("<p class=\"charts-ask\"><span class=\"stale-note\">{note}</span> <button type=\"button\" data-action=\"charts\"></button></p>"),
            );
        }
        self.add_loading_line();
        self.find_els();
        self.show();
        // The view is the URL's: show it (the guard hid the default rows for any query).
        let _ = self.pre.class_list().add_1("live");
        if let Some(root) = self.pre.owner_document().and_then(|d| d.document_element()) {
            let _ = root.class_list().remove_1("pre-other");
        }
    }

    /// The fixed elements a frame writes to (after the filter bar and panel are written).
    fn find_els(&mut self) {
        let pre = &self.pre;
        self.els = Els {
            charts: find(pre, "section.charts"),
            charts_button: find(pre, "section.charts [data-action=charts]"),
        };
    }

    /// An empty live region for "Opening the place's profile…" and the like: a region that is
    /// in the page before its text is set is announced more reliably (`handoff::to_app`).
    fn add_loading_line(&self) {
        let Some(doc) = self.pre.owner_document() else {
            return;
        };
        if let Ok(line) = doc.create_element("p") {
            line.set_id("app-loading");
            let _ = line.set_attribute("role", "status");
            let _ = line.set_attribute("hidden", "");
            let _ = self.pre.append_child(&line);
        }
    }

    /// Writes what depends on the view state and changed since the last frame: an unchanged
    /// text or attribute is not written again, as writing it would make the browser lay the
    /// table out again (measured: a tactic click's layout and style work).
    pub fn show(&mut self) {
        let frame = first_view::frame(&self.ds, &self.index, &self.view, self.page);
        self.page = frame.page;
        if let Some(bar) = &mut self.bar {
            bar.show(&frame.chips_html, frame.chips.len(), &self.view.filter);
        }
        self.matrix.show(frame);
        self.mark_chart();
    }

    /// The prerendered chart is the default view's: any other filter or file hides it until the
    /// visitor asks for the app's. After a click's rows are painted, like the app's chart
    /// redraws: the chart section's style and layout are not part of a click's work.
    fn mark_chart(&mut self) {
        let stale = self.file || !first_view::chart_is_default(&self.view.filter);
        if self.chart_stale == Some(stale) {
            return;
        }
        let first = self.chart_stale.is_none();
        self.chart_stale = Some(stale);
        if let Some(button) = &self.els.charts_button {
            button.set_text_content(Some(match (stale, self.file) {
                (_, true) => "Draw the charts of this file",
                (true, false) => "Draw the chart for these filters",
                (false, false) => "More charts: other series, lines or bars",
            }));
        }
        if let Some(charts) = self.els.charts.clone() {
            // When mounting, before the page is shown: no frame may paint the default chart as
            // this view's.
            if first {
                let _ = charts.class_list().toggle_with_force("stale", stale);
                return;
            }
            after_paint(Box::new(move || {
                let _ = charts.class_list().toggle_with_force("stale", stale);
            }));
        }
    }

    /// The chips shown, to read a chip's click back.
    pub fn chips(&self) -> &[Chip] {
        self.matrix.last().map_or(&[], |f| &f.chips)
    }

    /// The URL says the view: a deliberate change adds a history entry, typing replaces it.
    /// Written after the next paint, once for all changes of a frame (a push if any was one):
    /// `pushState` costs milliseconds, which a click's rows should not wait for; at once while
    /// the app loads.
    pub fn write_url(&self, push: bool) {
        let url = url_state::to_query(&self.view);
        let mut pending = self.url_pending.borrow_mut();
        let push = push || pending.as_ref().is_some_and(|(_, p)| *p);
        // A loading app reads the address when it shows its pieces: it must be current.
        if crate::handoff::app_started() {
            pending.take();
            tactics_dom::write_history(&with_path(url), push);
            return;
        }
        let first = pending.is_none();
        *pending = Some((url, push));
        if first {
            let pending = self.url_pending.clone();
            after_paint(Box::new(move || {
                let next = pending.borrow_mut().take();
                // Once the app is shown, the URL is the app's.
                if let (Some((query, push)), false) = (next, crate::handoff::app_shown()) {
                    tactics_dom::write_history(&with_path(query), push);
                }
            }));
        }
    }

    /// Writes the URL at once (before the app, which reads it, is started).
    pub fn write_url_now(&self, push: bool) {
        self.url_pending.borrow_mut().take();
        tactics_dom::write_history(&self.url(), push);
    }

    /// Back or Forward moved to another entry: a change not yet written is dropped.
    pub fn cancel_url(&self) {
        self.url_pending.borrow_mut().take();
    }

    fn url(&self) -> String {
        with_path(url_state::to_query(&self.view))
    }

    /// Whether this module shows `query` (after Back or Forward): the first view's URL gate
    /// (`first_view::may_show`, as at start), and the same data file as the one read (another
    /// file is the app's to load).
    pub fn shows(&self, query: &str) -> bool {
        first_view::may_show(query, self.file, &self.ds)
            && url_state::parse(query).0.data == self.view.data
    }
}

/// The page's path with `query` (read when written: `location` costs a click 0.1 ms).
fn with_path(query: String) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_default();
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// Runs `f` after the next paint: in a task queued from the next animation frame.
/// One function for every caller (not generic): each instance of the glue costs first-load bytes.
fn after_paint(f: Box<dyn FnOnce()>) {
    let Some(win) = web_sys::window() else { return };
    let task = Closure::once_into_js(f);
    let frame = Closure::once_into_js(move || {
        if let Some(win) = web_sys::window() {
            let _ = win.set_timeout_with_callback(task.unchecked_ref());
        }
    });
    let _ = win.request_animation_frame(frame.unchecked_ref());
}
