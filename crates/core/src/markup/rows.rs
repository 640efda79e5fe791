//! The matrix body as one escaped HTML string.
//!
//! A page of 50 places had 750 cells; building them as separate reactive views cost about
//! 130 ms of script per filter click at 3,000 places (docs/PERFORMANCE.md). One string, set as the body's
//! inner HTML, is parsed by the browser in a few milliseconds. Every text and attribute from the
//! data goes through [`escape`], so data is always shown as text; clicks are read back from
//! `data-` attributes by one delegated listener.

use crate::markup::text::{escape, group};
use crate::model::dataset::{
    CellState, Dataset, Index, NationalCount, SourceKind, Tactic, TacticUse, UseStatus,
};
use crate::query::filter::{self, Dir, Filter, SortKey, YearClass};
use std::fmt::Write;

/// Rows per page: more than the scroll box shows at once. Layout time grows with the rows on
/// the page (measured: 25 rows lay out in half the time of 50; docs/PERFORMANCE.md). Shared by
/// the app and the build-time first view (`prerender`), so both show the same first page.
pub const PAGE_SIZE: usize = 25;

/// What the matrix body needs to know to draw one page.
pub struct Page<'a> {
    /// (position in the filtered list, place position in the dataset)
    pub rows: &'a [(usize, usize)],
    pub filter: &'a Filter,
}

/// What a cell says, in words for assistive technology and in a tooltip, with its CSS class:
/// `used` (a primary source), `compiled` (only compilations), `outside` (the years' filter),
/// `notfound`, `unknown`.
pub fn cell_text(
    ds: &Dataset,
    index: &Index,
    state: CellState<'_>,
    filter: &Filter,
) -> (&'static str, String) {
    match state {
        CellState::Used(u) => {
            let years = u
                .years_label()
                .map_or_else(|| " (year unknown)".to_string(), |y| format!(" {y}"));
            let kind = ds.evidence_kind(index, u);
            let evidence = evidence_words(kind);
            match filter.year_class(&filter::evidence(u)) {
                YearClass::In if kind == Some(SourceKind::Primary) => {
                    ("used", format!("Used{years}; {evidence}"))
                }
                YearClass::In => ("compiled", format!("Used{years}; {evidence}")),
                YearClass::Out => (
                    "outside",
                    format!("Used{years}, outside the selected years; {evidence}"),
                ),
                YearClass::Uncertain => (
                    "uncertain",
                    format!("{}; {evidence}", uncertain_words(&years, filter)),
                ),
            }
        }
        CellState::NotFound(u) => {
            let when = u.checked.as_deref().unwrap_or("an unknown date");
            ("notfound", format!("Not found (searched {when})"))
        }
        CellState::NotResearched => ("unknown", NOT_RESEARCHED.to_string()),
    }
}

/// The words of a use whose year is uncertain for the selected years (shown apart: its own
/// mark, `cell-uncertain`, and these words, whether or not it is counted).
fn uncertain_words(years: &str, filter: &Filter) -> String {
    let counted = if filter.include_undated {
        "counted because uses of uncertain year are included"
    } else {
        "not counted"
    };
    format!("Used{years}, may or may not fall in the selected years: {counted}")
}

/// The words of the year rule's uncertain uses in the legend ([`LEGEND_HTML`]).
macro_rules! uncertain_legend {
    () => {
        "Used, year uncertain for the selected years"
    };
}

/// The count line above the matrix: "n of m places", and with a year range, the uses whose year
/// is uncertain for it, counted apart ([`filter::uncertain`]).
pub fn count_text(n: usize, places: usize, uncertain: &filter::Uncertain) -> String {
    let u = uncertain.uses;
    let uses = if u == 1 { "use" } else { "uses" };
    let more = match uncertain.places {
        0 => String::new(),
        1 => " (1 more place with them)".to_string(),
        m => format!(" ({m} more places with them)"),
    };
    match (u, uncertain.included) {
        (0, _) => format!("{n} of {places} places"),
        (_, true) => format!("{n} of {places} places; including {u} {uses} of uncertain year"),
        (_, false) => {
            format!("{n} of {places} places; not counted: {u} {uses} of uncertain year{more}")
        }
    }
}

/// How a used cell's evidence is described, in the cell's words and its sources list.
pub fn evidence_words(kind: Option<SourceKind>) -> &'static str {
    match kind {
        Some(SourceKind::Primary) => "documented by a primary source",
        _ => "documented by a compilation only",
    }
}

