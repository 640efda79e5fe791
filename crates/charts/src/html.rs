//! A chart panel as one escaped HTML string: figure, caption, SVG, words, conflicts, caveats,
//! events, data table and download buttons. The lazily loaded worker builds it off the main
//! thread; the app only inserts it. [`table_html`] is also the app's fallback when the worker
//! cannot be loaded, so the figures stay readable without the drawing code.

use crate::{describe, render_svg, table_rows, to_csv, ChartOptions, Panel, TableRow};
use std::fmt::Write;
use tactics_core::markup::html::{link, source_list};
use tactics_core::markup::text::{escape, group};
use tactics_core::model::dataset::{Dataset, Event, Index};
use tactics_core::query::filter::Filter;

/// One drawn panel: its markup, and what its download buttons save.
#[derive(Debug, Clone, PartialEq)]
pub struct PanelHtml {
    pub html: String,
    /// The file of the SVG and PNG downloads: the drawing with its title, unit, sources,
    /// credit and as-of date written into it ([`crate::standalone`]).
    pub svg: String,
    pub csv: String,
    /// File name without extension.
    pub file: String,
}

/// Events for a panel: of its series' places, matching the checked tactics, in the year range.
pub fn panel_events<'a>(ds: &'a Dataset, panel: &Panel<'_>, filter: &Filter) -> Vec<&'a Event> {
    let places: Vec<&str> = panel.series.iter().map(|s| s.place.as_str()).collect();
    let tactics = &filter.tactics;
    ds.events
        .iter()
        .filter(|e| places.contains(&e.place.as_str()))
        .filter(|e| tactics.is_empty() || e.tactics.iter().any(|t| tactics.contains(t)))
        .filter(|e| e.year().is_some_and(|y| filter.year_in_range(y)))
        .collect()
}

/// The panel's title: its series' names.
pub fn panel_title(panel: &Panel<'_>) -> String {
    let names: Vec<&str> = panel.series.iter().map(|s| s.name.as_str()).collect();
    names.join("; ")
}

/// The whole panel `i` (ids and test hooks are numbered by panel).
pub fn panel_html(
    ds: &Dataset,
    index: &Index,
    panel: &Panel<'_>,
    filter: &Filter,
    opts: &ChartOptions,
    i: usize,
) -> PanelHtml {
    let built = build(ds, index, panel, filter, opts, i, true);
    let lookup = |id: &str| {
        ds.source(index, id)
            .map(|s| (s.title.clone(), s.url.clone()))
    };
    let csv = to_csv(
        &built.rows,
        &panel.unit,
        &lookup,
        &ds.meta.citation,
        &ds.meta.as_of,
    );
    let caption = caption(ds, index, &built.title, &panel.unit, &built.rows);
    PanelHtml {
        html: built.html,
        svg: crate::standalone::standalone_svg(&built.svg, &caption, opts.dark),
        csv,
        file: file_name(&built.title),
    }
}

/// What a downloaded chart says in its picture: its title and unit, the sources of the
/// figures drawn (by title and publisher, in the order first drawn), the credit and as-of date.
fn caption(
    ds: &Dataset,
    index: &Index,
    title: &str,
    unit: &str,
    rows: &[TableRow],
) -> crate::standalone::Caption {
    let mut sources: Vec<String> = Vec::new();
    for r in rows {
        let words = ds.source(index, &r.source_id).map_or_else(
            || r.source_id.clone(),
            |s| format!("{} ({})", s.title, s.publisher),
        );
        if !sources.contains(&words) {
            sources.push(words);
        }
    }
    let m = &ds.meta;
    crate::standalone::Caption {
        title: title.to_string(),
        unit: unit.to_string(),
        sources: if sources.is_empty() {
            String::new()
        } else {
            format!("Source: {}", sources.join("; "))
        },
        credit: format!(
            "{}, {} ({}). Cite as: {}",
            m.title, m.publisher, m.licence, m.citation
        ),
        as_of: format!("Data as of {}, version {}", m.as_of, m.version),
    }
}

/// The panel without its events and buttons: caption, drawing, words, conflicts, caveats and
/// data table (the build-time first view, which must stay small and work without JavaScript).
pub fn summary_html(
    ds: &Dataset,
    index: &Index,
    panel: &Panel<'_>,
    filter: &Filter,
    opts: &ChartOptions,
    i: usize,
) -> String {
    build(ds, index, panel, filter, opts, i, false).html
}

/// What [`build`] made, for the callers that also need the drawing or the rows.
struct Built {
    html: String,
    svg: String,
    title: String,
    rows: Vec<TableRow>,
}

/// The panel's markup; `interactive` adds the events list and the download buttons.
fn build(
    ds: &Dataset,
    index: &Index,
    panel: &Panel<'_>,
    filter: &Filter,
    opts: &ChartOptions,
    i: usize,
    interactive: bool,
) -> Built {
    let title = panel_title(panel);
    let desc = describe(panel, opts);
    let events = panel_events(ds, panel, filter);
    let svg = render_svg(panel, &events, opts, &title, &desc);
    let rows = table_rows(panel, opts);
    let mut html = String::with_capacity(svg.len() + 4096);
    figure_open(&mut html, &title, &panel.unit, i);
    let _ = write!(html, "<div class=\"chart-svg\">{svg}</div>");
    let _ = write!(html, "<p class=\"chart-desc\">{}</p>", escape(&desc));
    conflicts_html(&mut html, &rows);
    caveats_html(&mut html, panel);
    if interactive {
        events_html(&mut html, ds, index, &events, i);
    }
    html.push_str("<details class=\"chart-table\"><summary>Data table</summary>");
    html.push_str(&table_html(ds, index, &title, &rows));
    html.push_str("</details>");
    if interactive {
        downloads_html(&mut html, i);
    }
    html.push_str("</figure>");
    Built {
        html,
        svg,
        title,
        rows,
    }
}

