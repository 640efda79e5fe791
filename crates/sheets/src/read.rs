//! One CSV file to a [`Sheet`]: its text checked, its table recognised (by name, else by its
//! header row) and its header matched to the table's columns. Problems name the file, and the
//! row and column where they can.

use crate::cell::{fold, short};
use crate::layout::{Column, Shape, Table, PARENT, TABLES};
use crate::problem::{ColumnRef, Problem, Problems};
use csv::StringRecord;
use tactics_core::model::validate::MAX_BYTES;

/// A file as the person chose it: its name and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct NamedFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// One data row: its spreadsheet row number and its cells (trimmed).
#[derive(Debug, Clone)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<String>,
}

/// A file read and matched to its table.
#[derive(Debug, Clone)]
pub struct Sheet {
    pub table: &'static Table,
    pub file: String,
    /// For each column of the table (same order), its position in the file, if present.
    pub positions: Vec<Option<usize>>,
    /// The header row as written in the file.
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl Sheet {
    /// The trimmed cell of table column `c` in `row`; empty when the column is absent.
    pub fn cell<'r>(&self, row: &'r Row, c: usize) -> &'r str {
        self.positions
            .get(c)
            .copied()
            .flatten()
            .and_then(|p| row.cells.get(p))
            .map_or("", String::as_str)
    }

    /// Table column `c` as the person sees it in this file.
    pub fn column_ref(&self, c: usize) -> Option<ColumnRef> {
        let p = self.positions.get(c).copied().flatten()?;
        Some(ColumnRef {
            number: p + 1,
            header: self.headers.get(p).cloned().unwrap_or_default(),
        })
    }
}

/// Reads one file; None (with problems) when nothing in it can be used.
pub fn read(file: NamedFile<'_>, problems: &mut Problems) -> Option<Sheet> {
    let name = file.name;
    if file.bytes.len() > MAX_BYTES {
        let msg = format!(
            "the file is {} bytes, over the limit of {MAX_BYTES}: split the data or leave out what is not needed",
            file.bytes.len()
        );
        problems.push(Problem::error(name, None, None, msg));
        return None;
    }
    let text = match std::str::from_utf8(file.bytes) {
        Ok(t) => t.trim_start_matches('\u{feff}'),
        Err(e) => {
            let msg = format!(
                "the file is not UTF-8 text (byte {} is not valid UTF-8): save it again as \"CSV UTF-8\"",
                e.valid_up_to()
            );
            problems.push(Problem::error(name, None, None, msg));
            return None;
        }
    };
    let mut records = records(name, text, MAX_ROWS, problems)?.into_iter();
    let Some(Row { cells: headers, .. }) = records.next() else {
        let msg = "the file is empty: it needs a header row, as in the template".to_string();
        problems.push(Problem::error(name, None, None, msg));
        return None;
    };
    let table = recognise(name, &headers, problems)?;
    let positions = match_headers(name, table, &headers, problems)?;
    let rows = records.collect();
    let sheet = Sheet {
        table,
        file: name.to_string(),
        positions,
        headers,
        rows,
    };
    stray_cells(&sheet, problems);
    Some(sheet)
}

/// The most rows (with some text) a file may have: 30,000 places with every tactic is about
/// 450,000 rows, and a row costs about 150 bytes while read, so a file of millions of short
/// bad lines is refused instead of filling the memory.
pub const MAX_ROWS: usize = 1_000_000;

/// The header row and every record with a non-empty cell, with its row number (the header
/// is row 1), cells trimmed. Empty rows are dropped while reading, so they cost nothing.
/// None (with a problem) when there are more than `max_rows` rows.
fn records(name: &str, text: &str, max_rows: usize, problems: &mut Problems) -> Option<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut rows = RowNumbers::default();
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => {
                let number = rows.of(text, i, r.position(), &r);
                if i == 0 || r.iter().any(|c| !c.trim().is_empty()) {
                    let cells = r.iter().map(|c| c.trim().to_string()).collect();
                    out.push(Row { number, cells });
                }
            }
            Err(e) => {
                let row = rows.of(text, i, e.position(), &StringRecord::new());
                let msg = format!("this row cannot be read as CSV ({e}); it is left out");
                problems.push(Problem::error(name, Some(row), None, msg));
            }
        }
        if out.len() > max_rows + 1 {
            let msg = format!(
                "the file has more than {max_rows} rows: split the data or leave out what is not needed; nothing in this file was read"
            );
            problems.push(Problem::error(name, None, None, msg));
            return None;
        }
    }
    Some(out)
}

/// Spreadsheet row numbers: the reader skips blank lines, which a spreadsheet shows as rows,
/// so a record's row is its line less the line breaks inside quoted cells before it.
#[derive(Default)]
struct RowNumbers {
    breaks_in_cells: usize,
}

