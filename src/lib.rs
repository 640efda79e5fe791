//! tactics-explorer, the app: a thin Leptos UI in `ui` that wires the URL state and the loaded
//! dataset to views. The pure core lives in `crates/core` (re-exported here under its module
//! names, so `crate::dataset` reads the same in the UI and in tests) and the charts in
//! `crates/charts`.

pub use tactics_charts as chart;
pub use tactics_core::{
    markup::brief, markup::chips, markup::colour, markup::filter_panel, markup::html,
    markup::map_marks, markup::page_parts, markup::panels, markup::profile, markup::rows,
    markup::shell, markup::text, model::dataset, model::json, model::validate, query::action,
    query::compare, query::filter, query::url_state,
};

pub mod ui;
