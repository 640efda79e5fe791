//! Charts of reported figures over time: a series picker, one panel per unit, the text
//! alternative, conflicts, caveats, events, the data table and downloads.

use super::url::{Ctx, History};
use super::Loaded;
use crate::chart::{self, ChartKind, ChartOptions, Panel, TableRow};
use crate::dataset::{Dataset, Event, Index, Series};
use crate::url_state::ViewState;
use crate::validate::is_web_url;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The place whose series are shown when the URL names none and no place is open.
const STATEWIDE: &str = "montana";

/// Series ids to draw: the URL's choice, else the open place's series, else the statewide ones.
pub fn chosen_series(ds: &Dataset, view: &ViewState) -> Vec<String> {
    let known = |id: &String| ds.series.iter().any(|s| s.id == *id);
    if view.series.iter().any(known) {
        return view.series.iter().filter(|id| known(id)).cloned().collect();
    }
    let of = |place: &str| -> Vec<String> {
        ds.series
            .iter()
            .filter(|s| s.place == place)
            .map(|s| s.id.clone())
            .collect()
    };
    let from_place = view.place.as_deref().map(of).unwrap_or_default();
    if !from_place.is_empty() {
        return from_place;
    }
    // The statewide headline series: the first one the dataset lists for the state.
    if let Some(first) = of(STATEWIDE).into_iter().next() {
        return vec![first];
    }
    ds.series
        .first()
        .map(|s| vec![s.id.clone()])
        .unwrap_or_default()
}

/// Events for the chart: of the series' places, matching the checked tactics, in the year range.
fn chart_events<'a>(ds: &'a Dataset, panel: &Panel<'_>, view: &ViewState) -> Vec<&'a Event> {
    let places: Vec<&str> = panel.series.iter().map(|s| s.place.as_str()).collect();
    let tactics = &view.filter.tactics;
    ds.events
        .iter()
        .filter(|e| places.contains(&e.place.as_str()))
        .filter(|e| tactics.is_empty() || e.tactics.iter().any(|t| tactics.contains(t)))
        .filter(|e| e.year().is_some_and(|y| view.filter.year_in_range(y)))
        .collect()
}

#[component]
pub fn Charts(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    if ds.series.is_empty() {
        return view! {
            <section id="charts" class="charts" aria-labelledby="charts-title">
                <h2 id="charts-title">"Reported figures over time"</h2>
                <p>"This dataset has no series of reported figures."</p>
            </section>
        }
        .into_any();
    }
    let kind = RwSignal::new(ChartKind::Line);
    let narrow = RwSignal::new(window_width() < 640.0);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        narrow.set(window_width() < 640.0);
    });
    on_cleanup(move || handle.remove());
    // Only what the charts depend on, so a tactic click or a keystroke in the search box does
    // not redraw them (a Memo stops unchanged values here).
    let relevant = Memo::new(move |_| {
        ctx.view.with(|v| ViewState {
            filter: crate::filter::Filter {
                from: v.filter.from,
                to: v.filter.to,
                tactics: v.filter.tactics.clone(),
                ..crate::filter::Filter::default()
            },
            theme: v.theme,
            ..ViewState::default()
        })
    });
    let dark = move || match relevant.with(|v| v.theme) {
        Some(theme) => theme == crate::url_state::Theme::Dark,
        None => prefers_dark(),
    };

    let chosen = {
        let ds = ds.clone();
        Memo::new(move |_| ctx.view.with(|v| chosen_series(&ds, v)))
    };
    let picker = series_picker(&ds, chosen, ctx);
    let index = loaded.index.clone();
    // What the panels are drawn from. The drawing itself waits until the page has painted
    // (see `after_paint`), so a filter click shows the matrix at once and the chart a frame
    // later, and the first load shows the table before any chart is drawn.
    let inputs = Memo::new(move |_| Drawn {
        ids: chosen.get(),
        view: relevant.get(),
        narrow: narrow.get(),
        dark: dark(),
        kind: kind.get(),
    });
    let drawn = RwSignal::new(None::<Drawn>);
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        inputs.track();
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        after_paint(move || {
            pending.set_value(false);
            let next = inputs.get_untracked();
            if drawn.with_untracked(|d| d.as_ref() != Some(&next)) {
                drawn.set(Some(next));
            }
        });
    });
    let panels = move || {
        let Some(d) = drawn.get() else {
            return view! { <p class="loading" data-testid="chart-pending">"Drawing the charts…"</p> }
                .into_any();
        };
        let series: Vec<&Series> = ds.series.iter().filter(|s| d.ids.contains(&s.id)).collect();
        let opts = ChartOptions {
            width: if d.narrow { 390 } else { 960 },
            height: if d.narrow { 300 } else { 420 },
            from: d.view.filter.from,
            to: d.view.filter.to,
            dark: d.dark,
            kind: d.kind,
        };
        chart::panels(&series)
            .iter()
            .enumerate()
            .map(|(i, panel)| chart_panel(&ds, &index, panel, &opts, &d.view, i))
            .collect_view()
            .into_any()
    };
    view! {
        <section id="charts" class="charts" aria-labelledby="charts-title" data-testid="charts">
            <h2 id="charts-title">"Reported figures over time"</h2>
            <p class="lede">"Each point comes from the source named in the table under the chart. Missing years are gaps, not zeros; where sources disagree, both figures are drawn."</p>
            {picker}
            <fieldset class="chart-kind">
                <legend>"Chart type"</legend>
                <label class="check"><input type="radio" name="chart-kind" prop:checked=move || kind.get() == ChartKind::Line on:change=move |_| kind.set(ChartKind::Line)/>"Lines"</label>
                <label class="check"><input type="radio" name="chart-kind" prop:checked=move || kind.get() == ChartKind::Bar on:change=move |_| kind.set(ChartKind::Bar)/>"Bars"</label>
            </fieldset>
            {panels}
        </section>
    }
    .into_any()
}

