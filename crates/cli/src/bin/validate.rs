//! `cargo run --bin validate -- dataset.json` or `-- places.csv tactic-uses.csv ...` or
//! `-- my-csv-folder/`: checks a dataset the way the app does and prints every problem, with
//! its JSON path and line:column, or its file, row and column. Each JSON file is checked on its
//! own; all CSV files given (and the `.csv` files of folders) together make one dataset.
//! Exit code 1 when there are errors, 2 for a usage error.

use std::process::ExitCode;
use tactics_cli::{import, is_csv, load, load_csv, report_import, this_year};
use tactics_core::model::validate::{check, utf8_text};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!(
            "usage: validate FILE.json [FILE.json ...] | validate FILE.csv ... | validate FOLDER"
        );
        return ExitCode::from(2);
    }
    let (csv, json): (Vec<String>, Vec<String>) = args.into_iter().partition(|a| is_csv(a));
    let mut failed = false;
    for path in &json {
        failed |= !check_json(path);
    }
    if !csv.is_empty() {
        failed |= !check_csv(&csv);
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Checks one JSON file; false when it has errors.
fn check_json(path: &str) -> bool {
    let loaded = match load(std::path::Path::new(path)) {
        Ok(l) => l,
        Err(e) => {
            println!("{e}");
            return false;
        }
    };
    let text = match utf8_text(loaded.bytes) {
        Ok(text) => text,
        Err(p) => {
            println!("{path}: {p}");
            return false;
        }
    };
    let checked = check(&text, this_year() + 1);
    for p in &checked.problems {
        println!("{path}: {p}");
    }
    if checked.unlisted > 0 {
        println!("{path}: … and {} more problems", checked.unlisted);
    }
    let errors = checked.errors();
    if let Some(d) = &checked.dataset {
        println!(
            "{path}: {} errors; {} places, {} tactic uses, {} series, {} events, {} sources usable",
            errors,
            d.jurisdictions.len(),
            d.uses.len(),
            d.series.len(),
            d.events.len(),
            d.sources.len()
        );
    } else {
        println!("{path}: {errors} errors; nothing usable");
    }
    errors == 0
}

/// Checks CSV files as one dataset; false when they have errors.
fn check_csv(paths: &[String]) -> bool {
    let Some(files) = load_csv(paths) else {
        return false;
    };
    let imported = import(&files);
    report_import("CSV files", &imported, &mut std::io::stdout()) == 0
}
