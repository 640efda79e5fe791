//! A place's profile as one escaped HTML string.
//!
//! Built as Leptos views, the profile's many small lists cost about 12 KB of reactive and
//! renderer code in the first load (docs/PERFORMANCE.md). As a string it is one function, shown
//! with `inner_html`; its buttons carry `data-` attributes read by one delegated click listener
//! (`data-action="close"`, `data-action="download"`, `data-series="<id>"`). Every text and
//! attribute from the data goes through [`escape`], and only http(s) links become links.

use crate::dataset::{CellState, Dataset, Jurisdiction};
use crate::filter::Filter;
use crate::html::source_list;
use crate::lookup::Index;
use crate::text::{escape, group};
use std::fmt::Write;

/// What the profile shows besides the place itself.
pub struct Options<'a> {
    /// Only the timeline reads it: events outside its year range are left out.
    pub filter: &'a Filter,
    /// Offer the "Download the full dataset (JSON)" button.
    pub download: bool,
}

/// The inside of `<section class="profile">` for the place `id`, or `None` when the dataset
/// has no such place (then show [`missing_html`]).
pub fn profile_html(ds: &Dataset, index: &Index, id: &str, opts: &Options<'_>) -> Option<String> {
    let place = ds.place(index, id)?;
    let mut out = String::with_capacity(8192);
    let _ = write!(
        out,
        "<div class=\"profile-head\"><h2 id=\"profile-title\" tabindex=\"-1\">{}</h2>\
         <button type=\"button\" class=\"close\" data-action=\"close\">Close profile</button></div>",
        escape(&place.name)
    );
    facts(&mut out, ds, index, place);
    let _ = write!(out, "<p class=\"summary\">{}</p>", escape(&place.summary));
    help_lines(&mut out, ds, place);
    tactics_used(&mut out, ds, index, place);
    partners(&mut out, place);
    grouped_sources(&mut out, ds, index, place);
    timeline(&mut out, ds, index, place, opts.filter);
    series_links(&mut out, ds, place);
    if opts.download {
        out.push_str(
            "<p><button type=\"button\" data-testid=\"profile-download\" data-action=\"download\">\
             Download the full dataset (JSON)</button></p>",
        );
    }
    Some(out)
}

/// The inside of the profile section when the URL names a place the dataset does not have.
pub fn missing_html(id: &str) -> String {
    format!(
        "<p>No place with the id “{}” is in this dataset.</p>\
         <button type=\"button\" data-action=\"close\">Close</button>",
        escape(id)
    )
}

fn facts(out: &mut String, ds: &Dataset, index: &Index, place: &Jurisdiction) {
    let _ = write!(
        out,
        "<dl class=\"facts\"><dt>Kind</dt><dd>{}</dd>",
        place.kind.label()
    );
    if let Some(state) = &place.state {
        let _ = write!(out, "<dt>State</dt><dd>{}</dd>", escape(state));
    }
    let population = place.population.as_ref().map_or_else(
        || "Not in the data".to_string(),
        |p| {
            let source = ds.source(index, &p.source).map_or("", |s| s.title.as_str());
            let note = p.note.as_ref().map(|n| format!(" {n}")).unwrap_or_default();
            let year = p.year.map(|y| format!("{y}; ")).unwrap_or_default();
            format!("{} ({year}{source}).{note}", group(p.value))
        },
    );
    let _ = write!(out, "<dt>Population</dt><dd>{}</dd>", escape(&population));
    let parents: Vec<&str> = place
        .parents
        .iter()
        .filter_map(|p| ds.place(index, p).map(|j| j.name.as_str()))
        .collect();
    if !parents.is_empty() {
        let _ = write!(
            out,
            "<dt>Part of</dt><dd>{}</dd>",
            escape(&parents.join(", "))
        );
    }
    out.push_str("</dl>");
}

/// The dataset's places to get help in this place or a place it is part of (a county, the
/// state), under "Help lines": only ways to get help (the national hotline is on every view).
fn help_lines(out: &mut String, ds: &Dataset, place: &Jurisdiction) {
    let mut items = String::new();
    for r in ds.resources.iter().filter(|r| {
        r.place
            .as_ref()
            .is_some_and(|p| *p == place.id || place.parents.contains(p))
    }) {
        crate::panels::resource_item(&mut items, r);
    }
    if !items.is_empty() {
        let _ = write!(
            out,
            "<h3>Help lines</h3><ul class=\"resources\">{items}</ul>"
        );
    }
}

