//! The lazily loaded module's pure parts, tested natively; `main.rs` wires them to messages.

pub mod charts;
pub mod import;
pub mod map;
