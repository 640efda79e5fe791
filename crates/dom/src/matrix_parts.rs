//! The matrix section's parts that come and go with the view (the pager, the note of an empty
//! table), patched in place by the first view and the app alike: the buttons stay, so a keyboard
//! user on "Next" stays there. Their markup is core's (`tactics_core::markup::shell`).

use crate::find;
use tactics_core::query::filter::Dir;
use tactics_core::{markup::rows, markup::shell};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// Shows page `page` (0-based) of `pages` in the pager under the table of `section`: added
/// after the table when there are two pages or more, removed when there is one.
pub fn show_pager(section: &Element, page: usize, pages: usize) {
    let old = find(section, "nav.pager");
    if pages <= 1 {
        if let Some(old) = old {
            old.remove();
        }
        return;
    }
    let Some(nav) = old.or_else(|| {
        let scroll = find(section, ".table-scroll")?;
        let html = shell::pager_html(page, pages, true);
        scroll.insert_adjacent_html("afterend", &html).ok()?;
        find(section, "nav.pager")
    }) else {
        return;
    };
    if let Some(prev) = find(&nav, "[data-page=prev]") {
        let _ = prev.toggle_attribute_with_force("disabled", page == 0);
    }
    if let Some(next) = find(&nav, "[data-page=next]") {
        let _ = next.toggle_attribute_with_force("disabled", page + 1 >= pages);
    }
    if let Some(text) = find(&nav, "span") {
        let words = shell::pager_text(page, pages);
        if text.text_content().as_deref() != Some(words.as_str()) {
            text.set_text_content(Some(&words));
        }
    }
}

/// Shows the note of an empty table above the table of `section` when `empty`, and removes it
/// when not; `no_places` says the dataset has none (nothing to clear).
pub fn show_empty(section: &Element, empty: bool, no_places: bool) {
    match (find(section, ".empty"), empty) {
        (Some(old), false) => old.remove(),
        (None, true) => {
            if let Some(scroll) = find(section, ".table-scroll") {
                let _ =
                    scroll.insert_adjacent_html("beforebegin", shell::empty_note_html(no_places));
            }
        }
        _ => {}
    }
}

/// The page step of a pager button (`data-page`): `page` after a click on it.
pub fn step(which: &str, page: usize) -> usize {
    if which == "next" {
        page + 1
    } else {
        page.saturating_sub(1)
    }
}

/// Marks column `sorted` (its `data-sort` id) as sorted in `dir` and the others as not: only the
/// columns that were or become sorted are written.
pub fn show_order(section: &Element, sorted: &str, dir: Dir) {
    let Ok(buttons) = section.query_selector_all("thead button.sort") else {
        return;
    };
    for i in 0..buttons.length() {
        let Some(button) = buttons.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        let on = button.get_attribute("data-sort").as_deref() == Some(sorted);
        let Ok(Some(th)) = button.closest("th") else {
            continue;
        };
        if !on && !th.has_attribute("aria-sort") {
            continue;
        }
        let (aria, arrow) = rows::sort_mark(on.then_some(dir));
        let _ = match aria {
            Some(how) => th.set_attribute("aria-sort", how),
            None => th.remove_attribute("aria-sort"),
        };
        if let Some(a) = find(&button, ".arrow") {
            a.set_text_content(Some(arrow));
        }
    }
}

/// Shows the table's one tooltip (`.tip` in core's markup) for `target`, the hovered or
/// focused cell, or hides it (`None`, or an element that is not a cell). WCAG 1.4.13: it stays
/// while the pointer moves onto it, and Escape hides it (the callers' key listeners).
pub fn show_tip(root: &Element, target: Option<&Element>) {
    let Some(tip) = find(root, ".table-scroll .tip") else {
        return;
    };
    match target.and_then(crate::tip_for) {
        Some(t) => {
            tip.set_text_content(Some(&t.text));
            // Through the style object: a style attribute is refused by the strict CSP.
            if let Some(tip) = tip.dyn_ref::<web_sys::HtmlElement>() {
                let style = tip.style();
                let _ = style.set_property("left", &format!("{}px", t.left));
                let _ = style.set_property("top", &format!("{}px", t.top));
            }
            let _ = tip.remove_attribute("hidden");
        }
        None => {
            let _ = tip.set_attribute("hidden", "");
        }
    }
}

/// Whether the tactic columns of the table under `root` are `ds`'s, in its order: a matrix
/// written for other data cannot show this data's rows.
pub fn same_columns(root: &Element, ds: &tactics_core::model::dataset::Dataset) -> bool {
    let shown: Vec<String> = crate::all(root, "thead th.tactic-col button.sort")
        .iter()
        .filter_map(|b| b.get_attribute("data-sort"))
        .collect();
    shown.len() == ds.tactics.len() && shown.iter().zip(&ds.tactics).all(|(s, t)| *s == t.id)
}
