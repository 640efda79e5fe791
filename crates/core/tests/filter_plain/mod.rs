//! The straightforward filter, the oracle of the property tests (`filter_index.rs`): place by
//! place, tactic by tactic, through [`Dataset::cell`]. The core filters with the compact
//! columns of its `index` module; this must give the same rows, order and totals for any
//! filter state. Test code only: no runtime calls it.

use std::cmp::Ordering;
use tactics_core::model::dataset::{CellState, Dataset, Index};
use tactics_core::query::filter::{Dir, Filter, Match, SortKey};

/// A place's use of a tactic that counts under the filter.
pub fn counted(ds: &Dataset, index: &Index, filter: &Filter, place: usize, tactic: usize) -> bool {
    matches!(ds.cell(index, place, tactic), CellState::Used(u) if filter.counts(u))
}

/// Number of tactics a place uses within the filter's years.
pub fn row_total(ds: &Dataset, index: &Index, filter: &Filter, place: usize) -> usize {
    (0..ds.tactics.len())
        .filter(|&t| counted(ds, index, filter, place, t))
        .count()
}

fn place_matches(ds: &Dataset, index: &Index, filter: &Filter, needle: &str, p: usize) -> bool {
    let Some(j) = ds.jurisdictions.get(p) else {
        return false;
    };
    if !needle.is_empty() && !j.name.to_lowercase().contains(needle) {
        return false;
    }
    if !filter.states.is_empty()
        && !j
            .state
            .as_ref()
            .is_some_and(|s| filter.states.iter().any(|f| f == s))
    {
        return false;
    }
    if !filter.kinds.is_empty() && !filter.kinds.contains(&j.kind) {
        return false;
    }
    if let Some(band) = &filter.pop {
        if !j
            .population
            .as_ref()
            .is_some_and(|pop| band.contains(pop.value))
        {
            return false;
        }
    }
    if filter.tactics.is_empty() {
        return true;
    }
    let mut hits = filter.tactics.iter().map(|id| {
        index
            .tactic_pos
            .get(id)
            .is_some_and(|&t| counted(ds, index, filter, p, t))
    });
    match filter.mode {
        Match::Any => hits.any(|h| h),
        Match::All => hits.all(|h| h),
    }
}

/// Positions of the places that pass the filter, in the requested order.
pub fn visible(
    ds: &Dataset,
    index: &Index,
    filter: &Filter,
    sort: &SortKey,
    dir: Dir,
) -> Vec<usize> {
    let needle = filter.q.trim().to_lowercase();
    let mut rows: Vec<usize> = (0..ds.jurisdictions.len())
        .filter(|&p| place_matches(ds, index, filter, &needle, p))
        .collect();
    sort_rows(ds, index, filter, sort, dir, &mut rows);
    rows
}

fn by_name(index: &Index, a: usize, b: usize) -> Ordering {
    let rank = |p: usize| index.name_rank.get(p).copied().unwrap_or(u32::MAX);
    rank(a).cmp(&rank(b)).then(a.cmp(&b))
}

/// Sorts rows; ties (and missing values, which always go last) fall back to the name.
pub fn sort_rows(
    ds: &Dataset,
    index: &Index,
    filter: &Filter,
    sort: &SortKey,
    dir: Dir,
    rows: &mut [usize],
) {
    let tactic = match sort {
        SortKey::Tactic(id) => index.tactic_pos.get(id).copied(),
        _ => None,
    };
    // A sortable key per row: None sorts last in both directions.
    let key = |p: usize| -> Option<i64> {
        match sort {
            SortKey::Name => Some(0),
            SortKey::Population => ds.jurisdictions[p]
                .population
                .as_ref()
                .map(|x| x.value.min(i64::MAX as u64) as i64),
            SortKey::Total => Some(row_total(ds, index, filter, p) as i64),
            SortKey::Tactic(_) => tactic.map(|t| match ds.cell(index, p, t) {
                CellState::Used(u) if filter.counts(u) => 2,
                CellState::Used(_) => 1,
                CellState::NotFound(_) => 0,
                CellState::NotResearched => -1,
            }),
        }
    };
    let mut keyed: Vec<(Option<i64>, usize)> = rows.iter().map(|&p| (key(p), p)).collect();
    keyed.sort_by(|(ka, a), (kb, b)| {
        let names = by_name(index, *a, *b);
        let primary = match (ka, kb) {
            (Some(x), Some(y)) => match dir {
                Dir::Asc => x.cmp(y),
                Dir::Desc => y.cmp(x),
            },
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        match (sort, dir) {
            (SortKey::Name, Dir::Desc) => names.reverse(),
            _ => primary.then(names),
        }
    });
    for (slot, (_, p)) in rows.iter_mut().zip(keyed) {
        *slot = p;
    }
}

/// For each tactic, how many of `rows` use it within the filter's years.
pub fn column_totals(ds: &Dataset, index: &Index, filter: &Filter, rows: &[usize]) -> Vec<usize> {
    (0..ds.tactics.len())
        .map(|t| {
            rows.iter()
                .filter(|&&p| counted(ds, index, filter, p, t))
                .count()
        })
        .collect()
}
