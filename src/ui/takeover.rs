//! Taking over the prerendered first view (`#pre`, written into index.html at build time by
//! `crates/cli/src/bin/prerender.rs`). The app mounts into `#app`, hidden while the prerendered
//! view is shown; once the app has drawn its first rows (or an error, or a view without rows),
//! the same task shows `#app` and removes `#pre`, so no frame shows both or neither. Both use
//! the same markup and stylesheet, so the page does not shift; keyboard focus and the table's
//! scroll position move over to the app's elements.

use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// The element the app mounts into (`<div id="app">` of index.html), if the page has one.
pub fn mount_point() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .get_element_by_id("app")?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Shows the app and removes the prerendered view; does nothing the second time.
pub fn done() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(app) = mount_point() else {
        return;
    };
    if let Some(pre) = doc.get_element_by_id("pre") {
        let focused = focused_in(&doc, &pre);
        let scroll = pre
            .query_selector(".table-scroll")
            .ok()
            .flatten()
            .map(|s| (s.scroll_left(), s.scroll_top()));
        // The task forces' menu stays open if the visitor opened it.
        let menu_open = pre
            .query_selector("details.tools-menu[open]")
            .ok()
            .flatten()
            .is_some();
        app.set_hidden(false);
        pre.remove();
        if menu_open {
            if let Ok(Some(menu)) = app.query_selector("details.tools-menu") {
                let _ = menu.set_attribute("open", "");
            }
        }
        if let Some((left, top)) = scroll {
            if let Ok(Some(s)) = app.query_selector(".table-scroll") {
                s.set_scroll_left(left);
                s.set_scroll_top(top);
            }
        }
        if let Some(selector) = focused {
            // A place the visitor opened in the first view: its profile is open here, and
            // focus goes to it (as when the app opens a profile), not back to the row.
            focus(&app, &selector);
            let on_place = doc
                .active_element()
                .is_some_and(|a| a.matches("button.place").unwrap_or(false));
            if on_place {
                heading_when_drawn(10);
            }
        }
        activate_pending(&app);
    } else if app.hidden() {
        app.set_hidden(false);
    }
}

/// A selector for the app's counterpart of the focused prerendered element: a place button by
/// its place, the help and exit links by their class.
fn focused_in(doc: &Document, pre: &Element) -> Option<String> {
    let active = doc.active_element()?;
    if !pre.contains(Some(&active)) {
        return None;
    }
    // A cell of the matrix (moved to with the arrow keys): the same cell.
    if let Some(cell) = tactics_dom::grid::counterpart(&active) {
        return Some(cell);
    }
    if let Some(place) = active.get_attribute("data-place") {
        return Some(format!(
            "button.place[data-place=\"{}\"]",
            place.replace('"', "")
        ));
    }
    // The first-view module's controls (crates/first-view): the same control of the app.
    if active.id() == "pre-q" {
        return Some("#q".into());
    }
    // The mark after the table that "Skip the table" leads to.
    if active.id() == "pre-table-end" {
        return Some("#table-end".into());
    }
    if let Some(sort) = active.get_attribute("data-sort") {
        return Some(format!(
            "button.sort[data-sort=\"{}\"]",
            sort.replace('"', "")
        ));
    }
    if let Some(input) = active.dyn_ref::<web_sys::HtmlInputElement>() {
        let (name, value) = (
            input.name().replace('"', ""),
            input.value().replace('"', ""),
        );
        // A checkbox or radio by its value; a year field by its name (its value is a property).
        return Some(if matches!(input.type_().as_str(), "checkbox" | "radio") {
            format!("#filters-panel [name=\"{name}\"][value=\"{value}\"]")
        } else {
            format!("#filters-panel [name=\"{name}\"]")
        });
    }
    if let Some(select) = active.dyn_ref::<web_sys::HtmlSelectElement>() {
        let name = select.name().replace('"', "");
        return Some(format!("#filters-panel select[name=\"{name}\"]"));
    }
    [
        "quick-exit",
        "help-toggle",
        "table-scroll",
        "filters-toggle",
    ]
    .into_iter()
    .find(|c| active.class_list().contains(c))
    .map(|c| format!(".{c}"))
}

/// Moves focus to the profile's heading once it is drawn (within `frames` frames); the
/// profile is drawn after the rows that call [`done`].
fn heading_when_drawn(frames: u32) {
    leptos::prelude::request_animation_frame(move || {
        let drawn = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("profile-title"))
            .is_some();
        if drawn {
            super::profile::show_heading();
        } else if frames > 0 {
            heading_when_drawn(frames - 1);
        }
    });
}

fn focus(app: &HtmlElement, selector: &str) {
    if let Some(el) = app
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// The control the visitor used in the first view that needs the app (a cell's sources, the
/// map switch, the embed dialog…): `window.__tacticsPending`, set by crates/first-view, names
/// its counterpart here, which is clicked and focused once.
fn activate_pending(app: &HtmlElement) {
    let Some(win) = web_sys::window() else { return };
    let key = wasm_bindgen::JsValue::from_str("__tacticsPending");
    let Some(selector) = js_sys::Reflect::get(&win, &key)
        .ok()
        .and_then(|v| v.as_string())
    else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(&win, &key);
    if let Some(el) = app
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        el.click();
        let _ = el.focus();
    }
}

/// The page of rows the first view showed (`window.__tacticsPage`, set when it started the
/// app), read once; 0 when the app was not started from it.
pub fn handed_page() -> usize {
    let Some(win) = web_sys::window() else {
        return 0;
    };
    let key = wasm_bindgen::JsValue::from_str("__tacticsPage");
    let page = js_sys::Reflect::get(&win, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|p| p.is_finite() && *p >= 0.0)
        .map_or(0, |p| p as usize);
    let _ = js_sys::Reflect::delete_property(&win, &key);
    page
}