/// The matrix legend: what each mark means, blank cells included (one home for the build's
/// first view and the app).
pub const LEGEND_HTML: &str = concat!(
    "<p class=\"legend\">\
     <span class=\"mark\"><span class=\"cell-used\" aria-hidden=\"true\">●</span> Used, primary source</span> \
     <span class=\"mark\"><span class=\"cell-compiled\" aria-hidden=\"true\">◆</span> Used, compilation only</span> \
     <span class=\"mark\"><span class=\"cell-outside\" aria-hidden=\"true\">◐</span> Used, outside the selected years</span> \
     <span class=\"mark\"><span class=\"cell-uncertain\" aria-hidden=\"true\">◇</span> ",
    uncertain_legend!(),
    "</span> \
     <span class=\"mark\"><span class=\"cell-notfound\" aria-hidden=\"true\">○</span> Searched, not found</span> \
     <span class=\"mark\"><span class=\"cell-unknown\" aria-hidden=\"true\">·</span> Blank: not researched, \
     never \u{201c}not used\u{201d}</span></p>\
     <details class=\"legend-kinds\"><summary>Primary or compilation?</summary><p>A primary source is \
     the police, a court, a government or news of the event itself; a compilation summarises other \
     sources, such as a Demand Forum narrative. A cell is used only where a cited document says the \
     place did it.</p></details>"
);

/// Years and sources of a cell, for hover and focus: how many sources and of which kind (the
/// titles and links are in the cell's sources list, one activation away; a tooltip of titles
/// made the page and the first view's data several times larger at 300 places).
pub fn tooltip(ds: &Dataset, index: &Index, pos: usize, tactic: usize) -> String {
    let u: &TacticUse = match ds.cell(index, pos, tactic) {
        CellState::Used(u) | CellState::NotFound(u) => u,
        CellState::NotResearched => return String::new(),
    };
    let mut parts = vec![match u.status {
        UseStatus::Used => u.years_label().unwrap_or_else(|| "Year unknown".into()),
        UseStatus::NotFound => format!("Searched {}", u.checked.as_deref().unwrap_or("")),
    }];
    // What was searched, when a documented search says it.
    if let Some(search) = u
        .search
        .as_ref()
        .and_then(|id| ds.searches.iter().find(|s| &s.id == id))
    {
        parts.push(search.title.clone());
    }
    if let Some(counted) = source_count(ds, index, u) {
        parts.push(counted);
    }
    parts.join(" · ")
}

/// "2 sources: 1 primary, 1 compilation", "1 source: primary", or None without sources.
fn source_count(ds: &Dataset, index: &Index, u: &TacticUse) -> Option<String> {
    let n = u.sources.len();
    if n == 0 {
        return None;
    }
    let (mut primary, mut compiled) = (0, 0);
    for id in &u.sources {
        match ds.source(index, id).and_then(|s| s.kind) {
            Some(SourceKind::Primary) => primary += 1,
            Some(SourceKind::Compilation) => compiled += 1,
            None => {}
        }
    }
    let noun = if u.status == UseStatus::NotFound {
        "searched"
    } else {
        "documented by"
    };
    Some(match (n, primary, compiled) {
        (1, 1, _) => format!("{noun} 1 primary source"),
        (1, _, 1) => format!("{noun} 1 compilation"),
        (1, _, _) => format!("{noun} 1 source"),
        _ => format!("{noun} {n} sources ({primary} primary, {compiled} compilations)"),
    })
}

/// The `<tr>` elements of one page, in order.
pub fn page_html(ds: &Dataset, index: &Index, page: &Page<'_>) -> String {
    let rows = page_rows(ds, index, page);
    let mut out = String::with_capacity(rows.iter().map(|r| r.rest.len() + 24).sum());
    for r in &rows {
        r.write_html(&mut out);
    }
    out
}

/// One `<tr>` of a page, its `aria-rowindex` apart from the rest of its markup: the first
/// view compares rows by `place` and `rest` to keep the unchanged ones in the page
/// (`row_patch`; `rest` starts with the place's id), and a kept row that moved up or down
/// only gets its index rewritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowHtml {
    /// `aria-rowindex`: the header is row 1, so the first place is row 2.
    pub index: usize,
    /// The markup after `<tr aria-rowindex="N"`, up to and including `</tr>`.
    pub rest: String,
}

impl RowHtml {
    /// Appends the whole `<tr>` to `out`.
    pub fn write_html(&self, out: &mut String) {
        let _ = write!(out, "<tr aria-rowindex=\"{}\"", self.index);
        out.push_str(&self.rest);
    }
}

/// The rows of one page, in order, each with its markup (see [`page_html`]).
pub fn page_rows(ds: &Dataset, index: &Index, page: &Page<'_>) -> Vec<RowHtml> {
    page.rows
        .iter()
        .enumerate()
        .filter_map(|(n, &(i, pos))| {
            ds.jurisdictions.get(pos)?;
            let mut rest = String::with_capacity(2048);
            row(&mut rest, ds, index, page, pos, n == 0);
            Some(RowHtml { index: i + 2, rest })
        })
        .collect()
}

