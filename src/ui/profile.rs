//! A place's profile: who it is, what it does, and where each statement comes from.

use super::matrix::group_digits;
use super::url::{Ctx, History};
use super::Loaded;
use crate::dataset::{CellState, Dataset, Index, Jurisdiction, Source};
use crate::validate::is_web_url;
use leptos::prelude::*;

/// A list of source links; only http(s) URLs become links, anything else stays text.
pub fn source_links(ds: &Dataset, index: &Index, ids: &[String]) -> impl IntoView {
    let items = ids
        .iter()
        .map(|id| match ds.source(index, id) {
            Some(s) => source_item(s).into_any(),
            None => view! { <li>{format!("Unknown source “{id}”")}</li> }.into_any(),
        })
        .collect_view();
    view! { <ul class="sources">{items}</ul> }
}

fn source_item(s: &Source) -> impl IntoView {
    let meta = format!(
        " — {}, {}; {}",
        s.publisher,
        s.published_label(),
        s.accessed_label()
    );
    let link = if is_web_url(&s.url) {
        view! { <a href=s.url.clone() rel="noopener noreferrer" target="_blank">{s.title.clone()}</a> }.into_any()
    } else {
        view! { <span>{s.title.clone()}</span> }.into_any()
    };
    view! { <li>{link}{meta}</li> }
}

#[component]
pub fn Profile(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let heading = NodeRef::<leptos::html::H2>::new();
    let current = move || ctx.place.get();
    let ds = loaded.ds.clone();
    let index = loaded.index.clone();
    let own = use_context::<super::import::Own>();
    // Move focus to the profile when it opens, so keyboard users land on it.
    Effect::new(move |prev: Option<Option<String>>| {
        let now = current();
        if now.is_some() && prev.is_some_and(|p| p != now) {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        }
        now
    });
    let close = move |_| {
        let id = ctx.place.get_untracked();
        ctx.update(History::Push, |v| v.place = None);
        if let Some(id) = id {
            if let Some(el) = document().get_element_by_id(&format!("row-{id}")) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
        }
    };
    move || {
        let id = current()?;
        let Some(place) = ds.place(&index, &id).cloned() else {
            return Some(
                view! {
                    <section class="profile" data-testid="profile">
                        <p>{format!("No place with the id “{id}” is in this dataset.")}</p>
                        <button type="button" on:click=close>"Close"</button>
                    </section>
                }
                .into_any(),
            );
        };
        Some(view! {
            <section class="profile" aria-labelledby="profile-title" data-testid="profile">
                <div class="profile-head">
                    <h2 id="profile-title" tabindex="-1" node_ref=heading>{place.name.clone()}</h2>
                    <button type="button" class="close" on:click=close>"Close profile"</button>
                </div>
                {facts(&ds, &index, &place)}
                <p class="summary">{place.summary.clone()}</p>
                {tactics_used(&ds, &index, &place)}
                {partners(&place)}
                {grouped_sources(&ds, &index, &place)}
                {timeline(&ds, &index, &place, ctx)}
                {series_links(&ds, &place, ctx)}
                {own.map(|own| view! {
                    <p><button type="button" data-testid="profile-download" on:click=move |_| super::import::save_dataset(own, "json")>"Download the full dataset (JSON)"</button></p>
                })}
            </section>
        }.into_any())
    }
}

fn facts(ds: &Dataset, index: &Index, place: &Jurisdiction) -> impl IntoView {
    let parents: Vec<String> = place
        .parents
        .iter()
        .filter_map(|p| ds.place(index, p).map(|j| j.name.clone()))
        .collect();
    let population = place.population.as_ref().map(|p| {
        let source = ds
            .source(index, &p.source)
            .map(|s| s.title.clone())
            .unwrap_or_default();
        let note = p.note.as_ref().map(|n| format!(" {n}")).unwrap_or_default();
        format!("{} ({}; {source}).{note}", group_digits(p.value), p.year)
    });
    view! {
        <dl class="facts">
            <dt>"Kind"</dt><dd>{place.kind.label()}</dd>
            {place.state.clone().map(|s| view! { <dt>"State"</dt><dd>{s}</dd> })}
            <dt>"Population"</dt><dd>{population.unwrap_or_else(|| "Not in the data".into())}</dd>
            {(!parents.is_empty()).then(|| view! { <dt>"Part of"</dt><dd>{parents.join(", ")}</dd> })}
        </dl>
    }
}

