//! The first load of tactics-explorer, without Leptos.
//!
//! The page arrives with the default view written into it at build time (`#pre`, from
//! `crates/cli` prerender). This module makes that view's own controls work (filters, search,
//! chips, sorting, pages), from the same core as the app and through the same URL, so a
//! visitor who only looks at the matrix never downloads the Leptos app (docs/PERFORMANCE.md).
//! Whatever it does not answer (a place's profile, a cell's sources, the map, the charts of a
//! filtered view, embedding, one's own data, a file with problems) loads the app, which reads
//! the URL and takes the page over (`src/ui/takeover.rs`).

mod controls;
mod data;
mod handoff;
mod page;

use page::Page;
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::{first_view, url_state, validate};

fn main() {
    wasm_bindgen_futures::spawn_local(async {
        if start().await.is_none() {
            handoff::to_app(None, None, 0);
        }
    });
}

/// Shows the view of the URL in the prerendered page and wires its controls; `None` when this
/// module cannot (no prerendered view, a URL for the app, data that does not load cleanly).
async fn start() -> Option<()> {
    let win = web_sys::window()?;
    let pre = win.document()?.get_element_by_id("pre")?;
    let query = win.location().search().ok()?;
    if !first_view::handles(&query) {
        return None;
    }
    let bytes = data::bytes(&pre).await?;
    let text = validate::utf8_text(bytes).ok()?;
    // Written by the build from the dataset it checked, so only typed here (the checks are
    // the app's, which reads the whole file): a file that does not read is the app's to explain.
    let (ds, years) = first_view::read_part_file(&text)?;
    drop(text);
    let (view, _) = url_state::parse(&query);
    // Values the dataset lacks (a state, a tactic) get a notice in the app.
    if !first_view::names_only_known(&view.filter, &ds) {
        return None;
    }
    let page = Rc::new(RefCell::new(Page::new(pre, ds, view, years)?));
    page.borrow_mut().mount();
    controls::wire(&page);
    Some(())
}
