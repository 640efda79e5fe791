//! The matrix body as one escaped HTML string.
//!
//! A page of 50 places had 750 cells; building them as separate reactive views cost about
//! 130 ms of script per filter click at 3,000 places (docs/PERFORMANCE.md). One string, set as the body's
//! inner HTML, is parsed by the browser in a few milliseconds. Every text and attribute from the
//! data goes through [`escape`], so data is always shown as text; clicks are read back from
//! `data-` attributes by one delegated listener.

use crate::dataset::{
    CellState, Dataset, Index, NationalCount, Qualifier, SourceKind, Tactic, TacticUse, UseStatus,
};
use crate::filter::{self, Dir, Filter, SortKey};
use crate::text::{escape, group};
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
            if !filter.counts(u) {
                (
                    "outside",
                    format!("Used{years}, outside the selected years; {evidence}"),
                )
            } else if kind == Some(SourceKind::Primary) {
                ("used", format!("Used{years}; {evidence}"))
            } else {
                ("compiled", format!("Used{years}; {evidence}"))
            }
        }
        CellState::NotFound(u) => {
            let when = u.checked.as_deref().unwrap_or("an unknown date");
            ("notfound", format!("Not found (searched {when})"))
        }
        CellState::NotResearched => ("unknown", NOT_RESEARCHED.to_string()),
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
pub const LEGEND_HTML: &str = "<p class=\"legend\">\
     <span class=\"mark\"><span class=\"cell-used\" aria-hidden=\"true\">●</span> Used: a primary source \
     (police, court, government or news of the event) documents it</span> \
     <span class=\"mark\"><span class=\"cell-compiled\" aria-hidden=\"true\">◆</span> Used: only a compilation \
     (such as a Demand Forum narrative) documents it</span> \
     <span class=\"mark\"><span class=\"cell-outside\" aria-hidden=\"true\">◐</span> Used, outside the selected years</span> \
     <span class=\"mark\"><span class=\"cell-notfound\" aria-hidden=\"true\">○</span> Searched, not found</span> \
     <span class=\"mark\"><span class=\"cell-unknown\" aria-hidden=\"true\">·</span> Blank: not researched, \
     which never means \u{201c}not used\u{201d}</span></p>";

/// Years and source titles of a cell, for hover and focus.
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
    for id in &u.sources {
        if let Some(s) = ds.source(index, id) {
            let kind = s.kind.map_or("", |k| k.label());
            parts.push(format!("{} ({}; {kind})", s.title, s.publisher));
        }
    }
    parts.join(" · ")
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
        .filter_map(|&(i, pos)| {
            ds.jurisdictions.get(pos)?;
            let mut rest = String::with_capacity(2048);
            row(&mut rest, ds, index, page, pos);
            Some(RowHtml { index: i + 2, rest })
        })
        .collect()
}

/// A row's markup after its `aria-rowindex`.
fn row(out: &mut String, ds: &Dataset, index: &Index, page: &Page<'_>, pos: usize) {
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
         title=\"{name}\"><span class=\"name\">{name}</span></button>\
         <span class=\"kind\">{}</span></th>\
         <td class=\"num\">{population}</td><td class=\"num total\">{total}</td>",
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
         aria-haspopup=\"dialog\" aria-label=\"{}\" data-cell=\"{pos}:{t}\"></button></td>",
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
    "<td class=\"cell cell-unknown\" aria-label=\"",
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

/// The table caption's end: what the rows are sorted by, in words.
pub fn sort_caption(key: &SortKey, dir: Dir) -> String {
    let what = match key {
        SortKey::Name => "place name".to_string(),
        SortKey::Population => "population".to_string(),
        SortKey::Total => "number of tactics used".to_string(),
        SortKey::Tactic(id) => format!("use of {id}"),
    };
    let order = match dir {
        Dir::Asc => "ascending",
        Dir::Desc => "descending",
    };
    format!("{what}, {order}.")
}

/// The newest national count of a tactic.
pub fn latest_national(t: &Tactic) -> Option<&NationalCount> {
    t.national.iter().max_by(|a, b| a.as_of.cmp(&b.as_of))
}

/// The label of the national row: the dataset's newest national count date.
pub fn national_label(ds: &Dataset) -> String {
    let newest = ds
        .tactics
        .iter()
        .filter_map(|t| latest_national(t).map(|n| n.as_of.as_str()))
        .max()
        .unwrap_or("unknown");
    format!("U.S. places known to use each tactic (as of {newest})")
}

/// A national cell's short text (`>1200`) and its words (`more than 1200 as of 2024`).
pub fn national_cell(n: &NationalCount) -> (String, String) {
    let mark = if n.qualifier == Qualifier::Exact {
        ""
    } else {
        ">"
    };
    (
        format!("{mark}{}", n.count),
        format!("{}{} as of {}", n.qualifier.prefix(), n.count, n.as_of),
    )
}
