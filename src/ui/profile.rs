//! A place's profile: who it is, what it does, and where each statement comes from. Its content
//! is one escaped HTML string from `crate::profile` (far less code in the first load than a view
//! per list item); this component shows it and answers its buttons with one listener.

use super::url::{Ctx, History};
use super::Loaded;
use crate::dataset::{Dataset, Index};
use crate::filter::Filter;
use crate::profile::{missing_html, profile_html, Options};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A list of source links; only http(s) URLs become links, anything else stays text.
pub fn source_links(ds: &Dataset, index: &Index, ids: &[String]) -> impl IntoView {
    let items = crate::html::source_items(ds, index, ids);
    view! { <ul class="sources" inner_html=items></ul> }
}

#[component]
pub fn Profile(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let place = ctx.place;
    // The timeline is the only part that reads the filter, and only its years.
    let years = ctx.years;
    let own = use_context::<super::import::Own>();
    let Loaded { ds, index, .. } = loaded;
    let ds_click = ds.clone();
    // (found, inner HTML) of the open place.
    let html = Memo::new(move |_| {
        let id = place.get()?;
        let (from, to) = years.get();
        let filter = Filter {
            from,
            to,
            ..Filter::default()
        };
        // `view=map&embed=1` has no charts section to jump to.
        let charts = !(ctx.embed.get() && ctx.pane.get() == crate::url_state::Pane::Map);
        let opts = Options {
            filter: &filter,
            download: own.is_some(),
            charts,
        };
        Some(match profile_html(&ds, &index, &id, &opts) {
            Some(body) => (true, body),
            None => (false, missing_html(&id)),
        })
    });
    focus_on_open(place);
    let on_click = move |ev: leptos::ev::MouseEvent| answer_click(ctx, own, &ds_click, &ev);
    move || {
        html.get().map(|(found, body)| {
            view! {
                // data-escape: Escape with focus in it closes it (public/pre-guard.js).
                <section class="profile" data-escape aria-labelledby=found.then_some("profile-title")
                    data-testid="profile" inner_html=body on:click=on_click.clone()></section>
            }
        })
    }
}

/// Moves focus to the profile's heading when another place opens, so keyboard users land on
/// it (not on the first load: the URL named the place, nobody asked to move). The next frame,
/// because the new heading is in the page only once the profile has been redrawn.
fn focus_on_open(place: Memo<Option<String>>) {
    Effect::new(move |prev: Option<Option<String>>| {
        let now = place.get();
        if now.is_some() && prev.is_some_and(|p| p != now) {
            request_animation_frame(show_heading);
        }
        now
    });
}

/// Moves focus to the open profile's heading and brings it to the top of the view (focus
/// alone left it at the bottom edge of a phone's screen, under a page of rows).
pub fn show_heading() {
    jump_to("profile-title");
}

fn focus_by_id(id: &str) {
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The one listener for the profile's buttons (links need none: they are plain links, and the
/// page's guard script answers those to a part of the page).
fn answer_click(ctx: Ctx, own: Option<super::import::Own>, ds: &Dataset, ev: &web_sys::Event) {
    let target = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let Some(button) = target.and_then(|t| t.closest("button").ok().flatten()) else {
        return;
    };
    if let Some(id) = button.get_attribute("data-series") {
        show_series(ctx, id);
        return;
    }
    match button.get_attribute("data-action").as_deref() {
        Some("close") => close(ctx),
        // The place's compare view (issue 28), in place of the profile.
        Some("compare") => {
            if let Some(id) = ctx.place.get_untracked() {
                let _ = ctx.act(ds, crate::action::Action::Compare(Some(id)));
            }
        }
        Some("print") => super::compare::print_brief(),
        Some("download") => {
            if let Some(own) = own {
                super::import::save_dataset(
                    own,
                    tactics_core::query::worker_protocol::ExportFormat::Json,
                );
            }
        }
        _ => {}
    }
}

/// Scrolls a part of the page (a profile's part, the charts) to the top of the view and moves
/// focus to it.
fn jump_to(id: &str) {
    let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    if el.get_attribute("tabindex").is_none() {
        let _ = el.set_attribute("tabindex", "-1");
    }
    let _ = el.focus();
    el.scroll_into_view();
}

/// Closes the profile and gives focus back to the place's row in the table.
fn close(ctx: Ctx) {
    let id = ctx.place.get_untracked();
    ctx.update(History::Push, |v| v.place = None);
    if let Some(id) = id {
        focus_by_id(&format!("row-{id}"));
    }
}

/// Shows one reported figure of the place in the charts section and scrolls there.
fn show_series(ctx: Ctx, id: String) {
    ctx.update(History::Push, move |v| v.series = vec![id]);
    if let Some(el) = document().get_element_by_id("charts") {
        el.scroll_into_view();
    }
}
