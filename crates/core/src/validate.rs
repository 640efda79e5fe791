//! Validation of a dataset file: every problem, with its JSON path and line:column.
//!
//! Used by the app at load time and by the `validate` command-line tool. An entry with an
//! error is left out of what is shown and the problem says so: nothing is dropped silently,
//! and one bad entry does not hide the rest of the data.

use crate::dataset::{
    Dataset, Event, Jurisdiction, Location, Meta, Resource, Search, Series, Source, Tactic,
    TacticUse, UseStatus, TACTICS,
};
use crate::fast_hash::{self, FastMap, FastSet};
use crate::json::{self, Node, Value};
use crate::scalars::{key_rule, Key, KeyRule, Scalar};
pub use crate::text::is_web_url;
use serde::de::DeserializeOwned;
use std::collections::HashSet;
use std::fmt;

/// Files larger than this are refused before parsing (a 50 MB file would freeze the tab).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Short labels: names, titles, ids, units.
pub const MAX_SHORT: usize = 300;
/// Prose: summaries, definitions, descriptions, notes.
pub const MAX_LONG: usize = 4000;
pub const MIN_YEAR: i32 = 1900;
/// More problems than this are counted, not listed.
pub const MAX_LISTED: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The entry (or the file) could not be used as it is.
    Error,
    /// Worth knowing; nothing was left out.
    Notice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `$.jurisdictions[3].population.year`.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Notice => "notice",
        };
        write!(
            f,
            "{level}: {} (line {}, column {}): {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// The result of reading a dataset: what can be shown, and what was wrong.
#[derive(Debug, Clone)]
pub struct Checked {
    /// None when nothing can be shown (unreadable JSON, too large, not an object).
    pub dataset: Option<Dataset>,
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_LISTED`].
    pub unlisted: usize,
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
            + self.unlisted
    }
}

/// The file's bytes as text, or where they stop being UTF-8 (JSON files must be UTF-8).
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..at];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Problem {
            severity: Severity::Error,
            path: "$".into(),
            line,
            column,
            message: format!("the file is not UTF-8 text: byte {at} is not valid UTF-8"),
        }
    })
}

/// Validates `text` as a dataset. `max_year` is the latest allowed year (this year + 1).
///
/// A file without problems takes the fast path ([`read`]); any other file is read again into
/// the positioned tree ([`check_located`]), which finds every problem with its line:column.
pub fn check(text: &str, max_year: i32) -> Checked {
    match read(text, max_year) {
        Some(dataset) => Checked {
            dataset: Some(dataset),
            problems: Vec::new(),
            unlisted: 0,
        },
        None => check_located(text, max_year),
    }
}

/// The positioned path: the JSON tree with offsets, every problem with its path and position.
pub fn check_located(text: &str, max_year: i32) -> Checked {
    let mut v = Validator::new(text, max_year);
    let dataset = v.run();
    Checked {
        dataset,
        problems: v.problems,
        unlisted: v.unlisted,
    }
}

/// The fast path: the dataset typed straight from the text and checked on typed data, with no
/// JSON tree. `Some` exactly when [`check_located`] would find no problem at all (no error and
/// no notice), with the same dataset; `None` says "read it again on the located path".
///
/// The only notice is a byte order mark, which this path refuses; duplicate keys, unknown keys
/// and wrong types are refused by the typed reading itself (serde: `deny_unknown_fields`,
/// duplicate fields); the per-key rules run on the typed values ([`crate::scalars`]) and the
/// checks between entries are the located path's own, without positions.
pub fn read(text: &str, max_year: i32) -> Option<Dataset> {
    accept(typed(text)?, max_year)
}

/// The first half of [`read`]: the text typed, or None. The caller can free the text before
/// [`accept`] (the checks need only the typed data), so the two are never held with the
/// checks' own tables.
pub fn typed(text: &str) -> Option<Dataset> {
    if text.len() > MAX_BYTES || text.starts_with('\u{feff}') {
        return None;
    }
    let read = || serde_json::from_str::<Dataset>(text).ok();
    let mut ds = crate::counts::with_sizes(text, read)?;
    fit(&mut ds);
    Some(ds)
}

/// The second half of [`read`]: `ds` back when no rule finds a problem in it.
pub fn accept(ds: Dataset, max_year: i32) -> Option<Dataset> {
    let mut clean = true;
    crate::scalars::walk(&ds, &mut |key, value| {
        if clean {
            clean = scalar_is_clean(key, value, max_year);
        }
    });
    if !clean {
        return None;
    }
    let mut v = Validator::new("", max_year);
    let entries = Entries {
        sources: items("sources", &ds.sources),
        tactics: items("tactics", &ds.tactics),
        jurisdictions: items("jurisdictions", &ds.jurisdictions),
        uses: items("uses", &ds.uses),
        series: items("series", &ds.series),
        events: items("events", &ds.events),
        resources: items("resources", &ds.resources),
        searches: items("searches", &ds.searches),
    };
    v.between_entries(None, &entries);
    drop(entries);
    (v.problems.is_empty() && v.unlisted == 0).then_some(ds)
}

/// Gives back what the collections grew beyond their length while being read (up to half of
/// each: a vector doubles as it grows), so the index can use it.
fn fit(ds: &mut Dataset) {
    ds.sources.shrink_to_fit();
    ds.tactics.shrink_to_fit();
    ds.jurisdictions.shrink_to_fit();
    ds.uses.shrink_to_fit();
    ds.series.shrink_to_fit();
    ds.events.shrink_to_fit();
    ds.resources.shrink_to_fit();
    ds.searches.shrink_to_fit();
}

/// True when no per-key rule rejects `value` under `key` (the rules of the tree scan).
fn scalar_is_clean(key: Key, value: Scalar<'_>, max_year: i32) -> bool {
    let mut clean = true;
    match value {
        Scalar::Text(s) => string_rules(key.rule, s, max_year, &mut |_| clean = false),
        Scalar::Whole(n) => {
            let n = i64::try_from(n).ok();
            clean = number_rule(key.rule, n, max_year, String::new).is_none();
        }
    }
    clean
}

/// The rule for a number under a key (counts and years): a problem message, or None.
/// `written` gives the number as written, only for the message.
fn number_rule(
    rule: KeyRule,
    n: Option<i64>,
    max_year: i32,
    written: impl FnOnce() -> String,
) -> Option<String> {
    if !matches!(rule, KeyRule::Year | KeyRule::Count) {
        return None;
    }
    let Some(n) = n.filter(|n| *n >= 0) else {
        let text = written();
        return Some(format!(
            "{text} is not allowed here: use a whole number of 0 or more"
        ));
    };
    let in_range = (MIN_YEAR as i64..=max_year as i64).contains(&n);
    (rule == KeyRule::Year && !in_range)
        .then(|| format!("year {n} is outside {MIN_YEAR}..={max_year}"))
}

/// The rules for a text under a key: length, http(s) URL, calendar date; each problem found
/// is passed to `out` as its message.
fn string_rules(rule: KeyRule, s: &str, max_year: i32, out: &mut dyn FnMut(String)) {
    let limit = if rule == KeyRule::Short {
        MAX_SHORT
    } else {
        MAX_LONG
    };
    // Characters are never more than bytes: most texts need no count.
    if s.len() > limit {
        let chars = s.chars().count();
        if chars > limit {
            out(format!(
                "text of {chars} characters is over the limit of {limit}"
            ));
        }
    }
    if rule == KeyRule::Url && !is_web_url(s) {
        out(format!("\"{}\" is not an http(s) URL", shorten(s)));
    }
    if rule == KeyRule::Date {
        if let Err(why) = check_date(s, max_year) {
            out(format!("\"{}\" is not a date: {why}", shorten(s)));
        }
    }
}

const COLLECTIONS: [&str; 8] = [
    "sources",
    "tactics",
    "jurisdictions",
    "uses",
    "series",
    "events",
    "resources",
    "searches",
];
/// Collections a file may leave out (older files have no documented searches).
const OPTIONAL_COLLECTIONS: [&str; 1] = ["searches"];

/// One entry of a collection: its place in the collection, its node in the positioned tree
/// when there is one (the located path), and its typed value.
struct Item<'n, 'v, T> {
    coll: &'static str,
    i: usize,
    node: Option<&'n Node<'n>>,
    value: &'v T,
}

impl<T> Item<'_, '_, T> {
    /// `$.uses[3]`: written out only for a problem.
    fn path(&self) -> String {
        format!("$.{}[{}]", self.coll, self.i)
    }

    /// Offset of a field of this entry, or of the entry when the field is absent (0 on the
    /// fast path, which reports no position).
    fn at(&self, field: &str) -> usize {
        self.node
            .map_or(0, |n| n.get(field).map_or(n.offset, |f| f.offset))
    }

    /// Offset of element `k` of an array field.
    fn at_elem(&self, field: &str, k: usize) -> usize {
        self.node
            .and_then(|n| n.get(field))
            .and_then(Node::as_array)
            .and_then(|a| a.get(k))
            .map_or(self.at(field), |n| n.offset)
    }

    fn offset(&self) -> usize {
        self.node.map_or(0, |n| n.offset)
    }
}

/// An entry typed on the located path, kept until the entries with errors are left out.
struct Typed<'n, T> {
    i: usize,
    node: &'n Node<'n>,
    value: T,
}

/// Every collection's entries, as the checks between entries read them.
struct Entries<'n, 'v> {
    sources: Vec<Item<'n, 'v, Source>>,
    tactics: Vec<Item<'n, 'v, Tactic>>,
    jurisdictions: Vec<Item<'n, 'v, Jurisdiction>>,
    uses: Vec<Item<'n, 'v, TacticUse>>,
    series: Vec<Item<'n, 'v, Series>>,
    events: Vec<Item<'n, 'v, Event>>,
    resources: Vec<Item<'n, 'v, Resource>>,
    searches: Vec<Item<'n, 'v, Search>>,
}

fn items<'v, T>(coll: &'static str, values: &'v [T]) -> Vec<Item<'static, 'v, T>> {
    let each = |(i, value)| Item {
        coll,
        i,
        node: None,
        value,
    };
    values.iter().enumerate().map(each).collect()
}

fn located<'n, 'v, T>(coll: &'static str, typed: &'v [Typed<'n, T>]) -> Vec<Item<'n, 'v, T>> {
    let each = |t: &'v Typed<'n, T>| Item {
        coll,
        i: t.i,
        node: Some(t.node),
        value: &t.value,
    };
    typed.iter().map(each).collect()
}

struct Validator<'a> {
    text: &'a str,
    max_year: i32,
    problems: Vec<Problem>,
    unlisted: usize,
    /// Entry paths with an error, listed or not: an entry is left out for an error beyond the
    /// first [`MAX_LISTED`] too, never kept because its problem was only counted.
    bad: HashSet<String>,
}

impl<'a> Validator<'a> {
    fn new(text: &'a str, max_year: i32) -> Self {
        Validator {
            text,
            max_year,
            problems: Vec::new(),
            unlisted: 0,
            bad: HashSet::new(),
        }
    }

    fn report(&mut self, severity: Severity, path: &str, offset: usize, message: String) {
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

    fn error(&mut self, path: &str, offset: usize, message: impl Into<String>) {
        self.report(Severity::Error, path, offset, message.into());
    }

    fn run(&mut self) -> Option<Dataset> {
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
    fn typed(&mut self, root: &Node) -> Option<Dataset> {
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

    /// Ids, then references between collections: the checks both paths share. `root` is the
    /// positioned tree on the located path, None on the fast path.
    fn between_entries(&mut self, root: Option<&Node>, e: &Entries<'_, '_>) {
        let source_ids = self.unique_ids(&e.sources, |s| &s.id);
        let tactic_ids = self.unique_ids(&e.tactics, |t| &t.id);
        let place_ids = self.unique_ids(&e.jurisdictions, |j| &j.id);
        self.unique_ids(&e.series, |s| &s.id);
        self.unique_ids(&e.events, |e| &e.id);
        self.unique_ids(&e.resources, |r| &r.id);
        let search_ids = self.unique_ids(&e.searches, |s| &s.id);
        let known = Known {
            sources: &source_ids,
            tactics: &tactic_ids,
            places: &place_ids,
            searches: &search_ids,
        };
        for s in &e.sources {
            self.check_source_dates(s);
        }
        let tactics_at = root.map_or(0, |r| r.get("tactics").map_or(r.offset, |n| n.offset));
        self.check_tactics(tactics_at, &e.tactics);
        for t in &e.tactics {
            for (k, n) in t.value.national.iter().enumerate() {
                let path = || format!("{}.national[{k}].source", t.path());
                let offset = t.at_elem("national", k);
                self.source_ref(&known, path, offset, &n.source);
            }
        }
        for j in &e.jurisdictions {
            self.check_place(&known, j);
        }
        self.check_uses(&known, &e.uses);
        self.check_series_and_events(&known, e);
    }

    fn check_series_and_events(&mut self, known: &Known<'_>, e: &Entries<'_, '_>) {
        for s in &e.series {
            let path = || format!("{}.place", s.path());
            self.place_ref(known, path, s.at("place"), &s.value.place);
            for (k, o) in s.value.observations.iter().enumerate() {
                let path = || format!("{}.observations[{k}].source", s.path());
                let offset = s.at_elem("observations", k);
                self.source_ref(known, path, offset, &o.source);
            }
        }
        for ev in &e.events {
            let path = || format!("{}.place", ev.path());
            self.place_ref(known, path, ev.at("place"), &ev.value.place);
            self.source_list(known, ev, "sources", &ev.value.sources, true);
            for (k, t) in ev.value.tactics.iter().enumerate() {
                let path = || format!("{}.tactics[{k}]", ev.path());
                self.tactic_ref(known, path, ev.at_elem("tactics", k), t);
            }
        }
        for r in &e.resources {
            if let Some(place) = &r.value.place {
                let path = || format!("{}.place", r.path());
                self.place_ref(known, path, r.at("place"), place);
            }
        }
    }

    /// Entry paths (`$.uses[3]`) that have an error somewhere inside them.
    fn bad_entries(&self) -> HashSet<String> {
        self.bad.clone()
    }

    fn meta(&mut self, root: &Node) -> Option<Meta> {
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

    fn collection<'n, T: DeserializeOwned>(
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
    fn scan<'n>(&mut self, node: &'n Node<'n>, path: &mut Vec<Seg<'n>>, key: &'n str) {
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

    fn unique_ids<'v, T>(
        &mut self,
        items: &[Item<'_, 'v, T>],
        id: impl Fn(&'v T) -> &'v String,
    ) -> FastSet<&'v str> {
        let mut seen = fast_hash::set(items.len());
        for item in items {
            let value = id(item.value);
            if value.is_empty() {
                self.error(
                    &format!("{}.id", item.path()),
                    item.at("id"),
                    "the id is empty",
                );
            } else if !seen.insert(value.as_str()) {
                let msg = format!("duplicate id \"{}\"", shorten(value));
                self.error(&format!("{}.id", item.path()), item.at("id"), msg);
            }
        }
        seen
    }

    fn check_tactics(&mut self, tactics_at: usize, tactics: &[Item<'_, '_, Tactic>]) {
        for t in tactics {
            match TACTICS.iter().find(|(id, _)| *id == t.value.id) {
                None => {
                    let msg = format!("unknown tactic id \"{}\"", shorten(&t.value.id));
                    self.error(&format!("{}.id", t.path()), t.at("id"), msg);
                }
                Some((_, name)) if *name != t.value.name => {
                    let msg = format!("the name of \"{}\" must be \"{name}\"", t.value.id);
                    self.error(&format!("{}.name", t.path()), t.at("name"), msg);
                }
                Some(_) => {}
            }
        }
        for (id, _) in TACTICS {
            if !tactics.iter().any(|t| t.value.id == id) {
                self.error(
                    "$.tactics",
                    tactics_at,
                    format!("tactic \"{id}\" is missing"),
                );
            }
        }
    }

    /// A publication date must say whether the source shows it or it is our estimate, so an
    /// estimate is never presented as exact.
    fn check_source_dates(&mut self, s: &Item<'_, '_, Source>) {
        let v = &s.value;
        match (&v.published, v.published_basis) {
            (Some(_), None) => {
                let msg = "a \"published\" date needs \"published_basis\": \"shown\" when the \
                           source shows the date, \"estimated\" when it is your estimate";
                self.error(&format!("{}.published", s.path()), s.at("published"), msg);
            }
            (None, Some(_)) => {
                let msg = "\"published_basis\" is given but \"published\" is not";
                let path = format!("{}.published_basis", s.path());
                self.error(&path, s.at("published_basis"), msg);
            }
            _ => {}
        }
        if v.kind.is_none() {
            let msg =
                "a source needs a \"kind\": \"primary\" (police, sheriff, prosecutor, court, \
                       government, or news reporting of the event) or \"compilation\" (a page or \
                       report that summarises other sources, such as Demand Forum's narratives)";
            self.error(&s.path(), s.offset(), msg);
        }
    }

    fn check_place(&mut self, known: &Known<'_>, j: &Item<'_, '_, Jurisdiction>) {
        let p = &j.value;
        if let Some(state) = &p.state {
            if state.len() != 2 || !state.bytes().all(|b| b.is_ascii_uppercase()) {
                let msg = format!("\"{}\" is not a two-letter state code", shorten(state));
                self.error(&format!("{}.state", j.path()), j.at("state"), msg);
            }
        }
        if let Some(pop) = &p.population {
            let offset = j.node.map_or(0, |node| {
                node.get("population").map_or(node.offset, |n| {
                    n.get("source").map_or(n.offset, |s| s.offset)
                })
            });
            self.source_ref(
                known,
                || format!("{}.population.source", j.path()),
                offset,
                &pop.source,
            );
        }
        if let Some(loc) = &p.location {
            self.check_location(known, j, loc);
        }
        for (k, parent) in p.parents.iter().enumerate() {
            let path = || format!("{}.parents[{k}]", j.path());
            self.place_ref(known, path, j.at_elem("parents", k), parent);
        }
        for (g, group) in p.sources.iter().enumerate() {
            for (k, id) in group.sources.iter().enumerate() {
                let path = || format!("{}.sources[{g}].sources[{k}]", j.path());
                self.source_ref(known, path, j.at_elem("sources", g), id);
            }
        }
    }

    fn check_location(
        &mut self,
        known: &Known<'_>,
        j: &Item<'_, '_, Jurisdiction>,
        loc: &Location,
    ) {
        let node = j.node.and_then(|n| n.get("location"));
        let at = |field: &str| {
            node.and_then(|n| n.get(field))
                .or(node)
                .map_or(j.offset(), |n| n.offset)
        };
        if !(-90.0..=90.0).contains(&loc.lat) {
            let msg = format!("latitude {} is outside -90..=90", loc.lat);
            self.error(&format!("{}.location.lat", j.path()), at("lat"), msg);
        }
        if !(-180.0..=180.0).contains(&loc.lon) {
            let msg = format!("longitude {} is outside -180..=180", loc.lon);
            self.error(&format!("{}.location.lon", j.path()), at("lon"), msg);
        }
        let path = || format!("{}.location.source", j.path());
        self.source_ref(known, path, at("source"), &loc.source);
    }

    fn check_uses(&mut self, known: &Known<'_>, uses: &[Item<'_, '_, TacticUse>]) {
        let mut pairs: FastMap<(&str, &str), usize> = fast_hash::map(uses.len());
        for u in uses {
            let v = &u.value;
            self.place_ref(
                known,
                || format!("{}.place", u.path()),
                u.at("place"),
                &v.place,
            );
            self.tactic_ref(
                known,
                || format!("{}.tactic", u.path()),
                u.at("tactic"),
                &v.tactic,
            );
            if let Some(first) = pairs.insert((&v.place, &v.tactic), u.i) {
                let first = format!("$.{}[{first}]", u.coll);
                let msg = format!("a second entry for this place and tactic (first at {first})");
                self.error(&u.path(), u.offset(), msg);
            }
            if let (Some(a), Some(b)) = (v.first_year, v.last_year) {
                if a > b {
                    let msg = format!("first_year {a} is after last_year {b}");
                    self.error(&format!("{}.first_year", u.path()), u.at("first_year"), msg);
                }
            }
            self.check_use_years(u);
            match v.status {
                UseStatus::Used => self.source_list(known, u, "sources", &v.sources, true),
                UseStatus::NotFound => self.check_not_found(known, u),
            }
        }
    }

    /// Listed evidence years must lie within first_year..=last_year when those are given.
    fn check_use_years(&mut self, u: &Item<'_, '_, TacticUse>) {
        let v = &u.value;
        for (k, &y) in v.years.iter().enumerate() {
            let before = v.first_year.is_some_and(|a| y < a);
            let after = v.last_year.is_some_and(|b| y > b);
            if before || after {
                let msg = format!("year {y} is outside first_year..=last_year");
                self.error(
                    &format!("{}.years[{k}]", u.path()),
                    u.at_elem("years", k),
                    msg,
                );
            }
        }
    }

    /// A "not found" says when someone looked, and what they searched: a note, a source
    /// that was searched, or a documented search in `searches`.
    fn check_not_found(&mut self, known: &Known<'_>, u: &Item<'_, '_, TacticUse>) {
        let v = &u.value;
        if v.checked.is_none() {
            let msg = "\"not_found\" needs the date it was checked (\"checked\")";
            self.error(&u.path(), u.offset(), msg);
        }
        let has_note = v.note.as_deref().is_some_and(|n| !n.trim().is_empty());
        if !has_note && v.sources.is_empty() && v.search.is_none() {
            let msg = "\"not_found\" must say what was searched: give a \"note\", the \
                       \"sources\" that were searched, or the id of a documented search in \
                       \"search\"; if nobody searched, leave the entry out (not researched)";
            self.error(&u.path(), u.offset(), msg);
        }
        if let Some(id) = &v.search {
            if !known.searches.contains(id.as_str()) {
                let msg = format!("search \"{}\" does not exist in \"searches\"", shorten(id));
                self.error(&format!("{}.search", u.path()), u.at("search"), msg);
            }
        }
        self.source_list(known, u, "sources", &v.sources, false);
    }

    fn source_list<T>(
        &mut self,
        known: &Known<'_>,
        item: &Item<'_, '_, T>,
        field: &str,
        ids: &[String],
        required: bool,
    ) {
        if required && ids.is_empty() {
            let msg = "a figure without a source: name at least one source id";
            self.error(&format!("{}.{field}", item.path()), item.at(field), msg);
        }
        for (k, id) in ids.iter().enumerate() {
            let path = || format!("{}.{field}[{k}]", item.path());
            self.source_ref(known, path, item.at_elem(field, k), id);
        }
    }

    fn source_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.sources.contains(id) {
            let msg = format!("source \"{}\" does not exist in \"sources\"", shorten(id));
            self.error(&path(), offset, msg);
        }
    }

    fn place_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.places.contains(id) {
            let msg = format!("jurisdiction \"{}\" does not exist", shorten(id));
            self.error(&path(), offset, msg);
        }
    }

    fn tactic_ref(
        &mut self,
        known: &Known<'_>,
        path: impl FnOnce() -> String,
        offset: usize,
        id: &str,
    ) {
        if !known.tactics.contains(id) || !TACTICS.iter().any(|(t, _)| *t == id) {
            let msg = format!("unknown tactic id \"{}\"", shorten(id));
            self.error(&path(), offset, msg);
        }
    }
}

struct Known<'a> {
    sources: &'a FastSet<&'a str>,
    tactics: &'a FastSet<&'a str>,
    places: &'a FastSet<&'a str>,
    searches: &'a FastSet<&'a str>,
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date (no 30 February), with the year
/// in `MIN_YEAR..=max_year`. The error says what is wrong.
pub fn check_date(s: &str, max_year: i32) -> Result<(), String> {
    const FORM: &str = "write YYYY, YYYY-MM or YYYY-MM-DD";
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y] => (number(y, 4), Some(1), Some(1)),
        [y, m] => (number(y, 4), number(m, 2), Some(1)),
        [y, m, d] => (number(y, 4), number(m, 2), number(d, 2)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(FORM.to_string());
    };
    let year = year as i32;
    if !(MIN_YEAR..=max_year).contains(&year) {
        return Err(format!("year {year} is outside {MIN_YEAR}..={max_year}"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist ({FORM})"));
    }
    let last = days_in_month(year, month);
    if !(1..=last).contains(&day) {
        return Err(format!(
            "day {day:02} does not exist: {} {year} has {last} days",
            MONTHS[month as usize - 1]
        ));
    }
    Ok(())
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn kept<T>(coll: &str, items: Vec<Typed<'_, T>>, keep: &impl Fn(&str, usize) -> bool) -> Vec<T> {
    items
        .into_iter()
        .filter(|t| keep(coll, t.i))
        .map(|i| i.value)
        .collect()
}

/// `$.uses[3].sources[0]` -> `$.uses[3]`; paths outside a collection entry give None.
fn entry_path(path: &str) -> Option<String> {
    let rest = path.strip_prefix("$.")?;
    let open = rest.find('[')?;
    if !COLLECTIONS.contains(&&rest[..open]) {
        return None;
    }
    let close = rest[open..].find(']')? + open;
    Some(format!("$.{}", &rest[..=close]))
}

/// Keeps problem messages short when the offending text is long.
fn shorten(s: &str) -> String {
    crate::text::shorten(s, 61)
}

fn placeholder_meta() -> Meta {
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
enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

fn render(path: &[Seg<'_>]) -> String {
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
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key lists of the per-key rules (kept as lists until this session); `key_rule` agrees.
    #[test]
    fn key_rules_follow_the_documented_key_lists() {
        let years = ["year", "period", "first_year", "last_year", "years"];
        let counts = ["count", "value", "arrests"];
        let dates = ["as_of", "published", "accessed", "checked", "date"];
        let urls = ["url", "exit_url"];
        let short = [
            "id",
            "name",
            "title",
            "topic",
            "unit",
            "publisher",
            "phone",
            "text",
            "state",
            "place",
            "tactic",
            "source",
            "version",
            "kind",
            "status",
        ];
        let cases = [
            (&years[..], KeyRule::Year),
            (&counts[..], KeyRule::Count),
            (&dates[..], KeyRule::Date),
            (&urls[..], KeyRule::Url),
            (&short[..], KeyRule::Short),
        ];
        for (keys, rule) in cases {
            for key in keys {
                assert_eq!(key_rule(key), rule, "{key}");
            }
        }
        for key in [
            "summary",
            "notes",
            "",
            "Name",
            "years ",
            "urls",
            "definition",
        ] {
            assert_eq!(key_rule(key), KeyRule::Long, "{key}");
        }
    }

    #[test]
    fn a_number_under_a_year_key_must_be_a_year_and_under_a_count_key_not_negative() {
        let written = || "n".to_string();
        assert!(number_rule(key_rule("years"), Some(1899), 2027, written).is_some());
        assert!(number_rule(key_rule("years"), Some(2027), 2027, written).is_none());
        assert!(number_rule(key_rule("value"), Some(1899), 2027, written).is_none());
        assert!(number_rule(key_rule("value"), Some(-1), 2027, written).is_some());
        assert!(number_rule(key_rule("summary"), Some(-1), 2027, written).is_none());
    }
}
