//! Loading the app when a visitor asks for more than the matrix.
//!
//! The loader defines `window.__tacticsFull()`, which imports and starts the app once. The app
//! reads the URL (which this module keeps current), draws the same view and takes the page
//! over; `__tacticsPending` names the app's element to activate then (the control the visitor
//! used here), and `src/ui/takeover.rs` clicks and focuses it.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Starts the app; `pending` is a selector of the app's control to activate when it is shown,
/// `status` what the visitor is told while it loads (after a click of theirs; the app's own
/// takeover removes it with `#pre`).
pub fn to_app(pending: Option<&str>, status: Option<&str>) {
    let Some(win) = web_sys::window() else { return };
    if let Some(selector) = pending {
        let _ = Reflect::set(
            &win,
            &JsValue::from_str("__tacticsPending"),
            &JsValue::from_str(selector),
        );
    }
    if let Some(doc) = win.document() {
        if let Some(pre) = doc.get_element_by_id("pre") {
            let _ = pre.set_attribute("aria-busy", "true");
            if let Some(text) = status {
                say(&doc, &pre, text);
            }
        }
    }
    let start = Reflect::get(&win, &JsValue::from_str("__tacticsFull"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    if let Some(start) = start {
        let _ = start.call0(&win);
    }
}

/// A polite status line at the bottom of the screen.
fn say(doc: &web_sys::Document, pre: &web_sys::Element, text: &str) {
    let line = match doc.get_element_by_id("app-loading") {
        Some(line) => line,
        None => {
            let Ok(line) = doc.create_element("p") else {
                return;
            };
            line.set_id("app-loading");
            let _ = line.set_attribute("role", "status");
            let _ = pre.append_child(&line);
            line
        }
    };
    line.set_text_content(Some(text));
}
