//! The pure core of tactics-explorer, without DOM: the data model and its index, the dataset
//! reader and validator, filtering and sorting, the URL state, the matrix rows as escaped HTML,
//! colour contrast and shared text helpers. Used by the app, the lazily loaded worker and the
//! command-line tools, and tested natively.

pub mod action;
#[cfg(feature = "compare")]
pub mod brief;
pub mod chips;
pub mod colour;
#[cfg(feature = "compare")]
pub mod compare;
pub mod counts;
pub mod dataset;
pub mod fast_hash;
pub mod filter;
pub mod filter_panel;
pub mod first_view;
pub mod handoff;
pub mod html;
pub mod index;
pub mod json;
pub mod lookup;
pub mod map_marks;
pub mod page_parts;
pub mod panels;
pub mod part_wire;
pub mod profile;
pub mod row_patch;
pub mod rows;
pub mod scalars;
pub mod shell;
pub mod text;
pub mod url_state;
pub mod validate;

/// The small fixture dataset, checked, for the unit tests of the view builders.
#[cfg(test)]
pub(crate) fn small_fixture() -> dataset::Dataset {
    let checked = validate::check(include_str!("../../../tests/fixtures/small.json"), 2027);
    checked
        .dataset
        .unwrap_or_else(|| panic!("{:?}", checked.problems))
}
