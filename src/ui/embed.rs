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
        let (theme, accent) = ctx.look.get();
        let Some(root) = document().document_element() else {
            return;
        };
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
        let embed = ctx.embed.get();
        if let Some(body) = document().body() {
            body.class_list().toggle_with_force("embed", embed).ok();
        }
    });
    observe_height();
}

/// Posts the content height to the parent whenever it changes (and once at start).
fn observe_height() {
    let win = window();
    let Ok(Some(parent)) = win.parent() else {
        return;
    };
    if parent == win {
        return;
    }
    let Some(body) = document().body() else {
        return;
    };
    let last = std::cell::Cell::new(0i32);
    let post = move || {
        let Some(body) = document().body() else {
            return;
        };
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

/// The iframe snippet for `state` as seen from the page at `page_href`; pure, so it is tested natively.
pub fn snippet(page_href: &str, query: &str, with_script: bool) -> String {
    let base = page_href.split(['?', '#']).next().unwrap_or(page_href);
    let src = if query.is_empty() {
        format!("{base}?embed=1")
    } else {
        format!("{base}?{query}")
    };
    let dir = base.rsplit_once('/').map_or(base, |(d, _)| d);
    let mut out = format!(
        "<iframe src=\"{}\" title=\"Demand-reduction tactics explorer\" loading=\"lazy\" width=\"100%\" height=\"900\" style=\"border:0\" data-tactics-explorer></iframe>",
        html_attr(&src)
    );
    if with_script {
        out.push_str(&format!(
            "\n<script src=\"{}/embed-host.js\" defer></script>",
            html_attr(dir)
        ));
    }
    out
}

fn html_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// "Embed this view": a ready-to-paste snippet for the current view, with a copy button.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = RwSignal::new(false);
    let with_script = RwSignal::new(true);
    let copied = RwSignal::new(false);
    let code = move || {
        let mut state = ctx.view.get();
        state.embed = true;
        let href = window().location().href().unwrap_or_default();
        snippet(
            &href,
            &crate::url_state::to_query(&state),
            with_script.get(),
        )
    };
    // The snippet follows the whole view, so it is built only while the panel is open (not on
    // every click and keystroke).
    let shown_code = move || open.get().then(code).unwrap_or_default();
    let copy = move |_| {
        let text = code();
        let clipboard = window().navigator().clipboard();
        let promise = clipboard.write_text(&text);
        leptos::task::spawn_local(async move {
            copied.set(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
        });
    };
    view! {
        <div class="embed-dialog">
            <button type="button" aria-expanded=move || open.get().to_string() aria-controls="embed-panel"
                on:click=move |_| { open.update(|o| *o = !*o); copied.set(false); }>
                "Embed this view"
            </button>
            <div id="embed-panel" class="embed-panel" hidden=move || !open.get()>
                <label for="embed-code">"Paste this into your website's HTML:"</label>
                <textarea id="embed-code" readonly rows="4" prop:value=shown_code data-testid="embed-code"></textarea>
                <label class="check">
                    <input type="checkbox" prop:checked=move || with_script.get()
                        on:change=move |ev| with_script.set(event_target_checked(&ev))/>
                    "Include the auto-height script (the frame grows with its content)"
                </label>
                <button type="button" on:click=copy>"Copy code"</button>
                <span role="status">{move || copied.get().then_some(" Copied.")}</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::snippet;

    #[test]
    fn snippet_is_an_absolute_iframe_for_the_view() {
        let s = snippet(
            "https://tf.example/tools/tactics/?q=x#top",
            "tactics=web-stings&embed=1",
            true,
        );
        assert!(s.starts_with(
            "<iframe src=\"https://tf.example/tools/tactics/?tactics=web-stings&amp;embed=1\""
        ));
        assert!(s.contains("loading=\"lazy\"") && s.contains("title=\""));
        assert!(s.ends_with(
            "<script src=\"https://tf.example/tools/tactics/embed-host.js\" defer></script>"
        ));
        assert!(!snippet("https://tf.example/", "embed=1", false).contains("<script"));
    }
}
