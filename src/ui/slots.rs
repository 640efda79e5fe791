//! The app's place in the page: it mounts its pieces into the slots of the page that is there
//! (core's `page::page_html`, written by the build with the default view, or here when the build
//! wrote none). Nothing is swapped: a slot's prerendered children are set aside when the app's
//! piece goes in, in the same task, and a piece that drives markup the first view drew (the
//! matrix, the filters) takes its nodes back from them ([`take`]), so the rows stay, and focus
//! and scroll are given back ([`shown`]). What the first view hands over (the page of rows, what the visitor asked for) is core's
//! `Handoff`, on the page element.

use leptos::prelude::*;
use std::cell::RefCell;
use tactics_core::markup::page::{page_html, Drawn, Slot, PAGE_ID};
use tactics_core::query::handoff::{Asked, Handoff, ATTRIBUTE, SHOWN};
use wasm_bindgen::JsCast;
use web_sys::{DocumentFragment, Element, HtmlElement};

thread_local! {
    /// Each mounted slot's prerendered children, set aside.
    static SET_ASIDE: RefCell<Vec<(Slot, DocumentFragment)>> = const { RefCell::new(Vec::new()) };
    /// The element that had focus in a slot before its children were set aside (which blurs).
    static FOCUSED: RefCell<Option<HtmlElement>> = const { RefCell::new(None) };
    /// The scroll boxes scrolled in a slot before its children were set aside (which resets
    /// them), and where they were.
    static SCROLLED: RefCell<Vec<(Element, i32, i32)>> = const { RefCell::new(Vec::new()) };
    /// The hand-over, read once.
    static HANDED: RefCell<Option<Handoff>> = const { RefCell::new(None) };
}

/// The page element, filled: the build's, else core's page without data, written now (and
/// marked `pre-other`: it has no rows to show until the data is read).
pub fn page() -> Option<HtmlElement> {
    let doc = document();
    let page = match doc.get_element_by_id(PAGE_ID) {
        Some(page) => page,
        None => {
            let page = doc.create_element("div").ok()?;
            doc.body()?.prepend_with_node_1(&page).ok()?;
            page
        }
    };
    if page.first_element_child().is_none() {
        page.set_outer_html(&page_html(None, &Drawn::default()));
        if let Some(root) = doc.document_element() {
            let _ = root.class_list().add_1("pre-other");
        }
        return doc.get_element_by_id(PAGE_ID)?.dyn_into().ok();
    }
    page.dyn_into().ok()
}

/// Mounts `view` into `slot` of `page`, after setting the slot's children aside.
pub fn mount<N: IntoView + 'static>(
    page: &HtmlElement,
    slot: Slot,
    view: impl FnOnce() -> N + 'static,
) {
    let Some(el) = page
        .query_selector(&slot.selector())
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    set_aside(slot, &el);
    leptos::mount::mount_to(el, view).forget();
}

fn set_aside(slot: Slot, el: &Element) {
    let doc = document();
    if let Some(active) = doc.active_element().filter(|a| el.contains(Some(a))) {
        FOCUSED.with(|f| *f.borrow_mut() = active.dyn_into().ok());
    }
    for scroll in tactics_dom::all(el, ".table-scroll") {
        let (left, top) = (scroll.scroll_left(), scroll.scroll_top());
        if left != 0 || top != 0 {
            SCROLLED.with(|s| s.borrow_mut().push((scroll, left, top)));
        }
    }
    let fragment = doc.create_document_fragment();
    while let Some(child) = el.first_child() {
        let _ = fragment.append_child(&child);
    }
    SET_ASIDE.with(|s| s.borrow_mut().push((slot, fragment)));
}

/// The first element matching `selector` among `slot`'s prerendered children, taken for the
/// piece that drives it now (it is no longer set aside).
pub fn take(slot: Slot, selector: &str) -> Option<Element> {
    SET_ASIDE.with(|s| {
        let s = s.borrow();
        let (_, fragment) = s.iter().find(|(sl, _)| *sl == slot)?;
        let found = fragment.query_selector(selector).ok().flatten()?;
        found.remove();
        Some(found)
    })
}

/// The app's pieces are in the page: the first view stops answering, the URL's view is shown
/// (not the default one), focus goes back where the visitor was, and what they asked the first
/// view for is done.
pub fn shown(page: &HtmlElement) {
    let doc = document();
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute(SHOWN, "");
        let _ = root.class_list().remove_1("pre-other");
    }
    if let Some(line) = doc.get_element_by_id("app-loading") {
        let _ = line.set_attribute("hidden", "");
    }
    let page = page.clone();
    // After the pieces' first effects, which adopt the set-aside nodes.
    request_animation_frame(move || {
        for (scroll, left, top) in SCROLLED.with(|s| std::mem::take(&mut *s.borrow_mut())) {
            if scroll.is_connected() {
                scroll.set_scroll_left(left);
                scroll.set_scroll_top(top);
            }
        }
        let focused = FOCUSED.with(|f| f.borrow_mut().take());
        match focused.filter(|el| el.is_connected()) {
            // A place the visitor opened in the first view: its profile is open here, and focus
            // goes to it (as when the app opens a profile), not back to the row.
            Some(el) if el.matches("button.place").unwrap_or(false) => heading_when_drawn(10),
            Some(el) => {
                let _ = el.focus();
            }
            None => {}
        }
        activate_pending(&page);
    });
}

/// Moves focus to the profile's heading once it is drawn (within `frames` frames).
fn heading_when_drawn(frames: u32) {
    request_animation_frame(move || {
        if document().get_element_by_id("profile-title").is_some() {
            super::profile::show_heading();
        } else if frames > 0 {
            heading_when_drawn(frames - 1);
        }
    });
}

fn with_handed<T>(take: impl FnOnce(&mut Handoff) -> T) -> T {
    HANDED.with(|h| {
        let mut h = h.borrow_mut();
        let handed = h.get_or_insert_with(|| {
            let page = document().get_element_by_id(PAGE_ID);
            let text = page.as_ref().and_then(|p| p.get_attribute(ATTRIBUTE));
            if let Some(page) = &page {
                let _ = page.remove_attribute(ATTRIBUTE);
            }
            text.map(|t| Handoff::from_text(&t)).unwrap_or_default()
        });
        take(handed)
    })
}

/// The page of rows the first view showed, read once; 0 when the app was not started from it.
pub fn handed_page() -> usize {
    with_handed(|h| std::mem::take(&mut h.page))
}

/// The app's own control for what the visitor asked of the first view (a cell's sources, the
/// map switch, the embed dialog, own data): clicked and focused once, when the app is shown.
fn activate_pending(page: &HtmlElement) {
    let Some(asked) = with_handed(|h| h.asked.take()) else {
        return;
    };
    let quote = |s: &str| s.replace(['"', '\\'], "");
    let selector = match asked {
        Asked::Cell { cell } => format!("button[data-cell=\"{}\"]", quote(&cell)),
        Asked::Embed => ".embed-dialog button".into(),
        Asked::OwnData => "button.own-data-toggle".into(),
        Asked::Pane { pane } => format!(".pane-switch button[data-pane=\"{}\"]", quote(&pane)),
        // A section, not a control: its heading takes focus, in view.
        Asked::Charts => "#charts h2".into(),
    };
    let Some(el) = page
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    else {
        return;
    };
    if el.tag_name() == "H2" {
        let _ = el.set_attribute("tabindex", "-1");
        el.scroll_into_view();
    } else {
        el.click();
    }
    let _ = el.focus();
}
