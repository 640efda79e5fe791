//! The build-time first view: the same rows as the app's default view, data always as text,
//! and a page left alone when the dataset does not validate.

use std::path::Path;
use tactics_cli::prerender::{build, insert, prerender, remove, view_html, END, START};
use tactics_core::markup::rows::{self, Page, PAGE_SIZE};
use tactics_core::model::validate::check;
use tactics_core::query::filter;
use tactics_core::query::url_state::ViewState;

const PAGE: &str = "<!doctype html><html><head></head><body><noscript>x</noscript><div id=\"pre\" class=\"pre\"></div></body></html>";
const YEAR: i32 = 2100;

fn bundled() -> String {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/dataset.json");
    std::fs::read_to_string(file).unwrap_or_else(|e| panic!("the bundled dataset: {e}"))
}

/// The text between the first `open` and the next `close` after it.
fn between<'a>(s: &'a str, open: &str, close: &str) -> &'a str {
    let start = s
        .find(open)
        .map(|i| i + open.len())
        .unwrap_or_else(|| panic!("no {open}"));
    let len = s[start..]
        .find(close)
        .unwrap_or_else(|| panic!("no {close}"));
    &s[start..start + len]
}

#[test]
fn rows_are_the_apps_first_page_of_the_default_view() {
    let text = bundled();
    let ds = check(&text, YEAR)
        .dataset
        .expect("the bundled dataset validates");
    let index = ds.index();
    let view = ViewState::default();
    let visible = filter::visible(&index, &view.filter, &view.sort, view.dir);
    let page: Vec<(usize, usize)> = visible
        .iter()
        .copied()
        .enumerate()
        .take(PAGE_SIZE)
        .collect();
    let expected = rows::page_html(
        &ds,
        &index,
        &Page {
            rows: &page,
            filter: &view.filter,
        },
    );
    let html = prerender(&text, PAGE, YEAR).expect("a first view");
    assert_eq!(between(&html, "<tbody>", "</tbody>"), expected);
    assert!(!expected.is_empty());
    let count = format!("{} of {} places", visible.len(), ds.jurisdictions.len());
    assert!(html.contains(&count), "the count: {count}");
    let totals = filter::column_totals(&ds, &index, &view.filter, &visible);
    let foot = between(&html, "<tfoot>", "</tr>");
    let cells: Vec<String> = totals
        .iter()
        .map(|n| format!("<td class=\"num\">{n}</td>"))
        .collect();
    assert!(
        foot.ends_with(&cells.concat()),
        "totals in the foot: {foot}"
    );
    assert!(html.contains("Sorted by place name, ascending."));
}

#[test]
fn the_view_has_the_hotline_chart_sources_and_credit() {
    let html = prerender(&bundled(), PAGE, YEAR).expect("a first view");
    assert!(html.contains("href=\"tel:+18883737888\""));
    assert!(html.contains("class=\"quick-exit\" data-testid=\"quick-exit\" href=\"https://"));
    assert!(html.contains("<svg"), "the headline chart is drawn");
    assert!(
        html.contains("class=\"chart-desc\""),
        "with its description"
    );
    assert!(html.contains("data-testid=\"pre-sources\""));
    assert!(html.contains("Cite as: "));
    // In place of the empty page element.
    assert!(!html.contains("<div id=\"pre\" class=\"pre\"></div>"));
    assert!(html.contains(&format!(
        "{START}<div id=\"pre\" class=\"pre\" data-first-view="
    )));
    assert!(html.starts_with("<!doctype html><html><head></head><body><noscript>x</noscript>"));
    assert!(html.ends_with(&format!("{END}</body></html>")));
}

#[test]
fn hostile_text_in_the_data_stays_text() {
    let mut v: serde_json::Value = serde_json::from_str(&bundled()).expect("JSON");
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
    v["meta"]["title"] = evil.into();
    v["meta"]["citation"] = evil.into();
    v["jurisdictions"][0]["name"] = evil.into();
    v["sources"][0]["title"] = evil.into();
    let text = serde_json::to_string(&v).expect("JSON");
    assert!(
        check(&text, YEAR).dataset.is_some(),
        "still a valid dataset"
    );
    let html = prerender(&text, PAGE, YEAR).expect("a first view");
    assert!(
        !html.contains("<script>"),
        "no script element from the data"
    );
    assert!(!html.contains("<img"), "no element from the data");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!html.contains("href=\"javascript:"));
}

