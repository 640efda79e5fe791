//! The first load of tactics-explorer, without Leptos: the code shared by its two modules,
//! `tactics-first-view` (the bundled data, `src/bin/first_view.rs`) and `tactics-data-view` (a `?data=`
//! file, `src/bin/data_view.rs`), which differ only in how they read their data.
//!
//! The page arrives with the default view written into it at build time (`#pre`, from
//! `crates/cli` prerender). This module makes that view's own controls work (filters, search,
//! chips, sorting, pages), from the same core as the app and through the same URL, so a
//! visitor who only looks at the matrix never downloads the Leptos app (docs/PERFORMANCE.md).
//! Whatever it does not answer (a place's profile, a cell's sources, the map, the charts when
//! the visitor asks for them, embedding, one's own data, a file with problems) loads the app,
//! which reads the URL and mounts its pieces into the page (`src/ui/slots.rs`). Scrolling never does:
//! the prerendered headline chart is read without the app.

mod controls;
pub mod data;
mod handoff;
pub mod page;

use page::Page;
use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use tactics_core::model::dataset::Dataset;
use tactics_core::{model::validate, query::first_view, query::url_state};
use web_sys::Element;

/// What one module reads and how. The modules are generic over it, so each wasm holds only its
/// own reader.
pub trait Source {
    /// Whether the URL's query is this module's kind, before its data is read
    /// (`first_view::handles` or `handles_file`; `first_view::may_show` then decides).
    fn handles(query: &str) -> bool;
    /// The address of the data file, from the prerendered page and the query.
    fn url(pre: &Element, query: &str) -> Option<String>;
    /// The file's bytes (`data::response` fetches it).
    fn bytes(url: &str) -> impl Future<Output = Option<Vec<u8>>>;
    /// The dataset and the years the year fields accept. It takes the text, so it can free it
    /// as soon as it is typed.
    fn read(text: String) -> Option<Read>;
    /// Fits the prerendered page to the data before it is shown; `false` when it cannot be.
    fn fit(_pre: &Element, _read: &Read) -> bool {
        true
    }
}

pub struct Read {
    pub ds: Dataset,
    pub years: (i32, i32),
    /// A `?data=` file, not the bundled data the page was built from.
    pub file: bool,
}

/// Runs the module: shows the URL's view, or loads the app when this module cannot.
pub fn run<S: Source>() {
    wasm_bindgen_futures::spawn_local(async move {
        if start::<S>().await.is_none() {
            handoff::to_app(None, None, 0);
        }
    });
}

/// Shows the view of the URL in the prerendered page and wires its controls; `None` when this
/// module cannot (no prerendered view, a URL for the app, data that does not load cleanly).
async fn start<S: Source>() -> Option<()> {
    let win = web_sys::window()?;
    let pre = win.document()?.get_element_by_id("pre")?;
    let query = win.location().search().ok()?;
    if !S::handles(&query) {
        return None;
    }
    let url = S::url(&pre, &query)?;
    let bytes = S::bytes(&url).await?;
    let text = validate::utf8_text(bytes).ok()?;
    let read = S::read(text)?;
    // Values the dataset lacks (a state, a tactic) get a notice in the app.
    if !first_view::may_show(&query, read.file, &read.ds) || !S::fit(&pre, &read) {
        return None;
    }
    let (view, _) = url_state::parse(&query);
    let page = Rc::new(RefCell::new(Page::new(pre, read, view)?));
    page.borrow_mut().mount();
    controls::wire(&page);
    Some(())
}