/// Everything a redraw of the panels depends on.
#[derive(Clone, PartialEq)]
struct Drawn {
    ids: Vec<String>,
    view: ViewState,
    narrow: bool,
    dark: bool,
    kind: ChartKind,
}

/// Runs `f` after the browser has painted the current frame: a task queued from the next
/// animation frame runs once that frame is on screen.
fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

fn series_picker(ds: &Arc<Dataset>, chosen: Memo<Vec<String>>, ctx: Ctx) -> impl IntoView {
    let boxes = ds
        .series
        .iter()
        .map(|s| {
            let id = s.id.clone();
            let id_check = id.clone();
            let checked = move || chosen.with(|c| c.contains(&id_check));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let id = id.clone();
                let mut next = chosen.get_untracked();
                next.retain(|x| *x != id);
                if on {
                    next.push(id);
                }
                ctx.update(History::Push, move |v| v.series = next);
            };
            let label = if s.fiscal_year {
                format!("{} (fiscal years)", s.name)
            } else {
                s.name.clone()
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="series" value=s.id.clone() prop:checked=checked on:change=toggle/>
                    {label}
                </label>
            }
        })
        .collect_view();
    view! {
        <details class="series-picker-box">
            <summary>"Choose series"</summary>
            <fieldset class="series-picker"><legend class="sr">"Series"</legend>{boxes}</fieldset>
        </details>
    }
}

