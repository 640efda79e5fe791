//! Compact per-place columns built once with the dataset's [`Index`], so a filter click is a
//! scan of small arrays (tactic bit masks, kinds, state numbers, populations, one buffer of
//! lower-case names) instead of hash look-ups per place and tactic, and a sorted view walks an
//! order computed once per column instead of sorting again.
//!
//! For a year range the index keeps each used cell's [`evidence`], which is all that
//! [`Filter::counts`] reads of a use; without a year range (the usual case) the "used" mask is
//! the answer. The straightforward filter it replaces is the oracle of the property tests
//! (`tests/filter_plain`). Checked data has at most the 15 known tactics; a dataset with more
//! than [`MAX_TACTICS`] (unchecked) gets empty columns, so nothing is counted.

use crate::model::dataset::{Dataset, Jurisdiction, Kind, UseStatus};
use crate::model::lookup::Index;
use crate::query::filter::{evidence, Dir, Evidence, Filter, Match, SortKey, YearClass};
use std::sync::OnceLock;

/// Marks a cell of [`Index::cells`] that has no entry.
pub const NO_USE: u32 = u32::MAX;
/// More tactics than this do not fit a mask (the checks allow 15).
pub const MAX_TACTICS: usize = 64;
const NO_STATE: u32 = u32::MAX;

/// The columns the filter scans, one entry per place (by position).
#[derive(Debug, Clone, Default)]
pub struct FilterIndex {
    tactics: usize,
    /// Bit t: the place uses tactic t (status "used").
    used: Vec<u64>,
    /// Bit t: tactic t was researched for the place (used or not found).
    researched: Vec<u64>,
    /// The evidence spans of the used cells, place after place, each place's in bit order
    /// from `span_start[place]`: read only under a year range, and in memory order.
    span_start: Vec<u32>,
    spans: Vec<Evidence>,
    kind: Vec<Kind>,
    /// Number of the place's state in `states`, or `NO_STATE`.
    state: Vec<u32>,
    /// The distinct state codes, sorted.
    states: Vec<String>,
    population: Vec<Option<u64>>,
    names: LowerNames,
    /// Places in name order (the rank order of [`Index::name_rank`]).
    by_name: Vec<u32>,
    /// Places by population ascending and descending, ties by name, unknown last: sorted on
    /// the first sort by population, not while the first view waits (it is in name order).
    by_population: OnceLock<[Vec<u32>; 2]>,
}

/// Every place's lower-case name in one buffer (one allocation instead of one per place),
/// made once for both the name order and the search box.
#[derive(Debug, Clone, Default)]
pub struct LowerNames {
    text: String,
    /// Place p's name ends at `end[p]` and starts where p - 1's ends.
    end: Vec<usize>,
}

impl LowerNames {
    pub fn new(places: &[Jurisdiction]) -> LowerNames {
        let bytes = places.iter().map(|j| j.name.len()).sum();
        let mut text = String::with_capacity(bytes);
        let mut end = Vec::with_capacity(places.len());
        for j in places {
            push_lower(&mut text, &j.name);
            end.push(text.len());
        }
        LowerNames { text, end }
    }

    /// Place p's lower-case name.
    pub fn get(&self, p: usize) -> Option<&str> {
        let start = if p == 0 { 0 } else { *self.end.get(p - 1)? };
        self.text.get(start..*self.end.get(p)?)
    }
}

/// Appends `name` lower-cased as `str::to_lowercase` does, without a new string per name.
fn push_lower(out: &mut String, name: &str) {
    if name.is_ascii() {
        let start = out.len();
        out.push_str(name);
        // Only ASCII letters change, so the text stays UTF-8.
        if let Some(added) = out.get_mut(start..) {
            added.make_ascii_lowercase();
        }
    } else {
        out.push_str(&name.to_lowercase());
    }
}

/// A place that passes the filter and the tactics it counts (bit t for tactic t).
type Hit = (usize, u64);

