//! The command-line route: export the bundled dataset to CSV, check the folder, import it back
//! to byte-identical normalised JSON; errors give exit code 1 and write nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tactics-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn run(bin: &str, args: &[&str]) -> std::process::Output {
    Command::new(bin)
        .args(args)
        .output()
        .expect("the tool runs")
}

#[test]
fn export_validate_import_round_trip() {
    let dir = scratch("round");
    let csv = dir.join("csv");
    let json = root().join("public/data/dataset.json");
    let out = run(
        env!("CARGO_BIN_EXE_export"),
        &[
            json.to_str().unwrap_or(""),
            "-o",
            csv.to_str().unwrap_or(""),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(
        env!("CARGO_BIN_EXE_validate"),
        &[csv.to_str().unwrap_or("")],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let places = serde_json::from_str::<serde_json::Value>(
        &std::fs::read_to_string(root().join("public/data/dataset.json")).unwrap_or_default(),
    )
    .ok()
    .and_then(|d| d["jurisdictions"].as_array().map(Vec::len))
    .unwrap_or(0);
    assert!(places > 150);
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("0 errors; {places} places")));
    let back = dir.join("back.json");
    let out = run(
        env!("CARGO_BIN_EXE_import"),
        &[
            csv.to_str().unwrap_or(""),
            "-o",
            back.to_str().unwrap_or(""),
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&json).expect("bundled");
    let ds = tactics_core::model::validate::check(&text, 2100)
        .dataset
        .expect("usable");
    let written = std::fs::read_to_string(&back).expect("written");
    assert_eq!(written, tactics_sheets::normalise(&ds));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_with_errors_writes_nothing_and_fails() {
    let dir = scratch("errors");
    let example = root().join("crates/sheets/tests/fixtures/example");
    for entry in std::fs::read_dir(&example).expect("example") {
        let path = entry.expect("entry").path();
        std::fs::copy(&path, dir.join(path.file_name().expect("a name"))).expect("copied");
    }
    std::fs::write(
        dir.join("observations.csv"),
        "Series id,Year,Value,Source\nex-cases,2024,four,ex-annual-2025\n",
    )
    .expect("written");
    let out_file = dir.join("out.json");
    let out = run(
        env!("CARGO_BIN_EXE_import"),
        &[
            dir.to_str().unwrap_or(""),
            "-o",
            out_file.to_str().unwrap_or(""),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_file.exists());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("observations.csv, row 2, column 3 \"Value\" (C): error"),
        "{said}"
    );
    let out = run(
        env!("CARGO_BIN_EXE_validate"),
        &[dir.to_str().unwrap_or("")],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn usage_errors_exit_with_2() {
    assert_eq!(
        run(env!("CARGO_BIN_EXE_import"), &[]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(env!("CARGO_BIN_EXE_export"), &["x.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(env!("CARGO_BIN_EXE_validate"), &[]).status.code(),
        Some(2)
    );
}
