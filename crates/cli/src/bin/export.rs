//! `cargo run --bin export -- dataset.json -o FOLDER` (or `-o files.zip`): writes a dataset as
//! the CSV files of the spreadsheet layout (docs/DATA.md), one per table, into a folder or one
//! zip archive. The dataset is checked first; with errors nothing is written and the exit code
//! is 1.

use std::path::Path;
use std::process::ExitCode;
use tactics_cli::{load, this_year};
use tactics_core::model::validate::{check, utf8_text};

const USAGE: &str = "usage: export dataset.json -o FOLDER|FILE.zip";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, folder) = match args.as_slice() {
        [input, o, folder] if o == "-o" || o == "--output" => (input, folder),
        [o, folder, input] if o == "-o" || o == "--output" => (input, folder),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(input, Path::new(folder)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, folder: &Path) -> Result<(), String> {
    let loaded = load(Path::new(input))?;
    let text = utf8_text(loaded.bytes).map_err(|p| format!("{input}: {p}"))?;
    let checked = check(&text, this_year() + 1);
    let errors = checked.errors();
    for p in &checked.problems {
        eprintln!("{input}: {p}");
    }
    let dataset = checked
        .dataset
        .filter(|_| errors == 0)
        .ok_or_else(|| format!("{input}: {errors} errors; nothing written: fix them first"))?;
    let exported = tactics_sheets::export(&dataset);
    if !exported.problems.is_empty() {
        return Err(exported.problems.join("\n"));
    }
    if folder
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("zip"))
    {
        return write_zip(&exported.files, folder);
    }
    std::fs::create_dir_all(folder)
        .map_err(|e| format!("{}: error: cannot create: {e}", folder.display()))?;
    for (name, text) in &exported.files {
        let path = folder.join(name);
        std::fs::write(&path, text)
            .map_err(|e| format!("{}: error: cannot write: {e}", path.display()))?;
    }
    eprintln!(
        "export: {} files written to {}",
        exported.files.len(),
        folder.display()
    );
    Ok(())
}

fn write_zip(files: &[(String, String)], path: &Path) -> Result<(), String> {
    let bytes = tactics_sheets::zip::archive(files)
        .ok_or_else(|| format!("{}: error: too large for a zip archive", path.display()))?;
    std::fs::write(path, bytes)
        .map_err(|e| format!("{}: error: cannot write: {e}", path.display()))?;
    eprintln!(
        "export: {} files written to {}",
        files.len(),
        path.display()
    );
    Ok(())
}
