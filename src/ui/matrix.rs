//! The tactics matrix: places by tactics, with sorting, totals and one page of rows at a time.

use super::url::{Ctx, History};
use super::Loaded;
use crate::dataset::{CellState, Dataset, Index};
use crate::filter::{self, Dir, Filter, SortKey};
use crate::rows::{self, cell_text};
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

    let header_cells = ds
        .tactics
        .iter()
        .map(|t| {
            let short = rows::short_label(&t.id, &t.name);
            view! {
                <SortHeader key=SortKey::Tactic(t.id.clone()) label=t.name.clone() short=short class="tactic-col"/>
            }
        })
        .collect_view();
    let column_key = column_key(&ds);
    let (national_label, national_cells) = national_row(&ds);
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
    let on_body_click = move |ev: leptos::ev::MouseEvent| {
        // A tap shows the cell's tooltip (focus, then a mouseover) and nothing moves it away:
        // it would stay over the next row. What the click opens says more.
        if tip.with_untracked(Option::is_some) {
            tip.set(None);
        }
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
            ctx.update(History::Push, move |v| v.place = Some(id));
        } else if let Some(cell) = button
            .get_attribute("data-cell")
            .and_then(|c| rows::parse_cell_ref(&c))
        {
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
        }
    };

    view! {
        <section class="matrix" aria-labelledby="matrix-title" data-testid="matrix">
            <h2 id="matrix-title">"Tactics by place"</h2>
            <div class="legend-box" inner_html=rows::LEGEND_HTML></div>
            <p role="status" aria-live="polite" class="count" data-testid="row-count">{status}</p>
            {column_key}
            <Show when=move || count() == 0>
                <EmptyNote total_places=total_places/>
            </Show>
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
                    aria-rowcount=move || count() + 3
                    data-testid="matrix-table"
                >
                    <caption>
                        <span>{move || ctx.order.with(|(key, dir)| rows::caption_text(key, *dir))}</span>
                        <span class="sr">{rows::BLANK_CELL_NOTE}</span>
                    </caption>
                    <thead>
                        <tr aria-rowindex="1">
                            <SortHeader key=SortKey::Name label="Place".into() class="place-col"/>
                            <SortHeader key=SortKey::Population label="Population".into() class="num-col"/>
                            <SortHeader key=SortKey::Total label=rows::TOTAL_HEADER.into() class="num-col"/>
                            {header_cells}
                        </tr>
                    </thead>
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
                        <tr aria-rowindex=move || count() + 2>
                            <th scope="row">{rows::TOTALS_ROW}</th>
                            <td></td>
                            <td></td>
                            {total_cells}
                        </tr>
                        <tr aria-rowindex=move || count() + 3>
                            <th scope="row">{national_label}</th>
                            <td></td>
                            <td></td>
                            {national_cells}
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div inner_html=rows::table_end_html("table-end")></div>
            <Pager page=page pages=Signal::derive(pages)/>
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

/// Why the table is empty: a dataset without places is not a filter that matched nothing.
#[component]
fn EmptyNote(total_places: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = if total_places == 0 {
        "This dataset has no places, so the table is empty."
    } else {
        "No place matches these filters."
    };
    view! {
        <div class="empty" data-testid="empty">
            <p>{text}</p>
            {(total_places > 0).then(|| view! {
                <button type="button" on:click=move |_| {
                    ctx.update(History::Push, |v| v.filter = Filter::default())
                }>"Clear all filters"</button>
            })}
        </div>
    }
}

/// The full names behind the short column labels, for readers without hover (phones); one
/// escaped string, as it never changes.
fn column_key(ds: &Dataset) -> impl IntoView {
    let items: String = ds
        .tactics
        .iter()
        .map(|t| {
            let short = rows::short_label(&t.id, &t.name);
            format!(
                "<div><dt>{}</dt><dd>{}</dd></div>",
                crate::text::escape(&short),
                crate::text::escape(&t.name)
            )
        })
        .collect();
    view! {
        <details class="column-key" data-testid="column-key">
            <summary>"Column names"</summary>
            <dl inner_html=items></dl>
        </details>
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

/// The label of the national row and its cells: the dataset's newest national count per tactic.
fn national_row(ds: &Dataset) -> (String, Vec<AnyView>) {
    let cells = ds
        .tactics
        .iter()
        .map(|t| match rows::latest_national(t) {
            Some(n) => {
                view! { <td class="num national" inner_html=rows::national_cell_html(n)></td> }
                    .into_any()
            }
            None => view! { <td class="num national">"—"</td> }.into_any(),
        })
        .collect();
    (rows::national_label(ds), cells)
}

/// A column header with a sort button; only the sorted column carries aria-sort.
#[component]
fn SortHeader(
    key: SortKey,
    label: String,
    class: &'static str,
    /// A short visible label; `label` stays the accessible name and the tooltip.
    #[prop(optional)]
    short: Option<String>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let key_for_sort = key.clone();
    let sorted = Memo::new(move |_| {
        ctx.order.with(|(sort, dir)| {
            (*sort == key_for_sort).then_some(match dir {
                Dir::Asc => "ascending",
                Dir::Desc => "descending",
            })
        })
    });
    let id = key.id().to_string();
    let click = move |_| {
        let id = id.clone();
        ctx.update(History::Push, move |v| {
            // The same rule as the first view's (names A to Z, numbers most first).
            if let Some((sort, dir)) = tactics_core::first_view::next_order(&v.sort, v.dir, &id) {
                (v.sort, v.dir) = (sort, dir);
            }
        })
    };
    let arrow = move || match sorted.get() {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "↕",
    };
    let title = short.is_some().then(|| label.clone());
    let hidden = short.is_some().then_some("true");
    let full = short.is_some().then(|| label.clone());
    let text = view! {
        <span class="label" aria-hidden=hidden>{short.unwrap_or(label)}</span>
        {full.map(|f| view! { <span class="sr">{f}</span> })}
    };
    view! {
        <th scope="col" class=class aria-sort=sorted title=title>
            <button type="button" class="sort" on:click=click data-sort=key.id().to_string()>
                {text}
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
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

#[component]
fn Pager(page: RwSignal<usize>, pages: Signal<usize>) -> impl IntoView {
    view! {
        <Show when=move || { pages.get() > 1 }>
            <nav class="pager" aria-label="Pages of places">
                // Braces around each closure: an unbraced `>` would end the tag (the `>=` below
                // once did, and the rest of the tag became text).
                <button type="button" disabled=move || { page.get() == 0 }
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                <span>{move || format!("Page {} of {}", page.get().min(pages.get() - 1) + 1, pages.get())}</span>
                <button type="button" disabled=move || { page.get() + 1 >= pages.get() }
                    on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
            </nav>
        </Show>
    }
}
