//! A place's profile as one escaped HTML string.
//!
//! Built as Leptos views, the profile's many small lists cost about 12 KB of reactive and
//! renderer code in the first load (docs/PERFORMANCE.md). As a string it is one function, shown
//! with `inner_html`; its buttons carry `data-` attributes read by one delegated click listener
//! (`data-action="close"`, `data-action="download"`, `data-series="<id>"`). Every text and
//! attribute from the data goes through [`escape`], and only http(s) links become links.

use crate::markup::html::{source_items, source_list};
use crate::markup::text::{escape, group};
use crate::model::dataset::{CellState, Dataset, Jurisdiction};
use crate::model::lookup::Index;
use crate::query::filter::Filter;
use std::fmt::Write;

/// What the profile shows besides the place itself.
pub struct Options<'a> {
    /// Only the timeline reads it: events outside its year range are left out.
    pub filter: &'a Filter,
    /// Offer the "Download the full dataset (JSON)" button.
    pub download: bool,
    /// The page shows the charts section (`#charts`), so the jump links offer it.
    pub charts: bool,
}

/// The inside of `<section class="profile">` for the place `id`, or `None` when the dataset
/// has no such place (then show [`missing_html`]).
///
/// It leads with what the place has documented (each tactic with its years, evidence and the
/// numbers of its sources), after jump links to its parts; each source is listed once, under
/// "Sources", with the tactics it backs.
pub fn profile_html(ds: &Dataset, index: &Index, id: &str, opts: &Options<'_>) -> Option<String> {
    let place = ds.place(index, id)?;
    let mut out = String::with_capacity(8192);
    let _ = write!(
        out,
        "<div class=\"profile-head\"><h2 id=\"profile-title\" tabindex=\"-1\">{}</h2>\
         <div class=\"profile-actions\">\
         <button type=\"button\" data-action=\"compare\" data-testid=\"open-compare\">Compare with places nearby and alike</button>\
         <button type=\"button\" data-action=\"print\" data-testid=\"print-brief\">Print or save as PDF</button>\
         <button type=\"button\" class=\"close\" data-action=\"close\">Close profile</button></div></div>",
        escape(&place.name)
    );
    let cited = cited_sources(ds, index, place);
    let has_timeline = ds.events.iter().any(|e| e.place == place.id);
    jump_links(&mut out, has_timeline, opts.charts, !cited.is_empty());
    tactics_used(&mut out, ds, index, place, &cited);
    let _ = write!(out, "<p class=\"summary\">{}</p>", escape(&place.summary));
    facts(&mut out, ds, index, place);
    help_lines(&mut out, ds, place);
    partners(&mut out, place);
    timeline(&mut out, ds, index, place, opts.filter);
    series_links(&mut out, ds, place);
    tactic_sources(&mut out, ds, index, &cited);
    grouped_sources(&mut out, ds, index, place);
    if opts.download {
        out.push_str(
            "<p><button type=\"button\" data-testid=\"profile-download\" data-action=\"download\">\
             Download the full dataset (JSON)</button></p>",
        );
    }
    Some(out)
}

/// Links to the profile's parts: plain in-page links, which the page's guard script
/// (`public/pre-guard.js`) answers by moving focus to the part, without a history entry.
fn jump_links(out: &mut String, timeline: bool, charts: bool, sources: bool) {
    let mut links = vec![("profile-tactics", "Tactics")];
    if timeline {
        links.push(("profile-timeline", "Timeline"));
    }
    if charts {
        links.push(("charts", "Charts"));
    }
    if sources {
        links.push(("profile-sources", "Sources"));
    }
    out.push_str("<nav class=\"jump\" aria-label=\"Parts of this profile\"><ul>");
    for (id, text) in links {
        let _ = write!(out, "<li><a href=\"#{id}\">{text}</a></li>");
    }
    out.push_str("</ul></nav>");
}

