//! The fixed markup around the matrix's rows that every runtime writes: the header with its
//! sort buttons, the column key, the pager, the note of an empty table, the filter bar and
//! panel, and the hotline's line.
//! One home for the build's prerender (`crates/cli`), the first view (`crates/first-view`) and
//! the app (`src/ui`).

use crate::markup::rows;
use crate::markup::text::escape;
use crate::model::dataset::{Dataset, Index};
use crate::query::filter::{Dir, SortKey};
use crate::query::first_view::Frame;
use std::fmt::Write;

/// The national hotline in one short line, on every view (embed included): help should not
/// depend on finding and pressing a button.
pub const HOTLINE_LINE: &str = "<p class=\"hotline-line\" data-testid=\"hotline\">\
    <span class=\"hotline-name\">Trafficking hotline: </span>\
    <a href=\"tel:+18883737888\">1-888-373-7888</a> · text <a href=\"sms:233733\">233733</a></p>";

/// "Show places as: Table | Map": two toggle buttons for `shown`. The build writes the table's
/// as a placeholder until the app's is mounted (`live` false: invisible, out of the tab order).
pub fn pane_switch_html(shown: crate::query::url_state::Pane, live: bool) -> String {
    use crate::query::url_state::Pane;
    let pressed = |p: Pane| if p == shown { "true" } else { "false" };
    let (class, attrs, tab) = if live {
        (
            "pane-switch",
            " role=\"group\" aria-labelledby=\"pane-switch-label\"",
            "",
        )
    } else {
        (
            "pane-switch pre-js",
            " aria-hidden=\"true\"",
            " tabindex=\"-1\"",
        )
    };
    format!(
        "<div class=\"{class}\"{attrs}><span id=\"pane-switch-label\">Show places as</span>\
         <button type=\"button\"{tab} data-pane=\"table\" data-testid=\"pane-table\" aria-pressed=\"{}\">Table</button>\
         <button type=\"button\"{tab} data-pane=\"map\" data-testid=\"pane-map\" aria-pressed=\"{}\">Map</button></div>",
        pressed(Pane::Table),
        pressed(Pane::Map)
    )
}

/// The filter bar: search box, the filter panel's toggle with the count of active filters, and
/// their chips (filled by the runtime that shows the view). Written once, by the first view
/// or, without one, by the app; the other adopts it.
pub fn filter_bar_html(panel_open: bool) -> String {
    format!(
        "<div class=\"filterbar\" data-testid=\"filterbar\"><div class=\"search\">\
         <label for=\"q\">Search<span class=\"sr\"> places</span></label>\
         <input id=\"q\" name=\"q\" type=\"search\" autocomplete=\"off\" maxlength=\"{}\">\
         <button type=\"button\" class=\"filters-toggle\" data-action=\"toggle\" data-testid=\"filters-toggle\" \
         aria-expanded=\"{panel_open}\" aria-controls=\"filters-panel\">Filters (0)</button></div>\
         <ul class=\"chips\" aria-label=\"Active filters\" data-testid=\"chips\" hidden></ul></div>",
        crate::query::url_state::MAX_Q
    )
}

/// The filter panel (`filter_panel::panel_html_in`) in its `aside`, hidden unless `open`.
pub fn filter_panel_html(ds: &Dataset, index: &Index, years: (i32, i32), open: bool) -> String {
    format!(
        "<aside id=\"filters-panel\" class=\"filters\" aria-labelledby=\"filters-title\" data-testid=\"filters\"{}>{}</aside>",
        if open { "" } else { " hidden" },
        crate::markup::filter_panel::panel_html_in(ds, index, years)
    )
}

/// "Page 2 of 5".
pub fn pager_text(page: usize, pages: usize) -> String {
    format!("Page {} of {pages}", page + 1)
}

/// The pager under the table (`page` 0-based, `pages` at least 2; there is none for one page).
/// Its buttons carry `data-page` (`prev`, `next`) for one delegated listener. `live` is false
/// for the build's page, where it is a placeholder until the first view's module runs (no
/// JavaScript: one page of rows and a list of them all, so no control that does nothing).
pub fn pager_html(page: usize, pages: usize, live: bool) -> String {
    let (class, hidden, off) = if live {
        ("pager", "", "")
    } else {
        ("pager pre-js", " aria-hidden=\"true\"", " tabindex=\"-1\"")
    };
    let disabled = |yes: bool| if yes { " disabled" } else { "" };
    format!(
        "<nav class=\"{class}\"{hidden} aria-label=\"Pages of places\">\
         <button type=\"button\"{off} data-page=\"prev\"{}>Previous</button>\
         <span>{}</span>\
         <button type=\"button\"{off} data-page=\"next\"{}>Next</button></nav>",
        disabled(page == 0),
        pager_text(page, pages),
        disabled(page + 1 >= pages),
    )
}

