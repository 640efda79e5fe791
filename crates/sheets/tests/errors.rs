//! Each documented CSV problem (docs/DATA.md, "Problems and how to fix them") has a fixture:
//! the example dataset in tests/fixtures/example with one file replaced or added. Each must be
//! reported with its file, row and column, and its row left out while the rest is kept.

mod common;

use common::{fixtures, import_files as run, read_dir};
use tactics_sheets::{Imported, Problem, Severity};

/// The example with the files of `errors/<case>` put in place of (or beside) its own.
fn example_with(case: &str) -> Imported {
    let mut files = read_dir(&fixtures().join("example"));
    for (name, bytes) in read_dir(&fixtures().join("errors").join(case)) {
        files.retain(|(n, _)| *n != name);
        files.push((name, bytes));
    }
    run(&files)
}

/// The one error of a case (every case has exactly one, so nothing else broke).
fn only_error(case: &str, imported: &Imported) -> Problem {
    let errors: Vec<&Problem> = imported
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{case}: {errors:#?}");
    errors[0].clone()
}

fn assert_at(
    case: &str,
    file: &str,
    row: Option<usize>,
    column: Option<(usize, &str)>,
    says: &str,
) {
    let imported = example_with(case);
    let p = only_error(case, &imported);
    assert_eq!(p.file, file, "{case}: {p}");
    assert_eq!(p.row, row, "{case}: {p}");
    assert_eq!(
        p.column.as_ref().map(|c| (c.number, c.header.as_str())),
        column,
        "{case}: {p}"
    );
    assert!(p.message.contains(says), "{case}: {p}");
    assert!(
        imported.dataset.is_some(),
        "{case}: the rest is still shown"
    );
}

#[test]
fn the_example_has_no_problems() {
    let imported = run(&read_dir(&fixtures().join("example")));
    assert!(imported.problems.is_empty(), "{:#?}", imported.problems);
    let ds = imported.dataset.expect("a dataset");
    assert_eq!(ds.jurisdictions.len(), 1);
    assert_eq!(ds.uses.len(), 2);
    assert_eq!(
        ds.tactics.len(),
        15,
        "tactics are built in when tactics.csv is absent"
    );
    assert_eq!(ds.series[0].observations.len(), 2);
    assert_eq!(
        ds.jurisdictions[0].population.as_ref().map(|p| p.value),
        Some(12_345)
    );
    assert_eq!(
        ds.uses[0].tactic, "reverse-stings",
        "tactic names become ids"
    );
}

#[test]
fn header_problems_name_the_column() {
    assert_at(
        "unknown-column",
        "places.csv",
        Some(1),
        Some((11, "County seat")),
        "unknown column \"County seat\"",
    );
    assert_at(
        "repeated-column",
        "places.csv",
        Some(1),
        Some((4, "Name")),
        "appears twice",
    );
    assert_at(
        "missing-column",
        "places.csv",
        Some(1),
        None,
        "no column \"Kind\"",
    );
}

#[test]
fn cell_problems_name_row_and_column() {
    assert_at(
        "empty-required-cell",
        "places.csv",
        Some(2),
        Some((2, "Name")),
        "\"Name\" is empty",
    );
    assert_at(
        "partial-group",
        "places.csv",
        Some(2),
        Some((6, "Population source")),
        "\"Population\" is given",
    );
    assert_at(
        "not-a-number",
        "observations.csv",
        Some(2),
        Some((3, "Value")),
        "not a whole number",
    );
    assert_at(
        "not-a-year",
        "tactic-uses.csv",
        Some(2),
        Some((4, "First year")),
        "not a year",
    );
    assert_at(
        "unknown-word",
        "places.csv",
        Some(2),
        Some((3, "Kind")),
        "City, County, State, Nation",
    );
    assert_at(
        "unknown-tactic",
        "tactic-uses.csv",
        Some(2),
        Some((2, "Tactic")),
        "not one of the 15 tactics",
    );
    assert_at(
        "not-yes-no",
        "series.csv",
        Some(2),
        Some((5, "Fiscal year")),
        "not yes or no",
    );
    assert_at(
        "unknown-parent",
        "observations.csv",
        Some(3),
        Some((1, "Series id")),
        "\"ex-arrests\" is not an id in series.csv",
    );
    assert_at(
        "cell-without-header",
        "events.csv",
        Some(2),
        Some((8, "")),
        "without a header",
    );
    assert_at(
        "unknown-meta-field",
        "meta.csv",
        Some(9),
        Some((1, "Field")),
        "unknown field \"Author\"",
    );
}

#[test]
fn impossible_dates_are_refused_with_field_and_position() {
    assert_at(
        "impossible-date",
        "sources.csv",
        Some(2),
        Some((7, "Accessed")),
        "\"2023-02-29\" is not a real date, 2023-02 has 28 days",
    );
    assert_at(
        "impossible-date-events",
        "events.csv",
        Some(2),
        Some((2, "Date")),
        "\"2026-04-31\" is not a real date, 2026-04 has 30 days",
    );
    assert_at(
        "impossible-date-meta",
        "meta.csv",
        Some(4),
        Some((2, "Value")),
        "\"2023-02-30\" is not a real date",
    );
}

#[test]
fn core_checks_are_placed_on_their_row_and_column() {
    assert_at(
        "unknown-source",
        "tactic-uses.csv",
        Some(2),
        Some((4, "Sources")),
        "ex-news-2042",
    );
    assert_at(
        "duplicate-id",
        "sources.csv",
        Some(4),
        Some((1, "Source id")),
        "duplicate id",
    );
    assert_at(
        "years-reversed",
        "tactic-uses.csv",
        Some(2),
        Some((4, "First year")),
        "First year 2024 is after Last year 2020",
    );
    assert_at(
        "not-a-web-address",
        "sources.csv",
        Some(2),
        Some((4, "URL")),
        "not an http(s) URL",
    );
}

#[test]
fn file_problems_name_the_file() {
    assert_at(
        "unrecognised-file",
        "notes.csv",
        None,
        None,
        "cannot tell which table",
    );
    assert_at("not-utf8", "places.csv", None, None, "not UTF-8");
    assert_at(
        "second-file",
        "more-places.csv",
        None,
        None,
        "a second file for places.csv",
    );
    let mut files = read_dir(&fixtures().join("example"));
    files.retain(|(n, _)| n != "events.csv");
    let imported = run(&files);
    let p = only_error("missing-file", &imported);
    assert_eq!(p.file, "events.csv");
    assert!(p.message.contains("no file for events"), "{p}");
    let mut files = read_dir(&fixtures().join("example"));
    for (name, bytes) in files.iter_mut() {
        if name == "events.csv" {
            bytes.resize(tactics_core::model::validate::MAX_BYTES + 1, b' ');
        }
    }
    let imported = run(&files);
    let p = only_error("too-large", &imported);
    assert_eq!((p.file.as_str(), p.row), ("events.csv", None));
    assert!(p.message.contains("over the limit"), "{p}");
}

#[test]
fn a_row_with_a_problem_is_left_out_and_the_rest_kept() {
    let imported = example_with("unknown-parent");
    let ds = imported.dataset.expect("a dataset");
    assert_eq!(ds.series.len(), 1);
    assert_eq!(ds.series[0].observations.len(), 1, "only the good row");
    let imported = example_with("unknown-word");
    let ds = imported.dataset.expect("a dataset");
    assert!(
        ds.jurisdictions.is_empty(),
        "the place with a bad kind is left out"
    );
}

#[test]
fn children_of_a_refused_row_say_why_they_are_left_out() {
    let imported = example_with("not-yes-no");
    let notice = imported
        .problems
        .iter()
        .find(|p| p.severity == Severity::Notice && p.file == "observations.csv")
        .expect("a notice for the observations");
    assert_eq!(notice.row, Some(2));
    assert!(notice.message.contains("series.csv row 2"), "{notice}");
}

#[test]
fn every_problem_message_reads_as_file_row_column() {
    let imported = example_with("not-a-number");
    let p = only_error("not-a-number", &imported);
    assert!(
        p.to_string()
            .starts_with("observations.csv, row 2, column 3 \"Value\" (C): error: "),
        "{p}"
    );
}

#[test]
fn a_meta_field_given_twice_keeps_the_first_row_and_its_place() {
    let mut files = read_dir(&fixtures().join("example"));
    for (name, bytes) in files.iter_mut() {
        if name == "meta.csv" {
            let text =
                String::from_utf8_lossy(bytes).replace("As of,2026-11-01", "As of,2300-01-01");
            *bytes = format!("{text}As of,2026-11-01\n").into_bytes();
        }
    }
    let imported = run(&files);
    let at = |says: &str| {
        imported
            .problems
            .iter()
            .find(|p| p.file == "meta.csv" && p.message.contains(says))
            .map(|p| p.row)
    };
    assert_eq!(at("given twice"), Some(Some(9)), "{:#?}", imported.problems);
    // The value used is the first one (2300), and its problem is placed on its row, 4.
    assert_eq!(at("2300"), Some(Some(4)), "{:#?}", imported.problems);
}