/// The sources the place's documented tactics cite, each once, in the order first cited, with
/// the positions (in `ds.tactics`) of the tactics each backs.
fn cited_sources(ds: &Dataset, index: &Index, place: &Jurisdiction) -> Vec<(String, Vec<usize>)> {
    let mut cited: Vec<(String, Vec<usize>)> = Vec::new();
    let Some(&pos) = index.place_pos.get(&place.id) else {
        return cited;
    };
    for t in 0..ds.tactics.len() {
        let CellState::Used(u) = ds.cell(index, pos, t) else {
            continue;
        };
        for id in &u.sources {
            match cited.iter_mut().find(|(s, _)| s == id) {
                Some((_, backs)) if !backs.contains(&t) => backs.push(t),
                Some(_) => {}
                None => cited.push((id.clone(), vec![t])),
            }
        }
    }
    cited
}

/// The number (from 1) under which a source is listed in [`tactic_sources`].
fn source_number(cited: &[(String, Vec<usize>)], id: &str) -> Option<usize> {
    cited.iter().position(|(s, _)| s == id).map(|i| i + 1)
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
        crate::markup::panels::resource_item(&mut items, r);
    }
    if !items.is_empty() {
        let _ = write!(
            out,
            "<h3>Help lines</h3><ul class=\"resources\">{items}</ul>"
        );
    }
}

fn tactics_used(
    out: &mut String,
    ds: &Dataset,
    index: &Index,
    place: &Jurisdiction,
    cited: &[(String, Vec<usize>)],
) {
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
            crate::markup::rows::evidence_words(ds.evidence_kind(index, u))
        );
        let _ = write!(
            items,
            "<li><strong>{}</strong> ({})",
            escape(&tactic.name),
            escape(&years)
        );
        // The numbers of its sources in the list below, where each is written once.
        let numbers: Vec<String> = u
            .sources
            .iter()
            .filter_map(|id| source_number(cited, id))
            .map(|n| format!("<a href=\"#profile-src-{n}\" aria-label=\"Source {n}\">{n}</a>"))
            .collect();
        if !numbers.is_empty() {
            let _ = write!(
                items,
                " <span class=\"refs\">{}: {}</span>",
                if numbers.len() == 1 {
                    "Source"
                } else {
                    "Sources"
                },
                numbers.join(", ")
            );
        }
        // What the sources say, one tap away: the list reads as what was documented, when.
        if let Some(note) = &u.note {
            let _ = write!(
                items,
                "<details class=\"note\"><summary>What the sources say</summary>{}</details>",
                escape(note)
            );
        }
        items.push_str("</li>");
    }
    let _ = write!(
        out,
        "<h3 id=\"profile-tactics\" tabindex=\"-1\">Tactics documented ({count} of {})</h3>\
         <ul class=\"tactic-list\">{items}</ul>",
        ds.tactics.len()
    );
}

/// Every source of the documented tactics, once each, numbered, with the tactics it backs.
fn tactic_sources(out: &mut String, ds: &Dataset, index: &Index, cited: &[(String, Vec<usize>)]) {
    if cited.is_empty() {
        return;
    }
    out.push_str(
        "<h3 id=\"profile-sources\" tabindex=\"-1\">Sources of the documented tactics</h3>\
         <ol class=\"sources numbered\">",
    );
    for (i, (id, backs)) in cited.iter().enumerate() {
        let names: Vec<&str> = backs
            .iter()
            .filter_map(|&t| ds.tactics.get(t).map(|t| t.name.as_str()))
            .collect();
        let item = source_items(ds, index, std::slice::from_ref(id));
        // `source_items` writes one `<li>…</li>`: give it its number's id and the tactics.
        let inner = item
            .strip_prefix("<li>")
            .and_then(|r| r.strip_suffix("</li>"))
            .unwrap_or(&item);
        let _ = write!(
            out,
            "<li id=\"profile-src-{n}\" tabindex=\"-1\">{inner}<br><span class=\"backs\">Backs: {}</span></li>",
            escape(&names.join(", ")),
            n = i + 1
        );
    }
    out.push_str("</ol>");
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
    out.push_str(
        "<h3 id=\"profile-timeline\" tabindex=\"-1\">Timeline</h3><ol class=\"timeline\">",
    );
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
