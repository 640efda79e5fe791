//! The data: the model (serde types) and its lookups, the strict JSON reader, the validator
//! with its fast path, and the compact form of the first view's part of a dataset.

pub mod counts;
pub mod dataset;
pub mod fast_hash;
pub mod json;
pub mod lookup;
pub mod part_wire;
pub mod scalars;
pub mod validate;
