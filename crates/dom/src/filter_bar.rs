//! The filter bar (search box, the panel's toggle with its count, the chips of the active
//! filters) and the filter panel, kept showing a view, and what a click in them asks for. One
//! implementation for the first view (`crates/first-view`) and the app (`src/ui/filters.rs`):
//! the markup is core's (`shell::filter_bar_html`, `filter_panel::panel_html_in`), written once
//! into the page, then adopted, not redrawn, when the app arrives.

use crate::{find, show_filter};
use tactics_core::markup::chips::Chip;
use tactics_core::query::action::Action;
use tactics_core::query::filter::Filter;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// What a click in the bar or the panel asks for.
#[derive(Debug, PartialEq)]
pub enum BarClick {
    /// A change of the view (a chip removed, "Clear all").
    Act(Action),
    /// A chip was removed: focus goes to the toggle (the chip is gone).
    Chip(Action),
    Toggle,
    Close,
}

/// The bar and the panel, and what they show.
pub struct FilterBar {
    pub bar: Element,
    pub panel: Element,
    search: Option<HtmlInputElement>,
    toggle: Option<HtmlElement>,
    chips: Option<Element>,
    clear: Option<Element>,
    /// The chips' markup shown last, and the filter the panel's controls show (without the
    /// search text: typing does not wake the panel).
    chips_html: Option<String>,
    panel_shows: Option<Filter>,
}

impl FilterBar {
    /// Takes over the bar and the panel as core wrote them.
    pub fn new(bar: Element, panel: Element) -> FilterBar {
        FilterBar {
            search: find(&bar, "input[type=search]").and_then(|e| e.dyn_into().ok()),
            toggle: find(&bar, ".filters-toggle").and_then(|e| e.dyn_into().ok()),
            chips: find(&bar, "ul.chips"),
            // Found once: a `querySelector` a click cost about 0.3 ms.
            clear: find(&panel, "[data-action=clear]"),
            chips_html: None,
            panel_shows: None,
            bar,
            panel,
        }
    }

    pub fn search_box(&self) -> Option<&HtmlInputElement> {
        self.search.as_ref()
    }

    /// The panel's toggle, where focus goes when the control it was on is gone.
    pub fn toggle_button(&self) -> Option<&HtmlElement> {
        self.toggle.as_ref()
    }

    /// Shows the active filters' chips (`chips_html`, `count` of them) and makes the panel's
    /// controls and the search box show `filter`; only what changed is written.
    pub fn show(&mut self, chips_html: &str, count: usize, filter: &Filter) {
        if self.chips_html.as_deref() != Some(chips_html) {
            if let Some(list) = &self.chips {
                list.set_inner_html(chips_html);
                let _ = list.toggle_attribute_with_force("hidden", count == 0);
            }
            if let Some(toggle) = &self.toggle {
                toggle.set_text_content(Some(&format!("Filters ({count})")));
            }
            self.chips_html = Some(chips_html.to_string());
        }
        if let Some(q) = &self.search {
            if q.value() != filter.q {
                q.set_value(&filter.q);
            }
        }
        let shown = Filter {
            q: String::new(),
            ..filter.clone()
        };
        if self.panel_shows.as_ref() != Some(&shown) {
            show_filter(&self.panel, filter);
            self.panel_shows = Some(shown);
        }
    }

    /// The visitor changed the filter in the panel: its controls show it already. (Reading
    /// back its ~70 controls cost about 2 ms of a click.)
    pub fn panel_changed(&mut self, filter: &Filter) {
        if let Some(clear) = &self.clear {
            crate::show_clear(clear, filter);
        }
        self.panel_shows = Some(Filter {
            q: String::new(),
            ..filter.clone()
        });
    }

    pub fn is_open(&self) -> bool {
        !self.panel.has_attribute("hidden")
    }

    /// Opens or closes the panel.
    pub fn set_open(&self, open: bool) {
        let _ = self.panel.toggle_attribute_with_force("hidden", !open);
        if let Some(toggle) = &self.toggle {
            let _ = toggle.set_attribute("aria-expanded", &open.to_string());
        }
    }

    /// What a click on `target` (in the bar or the panel) asks for; `chips` are the chips shown.
    pub fn click(&self, target: &Element, chips: &[Chip]) -> Option<BarClick> {
        let button = target.closest("button").ok()??;
        if let Some(which) = button.get_attribute("data-chip") {
            return Action::from_chip(&which, chips).map(BarClick::Chip);
        }
        match button.get_attribute("data-action")?.as_str() {
            "clear" => Some(BarClick::Act(Action::ClearAll)),
            "toggle" => Some(BarClick::Toggle),
            "close" => Some(BarClick::Close),
            _ => None,
        }
    }

    /// Answers a click's [`BarClick::Toggle`], [`BarClick::Close`] or (after its action is
    /// applied) [`BarClick::Chip`]: opening, closing and where focus goes.
    pub fn after_click(&self, click: &BarClick) {
        match click {
            BarClick::Toggle => self.set_open(!self.is_open()),
            BarClick::Close => {
                self.set_open(false);
                if let Some(toggle) = &self.toggle {
                    let _ = toggle.focus();
                }
            }
            BarClick::Chip(_) => {
                if let Some(toggle) = &self.toggle {
                    let _ = toggle.focus();
                }
            }
            BarClick::Act(_) => {}
        }
    }
}
