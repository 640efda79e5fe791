//! Fetching and checking the dataset. Any failure becomes a message for the page.

use crate::dataset::{Dataset, Index};
use crate::validate::{self, Problem, Severity, MAX_BYTES};
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

/// A dataset without problems, with its index.
fn clean(ds: Dataset) -> Loaded {
    Loaded {
        index: Arc::new(ds.index()),
        ds: Arc::new(ds),
        problems: Arc::new(Vec::new()),
        unlisted: 0,
        errors: 0,
    }
}

/// Checks dataset text: the whole of the load path except the network.
pub fn load_text(text: &str, path: &str, max_year: i32) -> Result<Loaded, LoadError> {
    if let Some(ds) = validate::read(text, max_year) {
        return Ok(clean(ds));
    }
    let checked = validate::check_located(text, max_year);
    let errors = checked.errors();
    let problems = Arc::new(checked.problems);
    match checked.dataset {
        Some(ds) => Ok(Loaded {
            index: Arc::new(ds.index()),
            ds: Arc::new(ds),
            problems,
            unlisted: checked.unlisted,
            errors,
        }),
        None => {
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
            Err(LoadError {
                message: format!("The file {path} could not be used.{first}"),
                problems,
            })
        }
    }
}

pub async fn fetch_dataset(path: String) -> Result<Loaded, LoadError> {
    let fail = |message: String| LoadError {
        message,
        problems: Arc::new(Vec::new()),
    };
    let response = match take_early_fetch(&path) {
        Some(early) => wasm_bindgen_futures::JsFuture::from(early)
            .await
            .ok()
            .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
            .map(gloo_net::http::Response::from)
            .ok_or_else(|| format!("The dataset {path} could not be fetched.")),
        None => gloo_net::http::Request::get(&path)
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
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|len| len > MAX_BYTES) {
        return Err(fail(too_large(&path)));
    }
    // Bytes, not a JS string: the browser would decode 18 MB to UTF-16 and wasm-bindgen encode
    // it back to UTF-8; copying the bytes and checking UTF-8 here is several times cheaper.
    let bytes = response
        .binary()
        .await
        .map_err(|e| fail(format!("The dataset {path} could not be read: {e}.")))?;
    if bytes.len() > MAX_BYTES {
        return Err(fail(too_large(&path)));
    }
    let text = validate::utf8_text(bytes).map_err(|p| LoadError {
        message: format!(
            "The file {path} could not be used. {} (line {}, column {}).",
            p.message, p.line, p.column
        ),
        problems: Arc::new(vec![p]),
    })?;
    let max_year = this_year() + 1;
    // The usual case: typed straight from the text, which is freed before the index is built
    // (wasm memory keeps its highest level, so the two are never alive together).
    if let Some(ds) = validate::read(&text, max_year) {
        drop(text);
        return Ok(clean(ds));
    }
    load_text(&text, &path, max_year)
}

/// The fetch that the page's loader started before the wasm ran (scripts/externalize-loader.mjs),
/// taken once, and only when it is of `path`: the bundled dataset, or the `data=` file by the
/// same rule as [`super::embed::data_path`].
fn take_early_fetch(path: &str) -> Option<js_sys::Promise> {
    let window = web_sys::window()?;
    let key = wasm_bindgen::JsValue::from_str("__tacticsData");
    let early = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let field = |name: &str| js_sys::Reflect::get(&early, &wasm_bindgen::JsValue::from_str(name));
    if field("url").ok()?.as_string().as_deref() != Some(path) {
        return None;
    }
    field("response").ok()?.dyn_into::<js_sys::Promise>().ok()
}

fn too_large(path: &str) -> String {
    format!(
        "The dataset {path} is larger than the limit of {} MB and was not loaded.",
        MAX_BYTES / 1_048_576
    )
}
