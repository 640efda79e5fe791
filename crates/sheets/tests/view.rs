//! The matrix's current view as CSV: exactly the rows shown, in their order, the columns shown,
//! the states in words, and the as-of date and citation before the table.

use std::path::Path;
use tactics_core::dataset::{CellState, Dataset};
use tactics_core::filter::{visible, Dir, Filter, SortKey};
use tactics_core::validate::check;
use tactics_sheets::matrix_csv;

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
    let text = matrix_csv(&ds, &index, &filter, &rows);
    let (header, records) = parse(&text);
    let mut expected = vec!["Place", "Kind", "Population", "Tactics used"];
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
            let want = match ds.cell(&index, p, t) {
                CellState::Used(_) => "Used",
                CellState::NotFound(_) => "Searched, not found",
                CellState::NotResearched => "Not researched",
            };
            assert_eq!(record[4 + t], want, "{} / {}", record[0], header[4 + t]);
        }
    }
}

#[test]
fn the_view_starts_with_as_of_and_citation() {
    let ds = bundled();
    let index = ds.index();
    let filter = Filter::default();
    let rows = visible(&index, &filter, &SortKey::Name, Dir::Asc);
    let text = matrix_csv(&ds, &index, &filter, &rows);
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
    let text = matrix_csv(&ds, &index, &filter, &rows);
    assert!(text.contains("\"Used, outside the selected years\""));
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
    let text = matrix_csv(&ds, &index, &filter, &rows);
    // As a spreadsheet reads it: no comments, every line a row.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let all: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect();
    let (about, table) = all.split_at(4);
    for line in about {
        assert_eq!(line.len(), 2, "{line:?}");
        assert_eq!(line[0], "#");
        assert!(!line[1].starts_with(['=', '+', '-', '@']), "{line:?}");
    }
    assert_eq!(about[0][1], ds.meta.title);
    assert_eq!(about[2][1], "Cite as: Cite \"me =1+1");
    assert_eq!(table[0][0], "Place", "the table starts right after");
    assert_eq!(table.len(), rows.len() + 1);
    // Readers that know comments still skip the four lines.
    let (header, records) = parse(&text);
    assert_eq!(header[0], "Place");
    assert_eq!(records.len(), rows.len());
}
