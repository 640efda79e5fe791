//! Taking over the prerendered first view (`#pre`, written into index.html at build time by
//! `crates/cli/src/bin/prerender.rs`). The app mounts into `#app`, hidden while the prerendered
//! view is shown; once the app has drawn its first rows (or an error, or a view without rows),
//! the same task shows `#app` and removes `#pre`, so no frame shows both or neither. Both use
//! the same markup and stylesheet, so the page does not shift.

/// The element the app mounts into (`<div id="app">` of index.html), if the page has one.
pub fn mount_point() -> Option<web_sys::HtmlElement> {
    use wasm_bindgen::JsCast;
    web_sys::window()?
        .document()?
        .get_element_by_id("app")?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Shows the app and removes the prerendered view; does nothing the second time.
pub fn done() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(pre) = doc.get_element_by_id("pre") {
        pre.remove();
    }
    if let Some(app) = mount_point() {
        if app.hidden() {
            app.set_hidden(false);
        }
    }
}