impl FilterIndex {
    /// Builds the columns from the finished cells and name ranks of an [`Index`].
    pub(crate) fn build(
        ds: &Dataset,
        cells: &[u32],
        name_rank: &[u32],
        names: LowerNames,
    ) -> FilterIndex {
        let tactics = ds.tactics.len();
        if tactics > MAX_TACTICS {
            return FilterIndex::default();
        }
        let (used, researched) = masks(ds, cells, tactics);
        let (span_start, spans) = evidence_spans(ds, cells, tactics, &used);
        let states = distinct_states(&ds.jurisdictions);
        let state = ds
            .jurisdictions
            .iter()
            .map(|j| {
                j.state
                    .as_ref()
                    .and_then(|s| states.binary_search(s).ok())
                    .map_or(NO_STATE, |i| i as u32)
            })
            .collect();
        let population: Vec<Option<u64>> = ds
            .jurisdictions
            .iter()
            .map(|j| j.population.as_ref().map(|p| p.value))
            .collect();
        let mut by_name = vec![0u32; name_rank.len()];
        for (p, &rank) in name_rank.iter().enumerate() {
            if let Some(slot) = by_name.get_mut(rank as usize) {
                *slot = p as u32;
            }
        }
        FilterIndex {
            tactics,
            used,
            researched,
            span_start,
            spans,
            kind: ds.jurisdictions.iter().map(|j| j.kind).collect(),
            state,
            states,
            population,
            names,
            by_name,
            by_population: OnceLock::new(),
        }
    }

    /// Whether these columns describe `ds` (built from it, with few enough tactics).
    pub fn covers(&self, ds: &Dataset) -> bool {
        ds.tactics.len() <= MAX_TACTICS
            && self.tactics == ds.tactics.len()
            && self.used.len() == ds.jurisdictions.len()
    }

    /// Places by population (ascending, or descending), made on first use.
    fn population_order(&self, name_rank: &[u32], desc: bool) -> &[u32] {
        let orders = self
            .by_population
            .get_or_init(|| population_orders(&self.population, name_rank));
        &orders[usize::from(desc)]
    }

    /// A place's lower-case name, for the search box.
    /// The distinct state codes of the places, sorted (listed once, when the index is built).
    pub fn states(&self) -> &[String] {
        &self.states
    }

    pub fn lower_name(&self, p: usize) -> Option<&str> {
        self.names.get(p)
    }
}

/// The distinct state codes, sorted (borrowed while sorting: one copy per state, not per place).
pub(crate) fn distinct_states(places: &[Jurisdiction]) -> Vec<String> {
    let mut states: Vec<&str> = places.iter().filter_map(|j| j.state.as_deref()).collect();
    states.sort_unstable();
    states.dedup();
    states.into_iter().map(str::to_string).collect()
}

/// The "used" and "researched" masks of every place.
fn masks(ds: &Dataset, cells: &[u32], tactics: usize) -> (Vec<u64>, Vec<u64>) {
    let places = ds.jurisdictions.len();
    let (mut used, mut researched) = (vec![0u64; places], vec![0u64; places]);
    for p in 0..places {
        for t in 0..tactics {
            let Some(u) = cells
                .get(p * tactics + t)
                .and_then(|&u| ds.uses.get(u as usize))
            else {
                continue;
            };
            researched[p] |= 1 << t;
            if u.status == UseStatus::Used {
                used[p] |= 1 << t;
            }
        }
    }
    (used, researched)
}

/// The evidence span of every used cell, in place and bit order, and where each place's begin.
fn evidence_spans(
    ds: &Dataset,
    cells: &[u32],
    tactics: usize,
    used: &[u64],
) -> (Vec<u32>, Vec<Evidence>) {
    let mut start = Vec::with_capacity(used.len() + 1);
    let mut spans = Vec::new();
    for (p, &mask) in used.iter().enumerate() {
        start.push(spans.len() as u32);
        for_each_bit(mask, |t| {
            let u = cells
                .get(p * tactics + t)
                .and_then(|&u| ds.uses.get(u as usize));
            spans.push(u.map_or(Evidence::Undated, evidence));
        });
    }
    start.push(spans.len() as u32);
    (start, spans)
}

/// Calls `f` with the number of each set bit, lowest first.
fn for_each_bit(mut bits: u64, mut f: impl FnMut(usize)) {
    while bits != 0 {
        f(bits.trailing_zeros() as usize);
        bits &= bits - 1;
    }
}

