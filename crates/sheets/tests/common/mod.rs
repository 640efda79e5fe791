//! What the sheets tests share: reading a folder of fixture files as named bytes and
//! importing them.

// Each test binary uses part of this.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use tactics_sheets::{import, Imported, NamedFile};

/// The latest year the tests allow, as the app would some decades from now.
pub const MAX_YEAR: i32 = 2100;

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every file of `dir` as (name, bytes), by name.
pub fn read_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.expect("a directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// The files imported as the app imports what a person chose.
pub fn import_files(files: &[(String, Vec<u8>)]) -> Imported {
    let named: Vec<NamedFile<'_>> = files
        .iter()
        .map(|(name, bytes)| NamedFile { name, bytes })
        .collect();
    import(&named, MAX_YEAR)
}