fn chart_panel(
    ds: &Arc<Dataset>,
    index: &Arc<Index>,
    panel: &Panel<'_>,
    opts: &ChartOptions,
    view: &ViewState,
    i: usize,
) -> impl IntoView {
    let names: Vec<&str> = panel.series.iter().map(|s| s.name.as_str()).collect();
    let title = names.join("; ");
    let desc = chart::describe(panel, opts);
    let events = chart_events(ds, panel, view);
    let svg = chart::render_svg(panel, &events, opts, &title, &desc);
    let rows = chart::table_rows(panel, opts);
    let conflicts: Vec<String> = rows
        .iter()
        .filter(|r| r.conflict)
        .map(|r| r.period_label.clone())
        .fold(Vec::new(), |mut acc, p| {
            if !acc.contains(&p) {
                acc.push(p);
            }
            acc
        });
    let caveats: Vec<String> = panel
        .series
        .iter()
        .flat_map(|s| s.caveats.iter().map(move |c| format!("{}: {c}", s.name)))
        .collect();
    let lookup = {
        let (ds, index) = (ds.clone(), index.clone());
        move |id: &str| {
            ds.source(&index, id)
                .map(|s| (s.title.clone(), s.url.clone()))
        }
    };
    let csv = chart::to_csv(
        &rows,
        &panel.unit,
        &lookup,
        &ds.meta.citation,
        &ds.meta.as_of,
    );
    let file = slug(&title);
    let svg_for_download = svg.clone();
    let svg_for_png = svg.clone();
    let (w, h) = (opts.width, opts.height);
    let event_list = events_view(ds, index, &events);
    view! {
        <figure class="chart-figure" data-testid="chart" aria-labelledby=format!("chart-cap-{i}")>
            <figcaption id=format!("chart-cap-{i}")>
                <strong>{title.clone()}</strong>{format!(" ({})", panel.unit)}
            </figcaption>
            <div class="chart-svg" inner_html=svg></div>
            <p class="chart-desc">{desc}</p>
            {(!conflicts.is_empty()).then(|| view! {
                <p class="conflict-note" data-testid="conflict-note">
                    {format!("Sources disagree for {}: both figures are drawn and listed in the table with their sources.", conflicts.join(", "))}
                </p>
            })}
            {(!caveats.is_empty()).then(|| view! {
                <ul class="caveats">{caveats.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
            })}
            {event_list}
            <details class="chart-table">
                <summary>"Data table"</summary>
                {data_table(ds, index, &title, &rows)}
            </details>
            <div class="downloads">
                <button type="button" on:click={
                    let file = file.clone();
                    move |_| download_text(&format!("{file}.svg"), "image/svg+xml", &svg_for_download)
                }>"Download SVG"</button>
                <button type="button" on:click={
                    let file = file.clone();
                    move |_| download_png(&format!("{file}.png"), &svg_for_png, w, h)
                }>"Download PNG"</button>
                <button type="button" on:click={
                    let file = file.clone();
                    move |_| download_text(&format!("{file}.csv"), "text/csv", &csv)
                }>"Download CSV"</button>
            </div>
        </figure>
    }
}

fn events_view(ds: &Arc<Dataset>, index: &Arc<Index>, events: &[&Event]) -> impl IntoView {
    if events.is_empty() {
        return ().into_any();
    }
    let shown = RwSignal::new(None::<usize>);
    let items = events
        .iter()
        .enumerate()
        .map(|(k, e)| {
            let label = format!("{} · {}: {}", e.date_label(), e.kind.label(), e.title);
            view! {
                <li><button type="button" class="event" aria-expanded=move || (shown.get() == Some(k)).to_string()
                    on:click=move |_| shown.update(|s| *s = if *s == Some(k) { None } else { Some(k) })>{label}</button></li>
            }
        })
        .collect_view();
    let owned: Vec<Event> = events.iter().map(|e| (*e).clone()).collect();
    let (ds, index) = (ds.clone(), index.clone());
    let detail = move || {
        let e = owned.get(shown.get()?)?;
        let arrests = e
            .arrests
            .map(|n| format!(" Arrests: {n}."))
            .unwrap_or_default();
        Some(view! {
            <div class="event-detail" role="region" aria-label="Event" data-testid="event-detail">
                <p><strong>{e.title.clone()}</strong>{format!(" ({}, {})", e.date_label(), e.kind.label())}</p>
                <p>{e.description.clone()}{arrests}</p>
                {super::profile::source_links(&ds, &index, &e.sources)}
            </div>
        })
    };
    view! {
        <div class="events">
            <p class="events-title">"Events marked on the chart:"</p>
            <ul class="event-list">{items}</ul>
            {detail}
        </div>
    }
    .into_any()
}

fn data_table(ds: &Dataset, index: &Index, title: &str, rows: &[TableRow]) -> impl IntoView {
    let body = rows
        .iter()
        .map(|r| {
            let source = ds.source(index, &r.source_id);
            let link = match source {
                Some(s) if is_web_url(&s.url) => view! { <a href=s.url.clone() rel="noopener noreferrer" target="_blank">{s.title.clone()}</a> }.into_any(),
                Some(s) => view! { <span>{s.title.clone()}</span> }.into_any(),
                None => view! { <span>{r.source_id.clone()}</span> }.into_any(),
            };
            view! {
                <tr class:conflict=r.conflict>
                    <th scope="row">{r.period_label.clone()}</th>
                    <td>{r.series_name.clone()}</td>
                    <td class="num">{super::matrix::group_digits(r.value)}</td>
                    <td>{link}{r.note.clone().map(|n| format!(" — {n}"))}</td>
                    <td>{if r.conflict { "Sources disagree" } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data-table" data-testid="chart-table">
            <caption>{title.to_string()}</caption>
            <thead><tr>
                <th scope="col">"Period"</th><th scope="col">"Series"</th><th scope="col">"Value"</th>
                <th scope="col">"Source"</th><th scope="col">"Note"</th>
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

fn slug(s: &str) -> String {
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

fn window_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0)
}

fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Saves text as a file through a temporary blob link (no server round trip).
fn download_text(name: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    save_blob(name, &blob);
}

fn save_blob(name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(a) = document().create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        if let Some(body) = document().body() {
            let _ = body.append_child(&a);
            a.click();
            a.remove();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Draws the SVG onto a canvas in the page and saves it as PNG (twice the size, for print).
fn download_png(name: &str, svg: &str, width: u32, height: u32) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(img) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let name = name.to_string();
    let img_for_load = img.clone();
    let url_for_load = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url_for_load);
        let Ok(canvas) = document().create_element("canvas") else {
            return;
        };
        let canvas: web_sys::HtmlCanvasElement = canvas.unchecked_into();
        canvas.set_width(width * 2);
        canvas.set_height(height * 2);
        let Ok(Some(ctx)) = canvas.get_context("2d") else {
            return;
        };
        let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
        let _ = ctx.scale(2.0, 2.0);
        let _ = ctx.draw_image_with_html_image_element(&img_for_load, 0.0, 0.0);
        if let Ok(data_url) = canvas.to_data_url_with_type("image/png") {
            if let Ok(a) = document().create_element("a") {
                let a: web_sys::HtmlAnchorElement = a.unchecked_into();
                a.set_href(&data_url);
                a.set_download(&name);
                if let Some(body) = document().body() {
                    let _ = body.append_child(&a);
                    a.click();
                    a.remove();
                }
            }
        }
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
}
