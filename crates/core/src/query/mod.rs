//! What is shown: filtering, sorting and totals, the URL state and what a visitor's action does
//! to it, the first view's frames and URL gate, what the first view hands the app, and the
//! messages to the worker.

pub mod action;
#[cfg(feature = "compare")]
pub mod compare;
pub mod filter;
pub mod first_view;
pub mod handoff;
pub mod index;
pub mod url_state;
pub mod worker_protocol;
