//! `cargo run -p tactics-cli --bin prerender -- DIST`: writes the default view of
//! `DIST/data/dataset.json` into `DIST/index.html`, and the first-view module's part of it to
//! `DIST/data/first-view-HASH.json` (run by the Trunk post-build hook,
//! `scripts/externalize-loader.mjs`; run it again after replacing the dataset in a built site).
//! A dataset with problems leaves the page as it is, with a message: the build does not
//! fail on a data file (the app reports its problems in the page), the page just has no first view.
//! Exit code 2 for a usage error or a file that cannot be read or written.
//!
//! `prerender --manifest` prints what the page's loader needs to know of the Rust code, as
//! JSON: the matrix's URL keys (`url_state::MATRIX_KEYS`), which the hook writes into the page's
//! manifest for the loader (`public/loader.js`) instead of a list of its own.

use std::path::Path;
use std::process::ExitCode;
use tactics_cli::prerender::{build, remove, Built};
use tactics_cli::{load, this_year};
use tactics_core::model::validate::utf8_text;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args == ["--manifest"] {
        println!("{}", tactics_cli::prerender::manifest());
        return ExitCode::SUCCESS;
    }
    let [dir] = args.as_slice() else {
        eprintln!(
            "usage: prerender DIST_FOLDER (with index.html and data/dataset.json), \
             or prerender --manifest"
        );
        return ExitCode::from(2);
    };
    match run(Path::new(dir)) {
        Ok(message) => {
            println!("prerender: {message}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("prerender: error: {e}");
            ExitCode::from(2)
        }
    }
}

/// What was done, or why the files could not be used.
fn run(dir: &Path) -> Result<String, String> {
    let page = dir.join("index.html");
    let html = std::fs::read_to_string(&page)
        .map_err(|e| format!("cannot read {}: {e}", page.display()))?;
    let data = load(&dir.join("data").join("dataset.json"))?;
    let text = utf8_text(data.bytes).map_err(|p| format!("{}: {p}", data.name))?;
    match build(&text, &html, this_year() + 1) {
        Ok(built) => {
            write_data(dir, &built)?;
            std::fs::write(&page, &built.page)
                .map_err(|e| format!("cannot write {}: {e}", page.display()))?;
            Ok(format!(
                "wrote the default view into {} (now {} bytes) and its data to {}",
                page.display(),
                built.page.len(),
                built.data_path
            ))
        }
        Err(why) => {
            // A first view of an earlier run would show data that is not the file's now.
            remove_data(dir);
            std::fs::write(&page, remove(&html))
                .map_err(|e| format!("cannot write {}: {e}", page.display()))?;
            Ok(format!(
                "{} left without a first view ({}): {why}",
                page.display(),
                data.name
            ))
        }
    }
}

/// The first view's data files of earlier runs, removed.
fn remove_data(dir: &Path) {
    if let Ok(entries) = std::fs::read_dir(dir.join("data")) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with("first-view-") && name.ends_with(".json") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Writes the first view's data file, removing the files of earlier runs.
fn write_data(dir: &Path, built: &Built) -> Result<(), String> {
    remove_data(dir);
    let path = dir.join(&built.data_path);
    std::fs::write(&path, &built.data_json)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}
