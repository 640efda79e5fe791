//! The matrix as the person sees it, as CSV: the rows shown in their order, the columns shown,
//! each cell's state, years and standing against the selected years in words, and first the
//! dataset's as-of date, version and citation, the filters, the year rule and the view's URL.

use crate::export::csv_text;
use tactics_core::markup::chips::chips;
use tactics_core::markup::rows;
use tactics_core::model::dataset::{CellState, Dataset, Index};
use tactics_core::query::filter::{self, evidence, Filter, YearClass};

/// The year rule in one line, written above the table when a year range is set.
pub const YEAR_RULE: &str = "Year rule: with a year range, a use counts when a year with \
    evidence lies in the range; a use with no known year, or with only a first year (since) or \
    a last year (by) that leaves the range open, is of uncertain year and counts only when uses \
    of uncertain year are included (docs/DATA.md, The year rule)";

/// A cell in words, as the screen says it: the state, the years or "year unknown", where the
/// use stands against the selected years, and the kind of evidence when it is known.
pub fn cell_words(ds: &Dataset, index: &Index, state: CellState<'_>, filter: &Filter) -> String {
    match state {
        CellState::Used(u) => {
            let years = u
                .years_label()
                .unwrap_or_else(|| "year unknown".to_string());
            let standing = match filter.year_class(&evidence(u)) {
                YearClass::In => "",
                YearClass::Out => ", outside the selected years",
                YearClass::Uncertain if filter.include_undated => {
                    ", year uncertain for the selected years, counted (uses of uncertain year included)"
                }
                YearClass::Uncertain => ", year uncertain for the selected years, not counted",
            };
            let kind = rows::evidence_words(ds.evidence_kind(index, u));
            format!("Used, {years}{standing}; {kind}")
        }
        CellState::NotFound(u) => match &u.checked {
            Some(when) => format!("Searched, not found (searched {when})"),
            None => "Searched, not found".to_string(),
        },
        CellState::NotResearched => "Not researched".to_string(),
    }
}

/// The matrix's current view: `rows` are place positions in the order shown (from
/// [`filter::visible`]), `url` the address of the view. Lines starting with `#` before the
/// header say what the data is, which filters and year rule made the view, where it is and
/// how to cite it; spreadsheets show them as text above the table.
pub fn matrix_csv(
    ds: &Dataset,
    index: &Index,
    filter: &Filter,
    rows: &[usize],
    url: &str,
) -> String {
    let mut header: Vec<String> = ["Place", "Kind", "Population", rows::TOTAL_HEADER]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(
        ds.tactics
            .iter()
            .map(|t| crate::cell::guard(t.name.clone())),
    );
    let records: Vec<Vec<String>> = rows
        .iter()
        .filter_map(|&p| row(ds, index, filter, p))
        .collect();
    let filters: Vec<String> = chips(filter, ds).into_iter().map(|c| c.label).collect();
    let mut about = vec![
        ds.meta.title.clone(),
        format!("Data as of {}, version {}", ds.meta.as_of, ds.meta.version),
        format!("Cite as: {}", ds.meta.citation),
        format!(
            "This view: {} of {} places",
            records.len(),
            ds.jurisdictions.len()
        ),
        if filters.is_empty() {
            "Filters: none".to_string()
        } else {
            format!("Filters: {}", filters.join("; "))
        },
    ];
    if filter.has_years() {
        about.push(YEAR_RULE.to_string());
    }
    about.push(format!("View: {url}"));
    let mut out = about_lines(&about);
    out.push_str(csv_text(&header, &records).trim_start_matches(crate::export::BOM));
    out
}

/// The lines before the header, with the byte order mark: `#` then the text as one guarded,
/// quoted field. Readers that know comments skip the line; a spreadsheet shows the text in
/// one cell, never as a formula, and a stray quote or comma in it cannot shift the table.
fn about_lines(lines: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    for line in lines {
        let text = crate::cell::guard(line.replace(['\r', '\n'], " "));
        // Writing to a Vec cannot fail; a failure would only shorten the file.
        let _ = writer.write_record(["#", text.as_str()]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{}{}", crate::export::BOM, String::from_utf8_lossy(&bytes))
}

fn row(ds: &Dataset, index: &Index, filter: &Filter, p: usize) -> Option<Vec<String>> {
    let place = ds.jurisdictions.get(p)?;
    let kind = match &place.state {
        Some(s) => format!("{}, {s}", place.kind.label()),
        None => place.kind.label().to_string(),
    };
    let mut out = vec![
        crate::cell::guard(place.name.clone()),
        crate::cell::guard(kind),
        place
            .population
            .as_ref()
            .map_or_else(String::new, |x| x.value.to_string()),
        filter::row_total(index, filter, p).to_string(),
    ];
    out.extend(
        (0..ds.tactics.len())
            .map(|t| crate::cell::guard(cell_words(ds, index, ds.cell(index, p, t), filter))),
    );
    Some(out)
}
