//! The positioned path: the JSON tree with offsets, each value checked by its key, each
//! collection's entries typed one by one, and every problem with its path and line:column.

use super::entries::*;
use super::rules::*;
use super::*;
use crate::model::dataset::{
    Dataset, Event, Jurisdiction, Meta, Resource, Search, Series, Source, Tactic, TacticUse,
};
use crate::model::json::{self, Node, Value};
use crate::model::scalars::key_rule;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

pub(super) struct Validator<'a> {
    pub(super) text: &'a str,
    pub(super) max_year: i32,
    pub(super) problems: Vec<Problem>,
    pub(super) unlisted: usize,
    /// Entry paths with an error, listed or not: an entry is left out for an error beyond the
    /// first [`MAX_LISTED`] too, never kept because its problem was only counted.
    bad: HashSet<String>,
}

impl<'a> Validator<'a> {
    pub(super) fn new(text: &'a str, max_year: i32) -> Self {
        Validator {
            text,
            max_year,
            problems: Vec::new(),
            unlisted: 0,
            bad: HashSet::new(),
        }
    }

    pub(super) fn report(
        &mut self,
        severity: Severity,
        path: &str,
        offset: usize,
        message: String,
    ) {
        if severity == Severity::Error {
            if let Some(entry) = entry_path(path) {
                self.bad.insert(entry);
            }
        }
        if self.problems.len() >= MAX_LISTED {
            self.unlisted += 1;
            return;
        }
        let (line, column) = json::line_col(self.text, offset);
        self.problems.push(Problem {
            severity,
            path: path.to_string(),
            line,
            column,
            message,
        });
    }

    pub(super) fn error(&mut self, path: &str, offset: usize, message: impl Into<String>) {
        self.report(Severity::Error, path, offset, message.into());
    }

    pub(super) fn run(&mut self) -> Option<Dataset> {
        if self.text.len() > MAX_BYTES {
            let mb = self.text.len() as f64 / 1_048_576.0;
            let limit = MAX_BYTES / 1_048_576;
            self.error(
                "$",
                0,
                format!("the file is {mb:.1} MB, over the limit of {limit} MB"),
            );
            return None;
        }
        let doc = match json::parse(self.text) {
            Ok(doc) => doc,
            Err(e) => {
                self.problems.push(Problem {
                    severity: Severity::Error,
                    path: "$".into(),
                    line: e.line,
                    column: e.column,
                    message: format!("not valid JSON: {}", e.message),
                });
                return None;
            }
        };
        if doc.had_bom {
            let msg = "the file starts with a byte order mark, which was ignored".to_string();
            self.report(Severity::Notice, "$", 0, msg);
        }
        for dup in &doc.duplicates {
            let msg = format!(
                "duplicate key \"{}\": only its first value is used",
                dup.key
            );
            self.error("$", dup.offset, msg);
        }
        let root = &doc.root;
        let Value::Object(fields) = &root.value else {
            let msg = format!("expected an object, found {}", root.kind());
            self.error("$", root.offset, msg);
            return None;
        };
        for (key, node) in fields {
            if key != "meta" && !COLLECTIONS.contains(&key.as_ref()) {
                self.error(
                    &format!("$.{key}"),
                    node.offset,
                    format!("unknown key \"{key}\""),
                );
            }
        }
        self.scan(root, &mut Vec::new(), "");
        self.typed(root)
    }

    /// Types each entry, runs the checks between entries, and leaves out entries with errors.
    pub(super) fn typed(&mut self, root: &Node) -> Option<Dataset> {
        let meta = self.meta(root);
        let sources = self.collection::<Source>(root, "sources");
        let tactics = self.collection::<Tactic>(root, "tactics");
        let jurisdictions = self.collection::<Jurisdiction>(root, "jurisdictions");
        let uses = self.collection::<TacticUse>(root, "uses");
        let series = self.collection::<Series>(root, "series");
        let events = self.collection::<Event>(root, "events");
        let resources = self.collection::<Resource>(root, "resources");
        let searches = self.collection::<Search>(root, "searches");
        let entries = Entries {
            sources: located("sources", &sources),
            tactics: located("tactics", &tactics),
            jurisdictions: located("jurisdictions", &jurisdictions),
            uses: located("uses", &uses),
            series: located("series", &series),
            events: located("events", &events),
            resources: located("resources", &resources),
            searches: located("searches", &searches),
        };
        self.between_entries(Some(root), &entries);
        drop(entries);

        let bad = self.bad_entries();
        let keep = |coll: &str, i: usize| !bad.contains(&format!("$.{coll}[{i}]"));
        Some(Dataset {
            meta: meta.unwrap_or_else(placeholder_meta),
            sources: kept("sources", sources, &keep),
            tactics: kept("tactics", tactics, &keep),
            jurisdictions: kept("jurisdictions", jurisdictions, &keep),
            uses: kept("uses", uses, &keep),
            series: kept("series", series, &keep),
            events: kept("events", events, &keep),
            resources: kept("resources", resources, &keep),
            searches: kept("searches", searches, &keep),
        })
    }

