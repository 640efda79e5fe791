//! The page: the top bar (hotline, Get help, Quick exit), the help panel, the masthead, and the
//! slots that the app mounts its pieces into (`data-slot`: the task forces' tools, the notices,
//! the filters, the content, the footer). One function for the build's prerendered page
//! (crates/cli, with the default view's rows in the content slot) and for the runtime when the
//! build wrote none (a dataset with problems): the app mounts into the page that is there, and
//! loading it changes who drives the page's parts, not which page is shown.

use crate::markup::page_parts::{self, DEFAULT_EXIT, EXIT_TITLE};
use crate::markup::panels::help_html;
use crate::markup::shell::HOTLINE_LINE;
use crate::markup::text::escape;
use crate::model::dataset::{built_in_resources, Dataset, Index};
use std::fmt::Write;

/// The page element's id (index.html's empty `<div id="pre">`, filled by the build or the app).
pub const PAGE_ID: &str = "pre";

/// The places the app mounts its pieces into, named by `data-slot`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The task forces' "Embed this view" and "Use your own data", in the masthead's menu.
    Tools,
    /// Notices, the dataset's problems, the own-data panel, at the top of `main`.
    Top,
    /// The filter bar and panel.
    Filters,
    /// The places (table or map), the downloads, a place's profile, the charts.
    Content,
    /// The data credit.
    Footer,
}

impl Slot {
    pub const ALL: [Slot; 5] = [
        Slot::Tools,
        Slot::Top,
        Slot::Filters,
        Slot::Content,
        Slot::Footer,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Slot::Tools => "tools",
            Slot::Top => "top",
            Slot::Filters => "filters",
            Slot::Content => "content",
            Slot::Footer => "footer",
        }
    }

    /// The selector of the slot's element.
    pub fn selector(self) -> String {
        format!("[data-slot={}]", self.name())
    }
}

/// What the page holds before the app mounts: the build's default view, or nothing yet.
#[derive(Default)]
pub struct Drawn<'a> {
    /// The first-view module's data file (the build's), named on the page for it and the loader.
    pub first_view: Option<&'a str>,
    /// The content slot's markup: the default view's matrix section and headline chart.
    pub content: String,
    /// The footer slot's markup: the first page's sources (without JavaScript) and the credit.
    pub footer: String,
}

/// The whole page, for `ds` (its Quick exit site and help) or, before any data is read, with
/// the defaults; `drawn` is what the slots hold until the app mounts its pieces.
pub fn page_html(ds: Option<&Dataset>, drawn: &Drawn) -> String {
    let mut out = String::with_capacity(64 * 1024 + drawn.content.len());
    let _ = write!(out, "<div id=\"{PAGE_ID}\" class=\"pre\"");
    if let Some(path) = drawn.first_view {
        let _ = write!(out, " data-first-view=\"{}\"", escape(path));
    }
    out.push_str("><a class=\"skip\" href=\"#main\">Skip to the data</a>");
    let exit = ds.map_or(DEFAULT_EXIT, page_parts::exit_url);
    let help = ds.map_or_else(|| help_html(&built_in_resources()), page_parts::help);
    topbar(&mut out, exit, &help);
    out.push_str(&page_parts::masthead_html(&slot(
        Slot::Tools,
        TOOLS_PLACEHOLDERS,
    )));
    out.push_str("<main id=\"main\" tabindex=\"-1\">");
    // Shown while the app loads a view the build did not write (the root is `pre-other`).
    out.push_str(&slot(
        Slot::Top,
        "<p class=\"loading pre-other-note\" role=\"status\">Loading the view you asked for…</p>",
    ));
    out.push_str("<div class=\"layout\">");
    out.push_str(&slot(Slot::Filters, FILTERS_PLACEHOLDERS));
    let _ = write!(
        out,
        "<div class=\"content\" data-slot=\"content\">{}</div></div></main>",
        drawn.content
    );
    out.push_str(&slot(Slot::Footer, &drawn.footer));
    out.push_str("</div>");
    out
}

