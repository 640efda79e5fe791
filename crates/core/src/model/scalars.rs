//! Every text and whole number of a typed dataset with the JSON key it is written under, so the
//! fast path of the validator can apply the same per-key rules (lengths, URLs, dates, whole
//! numbers, years) as the positioned scan of the JSON tree, without building the tree.
//!
//! Enumerations, booleans and coordinates are left out: no per-key rule can reject them (their
//! keys are not count, year, URL or date keys, and their written forms are short). The test
//! `walk_matches_the_json_tree` checks that nothing else is left out.

use crate::model::dataset::{
    Dataset, Event, Jurisdiction, Meta, Resource, Search, Series, Source, Tactic, TacticUse,
};

/// What the per-key rules of the validator ask of a value under its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRule {
    /// A number must be a whole number of 0 or more, in `MIN_YEAR..=max_year`.
    Year,
    /// A number must be a whole number of 0 or more.
    Count,
    /// A text must be a calendar date.
    Date,
    /// A text must be an http(s) URL.
    Url,
    /// A text of at most `MAX_SHORT` characters: names, titles, ids, units.
    Short,
    /// A text of at most `MAX_LONG` characters: prose; no rule for a number.
    Long,
}

const YEAR_KEYS: [&str; 5] = ["year", "period", "first_year", "last_year", "years"];
const COUNT_KEYS: [&str; 3] = ["count", "value", "arrests"];
const DATE_KEYS: [&str; 5] = ["as_of", "published", "accessed", "checked", "date"];
const URL_KEYS: [&str; 2] = ["url", "exit_url"];
const SHORT_KEYS: [&str; 15] = [
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

/// The rule for values under `key`. A `const fn`, so the typed walk's keys carry their rule
/// from compilation ([`Key`]) and the fast path never compares key names (a load of 30,000
/// places checks about 800,000 values); the located path calls it per value.
pub const fn key_rule(key: &str) -> KeyRule {
    if listed(&YEAR_KEYS, key) {
        KeyRule::Year
    } else if listed(&COUNT_KEYS, key) {
        KeyRule::Count
    } else if listed(&DATE_KEYS, key) {
        KeyRule::Date
    } else if listed(&URL_KEYS, key) {
        KeyRule::Url
    } else if listed(&SHORT_KEYS, key) {
        KeyRule::Short
    } else {
        KeyRule::Long
    }
}

const fn listed(list: &[&str], key: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        if same(list[i], key) {
            return true;
        }
        i += 1;
    }
    false
}

/// `a == b`, usable in a `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// A JSON key of the typed walk with its rule, worked out when compiled (`key!`). It reads as
/// the key's name (`Deref` to `str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub rule: KeyRule,
}

impl std::ops::Deref for Key {
    type Target = str;

    fn deref(&self) -> &str {
        self.name
    }
}

macro_rules! key {
    ($name:literal) => {
        Key {
            name: $name,
            rule: const { key_rule($name) },
        }
    };
}

/// A value the per-key rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'a> {
    Text(&'a str),
    /// A whole number as typed (u64 counts and i32 years both fit).
    Whole(i128),
}

/// Called with each value and the key of the object field that holds it (for an array, the
/// array's key), as the JSON tree scan sees it.
pub type Visit<'f> = dyn FnMut(Key, Scalar<'_>) + 'f;

fn text(f: &mut Visit<'_>, key: Key, s: &str) {
    f(key, Scalar::Text(s));
}

fn opt(f: &mut Visit<'_>, key: Key, s: &Option<String>) {
    if let Some(s) = s {
        f(key, Scalar::Text(s));
    }
}

fn list(f: &mut Visit<'_>, key: Key, items: &[String]) {
    for s in items {
        f(key, Scalar::Text(s));
    }
}

fn whole(f: &mut Visit<'_>, key: Key, n: impl Into<i128>) {
    f(key, Scalar::Whole(n.into()));
}

/// Visits every text and whole number of `ds`.
pub fn walk(ds: &Dataset, f: &mut Visit<'_>) {
    meta(&ds.meta, f);
    ds.sources.iter().for_each(|s| source(s, f));
    ds.tactics.iter().for_each(|t| tactic(t, f));
    ds.jurisdictions.iter().for_each(|j| place(j, f));
    ds.uses.iter().for_each(|u| tactic_use(u, f));
    ds.series.iter().for_each(|s| series(s, f));
    ds.events.iter().for_each(|e| event(e, f));
    ds.resources.iter().for_each(|r| resource(r, f));
    ds.searches.iter().for_each(|s| search(s, f));
}

