//! The tactics matrix: places by tactics, with sorting, totals and one page of rows at a time.

use super::url::{Ctx, History};
use super::Loaded;
use crate::dataset::{CellState, Dataset, Index, TacticUse, UseStatus};
use crate::filter::{self, Dir, Filter, SortKey};
use leptos::prelude::*;
use std::sync::Arc;

/// Rows per page: enough to scan, few enough that 30,000 places stay fast.
pub const PAGE_SIZE: usize = 50;

#[component]
pub fn Matrix(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let index = loaded.index.clone();
    // Filtering and sorting run only when the filter or the sort changes, not when a profile
    // opens or a chart series is picked (with 30,000 places a sort is not free).
    let filter = Memo::new(move |_| ctx.view.with(|v| v.filter.clone()));
    let order = Memo::new(move |_| ctx.view.with(|v| (v.sort.clone(), v.dir)));
    let rows = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| {
            filter.with(|f| order.with(|(sort, dir)| filter::visible(&ds, &index, f, sort, *dir)))
        })
    };
    let page = RwSignal::new(0usize);
    // A new filter or sort starts again at the first page.
    Effect::new(move |_| {
        rows.track();
        page.set(0);
    });
    let pages = move || rows.with(|r| r.len().div_ceil(PAGE_SIZE).max(1));
    let page_rows = move || {
        let p = page.get().min(pages() - 1);
        rows.with(|r| {
            r.iter()
                .enumerate()
                .skip(p * PAGE_SIZE)
                .take(PAGE_SIZE)
                .map(|(i, &pos)| (i, pos))
                .collect::<Vec<_>>()
        })
    };
    let totals = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| rows.with(|r| filter.with(|f| filter::column_totals(&ds, &index, f, r))))
    };
    let total_places = ds.jurisdictions.len();
    let status = move || format!("{} of {} places", rows.with(Vec::len), total_places);
    let opened = RwSignal::new(None::<(usize, usize)>);

    let header_cells = {
        let tactics: Vec<(String, String)> = ds
            .tactics
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        tactics
            .into_iter()
            .map(|(id, name)| {
                view! { <SortHeader key=SortKey::Tactic(id) label=name class="tactic-col"/> }
            })
            .collect_view()
    };
    let (national_label, national_cells) = national_row(&ds);
    let body_ds = ds.clone();
    let body_index = index.clone();

    view! {
        <section class="matrix" aria-labelledby="matrix-title" data-testid="matrix">
            <h2 id="matrix-title">"Tactics by place"</h2>
            <p class="legend">
                <span class="cell-used" aria-hidden="true">"●"</span>" Used "
                <span class="cell-notfound" aria-hidden="true">"○"</span>" Searched, not found "
                <span class="cell-unknown" aria-hidden="true">"·"</span>" Not researched "
                <span class="cell-outside" aria-hidden="true">"◐"</span>" Used, outside the selected years"
            </p>
            <p role="status" aria-live="polite" class="count" data-testid="row-count">{status}</p>
            <Show when=move || rows.with(Vec::is_empty)>
                <div class="empty" data-testid="empty">
                    <p>"No place matches these filters."</p>
                    <button type="button" on:click=move |_| {
                        ctx.update(History::Push, |v| v.filter = Filter::default())
                    }>"Clear all filters"</button>
                </div>
            </Show>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Tactics table, scrolls sideways">
                <table
                    aria-rowcount=move || rows.with(Vec::len) + 3
                    data-testid="matrix-table"
                >
                    <caption>
                        "Tactics used by each place. Sorted by "
                        {move || sort_caption(&ds_caption(&ctx))}
                    </caption>
                    <thead>
                        <tr aria-rowindex="1">
                            <SortHeader key=SortKey::Name label="Place".into() class="place-col"/>
                            <SortHeader key=SortKey::Population label="Population".into() class="num-col"/>
                            <SortHeader key=SortKey::Total label="Tactics used".into() class="num-col"/>
                            {header_cells}
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=page_rows
                            key=move |(_, pos)| *pos
                            children=move |(i, pos)| {
                                view! {
                                    <Row
                                        ds=body_ds.clone()
                                        index=body_index.clone()
                                        pos=pos
                                        row_index=i + 2
                                        filter=filter
                                        opened=opened
                                    />
                                }
                            }
                        />
                    </tbody>
                    <tfoot>
                        <tr aria-rowindex=move || rows.with(Vec::len) + 2>
                            <th scope="row">"Places using each tactic (this view)"</th>
                            <td></td>
                            <td></td>
                            {move || totals.get().into_iter().map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                        </tr>
                        <tr aria-rowindex=move || rows.with(Vec::len) + 3>
                            <th scope="row">{national_label}</th>
                            <td></td>
                            <td></td>
                            {national_cells}
                        </tr>
                    </tfoot>
                </table>
            </div>
            <Pager page=page pages=Signal::derive(pages)/>
            <SourcesPanel ds=ds.clone() index=index.clone() opened=opened/>
        </section>
    }
}

