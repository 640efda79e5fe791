//! tactics-explorer, the app: a thin Leptos UI in `ui` that wires the URL state and the loaded
//! dataset to views. The pure core lives in `crates/core` (re-exported here under its module
//! names, so `crate::dataset` reads the same in the UI and in tests) and the charts in
//! `crates/charts`.

pub use tactics_charts as chart;
pub use tactics_core::{
    action, brief, chips, colour, compare, dataset, filter, filter_panel, html, json, map_marks,
    page_parts, panels, profile, rows, shell, text, url_state, validate,
};

pub mod ui;
