//! Taking over the prerendered first view (`#pre`, written into index.html at build time by
//! `crates/cli/src/bin/prerender.rs`). The app mounts into `#app`, hidden while the prerendered
//! view is shown; once the app has drawn its first rows (or an error, or a view without rows),
//! the same task shows `#app` and removes `#pre`, so no frame shows both or neither. The matrix
//! section and the filters are not replaced: the app adopted them before (`matrix::fill`,
//! `filters::fill`), and focus goes back to the adopted element. The rest uses the same markup
//! and stylesheet, so the page does not shift; focus on a link outside them moves over to the
//! app's counterpart.

use tactics_core::handoff::{Asked, Handoff, ATTRIBUTE};
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

thread_local! {
    /// The element that had focus in the prerendered view before the app moved its parts in
    /// (a move blurs it), remembered by the first adopter.
    static FOCUSED: std::cell::RefCell<Option<Option<HtmlElement>>> =
        const { std::cell::RefCell::new(None) };
}

/// Called before the app moves a part of the prerendered view into itself (the matrix, the
/// filters): remembers where focus is, for [`done`] to give back.
pub fn before_adopting() {
    FOCUSED.with(|f| {
        f.borrow_mut().get_or_insert_with(|| {
            let doc = web_sys::window()?.document()?;
            let pre = doc.get_element_by_id("pre")?;
            doc.active_element()
                .filter(|a| pre.contains(Some(a)))?
                .dyn_into::<HtmlElement>()
                .ok()
        });
    });
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
        let adopted = FOCUSED.with(|f| f.borrow_mut().take().flatten());
        let focused = focused_in(&doc, &pre);
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
        match adopted.filter(|el| el.is_connected()) {
            // A place the visitor opened in the first view: its profile is open here, and focus
            // goes to it (as when the app opens a profile), not back to the row.
            Some(el) if el.matches("button.place").unwrap_or(false) => heading_when_drawn(10),
            Some(el) => {
                let _ = el.focus();
            }
            None => {
                if let Some(selector) = focused {
                    focus(&app, &selector);
                }
            }
        }
        activate_pending(&app);
    } else if app.hidden() {
        app.set_hidden(false);
    }
}

/// A selector for the app's counterpart of the focused prerendered element that the app did
/// not adopt (the matrix and the filters are the app's now, moved: their focus is given back):
/// the help and exit links by their class.
fn focused_in(doc: &Document, pre: &Element) -> Option<String> {
    let active = doc.active_element()?;
    if !pre.contains(Some(&active)) {
        return None;
    }
    ["quick-exit", "help-toggle"]
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

/// What the first view handed over (core's `Handoff`, on `#app`), read once.
fn handed() -> Handoff {
    let Some(app) = mount_point() else {
        return Handoff::default();
    };
    let handoff = app
        .get_attribute(ATTRIBUTE)
        .map(|t| Handoff::from_text(&t))
        .unwrap_or_default();
    let _ = app.remove_attribute(ATTRIBUTE);
    handoff
}

thread_local! {
    /// The hand-over, read at the app's start and taken by its two readers.
    static HANDED: std::cell::RefCell<Option<Handoff>> = const { std::cell::RefCell::new(None) };
}

fn with_handed<T>(take: impl FnOnce(&mut Handoff) -> T) -> T {
    HANDED.with(|h| take(h.borrow_mut().get_or_insert_with(handed)))
}

/// The app's own control for what the visitor asked of the first view (a cell's sources, the
/// map switch, the embed dialog, own data): clicked and focused once, when the app is shown.
fn activate_pending(app: &HtmlElement) {
    let Some(asked) = with_handed(|h| h.asked.take()) else {
        return;
    };
    let quote = |s: &str| s.replace(['"', '\\'], "");
    if asked == Asked::Charts {
        // A section, not a control: its heading takes focus, in view.
        if let Ok(Some(heading)) = app.query_selector("#charts h2") {
            let _ = heading.set_attribute("tabindex", "-1");
            if let Ok(heading) = heading.dyn_into::<HtmlElement>() {
                heading.scroll_into_view();
                let _ = heading.focus();
            }
        }
        return;
    }
    let selector = match asked {
        Asked::Cell { cell } => format!("button[data-cell=\"{}\"]", quote(&cell)),
        Asked::Embed => ".embed-dialog button".into(),
        Asked::OwnData => "button.own-data-toggle".into(),
        Asked::Pane { pane } => format!(".pane-switch button[data-pane=\"{}\"]", quote(&pane)),
        Asked::Charts => return,
    };
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

/// The page of rows the first view showed, read once; 0 when the app was not started from it.
pub fn handed_page() -> usize {
    with_handed(|h| std::mem::take(&mut h.page))
}
