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
    match tactics_dom::same_origin_url(requested) {
        Some(url) => (url, None),
        None => (
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

/// The dialog's markup: no data in it, so one fixed string (far less code than a view with
/// reactive attributes); [`EmbedDialog`] answers its controls with one listener.
const DIALOG_HTML: &str =
    "<button type=\"button\" aria-expanded=\"false\" aria-controls=\"embed-panel\" \
     data-action=\"toggle\">Embed this view</button>\
     <div id=\"embed-panel\" class=\"embed-panel\" hidden>\
     <label for=\"embed-code\">Paste this into your website's HTML:</label>\
     <textarea id=\"embed-code\" readonly rows=\"4\" data-testid=\"embed-code\"></textarea>\
     <label class=\"check\"><input type=\"checkbox\" checked data-action=\"script\">\
     Include the auto-height script (the frame grows with its content)</label>\
     <button type=\"button\" data-action=\"copy\">Copy code</button>\
     <span role=\"status\"></span></div>";

/// "Embed this view": a ready-to-paste snippet for the current view, with a copy button.
#[component]
pub fn EmbedDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let root = NodeRef::<leptos::html::Div>::new();
    let open = RwSignal::new(false);
    // The view as an embed link; read only while the panel is open.
    let query = Memo::new(move |_| {
        ctx.view.with(|v| {
            let mut state = v.clone();
            state.embed = true;
            crate::url_state::to_query(&state)
        })
    });
    // The snippet follows the view while the panel is open.
    Effect::new(move |_| {
        if let (true, Some(root)) = (open.get(), root.get()) {
            show_code(&root, &query.get());
        }
    });
    let on_event = move |ev: web_sys::Event| {
        let target = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        if let (Some(root), Some(target)) = (root.get_untracked(), target) {
            answer(&root, &target, &ev.type_(), open, query);
        }
    };
    view! {
        <div class="embed-dialog" node_ref=root inner_html=DIALOG_HTML
            on:click=move |ev| on_event(ev.into()) on:change=on_event></div>
    }
}

/// What a click or change on one of the dialog's controls does.
fn answer(
    root: &web_sys::HtmlDivElement,
    target: &web_sys::Element,
    kind: &str,
    open: RwSignal<bool>,
    query: Memo<String>,
) {
    match (target.get_attribute("data-action").as_deref(), kind) {
        (Some("toggle"), "click") => {
            let now = !open.get_untracked();
            let _ = target.set_attribute("aria-expanded", &now.to_string());
            if let Ok(Some(panel)) = root.query_selector(".embed-panel") {
                let _ = panel.toggle_attribute_with_force("hidden", !now);
            }
            set_status(root, "");
            open.set(now);
        }
        (Some("script"), "change") => show_code(root, &query.get_untracked()),
        (Some("copy"), "click") => copy(root),
        _ => {}
    }
}

/// Writes the snippet for `query` into the textarea, with or without the script as ticked.
fn show_code(root: &web_sys::HtmlDivElement, query: &str) {
    let with_script = root
        .query_selector("input[data-action=script]")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|el| el.checked());
    let href = window().location().href().unwrap_or_default();
    if let Some(area) = root
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        area.set_value(&snippet(&href, query, with_script));
    }
}

/// Copies the textarea's snippet and says whether that worked.
fn copy(root: &web_sys::HtmlDivElement) {
    let Some(area) = root
        .query_selector("textarea")
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return;
    };
    let promise = window().navigator().clipboard().write_text(&area.value());
    let root = root.clone();
    leptos::task::spawn_local(async move {
        let done = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        set_status(&root, if done { " Copied." } else { "" });
    });
}

fn set_status(root: &web_sys::HtmlDivElement, text: &str) {
    if let Ok(Some(status)) = root.query_selector("[role=status]") {
        status.set_text_content(Some(text));
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