pub fn meta(m: &Meta, f: &mut Visit<'_>) {
    text(f, key!("title"), &m.title);
    text(f, key!("version"), &m.version);
    text(f, key!("as_of"), &m.as_of);
    text(f, key!("licence"), &m.licence);
    text(f, key!("citation"), &m.citation);
    text(f, key!("publisher"), &m.publisher);
    text(f, key!("exit_url"), &m.exit_url);
    opt(f, key!("notes"), &m.notes);
}

pub fn source(s: &Source, f: &mut Visit<'_>) {
    text(f, key!("id"), &s.id);
    text(f, key!("title"), &s.title);
    text(f, key!("publisher"), &s.publisher);
    text(f, key!("url"), &s.url);
    opt(f, key!("published"), &s.published);
    text(f, key!("accessed"), &s.accessed);
    opt(f, key!("note"), &s.note);
}

pub fn tactic(t: &Tactic, f: &mut Visit<'_>) {
    text(f, key!("id"), &t.id);
    text(f, key!("name"), &t.name);
    text(f, key!("definition"), &t.definition);
    for n in &t.national {
        whole(f, key!("count"), n.count);
        text(f, key!("as_of"), &n.as_of);
        text(f, key!("source"), &n.source);
        opt(f, key!("note"), &n.note);
    }
}

pub fn place(j: &Jurisdiction, f: &mut Visit<'_>) {
    text(f, key!("id"), &j.id);
    text(f, key!("name"), &j.name);
    opt(f, key!("state"), &j.state);
    if let Some(p) = &j.population {
        whole(f, key!("value"), p.value);
        if let Some(y) = p.year {
            whole(f, key!("year"), y);
        }
        text(f, key!("source"), &p.source);
        opt(f, key!("note"), &p.note);
    }
    if let Some(l) = &j.location {
        text(f, key!("source"), &l.source);
        opt(f, key!("note"), &l.note);
    }
    list(f, key!("parents"), &j.parents);
    text(f, key!("summary"), &j.summary);
    list(f, key!("partners"), &j.partners);
    for g in &j.sources {
        text(f, key!("topic"), &g.topic);
        list(f, key!("sources"), &g.sources);
    }
}

pub fn tactic_use(u: &TacticUse, f: &mut Visit<'_>) {
    text(f, key!("place"), &u.place);
    text(f, key!("tactic"), &u.tactic);
    if let Some(y) = u.first_year {
        whole(f, key!("first_year"), y);
    }
    if let Some(y) = u.last_year {
        whole(f, key!("last_year"), y);
    }
    for &y in &u.years {
        whole(f, key!("years"), y);
    }
    opt(f, key!("checked"), &u.checked);
    opt(f, key!("search"), &u.search);
    list(f, key!("sources"), &u.sources);
    opt(f, key!("note"), &u.note);
}

pub fn series(s: &Series, f: &mut Visit<'_>) {
    text(f, key!("id"), &s.id);
    text(f, key!("name"), &s.name);
    text(f, key!("unit"), &s.unit);
    text(f, key!("place"), &s.place);
    text(f, key!("definition"), &s.definition);
    list(f, key!("caveats"), &s.caveats);
    for o in &s.observations {
        whole(f, key!("period"), o.period);
        whole(f, key!("value"), o.value);
        text(f, key!("source"), &o.source);
        opt(f, key!("note"), &o.note);
    }
}

pub fn event(e: &Event, f: &mut Visit<'_>) {
    text(f, key!("id"), &e.id);
    text(f, key!("date"), &e.date);
    text(f, key!("place"), &e.place);
    text(f, key!("title"), &e.title);
    text(f, key!("description"), &e.description);
    list(f, key!("tactics"), &e.tactics);
    if let Some(n) = e.arrests {
        whole(f, key!("arrests"), n);
    }
    list(f, key!("sources"), &e.sources);
}

pub fn resource(r: &Resource, f: &mut Visit<'_>) {
    text(f, key!("id"), &r.id);
    text(f, key!("name"), &r.name);
    opt(f, key!("phone"), &r.phone);
    opt(f, key!("text"), &r.text);
    opt(f, key!("url"), &r.url);
    opt(f, key!("place"), &r.place);
    text(f, key!("description"), &r.description);
}

pub fn search(s: &Search, f: &mut Visit<'_>) {
    text(f, key!("id"), &s.id);
    text(f, key!("title"), &s.title);
    text(f, key!("method"), &s.method);
    text(f, key!("date"), &s.date);
    opt(f, key!("result"), &s.result);
}
