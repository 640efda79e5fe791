//! The matrix as the person sees it, as CSV: the rows shown in their order, the columns shown,
//! each cell's state in words, and first the dataset's as-of date and citation.

use crate::export::csv_text;
use tactics_core::dataset::{CellState, Dataset, Index};
use tactics_core::filter::{self, Filter};

/// The words of the three states (a use outside the selected years says so).
pub fn state_words(state: CellState<'_>, filter: &Filter) -> &'static str {
    match state {
        CellState::Used(u) if filter.counts(u) => "Used",
        CellState::Used(_) => "Used, outside the selected years",
        CellState::NotFound(_) => "Searched, not found",
        CellState::NotResearched => "Not researched",
    }
}

/// The matrix's current view: `rows` are place positions in the order shown (from
/// [`filter::visible`]). Lines starting with `#` before the header say what the data is and
/// how to cite it; spreadsheets show them as text above the table.
pub fn matrix_csv(ds: &Dataset, index: &Index, filter: &Filter, rows: &[usize]) -> String {
    let mut header: Vec<String> = ["Place", "Kind", "Population", "Tactics used"]
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
    let about = [
        ds.meta.title.clone(),
        format!("Data as of {}, version {}", ds.meta.as_of, ds.meta.version),
        format!("Cite as: {}", ds.meta.citation),
        format!(
            "This view: {} of {} places",
            records.len(),
            ds.jurisdictions.len()
        ),
    ];
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
        (0..ds.tactics.len()).map(|t| state_words(ds.cell(index, p, t), filter).to_string()),
    );
    Some(out)
}
