//! Browser helpers shared by the app (Leptos, `src/ui`) and the first-view module
//! (`crates/first-view`, no Leptos): both show the same filter panel and the same cell
//! tooltip, so the code that reads and writes those elements lives once, here.

mod fetch;
pub mod filter_bar;
pub mod grid;
pub mod matrix_parts;
pub mod matrix_view;
pub use fetch::{
    body_bytes, buffer_bytes, declared_too_large, early_fetch, forget_early_fetch, same_origin_url,
};

/// The key in `history.state` that numbers the entries the explorer added: 1 for the first it
/// pushed, one more for each after. The page's guard script (`public/pre-guard.js`) reads it
/// for Quick exit, which goes back that many entries and replaces the first.
pub const DEPTH_KEY: &str = "tacticsDepth";

/// Set on `<html>` by the guard script when Quick exit starts: from then on no address is
/// written (the guard is walking back through the explorer's entries).
pub const LEAVING_ATTRIBUTE: &str = "data-leaving";

/// Writes `url` to the address bar, the one writer both runtimes call: a new history entry when
/// `push`, numbered (`DEPTH_KEY`) one more than the current one, so that Quick exit can take
/// them all away; else the current entry replaced with its number kept. Inside a frame it only
/// replaces: a pushed entry would take over the host page's Back button. Nothing once Quick
/// exit has started (`LEAVING_ATTRIBUTE`).
pub fn write_history(url: &str, push: bool) {
    let Some(win) = web_sys::window() else { return };
    let leaving = win
        .document()
        .and_then(|d| d.document_element())
        .is_some_and(|root| root.has_attribute(LEAVING_ATTRIBUTE));
    if leaving {
        return;
    }
    let Ok(history) = win.history() else { return };
    let current = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = if push && !framed(&win) {
        let state = js_sys::Object::new();
        let next = wasm_bindgen::JsValue::from_f64(f64::from(depth(&current) + 1));
        let _ = js_sys::Reflect::set(&state, &DEPTH_KEY.into(), &next);
        history.push_state_with_url(&state, "", Some(url))
    } else {
        history.replace_state_with_url(&current, "", Some(url))
    };
}

/// The current entry's number (0: the first, or not the explorer's).
fn depth(state: &wasm_bindgen::JsValue) -> u32 {
    if !state.is_object() {
        return 0;
    }
    js_sys::Reflect::get(state, &DEPTH_KEY.into())
        .ok()
        .and_then(|v| v.as_f64())
        .filter(|n| n.is_finite() && *n >= 1.0 && *n < f64::from(u32::MAX))
        .map_or(0, |n| n as u32)
}

/// Whether the page is inside a frame (its parent is another window).
fn framed(win: &web_sys::Window) -> bool {
    match win.parent() {
        Ok(Some(parent)) => !js_sys::Object::is(parent.as_ref(), win.as_ref()),
        _ => false,
    }
}

use tactics_core::markup::filter_panel::{self, CUSTOM_POP};
use tactics_core::markup::row_patch::{Op, RowState};
use tactics_core::markup::rows::RowHtml;
use tactics_core::query::filter::Filter;
use wasm_bindgen::JsCast;
use web_sys::{Element, EventTarget, HtmlInputElement, HtmlSelectElement, HtmlTemplateElement};

/// Makes the placeholders under `root` (`.pre-js`: kept invisible and out of the tab order
/// until a runtime answers them) controls.
pub fn make_live(root: &Element) {
    let mut found = all(root, ".pre-js");
    if root.class_list().contains("pre-js") {
        found.push(root.clone());
    }
    for el in found {
        let _ = el.remove_attribute("aria-hidden");
        let _ = el.class_list().remove_1("pre-js");
        // The placeholder may be the button itself ("Use your own data").
        if el.get_attribute("tabindex").as_deref() == Some("-1") {
            let _ = el.remove_attribute("tabindex");
        }
        for b in all(&el, "[tabindex='-1']") {
            let _ = b.remove_attribute("tabindex");
        }
    }
}