fn tactics_used(out: &mut String, ds: &Dataset, index: &Index, place: &Jurisdiction) {
    let Some(&pos) = index.place_pos.get(&place.id) else {
        return;
    };
    let mut items = String::new();
    let mut count = 0;
    for (t, tactic) in ds.tactics.iter().enumerate() {
        let CellState::Used(u) = ds.cell(index, pos, t) else {
            continue;
        };
        count += 1;
        let years = u.years_label().unwrap_or_else(|| "year unknown".into());
        let years = format!(
            "{years}; {}",
            crate::rows::evidence_words(ds.evidence_kind(index, u))
        );
        let _ = write!(
            items,
            "<li><strong>{}</strong> ({})",
            escape(&tactic.name),
            escape(&years)
        );
        if let Some(note) = &u.note {
            let _ = write!(items, "<span class=\"note\"> — {}</span>", escape(note));
        }
        items.push_str(&source_list(ds, index, &u.sources));
        items.push_str("</li>");
    }
    let _ = write!(
        out,
        "<h3>Tactics documented ({count} of {})</h3><ul class=\"tactic-list\">{items}</ul>",
        ds.tactics.len()
    );
}

fn partners(out: &mut String, place: &Jurisdiction) {
    if place.partners.is_empty() {
        return;
    }
    out.push_str("<h3>Key partners</h3><ul>");
    for p in &place.partners {
        let _ = write!(out, "<li>{}</li>", escape(p));
    }
    out.push_str("</ul>");
}

fn grouped_sources(out: &mut String, ds: &Dataset, index: &Index, place: &Jurisdiction) {
    if place.sources.is_empty() {
        return;
    }
    out.push_str("<h3>Sources by topic</h3>");
    for g in &place.sources {
        let _ = write!(out, "<h4>{}</h4>", escape(&g.topic));
        out.push_str(&source_list(ds, index, &g.sources));
    }
}

/// Dated events of the place, oldest first; those outside the filter's years are left out
/// (the heading stays, so the section does not jump away while the years are changed).
fn timeline(out: &mut String, ds: &Dataset, index: &Index, place: &Jurisdiction, f: &Filter) {
    let mut events: Vec<_> = ds.events.iter().filter(|e| e.place == place.id).collect();
    if events.is_empty() {
        return;
    }
    events.sort_by(|a, b| a.date.cmp(&b.date));
    out.push_str("<h3>Timeline</h3><ol class=\"timeline\">");
    for e in events
        .into_iter()
        .filter(|e| e.year().is_none_or(|y| f.year_in_range(y)))
    {
        let arrests = e
            .arrests
            .map(|n| format!(" {n} arrests."))
            .unwrap_or_default();
        let time = format!(
            "<time datetime=\"{}\">{}</time>",
            escape(&e.date),
            escape(&e.date_label())
        );
        let entry = format!(
            "{} — {}. {}{arrests}{}",
            e.kind.label(),
            escape(&e.title),
            escape(&e.description),
            source_list(ds, index, &e.sources)
        );
        // An entry about children is behind its content note, which the visitor opens.
        let _ = if mentions_children(&e.title) || mentions_children(&e.description) {
            write!(
                out,
                "<li class=\"noted\"><details><summary>{time} {CONTENT_NOTE}</summary>{entry}</details></li>"
            )
        } else {
            write!(out, "<li>{time} {entry}</li>")
        };
    }
    out.push_str("</ol>");
}

/// The note shown instead of a timeline entry about children, until the visitor opens it.
pub const CONTENT_NOTE: &str =
    "Content note: this entry is about the sexual abuse or exploitation of children. Open to read it.";

/// Whether a text speaks of children, by its words (child, minors, teenagers, girls…). The
/// dataset is about sex trafficking, so an entry that names children is about their abuse or
/// exploitation, or about laws and operations against it; the note says so before it is read.
pub fn mentions_children(text: &str) -> bool {
    const WORDS: [&str; 15] = [
        "child",
        "children",
        "childhood",
        "minors",
        "teen",
        "teens",
        "teenage",
        "teenager",
        "teenagers",
        "girl",
        "girls",
        "boy",
        "boys",
        "juvenile",
        "underage",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)))
}

/// Buttons that open the place's reported figures in the charts section.
fn series_links(out: &mut String, ds: &Dataset, place: &Jurisdiction) {
    let mut series = ds.series.iter().filter(|s| s.place == place.id).peekable();
    if series.peek().is_none() {
        return;
    }
    out.push_str("<h3>Reported figures</h3><ul>");
    for s in series {
        let _ = write!(
            out,
            "<li><button type=\"button\" class=\"link\" data-series=\"{}\">{}</button></li>",
            escape(&s.id),
            escape(&s.name)
        );
    }
    out.push_str("</ul>");
}
