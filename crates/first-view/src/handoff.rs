//! Loading the app when a visitor asks for more than the matrix.
//!
//! The loader (`public/loader.js`) starts the app once when asked by core's `LOAD_EVENT`. The app
//! reads the URL when it starts and again when it shows its pieces (this module keeps it
//! current, at once while the app loads: `Page::write_url`), mounts its pieces into the page's slots and adopts the matrix and the
//! filters this module drew; then this module stops answering ([`app_shown`]). What this module
//! hands it (the page of rows shown, the control the visitor used that only the app does) is
//! core's `Handoff`, on the page element, read once by `src/ui/slots.rs`.

use tactics_core::markup::page::PAGE_ID;
use tactics_core::query::handoff::{Asked, Handoff, ATTRIBUTE, LOAD_EVENT, SHOWN, STARTED};

/// Starts the app; `asked` is what to do once it is shown, `status` what the visitor is told
/// while it loads (after a click of theirs; the app hides it when it is shown).
pub fn to_app(asked: Option<Asked>, status: Option<&str>, page: usize) {
    let Some(win) = web_sys::window() else { return };
    let Some(doc) = win.document() else { return };
    if let Some(app) = doc.get_element_by_id(PAGE_ID) {
        // A control asked for earlier stays asked for (`forget` drops it if the app fails).
        let earlier = app.get_attribute(ATTRIBUTE).map(|t| Handoff::from_text(&t));
        let asked = asked.or_else(|| earlier.and_then(|h| h.asked));
        let _ = app.set_attribute(ATTRIBUTE, &Handoff { page, asked }.to_text());
    }
    if let Some(text) = status {
        if let Some(line) = doc.get_element_by_id("app-loading") {
            line.set_text_content(Some(text));
            let _ = line.remove_attribute("hidden");
        }
    }
    if let Ok(event) = web_sys::Event::new(LOAD_EVENT) {
        let _ = win.dispatch_event(&event);
    }
}

/// The app could not be loaded: nothing asked of it is pending any more.
pub fn forget() {
    let app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(PAGE_ID));
    if let Some(app) = app {
        let _ = app.remove_attribute(ATTRIBUTE);
    }
}

/// Whether the app has been started (it may still be loading).
pub fn app_started() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute(STARTED))
}

/// Whether the app's pieces are in the page: from then on the page's elements are the app's.
pub fn app_shown() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute(SHOWN))
}
