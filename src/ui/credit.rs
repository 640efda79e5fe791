//! The data credit, in the page's footer slot. The top bar (hotline, Get help, Quick exit) and
//! the help panel are the page's (core's `page::page_html`), opened by `public/pre-guard.js`.

use super::load::{LoadError, Loaded};
use super::url::Ctx;
use crate::panels::credit_html;
use leptos::prelude::*;

type Data = LocalResource<Result<Loaded, LoadError>>;

#[component]
pub fn Footer(data: Data) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // A preview of the person's own files is credited as itself, never as the published data.
    let own = use_context::<super::import::Own>();
    move || {
        let preview = own.and_then(|o| o.preview.get());
        let loaded = preview.or_else(|| data.get().and_then(|r| r.ok()))?;
        // In an embed, the same view in the full explorer (it follows the view).
        let full_link = ctx.embed.get().then(|| {
            let mut state = ctx.view.get();
            state.embed = false;
            state.controls = true;
            super::url::url_for(&state)
        });
        let html = credit_html(&loaded.ds.meta, full_link.as_deref());
        Some(view! { <footer class="credit" data-testid="credit" inner_html=html></footer> })
    }
}