impl RowNumbers {
    /// The row of record `i` (0 is the header); `at` is where the reader began it, before the
    /// blank lines it skipped.
    fn of(&mut self, text: &str, i: usize, at: Option<&csv::Position>, r: &StringRecord) -> usize {
        let (line, byte) = at.map_or((0, 0), |p| (p.line() as usize, p.byte() as usize));
        let skipped = text
            .get(byte..)
            .unwrap_or("")
            .bytes()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|&b| b == b'\n')
            .count();
        // Lines ended by a lone CR are not counted as lines: records still are.
        let number = (line + skipped)
            .saturating_sub(self.breaks_in_cells)
            .max(i + 1);
        self.breaks_in_cells += r.iter().map(|c| c.matches('\n').count()).sum::<usize>();
        number
    }
}

/// "Missoula - Places.csv" -> "places": Google Sheets names downloads "<document> - <sheet>".
fn stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let lower = base.to_lowercase();
    let no_ext = lower.strip_suffix(".csv").unwrap_or(&lower);
    let sheet = no_ext.rsplit(" - ").next().unwrap_or(no_ext);
    fold(sheet)
}

/// The table a file name names, if any ("Missoula - Places.csv" is places).
pub fn table_by_name(name: &str) -> Option<&'static Table> {
    let stem = stem(name);
    TABLES
        .iter()
        .copied()
        .find(|t| fold(t.name) == stem || t.aliases.iter().any(|a| fold(a) == stem))
}

/// The table of a file: by its name, else by the columns its header row names.
fn recognise(name: &str, headers: &[String], problems: &mut Problems) -> Option<&'static Table> {
    let by_name = table_by_name(name);
    if by_name.is_some() {
        return by_name;
    }
    let folded: Vec<String> = headers
        .iter()
        .map(|h| fold(h))
        .filter(|h| !h.is_empty())
        .collect();
    let fits = |t: &&Table| {
        folded.iter().all(|h| header_of(t, h).is_some())
            && t.columns
                .iter()
                .filter(|c| must_be_in_header(t, c))
                .all(|c| folded.contains(&fold(c.header)))
    };
    let candidates: Vec<&Table> = TABLES.iter().copied().filter(fits).collect();
    if let [table] = candidates.as_slice() {
        return Some(table);
    }
    let names: Vec<String> = TABLES.iter().map(|t| t.file_name()).collect();
    let msg = format!(
        "cannot tell which table this file holds: name it after its table ({}) or use the header row of its template",
        names.join(", ")
    );
    problems.push(Problem::error(name, None, None, msg));
    None
}

/// Whether a column's header must be in the file: required, and not part of an optional group.
fn must_be_in_header(table: &Table, c: &Column) -> bool {
    if table.shape == Shape::Fields {
        return false;
    }
    c.required && !c.path.contains('.')
}

/// The headers a file of `table` has: "Field" and "Value" for meta, else the columns.
fn header_of(table: &Table, folded: &str) -> Option<usize> {
    if table.shape == Shape::Fields {
        return ["field", "value"].iter().position(|h| *h == folded);
    }
    table.columns.iter().position(|c| fold(c.header) == folded)
}

/// For each column of the table, where it is in the file. Unknown or repeated headers are
/// refused with their names; a missing required column makes the file unusable.
fn match_headers(
    name: &str,
    table: &'static Table,
    headers: &[String],
    problems: &mut Problems,
) -> Option<Vec<Option<usize>>> {
    let width = if table.shape == Shape::Fields {
        2
    } else {
        table.columns.len()
    };
    let mut positions: Vec<Option<usize>> = vec![None; width];
    for (p, h) in headers.iter().enumerate() {
        if let Err(msg) = place_header(table, &mut positions, p, h) {
            let column = Some(ColumnRef {
                number: p + 1,
                header: h.clone(),
            });
            problems.push(Problem::error(name, Some(1), column, msg));
        }
    }
    let missing = missing_headers(table, &positions);
    if missing.is_empty() {
        return Some(positions);
    }
    let msg = format!(
        "the header row has no column {}: add {} to row 1 (the columns of {} are: {}); nothing in this file was read",
        quoted(&missing),
        if missing.len() == 1 { "it" } else { "them" },
        table.file_name(),
        expected_headers(table)
    );
    problems.push(Problem::error(name, Some(1), None, msg));
    None
}

/// Records that header `h` is at position `p`; why not when it is repeated or unknown.
/// An empty header is skipped (its cells are checked by [`stray_cells`]).
fn place_header(
    table: &Table,
    positions: &mut [Option<usize>],
    p: usize,
    h: &str,
) -> Result<(), String> {
    let folded = fold(h);
    if folded.is_empty() {
        return Ok(());
    }
    match header_of(table, &folded) {
        Some(c) if positions.get(c) == Some(&None) => {
            positions[c] = Some(p);
            Ok(())
        }
        Some(_) => Err(format!(
            "the column \"{}\" appears twice: delete one of them",
            short(h)
        )),
        None => Err(format!(
            "unknown column \"{}\": its cells are not read. The columns of {} are: {}. Rename or delete it",
            short(h),
            table.file_name(),
            expected_headers(table)
        )),
    }
}

