//! What the map shows for each place under a filter: whether the matrix shows its row, its
//! row total, and how many checked tactics it uses. Computed from `filter` exactly as the
//! matrix does, so the strong marks on the map are the matrix's rows.

use crate::model::dataset::Dataset;
use crate::model::lookup::Index;
use crate::query::filter::{self, Dir, Filter, SortKey};

/// One place as the map needs it (by position in `ds.jurisdictions`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceMark {
    pub pos: usize,
    /// The matrix shows this place under the filter.
    pub matched: bool,
    /// Tactics used within the filter's years (the matrix's "Tactics used").
    pub used: usize,
    /// How many of the checked tactics it uses within the filter's years.
    pub checked_used: usize,
}

/// Every place of the dataset, in dataset order, with what the map draws for it.
pub fn place_marks(ds: &Dataset, index: &Index, f: &Filter) -> Vec<PlaceMark> {
    let mut shown = vec![false; ds.jurisdictions.len()];
    for p in filter::visible(index, f, &SortKey::Name, Dir::Asc) {
        if let Some(s) = shown.get_mut(p) {
            *s = true;
        }
    }
    let checked: Vec<usize> = f
        .tactics
        .iter()
        .filter_map(|id| index.tactic_pos.get(id).copied())
        .collect();
    shown
        .iter()
        .enumerate()
        .map(|(pos, &matched)| PlaceMark {
            pos,
            matched,
            used: filter::row_total(index, f, pos),
            checked_used: checked
                .iter()
                .filter(|&&t| filter::counted(index, f, pos, t))
                .count(),
        })
        .collect()
}
