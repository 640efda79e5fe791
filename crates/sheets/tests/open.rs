//! `open` takes either one dataset JSON file or the CSV files, as the browser panel does.

use std::path::Path;
use tactics_sheets::{export, open, NamedFile, Severity};

fn bundled_bytes() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../public/data/dataset.json");
    std::fs::read(path).expect("the bundled dataset is readable")
}

#[test]
fn a_json_file_is_checked_by_the_core_validator() {
    let bytes = bundled_bytes();
    let opened = open(
        &[NamedFile {
            name: "ours.json",
            bytes: &bytes,
        }],
        2100,
    );
    assert_eq!(opened.errors(), 0, "{:?}", opened.problems);
    let places = tactics_core::model::validate::check(&String::from_utf8_lossy(&bytes), 2100)
        .dataset
        .map(|d| d.jurisdictions.len());
    assert!(places.is_some_and(|n| n > 150));
    assert_eq!(opened.dataset.map(|d| d.jurisdictions.len()), places);
}

#[test]
fn json_problems_keep_path_and_line() {
    let text = String::from_utf8(bundled_bytes()).expect("UTF-8");
    let broken = text.replacen("\"kind\": \"county\"", "\"kind\": \"borough\"", 1);
    let opened = open(
        &[NamedFile {
            name: "data",
            bytes: broken.as_bytes(),
        }],
        2100,
    );
    let p = opened
        .problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .expect("an error");
    let json = p.json.as_ref().expect("a JSON place");
    assert!(json.path.starts_with("$.jurisdictions["), "{p}");
    assert!(json.line > 1);
    assert!(p.to_string().starts_with("data, $.jurisdictions["), "{p}");
}

#[test]
fn csv_files_are_imported_and_a_mix_is_refused() {
    let text = String::from_utf8(bundled_bytes()).expect("UTF-8");
    let ds = tactics_core::model::validate::check(&text, 2100)
        .dataset
        .expect("usable");
    let files = export(&ds).files;
    let named: Vec<NamedFile<'_>> = files
        .iter()
        .map(|(n, t)| NamedFile {
            name: n,
            bytes: t.as_bytes(),
        })
        .collect();
    assert_eq!(open(&named, 2100).dataset, Some(ds));
    let json = bundled_bytes();
    let mut mixed = named.clone();
    mixed.push(NamedFile {
        name: "dataset.json",
        bytes: &json,
    });
    let opened = open(&mixed, 2100);
    assert!(opened.dataset.is_none());
    assert!(opened.problems[0].message.contains("not both"));
}
