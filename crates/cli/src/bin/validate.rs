//! `cargo run --bin validate -- dataset.json`: checks a dataset file the way the app does and
//! prints every problem with its JSON path and line:column. Exit code 1 when there are errors.

use std::process::ExitCode;
use tactics_core::validate::{check, MAX_BYTES};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.iter().any(|a| a == "-h" || a == "--help") {
        eprintln!("usage: validate FILE.json [FILE.json ...]");
        return ExitCode::from(2);
    }
    let max_year = this_year() + 1;
    let mut failed = false;
    for path in &args {
        let bytes = match std::fs::metadata(path) {
            Ok(m) if m.len() > MAX_BYTES as u64 => {
                println!(
                    "{path}: error: the file is {} bytes, over the limit of {MAX_BYTES}",
                    m.len()
                );
                failed = true;
                continue;
            }
            _ => std::fs::read(path),
        };
        let text = match bytes.map(String::from_utf8) {
            Ok(Ok(text)) => text,
            Ok(Err(e)) => {
                println!(
                    "{path}: error: not UTF-8 text (byte {})",
                    e.utf8_error().valid_up_to()
                );
                failed = true;
                continue;
            }
            Err(e) => {
                println!("{path}: error: cannot read: {e}");
                failed = true;
                continue;
            }
        };
        let checked = check(&text, max_year);
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
        failed |= errors > 0;
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The current year from the system clock (UTC), for the upper bound on years.
fn this_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    tactics_core::filter::year_of_unix_seconds(secs)
}
