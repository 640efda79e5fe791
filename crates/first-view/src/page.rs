//! The prerendered matrix section, kept showing the view state.

use crate::Read;
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::chips::Chip;
use tactics_core::dataset::{Dataset, Index};
use tactics_core::filter::Filter;
use tactics_core::filter_panel;
use tactics_core::first_view::{self, Frame};
use tactics_core::url_state::{self, ViewState};
use tactics_dom::all;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub struct Page {
    pub pre: Element,
    pub ds: Dataset,
    pub index: Index,
    pub view: ViewState,
    pub page: usize,
    /// The years the year fields accept (the whole dataset's, from the data file).
    pub years: (i32, i32),
    /// What the page shows now (None before the first frame).
    last: Option<Frame>,
    /// The filter the panel's controls show, without the search text.
    panel_shows: Option<Filter>,
    /// Whether the prerendered chart is hidden as not this view's.
    chart_stale: Option<bool>,
    /// Whether the data is a `?data=` file's, not the bundled data the page was built from: the
    /// prerendered chart is then never this view's.
    file: bool,
    /// The query to write after the next paint, and whether as a new history entry.
    url_pending: Rc<RefCell<Option<(String, bool)>>>,
    /// The matrix body, patched row by row.
    rows: tactics_dom::Rows,
    /// Elements a click writes to, found once when mounted (a `querySelector` each, per
    /// click, cost about 0.3 ms).
    els: Els,
}

/// The fixed elements of the view that a frame writes to.
#[derive(Default)]
struct Els {
    table: Option<Element>,
    count: Option<Element>,
    caption: Option<Element>,
    /// The footer's rows, and the first one's cells (the totals).
    foot_rows: Vec<Element>,
    foot_cells: Vec<Element>,
    chips: Option<Element>,
    toggle: Option<Element>,
    clear: Option<Element>,
    charts: Option<Element>,
    /// The button that asks for the app's charts.
    charts_button: Option<Element>,
}

/// The first element under `root` that `selector` matches.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

impl Page {
    pub fn new(pre: Element, read: Read, view: ViewState) -> Option<Page> {
        // The prerendered table must be there to be kept up to date.
        let tbody = find(&pre, "section.matrix table tbody")?;
        let Read { ds, years, file } = read;
        let index = ds.index();
        Some(Page {
            pre,
            ds,
            index,
            view,
            page: 0,
            years,
            last: None,
            panel_shows: None,
            chart_stale: None,
            file,
            url_pending: Rc::default(),
            rows: tactics_dom::Rows::new(tbody),
            els: Els::default(),
        })
    }

