//! The places as a table or a map (`view=`). The map is drawn by the lazily loaded worker,
//! asked only once the map is shown; this component sends what the matrix shows for every
//! place (from the same filter functions), inserts the SVG, and handles the marks: Enter,
//! Space or a click opens the place's profile, arrow keys, Home and End move between marks,
//! and closing the profile (Escape) returns focus to the mark.

use super::url::{Ctx, History};
use super::{worker, Loaded, Matrix};
use crate::dataset::Dataset;
use crate::map_marks::{place_marks, PlaceMark};
use crate::url_state::{Pane, Theme};
use leptos::prelude::*;
use std::sync::Arc;
use tactics_core::query::worker_protocol::{entries, view_box, MapRequest};
use tactics_map::marks::next_mark;
use tactics_map::view::ViewBox;
use wasm_bindgen::{JsCast, JsValue};

/// The switch and the chosen view of the places.
#[component]
pub fn Places(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Slices, so a filter change does not rebuild the matrix or the map component.
    let (pane, embed) = (ctx.pane, ctx.embed);
    move || {
        let loaded = loaded.clone();
        match pane.get() {
            Pane::Table => view! { {switch(ctx, Pane::Table)}<Matrix loaded=loaded/> }.into_any(),
            Pane::Map if embed.get() => view! { <MapView loaded=loaded/> }.into_any(),
            Pane::Map => view! { {switch(ctx, Pane::Map)}<MapView loaded=loaded/> }.into_any(),
        }
    }
}

