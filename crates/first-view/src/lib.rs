//! The first load of tactics-explorer, without Leptos: the code shared by its two modules,
//! `tactics-first-view` (the bundled data, `src/main.rs`) and `tactics-data-view` (a `?data=`
//! file, `src/data_view.rs`), which differ only in how they read their data.
//!
//! The page arrives with the default view written into it at build time (`#pre`, from
//! `crates/cli` prerender). This module makes that view's own controls work (filters, search,
//! chips, sorting, pages), from the same core as the app and through the same URL, so a
//! visitor who only looks at the matrix never downloads the Leptos app (docs/PERFORMANCE.md).
//! Whatever it does not answer (a place's profile, a cell's sources, the map, the charts of a
//! filtered view, embedding, one's own data, a file with problems) loads the app, which reads
//! the URL and takes the page over (`src/ui/takeover.rs`).

mod controls;
pub mod data;
mod handoff;
mod page;

use page::Page;
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::dataset::Dataset;
use tactics_core::page_parts::Parts;
use tactics_core::{first_view, url_state, validate};
use web_sys::Element;

/// What one module reads and how; the other module's reader is then not in its wasm.
pub struct Source {
    /// Whether the URL's query is this module's to show (`first_view::handles`…).
    pub handles: fn(&str) -> bool,
    /// The address of the data file, from the prerendered page and the query.
    pub url: fn(&Element, &str) -> Option<String>,
    /// The dataset, the years the year fields accept and, for a file that is not the one the
    /// build wrote the page from, that file's parts of the page.
    pub read: fn(&str) -> Option<Read>,
}

pub struct Read {
    pub ds: Dataset,
    pub years: (i32, i32),
    pub parts: Option<Parts>,
}

/// Runs the module: shows the URL's view, or loads the app when this module cannot.
pub fn run(source: Source) {
    wasm_bindgen_futures::spawn_local(async move {
        if start(source).await.is_none() {
            handoff::to_app(None, None, 0);
        }
    });
}

/// Shows the view of the URL in the prerendered page and wires its controls; `None` when this
/// module cannot (no prerendered view, a URL for the app, data that does not load cleanly).
async fn start(source: Source) -> Option<()> {
    let win = web_sys::window()?;
    let pre = win.document()?.get_element_by_id("pre")?;
    let query = win.location().search().ok()?;
    if !(source.handles)(&query) {
        return None;
    }
    let url = (source.url)(&pre, &query)?;
    let bytes = data::bytes(&url).await?;
    let text = validate::utf8_text(bytes).ok()?;
    let read = (source.read)(&text)?;
    drop(text);
    let (view, _) = url_state::parse(&query);
    // Values the dataset lacks (a state, a tactic) get a notice in the app.
    if !first_view::names_only_known(&view.filter, &read.ds) {
        return None;
    }
    let page = Rc::new(RefCell::new(Page::new(pre, read, view, source.handles)?));
    page.borrow_mut().mount();
    controls::wire(&page);
    Some(())
}

/// The build's data file for the first view (`data-first-view` on `#pre`), as an address.
pub fn build_file_url(pre: &Element, _query: &str) -> Option<String> {
    data::absolute(&pre.get_attribute("data-first-view")?)
}
