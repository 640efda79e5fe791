//! The prerendered matrix section, kept showing the view state.

use tactics_core::dataset::{Dataset, Index};
use tactics_core::filter_panel;
use tactics_core::first_view::{self, Frame};
use tactics_core::url_state::{self, ViewState};
use tactics_dom::all;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

pub struct Page {
    pub pre: Element,
    pub ds: Dataset,
    pub index: Index,
    pub view: ViewState,
    pub page: usize,
    /// The chips shown, to read a chip's click back.
    pub chips: Vec<tactics_core::chips::Chip>,
}

/// The first element under `root` that `selector` matches.
pub fn find(root: &Element, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

impl Page {
    pub fn new(pre: Element, ds: Dataset, view: ViewState) -> Option<Page> {
        // The prerendered table must be there to be kept up to date.
        find(&pre, "section.matrix table tbody")?;
        let index = ds.index();
        Some(Page {
            pre,
            ds,
            index,
            view,
            page: 0,
            chips: Vec::new(),
        })
    }

    /// Turns the placeholders into controls and shows the URL's view.
    pub fn mount(&mut self) {
        // The placeholders kept the controls' room; now they are controls.
        for el in all(&self.pre, ".pre-js") {
            let _ = el.remove_attribute("aria-hidden");
            let _ = el.class_list().remove_1("pre-js");
            for b in all(&el, "[tabindex='-1']") {
                let _ = b.remove_attribute("tabindex");
            }
        }
        if let Some(bar) = find(&self.pre, ".filterbar") {
            bar.set_inner_html(&first_view::filter_bar_html(wide_screen()));
        }
        if let Some(panel) = find(&self.pre, "aside.pre-filters") {
            panel.set_id("pre-filters-panel");
            let _ = panel.class_list().remove_1("pre-filters");
            let _ = panel.set_attribute("aria-labelledby", "filters-title");
            panel.set_inner_html(&filter_panel::panel_html(&self.ds, &self.index));
            let _ = panel.toggle_attribute_with_force("hidden", !wide_screen());
        }
        if let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") {
            if let Ok(tip) = self
                .pre
                .owner_document()
                .map_or(Err(()), |d| d.create_element("div").map_err(|_| ()))
            {
                tip.set_class_name("tip");
                let _ = tip.set_attribute("role", "tooltip");
                let _ = tip.set_attribute("hidden", "");
                let _ = scroll.prepend_with_node_1(&tip);
            }
        }
        if let Some(charts) = find(&self.pre, "section.charts h2") {
            let note = "<p class=\"stale-note\">The charts for these filters are drawn when you scroll to them.</p>";
            let _ = charts.insert_adjacent_html("afterend", note);
        }
        if let Some(q) = self.search_box() {
            q.set_value(&self.view.filter.q);
        }
        self.show();
        // The view is the URL's: show it (the guard hid the default rows for any query).
        let _ = self.pre.class_list().add_1("live");
        if let Some(root) = self.pre.owner_document().and_then(|d| d.document_element()) {
            let _ = root.class_list().remove_1("pre-other");
        }
    }

    pub fn search_box(&self) -> Option<HtmlInputElement> {
        find(&self.pre, "#pre-q")?.dyn_into().ok()
    }

    /// Writes everything that depends on the view state.
    pub fn show(&mut self) {
        let frame = first_view::frame(&self.ds, &self.index, &self.view, self.page);
        self.page = frame.page;
        let pre = &self.pre;
        if let Some(body) = find(pre, "section.matrix tbody") {
            body.set_inner_html(&frame.rows_html);
        }
        if let Some(count) = find(pre, "section.matrix .count") {
            count.set_text_content(Some(&frame.count));
        }
        if let Some(caption) = find(pre, "section.matrix caption") {
            caption.set_text_content(Some(&frame.caption));
        }
        if let Some(table) = find(pre, "section.matrix table") {
            let _ = table.set_attribute("aria-rowcount", &frame.row_count.to_string());
        }
        self.show_totals(&frame);
        self.show_order(&frame);
        self.show_chips(&frame);
        self.show_pager(&frame);
        self.show_empty(&frame);
        self.sync_panel();
        // The prerendered chart is the default view's: any other filter waits for the app.
        if let Some(charts) = find(pre, "section.charts") {
            let _ = charts
                .class_list()
                .toggle_with_force("stale", !first_view::chart_is_default(&self.view.filter));
        }
        self.chips = frame.chips;
    }

    fn show_totals(&self, frame: &Frame) {
        let rows = all(&self.pre, "section.matrix tfoot tr");
        let (n, tail) = (frame.row_count - 3, rows.len());
        for (i, row) in rows.iter().enumerate() {
            let _ = row.set_attribute("aria-rowindex", &(n + 2 + i).to_string());
            if i == 0 && tail > 0 {
                // The first two cells are population and total, left empty.
                for (cell, total) in all(row, "td").iter().skip(2).zip(&frame.totals) {
                    cell.set_text_content(Some(&total.to_string()));
                }
            }
        }
    }

    fn show_order(&self, frame: &Frame) {
        let (sorted, how) = (&frame.sorted.0, frame.sorted.1);
        for button in all(&self.pre, "section.matrix thead button.sort") {
            let id = button.get_attribute("data-sort").unwrap_or_default();
            let on = &id == sorted;
            if let Ok(Some(th)) = button.closest("th") {
                let _ = if on {
                    th.set_attribute("aria-sort", how)
                } else {
                    th.remove_attribute("aria-sort")
                };
            }
            let arrow = match (on, how) {
                (false, _) => "↕",
                (true, "ascending") => "▲",
                (true, _) => "▼",
            };
            if let Some(a) = find(&button, ".arrow") {
                a.set_text_content(Some(arrow));
            }
        }
    }

    fn show_chips(&self, frame: &Frame) {
        if let Some(list) = find(&self.pre, ".filterbar ul.chips") {
            list.set_inner_html(&frame.chips_html);
            let _ = list.toggle_attribute_with_force("hidden", frame.chips.is_empty());
        }
        if let Some(toggle) = find(&self.pre, ".filterbar .filters-toggle") {
            toggle.set_text_content(Some(&format!("Filters ({})", frame.chips.len())));
        }
    }

    fn show_pager(&self, frame: &Frame) {
        let old = find(&self.pre, "section.matrix nav.pager");
        if frame.pages <= 1 {
            if let Some(old) = old {
                old.remove();
            }
            return;
        }
        let html = format!(
            "<button type=\"button\" data-page=\"prev\"{}>Previous</button><span>{}</span>\
             <button type=\"button\" data-page=\"next\"{}>Next</button>",
            if frame.page == 0 { " disabled" } else { "" },
            first_view::pager_text(frame.page, frame.pages),
            if frame.page + 1 >= frame.pages {
                " disabled"
            } else {
                ""
            },
        );
        if let Some(old) = old {
            old.set_inner_html(&html);
        } else if let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") {
            let nav = format!("<nav class=\"pager\" aria-label=\"Pages of places\">{html}</nav>");
            let _ = scroll.insert_adjacent_html("afterend", &nav);
        }
    }

    fn show_empty(&self, frame: &Frame) {
        let old = find(&self.pre, "section.matrix .empty");
        let empty = frame.row_count == 3;
        match (old, empty) {
            (Some(old), false) => old.remove(),
            (None, true) => {
                let text = if self.ds.jurisdictions.is_empty() {
                    "This dataset has no places, so the table is empty.</p>"
                } else {
                    "No place matches these filters.</p><button type=\"button\" data-action=\"clear\">Clear all filters</button>"
                };
                if let Some(scroll) = find(&self.pre, "section.matrix .table-scroll") {
                    let html =
                        format!("<div class=\"empty\" data-testid=\"empty\"><p>{text}</div>");
                    let _ = scroll.insert_adjacent_html("beforebegin", &html);
                }
            }
            _ => {}
        }
    }

    /// Every control of the panel shows the filter (after a chip, Clear, Back or Forward).
    fn sync_panel(&self) {
        if let Some(panel) = find(&self.pre, "#pre-filters-panel") {
            tactics_dom::show_filter(&panel, &self.view.filter);
        }
    }

    /// The URL says the view: a deliberate change adds a history entry, typing replaces it.
    pub fn write_url(&self, push: bool) {
        let Some(win) = web_sys::window() else { return };
        let (Ok(history), Ok(path)) = (win.history(), win.location().pathname()) else {
            return;
        };
        let query = url_state::to_query(&self.view);
        let url = if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        };
        let null = wasm_bindgen::JsValue::NULL;
        let _ = if push {
            history.push_state_with_url(&null, "", Some(&url))
        } else {
            history.replace_state_with_url(&null, "", Some(&url))
        };
    }

    /// The panel's toggle, where focus goes when the control it was on is gone.
    pub fn toggle(&self) -> Option<HtmlElement> {
        find(&self.pre, ".filterbar .filters-toggle")?
            .dyn_into()
            .ok()
    }
}

/// Wide screens show the panel beside the table at first (as the app does); phones start
/// with it closed, so the data comes first.
pub fn wide_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(min-width: 1000px)").ok().flatten())
        .is_some_and(|m| m.matches())
}
