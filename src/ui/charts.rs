//! Charts of reported figures over time: a series picker and the panels. The panels (drawing,
//! words, conflicts, caveats, events, data table) are built by the lazily loaded worker, which is
//! asked only when the chart section nears the viewport or the URL names series; this component
//! inserts them and handles their buttons. Without the worker, the data tables are shown.

use super::download::{download_png, download_text};
use super::url::{after_paint, Ctx, History};
use super::{worker, Loaded};
use crate::chart::html::fallback_html;
use crate::chart::{self, ChartKind, ChartOptions};
use crate::dataset::{Dataset, Index, Series};
use crate::url_state::ViewState;
use js_sys::Array;
use leptos::prelude::*;
use std::sync::Arc;
use tactics_core::query::worker_protocol::{ChartsRequest, Panel};
use wasm_bindgen::{JsCast, JsValue};

pub use crate::chart::chosen_series;

/// The series to draw, from the series and open-place slices only: a filter click or a
/// keystroke in the search box does not wake it.
pub fn series_choice(ctx: Ctx, ds: Arc<Dataset>) -> Memo<Vec<String>> {
    Memo::new(move |_| {
        let named = ViewState {
            series: ctx.series.get(),
            place: ctx.place.get(),
            ..ViewState::default()
        };
        chosen_series(&ds, &named)
    })
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
    let chosen = series_choice(ctx, ds.clone());
    let picker = series_picker(&ds, chosen, ctx);
    // Whose series are drawn when a place is open, and that its state's are kept beside them.
    let beside = {
        let ds = ds.clone();
        Memo::new(move |_| {
            let named = ViewState {
                series: ctx.series.get(),
                place: ctx.place.get(),
                ..ViewState::default()
            };
            crate::chart::beside_note(&ds, &named)
        })
    };
    let drawn = drawn_after_paint(chart_inputs(ctx, chosen, kind));
    let section = NodeRef::<leptos::html::Section>::new();
    let wanted = wanted_when_near(section, ctx);
    let container = NodeRef::<leptos::html::Div>::new();
    let files = StoredValue::new(Vec::<PanelFiles>::new());
    let busy = RwSignal::new(false);
    show_panels(loaded, drawn, wanted, container, files, busy);
    let on_click = move |ev: leptos::ev::MouseEvent| panel_click(&ev, files);
    view! {
        <section id="charts" class="charts" aria-labelledby="charts-title" data-testid="charts" node_ref=section>
            <h2 id="charts-title">"Reported figures over time"</h2>
            <p class="lede">"Each point comes from the source named in the table under the chart. Missing years are gaps, not zeros; where sources disagree, both figures are drawn."</p>
            {move || beside.get().map(|note| view! { <p class="beside-note" data-testid="beside-note">{note}</p> })}
            {picker}
            <fieldset class="chart-kind">
                <legend>"Chart type"</legend>
                <label class="check"><input type="radio" name="chart-kind" prop:checked=move || kind.get() == ChartKind::Line on:change=move |_| kind.set(ChartKind::Line)/>"Lines"</label>
                <label class="check"><input type="radio" name="chart-kind" prop:checked=move || kind.get() == ChartKind::Bar on:change=move |_| kind.set(ChartKind::Bar)/>"Bars"</label>
            </fieldset>
            <p class="sr" role="status">{move || if busy.get() { "Drawing the charts…" } else { "" }}</p>
            <div class="chart-panels" node_ref=container on:click=on_click aria-busy=move || busy.get().to_string()>
                <p class="loading chart-loading" data-testid="chart-pending">"Loading the chart…"</p>
            </div>
        </section>
    }
    .into_any()
}

/// Only what the charts depend on, so a tactic click or a keystroke in the search box does not
/// redraw them (a Memo stops unchanged values here).
fn chart_inputs(ctx: Ctx, chosen: Memo<Vec<String>>, kind: RwSignal<ChartKind>) -> Memo<Drawn> {
    let narrow = RwSignal::new(window_width() < 640.0);
    let handle = window_event_listener(leptos::ev::resize, move |_| {
        let now = window_width() < 640.0;
        if narrow.get_untracked() != now {
            narrow.set(now);
        }
    });
    on_cleanup(move || handle.remove());
    // The checked tactics mark their events on the chart; the year range bounds it.
    let relevant = Memo::new(move |_| {
        let (from, to) = ctx.years.get();
        let filter = crate::filter::Filter {
            from,
            to,
            tactics: ctx.tactics.get(),
            ..crate::filter::Filter::default()
        };
        ViewState {
            filter,
            theme: ctx.look.with(|(theme, _)| *theme),
            ..ViewState::default()
        }
    });
    let dark = move || match relevant.with(|v| v.theme) {
        Some(theme) => theme == crate::url_state::Theme::Dark,
        None => prefers_dark(),
    };
    Memo::new(move |_| Drawn {
        ids: chosen.get(),
        view: relevant.get(),
        narrow: narrow.get(),
        dark: dark(),
        kind: kind.get(),
    })
}