/// "Show places as: Table | Map" (core's `shell::pane_switch_html` for the pane shown; the
/// whole part is rebuilt when it changes); a click adds a history entry.
fn switch(ctx: Ctx, shown: Pane) -> impl IntoView {
    let html = crate::shell::pane_switch_html(shown, true);
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let which = match attr_of(ev.target(), "data-pane").as_deref() {
            Some("map") => Pane::Map,
            Some("table") => Pane::Table,
            _ => return,
        };
        ctx.update(History::Push, |v| v.pane = which);
        // The switch is drawn again with the pane: focus goes to the map, or stays on the
        // Table button (it would fall to the page's body).
        request_animation_frame(move || {
            let selector = match which {
                Pane::Map => "[data-testid=map]",
                Pane::Table => ".pane-switch button[data-pane=table]",
            };
            if let Some(el) = document()
                .query_selector(selector)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    };
    view! { <div class="slot" inner_html=html on:click=on_click></div> }
}

/// Everything a drawing of the map depends on.
#[derive(Clone, PartialEq)]
struct Drawn {
    marks: Vec<PlaceMark>,
    checked: usize,
    all: bool,
    dark: bool,
    width: f64,
    view: Option<ViewBox>,
}

/// What the worker answered that the keys and the zoom buttons need.
#[derive(Clone, Default, PartialEq)]
struct Answer {
    order: Vec<String>,
    fitted: Option<ViewBox>,
}

#[component]
fn MapView(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (ds, index) = (loaded.ds.clone(), loaded.index.clone());
    let filter = ctx.filter;
    // Marks are the matrix's rows: the same filter functions, over every place.
    let marks = Memo::new(move |_| filter.with(|f| place_marks(&ds, &index, f)));
    let width = RwSignal::new(0.0f64);
    let zoom = RwSignal::new(None::<ViewBox>);
    // A new filter fits the map again.
    Effect::new(move |_| {
        filter.track();
        zoom.set(None);
    });
    let root = NodeRef::<leptos::html::Section>::new();
    track_width(root, width);
    let inputs = Memo::new(move |_| Drawn {
        marks: marks.get(),
        checked: filter.with(|f| f.tactics.len()),
        all: filter.with(|f| f.mode == crate::filter::Match::All),
        dark: dark(ctx),
        width: width.get(),
        view: zoom.get(),
    });
    let answer = StoredValue::new(Answer::default());
    draw_on_change(inputs, root, answer, loaded.ds.clone());
    return_focus_to_mark(ctx, root);
    close_on_escape(ctx);
    let drag = StoredValue::new(Drag::default());
    let (chooser_ds, chooser_index) = (loaded.ds.clone(), loaded.index.clone());
    // One listener for the marks, the "not on the map" buttons and the zoom buttons.
    let on_click = move |ev: leptos::ev::MouseEvent| {
        if drag.with_value(|d| d.moved) {
            drag.update_value(|d| d.moved = false); // the end of a drag, not a click
            return;
        }
        if attr_of(ev.target(), "data-action").as_deref() == Some("close") {
            close_chooser(root, true);
        } else if let Some(id) = place_of(ev.target()) {
            // Several marks under the finger (a city and its county): a chooser lists them
            // rather than opening one of them arbitrarily.
            // One mark under it: that one (the event's target may be another mark's line to
            // its true place, drawn over it).
            let mut id = id;
            if in_map_box(ev.target()) {
                let mut near = marks_near(root, f64::from(ev.client_x()), f64::from(ev.client_y()));
                if near.len() > 1 {
                    show_chooser(root, &near, &chooser_ds, &chooser_index, &id);
                    return;
                }
                if let Some(only) = near.pop() {
                    id = only;
                }
            }
            close_chooser(root, false);
            ctx.update(History::Push, move |v| v.place = Some(id));
        } else {
            tool_click(&ev, zoom, answer);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| mark_key(&ev, ctx, answer, root);
    let on_down = move |ev: leptos::ev::PointerEvent| drag_start(&ev, drag);
    let on_up = move |ev: leptos::ev::PointerEvent| drag_end(&ev, drag, zoom, answer, root);
    let on_wheel = move |ev: leptos::ev::WheelEvent| wheel_zoom(&ev, zoom, answer);
    let on_dblclick = move |ev: leptos::ev::MouseEvent| {
        if in_map_box(ev.target()) && place_of(ev.target()).is_none() {
            zoom_by(1.5, zoom, answer);
        }
    };
    // Static markup (cheaper in the first load than reactive views); the worker's answer is
    // written into its parts.
    view! {
        <section class="map" aria-labelledby="map-heading" data-testid="map" tabindex="-1" node_ref=root
            on:click=on_click on:keydown=on_key on:pointerdown=on_down on:pointerup=on_up
            on:wheel=on_wheel on:dblclick=on_dblclick on:focusin=move |ev| name_focused(root, &ev)
            inner_html=SECTION></section>
    }
}

/// The map section: heading, zoom and move buttons, the map, the summary and the list.
const SECTION: &str = "<h2 id=\"map-heading\">Where the places are</h2>\
<div class=\"map-tools\" role=\"group\" aria-label=\"Zoom and move the map\">\
<button type=\"button\" data-tool=\"in\" aria-label=\"Zoom in\" title=\"Zoom in\">+</button>\
<button type=\"button\" data-tool=\"out\" aria-label=\"Zoom out\" title=\"Zoom out\">−</button>\
<button type=\"button\" data-tool=\"west\" aria-label=\"Move west\" title=\"Move west\">←</button>\
<button type=\"button\" data-tool=\"east\" aria-label=\"Move east\" title=\"Move east\">→</button>\
<button type=\"button\" data-tool=\"north\" aria-label=\"Move north\" title=\"Move north\">↑</button>\
<button type=\"button\" data-tool=\"south\" aria-label=\"Move south\" title=\"Move south\">↓</button>\
<button type=\"button\" data-tool=\"fit\">Fit</button></div>\
<div class=\"map-box\" data-testid=\"map-box\" aria-busy=\"true\">\
<p class=\"loading\" data-testid=\"map-pending\">Loading the map…</p></div>\
<p class=\"map-focused\" aria-hidden=\"true\" data-testid=\"map-focused\"></p>\
<div class=\"map-chooser\" data-testid=\"map-chooser\" role=\"group\" aria-labelledby=\"map-chooser-title\" data-escape hidden></div>\
<p class=\"map-summary\" role=\"status\" aria-live=\"polite\" data-testid=\"map-summary\"></p>\
<div class=\"map-list\"></div>";

type Root = NodeRef<leptos::html::Section>;

/// The element of the section matching `selector` (a fixed selector, never data).
fn part(root: Root, selector: &str) -> Option<web_sys::Element> {
    root.get_untracked()?.query_selector(selector).ok()?
}

/// Keeps `width` at the map box's width in CSS pixels (the marks are sized in pixels).
fn track_width(root: Root, width: RwSignal<f64>) {
    let measure = move || {
        if let Some(el) = part(root, ".map-box") {
            let w = f64::from(el.client_width());
            if w > 0.0 && (w - width.get_untracked()).abs() >= 1.0 {
                width.set(w);
            }
        }
    };
    Effect::new(move |_| {
        if root.get().is_some() {
            measure();
        }
    });
    let handle = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || handle.remove());
}

/// The theme the map is drawn in: the URL's, else the visitor's setting.
fn dark(ctx: Ctx) -> bool {
    match ctx.look.with(|(theme, _)| *theme) {
        Some(theme) => theme == Theme::Dark,
        None => window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches()),
    }
}

/// Asks the worker for the map whenever the inputs change, and writes the newest answer
/// into the page (outside the reactive graph, like the chart panels).
fn draw_on_change(inputs: Memo<Drawn>, root: Root, answer: StoredValue<Answer>, ds: Arc<Dataset>) {
    let latest = StoredValue::new(0u32);
    Effect::new(move |_| {
        let d = inputs.get();
        if d.width <= 0.0 {
            return; // not laid out yet
        }
        let n = latest.get_value().wrapping_add(1);
        latest.set_value(n);
        let message = map_request(&d, &ds);
        leptos::task::spawn_local(async move {
            let reply = worker::map(message).await;
            if latest.get_value() != n {
                return; // a newer request is on its way
            }
            let (Some(map), Some(summary), Some(list)) = (
                part(root, ".map-box"),
                part(root, ".map-summary"),
                part(root, ".map-list"),
            ) else {
                return;
            };
            match reply {
                Ok(reply) => {
                    map.set_inner_html(&reply.svg);
                    summary.set_text_content(Some(&reply.summary));
                    list.set_inner_html(&reply.not_on_map);
                    answer.set_value(Answer {
                        order: reply.order,
                        fitted: reply.fitted.map(|[x, y, w, h]| ViewBox { x, y, w, h }),
                    });
                }
                Err(why) => {
                    web_sys::console::warn_1(&JsValue::from_str(&why));
                    map.set_inner_html("");
                    summary.set_text_content(Some(&format!(
                        "The map could not be drawn: {why} The table view lists the same places."
                    )));
                    list.set_inner_html("");
                    answer.set_value(Answer::default());
                }
            }
            let _ = map.set_attribute("aria-busy", "false");
        });
    });
}

/// The request: every place (`[id, matched, used, checkedUsed]` on the wire), the filter's
/// tactics, theme, width, and the zoomed view if any.
fn map_request(d: &Drawn, ds: &Dataset) -> MapRequest {
    MapRequest {
        places: entries(ds, &d.marks),
        geo: worker::absolute("geo/"),
        checked: u8::try_from(d.checked).unwrap_or(u8::MAX),
        all: d.all,
        dark: d.dark,
        width: Some(d.width),
        view: d.view.and_then(|v| view_box([v.x, v.y, v.w, v.h])),
    }
}

/// The place id of the mark or list button an event came from.
fn place_of(target: Option<web_sys::EventTarget>) -> Option<String> {
    attr_of(target, "data-place")
}

/// The attribute `name` of the event's target or of its nearest ancestor that has it.
fn attr_of(target: Option<web_sys::EventTarget>, name: &str) -> Option<String> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    el.closest(&format!("[{name}]")).ok()??.get_attribute(name)
}

