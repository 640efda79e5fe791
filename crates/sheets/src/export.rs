//! A dataset to the CSV files of the layout: the reverse of the import, so that exporting and
//! importing gives back the same dataset.

use crate::cell;
use crate::layout::{Shape, Table, PARENT, TABLES};
use serde_json::Value;
use tactics_core::model::dataset::Dataset;

/// The files (name, text) and what could not be written as it is.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    pub files: Vec<(String, String)>,
    /// Each value that would not read back the same (such as a list item containing `;`).
    pub problems: Vec<String>,
}

/// Marks the text as UTF-8 for spreadsheet programs (Excel reads it as another encoding
/// otherwise); the import skips it.
pub const BOM: &str = "\u{feff}";

/// Every table of the layout as CSV text, in [`TABLES`] order, empty tables with their header.
pub fn export(ds: &Dataset) -> Exported {
    let mut out = Exported::default();
    let Ok(Value::Object(root)) = serde_json::to_value(ds) else {
        return out;
    };
    for table in TABLES {
        let rows = rows(table, &root, &mut out.problems);
        out.files
            .push((table.file_name(), csv_text(&header(table), &rows)));
    }
    out
}

fn header(table: &Table) -> Vec<String> {
    match table.shape {
        Shape::Fields => vec!["Field".into(), "Value".into()],
        _ => table.columns.iter().map(|c| c.header.to_string()).collect(),
    }
}

/// The records of one table: meta fields, entries, or the elements of the entries' lists.
fn rows(
    table: &Table,
    root: &serde_json::Map<String, Value>,
    problems: &mut Vec<String>,
) -> Vec<Vec<String>> {
    match table.shape {
        Shape::Fields => {
            let meta = root.get("meta");
            table
                .columns
                .iter()
                .filter_map(|c| {
                    let v = meta.and_then(|m| m.get(c.path)).unwrap_or(&Value::Null);
                    let text = write(table, c.cell, v, problems);
                    (!text.is_empty()).then(|| vec![c.header.to_string(), text])
                })
                .collect()
        }
        Shape::Entries { collection } => entries(root, collection)
            .map(|e| record(table, e, None, problems))
            .collect(),
        Shape::Children { parent, field } => {
            let collection = crate::layout::table(parent).map_or("", |t| match t.shape {
                Shape::Entries { collection } => collection,
                _ => "",
            });
            entries(root, collection)
                .flat_map(|e| {
                    let id = e.get("id").cloned().unwrap_or(Value::Null);
                    let items = e
                        .get(field)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    items.into_iter().map(move |item| (id.clone(), item))
                })
                .map(|(id, item)| record(table, &item, Some(&id), problems))
                .collect()
        }
    }
}

fn entries<'a>(
    root: &'a serde_json::Map<String, Value>,
    collection: &str,
) -> impl Iterator<Item = &'a Value> {
    root.get(collection)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// One entry (or list element) as a row; `parent` fills the parent link column.
fn record(
    table: &Table,
    entry: &Value,
    parent: Option<&Value>,
    problems: &mut Vec<String>,
) -> Vec<String> {
    table
        .columns
        .iter()
        .map(|c| {
            let v = match c.path {
                PARENT => parent.unwrap_or(&Value::Null),
                "" => entry,
                path => lookup(entry, path),
            };
            write(table, c.cell, v, problems)
        })
        .collect()
}

fn lookup<'v>(entry: &'v Value, path: &str) -> &'v Value {
    path.split('.')
        .try_fold(entry, |v, key| v.get(key))
        .unwrap_or(&Value::Null)
}

fn write(
    table: &Table,
    cell: crate::layout::Cell,
    v: &Value,
    problems: &mut Vec<String>,
) -> String {
    cell::write(cell, v).unwrap_or_else(|| {
        problems.push(format!(
            "{}: {} cannot be written so that it reads back the same (a list item contains \";\")",
            table.file_name(),
            cell::short(&v.to_string())
        ));
        String::new()
    })
}

/// Records as CSV text (quoted where needed), with the byte order mark.
pub fn csv_text(header: &[String], rows: &[Vec<String>]) -> String {
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    for record in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        // Writing to a Vec cannot fail; a failure would only shorten the file.
        let _ = writer.write_record(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8_lossy(&bytes))
}