/// The inputs, taken after the browser has painted: a filter click shows the matrix at once and
/// the chart a frame later, and the first load shows the table before any chart.
fn drawn_after_paint(inputs: Memo<Drawn>) -> RwSignal<Option<Drawn>> {
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
    drawn
}

/// True once the charts are wanted: at once for a link to series or to `#charts`, else when the
/// section nears the viewport.
fn wanted_when_near(section: NodeRef<leptos::html::Section>, ctx: Ctx) -> RwSignal<bool> {
    let wanted = RwSignal::new(asked_for_by_url(ctx));
    Effect::new(move |_| {
        if let Some(el) = section.get() {
            // `try_`: the observer may fire after this section was replaced (a preview of the
            // person's own files rebuilds the explorer).
            when_near_viewport(&el, move || {
                if wanted.try_get_untracked() == Some(false) {
                    wanted.try_set(true);
                }
            });
        }
    });
    wanted
}

/// Asks the worker for the panels whenever what they show changes, and writes their markup into
/// the page (outside the reactive graph); without the worker, the data tables.
fn show_panels(
    loaded: Loaded,
    drawn: RwSignal<Option<Drawn>>,
    wanted: RwSignal<bool>,
    container: NodeRef<leptos::html::Div>,
    files: StoredValue<Vec<PanelFiles>>,
    busy: RwSignal<bool>,
) {
    let latest = StoredValue::new(0u32);
    let shown = StoredValue::new(String::new());
    Effect::new(move |_| {
        let (Some(d), true) = (drawn.get(), wanted.get()) else {
            return;
        };
        let n = latest.get_value().wrapping_add(1);
        latest.set_value(n);
        busy.set(true);
        let loaded = loaded.clone();
        leptos::task::spawn_local(async move {
            let reply = worker::charts(chart_request(&d)).await;
            if latest.try_get_value() != Some(n) {
                return; // a newer request is on its way, or the section was replaced
            }
            busy.set(false);
            let Some(el) = container.get_untracked() else {
                return;
            };
            let (html, panel_files) = match reply {
                Ok(panels) => read_panels(panels),
                Err(why) => (fallback(&loaded.ds, &loaded.index, &d, &why), Vec::new()),
            };
            // The same panels again: keep the DOM, so focus and opened details stay put.
            if shown.with_value(|s| *s != html) {
                el.set_inner_html(&html);
                shown.set_value(html);
            }
            files.set_value(panel_files);
        });
    });
}

/// The panels of `ids` as the charts section draws them (light, lines, wide), for the one-page
/// brief (`super::compare`); `None` when the worker cannot draw them.
pub async fn drawn_panels(ids: Vec<String>) -> Option<String> {
    let d = Drawn {
        ids,
        view: ViewState::default(),
        narrow: false,
        dark: false,
        kind: ChartKind::Line,
    };
    let panels = worker::charts(chart_request(&d)).await.ok()?;
    Some(read_panels(panels).0)
}