/// Population orders as the plain sort makes them: values clamped to `i64::MAX`, ties and
/// unknown populations (always last) in name order. Descending is the ascending order with its
/// runs of equal values reversed, so one sort serves both.
fn population_orders(population: &[Option<u64>], name_rank: &[u32]) -> [Vec<u32>; 2] {
    let key = |p: u32| population[p as usize].map(|v| v.min(i64::MAX as u64));
    let rank = |p: u32| name_rank.get(p as usize).copied().unwrap_or(u32::MAX);
    let mut asc: Vec<u32> = (0..population.len() as u32).collect();
    asc.sort_unstable_by_key(|&p| (key(p).is_none(), key(p), rank(p)));
    let known = asc.iter().take_while(|&&p| key(p).is_some()).count();
    let mut desc = Vec::with_capacity(asc.len());
    let mut end = known;
    while end > 0 {
        let value = key(asc[end - 1]);
        let start = asc[..end]
            .iter()
            .rposition(|&p| key(p) != value)
            .map_or(0, |i| i + 1);
        desc.extend_from_slice(&asc[start..end]);
        end = start;
    }
    desc.extend_from_slice(&asc[known..]);
    [asc, desc]
}

/// One filter state prepared for a scan: every test compares small numbers.
struct Query<'a> {
    index: &'a Index,
    filter: &'a Filter,
    needle: String,
    /// Per state number, whether it is chosen; None when any state will do.
    states: Option<Vec<bool>>,
    kinds: Option<Vec<Kind>>,
    /// The checked tactics; `impossible` when "all" asks for a tactic the data lacks.
    want: u64,
    impossible: bool,
    /// Whether uses of uncertain year count (the filter's choice, or asked for by [`uncertain`]).
    include: bool,
}

impl<'a> Query<'a> {
    fn new(index: &'a Index, filter: &'a Filter) -> Query<'a> {
        let cols = &index.filter;
        let states = (!filter.states.is_empty()).then(|| {
            cols.states
                .iter()
                .map(|s| filter.states.contains(s))
                .collect()
        });
        let mut want = 0u64;
        let mut unknown = false;
        for id in &filter.tactics {
            match index.tactic_pos.get(id) {
                Some(&t) if t < MAX_TACTICS => want |= 1 << t,
                _ => unknown = true,
            }
        }
        Query {
            index,
            filter,
            needle: filter.q.trim().to_lowercase(),
            states,
            kinds: (!filter.kinds.is_empty()).then(|| filter.kinds.clone()),
            want,
            impossible: unknown && filter.mode == Match::All,
            include: filter.include_undated,
        }
    }

    /// Place p's counted tactics if it passes every part of the filter.
    fn test(&self, p: usize) -> Option<Hit> {
        let cols = &self.index.filter;
        if let Some(kinds) = &self.kinds {
            if !kinds.contains(cols.kind.get(p)?) {
                return None;
            }
        }
        if let Some(chosen) = &self.states {
            if !chosen
                .get(*cols.state.get(p)? as usize)
                .copied()
                .unwrap_or(false)
            {
                return None;
            }
        }
        if let Some(band) = &self.filter.pop {
            if !cols.population.get(p)?.is_some_and(|v| band.contains(v)) {
                return None;
            }
        }
        let (within, uncertain) = classes(self.index, self.filter, p);
        let counted = if self.include {
            within | uncertain
        } else {
            within
        };
        if !self.filter.tactics.is_empty() {
            let pass = match self.filter.mode {
                Match::Any => counted & self.want != 0,
                Match::All => !self.impossible && counted & self.want == self.want,
            };
            if !pass {
                return None;
            }
        }
        if !self.needle.is_empty() && !cols.lower_name(p)?.contains(self.needle.as_str()) {
            return None;
        }
        Some((p, counted))
    }

    /// The passing places, visited in `order`.
    fn walk<'o>(&self, order: impl Iterator<Item = &'o u32>) -> Vec<Hit> {
        order.filter_map(|&p| self.test(p as usize)).collect()
    }
}

/// The places that pass the filter in the requested order, each with its counted tactics.
pub(crate) fn scan(index: &Index, filter: &Filter, sort: &SortKey, dir: Dir) -> Vec<Hit> {
    let q = Query::new(index, filter);
    let cols = &index.filter;
    let desc = dir == Dir::Desc;
    match sort {
        SortKey::Name if desc => q.walk(cols.by_name.iter().rev()),
        SortKey::Name => q.walk(cols.by_name.iter()),
        SortKey::Population => q.walk(cols.population_order(&index.name_rank, desc).iter()),
        SortKey::Total => {
            let hits = q.walk(cols.by_name.iter());
            buckets(hits, MAX_TACTICS + 1, desc, |(_, counted)| {
                counted.count_ones() as usize
            })
        }
        SortKey::Tactic(id) => {
            let hits = q.walk(cols.by_name.iter());
            match index.tactic_pos.get(id) {
                Some(&t) if t < cols.tactics => {
                    buckets(hits, 4, desc, |(p, counted)| cell_rank(cols, p, counted, t))
                }
                // An unknown column has no values: name order either way.
                _ => hits,
            }
        }
    }
}