    /// Entry paths (`$.uses[3]`) that have an error somewhere inside them.
    pub(super) fn bad_entries(&self) -> HashSet<String> {
        self.bad.clone()
    }

    pub(super) fn meta(&mut self, root: &Node) -> Option<Meta> {
        let Some(node) = root.get("meta") else {
            self.error("$.meta", root.offset, "\"meta\" is missing");
            return None;
        };
        match serde_json::from_value::<Meta>(node.to_serde()) {
            Ok(meta) => Some(meta),
            Err(e) => {
                self.error("$.meta", node.offset, format!("{e}"));
                None
            }
        }
    }

    pub(super) fn collection<'n, T: DeserializeOwned>(
        &mut self,
        root: &'n Node<'n>,
        name: &str,
    ) -> Vec<Typed<'n, T>> {
        let path = format!("$.{name}");
        let Some(node) = root.get(name) else {
            if !OPTIONAL_COLLECTIONS.contains(&name) {
                self.error(&path, root.offset, format!("\"{name}\" is missing"));
            }
            return Vec::new();
        };
        let Some(items) = node.as_array() else {
            let msg = format!("expected an array, found {}", node.kind());
            self.error(&path, node.offset, msg);
            return Vec::new();
        };
        let already_bad = self.bad_entries();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let path = format!("{path}[{i}]");
            // Typed reading straight from the entry's own text: no intermediate tree.
            let raw = self.text.get(item.offset..item.end).unwrap_or("null");
            match serde_json::from_str::<T>(raw) {
                Ok(value) => out.push(Typed {
                    i,
                    node: item,
                    value,
                }),
                Err(_) if already_bad.contains(&path) => {
                    // Its problems are listed already; it is left out because of them.
                }
                Err(e) => {
                    // serde's position is within the entry; report the entry's own.
                    let msg = format!("entry left out: {}", strip_position(&e.to_string()));
                    self.error(&path, item.offset, msg);
                }
            }
        }
        out
    }

    /// Checks every value in the tree by its key: whole numbers, years, dates, URLs, lengths.
    /// The path is kept as segments and only written out for a problem.
    pub(super) fn scan<'n>(&mut self, node: &'n Node<'n>, path: &mut Vec<Seg<'n>>, key: &'n str) {
        match &node.value {
            Value::Object(fields) => {
                for (k, child) in fields {
                    path.push(Seg::Key(k));
                    self.scan(child, path, k);
                    path.pop();
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    self.scan(child, path, key);
                    path.pop();
                }
            }
            Value::Number(text) => {
                if let Some(msg) = number_rule(key_rule(key), node.as_i64(), self.max_year, || {
                    text.to_string()
                }) {
                    self.error(&render(path), node.offset, msg);
                }
            }
            Value::String(s) => {
                let mut found = Vec::new();
                string_rules(key_rule(key), s, self.max_year, &mut |msg| found.push(msg));
                for msg in found {
                    self.error(&render(path), node.offset, msg);
                }
            }
            Value::Null | Value::Bool(_) => {}
        }
    }
}

pub(super) fn placeholder_meta() -> Meta {
    Meta {
        title: "Untitled dataset".into(),
        version: "unknown".into(),
        as_of: "unknown".into(),
        licence: "unknown".into(),
        citation: String::new(),
        publisher: "unknown".into(),
        exit_url: "https://www.weather.gov/".into(),
        notes: None,
    }
}

/// One step of a JSON path.
pub(super) enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

pub(super) fn render(path: &[Seg<'_>]) -> String {
    let mut out = String::from("$");
    for seg in path {
        match seg {
            Seg::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// serde_json appends " at line L column C" relative to the text it was given.
pub(super) fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}
