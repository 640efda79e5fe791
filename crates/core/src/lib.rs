//! The pure core of tactics-explorer, without DOM, in three groups: `model` (the data model and
//! its index, the dataset reader and validator), `query` (filtering and sorting, the URL state and
//! actions, the first view's frames, the typed messages of the app and its worker) and `markup`
//! (the page, the matrix and its rows, the panels, as escaped HTML, with the text and colour
//! helpers). Used by the app, the first view, the lazily loaded worker and the command-line
//! tools, and tested natively.

pub mod markup;
pub mod model;
pub mod query;

/// The small fixture dataset, checked, for the unit tests of the view builders.
#[cfg(test)]
pub(crate) fn small_fixture() -> model::dataset::Dataset {
    let checked = model::validate::check(include_str!("../../../tests/fixtures/small.json"), 2027);
    checked
        .dataset
        .unwrap_or_else(|| panic!("{:?}", checked.problems))
}
