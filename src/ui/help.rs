//! Help and quick exit (always present, even when the data fails): a slim hotline line, the
//! fuller help panel, and the data credit. Quick exit itself is `public/pre-guard.js`'s.

use super::load::{LoadError, Loaded};
use super::url::Ctx;
use crate::dataset::Resource;
use crate::panels::{credit_html, help_html};
use leptos::prelude::*;

type Data = LocalResource<Result<Loaded, LoadError>>;

/// Where Quick exit goes when the dataset names no neutral site (one value with the build's).
pub use crate::page_parts::DEFAULT_EXIT;

fn exit_url(data: &Data) -> String {
    data.get()
        .and_then(|r| r.ok())
        .map(|l| crate::page_parts::exit_url(&l.ds).to_string())
        .unwrap_or_else(|| DEFAULT_EXIT.to_string())
}

#[component]
pub fn TopBar(data: Data) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    // The panel's text is one string (see `crate::panels`), rebuilt when the dataset arrives.
    let help = move || {
        let from_data: Option<Vec<Resource>> = data
            .get()
            .and_then(|r| r.ok())
            .map(|l| l.ds.resources.clone())
            .filter(|r| !r.is_empty());
        help_html(&from_data.unwrap_or_else(crate::dataset::built_in_resources))
    };
    view! {
        <div class="topbar" class:embedded=move || ctx.embed.get()>
            <div class="hotline-slot" inner_html=crate::shell::HOTLINE_LINE></div>
            <div class="topbar-actions">
            <button type="button" class="help-toggle" aria-expanded=move || open.get().to_string()
                aria-controls="help-panel" on:click=move |_| open.update(|o| *o = !*o)>
                "Get help"
            </button>
            // A plain link, as in the prerendered page: public/pre-guard.js makes it (and Escape
            // twice) leave without a way Back, before and after the app is loaded.
            <a class="quick-exit" data-testid="quick-exit" href=move || exit_url(&data)
                rel="noreferrer" title=crate::page_parts::EXIT_TITLE>"Quick exit"</a>
            </div>
        </div>
        <section id="help-panel" class="help" hidden=move || !open.get() aria-label="Help and resources"
            inner_html=help></section>
    }
}

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