/// Enter or Space opens the focused mark's profile; arrows, Home and End move between marks.
fn mark_key(ev: &leptos::ev::KeyboardEvent, ctx: Ctx, answer: StoredValue<Answer>, root: Root) {
    let Some(id) = place_of(ev.target()) else {
        return;
    };
    let key = ev.key();
    if key == "Enter" || key == " " {
        ev.prevent_default();
        ctx.update(History::Push, move |v| v.place = Some(id));
        return;
    }
    let next = answer.with_value(|a| next_mark(&a.order, &id, &key).map(str::to_string));
    if let Some(next) = next {
        ev.prevent_default();
        focus_mark(root, &next);
    }
}

/// Moves focus to the mark of place `id` (compared as text, never built into a selector).
fn focus_mark(root: Root, id: &str) {
    let Some(el) = part(root, ".map-box") else {
        return;
    };
    let Ok(marks) = el.query_selector_all(".mark[data-place]") else {
        return;
    };
    for i in 0..marks.length() {
        let Some(mark) = marks
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::SvgElement>().ok())
        else {
            continue;
        };
        if mark.get_attribute("data-place").as_deref() == Some(id) {
            let _ = mark.focus();
            return;
        }
    }
}

/// When the profile of a place closes, focus goes back to its mark.
fn return_focus_to_mark(ctx: Ctx, root: Root) {
    let place = ctx.place;
    Effect::new(move |prev: Option<Option<String>>| {
        let now = place.get();
        if let (Some(Some(was)), None) = (prev, now.as_ref()) {
            focus_mark(root, &was);
        }
        now
    });
}

