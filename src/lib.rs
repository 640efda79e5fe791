//! tactics-explorer: a pure core (data model, validation, filtering, URL state, charts) that is
//! tested natively, and a thin Leptos UI in `ui` that wires signals to views.

pub mod chart;
pub mod colour;
pub mod dataset;
pub mod filter;
pub mod json;
pub mod rows;
pub mod url_state;
pub mod validate;

pub mod ui;
