//! Spreadsheets in and out: the dataset as CSV files a coordinator can keep in a spreadsheet,
//! one file per table (the layout is in [`layout`] and docs/DATA.md).
//!
//! [`open`] takes what a person chose (one dataset JSON, or CSV files); [`import`] reads CSV
//! files, places every problem on its file, row and column, leaves out rows with problems, and
//! then checks the result with the same core validation as a JSON file; [`export`] writes a
//! dataset back as those files, and [`zip::archive`] packs them as one download;
//! [`matrix_csv`] writes the matrix's current view; [`normalise`] gives the JSON to publish.
//! No file system: files come in as named bytes, so the same code runs in the browser (in the
//! lazily loaded module) and on the command line.

pub mod cell;
mod defaults;
pub mod export;
pub mod import;
pub mod layout;
mod locate;
pub mod problem;
pub mod read;
pub mod view;
pub mod zip;

pub use cell::is_calendar_date;
pub use export::{export, Exported};
pub use import::{import, open, Imported, LeftOut};
pub use problem::{ColumnRef, JsonPlace, Problem, Severity};
pub use read::NamedFile;
pub use view::matrix_csv;

use tactics_core::model::dataset::Dataset;

/// The separator of lists inside a cell ("df-missoula; kpax-2024"). On reading, spaces around
/// items are ignored and an empty item (a trailing `;`) is skipped.
pub const SEPARATOR: &str = "; ";

/// The dataset as pretty JSON with a final newline, fields in the model's order: the form to
/// publish, and the form in which two datasets are compared byte for byte.
pub fn normalise(ds: &Dataset) -> String {
    let mut out = serde_json::to_string_pretty(ds).unwrap_or_default();
    out.push('\n');
    out
}