/// The headers a file of `table` must have and `positions` did not find.
fn missing_headers(table: &Table, positions: &[Option<usize>]) -> Vec<&'static str> {
    if table.shape == Shape::Fields {
        return ["Field", "Value"]
            .into_iter()
            .zip(positions)
            .filter(|(_, p)| p.is_none())
            .map(|(h, _)| h)
            .collect();
    }
    table
        .columns
        .iter()
        .zip(positions)
        .filter(|(c, p)| p.is_none() && must_be_in_header(table, c))
        .map(|(c, _)| c.header)
        .collect()
}

fn expected_headers(table: &Table) -> String {
    if table.shape == Shape::Fields {
        return "Field, Value".to_string();
    }
    table
        .columns
        .iter()
        .map(|c| c.header)
        .collect::<Vec<_>>()
        .join(", ")
}

fn quoted(headers: &[&str]) -> String {
    headers
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Text in cells past the last header, or under an empty header, would be lost: say where.
fn stray_cells(sheet: &Sheet, problems: &mut Problems) {
    let known: Vec<usize> = sheet.positions.iter().flatten().copied().collect();
    for row in &sheet.rows {
        let stray =
            row.cells.iter().enumerate().find(|(p, c)| {
                !c.is_empty() && !known.contains(p) && !is_unknown_column(sheet, *p)
            });
        if let Some((p, c)) = stray {
            let column = Some(ColumnRef {
                number: p + 1,
                header: sheet.headers.get(p).cloned().unwrap_or_default(),
            });
            let msg = format!(
                "\"{}\" is in a column without a header: move it to its column or delete it",
                short(c)
            );
            problems.push(Problem::error(&sheet.file, Some(row.number), column, msg));
        }
    }
}

/// A column with a header that is not one of the table's (already reported once).
fn is_unknown_column(sheet: &Sheet, p: usize) -> bool {
    sheet.headers.get(p).is_some_and(|h| !fold(h).is_empty())
}

/// Whether a table column is its parent link (a child table's first column).
pub fn is_parent(c: &Column) -> bool {
    c.path == PARENT
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_recognised_loosely() {
        assert_eq!(stem("Missoula data - Tactic uses.csv"), "tactic uses");
        assert_eq!(stem("data/PLACES.CSV"), "places");
        assert_eq!(stem("series_caveats.csv"), "series caveats");
    }

    #[test]
    fn a_header_row_identifies_its_table() {
        let mut problems = Problems::default();
        let headers: Vec<String> = ["Series id", "Year", "Value", "Source"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let t = recognise("export (3).csv", &headers, &mut problems);
        assert_eq!(t.map(|t| t.name), Some("observations"));
        assert!(problems.is_empty());
    }

    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let numbers = |text: &str| -> Vec<(usize, String)> {
            let mut problems = Problems::default();
            records("a.csv", text, MAX_ROWS, &mut problems)
                .into_iter()
                .flatten()
                .map(|r| (r.number, r.cells.join("|")))
                .collect()
        };
        let want = |rows: &[(usize, &str)]| -> Vec<(usize, String)> {
            rows.iter().map(|(n, c)| (*n, c.to_string())).collect()
        };
        // A blank line is a row of the spreadsheet; a cell over two lines is one row.
        let rows = want(&[(1, "h|k"), (3, "x|1"), (4, "a\nb|2"), (6, "y|3")]);
        assert_eq!(numbers("h,k\n\nx,1\n\"a\nb\",2\n\ny,3\n"), rows);
        let crlf = want(&[(1, "h|k"), (3, "x|1"), (4, "a\r\nb|2"), (6, "y|3")]);
        assert_eq!(
            numbers("h,k\r\n\r\nx,1\r\n\"a\r\nb\",2\r\n\r\ny,3\r\n"),
            crlf
        );
        // Old Mac line ends are not counted as lines by the reader: records still count.
        let cr = want(&[(1, "h|k"), (2, "x|1"), (3, "y|3")]);
        assert_eq!(numbers("h,k\rx,1\ry,3\r"), cr);
    }

    #[test]
    fn a_file_with_too_many_rows_is_refused_and_empty_rows_do_not_count() {
        let mut problems = Problems::default();
        let ok = records("a.csv", "h\nx\n\n,\n , \ny\n", 2, &mut problems);
        assert_eq!(ok.map(|r| r.len()), Some(3), "header and two rows");
        assert!(problems.is_empty());
        let too_many = records("a.csv", "h\nx\ny\nz\n", 2, &mut problems);
        assert!(too_many.is_none());
        let (listed, _) = problems.into_parts();
        assert!(listed[0].message.contains("more than 2 rows"), "{listed:?}");
    }
}
