//! The matrix body HTML: every place and cell is there, and text from the data stays text.
#![cfg(not(target_arch = "wasm32"))]

use tactics_explorer::dataset::TACTICS;
use tactics_explorer::dataset::{CellState, Dataset, Index};
use tactics_explorer::filter::{self, Dir, Filter, SortKey};
use tactics_explorer::rows::{cell_text, page_html, parse_cell_ref, short_label, Page};
use tactics_explorer::validate::check;

fn load(text: &str) -> (Dataset, Index) {
    let c = check(text, 2027);
    let ds = c.dataset.expect("dataset");
    let index = ds.index();
    (ds, index)
}

fn html(ds: &Dataset, index: &Index, f: &Filter) -> String {
    let rows: Vec<(usize, usize)> = filter::visible(index, f, &SortKey::Name, Dir::Asc)
        .into_iter()
        .enumerate()
        .collect();
    page_html(
        ds,
        index,
        &Page {
            rows: &rows,
            filter: f,
        },
    )
}

#[test]
fn one_row_per_place_with_a_cell_per_tactic() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let out = html(&ds, &index, &Filter::default());
    assert_eq!(out.matches("<tr ").count(), 3);
    assert_eq!(
        out.matches("<td class=\"cell ").count(),
        3 * ds.tactics.len()
    );
    // Rows are numbered after the header row.
    assert!(
        out.starts_with("<tr aria-rowindex=\"2\" data-place=\"alpha-mt\">"),
        "{out}"
    );
    assert!(out.contains("aria-rowindex=\"4\" data-place=\"gamma-county-mt\""));
    // Alpha: two tactics used, one searched and not found; the rest not researched.
    let alpha = &out[..out.find("</tr>").expect("row end")];
    assert_eq!(alpha.matches("cell-used").count(), 2);
    assert_eq!(alpha.matches("cell-notfound").count(), 1);
    assert_eq!(alpha.matches("cell-unknown").count(), ds.tactics.len() - 3);
    assert!(
        alpha.contains("<td class=\"num total\" tabindex=\"-1\">2</td>"),
        "{alpha}"
    );
    assert!(alpha.contains(">74,822</td>"), "{alpha}");
    // The words for assistive technology: a used or searched cell's button is named by them; a
    // "not researched" cell has no child and is named by its own aria-label.
    assert!(
        alpha.contains(
            "aria-haspopup=\"dialog\" aria-label=\"Used 2016–2024; documented by a primary source\" data-cell="
        ),
        "{alpha}"
    );
    assert!(
        alpha.contains("aria-label=\"Not found (searched 2026-11-01)\""),
        "{alpha}"
    );
    assert_eq!(
        alpha
            .matches(
                "<td class=\"cell cell-unknown\" tabindex=\"-1\" aria-label=\"Not researched\"></td>"
            )
            .count(),
        ds.tactics.len() - 3
    );
    // No element of its own for the words, in any cell: a row's elements are its layout cost.
    assert!(!out.contains("class=\"sr\""), "{out}");
    assert_eq!(
        alpha.matches("<button").count(),
        1 + 3,
        "the place and its three researched cells"
    );
}

#[test]
fn a_not_researched_cell_is_named_with_the_apps_words_and_drawn_by_the_stylesheet() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let (_, words) = cell_text(&ds, &index, CellState::NotResearched, &Filter::default());
    let out = html(&ds, &index, &Filter::default());
    let named =
        format!("<td class=\"cell cell-unknown\" tabindex=\"-1\" aria-label=\"{words}\"></td>");
    assert!(out.contains(&named), "{out}");
    // Its dot is a background image (no generated box), and a glyph under forced colours,
    // which drop background images; no alternative text there, the aria-label has the words.
    let css = include_str!("../public/app.css");
    for rule in [
        "td.cell-unknown {\n  background-image: radial-gradient(",
        "@media (forced-colors: active) {\n  td.cell-unknown::before { content: \"·\"; content: \"·\" / \"\"; }",
    ] {
        assert!(css.contains(rule), "public/app.css lacks: {rule}");
    }
    assert!(
        !css.contains("td.cell-unknown::before { display"),
        "a box for every unknown cell"
    );
}

#[test]
fn a_cell_shows_whether_a_primary_source_or_only_a_compilation_documents_it() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let out = html(&ds, &index, &Filter::default());
    // Alpha's john school cites src-a (primary); its web stings cite src-a and src-b: primary.
    // A use citing only src-b (a compilation) is drawn apart, with its own words.
    assert!(out.contains("cell cell-used"), "{out}");
    assert!(out.contains("documented by a primary source"), "{out}");
    let mut ds2 = ds.clone();
    let web = ds2
        .uses
        .iter_mut()
        .find(|u| u.place == "alpha-mt" && u.tactic == "web-stings")
        .expect("alpha's web stings");
    web.sources = vec!["src-b".into()];
    let index2 = ds2.index();
    let out = html(&ds2, &index2, &Filter::default());
    assert!(out.contains("cell cell-compiled"), "{out}");
    assert!(out.contains("documented by a compilation only"), "{out}");
    assert!(
        out.contains("data-tip=\"Year unknown · documented by 1 compilation\""),
        "the tooltip counts the sources by kind: {out}"
    );
    // The stylesheet draws it with another shape, and the legend explains both.
    let css = include_str!("../public/app.css");
    assert!(css.contains("td.cell-compiled .cell-btn::before { content: \"◆\""));
    for words in [
        "Used, primary source",
        "Used, compilation only",
        "not researched",
        "A primary source is",
    ] {
        assert!(
            tactics_explorer::rows::LEGEND_HTML.contains(words),
            "{words}"
        );
    }
}