fn tactics_used(ds: &Dataset, index: &Index, place: &Jurisdiction) -> impl IntoView {
    let Some(&pos) = index.place_pos.get(&place.id) else {
        return ().into_any();
    };
    let items: Vec<_> = ds
        .tactics
        .iter()
        .enumerate()
        .filter_map(|(t, tactic)| match ds.cell(index, pos, t) {
            CellState::Used(u) => Some((
                tactic.name.clone(),
                u.years_label(),
                u.sources.clone(),
                u.note.clone(),
            )),
            _ => None,
        })
        .collect();
    let count = items.len();
    let list = items
        .into_iter()
        .map(|(name, years, sources, note)| {
            let years = years.unwrap_or_else(|| "year unknown".into());
            view! {
                <li>
                    <strong>{name}</strong>{format!(" ({years})")}
                    {note.map(|n| view! { <span class="note">{format!(" — {n}")}</span> })}
                    {source_links(ds, index, &sources)}
                </li>
            }
        })
        .collect_view();
    view! {
        <h3>{format!("Tactics used ({count} of {})", ds.tactics.len())}</h3>
        <ul class="tactic-list">{list}</ul>
    }
    .into_any()
}

fn partners(place: &Jurisdiction) -> impl IntoView {
    (!place.partners.is_empty()).then(|| {
        view! {
            <h3>"Key partners"</h3>
            <ul>{place.partners.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
        }
    })
}

fn grouped_sources(ds: &Dataset, index: &Index, place: &Jurisdiction) -> impl IntoView {
    (!place.sources.is_empty()).then(|| {
        let groups = place
            .sources
            .iter()
            .map(|g| view! { <h4>{g.topic.clone()}</h4>{source_links(ds, index, &g.sources)} })
            .collect_view();
        view! { <h3>"Sources by topic"</h3>{groups} }
    })
}

fn timeline(ds: &Dataset, index: &Index, place: &Jurisdiction, ctx: Ctx) -> impl IntoView {
    let mut events: Vec<_> = ds
        .events
        .iter()
        .filter(|e| e.place == place.id)
        .cloned()
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date));
    if events.is_empty() {
        return ().into_any();
    }
    let ds = ds.clone();
    let index = index.clone();
    view! {
        <h3>"Timeline"</h3>
        <ol class="timeline">
            {move || {
                let (from, to) = ctx.years.get();
                let f = crate::filter::Filter { from, to, ..Default::default() };
                events.iter()
                    .filter(|e| e.year().is_none_or(|y| f.year_in_range(y)))
                    .map(|e| {
                        let arrests = e.arrests.map(|n| format!(" {n} arrests.")).unwrap_or_default();
                        view! {
                            <li>
                                <time datetime=e.date.clone()>{e.date_label()}</time>
                                {format!(" {} — {}. ", e.kind.label(), e.title)}
                                {e.description.clone()}{arrests}
                                {source_links(&ds, &index, &e.sources)}
                            </li>
                        }
                    })
                    .collect_view()
            }}
        </ol>
    }
    .into_any()
}

fn series_links(ds: &Dataset, place: &Jurisdiction, ctx: Ctx) -> impl IntoView {
    let series: Vec<(String, String)> = ds
        .series
        .iter()
        .filter(|s| s.place == place.id)
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect();
    (!series.is_empty()).then(|| {
        let items = series
            .into_iter()
            .map(|(id, name)| {
                let show = move |_| {
                    let id = id.clone();
                    ctx.update(History::Push, move |v| v.series = vec![id]);
                    if let Some(el) = document().get_element_by_id("charts") {
                        el.scroll_into_view();
                    }
                };
                view! { <li><button type="button" class="link" on:click=show>{name}</button></li> }
            })
            .collect_view();
        view! { <h3>"Reported figures"</h3><ul>{items}</ul> }
    })
}
