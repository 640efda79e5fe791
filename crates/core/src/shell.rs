//! The fixed markup around the matrix's rows that every runtime writes: the pager, the note of
//! an empty table and the hotline's line. One home for the build's prerender
//! (`crates/cli`), the first view (`crates/first-view`) and the app (`src/ui`).

/// The national hotline in one short line, on every view (embed included): help should not
/// depend on finding and pressing a button.
pub const HOTLINE_LINE: &str = "<p class=\"hotline-line\" data-testid=\"hotline\">\
    <span class=\"hotline-name\">Trafficking hotline: </span>\
    <a href=\"tel:+18883737888\">1-888-373-7888</a> · text <a href=\"sms:233733\">233733</a></p>";

/// "Page 2 of 5".
pub fn pager_text(page: usize, pages: usize) -> String {
    format!("Page {} of {pages}", page + 1)
}

/// The pager under the table (`page` 0-based, `pages` at least 2; there is none for one page).
/// Its buttons carry `data-page` (`prev`, `next`) for one delegated listener. `live` is false
/// for the build's page, where it is a placeholder until the first view's module runs (no
/// JavaScript: one page of rows and a list of them all, so no control that does nothing).
pub fn pager_html(page: usize, pages: usize, live: bool) -> String {
    let (class, hidden, off) = if live {
        ("pager", "", "")
    } else {
        ("pager pre-js", " aria-hidden=\"true\"", " tabindex=\"-1\"")
    };
    let disabled = |yes: bool| if yes { " disabled" } else { "" };
    format!(
        "<nav class=\"{class}\"{hidden} aria-label=\"Pages of places\">\
         <button type=\"button\"{off} data-page=\"prev\"{}>Previous</button>\
         <span>{}</span>\
         <button type=\"button\"{off} data-page=\"next\"{}>Next</button></nav>",
        disabled(page == 0),
        pager_text(page, pages),
        disabled(page + 1 >= pages),
    )
}

/// Why the table is empty: a dataset without places is not a filter that matched nothing (which
/// offers to clear the filters, `data-action="clear"`).
pub fn empty_note_html(no_places: bool) -> &'static str {
    if no_places {
        "<div class=\"empty\" data-testid=\"empty\"><p>This dataset has no places, so the table \
         is empty.</p></div>"
    } else {
        "<div class=\"empty\" data-testid=\"empty\"><p>No place matches these filters.</p>\
         <button type=\"button\" data-action=\"clear\">Clear all filters</button></div>"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_disables_what_leads_nowhere() {
        let first = pager_html(0, 3, true);
        assert!(first.contains("data-page=\"prev\" disabled"));
        assert!(first.contains("data-page=\"next\">"));
        assert!(first.contains("Page 1 of 3"));
        let last = pager_html(2, 3, true);
        assert!(last.contains("data-page=\"next\" disabled"));
        assert!(!last.contains("data-page=\"prev\" disabled"));
    }

    #[test]
    fn the_builds_pager_is_a_placeholder_out_of_the_tab_order() {
        let pre = pager_html(0, 2, false);
        assert!(pre.contains("pre-js") && pre.contains("aria-hidden=\"true\""));
        assert_eq!(pre.matches("tabindex=\"-1\"").count(), 2);
        assert!(!pager_html(0, 2, true).contains("tabindex"));
    }

    #[test]
    fn only_a_filtered_empty_table_offers_to_clear() {
        assert!(empty_note_html(false).contains("data-action=\"clear\""));
        assert!(!empty_note_html(true).contains("button"));
    }
}
