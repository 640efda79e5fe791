//! Loading the app when a visitor asks for more than the matrix.
//!
//! The loader defines `window.__tacticsFull()`, which imports and starts the app once. The app
//! reads the URL (which this module keeps current, and follows after it started: see
//! `page::write_history`), draws the same view and takes the page over. `__tacticsPending`
//! names the app's control to activate then (the control the visitor used here) and
//! `__tacticsPage` the page of rows shown here; `src/ui/takeover.rs` and the app's matrix read
//! them once.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Starts the app; `pending` is a selector of the app's control to activate when it is shown,
/// `status` what the visitor is told while it loads (after a click of theirs; the app's own
/// takeover removes it with `#pre`).
pub fn to_app(pending: Option<&str>, status: Option<&str>, page: usize) {
    let Some(win) = web_sys::window() else { return };
    // A control asked for earlier stays asked for (the loader forgets it if the app fails).
    if let Some(selector) = pending {
        let _ = Reflect::set(
            &win,
            &JsValue::from_str("__tacticsPending"),
            &JsValue::from_str(selector),
        );
    }
    let _ = Reflect::set(
        &win,
        &JsValue::from_str("__tacticsPage"),
        &JsValue::from_f64(page as f64),
    );
    if let (Some(text), Some(doc)) = (status, win.document()) {
        if let Some(line) = doc.get_element_by_id("app-loading") {
            line.set_text_content(Some(text));
            let _ = line.remove_attribute("hidden");
        }
    }
    let start = Reflect::get(&win, &JsValue::from_str("__tacticsFull"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(start) = start {
        let _ = start.call0(&win);
    }
}

/// Whether the app has been started (it may still be loading).
pub fn app_started() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &JsValue::from_str("__tacticsStarted")).ok())
        .is_some_and(|v| !v.is_undefined() && !v.is_null())
}