#[test]
fn a_year_range_marks_uses_outside_it() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let f = Filter {
        from: Some(2000),
        to: Some(2001),
        include_undated: false,
        ..Filter::default()
    };
    let out = html(&ds, &index, &f);
    assert!(out.contains("cell-outside"), "{out}");
    assert!(out.contains("outside the selected years"));
    assert!(!out.contains("cell-used"));
    assert!(out.contains("<td class=\"num total\" tabindex=\"-1\">0</td>"));
}

#[test]
fn markup_in_the_data_is_escaped_everywhere() {
    let hostile = "<img src=x onerror=alert(1)>\"'&";
    let text = include_str!("fixtures/small.json")
        .replace("\"Alpha\"", &format!("{:?}", format!("Alpha{hostile}")))
        .replace("Alpha Police Department", "x")
        .replace("\"A test city.\"", "\"x\"");
    let (ds, index) = load(&text);
    assert!(ds.jurisdictions[0].name.contains("<img"));
    let out = html(&ds, &index, &Filter::default());
    assert!(!out.contains("<img"), "{out}");
    assert!(out.contains("Alpha&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</span></button>"));
    // The name is also the tooltip, escaped inside its quoted attribute.
    assert!(out.contains("title=\"Alpha&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;\""));
    // Tooltips carry source titles: also escaped, inside a quoted attribute.
    assert!(!out.contains("data-tip=\"\""));
    for attr in out.split("data-tip=\"").skip(1) {
        let value = &attr[..attr.find('"').expect("closing quote")];
        assert!(!value.contains('<') && !value.contains('>'), "{value}");
    }
}

#[test]
fn cell_references_round_trip_and_reject_junk() {
    assert_eq!(parse_cell_ref("12:3"), Some((12, 3)));
    for junk in ["", "1", "a:b", "1:", ":2", "-1:2", "1:2:3"] {
        assert_eq!(parse_cell_ref(junk), None, "{junk}");
    }
}

#[test]
fn a_not_found_tooltip_names_what_was_searched() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let place = index.place_pos["alpha-mt"];
    let tactic = index.tactic_pos["auto-seizure"];
    let tip = tactics_explorer::rows::tooltip(&ds, &index, place, tactic);
    assert_eq!(tip, "Searched 2026-11-01 · Sample news archive");
}

#[test]
fn short_labels_are_short_distinct_pieces_of_the_full_names() {
    let labels: Vec<String> = TACTICS
        .iter()
        .map(|(id, name)| short_label(id, name))
        .collect();
    for ((_, name), label) in TACTICS.iter().zip(&labels) {
        assert!((1..=6).contains(&label.chars().count()), "{label}");
        // The visible label is part of the accessible name (WCAG 2.5.3).
        assert!(
            name.to_lowercase().contains(&label.to_lowercase()),
            "{label} in {name}"
        );
    }
    let mut unique = labels.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), labels.len(), "{labels:?}");
    // A tactic the table does not know gets the start of its name.
    assert_eq!(short_label("other", "Something Else"), "Someth");
}

/// The matrix is one tab stop (the ARIA grid pattern, `tactics_dom::grid`): every cell of the
/// body is focusable from script, and only the page's first place is in the tab order.
#[test]
fn the_body_is_one_tab_stop_with_every_cell_focusable() {
    let (ds, index) = load(include_str!("fixtures/small.json"));
    let out = html(&ds, &index, &Filter::default());
    let rows: Vec<&str> = out.split("</tr>").filter(|r| !r.is_empty()).collect();
    assert_eq!(rows.len(), 3, "{out}");
    assert_eq!(out.matches("tabindex=\"0\"").count(), 1, "{out}");
    assert!(rows[0].contains("class=\"place\" id=\"row-alpha-mt\" data-place=\"alpha-mt\" aria-expanded=\"false\" tabindex=\"0\""), "{}", rows[0]);
    for row in &rows {
        // The place, population, total and one per tactic: each cell has exactly one element
        // with a tabindex (its button, or the cell itself).
        assert_eq!(
            row.matches("tabindex=").count(),
            3 + ds.tactics.len(),
            "{row}"
        );
        assert_eq!(
            row.matches("<button").count(),
            row.matches("<button type=\"button\" class=\"").count()
        );
        for button in row.split("<button").skip(1) {
            assert!(
                button.contains("tabindex="),
                "every button is roved: {button}"
            );
        }
    }
}
