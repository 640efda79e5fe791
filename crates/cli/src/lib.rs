//! What the command-line tools share: reading files (JSON or CSV, or a folder of CSV files)
//! with size and encoding checks, and the current year for the validator's upper bound.

pub mod prerender;

use std::path::{Path, PathBuf};
use tactics_core::model::validate::MAX_BYTES;
use tactics_sheets::{Imported, NamedFile};

/// A file read from disk: the name shown in messages, and its bytes.
pub struct Loaded {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Whether a path names CSV files: a `.csv` file or a folder (whose `.csv` files are read).
pub fn is_csv(path: &str) -> bool {
    Path::new(path).is_dir() || path.to_lowercase().ends_with(".csv")
}

/// The files a path names: itself, or a folder's `.csv` files in name order.
pub fn expand(path: &str) -> Result<Vec<PathBuf>, String> {
    let p = Path::new(path);
    if !p.is_dir() {
        return Ok(vec![p.to_path_buf()]);
    }
    let entries =
        std::fs::read_dir(p).map_err(|e| format!("{path}: error: cannot read the folder: {e}"))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|f| f.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{path}: error: the folder has no .csv files"));
    }
    Ok(files)
}

/// Reads a file, refusing one over the size limit; the message names the file.
pub fn load(path: &Path) -> Result<Loaded, String> {
    let name = path.display().to_string();
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_BYTES as u64 => {
            return Err(format!(
                "{name}: error: the file is {} bytes, over the limit of {MAX_BYTES}",
                m.len()
            ))
        }
        Err(e) => return Err(format!("{name}: error: cannot read: {e}")),
        Ok(_) => {}
    }
    std::fs::read(path)
        .map(|bytes| Loaded { name, bytes })
        .map_err(|e| format!("{}: error: cannot read: {e}", path.display()))
}

/// Reads CSV files and folders of them, printing any that cannot be read; None if one failed.
pub fn load_csv(paths: &[String]) -> Option<Vec<Loaded>> {
    let mut out = Vec::new();
    let mut ok = true;
    for path in paths {
        let loaded = expand(path)
            .and_then(|files| files.iter().map(|f| load(f)).collect::<Result<Vec<_>, _>>());
        match loaded {
            Ok(mut files) => out.append(&mut files),
            Err(e) => {
                println!("{e}");
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// Imports loaded CSV files as one dataset.
pub fn import(files: &[Loaded]) -> Imported {
    let named: Vec<NamedFile<'_>> = files
        .iter()
        .map(|f| NamedFile {
            name: &f.name,
            bytes: &f.bytes,
        })
        .collect();
    tactics_sheets::import(&named, this_year() + 1)
}

/// Prints every problem of an import and a summary line; returns the number of errors.
pub fn report_import(label: &str, imported: &Imported, out: &mut dyn std::io::Write) -> usize {
    for p in &imported.problems {
        let _ = writeln!(out, "{p}");
    }
    if imported.unlisted > 0 {
        let _ = writeln!(out, "{label}: … and {} more problems", imported.unlisted);
    }
    let errors = imported.errors();
    let _ = match &imported.dataset {
        Some(d) => writeln!(
            out,
            "{label}: {errors} errors; {} places, {} tactic uses, {} series, {} events, {} sources usable",
            d.jurisdictions.len(),
            d.uses.len(),
            d.series.len(),
            d.events.len(),
            d.sources.len()
        ),
        None => writeln!(out, "{label}: {errors} errors; nothing usable"),
    };
    errors
}

/// The current year from the system clock (UTC), for the upper bound on years.
pub fn this_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    tactics_core::query::filter::year_of_unix_seconds(secs)
}
