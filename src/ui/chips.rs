//! The row of active-filter chips under the search box. What the chips are and their markup
//! come from `crate::chips` (pure, tested natively); this derives them from the URL state (a
//! `Memo`, never kept in step by hand) and answers their clicks with one listener.

use super::url::Ctx;
use crate::action::Action;
use crate::chips::{chips, chips_html, Chip};
use crate::dataset::Dataset;
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
    ds: Arc<Dataset>,
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
        let Some(action) = chips.with_untracked(|c| Action::from_chip(&which, c)) else {
            return;
        };
        let _ = ctx.act(&ds, action);
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
