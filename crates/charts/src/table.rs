//! The data table (one row per drawn mark) and its CSV download.

use crate::panel::{visible, visible_range};
use crate::{ChartOptions, Panel, TableRow};
use std::fmt::Write as _;

/// The figures drawn (inside from/to), by period, then series in panel order, then source order.
pub fn table_rows(panel: &Panel<'_>, opts: &ChartOptions) -> Vec<TableRow> {
    let Some(range) = visible_range(panel, opts) else {
        return Vec::new();
    };
    let mut rows: Vec<(usize, TableRow)> = Vec::new();
    for (i, s) in panel.series.iter().enumerate() {
        let conflicts = s.conflicting_periods();
        for o in visible(s, range) {
            rows.push((
                i,
                TableRow {
                    period_label: s.period_label(o.period),
                    period: o.period,
                    series_name: s.name.clone(),
                    value: o.value,
                    source_id: o.source.clone(),
                    conflict: conflicts.binary_search(&o.period).is_ok(),
                    note: o.note.clone(),
                },
            ));
        }
    }
    rows.sort_by_key(|(i, r)| (r.period, *i));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A CSV field, quoted as RFC 4180 asks, and defused against spreadsheet formulas: a cell whose
/// first non-blank character is = + - @ (or that starts with a tab or carriage return) gets a
/// leading apostrophe.
fn csv_field(s: &str) -> String {
    let risky = s.starts_with(['\t', '\r'])
        || s.trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The table as CSV (CRLF line ends): a header, one line per row, a blank line, then
/// "Cite as" and "Data as of" lines. `sources` maps a source id to (title, URL); unknown ids
/// are written as the id with no URL.
pub fn to_csv(
    rows: &[TableRow],
    unit: &str,
    sources: &dyn Fn(&str) -> Option<(String, String)>,
    citation: &str,
    as_of: &str,
) -> String {
    let mut out = String::from("period,series,value,unit,source,source_url,conflict,note\r\n");
    for r in rows {
        let (title, url) =
            sources(&r.source_id).unwrap_or_else(|| (r.source_id.clone(), String::new()));
        let fields = [
            r.period_label.as_str(),
            r.series_name.as_str(),
            &r.value.to_string(),
            unit,
            &title,
            &url,
            if r.conflict { "yes" } else { "no" },
            r.note.as_deref().unwrap_or(""),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    let _ = write!(
        out,
        "\r\nCite as,{}\r\nData as of,{}\r\n",
        csv_field(citation),
        csv_field(as_of)
    );
    out
}
