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
use tactics_core::first_view;
use tactics_dom::matrix_view::MatrixView;
use tactics_dom::Tip;
use wasm_bindgen::JsCast;

#[component]
pub fn Matrix(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let index = loaded.index.clone();
    let total_places = ds.jurisdictions.len();
    // The page the first view showed, when the app takes over from it.
    let page = RwSignal::new(super::takeover::handed_page());
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
    // The fixed markup: core's shell, as the build writes it.
    let header = order.with_untracked(|(sort, dir)| shell::header_html(&ds, sort, *dir));
    let column_key = shell::column_key_html(&ds);
    let foot = shell::foot_html(&ds, 0, &vec![0; ds.tactics.len()]);
    // The section shows each frame through the first view's code (tactics_dom's MatrixView).
    let section = NodeRef::<leptos::html::Section>::new();
    let drawn = StoredValue::new_local(None::<MatrixView>);
    let selected = ctx.place;
    // New rows come unmarked, so with no profile open before or now there is nothing to do.
    Effect::new(move |before: Option<Option<String>>| {
        let frame = frame.get();
        let selected = selected.get();
        let Some(section) = section.get() else {
            return selected;
        };
        drawn.update_value(|drawn| {
            if drawn.is_none() {
                *drawn = MatrixView::new(web_sys::Element::clone(&section), total_places == 0);
            }
            if let Some(drawn) = drawn {
                drawn.show(frame);
            }
        });
        if selected.is_some() || before.flatten().is_some() {
            if let Ok(Some(tbody)) = section.query_selector("tbody") {
                mark_selected(&tbody, selected.as_deref());
            }
        }
        // The rows are in the page: the app replaces the prerendered view in this task.
        super::takeover::done();
        selected
    });
    let ds_for_clear = ds.clone();
    let on_section_click = move |ev: leptos::ev::MouseEvent| {
        let Some(button) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| {
                t.closest(".pager button, .empty button, thead button")
                    .ok()
                    .flatten()
            })
        else {
            return;
        };
        if let Some(id) = button.get_attribute("data-sort") {
            let _ = ctx.act(&ds_for_clear, Action::Sort(id));
        } else if let Some(step) = button.get_attribute("data-page") {
            page.update(|p| *p = tactics_dom::matrix_parts::step(&step, (*p).min(pages() - 1)));
        } else if button.get_attribute("data-action").as_deref() == Some("clear") {
            let _ = ctx.act(&ds_for_clear, Action::ClearAll);
        }
    };
    // One tooltip for the table, shown for the hovered or focused cell (WCAG 1.4.13: it stays
    // while the pointer moves onto it, and Escape hides it).
    let tip = RwSignal::new(None::<Tip>);
    let show_tip = move |ev: web_sys::Event| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        tip.set(target.as_ref().and_then(tactics_dom::tip_for));
    };
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if ev.key() == "Escape" && tip.with_untracked(Option::is_some) {
            tip.set(None);
        }
    });
    on_cleanup(move || keys.remove());
    // One listener for the whole body: a place name opens its profile, a cell its sources.
    let ds_for_click = ds.clone();
    let on_body_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Ok(Some(button)) = target.closest("button") else {
            return;
        };
        if let Some(id) = button.get_attribute("data-place") {
            let _ = ctx.act(&ds_for_click, Action::OpenPlace(id));
        } else if let Some(cell) = button
            .get_attribute("data-cell")
            .and_then(|c| rows::parse_cell_ref(&c))
        {
            opener.set_value(button.dyn_into::<web_sys::HtmlElement>().ok());
            opened.set(Some(cell));
            // Focus moves into the dialog, so Escape there closes it (public/pre-guard.js).
            request_animation_frame(|| {
                if let Some(title) = document()
                    .get_element_by_id("sources-title")
                    .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = title.focus();
                }
            });
        }
    };

    view! {
        <section class="matrix" aria-labelledby="matrix-title" data-testid="matrix"
            node_ref=section on:click=on_section_click>
            <h2 id="matrix-title">"Tactics by place"</h2>
            <div class="legend-box" inner_html=rows::LEGEND_HTML></div>
            <p role="status" aria-live="polite" class="count" data-testid="row-count"></p>
            <div inner_html=column_key></div>
            <span inner_html=rows::skip_table_html("table-end")></span>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Tactics table, scrolls sideways"
                on:mouseleave=move |_| tip.set(None)>
                <div class="tip" role="tooltip" data-testid="cell-tip"
                    hidden=move || tip.with(Option::is_none)
                    style:left=move || tip.with(|t| t.as_ref().map(|t| format!("{}px", t.left)))
                    style:top=move || tip.with(|t| t.as_ref().map(|t| format!("{}px", t.top)))
                >{move || tip.with(|t| t.as_ref().map(|t| t.text.clone()))}</div>
                <table
                    role="grid"
                    on:keydown=move |ev| { tactics_dom::grid::key(&ev); }
                    // The header's sort buttons are cells of the grid too: focus there makes it
                    // the grid's one tab stop.
                    on:focusin=move |ev: leptos::ev::FocusEvent| {
                        if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                            tactics_dom::grid::focused(&el);
                        }
                    }
                    data-testid="matrix-table"
                >
                    <caption>
                        <span></span>
                        <span class="sr">{rows::BLANK_CELL_NOTE}</span>
                    </caption>
                    <thead inner_html=header></thead>
                    <tbody
                        on:click=on_body_click
                        on:mouseover=move |ev| show_tip(ev.into())
                        on:focusin=move |ev: leptos::ev::FocusEvent| show_tip(ev.into())
                        on:focusout=move |_| tip.set(None)
                    ></tbody>
                    <tfoot inner_html=foot></tfoot>
                </table>
            </div>
            <div inner_html=rows::table_end_html("table-end")></div>
            <SourcesPanel ds=ds.clone() index=index.clone() opened=opened opener=opener/>
        </section>
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
                <h3 id="sources-title" tabindex="-1">{heading}</h3>
                <p>{text}</p>
                {u.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                {sources}
                <button type="button" data-action="close" on:click=move |_| close()>"Close sources"</button>
            </div>
        })
    };
    view! { {content} }
}
