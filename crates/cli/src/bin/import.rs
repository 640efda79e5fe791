//! `cargo run --bin import -- [-o dataset.json] [--keep-going] FOLDER | FILE.csv ...`: reads
//! the CSV files of a dataset, prints every problem with file, row and column (to stderr), and
//! writes the checked dataset as JSON (to stdout, or to the `-o` file). With errors nothing is
//! written and the exit code is 1, unless `--keep-going` asks for what is usable.

use std::io::Write;
use std::process::ExitCode;
use tactics_cli::{import, load_csv, report_import};

const USAGE: &str = "usage: import [-o dataset.json] [--keep-going] FOLDER | FILE.csv ...";

fn main() -> ExitCode {
    let mut out: Option<String> = None;
    let mut keep_going = false;
    let mut inputs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-o" | "--output" => match args.next() {
                Some(path) => out = Some(path),
                None => return usage(),
            },
            "--keep-going" => keep_going = true,
            "-h" | "--help" => return usage(),
            _ => inputs.push(a),
        }
    }
    if inputs.is_empty() {
        return usage();
    }
    let Some(files) = load_csv(&inputs) else {
        return ExitCode::FAILURE;
    };
    let imported = import(&files);
    let errors = report_import("import", &imported, &mut std::io::stderr());
    let Some(dataset) = imported.dataset.filter(|_| errors == 0 || keep_going) else {
        eprintln!("import: nothing written: fix the errors above (or pass --keep-going to write what is usable)");
        return ExitCode::FAILURE;
    };
    let json = tactics_sheets::normalise(&dataset);
    let written = match &out {
        Some(path) => {
            std::fs::write(path, json).map_err(|e| format!("{path}: error: cannot write: {e}"))
        }
        None => std::io::stdout()
            .write_all(json.as_bytes())
            .map_err(|e| format!("import: error: cannot write: {e}")),
    };
    match written {
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
        Ok(()) if errors > 0 => ExitCode::FAILURE,
        Ok(()) => ExitCode::SUCCESS,
    }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
