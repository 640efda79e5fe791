//! Lookups built once after load ([`Index`]): each place's, tactic's and source's position by
//! id, each cell's use, the name order and the filter's compact columns (`index`). The data
//! model (`dataset`) does not depend on this module; this one reads it.

use crate::model::dataset::{
    CellState, Dataset, Jurisdiction, Source, SourceKind, TacticUse, UseStatus,
};
use crate::model::fast_hash::{self, FastMap};
use crate::query::index::{FilterIndex, LowerNames, NO_USE};

/// The first eight bytes of `name` (zero after its end) as a big-endian number.
fn name_prefix(name: &str) -> u64 {
    let mut word = [0u8; 8];
    let head = &name.as_bytes()[..name.len().min(8)];
    word[..head.len()].copy_from_slice(head);
    u64::from_be_bytes(word)
}

/// Each entry's position by its id (the last, when an id repeats: checked data has none).
fn positions<T>(items: &[T], id: impl Fn(&T) -> &String) -> FastMap<String, usize> {
    let mut pos = fast_hash::map(items.len());
    for (i, item) in items.iter().enumerate() {
        pos.insert(id(item).clone(), i);
    }
    pos
}

/// Lookups built once after load, so the matrix never scans the whole use list per cell.
#[derive(Debug, Clone, Default)]
pub struct Index {
    /// For each jurisdiction (by position) and tactic (by position), row after row, the
    /// position of its use entry, or [`NO_USE`]. One flat array: at 30,000 places a vector per
    /// place took 7.9 MB instead of 1.8 MB.
    pub cells: Vec<u32>,
    pub place_pos: FastMap<String, usize>,
    pub tactic_pos: FastMap<String, usize>,
    pub source_pos: FastMap<String, usize>,
    /// Each place's rank in name order (case-insensitive, then id), so sorting by name is an
    /// integer comparison even with 30,000 places.
    pub name_rank: Vec<u32>,
    /// Compact columns that filtering, sorting and totals scan.
    pub filter: FilterIndex,
}

impl Dataset {
    pub fn index(&self) -> Index {
        let place_pos = positions(&self.jurisdictions, |j| &j.id);
        let tactic_pos = positions(&self.tactics, |t| &t.id);
        let source_pos = positions(&self.sources, |s| &s.id);
        let tactics = self.tactics.len();
        let mut cells = vec![NO_USE; tactics * self.jurisdictions.len()];
        for (u, tactic_use) in self.uses.iter().enumerate() {
            if let (Some(&p), Some(&t), Ok(u)) = (
                place_pos.get(tactic_use.place.as_str()),
                tactic_pos.get(tactic_use.tactic.as_str()),
                u32::try_from(u),
            ) {
                cells[p * tactics + t] = u;
            }
        }
        let names = LowerNames::new(&self.jurisdictions);
        let name_rank = self.name_ranks(&names);
        let filter = FilterIndex::build(self, &cells, &name_rank, names);
        Index {
            cells,
            place_pos,
            tactic_pos,
            source_pos,
            name_rank,
            filter,
        }
    }

    /// Each place's rank in name order: case-insensitive name, then id (then position, so
    /// the order is the same for any sort). Each place is sorted with the first eight bytes of
    /// its name as one number (big-endian, so numbers order as the bytes do): most comparisons
    /// end there, without comparing strings.
    fn name_ranks(&self, names: &LowerNames) -> Vec<u32> {
        let places = &self.jurisdictions;
        let name = |p: u32| names.get(p as usize).unwrap_or("");
        let mut by_name: Vec<(u64, u32)> = (0..places.len() as u32)
            .map(|p| (name_prefix(name(p)), p))
            .collect();
        by_name.sort_unstable_by(|&(ka, a), &(kb, b)| {
            ka.cmp(&kb)
                .then_with(|| name(a).cmp(name(b)))
                .then_with(|| places[a as usize].id.cmp(&places[b as usize].id))
                .then(a.cmp(&b))
        });
        let mut name_rank = vec![0u32; by_name.len()];
        for (rank, &(_, p)) in by_name.iter().enumerate() {
            name_rank[p as usize] = rank as u32;
        }
        name_rank
    }

    pub fn cell<'a>(&'a self, index: &Index, place: usize, tactic: usize) -> CellState<'a> {
        let tactics = self.tactics.len();
        let found = (tactic < tactics)
            .then(|| index.cells.get(place * tactics + tactic))
            .flatten()
            .and_then(|&u| self.uses.get(u as usize));
        match found {
            Some(u) if u.status == UseStatus::Used => CellState::Used(u),
            Some(u) => CellState::NotFound(u),
            None => CellState::NotResearched,
        }
    }

    /// The strongest kind of document behind a use: primary when any cited source is one,
    /// compilation when all are compilations (a source without a kind counts as neither).
    pub fn evidence_kind(&self, index: &Index, u: &TacticUse) -> Option<SourceKind> {
        let mut best = None;
        for id in &u.sources {
            match self.source(index, id).and_then(|s| s.kind) {
                Some(SourceKind::Primary) => return Some(SourceKind::Primary),
                Some(SourceKind::Compilation) => best = Some(SourceKind::Compilation),
                None => {}
            }
        }
        best
    }

    pub fn source<'a>(&'a self, index: &Index, id: &str) -> Option<&'a Source> {
        index.source_pos.get(id).and_then(|&i| self.sources.get(i))
    }

    pub fn place<'a>(&'a self, index: &Index, id: &str) -> Option<&'a Jurisdiction> {
        index
            .place_pos
            .get(id)
            .and_then(|&i| self.jurisdictions.get(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_ranks_order_as_lower_case_name_then_id() {
        let names = [
            ("b", "Abcdefgh Z"),
            ("a", "abcdefgh a"),
            ("c", "ab"),
            ("d", "AB"),
            ("e", "ab\u{0}"),
            ("f", "Élan"),
            ("g", "elan"),
            ("h", ""),
            ("i", "abcdefghij"),
        ];
        let mut ds: Dataset =
            serde_json::from_str(include_str!("../../../../tests/fixtures/small.json"))
                .unwrap_or_else(|e| panic!("fixture: {e}"));
        let template = ds.jurisdictions[0].clone();
        ds.jurisdictions = names
            .iter()
            .map(|(id, name)| Jurisdiction {
                id: id.to_string(),
                name: name.to_string(),
                ..template.clone()
            })
            .collect();
        let ranks = ds.name_ranks(&LowerNames::new(&ds.jurisdictions));
        let mut plain: Vec<usize> = (0..names.len()).collect();
        plain.sort_by_key(|&p| (names[p].1.to_lowercase(), names[p].0));
        let mut by_rank = vec![0; names.len()];
        for (p, &r) in ranks.iter().enumerate() {
            by_rank[r as usize] = p;
        }
        assert_eq!(by_rank, plain);
    }
}
