//! The worker's "Use your own data" and downloads, on the templates and fixtures.

use tactics_worker::import::{csv_zip, group, open, report_html, view_csv, FileIn};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

fn file(path: &str) -> FileIn {
    let full = format!("{ROOT}/{path}");
    let name = path.rsplit('/').next().unwrap_or(path).to_string();
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    FileIn { name, bytes }
}

fn templates() -> Vec<FileIn> {
    let mut names: Vec<String> = std::fs::read_dir(format!("{ROOT}/public/templates"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".csv"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    // Any order: reversed on purpose.
    names
        .iter()
        .rev()
        .map(|n| file(&format!("public/templates/{n}")))
        .collect()
}

#[test]
fn the_templates_open_to_the_bundled_dataset() {
    let opened = open(&templates(), 2100);
    assert_eq!(opened.errors, 0, "{:?}", opened.groups);
    let json = opened.json.unwrap_or_default();
    let bundled =
        std::fs::read_to_string(format!("{ROOT}/public/data/dataset.json")).unwrap_or_default();
    let bundled = tactics_core::model::validate::check(&bundled, 2100)
        .dataset
        .map(|d| tactics_sheets::normalise(&d))
        .unwrap_or_default();
    assert!(!json.is_empty());
    assert_eq!(json, bundled, "templates must give the bundled dataset");
}

#[test]
fn a_bad_csv_cell_is_grouped_under_its_file_with_row_and_column() {
    let mut files = templates();
    let Some(places) = files.iter_mut().find(|f| f.name == "places.csv") else {
        panic!("no places template");
    };
    let text = String::from_utf8_lossy(&places.bytes).replacen(",City,MT,", ",Town,MT,", 1);
    places.bytes = text.into_bytes();
    let opened = open(&files, 2100);
    assert!(opened.errors >= 1);
    let first = &opened.groups[0];
    assert!(first.errors);
    assert_eq!(first.file, "places.csv");
    let p = &first.problems[0];
    assert!(p.place.starts_with("places.csv, row "), "{}", p.place);
    assert!(p.place.contains("column 3 \"Kind\" (C)"), "{}", p.place);
    assert!(opened.dataset.is_some(), "the other rows are still shown");
}

#[test]
fn a_dataset_json_from_another_region_opens_with_its_places_and_series() {
    let opened = open(&[file("tests/e2e/fixtures/oregon.json")], 2100);
    assert_eq!(opened.errors, 0, "{:?}", opened.groups);
    let Some(ds) = opened.dataset else {
        panic!("the Oregon fixture must open");
    };
    assert!(ds.jurisdictions.iter().any(|j| j.id == "fernvale-or"));
    assert_eq!(ds.series.len(), 1);
}

#[test]
fn a_broken_json_names_line_and_column() {
    let files = [FileIn {
        name: "mine.json".into(),
        bytes: b"{\n  \"meta\": ,\n}".to_vec(),
    }];
    let opened = open(&files, 2100);
    assert!(opened.dataset.is_none());
    assert!(opened.errors >= 1);
    assert_eq!(opened.groups[0].file, "mine.json");
    assert!(
        opened.groups[0].problems[0].place.contains("line 2"),
        "{:?}",
        opened.groups
    );
}

#[test]
fn groups_put_errors_first_and_keep_files_apart() {
    use tactics_sheets::{Problem, Severity};
    let mut notice = Problem::error("a.csv", Some(2), None, "n".into());
    notice.severity = Severity::Notice;
    let problems = vec![
        notice,
        Problem::error("b.csv", Some(3), None, "x".into()),
        Problem::error("a.csv", Some(4), None, "y".into()),
        Problem::error("b.csv", Some(5), None, "z".into()),
    ];
    let groups = group(&problems);
    let heads: Vec<(&str, bool, usize)> = groups
        .iter()
        .map(|g| (g.file.as_str(), g.errors, g.problems.len()))
        .collect();
    assert_eq!(
        heads,
        vec![("b.csv", true, 2), ("a.csv", true, 1), ("a.csv", false, 1)]
    );
}

#[test]
fn the_csv_zip_holds_every_table_and_the_view_csv_the_rows_asked_for() {
    let opened = open(&[file("tests/e2e/fixtures/oregon.json")], 2100);
    let Some(ds) = opened.dataset else {
        panic!("the Oregon fixture must open");
    };
    let zip = csv_zip(&ds).unwrap_or_default();
    assert_eq!(&zip[..4], b"PK\x03\x04");
    assert!(zip.windows(10).any(|w| w == b"places.csv"));
    let index = ds.index();
    let ids = vec!["oregon".to_string(), "fernvale-or".to_string()];
    let csv = view_csv(
        &ds,
        &index,
        &ids,
        "from=2019&to=2020",
        "https://example.org/?from=2019&to=2020",
    );
    let lines: Vec<&str> = csv
        .lines()
        .filter(|l| !l.trim_start_matches('\u{feff}').starts_with('#'))
        .collect();
    assert_eq!(lines.len(), 3, "{csv}");
    assert!(lines[1].starts_with("Oregon,"));
    assert!(lines[2].starts_with("Fernvale,"));
    assert!(csv.contains("Cite as: Made-up Oregon test data"));
    assert!(csv.contains("This view: 2 of 3 places"));
}

#[test]
fn the_report_is_escaped_html_grouped_and_closed_when_long() {
    let files = [FileIn {
        name: "<b>places</b>.csv".into(),
        bytes: b"Place id,Name,Kind\n<x>,A,Town\n".to_vec(),
    }];
    let opened = open(&files, 2100);
    let html = report_html(&opened, 1);
    assert!(html.contains("1 file(s) read."), "{html}");
    assert!(html.contains("&lt;b&gt;places&lt;/b&gt;.csv"), "{html}");
    assert!(
        !html.contains("<b>"),
        "file names are text, never markup: {html}"
    );
    assert!(!html.contains("<x>"), "{html}");
    let many = open(&[file("tests/e2e/fixtures/oregon.json")], 2100);
    assert!(report_html(&many, 1).contains("with no errors"));
    let mut long = opened.clone();
    long.groups[0].problems = vec![long.groups[0].problems[0].clone(); 11];
    assert!(!report_html(&long, 1).contains(" open>"));
    assert!(report_html(&opened, 1).contains(" open>"));
}

fn templates_with(name: &str, change: impl Fn(&str) -> String) -> Vec<FileIn> {
    let mut files = templates();
    for f in files.iter_mut().filter(|f| f.name == name) {
        f.bytes = change(&String::from_utf8_lossy(&f.bytes)).into_bytes();
    }
    files
}

#[test]
fn a_dataset_with_errors_is_not_publishable_and_the_fix_list_names_what_is_left_out() {
    let clean = open(&templates(), 2100);
    assert!(clean.publishable(), "the templates pass");
    let files = templates_with("sources.csv", |t| {
        t.replace("2020-01-15,Shown", "2020-02-30,Shown")
    });
    let opened = open(&files, 2100);
    assert!(!opened.publishable());
    assert!(opened.dataset.is_some(), "the rest is previewed");
    assert!(opened
        .fixes
        .contains("sources.csv, row 2, column 6 \"Published\" (F): error"));
    assert!(opened.fixes.contains("This is not a dataset"));
    assert!(opened
        .fixes
        .contains("place “United States” (united-states, places.csv row 2) is left out"));
    let html = report_html(&opened, files.len());
    assert!(
        html.contains("Your data is shown below without 1 place, 1 series and 1 source (listed below): 1 error(s) to fix."),
        "{html}"
    );
    assert!(html.contains("data-testid=\"import-left-out\""));
}

#[test]
fn a_missing_column_is_said_first_and_nothing_is_said_to_be_shown() {
    let files = templates_with("places.csv", |t| t.replacen(",Summary,", ",Summery,", 1));
    let opened = open(&files, 2100);
    assert!(
        opened.dataset.is_none() && opened.json.is_none(),
        "no empty table"
    );
    let html = report_html(&opened, files.len());
    assert!(
        html.contains("Nothing can be shown: places.csv could not be read"),
        "{html}"
    );
    assert!(!html.contains("shown below"), "{html}");
    let first_group = html.find("<summary>").map(|i| &html[i..]).unwrap_or("");
    assert!(
        first_group.starts_with("<summary>places.csv: "),
        "{first_group}"
    );
    assert!(
        html.contains("Left out as a consequence: 22 series, 35 events"),
        "{html}"
    );
    assert!(
        !html.contains("<li>tactic use"),
        "consequences are counted, not listed"
    );
}