/// A row's markup after its `aria-rowindex`. The matrix is one tab stop (the ARIA grid
/// pattern, driven by `tactics_dom::grid`): every cell is focusable from script
/// (`tabindex="-1"`, a researched cell through its button) and only the first row's place
/// (`first`) is in the tab order until the arrow keys move the stop.
fn row(out: &mut String, ds: &Dataset, index: &Index, page: &Page<'_>, pos: usize, first: bool) {
    let Some(place) = ds.jurisdictions.get(pos) else {
        return;
    };
    let id = escape(&place.id);
    // The name is also the button's tooltip: long names are clamped to a few lines by the
    // stylesheet, and the tooltip still gives the whole of it.
    let name = escape(&place.name);
    let population = place
        .population
        .as_ref()
        .map_or_else(|| "—".to_string(), |p| group(p.value));
    let kind = match &place.state {
        Some(s) => format!("{}, {s}", place.kind.label()),
        None => place.kind.label().to_string(),
    };
    let total = filter::row_total(index, page.filter, pos);
    // Which row is selected is set on the elements afterwards, so opening a profile does not
    // rebuild the page (and lose focus). `aria-rowindex` is written by `RowHtml::write_html`.
    let _ = write!(
        out,
        " data-place=\"{id}\">\
         <th scope=\"row\" class=\"place-col\">\
         <button type=\"button\" class=\"place\" id=\"row-{id}\" data-place=\"{id}\" aria-expanded=\"false\" \
         tabindex=\"{}\" title=\"{name}\"><span class=\"name\">{name}</span></button>\
         <span class=\"kind\">{}</span></th>\
         <td class=\"num\" tabindex=\"-1\">{population}</td><td class=\"num total\" tabindex=\"-1\">{total}</td>",
        if first { 0 } else { -1 },
        escape(&kind),
    );
    for t in 0..ds.tactics.len() {
        cell(out, ds, index, page.filter, pos, t);
    }
    out.push_str("</tr>");
}

fn cell(out: &mut String, ds: &Dataset, index: &Index, filter: &Filter, pos: usize, t: usize) {
    // The tooltip comes from `data-tip` (one shared tooltip element) and the words are no
    // element of their own: layout time grows with the boxes of the new rows, and 13 of a row's
    // 15 cells are often not researched (docs/PERFORMANCE.md). A researched cell's glyph comes
    // from the stylesheet (`::before`, empty alternative text) and its words are its button's
    // `aria-label`. A "not researched" cell has no child and no generated box at all: its dot
    // is a background image in public/app.css and its words are its own `aria-label`.
    let state = ds.cell(index, pos, t);
    if matches!(state, CellState::NotResearched) {
        out.push_str(NOT_RESEARCHED_CELL);
        return;
    }
    let (class, words) = cell_text(ds, index, state, filter);
    let _ = write!(
        out,
        "<td class=\"cell cell-{class}\" data-tip=\"{}\"><button type=\"button\" class=\"cell-btn\" \
         tabindex=\"-1\" aria-haspopup=\"dialog\" aria-label=\"{}\" data-cell=\"{pos}:{t}\"></button></td>",
        escape(&tooltip(ds, index, pos, t)),
        escape(&words),
    );
}

/// The words of a cell that nobody researched (one literal for both constants below).
macro_rules! not_researched {
    () => {
        "Not researched"
    };
}
pub const NOT_RESEARCHED: &str = not_researched!();

/// The markup of such a cell, written as is: most cells of a page are this one.
const NOT_RESEARCHED_CELL: &str = concat!(
    "<td class=\"cell cell-unknown\" tabindex=\"-1\" aria-label=\"",
    not_researched!(),
    "\"></td>"
);

/// A short column label for a tactic (at most six characters), so that all 15 columns fit
/// beside the filters at 1280 px. Each label is a piece of the full name, so the visible text
/// is part of the accessible name (WCAG 2.5.3); the full name is the accessible name and tooltip.
pub fn short_label(id: &str, name: &str) -> String {
    let known = match id {
        "auto-seizure" => "Auto",
        "buyer-arrests" => "Buyer",
        "cameras" => "Cam",
        "community-service" => "Comm",
        "employment-loss" => "Empl",
        "identity-disclosure" => "Ident",
        "it-based-tactics" => "IT",
        "john-school" => "John",
        "letters" => "Lett",
        "license-suspension" => "Lic",
        "neighborhood-action" => "Neigh",
        "public-education" => "Educ",
        "reverse-stings" => "Rev",
        "soap-orders" => "SOAP",
        "web-stings" => "Web",
        _ => "",
    };
    if known.is_empty() {
        name.chars().take(6).collect()
    } else {
        known.to_string()
    }
}

