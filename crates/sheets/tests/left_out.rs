//! Nothing dropped in silence: what an error leaves out of the dataset is named (a place, a
//! series, an event, with what goes with it), and a file that cannot be read is the first
//! problem, its consequences in other files one summary instead of a problem per row.

mod common;

use common::{import_files, read_dir, root};
use tactics_sheets::Severity;

fn templates_with(file: &str, change: impl Fn(&str) -> String) -> Vec<(String, Vec<u8>)> {
    let mut files = read_dir(&root().join("public/templates"));
    let mut changed = false;
    for (name, bytes) in files.iter_mut() {
        if name == file {
            let text = String::from_utf8_lossy(bytes).to_string();
            let new = change(&text);
            changed = new != text;
            *bytes = new.into_bytes();
        }
    }
    assert!(changed, "{file} was changed");
    files
}

#[test]
fn an_impossible_date_names_every_entry_it_leaves_out() {
    let files = templates_with("sources.csv", |t| {
        t.replace("2020-01-15,Shown", "2020-02-30,Shown")
    });
    let imported = import_files(&files);
    let errors: Vec<_> = imported
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        (errors[0].file.as_str(), errors[0].row),
        ("sources.csv", Some(2))
    );
    let ds = imported.dataset.expect("the rest is shown");
    let full = import_files(&read_dir(&root().join("public/templates")))
        .dataset
        .expect("the templates");
    // Every place, series and event missing from what is shown is named, and nothing else.
    let mut missing: Vec<String> = Vec::new();
    for p in &full.jurisdictions {
        if !ds.jurisdictions.iter().any(|q| q.id == p.id) {
            missing.push(format!("place “{}” ({}", p.name, p.id));
        }
    }
    for s in &full.series {
        if !ds.series.iter().any(|q| q.id == s.id) {
            missing.push(format!("({}, series.csv row", s.id));
        }
    }
    for e in &full.events {
        if !ds.events.iter().any(|q| q.id == e.id) {
            missing.push(format!("({}, events.csv row", e.id));
        }
    }
    assert!(missing.len() >= 2, "the place and the series: {missing:?}");
    let named: Vec<&str> = imported
        .left_out
        .iter()
        .filter(|l| !l.kept)
        .map(|l| l.what.as_str())
        .collect();
    for m in &missing {
        assert!(
            named.iter().any(|n| n.contains(m.as_str())),
            "{m} in {named:?}"
        );
    }
    assert!(named
        .iter()
        .any(|n| n.starts_with("place “United States” (united-states, places.csv row 2)")));
    let series = imported
        .left_out
        .iter()
        .find(|l| l.what.contains("us-places-any-tactic"))
        .expect("the series");
    assert_eq!(series.with, "with its 5 observations");
    // The source itself is named too.
    assert!(named
        .iter()
        .any(|n| n.contains("(df-tactics-2020, sources.csv row 2)")));
}

#[test]
fn a_row_left_out_of_a_series_names_the_series_as_shown_in_part() {
    let files = templates_with("observations.csv", |t| {
        let mut lines: Vec<String> = t.lines().map(str::to_string).collect();
        // The first observation's value is not a number.
        let cells: Vec<&str> = lines[1].split(',').collect();
        let mut cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        cells[2] = "many".into();
        lines[1] = cells.join(",");
        lines.join("\n") + "\n"
    });
    let imported = import_files(&files);
    let part = imported
        .left_out
        .iter()
        .find(|l| l.kept)
        .expect("a series shown in part");
    assert!(part.what.starts_with("series “"), "{part:?}");
    assert!(part.with.contains("observations.csv row 2"), "{part:?}");
}

#[test]
fn a_file_that_cannot_be_read_comes_first_and_alone() {
    let files = templates_with("places.csv", |t| {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(t.trim_start_matches('\u{feff}').as_bytes());
        let mut writer = csv::Writer::from_writer(Vec::new());
        for record in reader.records().flatten() {
            let cells: Vec<&str> = record
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != 13)
                .map(|(_, c)| c)
                .collect();
            let _ = writer.write_record(&cells);
        }
        String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
    });
    let imported = import_files(&files);
    let first = &imported.problems[0];
    assert_eq!(first.file, "places.csv");
    assert_eq!(first.severity, Severity::Error);
    assert!(first.message.contains("no column \"Summary\""), "{first}");
    // No other file has an error of its own: what places.csv causes is one summary.
    let others: Vec<_> = imported
        .problems
        .iter()
        .filter(|p| p.file != "places.csv")
        .collect();
    assert!(others.is_empty(), "{others:#?}");
    assert_eq!(imported.problems.len(), 2, "{:#?}", imported.problems);
    assert!(imported.problems[1]
        .message
        .contains("because this file could not be read"));
    assert_eq!(imported.unread, vec!["places.csv".to_string()]);
}