fn ds_caption(ctx: &Ctx) -> (SortKey, Dir) {
    ctx.view.with(|v| (v.sort.clone(), v.dir))
}

fn sort_caption((key, dir): &(SortKey, Dir)) -> String {
    let what = match key {
        SortKey::Name => "place name".to_string(),
        SortKey::Population => "population".to_string(),
        SortKey::Total => "number of tactics used".to_string(),
        SortKey::Tactic(id) => format!("use of {id}"),
    };
    let order = match dir {
        Dir::Asc => "ascending",
        Dir::Desc => "descending",
    };
    format!("{what}, {order}.")
}

/// The label of the national row and its cells: the dataset's newest national count per tactic.
fn national_row(ds: &Dataset) -> (String, Vec<AnyView>) {
    let as_of: Vec<&str> = ds
        .tactics
        .iter()
        .filter_map(|t| latest_national(t).map(|n| n.as_of.as_str()))
        .collect();
    let newest = as_of.iter().max().copied().unwrap_or("unknown");
    let label = format!("U.S. places known to use each tactic (as of {newest})");
    let cells = ds
        .tactics
        .iter()
        .map(|t| match latest_national(t) {
            Some(n) => {
                let text = format!("{}{}", if n.qualifier == crate::dataset::Qualifier::Exact { "" } else { ">" }, n.count);
                let title = format!("{}{} as of {}", n.qualifier.prefix(), n.count, n.as_of);
                let spoken = title.clone();
                view! { <td class="num national" title=title><span aria-hidden="true">{text}</span><span class="sr">{spoken}</span></td> }.into_any()
            }
            None => view! { <td class="num national">"—"</td> }.into_any(),
        })
        .collect();
    (label, cells)
}

fn latest_national(t: &crate::dataset::Tactic) -> Option<&crate::dataset::NationalCount> {
    t.national.iter().max_by(|a, b| a.as_of.cmp(&b.as_of))
}

