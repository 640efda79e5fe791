//! The templates are the bundled dataset, and CSV out and back in changes nothing.

mod common;

use common::{import_files as import_texts, read_dir, root, MAX_YEAR};
use tactics_core::model::dataset::Dataset;
use tactics_core::model::validate::check;
use tactics_sheets::{export, normalise};

fn bundled() -> Dataset {
    let text = std::fs::read_to_string(root().join("public/data/dataset.json"))
        .expect("the bundled dataset is readable");
    let checked = check(&text, MAX_YEAR);
    assert_eq!(checked.errors(), 0, "{:?}", checked.problems);
    checked.dataset.expect("the bundled dataset is usable")
}

#[test]
fn templates_import_to_the_bundled_dataset() {
    let files = read_dir(&root().join("public/templates"));
    assert_eq!(
        files.len(),
        tactics_sheets::layout::TABLES.len(),
        "one template per table"
    );
    let imported = import_texts(&files);
    assert!(imported.problems.is_empty(), "{:#?}", imported.problems);
    let dataset = imported.dataset.expect("the templates give a dataset");
    assert_eq!(normalise(&dataset), normalise(&bundled()));
}

#[test]
fn templates_are_the_current_export_of_the_bundled_dataset() {
    let exported = export(&bundled());
    assert!(exported.problems.is_empty(), "{:?}", exported.problems);
    for (name, text) in &exported.files {
        let committed =
            std::fs::read_to_string(root().join("public/templates").join(name)).unwrap_or_default();
        assert!(
            committed == *text,
            "public/templates/{name} is out of date: run `cargo run --bin export -- public/data/dataset.json -o public/templates`"
        );
    }
}

#[test]
fn export_then_import_gives_back_an_identical_dataset() {
    round_trip(bundled());
}

#[test]
fn text_that_looks_guarded_already_comes_back_unchanged() {
    let mut original = bundled();
    let texts = ["'=x", "''+1", "'@SUM(A1)", "=HYPERLINK(\"http://x\")", "'-"];
    for (place, text) in original.jurisdictions.iter_mut().zip(texts) {
        place.summary = text.to_string();
        place.partners = vec![text.to_string()];
    }
    original.meta.title = "'=title".into();
    round_trip(original);
}

fn round_trip(original: Dataset) {
    let exported = export(&original);
    let files: Vec<(String, Vec<u8>)> = exported
        .files
        .into_iter()
        .map(|(n, t)| (n, t.into_bytes()))
        .collect();
    let imported = import_texts(&files);
    assert_eq!(imported.errors(), 0, "{:#?}", imported.problems);
    let back = imported.dataset.expect("a dataset");
    assert_eq!(back, original);
    assert_eq!(normalise(&back), normalise(&original));
}

#[test]
fn files_are_recognised_in_any_order_and_by_header_when_renamed() {
    let exported = export(&bundled());
    let mut files: Vec<(String, Vec<u8>)> = exported
        .files
        .into_iter()
        .enumerate()
        .map(|(i, (n, t))| {
            // Every other file gets a name that says nothing, as downloads often do.
            let name = if i % 2 == 0 {
                format!("download ({i}).csv")
            } else {
                n
            };
            (name, t.into_bytes())
        })
        .collect();
    files.reverse();
    let imported = import_texts(&files);
    assert!(imported.problems.is_empty(), "{:#?}", imported.problems);
    assert_eq!(
        imported.dataset.map(|d| normalise(&d)),
        Some(normalise(&bundled()))
    );
}

#[test]
fn normalise_is_stable_pretty_json() {
    let ds = bundled();
    let text = normalise(&ds);
    assert!(text.ends_with("}\n"));
    let again: Dataset = serde_json::from_str(&text).expect("normalised JSON reads back");
    assert_eq!(normalise(&again), text);
}

/// The zip of all templates that "Use your own data" links to is the current export, and the
/// panel names the required files as the layout does.
#[test]
fn the_templates_zip_is_the_current_export_and_the_panel_names_the_required_files() {
    let exported = export(&bundled());
    let zip = tactics_sheets::zip::archive(&exported.files).expect("a zip");
    let committed = std::fs::read(root().join("public/tactics-templates.zip")).unwrap_or_default();
    assert!(
        committed == zip,
        "public/tactics-templates.zip is out of date: run `cargo run --bin export -- public/data/dataset.json -o public/tactics-templates.zip`"
    );
    let panel = std::fs::read_to_string(root().join("src/ui/import.rs")).unwrap_or_default();
    let tables = tactics_sheets::layout::TABLES;
    let needed: Vec<&str> = tables.iter().filter(|t| t.needed).map(|t| t.name).collect();
    let optional: Vec<&str> = tables
        .iter()
        .filter(|t| !t.needed)
        .map(|t| t.name)
        .collect();
    let sentence = format!(
        "{} are required ({}",
        needed.len(),
        needed[..needed.len() - 1].join(", ")
    );
    assert!(panel.contains(&sentence), "the panel says: {sentence}");
    assert!(panel.contains(&format!(
        "the other {} ({})",
        optional.len(),
        optional.join(", ")
    )));
    assert!(panel.contains(&format!("all {} CSV files", tables.len())));
}
