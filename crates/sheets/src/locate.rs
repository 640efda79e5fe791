//! From a JSON path of the core validator (`$.series[2].observations[4].value`) back to the
//! file, row and column the value was read from.

use crate::layout::{self, Shape, Table};
use crate::problem::ColumnRef;
use crate::read::Sheet;
use std::collections::HashMap;

/// What the import recorded about where entries came from.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub sheets: &'a HashMap<&'static str, Sheet>,
    pub entries: &'a HashMap<&'static str, Vec<usize>>,
    pub children: &'a HashMap<(&'static str, usize, &'static str), Vec<usize>>,
    pub meta: &'a HashMap<&'static str, usize>,
}

enum Seg<'p> {
    Key(&'p str),
    Index(usize),
}

/// `$.a[1].b` -> [Key(a), Index(1), Key(b)]; None when it is not such a path.
fn segments(path: &str) -> Option<Vec<Seg<'_>>> {
    let mut out = Vec::new();
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            out.push(Seg::Key(&r[..end]));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Seg::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// The file name, row and column of a JSON path, as far as they are known.
pub fn locate(view: View<'_>, path: &str) -> (String, Option<usize>, Option<ColumnRef>) {
    let segs = segments(path).unwrap_or_default();
    let Some(Seg::Key(first)) = segs.first() else {
        return ("the dataset".to_string(), None, None);
    };
    if *first == "meta" {
        let file = file_name(view, &layout::META);
        let key = match segs.get(1) {
            Some(Seg::Key(k)) => Some(*k),
            _ => None,
        };
        let row = key.and_then(|k| view.meta.get(k).copied());
        let column = row.and_then(|_| view.sheets.get(layout::META.name)?.column_ref(1));
        return (file, row, column);
    }
    let Some(table) = layout::table_of_collection(first) else {
        return ("the dataset".to_string(), None, None);
    };
    let Some(Seg::Index(i)) = segs.get(1) else {
        return (file_name(view, table), None, None);
    };
    let row = view.entries.get(first).and_then(|r| r.get(*i)).copied();
    let rest = segs.get(2..).unwrap_or(&[]);
    if let (Some(Seg::Key(field)), Some(Seg::Index(k))) = (rest.first(), rest.get(1)) {
        if let Some(child) = layout::child_table(table.name, field) {
            let collection = collection_of(table);
            let row = view
                .children
                .get(&(collection, *i, child_field(child)))
                .and_then(|r| r.get(*k))
                .copied();
            return place(view, child, row, rest.get(2..).unwrap_or(&[]));
        }
    }
    place(view, table, row, rest)
}

fn collection_of(table: &Table) -> &'static str {
    match table.shape {
        Shape::Entries { collection } => collection,
        _ => "",
    }
}

fn child_field(child: &Table) -> &'static str {
    match child.shape {
        Shape::Children { field, .. } => field,
        _ => "",
    }
}

/// The row in `table` and the column that the remaining keys name.
fn place(
    view: View<'_>,
    table: &Table,
    row: Option<usize>,
    rest: &[Seg<'_>],
) -> (String, Option<usize>, Option<ColumnRef>) {
    let keys: Vec<&str> = rest
        .iter()
        .filter_map(|s| match s {
            Seg::Key(k) => Some(*k),
            Seg::Index(_) => None,
        })
        .collect();
    let path = keys.join(".");
    let column = table
        .columns
        .iter()
        .position(|c| c.path == path)
        .or_else(|| {
            let prefix = format!("{path}.");
            (!path.is_empty())
                .then(|| {
                    table
                        .columns
                        .iter()
                        .position(|c| c.path.starts_with(&prefix))
                })
                .flatten()
        })
        .and_then(|c| view.sheets.get(table.name)?.column_ref(c));
    (file_name(view, table), row, column)
}

fn file_name(view: View<'_>, table: &Table) -> String {
    view.sheets
        .get(table.name)
        .map_or_else(|| table.file_name(), |s| s.file.clone())
}

/// Replaces JSON paths inside a message ("first at $.uses[3]") with "tactic-uses.csv row 5".
pub fn rewrite_paths(view: View<'_>, message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(start) = rest.find("$.") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == ')' || c == ',' || c == ';')
            .unwrap_or(tail.len());
        let (file, row, column) = locate(view, &tail[..end]);
        out.push_str(&file);
        if let Some(r) = row {
            out.push_str(&format!(" row {r}"));
        }
        if let Some(c) = column {
            out.push_str(&format!(" column \"{}\"", c.header));
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}