/// The dataset's places to get help (`page_parts::help`) in the help panel and its neutral site
/// as Quick exit's target, in place of the ones the page was written with.
pub fn show_help_and_exit(page: &Element, help: &str, exit: &str) {
    if let Some(panel) = find(page, "#help-panel") {
        if panel.inner_html() != help {
            panel.set_inner_html(help);
        }
    }
    for link in all(page, "a.quick-exit") {
        let _ = link.set_attribute("href", exit);
    }
}

/// Wide screens show the filter panel beside the table at first; phones start with it closed,
/// so the data comes first.
pub fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 1000px)").ok().flatten())
        .is_some_and(|m| m.matches())
}

/// The first element under `root` that `selector` matches.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

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
        show_clear(&clear, f);
    }
}

/// "Clear all filters" can be pressed only when there is a filter to clear.
pub fn show_clear(clear: &Element, f: &Filter) {
    let _ = clear.toggle_attribute_with_force("disabled", f.is_default());
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

/// The matrix body of the first view: shows a page of rows, keeping, removing and parsing
/// rows as `tactics_core::markup::row_patch` says, from the markup each row was written from (kept
/// in Rust: reading `outerHTML` back and parsing every row to compare cost a click about 1 ms).
/// The first call adopts the rows in the page (the prerendered ones, whose markup it does not
/// have) by comparing their `outerHTML` once; rows that differ, or all when they are not as
/// many, are written again.
pub struct Rows {
    tbody: Element,
    state: RowState<Element>,
    /// Whether `state` holds the rows in the page.
    known: bool,
    /// The inert template the new rows are parsed in (made once).
    template: Option<HtmlTemplateElement>,
}

impl Rows {
    pub fn new(tbody: Element) -> Rows {
        Rows {
            tbody,
            state: RowState::default(),
            known: false,
            template: None,
        }
    }

    /// Shows `rows` in the body; the grid keeps one tab stop (`grid::settle`).
    pub fn show(&mut self, rows: &[RowHtml]) {
        self.write(rows);
        grid::settle(&self.tbody);
    }

    fn write(&mut self, rows: &[RowHtml]) {
        if self.known {
            let (tbody, template) = (&self.tbody, &mut self.template);
            if let Some(ops) = self
                .state
                .update(rows, |html, _| parse(tbody, template, html))
            {
                for op in ops {
                    match op {
                        Op::Remove(row) => row.remove(),
                        Op::SetIndex(row, index) => {
                            let _ = row.set_attribute("aria-rowindex", &index.to_string());
                        }
                        Op::Insert(row, before) => {
                            let before: Option<&web_sys::Node> =
                                before.as_ref().map(|b| b.as_ref());
                            let _ = self.tbody.insert_before(&row, before);
                        }
                    }
                }
                return;
            }
        }
        // The rows in the page are kept where they are what `rows` would write.
        let mut html = String::new();
        for r in rows {
            r.write_html(&mut html);
        }
        let old = children(&self.tbody.children());
        let fresh = parse(&self.tbody, &mut self.template, &html).unwrap_or_default();
        if old.len() == rows.len() && fresh.len() == rows.len() {
            // Which cell is the grid's tab stop is not the row's content: a row that differs
            // only there stays (with focus, if it has it; `grid::settle` then keeps one stop).
            let plain = |row: &Element| {
                row.outer_html()
                    .replace("tabindex=\"0\"", "tabindex=\"-1\"")
            };
            for (was, new) in old.iter().zip(&fresh) {
                if plain(was) != plain(new) {
                    let _ = was.replace_with_with_node_1(new);
                }
            }
        } else {
            self.tbody.set_inner_html(&html);
        }
        let els = children(&self.tbody.children());
        // Each row of the body is one of `rows`: they were compared or written just now.
        self.known = els.len() == rows.len();
        self.state
            .adopt(rows, if self.known { els } else { Vec::new() });
    }
}

/// The elements of `html`'s rows, parsed in the inert template.
fn parse(
    tbody: &Element,
    template: &mut Option<HtmlTemplateElement>,
    html: &str,
) -> Option<Vec<Element>> {
    if template.is_none() {
        let doc = tbody.owner_document()?;
        *template = doc.create_element("template").ok()?.dyn_into().ok();
    }
    let template = template.as_ref()?;
    template.set_inner_html(html);
    Some(children(&template.content().children()))
}

fn children(list: &web_sys::HtmlCollection) -> Vec<Element> {
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}
