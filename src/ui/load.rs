//! Fetching and checking the dataset. Any failure becomes a message for the page.

use crate::dataset::{Dataset, Index};
use crate::validate::{self, Problem, Severity, MAX_BYTES};
use std::sync::Arc;

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

/// Checks dataset text: the whole of the load path except the network.
pub fn load_text(text: &str, path: &str, max_year: i32) -> Result<Loaded, LoadError> {
    let checked = validate::check(text, max_year);
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
    let response = gloo_net::http::Request::get(&path)
        .send()
        .await
        .map_err(|e| fail(format!("The dataset {path} could not be fetched: {e}.")))?;
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
    let text = response.text().await.map_err(|e| {
        fail(format!(
            "The dataset {path} could not be read as text: {e}."
        ))
    })?;
    if text.len() > MAX_BYTES {
        return Err(fail(too_large(&path)));
    }
    load_text(&text, &path, this_year() + 1)
}

fn too_large(path: &str) -> String {
    format!(
        "The dataset {path} is larger than the limit of {} MB and was not loaded.",
        MAX_BYTES / 1_048_576
    )
}
