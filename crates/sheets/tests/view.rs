//! The matrix's current view as CSV: exactly the rows shown, in their order, the columns shown,
//! the states in words, and the as-of date and citation before the table.

use std::path::Path;
use tactics_core::model::dataset::{CellState, Dataset};
use tactics_core::model::validate::check;
use tactics_core::query::filter::{visible, Dir, Filter, SortKey};
use tactics_sheets::matrix_csv;

const URL: &str = "https://example.org/tactics/?tactics=reverse-stings";

fn bundled() -> Dataset {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/dataset.json");
    let text = std::fs::read_to_string(path).expect("the bundled dataset is readable");
    check(&text, 2100)
        .dataset
        .expect("the bundled dataset is usable")
}

fn parse(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let body = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_reader(body.as_bytes());
    let header = reader
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn the_view_has_the_rows_and_columns_shown_and_states_in_words() {
    let ds = bundled();
    let index = ds.index();
    let filter = Filter {
        tactics: vec!["reverse-stings".into()],
        states: vec!["MT".into()],
        ..Filter::default()
    };
    let rows = visible(&index, &filter, &SortKey::Population, Dir::Desc);
    assert!(
        rows.len() > 1 && rows.len() < ds.jurisdictions.len(),
        "a narrowed view"
    );
    let text = matrix_csv(&ds, &index, &filter, &rows, URL);
    let (header, records) = parse(&text);
    let mut expected = vec!["Place", "Kind", "Population", "Documented tactics"];
    expected.extend(ds.tactics.iter().map(|t| t.name.as_str()));
    assert_eq!(header, expected);
    let names: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    let shown: Vec<&str> = rows
        .iter()
        .map(|&p| ds.jurisdictions[p].name.as_str())
        .collect();
    assert_eq!(names, shown, "the rows shown, in their order");
    for (record, &p) in records.iter().zip(&rows) {
        assert_eq!(record.len(), expected.len());
        for t in 0..ds.tactics.len() {
            let cell = &record[4 + t];
            match ds.cell(&index, p, t) {
                CellState::Used(u) => {
                    let years = u.years_label().unwrap_or_else(|| "year unknown".into());
                    let kind =
                        tactics_core::markup::rows::evidence_words(ds.evidence_kind(&index, u));
                    assert_eq!(*cell, format!("Used, {years}; {kind}"), "{}", record[0]);
                }
                CellState::NotFound(_) => assert!(cell.starts_with("Searched, not found")),
                CellState::NotResearched => assert_eq!(cell, "Not researched"),
            }
        }
    }
}

#[test]
fn the_view_starts_with_as_of_and_citation() {
    let ds = bundled();
    let index = ds.index();
    let filter = Filter::default();
    let rows = visible(&index, &filter, &SortKey::Name, Dir::Asc);
    let text = matrix_csv(&ds, &index, &filter, &rows, URL);
    let head: Vec<&str> = text
        .lines()
        .take_while(|l| !l.starts_with("Place,"))
        .collect();
    let head = head.join("\n");
    assert!(
        head.contains(&format!("Data as of {}", ds.meta.as_of)),
        "{head}"
    );
    assert!(head.contains(&ds.meta.citation), "{head}");
    assert!(
        head.contains(&format!("{} of {} places", rows.len(), rows.len())),
        "{head}"
    );
}

#[test]
fn a_use_outside_the_selected_years_says_so() {
    let ds = bundled();
    let index = ds.index();
    let filter = Filter {
        from: Some(1901),
        to: Some(1902),
        include_undated: false,
        ..Filter::default()
    };
    let rows = visible(&index, &filter, &SortKey::Name, Dir::Asc);
    let text = matrix_csv(&ds, &index, &filter, &rows, URL);
    assert!(text.contains(", outside the selected years"));
    assert!(!text.lines().any(|l| l.split(',').any(|c| c == "Used")));
}

#[test]
fn hostile_meta_text_stays_one_plain_cell_above_the_table() {
    let mut ds = bundled();
    ds.meta.title = "X,=HYPERLINK(\"http://e.example\",\"y\")".into();
    ds.meta.citation = "Cite \"me\n=1+1".into();
    ds.meta.version = "=2+2".into();
    let index = ds.index();
    let filter = Filter::default();
    let rows = visible(&index, &filter, &SortKey::Name, Dir::Asc);
    let text = matrix_csv(&ds, &index, &filter, &rows, URL);
    // As a spreadsheet reads it: no comments, every line a row.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let all: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    let (about, table) = all.split_at(6);
    for line in about {
        assert_eq!(line.len(), 2, "{line:?}");
        assert_eq!(line[0], "#");
        assert!(!line[1].starts_with(['=', '+', '-', '@']), "{line:?}");
    }
    assert_eq!(about[0][1], ds.meta.title);
    assert_eq!(about[2][1], "Cite as: Cite \"me =1+1");
    assert_eq!(table[0][0], "Place", "the table starts right after");
    assert_eq!(table.len(), rows.len() + 1);
    // Readers that know comments still skip the lines above.
    let (header, records) = parse(&text);
    assert_eq!(header[0], "Place");
    assert_eq!(records.len(), rows.len());
}

/// The view: web stings 2020–2023. The CSV records the filters, the year rule, the
/// view's URL and each cell's years and standing (an undated use and one dated only "by"
/// a year after the range are of uncertain year, not counted).
#[test]
fn the_view_records_its_filters_the_year_rule_and_each_cell_s_years() {
    let ds = bundled();
    let index = ds.index();
    let filter = Filter {
        tactics: vec!["web-stings".into()],
        from: Some(2020),
        to: Some(2023),
        include_undated: true,
        ..Filter::default()
    };
    let rows = visible(&index, &filter, &SortKey::Name, Dir::Asc);
    let url = "https://example.org/?tactics=web-stings&from=2020&to=2023&undated=1";
    let text = matrix_csv(&ds, &index, &filter, &rows, url);
    let head: String = text
        .lines()
        .take_while(|l| !l.starts_with("Place,"))
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "Filters: Web Stings; Years 2020–2023; Including uses of uncertain year",
        "Year rule: with a year range",
        &format!("View: {url}"),
        &format!("version {}", ds.meta.version),
    ] {
        assert!(head.contains(want), "{want} in {head}");
    }
    let (header, records) = parse(&text);
    let web = header
        .iter()
        .position(|h| h == "Web Stings")
        .expect("the column");
    let t = index.tactic_pos["web-stings"];
    for (record, &p) in records.iter().zip(&rows) {
        let CellState::Used(u) = ds.cell(&index, p, t) else {
            panic!("{} passes the filter by its web stings", record[0]);
        };
        let cell = &record[web];
        match u.years_label() {
            Some(y) => assert!(cell.starts_with(&format!("Used, {y}")), "{cell}"),
            None => assert!(
                cell.starts_with("Used, year unknown, year uncertain"),
                "{cell}"
            ),
        }
        if u.first_year.is_none() && u.years.is_empty() && u.last_year.is_some_and(|y| y > 2023) {
            assert!(
                cell.contains("year uncertain for the selected years, counted"),
                "{cell}"
            );
        }
    }
}
