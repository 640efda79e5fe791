//! The filters: a compact bar (search, a "Filters (n)" button, chips of the active filters)
//! and the panel it opens. Every control is labelled, keyboard-usable and writes the URL.

use super::url::Ctx;
use super::Loaded;
use crate::action::Action;
use crate::filter::Filter;
use crate::filter_panel;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[component]
pub fn Filters(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let chips = super::chips::active(ds.clone());
    let open = RwSignal::new(starts_open());
    let toggle = NodeRef::<leptos::html::Button>::new();
    let panel = NodeRef::<leptos::html::Aside>::new();
    sync_panel(ctx, panel);
    let ds_for_clear = ds.clone();
    let ds_for_search = ds.clone();
    let ds_for_chips = ds.clone();
    let on_change = move |ev: leptos::ev::Event| answer_change(ctx, &ds, &ev);
    let on_click = move |ev: leptos::ev::MouseEvent| match action(&ev).as_deref() {
        Some("clear") => {
            let _ = ctx.act(&ds_for_clear, Action::ClearAll);
        }
        Some("close") => {
            open.set(false);
            if let Some(button) = toggle.get_untracked() {
                let _ = button.focus();
            }
        }
        _ => {}
    };
    view! {
        <div class="filterbar" data-testid="filterbar">
            <div class="search">
                <label for="q">"Search"<span class="sr">" places"</span></label>
                <input id="q" type="search" autocomplete="off" maxlength=crate::url_state::MAX_Q
                    prop:value=move || ctx.filter.with(|f| f.q.clone())
                    on:input=move |ev| {
                        let _ = ctx.act(&ds_for_search, Action::Search(event_target_value(&ev)));
                    }/>
                <button type="button" class="filters-toggle" node_ref=toggle data-testid="filters-toggle"
                    aria-expanded=move || open.get().to_string() aria-controls="filters-panel"
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || format!("Filters ({})", chips.with(Vec::len))}
                </button>
            </div>
            {super::chips::chip_list(chips, ds_for_chips.clone(), toggle)}
        </div>
        <aside id="filters-panel" class="filters" aria-labelledby="filters-title" data-testid="filters"
            node_ref=panel hidden=move || !open.get() inner_html=filter_panel::panel_html(&loaded.ds, &loaded.index)
            on:change=on_change on:click=on_click></aside>
    }
}

/// Keeps every control showing the filter when it changes (a click here, Back/Forward, a chip,
/// Clear). Typing in the search box does not wake it: the slice leaves the search text out.
/// The markup stays: only `checked`, `value` and `disabled` change, so focus stays put.
fn sync_panel(ctx: Ctx, panel: NodeRef<leptos::html::Aside>) {
    let shown = Memo::new(move |_| {
        ctx.filter.with(|f| Filter {
            q: String::new(),
            ..f.clone()
        })
    });
    Effect::new(move || {
        let Some(panel) = panel.get() else { return };
        shown.with(|f| tactics_dom::show_filter(&panel, f));
    });
}

/// The one listener for the panel's controls: the control's name and value say what changes.
fn answer_change(ctx: Ctx, ds: &Arc<crate::dataset::Dataset>, ev: &web_sys::Event) {
    let Some(target) = ev.target() else { return };
    let Some((name, value, on)) = tactics_dom::control_change(&target) else {
        return;
    };
    let is_year = matches!(name.as_str(), "from" | "to");
    let result = ctx.act(ds, Action::Control { name, value, on });
    if let (true, Some(field)) = (is_year, target.dyn_ref::<Element>()) {
        tactics_dom::show_year_error(field, result.as_ref().err().map(String::as_str));
    }
}

/// The `data-action` of the button clicked, if any.
fn action(ev: &web_sys::MouseEvent) -> Option<String> {
    ev.target()?
        .dyn_into::<Element>()
        .ok()?
        .closest("button[data-action]")
        .ok()??
        .get_attribute("data-action")
}

/// As the visitor left it in the first view (`crates/first-view` names its panel
/// `pre-filters-panel` and hides it with `hidden`; `#pre` is still in the page while the app
/// mounts), else as [`wide_screen`] says.
fn starts_open() -> bool {
    document()
        .get_element_by_id("pre-filters-panel")
        .map(|panel| !panel.has_attribute("hidden"))
        .unwrap_or_else(wide_screen)
}

/// Wide screens show the panel beside the table at first; phones start with it closed, so the
/// data comes first.
fn wide_screen() -> bool {
    window()
        .match_media("(min-width: 1000px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