    /// Turns the placeholders into controls and shows the URL's view.
    pub fn mount(&mut self) {
        // The placeholders kept the controls' room; now they are controls.
        for el in all(&self.pre, ".pre-js") {
            let _ = el.remove_attribute("aria-hidden");
            let _ = el.class_list().remove_1("pre-js");
            // The placeholder may be the button itself ("Use your own data").
            if el.get_attribute("tabindex").as_deref() == Some("-1") {
                let _ = el.remove_attribute("tabindex");
            }
            for b in all(&el, "[tabindex='-1']") {
                let _ = b.remove_attribute("tabindex");
            }
        }
        if let Some(bar) = find(&self.pre, ".filterbar") {
            bar.set_inner_html(&first_view::filter_bar_html(wide_screen()));
        }
        if let Some(panel) = find(&self.pre, "aside.pre-filters") {
            panel.set_id("pre-filters-panel");
            let _ = panel.class_list().remove_1("pre-filters");
            let _ = panel.set_attribute("aria-labelledby", "filters-title");
            panel.set_inner_html(&filter_panel::panel_html_in(
                &self.ds,
                &self.index,
                self.years,
            ));
            let _ = panel.toggle_attribute_with_force("hidden", !wide_screen());
        }
        if let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") {
            if let Ok(tip) = self
                .pre
                .owner_document()
                .map_or(Err(()), |d| d.create_element("div").map_err(|_| ()))
            {
                tip.set_class_name("tip");
                let _ = tip.set_attribute("role", "tooltip");
                let _ = tip.set_attribute("hidden", "");
                let _ = scroll.prepend_with_node_1(&tip);
            }
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
        if let Some(count) = find(&self.pre, "section.matrix .count") {
            // Announced when it changes, as the app's.
            let _ = count.set_attribute("role", "status");
            let _ = count.set_attribute("aria-live", "polite");
        }
        self.add_loading_line();
        self.find_els();
        if let Some(q) = self.search_box() {
            q.set_value(&self.view.filter.q);
        }
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
        let foot_rows = all(pre, "section.matrix tfoot tr");
        let foot_cells = foot_rows
            .first()
            .map(|first| all(first, "td"))
            .unwrap_or_default();
        self.els = Els {
            table: find(pre, "section.matrix table"),
            count: find(pre, "section.matrix .count"),
            // The caption's first span: the second is its note for screen readers.
            caption: find(pre, "section.matrix caption > span"),
            foot_rows,
            foot_cells,
            chips: find(pre, ".filterbar ul.chips"),
            toggle: find(pre, ".filterbar .filters-toggle"),
            clear: find(pre, "#pre-filters-panel [data-action=clear]"),
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

    pub fn search_box(&self) -> Option<HtmlInputElement> {
        find(&self.pre, "#pre-q")?.dyn_into().ok()
    }

    /// Writes what depends on the view state and changed since the last frame: an unchanged
    /// text or attribute is not written again, as writing it would make the browser lay the
    /// table out again (measured: a tactic click's layout and style work).
    pub fn show(&mut self) {
        let frame = first_view::frame(&self.ds, &self.index, &self.view, self.page);
        self.page = frame.page;
        let was = self.last.take();
        let same = |eq: &dyn Fn(&Frame) -> bool| was.as_ref().is_some_and(eq);
        self.show_table(&frame, was.as_ref());
        if !same(&|w| w.row_count == frame.row_count) {
            if let Some(table) = &self.els.table {
                let _ = table.set_attribute("aria-rowcount", &frame.row_count.to_string());
            }
            self.show_empty(&frame);
        }
        if !same(&|w| w.totals == frame.totals && w.row_count == frame.row_count) {
            self.show_totals(&frame, was.as_ref());
        }
        if !same(&|w| w.sorted == frame.sorted) {
            self.show_order(&frame);
        }
        if !same(&|w| w.chips_html == frame.chips_html) {
            self.show_chips(&frame);
        }
        if !same(&|w| (w.page, w.pages) == (frame.page, frame.pages)) {
            self.show_pager(&frame);
        }
        // The panel shows the filter but the search text (typing does not wake it).
        let panel_filter = self.panel_filter();
        if self.panel_shows.as_ref() != Some(&panel_filter) {
            self.sync_panel();
            self.panel_shows = Some(panel_filter);
        }
        self.mark_chart();
        self.last = Some(frame);
    }

    /// The rows, the count and the caption, where they changed.
    fn show_table(&mut self, frame: &Frame, was: Option<&Frame>) {
        let same = |eq: &dyn Fn(&Frame) -> bool| was.is_some_and(eq);
        if !same(&|w| w.rows == frame.rows) {
            self.rows.show(&frame.rows);
        }
        if !same(&|w| w.count == frame.count) {
            if let Some(count) = &self.els.count {
                count.set_text_content(Some(&frame.count));
            }
        }
        if !same(&|w| w.caption == frame.caption) {
            if let Some(caption) = &self.els.caption {
                caption.set_text_content(Some(&frame.caption));
            }
        }
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

    fn panel_filter(&self) -> Filter {
        Filter {
            q: String::new(),
            ..self.view.filter.clone()
        }
    }

    /// The panel's controls show the filter already: the visitor changed it there. (Reading
    /// back its ~70 controls cost about 2 ms of a click.)
    pub fn panel_shows_filter(&mut self) {
        self.panel_shows = Some(self.panel_filter());
        if let Some(clear) = &self.els.clear {
            let _ = clear.toggle_attribute_with_force("disabled", self.view.filter.is_default());
        }
    }

    /// The chips shown, to read a chip's click back.
    pub fn chips(&self) -> &[Chip] {
        self.last.as_ref().map_or(&[], |f| &f.chips)
    }

    fn show_totals(&self, frame: &Frame, was: Option<&Frame>) {
        for (i, row) in self.els.foot_rows.iter().enumerate() {
            let _ = row.set_attribute("aria-rowindex", &(frame.row_count - 1 + i).to_string());
        }
        // The first two cells are population and total, left empty.
        for (t, cell) in self.els.foot_cells.iter().skip(2).enumerate() {
            let (Some(now), before) = (frame.totals.get(t), was.and_then(|w| w.totals.get(t)))
            else {
                continue;
            };
            if before != Some(now) {
                cell.set_text_content(Some(&now.to_string()));
            }
        }
    }

    fn show_order(&self, frame: &Frame) {
        let (sorted, how) = (&frame.sorted.0, frame.sorted.1);
        for button in all(&self.pre, "section.matrix thead button.sort") {
            let id = button.get_attribute("data-sort").unwrap_or_default();
            let on = &id == sorted;
            let Ok(Some(th)) = button.closest("th") else {
                continue;
            };
            // Only the columns that were or become sorted change.
            if !on && !th.has_attribute("aria-sort") {
                continue;
            }
            let _ = if on {
                th.set_attribute("aria-sort", how)
            } else {
                th.remove_attribute("aria-sort")
            };
            let arrow = match (on, how) {
                (false, _) => "↕",
                (true, "ascending") => "▲",
                (true, _) => "▼",
            };
            if let Some(a) = find(&button, ".arrow") {
                a.set_text_content(Some(arrow));
            }
        }
    }

    fn show_chips(&self, frame: &Frame) {
        if let Some(list) = &self.els.chips {
            list.set_inner_html(&frame.chips_html);
            let _ = list.toggle_attribute_with_force("hidden", frame.chips.is_empty());
        }
        if let Some(toggle) = &self.els.toggle {
            toggle.set_text_content(Some(&format!("Filters ({})", frame.chips.len())));
        }
    }

    fn show_pager(&self, frame: &Frame) {
        let old = find(&self.pre, "section.matrix nav.pager");
        if frame.pages <= 1 {
            if let Some(old) = old {
                old.remove();
            }
            return;
        }
        let nav = match old {
            Some(nav) => nav,
            None => {
                let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") else {
                    return;
                };
                let html = "<nav class=\"pager\" aria-label=\"Pages of places\">\
                    <button type=\"button\" data-page=\"prev\">Previous</button><span></span>\
                    <button type=\"button\" data-page=\"next\">Next</button></nav>";
                let _ = scroll.insert_adjacent_html("afterend", html);
                let Some(nav) = find(&self.pre, "section.matrix nav.pager") else {
                    return;
                };
                nav
            }
        };
        // The buttons stay (a keyboard user on Next stays there); their state and the text change.
        if let Some(prev) = find(&nav, "[data-page=prev]") {
            let _ = prev.toggle_attribute_with_force("disabled", frame.page == 0);
        }
        if let Some(next) = find(&nav, "[data-page=next]") {
            let _ = next.toggle_attribute_with_force("disabled", frame.page + 1 >= frame.pages);
        }
        if let Some(text) = find(&nav, "span") {
            text.set_text_content(Some(&first_view::pager_text(frame.page, frame.pages)));
        }
    }

    fn show_empty(&self, frame: &Frame) {
        let old = find(&self.pre, "section.matrix .empty");
        let empty = frame.row_count == 3;
        match (old, empty) {
            (Some(old), false) => old.remove(),
            (None, true) => {
                let text = if self.ds.jurisdictions.is_empty() {
                    "This dataset has no places, so the table is empty.</p>"
                } else {
                    "No place matches these filters.</p><button type=\"button\" data-action=\"clear\">Clear all filters</button>"
                };
                if let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") {
                    let html =
                        format!("<div class=\"empty\" data-testid=\"empty\"><p>{text}</div>");
                    let _ = scroll.insert_adjacent_html("beforebegin", &html);
                }
            }
            _ => {}
        }
    }

    /// Every control of the panel shows the filter (after a chip, Clear, Back or Forward).
    fn sync_panel(&self) {
        if let Some(panel) = find(&self.pre, "#pre-filters-panel") {
            tactics_dom::show_filter(&panel, &self.view.filter);
        }
    }

    /// The URL says the view: a deliberate change adds a history entry, typing replaces it.
    /// Written after the next paint, once for all changes of a frame (a push if any was one):
    /// `pushState` costs milliseconds, which a click's rows should not wait for.
    pub fn write_url(&self, push: bool) {
        let url = url_state::to_query(&self.view);
        let mut pending = self.url_pending.borrow_mut();
        let first = pending.is_none();
        let push = push || pending.as_ref().is_some_and(|(_, p)| *p);
        *pending = Some((url, push));
        if first {
            let pending = self.url_pending.clone();
            let pre = self.pre.clone();
            after_paint(Box::new(move || {
                let next = pending.borrow_mut().take();
                // Once the app has taken over, the URL is the app's.
                if let (Some((query, push)), true) = (next, pre.is_connected()) {
                    write_history(&with_path(query), push);
                }
            }));
        }
    }

    /// Writes the URL at once (before the app, which reads it, is started).
    pub fn write_url_now(&self, push: bool) {
        self.url_pending.borrow_mut().take();
        write_history(&self.url(), push);
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

    /// The panel's toggle, where focus goes when the control it was on is gone.
    pub fn toggle(&self) -> Option<HtmlElement> {
        find(&self.pre, ".filterbar .filters-toggle")?
            .dyn_into()
            .ok()
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

/// Wide screens show the panel beside the table at first (as the app does); phones start
/// with it closed, so the data comes first.
pub fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 1000px)").ok().flatten())
        .is_some_and(|m| m.matches())
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

fn write_history(url: &str, push: bool) {
    let Some(win) = web_sys::window() else { return };
    tactics_dom::write_history(url, push);
    // An app that is loading has read the URL already: it follows a `popstate` (as after Back),
    // so it takes the page over with this view, not the one it started with.
    if crate::handoff::app_started() {
        if let Ok(event) = web_sys::Event::new("popstate") {
            let _ = win.dispatch_event(&event);
        }
    }
}
