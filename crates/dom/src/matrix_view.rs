//! The matrix section kept showing a [`Frame`] (core's `first_view::frame`: the rows of a page,
//! the count, the caption, the totals, the sort and the pager of a view). One implementation
//! for the first view (`crates/first-view`) and the app (`src/ui/matrix.rs`): each computes the
//! frame of its view and hands it here. Only what changed since the last frame is written, as
//! writing an unchanged text or attribute makes the browser lay the table out again (measured:
//! a tactic click's style and layout work).

use crate::matrix_parts::{show_empty, show_order, show_pager};
use crate::{all, find, Rows};
use tactics_core::markup::rows;
use tactics_core::query::first_view::Frame;
use web_sys::Element;

/// The section (`section.matrix`, as core's shell writes it) and what was shown last.
pub struct MatrixView {
    section: Element,
    table: Option<Element>,
    count: Option<Element>,
    /// The caption's first span: the second is its note for screen readers.
    caption: Option<Element>,
    /// The footer's rows, and the first one's cells (the totals).
    foot_rows: Vec<Element>,
    foot_cells: Vec<Element>,
    /// Whether the dataset has no places at all (the empty table's note then says so).
    no_places: bool,
    rows: Rows,
    last: Option<Frame>,
}

impl MatrixView {
    /// Takes over `section`; `None` without a table body to keep up to date.
    pub fn new(section: Element, no_places: bool) -> Option<MatrixView> {
        let find = |s: &str| find(&section, s);
        let tbody = find("table tbody")?;
        let foot_rows = all(&section, "tfoot tr");
        let foot_cells = foot_rows
            .first()
            .map(|first| all(first, "td"))
            .unwrap_or_default();
        Some(MatrixView {
            table: find("table"),
            count: find(".count"),
            caption: find("caption > span"),
            foot_rows,
            foot_cells,
            no_places,
            rows: Rows::new(tbody),
            last: None,
            section,
        })
    }

    /// The frame shown last (its chips are what a chip's click reads back).
    pub fn last(&self) -> Option<&Frame> {
        self.last.as_ref()
    }

    /// Shows `frame`, writing only what differs from the last one.
    pub fn show(&mut self, frame: Frame) {
        let was = self.last.take();
        let same = |eq: &dyn Fn(&Frame) -> bool| was.as_ref().is_some_and(eq);
        if !same(&|w| w.rows == frame.rows) {
            self.rows.show(&frame.rows);
        }
        let text = |el: &Option<Element>, words: &str| {
            if let Some(el) = el {
                el.set_text_content(Some(words));
            }
        };
        if !same(&|w| w.count == frame.count) {
            text(&self.count, &frame.count);
        }
        if !same(&|w| w.caption == frame.caption) {
            text(&self.caption, &frame.caption);
        }
        if !same(&|w| w.row_count == frame.row_count) {
            if let Some(table) = &self.table {
                let _ = table.set_attribute("aria-rowcount", &frame.row_count.to_string());
            }
            show_empty(&self.section, frame.shown() == 0, self.no_places);
        }
        if !same(&|w| w.totals == frame.totals && w.row_count == frame.row_count) {
            self.show_totals(&frame, was.as_ref());
        }
        if !same(&|w| w.sorted == frame.sorted) {
            show_order(&self.section, frame.sorted.0.id(), frame.sorted.1);
        }
        if !same(&|w| (w.page, w.pages) == (frame.page, frame.pages)) {
            show_pager(&self.section, frame.page, frame.pages);
        }
        self.last = Some(frame);
    }

    fn show_totals(&self, frame: &Frame, was: Option<&Frame>) {
        let first = rows::totals_rowindex(frame.shown());
        for (i, row) in self.foot_rows.iter().enumerate() {
            let _ = row.set_attribute("aria-rowindex", &(first + i).to_string());
        }
        // The first two cells are population and total, left empty.
        for (t, cell) in self.foot_cells.iter().skip(2).enumerate() {
            let (Some(now), before) = (frame.totals.get(t), was.and_then(|w| w.totals.get(t)))
            else {
                continue;
            };
            if before != Some(now) {
                cell.set_text_content(Some(&now.to_string()));
            }
        }
    }
}
