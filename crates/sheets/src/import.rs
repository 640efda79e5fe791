//! CSV files to a checked dataset. Each row becomes an entry (or a part of one); a row with a
//! problem is left out and the problem says where. The result then goes through the same core
//! validation as a JSON file, and its problems are placed back on their file, row and column.

use crate::cell::{self, short};
use crate::layout::{self, Column, Shape, Table, PARENT, TABLES};
use crate::problem::{Problem, Problems, Severity};
use crate::read::{self, is_parent, NamedFile, Row, Sheet};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};
use tactics_core::model::dataset::Dataset;
use tactics_core::model::validate::{self, MAX_LISTED};

/// What the files gave: the dataset to show (None when nothing can be shown) and every problem.
#[derive(Debug, Clone)]
pub struct Imported {
    pub dataset: Option<Dataset>,
    pub problems: Vec<Problem>,
    /// Problems beyond [`MAX_LISTED`], counted.
    pub unlisted: usize,
    /// Everything the files hold that the dataset shown lacks, or has in part, because of the
    /// problems: each place, series, event, source… named with its file and row, and what
    /// goes with it (see [`LeftOut`]). Empty for a JSON file.
    pub left_out: Vec<LeftOut>,
    /// The files given that could not be read at all (their problem is listed first).
    pub unread: Vec<String>,
}

/// An entry of the files that is not in the dataset shown (`kept` false), or is there without
/// some of its rows (`kept` true), in words: "place “United States” (united-states,
/// places.csv row 2)" and what goes with it ("with its 3 tactic uses").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeftOut {
    /// The kind of entry in words: "place", "series", "event", "source", …
    pub kind: &'static str,
    pub what: String,
    pub kept: bool,
    pub with: String,
}

impl Imported {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
            + self.unlisted
    }
}