/// Reads a cell button's `data-cell` value back into (place position, tactic position).
pub fn parse_cell_ref(s: &str) -> Option<(usize, usize)> {
    let (p, t) = s.split_once(':')?;
    Some((p.parse().ok()?, t.parse().ok()?))
}

/// The link before the matrix that skips its rows (one tab stop, but a long way to arrow
/// through), to the end mark [`table_end_html`] after the table; `id` differs between the
/// prerendered view and the app, which are in the page together while the app loads.
pub fn skip_table_html(id: &str) -> String {
    format!("<a class=\"skip skip-table\" href=\"#{id}\">Skip the table</a>")
}

/// Where [`skip_table_html`] leads: a mark after the table that takes focus, so the next Tab
/// goes on from there.
pub fn table_end_html(id: &str) -> String {
    format!("<p id=\"{id}\" class=\"sr\" tabindex=\"-1\">End of the table</p>")
}

/// The table's caption, without [`BLANK_CELL_NOTE`]: what it shows and in which order.
pub fn caption_text(key: &SortKey, dir: Dir) -> String {
    format!(
        "Tactics documented for each place. Sorted by {}",
        sort_caption(key, dir)
    )
}

/// Said after the caption, to screen readers only. A "not researched" cell is named by its
/// `aria-label`, which some screen readers do not read in a table (NVDA reads a cell's
/// content, and the cell has none): to them it is blank, and this says what blank means.
pub const BLANK_CELL_NOTE: &str =
    " A blank cell was not researched: it never means the tactic was not used.";

/// The header of the column that counts a row's documented tactics.
pub const TOTAL_HEADER: &str = "Documented tactics";

/// The heading of the totals row: a count says where a tactic is documented, not where it is
/// used, so a place with fewer documents is never read as doing less.
pub const TOTALS_ROW: &str = "Places where each tactic is documented (this view)";

/// `aria-rowcount` of a table showing `n` places: the header, the rows and the two footer rows
/// (totals, then the national row, whose `aria-rowindex`es are `n + 2` and `n + 3`).
pub fn aria_rowcount(n: usize) -> usize {
    n + 3
}

/// The `aria-rowindex` of the footer's totals row; the national row's is one more.
pub fn totals_rowindex(n: usize) -> usize {
    n + 2
}

/// A direction in words, as `aria-sort` and the caption say it.
pub fn dir_word(dir: Dir) -> &'static str {
    match dir {
        Dir::Asc => "ascending",
        Dir::Desc => "descending",
    }
}

/// A column header's sort mark: `aria-sort` (only on the sorted column) and the arrow shown.
pub fn sort_mark(sorted: Option<Dir>) -> (Option<&'static str>, &'static str) {
    match sorted {
        Some(Dir::Asc) => (Some(dir_word(Dir::Asc)), "▲"),
        Some(Dir::Desc) => (Some(dir_word(Dir::Desc)), "▼"),
        None => (None, "↕"),
    }
}

/// The table caption's end: what the rows are sorted by, in words.
pub fn sort_caption(key: &SortKey, dir: Dir) -> String {
    let what = match key {
        SortKey::Name => "place name".to_string(),
        SortKey::Population => "population".to_string(),
        SortKey::Total => "number of tactics used".to_string(),
        SortKey::Tactic(id) => format!("use of {id}"),
    };
    format!("{what}, {}.", dir_word(dir))
}

/// The newest national count of a tactic.
pub fn latest_national(t: &Tactic) -> Option<&NationalCount> {
    t.national.iter().max_by(|a, b| a.as_of.cmp(&b.as_of))
}

/// The label of the national row: each count shows its own as-of date under it (they come
/// from different years; the newest date alone would overstate the older ones).
pub fn national_label(_ds: &Dataset) -> String {
    "U.S. places known to use each tactic (each count with its date)".to_string()
}

/// A national cell's count in words with digit grouping ("at least 2,690", never ">2690") and
/// its own as-of date ("as of 2018").
pub fn national_cell(n: &NationalCount) -> (String, String) {
    (
        format!("{}{}", n.qualifier.prefix(), group(n.count)),
        format!("as of {}", n.as_of),
    )
}

/// A national cell's content, the same in the app and the page written by the build: the
/// count in words, then its own as-of date on a line of its own.
pub fn national_cell_html(n: &NationalCount) -> String {
    let (count, as_of) = national_cell(n);
    format!(
        "<span class=\"national-count\">{}</span> <span class=\"as-of\">{}</span>",
        escape(&count),
        escape(&as_of)
    )
}