/// Why the table is empty: a dataset without places is not a filter that matched nothing (which
/// offers to clear the filters, `data-action="clear"`).
pub fn empty_note_html(no_places: bool) -> &'static str {
    if no_places {
        "<div class=\"empty\" data-testid=\"empty\"><p>This dataset has no places, so the table \
         is empty.</p></div>"
    } else {
        "<div class=\"empty\" data-testid=\"empty\"><p>No place matches these filters.</p>\
         <button type=\"button\" data-action=\"clear\">Clear all filters</button></div>"
    }
}

/// The full names behind the short column labels, for readers without hover (phones).
pub fn column_key_html(ds: &Dataset) -> String {
    format!(
        "<details class=\"column-key\" data-testid=\"column-key\">{}</details>",
        column_key_inner_html(ds)
    )
}

/// The inside of [`column_key_html`]'s `<details>`.
pub fn column_key_inner_html(ds: &Dataset) -> String {
    let mut out = String::from("<summary>Column names</summary><dl>");
    for t in &ds.tactics {
        let _ = write!(
            out,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(&rows::short_label(&t.id, &t.name)),
            escape(&t.name)
        );
    }
    out.push_str("</dl>");
    out
}

/// The table's header row (the inside of `<thead>`) with its sort buttons (`data-sort`, read by
/// one delegated listener); only the sorted column carries `aria-sort`.
pub fn header_html(ds: &Dataset, sort: &SortKey, dir: Dir) -> String {
    let mut out = String::from("<tr aria-rowindex=\"1\">");
    let plain = [
        (SortKey::Name, "Place", "place-col"),
        (SortKey::Population, "Population", "num-col"),
        (SortKey::Total, rows::TOTAL_HEADER, "num-col"),
    ];
    let sorted = |key: &SortKey| (sort == key).then_some(dir);
    for (key, label, class) in plain {
        sort_header(&mut out, sorted(&key), &key, (class, label, None));
    }
    for t in &ds.tactics {
        let key = SortKey::Tactic(t.id.clone());
        let short = rows::short_label(&t.id, &t.name);
        sort_header(
            &mut out,
            sorted(&key),
            &key,
            ("tactic-col", &t.name, Some(&short)),
        );
    }
    out.push_str("</tr>");
    out
}

/// One column header; a short visible label keeps the full one as its accessible name and
/// tooltip.
fn sort_header(
    out: &mut String,
    sorted: Option<Dir>,
    key: &SortKey,
    (class, label, short): (&str, &str, Option<&str>),
) {
    let (aria, arrow) = rows::sort_mark(sorted);
    let aria = aria
        .map(|a| format!(" aria-sort=\"{a}\""))
        .unwrap_or_default();
    let label = escape(label);
    let (title, text) = match short {
        Some(s) => (
            format!(" title=\"{label}\""),
            format!(
                "<span class=\"label\" aria-hidden=\"true\">{}</span><span class=\"sr\">{label}</span>",
                escape(s)
            ),
        ),
        None => (String::new(), format!("<span class=\"label\">{label}</span>")),
    };
    let _ = write!(
        out,
        "<th scope=\"col\" class=\"{class}\"{aria}{title}><button type=\"button\" class=\"sort\" tabindex=\"-1\" data-sort=\"{}\">\
         {text}<span class=\"arrow\" aria-hidden=\"true\">{arrow}</span></button></th>",
        escape(key.id())
    );
}

/// The inside of the table's `<tfoot>`: the totals of the `n` places shown (`totals`, in the
/// dataset's tactic order) and the national row.
pub fn foot_html(ds: &Dataset, n: usize, totals: &[usize]) -> String {
    let mut out = format!(
        "<tr aria-rowindex=\"{}\"><th scope=\"row\">{}</th><td></td><td></td>",
        rows::totals_rowindex(n),
        rows::TOTALS_ROW
    );
    for total in totals {
        let _ = write!(out, "<td class=\"num\">{total}</td>");
    }
    let _ = write!(
        out,
        "</tr><tr aria-rowindex=\"{}\">{}</tr>",
        rows::aria_rowcount(n),
        crate::markup::page_parts::national_row(ds)
    );
    out
}

