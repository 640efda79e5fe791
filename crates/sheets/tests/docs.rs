//! docs/DATA.md's spreadsheet section names every file and every column of the layout, so the
//! guide cannot fall behind the code.

use std::path::Path;
use tactics_sheets::layout::TABLES;

#[test]
fn the_guide_names_every_file_and_column() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/DATA.md");
    let text = std::fs::read_to_string(path).expect("docs/DATA.md is readable");
    let start = text
        .find("## Your own data from spreadsheets")
        .expect("the spreadsheet section");
    let section = &text[start..];
    for table in TABLES {
        let file = format!("`{}`", table.file_name());
        assert!(section.contains(&file), "{file} is not in the guide");
        for column in table.columns {
            assert!(
                section.contains(column.header),
                "column \"{}\" of {file} is not in the guide",
                column.header
            );
        }
    }
    assert!(section.contains("`; `"), "the list separator is documented");
}

#[test]
fn the_worked_example_is_the_tested_fixture() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let guide = std::fs::read_to_string(root.join("../../docs/DATA.md")).expect("readable");
    let example = root.join("tests/fixtures/example");
    for entry in std::fs::read_dir(example).expect("the example exists") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            guide.contains(&text),
            "{} differs from the worked example in docs/DATA.md",
            path.display()
        );
    }
}
