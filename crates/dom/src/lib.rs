//! Browser helpers shared by the app (Leptos, `src/ui`) and the first-view module
//! (`crates/first-view`, no Leptos): both show the same filter panel and the same cell
//! tooltip, so the code that reads and writes those elements lives once, here.

mod body;
pub use body::{body_bytes, declared_too_large};

use tactics_core::filter::Filter;
use tactics_core::filter_panel::{self, CUSTOM_POP};
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlInputElement, HtmlSelectElement, HtmlTemplateElement};

/// Every element under `root` that `selector` matches.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect()
}

/// Makes every control of the filter panel (`filter_panel::panel_html`) show `f`. Only
/// `checked`, `value` and `disabled` change, so focus stays where it is.
pub fn show_filter(panel: &Element, f: &Filter) {
    for control in all(panel, "input,select") {
        if let Some(input) = control.dyn_ref::<HtmlInputElement>() {
            let name = input.name();
            if matches!(input.type_().as_str(), "checkbox" | "radio") {
                input.set_checked(filter_panel::is_checked(f, &name, &input.value()));
            } else {
                let value = filter_panel::field_value(f, &name);
                if input.value() != value {
                    // A refused year the person typed gives way to the filter's: so does its message.
                    input.set_value(&value);
                    show_year_error(input, None);
                }
            }
        } else if let Some(select) = control.dyn_ref::<HtmlSelectElement>() {
            show_population(select, f);
        }
    }
    if let Ok(Some(clear)) = panel.query_selector("[data-action=clear]") {
        let _ = clear.toggle_attribute_with_force("disabled", f.is_default());
    }
}

/// The population choice; a range from the URL outside the bands shows as its own option.
fn show_population(select: &HtmlSelectElement, f: &Filter) {
    let custom = filter_panel::custom_pop_label(f);
    if let Ok(Some(option)) = select.query_selector(&format!("option[value={CUSTOM_POP}]")) {
        let _ = option.toggle_attribute_with_force("hidden", custom.is_none());
        option.set_text_content(custom.as_deref());
    }
    select.set_value(&filter_panel::field_value(f, "pop"));
}

/// The message under the year fields (a live region), empty when the years are fine.
pub fn show_year_error(field: &Element, error: Option<&str>) {
    let message = field
        .closest("fieldset")
        .ok()
        .flatten()
        .and_then(|set| set.query_selector(".error").ok().flatten());
    if let Some(message) = message {
        message.set_text_content(error);
    }
}

/// What a changed control of the panel says: its name, value and whether it is checked.
pub fn control_change(target: &EventTarget) -> Option<(String, String, bool)> {
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        Some((input.name(), input.value(), input.checked()))
    } else {
        let select = target.dyn_ref::<HtmlSelectElement>()?;
        Some((select.name(), select.value(), false))
    }
}

/// The shared tooltip of a matrix cell: its text and where it goes inside the scroll box.
#[derive(Clone, PartialEq)]
pub struct Tip {
    pub text: String,
    pub left: f64,
    pub top: f64,
}

/// The tooltip for the cell that `target` is in (a hover or focus), placed under the cell.
pub fn tip_for(target: &Element) -> Option<Tip> {
    let cell = target.closest("td[data-tip]").ok()??;
    let text = cell.get_attribute("data-tip").filter(|t| !t.is_empty())?;
    let scroll = cell.closest(".table-scroll").ok()??;
    let (c, b) = (
        cell.get_bounding_client_rect(),
        scroll.get_bounding_client_rect(),
    );
    let width = 256.0;
    let left = (c.left() - b.left() + f64::from(scroll.scroll_left()) + c.width() / 2.0
        - width / 2.0)
        .clamp(0.0, (f64::from(scroll.scroll_width()) - width).max(0.0));
    let top = c.bottom() - b.top() + f64::from(scroll.scroll_top());
    Some(Tip { text, left, top })
}

/// Shows the rows of `html` (the `<tr data-place>`s of a page) in `tbody`, keeping the rows
/// that stay the same: a row of a place that was shown before, with the same markup, is left
/// in the page (only its `aria-rowindex` may change), so the browser neither parses, styles
/// nor lays it out again; the others are parsed in an inert template and inserted. A tactic
/// click mostly removes rows (measured: setting a page's 21 rows again costs 10–12 ms of
/// browser work). Falls back to replacing all rows when the kept ones changed order.
pub fn patch_rows(tbody: &Element, html: &str) {
    if patch(tbody, html).is_none() {
        tbody.set_inner_html(html);
    }
}

fn patch(tbody: &Element, html: &str) -> Option<()> {
    let doc = tbody.owner_document()?;
    let template: HtmlTemplateElement = doc.create_element("template").ok()?.dyn_into().ok()?;
    template.set_inner_html(html);
    let fresh = children(&template.content().children());
    let old = children(&tbody.children());
    let place = |row: &Element| row.get_attribute("data-place");
    let wanted: Vec<Option<String>> = fresh.iter().map(place).collect();
    // Rows that leave go first; the kept ones are then in the page in their old order.
    let mut kept = Vec::new();
    for row in old {
        if place(&row).is_some() && wanted.contains(&place(&row)) {
            kept.push(row);
        } else {
            row.remove();
        }
    }
    let mut kept = kept.into_iter().peekable();
    for new in &fresh {
        match kept.peek() {
            Some(row) if place(row) == place(new) => {
                if let Some(index) = new.get_attribute("aria-rowindex") {
                    if row.get_attribute("aria-rowindex").as_deref() != Some(&index) {
                        let _ = row.set_attribute("aria-rowindex", &index);
                    }
                }
                if row.outer_html() != new.outer_html() {
                    let _ = row.replace_with_with_node_1(new);
                }
                kept.next();
            }
            Some(row) if kept_later(row, new, &place) => return None,
            Some(row) => {
                let _ = tbody.insert_before(new, Some(row));
            }
            None => {
                let _ = tbody.append_child(new);
            }
        }
    }
    Some(())
}

/// A new row whose place is among the kept rows but not the next one: the order changed.
fn kept_later(next: &Element, new: &Element, place: &dyn Fn(&Element) -> Option<String>) -> bool {
    let id = place(new);
    let mut sibling = next.next_element_sibling();
    while let Some(row) = sibling {
        if place(&row) == id {
            return true;
        }
        sibling = row.next_element_sibling();
    }
    false
}

fn children(list: &web_sys::HtmlCollection) -> Vec<Element> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
