//! The tactics matrix: places by tactics, with sorting, totals and one page of rows at a time.

use super::url::Ctx;
use super::Loaded;
use crate::action::Action;
use crate::dataset::{CellState, Dataset, Index};
use crate::filter::{self, Filter};
use crate::rows::{self, cell_text};
use crate::{page_parts, shell};
use leptos::prelude::*;
use std::sync::Arc;
use tactics_dom::Tip;
use wasm_bindgen::JsCast;

pub use crate::rows::PAGE_SIZE;

#[component]
pub fn Matrix(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let index = loaded.index.clone();
    // Rows and totals come from one scan, run only when the filter or the sort changes (the
    // slices of `Ctx`), not when a profile opens or a chart series is picked.
    let (filter, order) = (ctx.filter, ctx.order);
    let shown = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| {
            filter.with(|f| order.with(|(sort, dir)| filter::view(&ds, &index, f, sort, *dir)))
        })
    };
    let count = move || shown.with(|s| s.rows.len());
    // The page the first view showed, when the app takes over from it.
    let page = RwSignal::new(super::takeover::handed_page());
    // A new filter or sort starts again at the first page (not the first run: the page above).
    Effect::new(move |first: Option<()>| {
        shown.track();
        if first.is_none() {
            return;
        }
        // Setting an unchanged signal would still redraw the page.
        if page.get_untracked() != 0 {
            page.set(0);
        }
    });
    let pages = move || count().div_ceil(PAGE_SIZE).max(1);
    let page_rows = move || {
        let p = page.get().min(pages() - 1);
        shown.with(|s| {
            s.rows
                .iter()
                .enumerate()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|(i, &pos)| (i, pos))
                .collect::<Vec<_>>()
        })
    };
    // One text node per column that changes in place, not a rebuilt row.
    let total_cells = (0..ds.tactics.len())
        .map(|t| view! { <td class="num">{move || shown.with(|s| s.totals.get(t).copied().unwrap_or(0))}</td> })
        .collect_view();
    let total_places = ds.jurisdictions.len();
    let uncertain = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| filter.with(|f| filter::uncertain(&ds, &index, f, count())))
    };
    let status = move || uncertain.with(|u| rows::count_text(count(), total_places, u));
    let opened = RwSignal::new(None::<(usize, usize)>);
    // The cell button that opened the sources, where focus returns when they close.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    // The header, the column key and the national row: core's markup, as the build writes it.
    let header = ctx
        .order
        .with_untracked(|(sort, dir)| shell::header_html(&ds, sort, *dir));
    let column_key = shell::column_key_html(&ds);
    let national_row = page_parts::national_row(&ds);
    let selected = ctx.place;
    let body = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| {
            let rows = page_rows();
            filter.with(|f| {
                let page = rows::Page {
                    rows: &rows,
                    filter: f,
                };
                rows::page_html(&ds, &index, &page)
            })
        })
    };
    let tbody = NodeRef::<leptos::html::Tbody>::new();
    // The pager and the empty table's note: core's markup, patched as the first view does.
    let section = NodeRef::<leptos::html::Section>::new();
    Effect::new(move || {
        let (shown_page, all_pages, n) = (page.get().min(pages() - 1), pages(), count());
        if let Some(section) = section.get() {
            tactics_dom::matrix_parts::show_pager(&section, shown_page, all_pages);
            tactics_dom::matrix_parts::show_empty(&section, n == 0, total_places == 0);
        }
    });
    Effect::new(move || {
        let (sort, dir) = ctx.order.get();
        if let Some(section) = section.get() {
            tactics_dom::matrix_parts::show_order(&section, sort.id(), dir);
        }
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
    // New rows come unmarked, so with no profile open before or now there is nothing to do.
    Effect::new(move |before: Option<Option<String>>| {
        body.track();
        let selected = selected.get();
        if let Some(tbody) = tbody.get() {
            if selected.is_some() || before.flatten().is_some() {
                mark_selected(&tbody, selected.as_deref());
            }
            // One tab stop in the new rows (the markup's, or the focused cell).
            tactics_dom::grid::settle(&tbody);
            // The rows are in the page: the app replaces the prerendered view in this task.
            super::takeover::done();
        }
        selected
    });
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
            <p role="status" aria-live="polite" class="count" data-testid="row-count">{status}</p>
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
                    aria-rowcount=move || rows::aria_rowcount(count())
                    data-testid="matrix-table"
                >
                    <caption>
                        <span>{move || ctx.order.with(|(key, dir)| rows::caption_text(key, *dir))}</span>
                        <span class="sr">{rows::BLANK_CELL_NOTE}</span>
                    </caption>
                    <thead inner_html=header></thead>
                    <tbody
                        node_ref=tbody
                        inner_html=body
                        on:click=on_body_click
                        on:mouseover=move |ev| show_tip(ev.into())
                        on:focusin=move |ev: leptos::ev::FocusEvent| {
                            if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                tactics_dom::grid::focused(&el);
                            }
                            show_tip(ev.into())
                        }
                        on:focusout=move |_| tip.set(None)
                    ></tbody>
                    <tfoot>
                        <tr aria-rowindex=move || rows::totals_rowindex(count())>
                            <th scope="row">{rows::TOTALS_ROW}</th>
                            <td></td>
                            <td></td>
                            {total_cells}
                        </tr>
                        <tr aria-rowindex=move || rows::aria_rowcount(count()) inner_html=national_row></tr>
                    </tfoot>
                </table>
            </div>
            <div inner_html=rows::table_end_html("table-end")></div>
            <SourcesPanel ds=ds.clone() index=index.clone() opened=opened opener=opener/>
        </section>
    }
}

/// Marks the row of the open profile, on the rows already in the page.
fn mark_selected(tbody: &web_sys::HtmlElement, selected: Option<&str>) {
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
