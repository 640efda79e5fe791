//! Every text and whole number of a typed dataset with the JSON key it is written under, so the
//! fast path of the validator can apply the same per-key rules (lengths, URLs, dates, whole
//! numbers, years) as the positioned scan of the JSON tree, without building the tree.
//!
//! Enumerations, booleans and coordinates are left out: no per-key rule can reject them (their
//! keys are not count, year, URL or date keys, and their written forms are short). The test
//! `walk_matches_the_json_tree` checks that nothing else is left out.

use crate::dataset::{
    Dataset, Event, Jurisdiction, Meta, Resource, Search, Series, Source, Tactic, TacticUse,
};

/// A value the per-key rules look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'a> {
    Text(&'a str),
    /// A whole number as typed (u64 counts and i32 years both fit).
    Whole(i128),
}

/// Called with each value and the key of the object field that holds it (for an array, the
/// array's key), as the JSON tree scan sees it.
pub type Visit<'f> = dyn FnMut(&'static str, Scalar<'_>) + 'f;

fn text(f: &mut Visit<'_>, key: &'static str, s: &str) {
    f(key, Scalar::Text(s));
}

fn opt(f: &mut Visit<'_>, key: &'static str, s: &Option<String>) {
    if let Some(s) = s {
        f(key, Scalar::Text(s));
    }
}

fn list(f: &mut Visit<'_>, key: &'static str, items: &[String]) {
    for s in items {
        f(key, Scalar::Text(s));
    }
}

fn whole(f: &mut Visit<'_>, key: &'static str, n: impl Into<i128>) {
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
    text(f, "title", &m.title);
    text(f, "version", &m.version);
    text(f, "as_of", &m.as_of);
    text(f, "licence", &m.licence);
    text(f, "citation", &m.citation);
    text(f, "publisher", &m.publisher);
    text(f, "exit_url", &m.exit_url);
    opt(f, "notes", &m.notes);
}

pub fn source(s: &Source, f: &mut Visit<'_>) {
    text(f, "id", &s.id);
    text(f, "title", &s.title);
    text(f, "publisher", &s.publisher);
    text(f, "url", &s.url);
    opt(f, "published", &s.published);
    text(f, "accessed", &s.accessed);
    opt(f, "note", &s.note);
}

pub fn tactic(t: &Tactic, f: &mut Visit<'_>) {
    text(f, "id", &t.id);
    text(f, "name", &t.name);
    text(f, "definition", &t.definition);
    for n in &t.national {
        whole(f, "count", n.count);
        text(f, "as_of", &n.as_of);
        text(f, "source", &n.source);
        opt(f, "note", &n.note);
    }
}

pub fn place(j: &Jurisdiction, f: &mut Visit<'_>) {
    text(f, "id", &j.id);
    text(f, "name", &j.name);
    opt(f, "state", &j.state);
    if let Some(p) = &j.population {
        whole(f, "value", p.value);
        whole(f, "year", p.year);
        text(f, "source", &p.source);
        opt(f, "note", &p.note);
    }
    if let Some(l) = &j.location {
        text(f, "source", &l.source);
        opt(f, "note", &l.note);
    }
    list(f, "parents", &j.parents);
    text(f, "summary", &j.summary);
    list(f, "partners", &j.partners);
    for g in &j.sources {
        text(f, "topic", &g.topic);
        list(f, "sources", &g.sources);
    }
}

pub fn tactic_use(u: &TacticUse, f: &mut Visit<'_>) {
    text(f, "place", &u.place);
    text(f, "tactic", &u.tactic);
    if let Some(y) = u.first_year {
        whole(f, "first_year", y);
    }
    if let Some(y) = u.last_year {
        whole(f, "last_year", y);
    }
    for &y in &u.years {
        whole(f, "years", y);
    }
    opt(f, "checked", &u.checked);
    opt(f, "search", &u.search);
    list(f, "sources", &u.sources);
    opt(f, "note", &u.note);
}

pub fn series(s: &Series, f: &mut Visit<'_>) {
    text(f, "id", &s.id);
    text(f, "name", &s.name);
    text(f, "unit", &s.unit);
    text(f, "place", &s.place);
    text(f, "definition", &s.definition);
    list(f, "caveats", &s.caveats);
    for o in &s.observations {
        whole(f, "period", o.period);
        whole(f, "value", o.value);
        text(f, "source", &o.source);
        opt(f, "note", &o.note);
    }
}

pub fn event(e: &Event, f: &mut Visit<'_>) {
    text(f, "id", &e.id);
    text(f, "date", &e.date);
    text(f, "place", &e.place);
    text(f, "title", &e.title);
    text(f, "description", &e.description);
    list(f, "tactics", &e.tactics);
    if let Some(n) = e.arrests {
        whole(f, "arrests", n);
    }
    list(f, "sources", &e.sources);
}

pub fn resource(r: &Resource, f: &mut Visit<'_>) {
    text(f, "id", &r.id);
    text(f, "name", &r.name);
    opt(f, "phone", &r.phone);
    opt(f, "text", &r.text);
    opt(f, "url", &r.url);
    opt(f, "place", &r.place);
    text(f, "description", &r.description);
}

pub fn search(s: &Search, f: &mut Visit<'_>) {
    text(f, "id", &s.id);
    text(f, "title", &s.title);
    text(f, "method", &s.method);
    text(f, "date", &s.date);
    opt(f, "result", &s.result);
}