/// The inside of the matrix section (`<section class="matrix">`) showing `frame`: title,
/// legend, count, column key, the table (caption, header, rows, foot) and the pager. The build
/// writes it into the page; the app writes it when the page has none for its data. Either way
/// the first view and the app then keep it showing the view (`tactics_dom::matrix_view`), and
/// the app adopts the build's section rather than drawing another.
pub fn matrix_inner_html(ds: &Dataset, frame: &Frame, live: bool) -> String {
    let n = frame.shown();
    let mut out = String::from("<h2 id=\"matrix-title\">Tactics by place</h2>");
    out.push_str(rows::LEGEND_HTML);
    let _ = write!(
        out,
        "<p class=\"count\" role=\"status\" aria-live=\"polite\" data-testid=\"row-count\">{}</p>",
        escape(&frame.count)
    );
    out.push_str(&column_key_html(ds));
    if n == 0 {
        out.push_str(empty_note_html(ds.jurisdictions.is_empty()));
    }
    out.push_str(&rows::skip_table_html("table-end"));
    let (sort, dir) = (&frame.sorted.0, frame.sorted.1);
    let _ = write!(
        out,
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Tactics table, scrolls sideways\">\
         <div class=\"tip\" role=\"tooltip\" data-testid=\"cell-tip\" hidden></div>\
         <table role=\"grid\" aria-rowcount=\"{}\" data-testid=\"matrix-table\"><caption><span>{}</span><span class=\"sr\">{}</span></caption>\
         <thead>{}</thead><tbody>",
        frame.row_count,
        escape(&frame.caption),
        rows::BLANK_CELL_NOTE,
        header_html(ds, sort, dir),
    );
    for row in &frame.rows {
        row.write_html(&mut out);
    }
    let _ = write!(
        out,
        "</tbody><tfoot>{}</tfoot></table></div>",
        foot_html(ds, n, &frame.totals)
    );
    out.push_str(&rows::table_end_html("table-end"));
    if frame.pages > 1 {
        out.push_str(&pager_html(frame.page, frame.pages, live));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pane_switch_presses_the_pane_shown_and_its_placeholder_is_inert() {
        use crate::query::url_state::Pane;
        let live = pane_switch_html(Pane::Map, true);
        assert!(live.contains("role=\"group\" aria-labelledby=\"pane-switch-label\""));
        assert!(live.contains("data-pane=\"map\" data-testid=\"pane-map\" aria-pressed=\"true\""));
        assert!(
            live.contains("data-pane=\"table\" data-testid=\"pane-table\" aria-pressed=\"false\"")
        );
        let placeholder = pane_switch_html(Pane::Table, false);
        assert!(placeholder.contains("pre-js\" aria-hidden=\"true\""));
        assert_eq!(placeholder.matches("tabindex=\"-1\"").count(), 2);
    }

    #[test]
    fn the_filter_bar_is_labelled_and_controls_the_panel() {
        let bar = filter_bar_html(false);
        assert!(bar.contains("<label for=\"q\">") && bar.contains("id=\"q\""));
        assert!(bar.contains("aria-expanded=\"false\" aria-controls=\"filters-panel\""));
        let ds = crate::small_fixture();
        let panel = filter_panel_html(&ds, &ds.index(), (2000, 2020), false);
        let open_tag = |html: &str| html[..html.find('>').unwrap_or(0)].to_string();
        assert!(open_tag(&panel).starts_with("<aside id=\"filters-panel\""));
        assert!(open_tag(&panel).ends_with(" hidden"));
        assert!(panel.contains("id=\"filters-title\""));
        let open = filter_panel_html(&ds, &ds.index(), (2000, 2020), true);
        assert!(!open_tag(&open).contains("hidden"));
    }

    #[test]
    fn only_the_sorted_column_has_aria_sort_and_every_tactic_a_button() {
        let ds = crate::small_fixture();
        let html = header_html(&ds, &SortKey::Total, Dir::Desc);
        assert_eq!(html.matches("aria-sort=").count(), 1);
        assert!(html.contains("class=\"num-col\" aria-sort=\"descending\""));
        assert_eq!(html.matches("data-sort=").count(), 3 + ds.tactics.len());
        assert_eq!(
            column_key_html(&ds).matches("<dt>").count(),
            ds.tactics.len()
        );
    }

    #[test]
    fn the_pager_disables_what_leads_nowhere() {
        let first = pager_html(0, 3, true);
        assert!(first.contains("data-page=\"prev\" disabled"));
        assert!(first.contains("data-page=\"next\">"));
        assert!(first.contains("Page 1 of 3"));
        let last = pager_html(2, 3, true);
        assert!(last.contains("data-page=\"next\" disabled"));
        assert!(!last.contains("data-page=\"prev\" disabled"));
    }

    #[test]
    fn the_builds_pager_is_a_placeholder_out_of_the_tab_order() {
        let pre = pager_html(0, 2, false);
        assert!(pre.contains("pre-js") && pre.contains("aria-hidden=\"true\""));
        assert_eq!(pre.matches("tabindex=\"-1\"").count(), 2);
        assert!(!pager_html(0, 2, true).contains("tabindex"));
    }

    #[test]
    fn only_a_filtered_empty_table_offers_to_clear() {
        assert!(empty_note_html(false).contains("data-action=\"clear\""));
        assert!(!empty_note_html(true).contains("button"));
    }
}