/// A slot that does not box its content (the page's layout sees the pieces).
fn slot(which: Slot, inner: &str) -> String {
    format!(
        "<div class=\"slot\" data-slot=\"{}\">{inner}</div>",
        which.name()
    )
}

/// The hotline line, Get help (which opens the help panel under the bar: `public/pre-guard.js`,
/// before and after the app loads; without JavaScript the panel is shown) and Quick exit (a
/// plain link that pre-guard.js makes leave).
fn topbar(out: &mut String, exit: &str, help: &str) {
    let _ = write!(
        out,
        "<div class=\"topbar\">{HOTLINE_LINE}<div class=\"topbar-actions\">\
         <button type=\"button\" class=\"help-toggle\" aria-expanded=\"false\" aria-controls=\"help-panel\">Get help</button>\
         <a class=\"quick-exit\" data-testid=\"quick-exit\" href=\"{}\" rel=\"noreferrer\" title=\"{}\">Quick exit</a></div></div>\
         <section id=\"help-panel\" class=\"help\" aria-label=\"Help and resources\" data-testid=\"help\" hidden>{help}</section>",
        escape(exit),
        escape(EXIT_TITLE)
    );
}

/// The app's two task-force buttons, as placeholders of the same size until it mounts them.
const TOOLS_PLACEHOLDERS: &str = "<div class=\"embed-dialog pre-js\" aria-hidden=\"true\"><button type=\"button\" tabindex=\"-1\">Embed this view</button></div>\
     <button type=\"button\" class=\"own-data-toggle pre-js\" aria-hidden=\"true\" tabindex=\"-1\">Use your own data</button>";

/// Placeholders for the filter bar and, from 1000 px, the filter panel beside the matrix (the
/// first view writes the real ones in their places: `shell::filter_bar_html`).
const FILTERS_PLACEHOLDERS: &str = "<div class=\"filterbar pre-js\" aria-hidden=\"true\"><div class=\"search\"><label>Search</label>\
     <input type=\"search\" tabindex=\"-1\" disabled><button type=\"button\" class=\"filters-toggle\" tabindex=\"-1\">Filters (0)</button></div></div>\
     <aside class=\"filters pre-filters\"><h2>Filters</h2><p class=\"loading\">Loading the filters…</p></aside>";

/// The default view's matrix section as the build writes it into the content slot, with the
/// pane switch the app's will stand in for.
pub fn matrix_section_html(ds: &Dataset, index: &Index) -> String {
    let view = crate::query::url_state::ViewState::default();
    let frame = crate::query::first_view::frame(ds, index, &view, 0);
    format!(
        "{}<section class=\"matrix pre-view\" aria-labelledby=\"matrix-title\" data-testid=\"pre-matrix\">{}</section>",
        crate::markup::shell::pane_switch_html(crate::query::url_state::Pane::Table, false),
        crate::markup::shell::matrix_inner_html(ds, &frame, false)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slot_is_in_the_page_once_and_the_defaults_without_data() {
        let html = page_html(None, &Drawn::default());
        for s in Slot::ALL {
            assert_eq!(
                html.matches(&format!("data-slot=\"{}\"", s.name())).count(),
                1
            );
        }
        assert!(html.contains(&format!("href=\"{DEFAULT_EXIT}\"")));
        assert!(html.contains("1-888-373-7888"));
        assert!(!html.contains("data-first-view"));
        assert_eq!(html.matches("id=\"main\"").count(), 1);
    }

    #[test]
    fn the_build_s_page_names_its_data_and_holds_the_rows() {
        let ds = crate::small_fixture();
        let drawn = Drawn {
            first_view: Some("data/first-view-1.json"),
            content: matrix_section_html(&ds, &ds.index()),
            footer: String::new(),
        };
        let html = page_html(Some(&ds), &drawn);
        assert!(html.starts_with(
            "<div id=\"pre\" class=\"pre\" data-first-view=\"data/first-view-1.json\">"
        ));
        assert!(html.contains("data-testid=\"pre-matrix\""));
        assert!(html.contains("aria-controls=\"help-panel\""));
    }
}
