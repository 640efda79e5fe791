//! The tactics matrix: places by tactics, with sorting, totals and one page of rows at a time.

use super::url::Ctx;
use super::Loaded;
use crate::action::Action;
use crate::dataset::{CellState, Dataset, Index};
use crate::filter::Filter;
use crate::rows::{self, cell_text};
use crate::shell;
use crate::url_state::ViewState;
use leptos::prelude::*;
use std::sync::Arc;
use tactics_core::query::first_view;
use tactics_dom::matrix_view::MatrixView;
use wasm_bindgen::JsCast;

#[component]
pub fn Matrix(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let index = loaded.index.clone();
    let total_places = ds.jurisdictions.len();
    // The page the first view showed, when the app takes over from it.
    let page = RwSignal::new(super::slots::handed_page());
    let (filter, order) = (ctx.filter, ctx.order);
    // A new filter or sort starts again at the first page (not the first run: the page above).
    Effect::new(move |first: Option<()>| {
        filter.track();
        order.track();
        // Setting an unchanged signal would still redraw the page.
        if first.is_some() && page.get_untracked() != 0 {
            page.set(0);
        }
    });
    // Everything of the section that depends on the view, from one scan (core's frame, as the
    // first view computes it): run when the filter, the sort or the page changes, not when a
    // profile opens or a chart series is picked.
    let frame = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| {
            let view = filter.with(|f| {
                order.with(|(sort, dir)| ViewState {
                    filter: f.clone(),
                    sort: sort.clone(),
                    dir: *dir,
                    ..ViewState::default()
                })
            });
            first_view::frame(&ds, &index, &view, page.get())
        })
    };
    let pages = move || frame.with(|f| f.pages);
    let opened = RwSignal::new(None::<(usize, usize)>);
    // The cell button that opened the sources, where focus returns when they close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    // The section's markup is the build's, adopted from the prerendered page when it is of this
    // data, else written from the same core function; the first view's code keeps it showing
    // each frame (tactics_dom's MatrixView).
    let parts = NodeRef::<leptos::html::Div>::new();
    let drawn = StoredValue::new_local(None::<MatrixView>);
    let selected = ctx.place;
    let ds_for_parts = ds.clone();
    let other_data = ctx.view.with_untracked(|v| v.data.is_some());
    // New rows come unmarked, so with no profile open before or now there is nothing to do.
    Effect::new(move |before: Option<Option<String>>| {
        let frame = frame.get();
        let selected = selected.get();
        let Some(parts) = parts.get() else {
            return selected;
        };
        drawn.update_value(|drawn| {
            if drawn.is_none() {
                fill(&parts, &ds_for_parts, &frame, other_data);
                *drawn = MatrixView::new(web_sys::Element::clone(&parts), total_places == 0);
            }
            if let Some(drawn) = drawn {
                drawn.show(frame);
            }
        });
        if selected.is_some() || before.flatten().is_some() {
            if let Ok(Some(tbody)) = parts.query_selector("tbody") {
                mark_selected(&tbody, selected.as_deref());
            }
        }
        selected
    });
    // The section's listeners: one each, for every part (its markup is not Leptos's). The one
    // tooltip shows for the hovered or focused cell (`None` hides it).
    let tip = move |ev: Option<&web_sys::Event>| {
        if let Some(parts) = parts.get_untracked() {
            tactics_dom::matrix_parts::show_tip(&parts, ev.and_then(target).as_ref());
        }
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" {
            tip(None);
        }
    });
    on_cleanup(move || keys.remove());
    let ds_for_click = ds.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        // A tap shows the cell's tooltip (focus, then a mouseover) and nothing moves it away:
        // it would stay over the next row. What the click opens says more.
        tip(None);
        let Some(button) = target(&ev).and_then(|t| t.closest("button").ok().flatten()) else {
            return;
        };
        let attr = |name: &str| button.get_attribute(name);
        if let Some(id) = attr("data-place") {
            let _ = ctx.act(&ds_for_click, Action::OpenPlace(id));
        } else if let Some(cell) = attr("data-cell").and_then(|c| rows::parse_cell_ref(&c)) {
            opener.set_value(button.dyn_into::<web_sys::HtmlElement>().ok());
            opened.set(Some(cell));
            // Focus moves into the dialog, so Escape there closes it (public/pre-guard.js),
            // and the whole panel is brought into view (focus alone showed only its heading
            // at the bottom of a phone's screen).
            request_animation_frame(|| {
                if let Some(title) = document()
                    .get_element_by_id("sources-title")
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = title.focus();
                    if let Ok(Some(panel)) = title.closest(".sources-panel") {
                        if !fully_in_view(&panel) {
                            panel.scroll_into_view();
                        }
                    }
                }
            });
        } else if let Some(id) = attr("data-sort") {
            let _ = ctx.act(&ds_for_click, Action::Sort(id));
        } else if let Some(step) = attr("data-page") {
            page.update(|p| *p = tactics_dom::matrix_parts::step(&step, (*p).min(pages() - 1)));
        } else if attr("data-action").as_deref() == Some("clear") {
            let _ = ctx.act(&ds_for_click, Action::ClearAll);
        }
    };
    view! {
        <section class="matrix" aria-labelledby="matrix-title" data-testid="matrix"
            on:click=on_click
            on:keydown=move |ev| { tactics_dom::grid::key(&ev); }
            on:mouseover=move |ev| tip(Some(&ev))
            on:focusin=move |ev| {
                if let Some(el) = target(&ev) {
                    tactics_dom::grid::focused(&el);
                }
                tip(Some(&ev))
            }
            on:focusout=move |_| tip(None)
            on:mouseleave=move |_| tip(None)>
            <div class="matrix-parts" node_ref=parts></div>
            <SourcesPanel ds=ds.clone() index=index.clone() opened=opened opener=opener/>
        </section>
    }
}