/// A cell's place in a tactic column's order: not researched, not found, used outside the
/// years, used within them.
fn cell_rank(cols: &FilterIndex, p: usize, counted: u64, t: usize) -> usize {
    let bit = 1u64 << t;
    let has = |mask: Option<&u64>| mask.is_some_and(|m| m & bit != 0);
    if counted & bit != 0 {
        3
    } else if has(cols.used.get(p)) {
        2
    } else if has(cols.researched.get(p)) {
        1
    } else {
        0
    }
}

/// A stable counting sort of hits (already in name order) by a small key, so ties stay in
/// name order in both directions.
fn buckets(hits: Vec<Hit>, keys: usize, desc: bool, key: impl Fn(Hit) -> usize) -> Vec<Hit> {
    let slot = |h: Hit| {
        let k = key(h).min(keys - 1);
        if desc {
            keys - 1 - k
        } else {
            k
        }
    };
    let mut start = vec![0usize; keys + 1];
    for &h in &hits {
        start[slot(h) + 1] += 1;
    }
    for k in 0..keys {
        start[k + 1] += start[k];
    }
    let mut out = vec![(0, 0); hits.len()];
    for h in hits {
        let s = &mut start[slot(h)];
        out[*s] = h;
        *s += 1;
    }
    out
}

/// For each tactic, how many of the hits count it.
pub(crate) fn totals(tactics: usize, hits: impl Iterator<Item = u64>) -> Vec<usize> {
    let mut totals = vec![0; tactics];
    for bits in hits {
        for_each_bit(bits, |t| {
            if let Some(n) = totals.get_mut(t) {
                *n += 1;
            }
        });
    }
    totals
}

/// The tactics place p uses that count under the filter's years (bit t for tactic t).
pub(crate) fn counted(index: &Index, filter: &Filter, p: usize) -> u64 {
    let (within, uncertain) = classes(index, filter, p);
    if filter.include_undated {
        within | uncertain
    } else {
        within
    }
}

/// The tactics place p uses in the filter's years, and those of uncertain year for them
/// ([`Filter::year_class`]; without a year range every use is in).
fn classes(index: &Index, filter: &Filter, p: usize) -> (u64, u64) {
    let cols = &index.filter;
    let used = cols.used.get(p).copied().unwrap_or(0);
    if !filter.has_years() {
        return (used, 0);
    }
    let mut at = cols.span_start.get(p).map_or(0, |&s| s as usize);
    let (mut within, mut uncertain) = (0, 0);
    for_each_bit(used, |t| {
        match cols.spans.get(at).map(|e| filter.year_class(e)) {
            Some(YearClass::In) => within |= 1 << t,
            Some(YearClass::Uncertain) => uncertain |= 1 << t,
            _ => {}
        }
        at += 1;
    });
    (within, uncertain)
}

/// With a year range: the places shown when uses of uncertain year are included, and how many
/// such uses they have (of the checked tactics, when some are).
pub(crate) fn uncertain(index: &Index, filter: &Filter) -> (usize, usize) {
    let mut q = Query::new(index, filter);
    q.include = true;
    let want = if filter.tactics.is_empty() {
        u64::MAX
    } else {
        q.want
    };
    let hits = q.walk(index.filter.by_name.iter());
    let uses = hits
        .iter()
        .map(|&(p, _)| (classes(index, filter, p).1 & want).count_ones() as usize)
        .sum();
    (hits.len(), uses)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> Jurisdiction {
        let mut j: Jurisdiction = serde_json::from_value(serde_json::json!({
            "id": "x", "name": "x", "kind": "city", "summary": "",
        }))
        .unwrap_or_else(|e| panic!("test place: {e}"));
        j.name = name.to_string();
        j
    }

    #[test]
    fn lower_names_are_each_name_lower_cased_alone() {
        let names = [
            "Fair Oaks",
            "",
            "ÉLÉ Town",
            "ΣΑΣ",
            "İzmir",
            "a\u{0}B",
            "MISSOULA",
        ];
        let places: Vec<Jurisdiction> = names.iter().map(|n| place(n)).collect();
        let lower = LowerNames::new(&places);
        for (p, name) in names.iter().enumerate() {
            assert_eq!(lower.get(p), Some(name.to_lowercase().as_str()), "{name}");
        }
        assert_eq!(lower.get(names.len()), None);
    }
}