/// Where each entry of the built dataset came from, to place core problems.
#[derive(Default)]
struct Origins {
    /// Table name -> the file it was read from.
    sheets: HashMap<&'static str, Sheet>,
    /// Collection -> the row of each entry.
    entries: HashMap<&'static str, Vec<usize>>,
    /// (collection, entry, field) -> the row of each element.
    children: HashMap<(&'static str, usize, &'static str), Vec<usize>>,
    /// Meta field -> its row.
    meta: HashMap<&'static str, usize>,
    /// Table name -> ids of rows left out, with their row.
    refused: HashMap<&'static str, HashMap<String, usize>>,
    /// Meta fields whose value was refused.
    meta_bad: HashSet<&'static str>,
    /// Tables whose file was given but could not be read.
    unread: HashSet<&'static str>,
    /// (collection, parent id) -> the child rows left out for their own problems, with the
    /// child file's name: the parent is shown without them.
    dropped_children: HashMap<(&'static str, String), Vec<(String, usize)>>,
}

/// Reads what a person chose: one dataset JSON file, or the CSV files of a dataset. The entry
/// point for the browser's "Use your own data" and for scripts that take either.
pub fn open(files: &[NamedFile<'_>], max_year: i32) -> Imported {
    let is_json = |f: &NamedFile<'_>| {
        f.name.to_lowercase().ends_with(".json")
            || f.bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{')
    };
    let json: Vec<&NamedFile<'_>> = files.iter().filter(|f| is_json(f)).collect();
    match json.as_slice() {
        [] => import(files, max_year),
        [one] if files.len() == 1 => open_json(one, max_year),
        _ => {
            let msg = "choose one dataset JSON file, or the CSV files of a dataset, not both (or two JSON files)".to_string();
            finish(None, vec![Problem::error(json[0].name, None, None, msg)], 0)
        }
    }
}

/// One JSON file through the core validator, its problems kept with path and line:column.
fn open_json(file: &NamedFile<'_>, max_year: i32) -> Imported {
    let text = match validate::utf8_text(file.bytes.to_vec()) {
        Ok(t) => t,
        Err(p) => return finish(None, vec![Problem::from_json(file.name, &p)], 0),
    };
    let checked = validate::check(&text, max_year);
    let problems = checked
        .problems
        .iter()
        .map(|p| Problem::from_json(file.name, p))
        .collect();
    finish(checked.dataset, problems, checked.unlisted)
}

/// Reads the CSV files (any order, named or recognised by header) into a checked dataset.
/// `max_year` is the latest allowed year, as for [`validate::check`].
pub fn import(files: &[NamedFile<'_>], max_year: i32) -> Imported {
    let mut problems = Problems::default();
    let mut origins = Origins::default();
    for file in files {
        let Some(sheet) = read::read(*file, &mut problems) else {
            if let Some(table) = read::table_by_name(file.name) {
                origins.unread.insert(table.name);
            }
            continue;
        };
        if let Some(first) = origins.sheets.get(sheet.table.name) {
            let msg = format!(
                "a second file for {}: {} was read already, so this one is not read. Put all rows in one file",
                sheet.table.file_name(),
                first.file
            );
            problems.push(Problem::error(&sheet.file, None, None, msg));
            continue;
        }
        origins.sheets.insert(sheet.table.name, sheet);
    }
    for table in TABLES.iter().filter(|t| t.needed) {
        if !origins.sheets.contains_key(table.name) && !origins.unread.contains(table.name) {
            let msg = format!(
                "no file for {}: add it (start from the template {} and keep its header row, even with no rows)",
                table.name,
                table.file_name()
            );
            problems.push(Problem::error(&table.file_name(), None, None, msg));
        }
    }
    let built = build(&mut origins, &mut problems);
    let text = serde_json::to_string(&Value::Object(built.clone())).unwrap_or_default();
    let checked = validate::check(&text, max_year);
    for p in &checked.problems {
        problems.push(place_core_problem(&origins, p));
    }
    // Grouped by file in the order given, then by row: the order a person fixes them in;
    // but a file that could not be read comes first and alone, and what it causes in other
    // files is one line of consequences, not a problem per row.
    let unread: Vec<String> = origins
        .unread
        .iter()
        .filter_map(|t| layout::table(t).map(Table::file_name))
        .collect();
    let order = |file: &str| {
        files
            .iter()
            .position(|f| f.name == file)
            .map_or(0, |i| i + 1)
    };
    let (listed, unlisted) = problems.into_parts();
    let mut listed = summarise_unread(listed, &unread, files);
    let first = |p: &Problem| {
        let unread_file = files
            .iter()
            .find(|f| f.name == p.file)
            .and_then(|f| read::table_by_name(f.name))
            .is_some_and(|t| origins.unread.contains(t.name));
        !(unread_file && p.severity == Severity::Error && p.row.is_none_or(|r| r == 1))
    };
    listed.sort_by_key(|p| (first(p), order(&p.file), p.row.unwrap_or(0)));
    let left_out = checked
        .dataset
        .as_ref()
        .map(|ds| left_out(&built, ds, &origins))
        .unwrap_or_default();
    let mut imported = finish(checked.dataset, listed, checked.unlisted + unlisted);
    imported.left_out = left_out;
    imported.unread = files
        .iter()
        .filter(|f| read::table_by_name(f.name).is_some_and(|t| origins.unread.contains(t.name)))
        .map(|f| f.name.to_string())
        .collect();
    imported
}

/// The words that start a consequence of a file that could not be read (one home: the
/// notices are written with it and summarised by it).
fn because_unread(file: &str) -> String {
    format!("left out because {file} could not be read")
}

/// Replaces the notices "left out because F could not be read" of other files by one notice
/// per unread file, placed on it: how many rows of which files it leaves out.
fn summarise_unread(
    problems: Vec<Problem>,
    unread: &[String],
    files: &[NamedFile<'_>],
) -> Vec<Problem> {
    if unread.is_empty() {
        return problems;
    }
    let mut out = Vec::with_capacity(problems.len());
    // Unread file -> (other file -> rows left out), in the order files were given.
    let mut counts: Vec<(String, Vec<(String, usize)>)> =
        unread.iter().map(|f| (f.clone(), Vec::new())).collect();
    for p in problems {
        let cause = counts.iter_mut().find(|(f, _)| {
            p.severity == Severity::Notice && p.message.starts_with(&because_unread(f))
        });
        match cause {
            Some((_, per_file)) => match per_file.iter_mut().find(|(f, _)| *f == p.file) {
                Some((_, n)) => *n += 1,
                None => per_file.push((p.file.clone(), 1)),
            },
            None => out.push(p),
        }
    }
    let order = |file: &str| {
        files
            .iter()
            .position(|f| f.name == file)
            .unwrap_or(usize::MAX)
    };
    for (file, mut per_file) in counts {
        if per_file.is_empty() {
            continue;
        }
        per_file.sort_by_key(|(f, _)| order(f));
        let rows: usize = per_file.iter().map(|(_, n)| n).sum();
        let each: Vec<String> = per_file
            .iter()
            .map(|(f, n)| format!("{n} of {f}", n = plural(*n, "row")))
            .collect();
        let mut p = Problem::error(
            &file,
            None,
            None,
            format!(
                "because this file could not be read, {} of other files are left out too ({}); they need no change of their own",
                plural(rows, "row"),
                each.join(", ")
            ),
        );
        p.severity = Severity::Notice;
        out.push(p);
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    match (n, word) {
        (1, _) => format!("1 {word}"),
        (_, "series") => format!("{n} series"),
        _ => format!("{n} {word}s"),
    }
}

/// What the files hold that `ds` lacks (entries left out by the checks) or has in part (child
/// rows left out), each named with its file and row and with what goes with it.
fn left_out(built: &Map<String, Value>, ds: &Dataset, origins: &Origins) -> Vec<LeftOut> {
    let shown = match serde_json::to_value(ds) {
        Ok(Value::Object(m)) => m,
        _ => return Vec::new(),
    };
    let list = |m: &Map<String, Value>, c: &str| -> Vec<Value> {
        m.get(c)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let key = |c: &str, e: &Value| -> String {
        let s = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_string();
        if c == "uses" {
            format!("{}/{}", s("place"), s("tactic"))
        } else {
            s("id")
        }
    };
    let mut out = Vec::new();
    // Places first: what goes with a place is counted on it.
    for (collection, kind) in [
        ("jurisdictions", "place"),
        ("series", "series"),
        ("events", "event"),
        ("sources", "source"),
        ("tactics", "tactic"),
        ("uses", "tactic use"),
        ("searches", "search"),
        ("resources", "help resource"),
    ] {
        let kept: HashSet<String> = list(&shown, collection)
            .iter()
            .map(|e| key(collection, e))
            .collect();
        let file = layout::table_of_collection(collection).map_or_else(String::new, |t| {
            origins
                .sheets
                .get(t.name)
                .map_or_else(|| t.file_name(), |s| s.file.clone())
        });
        let rows = origins.entries.get(collection);
        // Rows refused for their own problem (listed with them), in row order.
        let table = layout::table_of_collection(collection).map_or("", |t| t.name);
        let mut refused: Vec<(&String, &usize)> = origins
            .refused
            .get(table)
            .map(|r| r.iter().collect())
            .unwrap_or_default();
        refused.sort_by_key(|(_, r)| **r);
        for (id, row) in refused {
            out.push(LeftOut {
                kind,
                what: format!("{kind} ({}, {file} row {row})", short(id)),
                kept: false,
                with: "because of its own problem, listed above".to_string(),
            });
        }
        for (i, e) in list(built, collection).iter().enumerate() {
            let id = key(collection, e);
            let row = rows.and_then(|r| r.get(i)).copied();
            let place = match row {
                Some(r) => format!("{file} row {r}"),
                None => file.clone(),
            };
            let name = ["name", "title"]
                .iter()
                .find_map(|k| e.get(*k).and_then(Value::as_str))
                .map(|n| format!("“{}” ", short(n)))
                .unwrap_or_default();
            let what = format!("{kind} {name}({}, {place})", short(&id));
            if !kept.contains(&id) {
                out.push(LeftOut {
                    kind,
                    what,
                    kept: false,
                    with: goes_with(collection, e, &id),
                });
            } else if let Some(dropped) = origins.dropped_children.get(&(collection, id.clone())) {
                let rows: Vec<String> = dropped
                    .iter()
                    .map(|(f, r)| format!("{f} row {r}"))
                    .collect();
                out.push(LeftOut {
                    kind,
                    what,
                    kept: true,
                    with: format!(
                        "shown without {} that had problems ({})",
                        plural(dropped.len(), "row"),
                        rows.join(", ")
                    ),
                });
            }
        }
    }
    out
}

/// What goes with an entry that is left out: a series' observations, an event's… in words.
fn goes_with(collection: &str, e: &Value, _id: &str) -> String {
    let count = |field: &str| e.get(field).and_then(Value::as_array).map_or(0, Vec::len);
    match collection {
        "series" => format!("with its {}", plural(count("observations"), "observation")),
        "jurisdictions" => format!("with its {}", plural(count("sources"), "source link")),
        "tactics" => format!("with its {}", plural(count("national"), "national count")),
        _ => String::new(),
    }
}

fn finish(dataset: Option<Dataset>, mut problems: Vec<Problem>, unlisted: usize) -> Imported {
    let extra = problems.len().saturating_sub(MAX_LISTED);
    problems.truncate(MAX_LISTED);
    Imported {
        dataset,
        problems,
        unlisted: unlisted + extra,
        left_out: Vec::new(),
        unread: Vec::new(),
    }
}

/// The dataset as a JSON object: meta, then each collection, then the child rows into them.
fn build(origins: &mut Origins, problems: &mut Problems) -> Map<String, Value> {
    let mut out = Map::new();
    let default_tactics = crate::defaults::tactics_sheet();
    let meta = match origins.sheets.get(layout::META.name).cloned() {
        Some(sheet) => meta(&sheet, origins, problems),
        None => Map::new(),
    };
    out.insert("meta".into(), Value::Object(meta));
    for table in TABLES {
        let Shape::Entries { collection } = table.shape else {
            continue;
        };
        let sheet = origins.sheets.get(table.name).or(match table.name {
            "tactics" => default_tactics.as_ref(),
            _ => None,
        });
        if table.list_optional && sheet.is_none_or(|s| s.rows.is_empty()) {
            continue;
        }
        let (entries, rows, bad) = match sheet {
            Some(sheet) => entries(sheet, problems),
            None => (Vec::new(), Vec::new(), HashMap::new()),
        };
        out.insert(collection.into(), Value::Array(entries));
        origins.entries.insert(collection, rows);
        origins.refused.insert(table.name, bad);
    }
    for table in TABLES {
        if let Shape::Children { parent, field } = table.shape {
            with_lists(&mut out, parent, field);
        }
        if let (Shape::Children { parent, field }, Some(sheet)) =
            (table.shape, origins.sheets.get(table.name))
        {
            let parents = origins.refused.get(parent).cloned().unwrap_or_default();
            let parent_file = match origins.sheets.get(parent) {
                Some(s) => s.file.clone(),
                None => layout::table(parent).map_or_else(String::new, Table::file_name),
            };
            let link = Link {
                parent,
                field,
                parent_file,
                refused: &parents,
                parent_unread: origins.unread.contains(parent),
            };
            children(
                sheet,
                &link,
                &mut out,
                &mut origins.children,
                &mut origins.dropped_children,
                problems,
            );
        }
    }
    out
}

/// The rows of a Field,Value file as the meta object.
fn meta(sheet: &Sheet, origins: &mut Origins, problems: &mut Problems) -> Map<String, Value> {
    let mut out = Map::new();
    for row in &sheet.rows {
        if let Err((c, msg)) = meta_row(sheet, row, origins, &mut out) {
            let column = sheet.column_ref(c);
            problems.push(Problem::error(&sheet.file, Some(row.number), column, msg));
        }
    }
    for c in sheet.table.columns.iter().filter(|c| c.required) {
        let (row, msg) = match origins.meta.get(c.path) {
            _ if out.contains_key(c.path) || origins.meta_bad.contains(c.path) => continue,
            None => (
                None,
                format!(
                    "the field \"{}\" is missing: add a row with {} and {}",
                    c.header, c.header, c.help
                ),
            ),
            Some(&r) => (
                Some(r),
                format!("\"{}\" is empty: write {}", c.header, c.help),
            ),
        };
        let column = row.and_then(|_| sheet.column_ref(1));
        problems.push(Problem::error(&sheet.file, row, column, msg));
    }
    out
}

/// One Field,Value row into `out`; the problem's column (0 field, 1 value) and message.
fn meta_row(
    sheet: &Sheet,
    row: &Row,
    origins: &mut Origins,
    out: &mut Map<String, Value>,
) -> Result<(), (usize, String)> {
    let field = sheet.cell(row, 0);
    let columns = sheet.table.columns;
    let Some(column) = columns
        .iter()
        .find(|c| cell::fold(c.header) == cell::fold(field))
    else {
        let names: Vec<&str> = columns.iter().map(|c| c.header).collect();
        let msg = format!(
            "unknown field \"{}\": the fields are {}",
            short(field),
            names.join(", ")
        );
        return Err((0, msg));
    };
    // The first row of a field is the one whose value is used, so problems go there.
    if origins.meta.contains_key(column.path) {
        return Err((
            0,
            format!(
                "the field \"{}\" is given twice: keep one row",
                column.header
            ),
        ));
    }
    origins.meta.insert(column.path, row.number);
    let value = sheet.cell(row, 1);
    if value.is_empty() {
        return Ok(());
    }
    let v = cell::read(column.cell, value).map_err(|e| {
        origins.meta_bad.insert(column.path);
        (1, format!("{}: {e}", column.header))
    })?;
    out.insert(column.path.into(), v);
    Ok(())
}

/// Entries of a table, their rows, and the ids of rows left out (id -> row).
type Entries = (Vec<Value>, Vec<usize>, HashMap<String, usize>);

fn entries(sheet: &Sheet, problems: &mut Problems) -> Entries {
    let mut values = Vec::new();
    let mut rows = Vec::new();
    let mut refused = HashMap::new();
    for row in &sheet.rows {
        match row_object(sheet, row, problems) {
            Some(obj) => {
                values.push(Value::Object(obj));
                rows.push(row.number);
            }
            None => {
                refused.insert(sheet.cell(row, 0).to_string(), row.number);
            }
        }
    }
    (values, rows, refused)
}

/// One row as an object of the dataset, or None (with problems) when a cell is wrong.
fn row_object(sheet: &Sheet, row: &Row, problems: &mut Problems) -> Option<Map<String, Value>> {
    let mut obj = Map::new();
    let before = problems.len();
    for (c, column) in sheet.table.columns.iter().enumerate() {
        if is_parent(column) {
            continue;
        }
        let text = sheet.cell(row, c);
        if text.is_empty() {
            if let Some(msg) = missing(sheet, row, column) {
                problems.push(Problem::error(
                    &sheet.file,
                    Some(row.number),
                    sheet.column_ref(c),
                    msg,
                ));
            }
            continue;
        }
        match cell::read(column.cell, text) {
            Ok(v) => set_path(&mut obj, column.path, v),
            Err(e) => {
                let msg = format!("{e}; this row is left out");
                problems.push(Problem::error(
                    &sheet.file,
                    Some(row.number),
                    sheet.column_ref(c),
                    msg,
                ));
            }
        }
    }
    (problems.len() == before).then_some(obj)
}

/// Why an empty cell is a problem, if it is: required, or needed by another cell of its group.
fn missing(sheet: &Sheet, row: &Row, column: &Column) -> Option<String> {
    if !column.required {
        return None;
    }
    let Some((group, _)) = column.path.split_once('.') else {
        return Some(format!(
            "\"{}\" is empty: write {}; this row is left out",
            column.header, column.help
        ));
    };
    let given = sheet.table.columns.iter().enumerate().find(|(c, other)| {
        other.path.split_once('.').is_some_and(|(g, _)| g == group)
            && !sheet.cell(row, *c).is_empty()
    })?;
    Some(format!(
        "\"{}\" is empty but \"{}\" is given: write {}, or empty both; this row is left out",
        column.header, given.1.header, column.help
    ))
}

/// `population.value` = v makes `{"population": {"value": v}}`; "" is not used on entries.
fn set_path(obj: &mut Map<String, Value>, path: &str, v: Value) {
    match path.split_once('.') {
        None => {
            obj.insert(path.into(), v);
        }
        Some((head, rest)) => {
            let inner = obj
                .entry(head.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = inner {
                set_path(m, rest, v);
            }
        }
    }
}

/// How a child table attaches to its parents.
struct Link<'a> {
    parent: &'static str,
    field: &'static str,
    /// The parent table's file, for messages.
    parent_file: String,
    /// Parent ids whose rows were left out, with their row.
    refused: &'a HashMap<String, usize>,
    /// The parent table's file was given but could not be read.
    parent_unread: bool,
}

fn children(
    sheet: &Sheet,
    link: &Link<'_>,
    out: &mut Map<String, Value>,
    origins: &mut HashMap<(&'static str, usize, &'static str), Vec<usize>>,
    dropped: &mut HashMap<(&'static str, String), Vec<(String, usize)>>,
    problems: &mut Problems,
) {
    let Some(Shape::Entries { collection }) = layout::table(link.parent).map(|t| t.shape) else {
        return;
    };
    let Some((key_col, key_column)) = sheet.table.column(PARENT) else {
        return;
    };
    let positions = ids(out.get(collection));
    for row in &sheet.rows {
        let Some(element) = child_element(sheet, row, problems) else {
            let key = sheet.cell(row, key_col).to_string();
            if positions.contains_key(&key) {
                dropped
                    .entry((collection, key))
                    .or_default()
                    .push((sheet.file.clone(), row.number));
            }
            continue;
        };
        let key = match cell::read(key_column.cell, sheet.cell(row, key_col)) {
            Ok(Value::String(k)) => k,
            Ok(_) | Err(_) => sheet.cell(row, key_col).to_string(),
        };
        let list = out.get_mut(collection).and_then(Value::as_array_mut);
        let found = positions
            .get(&key)
            .copied()
            .and_then(|i| Some((i, list?.get_mut(i)?)));
        let Some((i, entry)) = found else {
            problems.push(orphan(sheet, row, link, &key));
            continue;
        };
        if let Some(obj) = entry.as_object_mut() {
            let field = obj
                .entry(link.field.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let Value::Array(items) = field {
                items.push(element);
                origins
                    .entry((collection, i, link.field))
                    .or_default()
                    .push(row.number);
            }
        }
    }
}

/// The problem of a child row whose parent is not there: left out with it, or unknown.
fn orphan(sheet: &Sheet, row: &Row, link: &Link<'_>, key: &str) -> Problem {
    let Some((key_col, key_column)) = sheet.table.column(PARENT) else {
        let msg = "this row is left out: its table has no link column".to_string();
        return Problem::error(&sheet.file, Some(row.number), None, msg);
    };
    let file = &link.parent_file;
    let column = sheet.column_ref(key_col);
    if link.parent_unread {
        let msg = format!("{}, so \"{}\" is unknown", because_unread(file), short(key));
        let mut p = Problem::error(&sheet.file, Some(row.number), column, msg);
        p.severity = Severity::Notice;
        return p;
    }
    match link.refused.get(key) {
        Some(r) => {
            let msg = format!(
                "left out because \"{}\" in {file} row {r} has a problem",
                short(key)
            );
            let mut p = Problem::error(&sheet.file, Some(row.number), column, msg);
            p.severity = Severity::Notice;
            p
        }
        None => {
            let msg = format!(
                "\"{}\" is not an id in {file}: write {}; this row is left out",
                short(key),
                key_column.help
            );
            Problem::error(&sheet.file, Some(row.number), column, msg)
        }
    }
}

/// A child row's element: an object, or the one cell itself for a list of texts (caveats).
fn child_element(sheet: &Sheet, row: &Row, problems: &mut Problems) -> Option<Value> {
    if let Some((c, column)) = sheet.table.column("") {
        let text = sheet.cell(row, c);
        if text.is_empty() {
            let msg = format!(
                "\"{}\" is empty: write {}; this row is left out",
                column.header, column.help
            );
            problems.push(Problem::error(
                &sheet.file,
                Some(row.number),
                sheet.column_ref(c),
                msg,
            ));
            return None;
        }
        return Some(Value::String(text.to_string()));
    }
    let key = sheet.table.column(PARENT).map(|(c, _)| c);
    if let Some(c) = key.filter(|&c| sheet.cell(row, c).is_empty()) {
        let msg = format!(
            "\"{}\" is empty: write it; this row is left out",
            sheet.table.columns[c].header
        );
        problems.push(Problem::error(
            &sheet.file,
            Some(row.number),
            sheet.column_ref(c),
            msg,
        ));
        return None;
    }
    row_object(sheet, row, problems).map(Value::Object)
}

/// A core validation problem, placed on the file, row and column it came from.
fn place_core_problem(origins: &Origins, p: &validate::Problem) -> Problem {
    let (file, row, column) = crate::locate::locate(origins_view(origins), &p.path);
    let consequence = reference(origins, &p.message).or_else(|| meta_consequence(origins, p));
    let (severity, message) = consequence.unwrap_or_else(|| {
        let mut message = headers_for_fields(&crate::locate::rewrite_paths(
            origins_view(origins),
            &p.message,
        ));
        if message.starts_with("duplicate id") {
            message.push_str(": each row needs an id of its own; rename one of them");
        }
        (p.severity, message)
    });
    Problem {
        severity,
        file,
        row,
        column,
        json: None,
        message,
    }
}

/// "first_year 2024 is after last_year 2020" -> "First year 2024 is after Last year 2020": the
/// dataset's field names (those with `_`, which are never plain words) as column headers.
fn headers_for_fields(message: &str) -> String {
    let mut out = message.to_string();
    for table in TABLES {
        for c in table.columns.iter().filter(|c| c.path.contains('_')) {
            out = out.replace(c.path, c.header);
        }
    }
    out
}

fn origins_view(o: &Origins) -> crate::locate::View<'_> {
    crate::locate::View {
        sheets: &o.sheets,
        entries: &o.entries,
        children: &o.children,
        meta: &o.meta,
    }
}

/// Entry id -> position, so each child row finds its parent without a scan.
fn ids(list: Option<&Value>) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for (i, e) in list
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        if let Some(id) = e.get("id").and_then(Value::as_str) {
            out.entry(id.to_string()).or_insert(i);
        }
    }
    out
}

/// Gives every entry of `parent` its list `field` (empty until child rows fill it), so an entry
/// whose child rows were all left out is still read.
fn with_lists(out: &mut Map<String, Value>, parent: &str, field: &str) {
    let Some(Shape::Entries { collection }) = layout::table(parent).map(|t| t.shape) else {
        return;
    };
    for entry in out
        .get_mut(collection)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
    {
        if let Some(obj) = entry.as_object_mut() {
            obj.entry(field.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
        }
    }
}

/// References the core found broken: to a place or source that is not in its file (an error),
/// or to one whose row was left out or whose file could not be read (a consequence, a notice).
fn reference(origins: &Origins, message: &str) -> Option<(Severity, String)> {
    let (table, what, id) = [
        ("places", "place", "jurisdiction \""),
        ("sources", "source", "source \""),
    ]
    .into_iter()
    .find_map(|(t, what, prefix)| {
        let rest = message.strip_prefix(prefix)?;
        let id = &rest[..rest.find('"')?];
        Some((t, what, id))
    })?;
    let file = origins
        .sheets
        .get(table)
        .map_or_else(|| format!("{table}.csv"), |s| s.file.clone());
    if let Some(row) = origins.refused.get(table).and_then(|r| r.get(id)) {
        let msg = format!("left out because {what} \"{id}\" in {file} row {row} has a problem");
        return Some((Severity::Notice, msg));
    }
    if !origins.sheets.contains_key(table) {
        let msg = format!("{}, so {what} \"{id}\" is unknown", because_unread(&file));
        return Some((Severity::Notice, msg));
    }
    let msg =
        format!("{what} \"{id}\" is not in {file}: correct the id, or add the {what} to {file}");
    Some((Severity::Error, msg))
}

/// The core's "missing field" for a meta value that was refused above: a consequence.
fn meta_consequence(origins: &Origins, p: &validate::Problem) -> Option<(Severity, String)> {
    if !p.path.starts_with("$.meta") {
        return None;
    }
    let column = layout::META.columns.iter().find(|c| {
        origins.meta_bad.contains(c.path) && p.message.contains(&format!("`{}`", c.path))
    })?;
    let msg = format!(
        "the details in meta.csv are not used until \"{}\" is corrected; placeholders are shown meanwhile",
        column.header
    );
    Some((Severity::Notice, msg))
}