#[test]
fn a_dataset_with_errors_leaves_the_page_and_says_why() {
    let err = prerender("{\"meta\": 1}", PAGE, YEAR).expect_err("no first view");
    assert!(err.contains("the dataset has"), "{err}");
    assert!(err.contains("line"), "with where: {err}");
    let err = prerender("", PAGE, YEAR).expect_err("no first view");
    assert!(err.contains("problems, the first"), "{err}");
}

#[test]
fn a_page_without_the_page_element_is_refused() {
    let err = prerender(&bundled(), "<html><body></body></html>", YEAR).expect_err("refused");
    assert!(err.contains("id=\"pre\""), "{err}");
}

#[test]
fn a_second_run_replaces_the_first() {
    let once = prerender(&bundled(), PAGE, YEAR).expect("a first view");
    let twice = prerender(&bundled(), &once, YEAR).expect("a first view");
    assert_eq!(once, twice);
    assert_eq!(twice.matches(START).count(), 1);
    assert_eq!(
        insert("<div class=pre id=pre></div>", "x").as_deref(),
        Ok(format!("{START}x{END}").as_str())
    );
    let ds = check(&bundled(), YEAR).dataset.expect("valid");
    let built = build(&bundled(), PAGE, YEAR).expect("a first view");
    assert!(once.contains(&view_html(&ds, &ds.index(), &built.data_path)));
}

#[test]
fn the_first_view_data_is_the_matrix_part_named_by_its_content() {
    let built = build(&bundled(), PAGE, YEAR).expect("a first view");
    assert!(built
        .page
        .contains(&format!("data-first-view=\"{}\"", built.data_path)));
    assert!(built.data_path.starts_with("data/first-view-") && built.data_path.ends_with(".json"));
    // The same rows as the whole dataset for any filter, read on the first view's path
    // (typed, without the checks: this file is written from a checked dataset).
    let whole = check(&bundled(), YEAR).dataset.expect("valid");
    let (part, years) =
        tactics_core::query::first_view::read_part_file(&built.data_json).expect("typed");
    assert_eq!(Some(years), whole_years());
    assert!(part.series.is_empty() && part.events.is_empty());
    assert!(
        built.data_json.len() < bundled().len() * 3 / 4,
        "a smaller file"
    );
    for q in [
        "",
        "tactics=john-school",
        "q=county&sort=total&dir=desc",
        "from=2019&to=2021",
    ] {
        let view = tactics_core::query::url_state::parse(q).0;
        let a = tactics_core::query::first_view::frame(&whole, &whole.index(), &view, 0);
        let b = tactics_core::query::first_view::frame(&part, &part.index(), &view, 0);
        assert_eq!(a, b, "{q}");
    }
    // Another dataset (a place's name, which the part holds), another name.
    let mut doc: serde_json::Value = serde_json::from_str(&bundled()).expect("json");
    doc["jurisdictions"][0]["name"] = "Another name".into();
    let other = serde_json::to_string(&doc).expect("json");
    let again = build(&other, PAGE, YEAR).expect("a first view");
    assert_ne!(again.data_path, built.data_path);
}

fn whole_years() -> Option<(i32, i32)> {
    check(&bundled(), YEAR)
        .dataset
        .and_then(|ds| ds.year_bounds())
}

#[test]
fn a_first_view_can_be_removed_again() {
    let once = prerender(&bundled(), PAGE, YEAR).expect("a first view");
    assert_eq!(remove(&once), PAGE);
    assert_eq!(remove(PAGE), PAGE);
}

#[test]
fn more_than_a_page_gets_a_pager_the_first_view_can_use() {
    let mut doc: serde_json::Value = serde_json::from_str(&bundled()).expect("json");
    let first = doc["jurisdictions"][0].clone();
    let list = doc["jurisdictions"].as_array_mut().expect("a list");
    for i in 0..10 {
        let mut copy = first.clone();
        copy["id"] = format!("copy-{i}-mt").into();
        copy["name"] = format!("Copy {i}").into();
        list.push(copy);
    }
    let pages = list.len().div_ceil(tactics_core::markup::rows::PAGE_SIZE);
    assert!(pages > 1);
    let text = serde_json::to_string(&doc).expect("json");
    let html = prerender(&text, PAGE, YEAR).expect("a first view");
    // The first view and the app find Previous and Next by data-page (tactics_dom's
    // matrix_parts::show_pager); on the first page, Previous leads nowhere.
    assert!(html.contains("data-page=\"prev\" disabled>Previous</button>"));
    assert!(html.contains(&format!("<span>Page 1 of {pages}</span>")));
    assert!(html.contains("data-page=\"next\">Next</button>"));
}