/// The panel without its drawing: caption, a notice and the data table (the app's fallback).
pub fn fallback_html(
    ds: &Dataset,
    index: &Index,
    panel: &Panel<'_>,
    opts: &ChartOptions,
    i: usize,
) -> String {
    let title = panel_title(panel);
    let rows = table_rows(panel, opts);
    let mut html = String::new();
    figure_open(&mut html, &title, &panel.unit, i);
    html.push_str("<p class=\"chart-failed\" data-testid=\"chart-failed\">The chart drawing could not be loaded; its figures and sources are in the table below.</p>");
    html.push_str(&table_html(ds, index, &title, &rows));
    html.push_str("</figure>");
    html
}

fn figure_open(html: &mut String, title: &str, unit: &str, i: usize) {
    let _ = write!(
        html,
        "<figure class=\"chart-figure\" data-testid=\"chart\" data-panel=\"{i}\" aria-labelledby=\"chart-cap-{i}\">\
         <figcaption id=\"chart-cap-{i}\"><strong>{}</strong> ({})</figcaption>",
        escape(title),
        escape(unit)
    );
}

fn conflicts_html(html: &mut String, rows: &[TableRow]) {
    let mut periods: Vec<&str> = Vec::new();
    for r in rows.iter().filter(|r| r.conflict) {
        if !periods.contains(&r.period_label.as_str()) {
            periods.push(&r.period_label);
        }
    }
    if !periods.is_empty() {
        let _ = write!(
            html,
            "<p class=\"conflict-note\" data-testid=\"conflict-note\">Sources disagree for {}: both figures are drawn and listed in the table with their sources.</p>",
            escape(&periods.join(", "))
        );
    }
}

fn caveats_html(html: &mut String, panel: &Panel<'_>) {
    let caveats: Vec<String> = panel
        .series
        .iter()
        .flat_map(|s| s.caveats.iter().map(move |c| format!("{}: {c}", s.name)))
        .collect();
    if caveats.is_empty() {
        return;
    }
    html.push_str("<ul class=\"caveats\">");
    for c in caveats {
        let _ = write!(html, "<li>{}</li>", escape(&c));
    }
    html.push_str("</ul>");
}

/// The events as buttons that show their detail (the app toggles `hidden` on click).
fn events_html(html: &mut String, ds: &Dataset, index: &Index, events: &[&Event], i: usize) {
    if events.is_empty() {
        return;
    }
    html.push_str("<div class=\"events\"><p class=\"events-title\">Events marked on the chart:</p><ul class=\"event-list\">");
    for (k, e) in events.iter().enumerate() {
        let label = format!("{} · {}: {}", e.date_label(), e.kind.label(), e.title);
        let _ = write!(
            html,
            "<li><button type=\"button\" class=\"event\" aria-expanded=\"false\" aria-controls=\"ev-{i}-{k}\">{}</button></li>",
            escape(&label)
        );
    }
    html.push_str("</ul>");
    for (k, e) in events.iter().enumerate() {
        let arrests = e
            .arrests
            .map(|n| format!(" Arrests: {n}."))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<div class=\"event-detail\" id=\"ev-{i}-{k}\" role=\"region\" aria-label=\"Event\" data-testid=\"event-detail\" hidden>\
             <p><strong>{}</strong> ({}, {})</p><p>{}{arrests}</p>{}</div>",
            escape(&e.title),
            escape(&e.date_label()),
            e.kind.label(),
            escape(&e.description),
            source_list(ds, index, &e.sources)
        );
    }
    html.push_str("</div>");
}

/// The figures of a panel as a real table, each with its source.
pub fn table_html(ds: &Dataset, index: &Index, title: &str, rows: &[TableRow]) -> String {
    let mut html = String::with_capacity(rows.len() * 200 + 400);
    let _ = write!(
        html,
        "<table class=\"data-table\" data-testid=\"chart-table\"><caption>{}</caption><thead><tr>\
         <th scope=\"col\">Period</th><th scope=\"col\">Series</th><th scope=\"col\">Value</th>\
         <th scope=\"col\">Source</th><th scope=\"col\">Note</th></tr></thead><tbody>",
        escape(title)
    );
    for r in rows {
        let class = if r.conflict {
            " class=\"conflict\""
        } else {
            ""
        };
        let _ = write!(
            html,
            "<tr{class}><th scope=\"row\">{}</th><td>{}</td><td class=\"num\">{}</td><td>",
            escape(&r.period_label),
            escape(&r.series_name),
            group(r.value)
        );
        match ds.source(index, &r.source_id) {
            Some(s) => link(&mut html, &s.url, &s.title),
            None => {
                let _ = write!(html, "<span>{}</span>", escape(&r.source_id));
            }
        }
        if let Some(n) = &r.note {
            let _ = write!(html, " — {}", escape(n));
        }
        let note = if r.conflict { "Sources disagree" } else { "" };
        let _ = write!(html, "</td><td>{note}</td></tr>");
    }
    html.push_str("</tbody></table>");
    html
}

fn downloads_html(html: &mut String, i: usize) {
    let _ = write!(
        html,
        "<div class=\"downloads\">\
         <button type=\"button\" data-download=\"svg\" data-panel=\"{i}\">Download SVG</button>\
         <button type=\"button\" data-download=\"png\" data-panel=\"{i}\">Download PNG</button>\
         <button type=\"button\" data-download=\"csv\" data-panel=\"{i}\">Download CSV</button></div>"
    );
}

/// A file name from a title: lower-case letters and digits joined by hyphens.
pub fn file_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out: String = out.trim_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "chart".into()
    } else {
        out
    }
}