/// Whether an element is wholly inside the viewport (or, taller than it, fills it).
fn fully_in_view(el: &web_sys::Element) -> bool {
    let r = el.get_bounding_client_rect();
    let height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    r.top() >= 0.0 && (r.bottom() <= height || r.top() < 1.0)
}

/// The element an event happened on.
fn target(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()?.dyn_into().ok()
}

/// Fills the app's section: the prerendered section's parts when the page has them for this
/// data's columns (moved, not copied: the same rows; focus and scroll are given back by
/// `slots::shown` once the app is shown), else core's markup for `frame`. `other_data`:
/// the data is not the one the page was built from.
fn fill(
    parts: &web_sys::Element,
    ds: &Dataset,
    frame: &tactics_core::query::first_view::Frame,
    other_data: bool,
) {
    let built = super::slots::take(tactics_core::markup::page::Slot::Content, "section.matrix")
        .filter(|pre| tactics_dom::matrix_parts::same_columns(pre, ds));
    let Some(built) = built else {
        parts.set_inner_html(&shell::matrix_inner_html(ds, frame, true));
        return;
    };
    while let Some(child) = built.first_child() {
        let _ = parts.append_child(&child);
    }
    // The build wrote the bundled data's names and national counts: a `?data=` file with the
    // same tactics gets its own.
    if other_data {
        let (sort, dir) = (&frame.sorted.0, frame.sorted.1);
        let mine = [
            ("thead", shell::header_html(ds, sort, dir)),
            ("details.column-key", shell::column_key_inner_html(ds)),
            ("tfoot tr:last-child", crate::page_parts::national_row(ds)),
        ];
        for (selector, html) in mine {
            if let Ok(Some(el)) = parts.query_selector(selector) {
                el.set_inner_html(&html);
            }
        }
    }
}

/// Marks the row of the open profile, on the rows already in the page.
fn mark_selected(tbody: &web_sys::Element, selected: Option<&str>) {
    let Ok(rows) = tbody.query_selector_all("tr[data-place]") else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let on = row.get_attribute("data-place").as_deref() == selected && selected.is_some();
        let _ = row.class_list().toggle_with_force("selected", on);
        if let Ok(Some(button)) = row.query_selector("button.place") {
            let _ = button.set_attribute("aria-expanded", if on { "true" } else { "false" });
        }
    }
}

/// The sources behind the last activated cell. It takes focus when it opens (so a phone
/// scrolls it into view), and closing it (its button or Escape) gives focus back to the cell.
/// An Escape that closes it is not the page's: its default is prevented and it goes no further
/// (so it never counts toward Quick exit's "Escape twice").
#[component]
fn SourcesPanel(
    ds: Arc<Dataset>,
    index: Arc<Index>,
    opened: RwSignal<Option<(usize, usize)>>,
    opener: StoredValue<Option<web_sys::HtmlElement>, LocalStorage>,
) -> impl IntoView {
    // Closing (its button, or Escape with focus in it) gives focus back to the cell.
    let close = move || {
        opened.set(None);
        if let Some(cell) = opener.get_value() {
            let _ = cell.focus();
        }
    };
    let content = move || {
        let (pos, t) = opened.get()?;
        let place = ds.jurisdictions.get(pos)?;
        let tactic = ds.tactics.get(t)?;
        let u = match ds.cell(&index, pos, t) {
            CellState::Used(u) | CellState::NotFound(u) => u.clone(),
            CellState::NotResearched => return None,
        };
        let heading = format!("{} — {}", place.name, tactic.name);
        let (_, text) = cell_text(&ds, &index, ds.cell(&index, pos, t), &Filter::default());
        let sources = super::profile::source_links(&ds, &index, &u.sources);
        Some(view! {
            <div class="sources-panel" role="dialog" aria-labelledby="sources-title" data-testid="sources-panel" data-escape>
                // The close button beside the heading: in reach when the panel is taller than a
                // phone's screen.
                <div class="panel-head">
                    <h3 id="sources-title" tabindex="-1">{heading}</h3>
                    <button type="button" class="close" data-action="close" on:click=move |_| close()>"Close sources"</button>
                </div>
                <p>{text}</p>
                {u.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                {sources}
            </div>
        })
    };
    view! { {content} }
}