/// Escape closes the open profile (focus then returns to its mark), wherever focus is.
fn close_on_escape(ctx: Ctx) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        // Not when the guard script closed a panel with this Escape (public/pre-guard.js); and
        // it is not counted toward Quick exit's Escape twice.
        if ev.key() == "Escape"
            && !ev.default_prevented()
            && ctx.place.with_untracked(Option::is_some)
        {
            ev.prevent_default();
            ctx.update(History::Push, |v| v.place = None);
        }
    });
    on_cleanup(move || handle.remove());
}

/// Names the focused mark in words under the map (its accessible name, for sighted keyboard
/// users; set as text).
fn name_focused(root: Root, ev: &leptos::ev::FocusEvent) {
    let Some(line) = part(root, ".map-focused") else {
        return;
    };
    let label = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|el| el.matches("g[data-place]").unwrap_or(false))
        .and_then(|el| el.get_attribute("aria-label"));
    line.set_text_content(label.as_deref());
}

/// How far from a tap (in CSS pixels) a moved mark's true-place dot still counts as under the
/// finger; a mark itself counts when the tap is in its hit circle (never smaller than this).
const FINGER: f64 = 8.0;

/// The place ids of the drawn marks whose hit circle holds the point, or whose dot at the true
/// place (a mark moved clear of others) is within [`FINGER`] of it, in drawing order. A mark's centre is its `translate(x y)` in the map's viewBox, taken to the page (its
/// bounding box would include the line to a moved mark's true place).
fn marks_near(root: Root, x: f64, y: f64) -> Vec<String> {
    let Some(svg) = part(root, "[data-testid=map-box] svg") else {
        return Vec::new();
    };
    let numbers = |s: &str| -> Vec<f64> {
        s.split([' ', ',', '(', ')'])
            .filter_map(|n| n.parse().ok())
            .collect()
    };
    let vb = numbers(&svg.get_attribute("viewBox").unwrap_or_default());
    let [vx, vy, vw, vh] = vb[..] else {
        return Vec::new();
    };
    let r = svg.get_bounding_client_rect();
    if vw <= 0.0 || vh <= 0.0 {
        return Vec::new();
    }
    // preserveAspectRatio's default (xMidYMid meet): one scale, centred.
    let k = (r.width() / vw).min(r.height() / vh);
    let (ox, oy) = (
        r.left() + (r.width() - vw * k) / 2.0,
        r.top() + (r.height() - vh * k) / 2.0,
    );
    let Ok(marks) = svg.query_selector_all("g[data-place]") else {
        return Vec::new();
    };
    let mut near = Vec::new();
    for i in 0..marks.length() {
        let Some(mark) = marks
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let at = mark
            .get_attribute("transform")
            .filter(|t| t.starts_with("translate"))
            .map(|t| numbers(&t));
        let Some([mx, my]) = at.as_deref().and_then(|a| <[f64; 2]>::try_from(a).ok()) else {
            continue;
        };
        // A mark moved clear of others has a dot at its true place (the end of its line):
        // a finger there is on that place too.
        let dot = mark
            .query_selector("g[stroke] > circle")
            .ok()
            .flatten()
            .and_then(|c| {
                let n = |a: &str| c.get_attribute(a).and_then(|v| v.parse::<f64>().ok());
                Some((n("cx")?, n("cy")?))
            });
        let to_page = |(px, py): (f64, f64)| (ox + (px - vx) * k, oy + (py - vy) * k);
        // The mark's own target is its hit circle (at least a finger's width across).
        let hit = mark
            .query_selector("circle.hit")
            .ok()
            .flatten()
            .and_then(|c| c.get_attribute("r"))
            .and_then(|r| r.parse::<f64>().ok())
            .map_or(FINGER, |r| (r * k).max(FINGER));
        let within = |(cx, cy): (f64, f64), d: f64| (cx - x).hypot(cy - y) <= d;
        let centre = to_page((mx, my));
        let true_place = dot.map(|(dx, dy)| to_page((mx + dx, my + dy)));
        if within(centre, hit) || true_place.is_some_and(|p| within(p, FINGER)) {
            if let Some(id) = mark.get_attribute("data-place") {
                if !near.contains(&id) {
                    near.push(id);
                }
            }
        }
    }
    near
}

