//! Fetching and checking the dataset. Any failure becomes a message for the page.

use super::worker;
use crate::dataset::{Dataset, Index};
use crate::validate::{self, Problem, Severity, MAX_BYTES};
use leptos::prelude::{RwSignal, Set};
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// A checked dataset ready to show; cheap to clone (shared, immutable).
#[derive(Clone)]
pub struct Loaded {
    pub ds: Arc<Dataset>,
    pub index: Arc<Index>,
    pub problems: Arc<Vec<Problem>>,
    pub unlisted: usize,
    pub errors: usize,
}

#[derive(Clone)]
pub struct LoadError {
    pub message: String,
    pub problems: Arc<Vec<Problem>>,
}

fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// A dataset and its index, with what was found wrong in its file.
fn loaded(ds: Dataset, problems: Vec<Problem>, unlisted: usize) -> Loaded {
    let errors = validate::error_count(&problems, unlisted);
    Loaded {
        index: Arc::new(ds.index()),
        ds: Arc::new(ds),
        problems: Arc::new(problems),
        unlisted,
        errors,
    }
}

/// Reads dataset text on the fast path (typed, checked on typed data). A file with any problem
/// is refused with a short message: its located list is made by the worker ([`located`]).
pub fn load_text(text: &str, path: &str, max_year: i32) -> Result<Loaded, LoadError> {
    validate::read(text, max_year)
        .map(|ds| loaded(ds, Vec::new(), 0))
        .ok_or_else(|| LoadError {
            message: format!("The file {path} has problems."),
            problems: Arc::new(Vec::new()),
        })
}

/// Reads JSON that the worker has checked already (what it kept of a file): typed, no checks.
pub fn load_checked(json: &str, path: &str) -> Result<Loaded, LoadError> {
    serde_json::from_str::<Dataset>(json)
        .map(|ds| loaded(ds, Vec::new(), 0))
        .map_err(|e| LoadError {
            message: format!("The file {path} could not be used: {e}."),
            problems: Arc::new(Vec::new()),
        })
}

/// `note` says what the page waits for while a file with problems is checked in detail.
pub async fn fetch_dataset(
    path: String,
    note: RwSignal<Option<String>>,
) -> Result<Loaded, LoadError> {
    let text = fetch_text(&path).await?;
    // The usual case: typed straight from the text, which is freed before the checks and the
    // index (wasm memory keeps its highest level, so they are never alive together).
    let typed = validate::typed(&text);
    drop(text);
    if let Some(ds) = typed.and_then(|ds| validate::accept(ds, this_year() + 1)) {
        return Ok(loaded(ds, Vec::new(), 0));
    }
    note.set(Some(format!(
        "The file {path} has problems; listing them with their lines…"
    )));
    located(&path).await
}

/// The located problems of the dataset at `path` and what can still be shown, from the worker
/// (which reads the same file, given by the app; the positioned reader is not in the first
/// load).
async fn located(path: &str) -> Result<Loaded, LoadError> {
    let (reply, json) = worker::problems().await.map_err(|why| LoadError {
        message: format!(
            "The file {path} has problems, and the list of them could not be made: {why}"
        ),
        problems: Arc::new(Vec::new()),
    })?;
    let problems = reply.problems;
    match json.map(|j| serde_json::from_str::<Dataset>(&j)) {
        Some(Ok(ds)) => Ok(loaded(ds, problems, reply.unlisted)),
        _ => Err(unusable(path, problems)),
    }
}

/// The message for a file of which nothing can be shown: its first error, where it is.
fn unusable(path: &str, problems: Vec<Problem>) -> LoadError {
    let first = problems
        .iter()
        .find(|p| p.severity == Severity::Error)
        .map(|p| {
            format!(
                " {}: {} (line {}, column {}).",
                p.path, p.message, p.line, p.column
            )
        })
        .unwrap_or_default();
    LoadError {
        message: format!("The file {path} could not be used.{first}"),
        problems: Arc::new(problems),
    }
}

/// The file at `path` as UTF-8 text, or a message saying which step failed.
async fn fetch_text(path: &str) -> Result<String, LoadError> {
    let fail = |message: String| LoadError {
        message,
        problems: Arc::new(Vec::new()),
    };
    let response = match take_early_fetch(path) {
        Some(early) => wasm_bindgen_futures::JsFuture::from(early)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .map(gloo_net::http::Response::from)
            .ok_or_else(|| format!("The dataset {path} could not be fetched.")),
        None => gloo_net::http::Request::get(path)
            .send()
            .await
            .map_err(|e| format!("The dataset {path} could not be fetched: {e}.")),
    }
    .map_err(fail)?;
    if !response.ok() {
        return Err(fail(format!(
            "The dataset {path} could not be loaded: the server answered {} {}.",
            response.status(),
            response.status_text()
        )));
    }
    let response: web_sys::Response = response.into();
    if tactics_dom::declared_too_large(&response) {
        return Err(fail(too_large(path)));
    }
    let unread = || fail(format!("The dataset {path} could not be read."));
    // Read as a Blob, which the worker is then given instead of fetching the file again (the
    // page downloads the dataset once; the Blob's bytes are the browser's, outside the JS heap
    // and wasm memory). The app's own copy is read from it.
    let blob: web_sys::Blob = match response.blob() {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .ok()
            .and_then(|b| b.dyn_into().ok())
            .ok_or_else(unread)?,
        Err(_) => return Err(unread()),
    };
    if blob.size() > MAX_BYTES as f64 {
        return Err(fail(too_large(path)));
    }
    let bytes = tactics_dom::buffer_bytes(blob.array_buffer())
        .await
        .ok_or_else(unread)?;
    worker::set_data_file(blob);
    validate::utf8_text(bytes).map_err(|p| LoadError {
        message: format!(
            "The file {path} could not be used. {} (line {}, column {}).",
            p.message, p.line, p.column
        ),
        problems: Arc::new(vec![p]),
    })
}

/// The fetch that the page started before the wasm ran (public/pre-guard.js, the loader),
/// taken once, and only when it is of `path`: the bundled dataset, or the `data=` file by the
/// same rule as [`super::embed::data_path`].
fn take_early_fetch(path: &str) -> Option<js_sys::Promise> {
    let early = tactics_dom::early_fetch(path);
    tactics_dom::forget_early_fetch();
    early
}

fn too_large(path: &str) -> String {
    format!(
        "The dataset {path} is larger than the limit of {} MB and was not loaded.",
        MAX_BYTES / 1_048_576
    )
}
