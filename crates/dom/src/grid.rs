//! The matrix as one tab stop: the ARIA grid pattern with a roving tabindex, for the first
//! view and the app alike (each calls these from its own listeners on the table).
//!
//! The grid is the header row and the body. The markup (`tactics_core::markup::rows` and `shell`) makes
//! every cell focusable from script (`tabindex="-1"`; a cell with a button, such as a column's
//! sort button, through its button) and puts the first row's place in the tab order. The arrow
//! keys move focus cell by cell, Home and End to the row's ends, Ctrl+Home and Ctrl+End to the
//! grid's; the cell moved to becomes the one tab stop. Enter and Space are the buttons' own (a
//! column header sorts, a place opens its profile, a cell its sources).

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};

/// Where a key moves from cell (`row`, `col`) of a body of `rows` rows of `cols` cells, or
/// `None` for a key the grid does not use. At an edge the cell stays where it is.
pub fn step(
    key: &str,
    ctrl: bool,
    (row, col): (usize, usize),
    (rows, cols): (usize, usize),
) -> Option<(usize, usize)> {
    if rows == 0 || cols == 0 {
        return None;
    }
    let (last_row, last_col) = (rows - 1, cols - 1);
    let to = match (key, ctrl) {
        ("ArrowUp", false) => (row.saturating_sub(1), col),
        ("ArrowDown", false) => (row + 1, col),
        ("ArrowLeft", false) => (row, col.saturating_sub(1)),
        ("ArrowRight", false) => (row, col + 1),
        ("Home", false) => (row, 0),
        ("End", false) => (row, last_col),
        ("Home", true) => (0, 0),
        ("End", true) => (last_row, last_col),
        _ => return None,
    };
    Some((to.0.min(last_row), to.1.min(last_col)))
}

/// Answers a key pressed in the grid; `true` when it moved (or held) the focus, and the key's
/// default (scrolling) was prevented.
pub fn key(ev: &KeyboardEvent) -> bool {
    if ev.alt_key() || ev.meta_key() || ev.shift_key() {
        return false;
    }
    let Some(cell) = ev
        .target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .and_then(|t| cell_of(&t))
    else {
        return false;
    };
    let Some((row, table)) = cell
        .parent_element()
        .and_then(|r| Some((r.clone(), r.closest("table").ok()??)))
    else {
        return false;
    };
    let rows = grid_rows(&table);
    let cells = row.children();
    let (Some(r), Some(c)) = (
        rows.iter().position(|x| x.is_same_node(Some(&row))),
        position(&cells, &cell),
    ) else {
        return false;
    };
    let Some((r, c)) = step(
        &ev.key(),
        ev.ctrl_key(),
        (r, c),
        (rows.len(), cells.length() as usize),
    ) else {
        return false;
    };
    ev.prevent_default();
    let next = rows
        .get(r)
        .and_then(|row| row.children().item(c as u32))
        .and_then(|cell| item(&cell));
    if let Some(next) = next {
        make_stop(&table, &next);
        let _ = next.focus();
    }
    true
}

/// A cell of the grid got focus (a click, a key, the app restoring focus): it is the tab stop.
pub fn focused(target: &Element) {
    let Some(cell) = cell_of(target) else { return };
    if let (Some(item), Some(table)) = (item(&cell), cell.closest("table").ok().flatten()) {
        if item.is_same_node(Some(target)) {
            make_stop(&table, &item);
        }
    }
}

/// After the rows of `tbody` were written again (a filter, a sort, a page): exactly one tab
/// stop stays, the focused cell if focus is in the grid, else the first row's first cell.
pub fn settle(tbody: &Element) {
    if !tbody.matches("table[role=grid] > tbody").unwrap_or(false) {
        return;
    }
    let Some(table) = tbody.parent_element() else {
        return;
    };
    let active = tbody
        .owner_document()
        .and_then(|d| d.active_element())
        .filter(|a| table.contains(Some(a)))
        .and_then(|a| {
            cell_of(&a)
                .and_then(|c| item(&c))
                .filter(|i| i.is_same_node(Some(&a)))
        });
    let first = || {
        tbody
            .query_selector("tr > :first-child")
            .ok()
            .flatten()
            .and_then(|c| item(&c))
    };
    if let Some(stop) = active.or_else(first) {
        make_stop(&table, &stop);
    }
}

/// The grid cell (`th` or `td` of a grid's header or body) that `el` is or is in.
fn cell_of(el: &Element) -> Option<Element> {
    let cell = el.closest("td, th").ok()??;
    cell.closest("table[role=grid] > tbody, table[role=grid] > thead")
        .ok()??;
    Some(cell)
}

/// The grid's rows: the header's, then the body's (the foot's totals are not cells to visit).
fn grid_rows(table: &Element) -> Vec<Element> {
    crate::all(table, ":scope > thead > tr, :scope > tbody > tr")
}

/// What takes focus for a cell: its button, or the cell itself.
fn item(cell: &Element) -> Option<HtmlElement> {
    let el = match cell.query_selector("button").ok().flatten() {
        Some(button) => button,
        None => cell.clone(),
    };
    el.dyn_into().ok()
}

/// Makes `stop` the grid's one element in the tab order.
fn make_stop(table: &Element, stop: &HtmlElement) {
    for el in crate::all(
        table,
        ":scope > thead [tabindex='0'], :scope > tbody [tabindex='0']",
    ) {
        if !el.is_same_node(Some(stop)) {
            let _ = el.set_attribute("tabindex", "-1");
        }
    }
    if stop.get_attribute("tabindex").as_deref() != Some("0") {
        let _ = stop.set_attribute("tabindex", "0");
    }
}

fn position(list: &web_sys::HtmlCollection, el: &Element) -> Option<usize> {
    (0..list.length()).position(|i| list.item(i).is_some_and(|x| x.is_same_node(Some(el))))
}

#[cfg(test)]
mod tests {
    use super::step;

    #[test]
    fn arrows_move_one_cell_and_stop_at_the_edges() {
        let size = (3, 18);
        assert_eq!(step("ArrowRight", false, (1, 4), size), Some((1, 5)));
        assert_eq!(step("ArrowLeft", false, (1, 4), size), Some((1, 3)));
        assert_eq!(step("ArrowDown", false, (1, 4), size), Some((2, 4)));
        assert_eq!(step("ArrowUp", false, (1, 4), size), Some((0, 4)));
        assert_eq!(step("ArrowUp", false, (0, 4), size), Some((0, 4)));
        assert_eq!(step("ArrowDown", false, (2, 4), size), Some((2, 4)));
        assert_eq!(step("ArrowLeft", false, (2, 0), size), Some((2, 0)));
        assert_eq!(step("ArrowRight", false, (2, 17), size), Some((2, 17)));
    }

    #[test]
    fn home_and_end_go_to_the_row_or_with_ctrl_the_table() {
        let size = (3, 18);
        assert_eq!(step("Home", false, (1, 4), size), Some((1, 0)));
        assert_eq!(step("End", false, (1, 4), size), Some((1, 17)));
        assert_eq!(step("Home", true, (1, 4), size), Some((0, 0)));
        assert_eq!(step("End", true, (1, 4), size), Some((2, 17)));
    }

    #[test]
    fn other_keys_and_an_empty_body_are_not_the_grids() {
        assert_eq!(step("Enter", false, (0, 0), (3, 18)), None);
        assert_eq!(step("a", false, (0, 0), (3, 18)), None);
        assert_eq!(step("ArrowUp", true, (0, 0), (3, 18)), None);
        assert_eq!(step("ArrowDown", false, (0, 0), (0, 18)), None);
    }
}