/// Lists the places under the finger as buttons (names from the data, escaped), and moves
/// focus to the first; `tapped` is the mark focus returns to when the chooser is closed.
fn show_chooser(
    root: Root,
    ids: &[String],
    ds: &Dataset,
    index: &crate::dataset::Index,
    tapped: &str,
) {
    let Some(chooser) = part(root, ".map-chooser") else {
        return;
    };
    let esc = crate::text::escape;
    let items: String = ids
        .iter()
        .map(|id| {
            let name = ds.place(index, id).map_or(id.as_str(), |p| p.name.as_str());
            format!(
                "<li><button type=\"button\" data-place=\"{}\">{}</button></li>",
                esc(id),
                esc(name)
            )
        })
        .collect();
    chooser.set_inner_html(&format!(
        "<p id=\"map-chooser-title\">{} places are here. Which one?</p><ul>{items}</ul>\
         <button type=\"button\" class=\"close\" data-action=\"close\">Cancel</button>",
        ids.len()
    ));
    let _ = chooser.set_attribute("data-tapped", tapped);
    let _ = chooser.remove_attribute("hidden");
    if let Some(first) = chooser
        .query_selector("li button")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = first.focus();
    }
}

/// Hides the chooser; `refocus` gives focus back to the mark that was tapped.
fn close_chooser(root: Root, refocus: bool) {
    let Some(chooser) = part(root, ".map-chooser") else {
        return;
    };
    if chooser.has_attribute("hidden") {
        return;
    }
    let _ = chooser.set_attribute("hidden", "");
    chooser.set_inner_html("");
    if let (true, Some(id)) = (refocus, chooser.get_attribute("data-tapped")) {
        focus_mark(root, &id);
    }
}

