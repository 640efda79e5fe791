//! The filters: a compact bar (search, a "Filters (n)" button, chips of the active filters)
//! and the panel it opens. Their markup is core's (`shell::filter_bar_html`,
//! `shell::filter_panel_html`), adopted from the first view when it drew them, and the first
//! view's code keeps them showing the view (`tactics_dom::filter_bar`); this wires their events
//! to the URL state.

use super::url::Ctx;
use super::Loaded;
use crate::action::Action;
use crate::chips::chips_html;
use crate::shell;
use leptos::prelude::*;
use tactics_core::markup::page::Slot;
use tactics_dom::filter_bar::{BarClick, FilterBar};
use wasm_bindgen::JsCast;
use web_sys::Element;

#[component]
pub fn Filters(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The chips, derived from the URL state (a `Memo`, never kept in step by hand).
    let chips = {
        let ds = loaded.ds.clone();
        Memo::new(move |_| ctx.filter.with(|f| crate::chips::chips(f, &ds)))
    };
    let parts = NodeRef::<leptos::html::Div>::new();
    let bar = StoredValue::new_local(None::<FilterBar>);
    let for_fill = loaded.clone();
    // Shows the chips and makes the controls show the filter, on every change (a click here,
    // Back/Forward, a chip, Clear); only what changed is written, so focus stays put.
    Effect::new(move || {
        let Some(parts) = parts.get() else { return };
        let (html, n) = chips.with(|c| (chips_html(c), c.len()));
        ctx.filter.with(|f| {
            bar.update_value(|bar| {
                let bar = bar.get_or_insert_with(|| fill(&parts, &for_fill));
                bar.show(&html, n, f);
            })
        });
    });
    let ds = loaded.ds.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(target) = ev.target() else { return };
        let Some((name, value, on)) = tactics_dom::control_change(&target) else {
            return;
        };
        // The search box answers `input`, keystroke by keystroke.
        if name != "q" {
            let action = Action::Control { name, value, on };
            answer(ctx, &ds, bar, action, target.dyn_ref::<Element>());
        }
    };
    let ds_for_click = loaded.ds.clone();
    let on_click = move |ev: leptos::ev::MouseEvent| {
        let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
            return;
        };
        let click = bar.with_value(|bar| {
            chips.with_untracked(|c| bar.as_ref().and_then(|b| b.click(&target, c)))
        });
        let Some(click) = click else { return };
        if let BarClick::Act(action) | BarClick::Chip(action) = &click {
            let _ = ctx.act(&ds_for_click, action.clone());
        }
        bar.with_value(|bar| {
            if let Some(bar) = bar {
                bar.after_click(&click);
            }
        });
    };
    let ds_for_input = loaded.ds.clone();
    let on_input = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .filter(|i| i.name() == "q")
        else {
            return;
        };
        let _ = ctx.act(&ds_for_input, Action::Search(input.value()));
    };
    view! {
        <div class="filter-parts" node_ref=parts on:change=on_change on:click=on_click on:input=on_input></div>
    }
}

/// A control of the panel changed: the view changes, and the panel, which shows the change
/// already, is not written again; a refused year says why under its field.
fn answer(
    ctx: Ctx,
    ds: &crate::dataset::Dataset,
    bar: StoredValue<Option<FilterBar>, LocalStorage>,
    action: Action,
    field: Option<&Element>,
) {
    let is_year = matches!(&action, Action::Control { name, .. } if name == "from" || name == "to");
    let result = ctx.act(ds, action);
    if let (true, Some(field)) = (is_year, field) {
        tactics_dom::show_year_error(field, result.as_ref().err().map(String::as_str));
    }
    if result.is_ok() {
        bar.update_value(|bar| {
            if let Some(bar) = bar {
                ctx.filter.with_untracked(|f| bar.panel_changed(f));
            }
        });
    }
}

/// Fills `parts` with the bar and the panel: the first view's, moved (the same nodes; focus is
/// given back by `slots::shown`), when it drew them for this data; else core's markup, with
/// the panel open on wide screens.
fn fill(parts: &web_sys::HtmlDivElement, loaded: &Loaded) -> FilterBar {
    // The first view's, live (its search box is there), not the build's placeholders.
    let drawn = (
        super::slots::take(Slot::Filters, ".filterbar:not(.pre-js)"),
        super::slots::take(Slot::Filters, "#filters-panel"),
    );
    if let (Some(bar), Some(panel)) = drawn {
        let _ = parts.append_child(&bar);
        let _ = parts.append_child(&panel);
        return FilterBar::new(bar, panel);
    }
    let years = crate::filter_panel::year_bounds(&loaded.ds);
    let open = tactics_dom::wide_screen();
    parts.set_inner_html(&format!(
        "{}{}",
        shell::filter_bar_html(open),
        shell::filter_panel_html(&loaded.ds, &loaded.index, years, open)
    ));
    let find = |s: &str| parts.query_selector(s).ok().flatten();
    match (find(".filterbar"), find("#filters-panel")) {
        (Some(bar), Some(panel)) => FilterBar::new(bar, panel),
        // Core's markup has both; an empty pair would only show nothing.
        _ => FilterBar::new(parts.clone().into(), parts.clone().into()),
    }
}