/// A column header with a sort button; only the sorted column carries aria-sort.
#[component]
fn SortHeader(key: SortKey, label: String, class: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let key_for_sort = key.clone();
    let sorted = Memo::new(move |_| {
        ctx.view.with(|v| {
            (v.sort == key_for_sort).then_some(match v.dir {
                Dir::Asc => "ascending",
                Dir::Desc => "descending",
            })
        })
    });
    let key_for_click = key.clone();
    let click = move |_| {
        let key = key_for_click.clone();
        ctx.update(History::Push, move |v| {
            if v.sort == key {
                v.dir = match v.dir {
                    Dir::Asc => Dir::Desc,
                    Dir::Desc => Dir::Asc,
                };
            } else {
                // Names read best A to Z; numbers and tactics best with the most first.
                v.dir = if key == SortKey::Name {
                    Dir::Asc
                } else {
                    Dir::Desc
                };
                v.sort = key;
            }
        })
    };
    let arrow = move || match sorted.get() {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "↕",
    };
    view! {
        <th scope="col" class=class aria-sort=sorted>
            <button type="button" class="sort" on:click=click data-sort=key.id().to_string()>
                <span class="label">{label}</span>
                <span class="arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

/// One place: the row header opens its profile, each cell states the tactic's use.
#[component]
fn Row(
    ds: Arc<Dataset>,
    index: Arc<Index>,
    pos: usize,
    row_index: usize,
    filter: Memo<Filter>,
    opened: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Some(place) = ds.jurisdictions.get(pos).cloned() else {
        return ().into_any();
    };
    let id = place.id.clone();
    let selected = {
        let id = id.clone();
        Memo::new(move |_| ctx.view.with(|v| v.place.as_deref() == Some(id.as_str())))
    };
    let open_profile = {
        let id = id.clone();
        move |_| ctx.update(History::Push, |v| v.place = Some(id.clone()))
    };
    let population = place
        .population
        .as_ref()
        .map(|p| group_digits(p.value))
        .unwrap_or_else(|| "—".into());
    let total = {
        let (ds, index) = (ds.clone(), index.clone());
        move || filter.with(|f| filter::row_total(&ds, &index, f, pos))
    };
    let cells = (0..ds.tactics.len())
        .map(|t| view! { <Cell ds=ds.clone() index=index.clone() pos=pos tactic=t filter=filter opened=opened/> })
        .collect_view();
    let kind_state = match &place.state {
        Some(s) => format!("{}, {s}", place.kind.label()),
        None => place.kind.label().to_string(),
    };
    view! {
        <tr aria-rowindex=row_index class:selected=selected data-place=id.clone()>
            <th scope="row" class="place-col">
                <button type="button" class="place" id=format!("row-{id}") on:click=open_profile
                    aria-expanded=move || if selected.get() { "true" } else { "false" }>
                    {place.name.clone()}
                </button>
                <span class="kind">{kind_state}</span>
            </th>
            <td class="num">{population}</td>
            <td class="num total">{total}</td>
            {cells}
        </tr>
    }
    .into_any()
}

/// What a cell says, in words for assistive technology and in a tooltip.
pub fn cell_text(state: CellState<'_>, filter: &Filter) -> (&'static str, String) {
    match state {
        CellState::Used(u) => {
            let years = u
                .years_label()
                .map_or_else(|| " (year unknown)".to_string(), |y| format!(" {y}"));
            if filter.counts(u) {
                ("used", format!("Used{years}"))
            } else {
                (
                    "outside",
                    format!("Used{years}, outside the selected years"),
                )
            }
        }
        CellState::NotFound(u) => {
            let when = u.checked.as_deref().unwrap_or("an unknown date");
            ("notfound", format!("Not found (searched {when})"))
        }
        CellState::NotResearched => ("unknown", "Not researched".to_string()),
    }
}

#[component]
fn Cell(
    ds: Arc<Dataset>,
    index: Arc<Index>,
    pos: usize,
    tactic: usize,
    filter: Memo<Filter>,
    opened: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let state_text = {
        let (ds, index) = (ds.clone(), index.clone());
        move || filter.with(|f| cell_text(ds.cell(&index, pos, tactic), f))
    };
    let researched = !matches!(ds.cell(&index, pos, tactic), CellState::NotResearched);
    let tip = tooltip(&ds, &index, pos, tactic);
    let glyph = move |class: &str| match class {
        "used" => "●",
        "outside" => "◐",
        "notfound" => "○",
        _ => "·",
    };
    let st = state_text.clone();
    let class = move || format!("cell cell-{}", st().0);
    if researched {
        let st = state_text.clone();
        let st2 = state_text.clone();
        view! {
            <td class=class>
                <button type="button" class="cell-btn"
                    aria-haspopup="dialog"
                    on:click=move |_| opened.set(Some((pos, tactic)))>
                    <span aria-hidden="true">{move || glyph(st().0)}</span>
                    <span class="sr">{move || st2().1}</span>
                </button>
                <span class="tip" role="tooltip">{tip}</span>
            </td>
        }
        .into_any()
    } else {
        let st = state_text.clone();
        view! {
            <td class=class>
                <span aria-hidden="true">"·"</span>
                <span class="sr">{move || st().1}</span>
            </td>
        }
        .into_any()
    }
}

/// Years and source titles of a cell, for hover and focus.
fn tooltip(ds: &Dataset, index: &Index, pos: usize, tactic: usize) -> String {
    let u: Option<&TacticUse> = match ds.cell(index, pos, tactic) {
        CellState::Used(u) | CellState::NotFound(u) => Some(u),
        CellState::NotResearched => None,
    };
    let Some(u) = u else { return String::new() };
    let mut parts = Vec::new();
    parts.push(match u.status {
        UseStatus::Used => u.years_label().unwrap_or_else(|| "Year unknown".into()),
        UseStatus::NotFound => format!("Searched {}", u.checked.as_deref().unwrap_or("")),
    });
    for id in &u.sources {
        if let Some(s) = ds.source(index, id) {
            parts.push(format!("{} ({})", s.title, s.publisher));
        }
    }
    parts.join(" · ")
}

/// The sources behind the last activated cell.
#[component]
fn SourcesPanel(
    ds: Arc<Dataset>,
    index: Arc<Index>,
    opened: RwSignal<Option<(usize, usize)>>,
) -> impl IntoView {
    let content = move || {
        let (pos, t) = opened.get()?;
        let place = ds.jurisdictions.get(pos)?;
        let tactic = ds.tactics.get(t)?;
        let u = match ds.cell(&index, pos, t) {
            CellState::Used(u) | CellState::NotFound(u) => u.clone(),
            CellState::NotResearched => return None,
        };
        let heading = format!("{} — {}", place.name, tactic.name);
        let (_, text) = cell_text(ds.cell(&index, pos, t), &Filter::default());
        let sources = super::profile::source_links(&ds, &index, &u.sources);
        Some(view! {
            <div class="sources-panel" role="dialog" aria-labelledby="sources-title" data-testid="sources-panel">
                <h3 id="sources-title">{heading}</h3>
                <p>{text}</p>
                {u.note.clone().map(|n| view! { <p class="note">{n}</p> })}
                {sources}
                <button type="button" on:click=move |_| opened.set(None)>"Close sources"</button>
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
                <button type="button" disabled=move || page.get() == 0
                    on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Previous"</button>
                <span>{move || format!("Page {} of {}", page.get().min(pages.get() - 1) + 1, pages.get())}</span>
                <button type="button" disabled=move || page.get() + 1 >= pages.get()
                    on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
            </nav>
        </Show>
    }
}

pub use crate::chart::group as group_digits;