/// A drag on the map: where it started, and whether the pointer moved far enough to be one.
#[derive(Clone, Copy, Default)]
struct Drag {
    start: Option<(f64, f64)>,
    moved: bool,
}

/// Is the event's target inside the drawn map (not a button or the lists)?
fn in_map_box(target: Option<web_sys::EventTarget>) -> bool {
    target
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("[data-testid=map-box] svg").ok().flatten())
        .is_some()
}

fn drag_start(ev: &leptos::ev::PointerEvent, drag: StoredValue<Drag>) {
    if ev.button() == 0 && in_map_box(ev.target()) {
        let start = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        drag.set_value(Drag {
            start: Some(start),
            moved: false,
        });
    }
}

/// Moves the map by the dragged distance, once, when the pointer is released (so the worker
/// draws the map once per drag).
fn drag_end(
    ev: &leptos::ev::PointerEvent,
    drag: StoredValue<Drag>,
    zoom: RwSignal<Option<ViewBox>>,
    answer: StoredValue<Answer>,
    root: Root,
) {
    let Some((x0, y0)) = drag.with_value(|d| d.start) else {
        return;
    };
    let (dx, dy) = (f64::from(ev.client_x()) - x0, f64::from(ev.client_y()) - y0);
    let moved = dx.hypot(dy) > 6.0;
    drag.set_value(Drag { start: None, moved });
    if !moved {
        return; // a click: no layout read, no redraw
    }
    let Some(rect) =
        part(root, "[data-testid=map-box] svg").map(|svg| svg.get_bounding_client_rect())
    else {
        return;
    };
    let Some(v) = shown_view(zoom, answer) else {
        return;
    };
    if rect.width() > 0.0 && rect.height() > 0.0 {
        zoom.set(Some(v.pan(-dx / rect.width(), -dy / rect.height())));
    }
}

/// Ctrl + wheel (what a trackpad pinch sends) zooms; a plain wheel still scrolls the page.
fn wheel_zoom(
    ev: &leptos::ev::WheelEvent,
    zoom: RwSignal<Option<ViewBox>>,
    answer: StoredValue<Answer>,
) {
    if !ev.ctrl_key() || !in_map_box(ev.target()) || ev.delta_y() == 0.0 {
        return;
    }
    ev.prevent_default();
    zoom_by(if ev.delta_y() < 0.0 { 1.25 } else { 0.8 }, zoom, answer);
}

fn zoom_by(factor: f64, zoom: RwSignal<Option<ViewBox>>, answer: StoredValue<Answer>) {
    if let Some(v) = shown_view(zoom, answer) {
        zoom.set(Some(v.zoom(factor, v.centre())));
    }
}

/// The view on screen: the zoomed one, else the one the worker fitted.
fn shown_view(zoom: RwSignal<Option<ViewBox>>, answer: StoredValue<Answer>) -> Option<ViewBox> {
    zoom.get_untracked()
        .or_else(|| answer.with_value(|a| a.fitted))
}

/// A zoom or move button: the new view, from the current one (or the fitted one).
fn tool_click(
    ev: &leptos::ev::MouseEvent,
    zoom: RwSignal<Option<ViewBox>>,
    answer: StoredValue<Answer>,
) {
    let Some(tool) = attr_of(ev.target(), "data-tool") else {
        return;
    };
    if tool == "fit" {
        zoom.set(None);
        return;
    }
    let Some(v) = shown_view(zoom, answer) else {
        return;
    };
    let next = match tool.as_str() {
        "in" => v.zoom(1.5, v.centre()),
        "out" => v.zoom(1.0 / 1.5, v.centre()),
        "west" => v.pan(-0.25, 0.0),
        "east" => v.pan(0.25, 0.0),
        "north" => v.pan(0.0, -0.25),
        "south" => v.pan(0.0, 0.25),
        _ => return,
    };
    zoom.set(Some(next));
}
