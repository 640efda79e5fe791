//! Living inside someone else's page: same-origin data only, theme and accent, and height
//! messages to the embedding page.

use super::url::Ctx;
use super::BUNDLED_DATA;
use crate::url_state::Theme;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The message type posted to the parent; documented in docs/EMBED.md.
pub const RESIZE_MESSAGE: &str = "tactics-explorer:resize";

/// The dataset to load: `?data=` only when it resolves to this page's own origin, since a
/// crafted link could otherwise show forged figures under a task force's name.
pub fn data_path(requested: Option<&str>) -> (String, Option<String>) {
    let Some(requested) = requested else {
        return (BUNDLED_DATA.to_string(), None);
    };
    let location = window().location();
    let (Ok(href), Ok(origin)) = (location.href(), location.origin()) else {
        return (BUNDLED_DATA.to_string(), None);
    };
    match web_sys::Url::new_with_base(requested, &href) {
        Ok(url) if url.origin() == origin && url.protocol().starts_with("http") => (url.href(), None),
        _ => (
            BUNDLED_DATA.to_string(),
            Some(
                "The data= link points to another site, so it was not loaded; the bundled dataset is shown instead."
                    .to_string(),
            ),
        ),
    }
}

/// Applies theme and accent from the URL and, inside a frame, reports the page height.
pub fn start(ctx: Ctx) {
    Effect::new(move |_| {
        let (theme, accent) = ctx.view.with(|v| (v.theme, v.accent.clone()));
        let Some(root) = document().document_element() else { return };
        let theme = match theme {
            Some(Theme::Light) => "light",
            Some(Theme::Dark) => "dark",
            None => "auto",
        };
        let _ = root.set_attribute("data-theme", theme);
        if let Ok(el) = root.dyn_into::<web_sys::HtmlElement>() {
            let style = el.style();
            match accent.and_then(|a| crate::colour::accessible_accent(&a)) {
                Some((light, dark)) => {
                    let _ = style.set_property("--accent-light", &light);
                    let _ = style.set_property("--accent-dark", &dark);
                }
                None => {
                    let _ = style.remove_property("--accent-light");
                    let _ = style.remove_property("--accent-dark");
                }
            }
        }
    });
    Effect::new(move |_| {
        let embed = ctx.view.with(|v| v.embed);
        if let Some(body) = document().body() {
            body.class_list().toggle_with_force("embed", embed).ok();
        }
    });
    observe_height();
}

/// Posts the content height to the parent whenever it changes (and once at start).
fn observe_height() {
    let win = window();
    let Ok(Some(parent)) = win.parent() else { return };
    if parent == win {
        return;
    }
    let Some(body) = document().body() else { return };
    let last = std::cell::Cell::new(0i32);
    let post = move || {
        let Some(body) = document().body() else { return };
        let height = body.get_bounding_client_rect().height().ceil() as i32;
        if height == last.get() {
            return;
        }
        last.set(height);
        let msg = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&msg, &"type".into(), &RESIZE_MESSAGE.into());
        let _ = js_sys::Reflect::set(&msg, &"height".into(), &height.into());
        if let Ok(Some(parent)) = window().parent() {
            let _ = parent.post_message(&msg, "*");
        }
    };
    post();
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |_entries: js_sys::Array| post());
    if let Ok(observer) = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()) {
        observer.observe(&body);
        // The observer lives as long as the page.
        std::mem::forget(observer);
    }
    callback.forget();
}
