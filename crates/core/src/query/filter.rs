//! Which places the matrix shows, in which order, and the totals: pure functions of the
//! dataset and the filter, so the UI derives the view instead of keeping copies in sync.

use crate::model::dataset::{Dataset, Kind, TacticUse};
use crate::model::lookup::Index;
use crate::query::index::{self, MAX_TACTICS};

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
    /// With a year range, count the uses whose year is uncertain for it ([`YearClass::Uncertain`]:
    /// undated, or open-ended and reaching into the range). Off by default (URL `undated=1`).
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
            include_undated: false,
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

    /// Whether a use counts under the year range: its evidence falls in the range
    /// ([`YearClass::In`]), or its year is uncertain for the range and the visitor asked to
    /// include such uses.
    pub fn counts(&self, u: &TacticUse) -> bool {
        self.counts_evidence(&evidence(u))
    }

    /// [`Filter::counts`] on a use's [`Evidence`], which is all of a use it reads; the filter
    /// index keeps only that per use.
    pub fn counts_evidence(&self, e: &Evidence) -> bool {
        match self.year_class(e) {
            YearClass::In => true,
            YearClass::Uncertain => self.include_undated,
            YearClass::Out => false,
        }
    }

    /// Whether a year range is set.
    pub fn has_years(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }

    /// Where a use's evidence lies against the year range (everything is in without one).
    /// The one rule of the year filter (docs/DATA.md, "The year rule"): a year with evidence
    /// in the range makes it in; when none of the years it may have evidence in meet the
    /// range it is out; else (no year known, or an open end reaching into the range) it is
    /// uncertain.
    pub fn year_class(&self, e: &Evidence) -> YearClass {
        if !self.has_years() {
            return YearClass::In;
        }
        let (lo, hi) = (self.from.unwrap_or(i32::MIN), self.to.unwrap_or(i32::MAX));
        match *e {
            Evidence::Undated => YearClass::Uncertain,
            // Listed evidence years: only those years count, never the gaps between them.
            Evidence::Years(ref years) => {
                if years.iter().any(|&y| self.year_in_range(y)) {
                    YearClass::In
                } else {
                    YearClass::Out
                }
            }
            Evidence::Span(first, last) => {
                if last >= lo && first <= hi {
                    YearClass::In
                } else {
                    YearClass::Out
                }
            }
            // "since a": evidence in a, perhaps in any later year.
            Evidence::Since(a) if self.year_in_range(a) => YearClass::In,
            Evidence::Since(a) if a > hi => YearClass::Out,
            Evidence::Since(_) => YearClass::Uncertain,
            // "by b": evidence in b, perhaps in any earlier year.
            Evidence::By(b) if self.year_in_range(b) => YearClass::In,
            Evidence::By(b) if b < lo => YearClass::Out,
            Evidence::By(_) => YearClass::Uncertain,
        }
    }

    /// Whether a single year lies in the range (for events and chart points).
    pub fn year_in_range(&self, year: i32) -> bool {
        self.from.is_none_or(|f| year >= f) && self.to.is_none_or(|t| year <= t)
    }
}

/// A use against the year range: its evidence falls in it, outside it, or it cannot be told
/// (undated, or open-ended and reaching into it). More dating never moves a use out of `In`
/// or out of `Out`; it can only settle an `Uncertain` one (tests/filter_url.rs checks this).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum YearClass {
    Out,
    Uncertain,
    In,
}

/// What the year filter reads of a use: its listed evidence years, else its first and last
/// year, or the one known end ("since", "by"), else undated. Whatever else
/// [`Filter::counts`] comes to read must be added here too, or the filter index (which keeps
/// only this) would disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    Undated,
    Span(i32, i32),
    /// Only `first_year` is known.
    Since(i32),
    /// Only `last_year` is known.
    By(i32),
    Years(Box<[i32]>),
}

pub fn evidence(u: &TacticUse) -> Evidence {
    if !u.years.is_empty() {
        return Evidence::Years(u.years.clone().into_boxed_slice());
    }
    match (u.first_year, u.last_year) {
        (None, None) => Evidence::Undated,
        (Some(a), None) => Evidence::Since(a),
        (None, Some(b)) => Evidence::By(b),
        (Some(a), Some(b)) => Evidence::Span(a, b),
    }
}

/// A place's use of a tactic that counts under the filter.
pub fn counted(index: &Index, filter: &Filter, place: usize, tactic: usize) -> bool {
    tactic < MAX_TACTICS && index::counted(index, filter, place) & (1 << tactic) != 0
}

/// Number of tactics a place uses within the filter's years.
pub fn row_total(index: &Index, filter: &Filter, place: usize) -> usize {
    index::counted(index, filter, place).count_ones() as usize
}

/// The matrix for one filter state: which places, in which order, and the column totals,
/// from one scan of the index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct View {
    /// Positions of the places that pass the filter, in the requested order.
    pub rows: Vec<usize>,
    /// For each tactic, how many of the rows use it within the filter's years.
    pub totals: Vec<usize>,
}

/// With a year range, the uses whose year is uncertain for it ([`YearClass::Uncertain`]),
/// counted apart: those of the places shown or, when they are not included, of the places
/// that would be shown if they were (of the checked tactics, when some are).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Uncertain {
    pub uses: usize,
    /// Places shown only when such uses are included (0 when they are).
    pub places: usize,
    pub included: bool,
}

/// The [`Uncertain`] uses of a filter state whose view shows `shown` places (nothing without
/// a year range, nor for a dataset of more tactics than the filter index takes).
pub fn uncertain(ds: &Dataset, index: &Index, filter: &Filter, shown: usize) -> Uncertain {
    if !filter.has_years() || !index.filter.covers(ds) {
        return Uncertain::default();
    }
    let (places, uses) = index::uncertain(index, filter);
    Uncertain {
        uses,
        places: places.saturating_sub(shown),
        included: filter.include_undated,
    }
}

/// The rows and totals of one filter state (what a filter click needs), in one pass.
pub fn view(ds: &Dataset, index: &Index, filter: &Filter, sort: &SortKey, dir: Dir) -> View {
    let hits = index::scan(index, filter, sort, dir);
    View {
        totals: index::totals(ds.tactics.len(), hits.iter().map(|&(_, c)| c)),
        rows: hits.into_iter().map(|(p, _)| p).collect(),
    }
}

/// Positions of the places that pass the filter, in the requested order.
pub fn visible(index: &Index, filter: &Filter, sort: &SortKey, dir: Dir) -> Vec<usize> {
    let hits = index::scan(index, filter, sort, dir);
    hits.into_iter().map(|(p, _)| p).collect()
}

/// For each tactic, how many of `rows` use it within the filter's years.
pub fn column_totals(ds: &Dataset, index: &Index, filter: &Filter, rows: &[usize]) -> Vec<usize> {
    let counted = rows.iter().map(|&p| index::counted(index, filter, p));
    index::totals(ds.tactics.len(), counted)
}

/// The distinct state codes in the data, sorted, for the state filter's choices.
pub fn states(ds: &Dataset) -> Vec<String> {
    crate::query::index::distinct_states(&ds.jurisdictions)
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
