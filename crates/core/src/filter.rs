//! Which places the matrix shows, in which order, and the totals: pure functions of the
//! dataset and the filter, so the UI derives the view instead of keeping copies in sync.

use crate::dataset::{CellState, Dataset, Index, Kind, TacticUse};
use std::cmp::Ordering;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Match {
    #[default]
    Any,
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Population,
    Total,
    /// A tactic id.
    Tactic(String),
}

impl SortKey {
    pub fn id(&self) -> &str {
        match self {
            SortKey::Name => "name",
            SortKey::Population => "population",
            SortKey::Total => "total",
            SortKey::Tactic(id) => id,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Dir {
    #[default]
    Asc,
    Desc,
}

/// Inclusive population band; either end may be open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PopBand {
    pub min: Option<u64>,
    pub max: Option<u64>,
}

impl PopBand {
    pub fn contains(&self, n: u64) -> bool {
        self.min.is_none_or(|m| n >= m) && self.max.is_none_or(|m| n <= m)
    }
}

/// Everything that narrows the matrix. The default shows every place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Checked tactic ids, in the dataset's canonical order.
    pub tactics: Vec<String>,
    pub mode: Match,
    pub from: Option<i32>,
    pub to: Option<i32>,
    /// Keep uses without a known year when a year range is set.
    pub include_undated: bool,
    pub states: Vec<String>,
    pub kinds: Vec<Kind>,
    pub pop: Option<PopBand>,
    pub q: String,
}

impl Default for Filter {
    fn default() -> Self {
        Filter {
            tactics: Vec::new(),
            mode: Match::Any,
            from: None,
            to: None,
            include_undated: true,
            states: Vec::new(),
            kinds: Vec::new(),
            pop: None,
            q: String::new(),
        }
    }
}

impl Filter {
    pub fn is_default(&self) -> bool {
        *self == Filter::default()
    }

    /// Whether a use counts under the year range: its dated evidence overlaps the range,
    /// or it is undated and undated uses are included.
    pub fn counts(&self, u: &TacticUse) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let (first, last) = match (u.first_year, u.last_year) {
            (None, None) => return self.include_undated,
            (Some(a), None) => (a, a),
            (None, Some(b)) => (b, b),
            (Some(a), Some(b)) => (a, b),
        };
        self.from.is_none_or(|f| last >= f) && self.to.is_none_or(|t| first <= t)
    }

    /// Whether a single year lies in the range (for events and chart points).
    pub fn year_in_range(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }
}

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
    if !needle.is_empty()
        && !index
            .lower_names
            .get(p)
            .is_some_and(|name| name.contains(needle))
    {
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

/// The distinct state codes in the data, sorted, for the state filter's choices.
pub fn states(ds: &Dataset) -> Vec<String> {
    let mut s: Vec<String> = ds
        .jurisdictions
        .iter()
        .filter_map(|j| j.state.clone())
        .collect();
    s.sort();
    s.dedup();
    s
}

/// Civil year (UTC) of a Unix timestamp; used where no calendar crate is wanted.
pub fn year_of_unix_seconds(secs: u64) -> i32 {
    // Howard Hinnant's days-to-civil algorithm.
    let days = (secs / 86_400) as i64 + 719_468;
    let era = days.div_euclid(146_097);
    let doe = days.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    year as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_year_from_timestamp() {
        assert_eq!(year_of_unix_seconds(0), 1970);
        assert_eq!(year_of_unix_seconds(1_795_000_000), 2026); // 2026-11-18
        assert_eq!(year_of_unix_seconds(1_798_761_600), 2027); // 2027-01-01T00:00Z
        assert_eq!(year_of_unix_seconds(1_798_761_599), 2026);
    }

    #[test]
    fn pop_band_is_inclusive_and_open_ended() {
        let band = PopBand {
            min: Some(10),
            max: None,
        };
        assert!(band.contains(10) && band.contains(u64::MAX) && !band.contains(9));
    }
}
