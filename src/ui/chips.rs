//! The row of active-filter chips under the search box. What the chips are and their markup
//! come from `crate::chips` (pure, tested natively); this derives them from the URL state (a
//! `Memo`, never kept in step by hand) and answers their clicks with one listener.

use super::url::{Ctx, History};
use crate::chips::{chips, chips_html, remove, Chip};
use crate::dataset::Dataset;
use crate::filter::Filter;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The chips, derived from the URL state.
pub fn active(ds: Arc<Dataset>) -> Memo<Vec<Chip>> {
    let ctx = expect_context::<Ctx>();
    Memo::new(move |_| ctx.filter.with(|f| chips(f, &ds)))
}

/// The row of chips under the search box; after a removal focus moves to `after_remove` (the
/// chip itself is gone).
pub fn chip_list(
    chips: Memo<Vec<Chip>>,
    after_remove: NodeRef<leptos::html::Button>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let click = move |ev: leptos::ev::MouseEvent| {
        let Some(which) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button[data-chip]").ok().flatten())
            .and_then(|b| b.get_attribute("data-chip"))
        else {
            return;
        };
        if which == "all" {
            ctx.update(History::Push, |v| v.filter = Filter::default());
        } else {
            let key = which
                .parse::<usize>()
                .ok()
                .and_then(|i| chips.with_untracked(|c| c.get(i).map(|c| c.key.clone())));
            let Some(key) = key else { return };
            ctx.update(History::Push, move |v| remove(&mut v.filter, &key));
        }
        if let Some(button) = after_remove.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <ul class="chips" aria-label="Active filters" data-testid="chips"
            hidden=move || chips.with(Vec::is_empty)
            inner_html=move || chips.with(|c| chips_html(c))
            on:click=click></ul>
    }
}