/// The figures of `ids` as data tables (the brief's chart until, or without, the drawing).
pub fn figure_tables(ds: &Dataset, index: &Index, ids: &[String]) -> String {
    let series: Vec<&Series> = ds.series.iter().filter(|s| ids.contains(&s.id)).collect();
    chart::panels(&series)
        .iter()
        .map(|panel| {
            let rows = chart::table_rows(panel, &ChartOptions::default());
            let title = chart::html::panel_title(panel);
            chart::html::table_html(ds, index, &format!("{title} ({})", panel.unit), &rows)
        })
        .collect()
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

/// The series checkboxes are built when the box is first opened: a large dataset has thousands
/// of series, and their checkboxes were most of the explorer's first render (30,000 places).
fn series_picker(ds: &Arc<Dataset>, chosen: Memo<Vec<String>>, ctx: Ctx) -> impl IntoView {
    let opened = RwSignal::new(false);
    let ds = ds.clone();
    view! {
        <details class="series-picker-box" on:toggle=move |_| opened.set(true)>
            <summary>"Choose series"</summary>
            <fieldset class="series-picker"><legend class="sr">"Series"</legend>
                {move || opened.get().then(|| series_boxes(&ds, chosen, ctx))}
            </fieldset>
        </details>
    }
}

fn series_boxes(ds: &Dataset, chosen: Memo<Vec<String>>, ctx: Ctx) -> impl IntoView {
    ds.series
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
        .collect_view()
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

/// The files behind one panel's download buttons.
struct PanelFiles {
    svg: String,
    csv: String,
    file: String,
}

/// A link to series, or to the charts section, asks for the charts at once.
fn asked_for_by_url(ctx: Ctx) -> bool {
    let hash = window().location().hash().unwrap_or_default();
    hash == "#charts" || ctx.series.with_untracked(|s| !s.is_empty())
}

/// Calls `f` once, when `el` comes within 150 px of the viewport.
fn when_near_viewport(el: &web_sys::Element, f: impl Fn() + 'static) {
    let callback =
        wasm_bindgen::closure::Closure::<dyn Fn(Array, web_sys::IntersectionObserver)>::new(
            move |entries: Array, observer: web_sys::IntersectionObserver| {
                let near = entries.iter().any(|e| {
                    e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                        .is_intersecting()
                });
                if near {
                    observer.disconnect();
                    f();
                }
            },
        );
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("150px 0px");
    if let Ok(observer) =
        web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options)
    {
        observer.observe(el);
    }
    callback.forget();
}

fn chart_request(d: &Drawn) -> ChartsRequest {
    ChartsRequest {
        series: d.ids.clone(),
        tactics: d.view.filter.tactics.clone(),
        from: d.view.filter.from,
        to: d.view.filter.to,
        narrow: d.narrow,
        dark: d.dark,
        bars: d.kind == ChartKind::Bar,
    }
}

fn read_panels(panels: Vec<Panel>) -> (String, Vec<PanelFiles>) {
    if panels.is_empty() {
        return (
            "<p>No series is chosen: pick one under “Choose series”.</p>".into(),
            Vec::new(),
        );
    }
    let html: String = panels.iter().map(|p| p.html.as_str()).collect();
    let files = panels
        .into_iter()
        .map(|p| PanelFiles {
            svg: p.svg,
            csv: p.csv,
            file: p.file,
        })
        .collect();
    (html, files)
}

/// Without the worker: each panel's caption and data table, drawn here from the same core.
fn fallback(ds: &Dataset, index: &Index, d: &Drawn, why: &str) -> String {
    web_sys::console::warn_1(&JsValue::from_str(why));
    let series: Vec<&Series> = ds.series.iter().filter(|s| d.ids.contains(&s.id)).collect();
    let opts = ChartOptions {
        from: d.view.filter.from,
        to: d.view.filter.to,
        ..ChartOptions::default()
    };
    chart::panels(&series)
        .iter()
        .enumerate()
        .map(|(i, panel)| fallback_html(ds, index, panel, &opts, i))
        .collect()
}

/// The panels' buttons, through one listener: downloads and the event details.
fn panel_click(ev: &leptos::ev::MouseEvent, files: StoredValue<Vec<PanelFiles>>) {
    let Some(target) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return;
    };
    let Ok(Some(button)) = target.closest("button") else {
        return;
    };
    if let Some(kind) = button.get_attribute("data-download") {
        let panel: usize = button
            .get_attribute("data-panel")
            .and_then(|p| p.parse().ok())
            .unwrap_or(0);
        files.with_value(|f| {
            if let Some(f) = f.get(panel) {
                save(&kind, f);
            }
        });
    } else if button.class_list().contains("event") {
        toggle_detail(&button);
    }
}

fn save(kind: &str, f: &PanelFiles) {
    match kind {
        "svg" => download_text(&format!("{}.svg", f.file), "image/svg+xml", &f.svg),
        "png" => {
            let (w, h) = svg_size(&f.svg);
            download_png(&format!("{}.png", f.file), &f.svg, w, h);
        }
        _ => download_text(&format!("{}.csv", f.file), "text/csv", &f.csv),
    }
}

/// The width and height written on the SVG's root element.
fn svg_size(svg: &str) -> (u32, u32) {
    let attr = |name: &str| -> Option<u32> {
        let head = &svg[..svg.find('>')?];
        let start = head.find(&format!(" {name}=\""))? + name.len() + 3;
        head[start..].split('"').next()?.parse().ok()
    };
    (attr("width").unwrap_or(960), attr("height").unwrap_or(420))
}

fn toggle_detail(button: &web_sys::Element) {
    let open = button.get_attribute("aria-expanded").as_deref() == Some("true");
    let _ = button.set_attribute("aria-expanded", if open { "false" } else { "true" });
    let Some(id) = button.get_attribute("aria-controls") else {
        return;
    };
    if let Some(detail) = document().get_element_by_id(&id) {
        let _ = detail.toggle_attribute_with_force("hidden", open);
    }
}
