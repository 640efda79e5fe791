//! The first view's data file in a compact form: what the matrix's rows, tooltips, filters and
//! chips read of a dataset, places and uses as short arrays instead of keyed objects. At 300
//! places the keyed form of the same part was 16 KB gzip, a tenth of the first load; the
//! arrays drop the repeated keys and the ids a use repeats for its place and tactic.
//!
//! [`Wire::of`] keeps only that part; [`Wire::into_dataset`] gives it back as a [`Dataset`],
//! so the first view draws from the same types and code as the app (`first_view::matrix_part`
//! is the round trip of the two, and a test checks both draw the same frames).

use crate::model::dataset::{
    Dataset, Jurisdiction, Kind, Meta, Population, Search, Source, SourceKind, Tactic, TacticUse,
    UseStatus,
};
use serde::{Deserialize, Serialize};

/// The file: the part and the whole dataset's year bounds, which the part alone would narrow.
#[derive(Debug, Serialize, Deserialize)]
pub struct Wire {
    meta: Meta,
    /// (id, name) of each tactic, in the dataset's order.
    tactics: Vec<(String, String)>,
    places: Vec<WirePlace>,
    uses: Vec<WireUse>,
    /// (id, title, date) of each documented search; a cell's tooltip names it.
    searches: Vec<(String, String, String)>,
    pub years: Option<(i32, i32)>,
}

/// (id, name, kind, state, population) of a place.
type WirePlace = (String, String, Kind, Option<String>, Option<u64>);

/// (place position, tactic position, status, first year, last year, evidence years, checked,
/// search, one letter per source: `p` primary, `c` compilation, `u` without a kind).
type WireUse = (
    u32,
    u32,
    UseStatus,
    Option<i32>,
    Option<i32>,
    Vec<i32>,
    Option<String>,
    Option<String>,
    String,
);

impl Wire {
    /// The part of `ds` that the first view reads.
    pub fn of(ds: &Dataset) -> Wire {
        let index = ds.index();
        let places = ds
            .jurisdictions
            .iter()
            .map(|j| {
                let pop = j.population.as_ref().map(|p| p.value);
                (j.id.clone(), j.name.clone(), j.kind, j.state.clone(), pop)
            })
            .collect();
        let uses = ds
            .uses
            .iter()
            .filter_map(|u| {
                let place = *index.place_pos.get(&u.place)?;
                let tactic = *index.tactic_pos.get(&u.tactic)?;
                let kinds = u
                    .sources
                    .iter()
                    .map(|id| letter(ds.source(&index, id).and_then(|s| s.kind)))
                    .collect();
                Some((
                    u32::try_from(place).ok()?,
                    u32::try_from(tactic).ok()?,
                    u.status,
                    u.first_year,
                    u.last_year,
                    u.years.clone(),
                    u.checked.clone(),
                    u.search.clone(),
                    kinds,
                ))
            })
            .collect();
        let meta = Meta {
            notes: None,
            citation: String::new(),
            ..ds.meta.clone()
        };
        Wire {
            meta,
            tactics: ds
                .tactics
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
            places,
            uses,
            searches: ds
                .searches
                .iter()
                .map(|s| (s.id.clone(), s.title.clone(), s.date.clone()))
                .collect(),
            years: ds.year_bounds(),
        }
    }

    /// The part as a dataset. A use naming a place or tactic out of range is left out (the
    /// build writes none).
    pub fn into_dataset(self) -> Dataset {
        let jurisdictions: Vec<Jurisdiction> = self.places.into_iter().map(place).collect();
        let tactics: Vec<Tactic> = self
            .tactics
            .into_iter()
            .map(|(id, name)| Tactic {
                id,
                name,
                definition: String::new(),
                national: Vec::new(),
            })
            .collect();
        let uses = self
            .uses
            .into_iter()
            .filter_map(|u| tactic_use(u, &jurisdictions, &tactics))
            .collect();
        let searches = self
            .searches
            .into_iter()
            .map(|(id, title, date)| Search {
                id,
                title,
                method: String::new(),
                date,
                result: None,
            })
            .collect();
        Dataset {
            meta: self.meta,
            sources: STAND_INS.iter().map(|&k| stand_in(k)).collect(),
            tactics,
            jurisdictions,
            uses,
            series: Vec::new(),
            events: Vec::new(),
            resources: Vec::new(),
            searches,
        }
    }
}

fn place((id, name, kind, state, pop): WirePlace) -> Jurisdiction {
    Jurisdiction {
        id,
        name,
        kind,
        state,
        population: pop.map(|value| Population {
            value,
            year: None,
            source: String::new(),
            note: None,
        }),
        location: None,
        parents: Vec::new(),
        summary: String::new(),
        partners: Vec::new(),
        sources: Vec::new(),
    }
}

fn tactic_use(u: WireUse, places: &[Jurisdiction], tactics: &[Tactic]) -> Option<TacticUse> {
    let (place, tactic, status, first_year, last_year, years, checked, search, kinds) = u;
    let sources = kinds
        .chars()
        .map(|c| {
            let kind = STAND_INS.into_iter().find(|&k| letter(k) == c).flatten();
            letter(kind).to_string()
        })
        .collect();
    Some(TacticUse {
        place: places.get(usize::try_from(place).ok()?)?.id.clone(),
        tactic: tactics.get(usize::try_from(tactic).ok()?)?.id.clone(),
        status,
        first_year,
        last_year,
        years,
        checked,
        search,
        sources,
        note: None,
    })
}

const STAND_INS: [Option<SourceKind>; 3] = [
    Some(SourceKind::Primary),
    Some(SourceKind::Compilation),
    None,
];

/// The letter (and the stand-in source id) for every source of one kind.
fn letter(kind: Option<SourceKind>) -> char {
    match kind {
        Some(SourceKind::Primary) => 'p',
        Some(SourceKind::Compilation) => 'c',
        None => 'u',
    }
}

/// A source that stands for every source of one kind: a cell's mark and tooltip read only how
/// many sources back it and of which kind.
fn stand_in(kind: Option<SourceKind>) -> Source {
    Source {
        id: letter(kind).to_string(),
        title: String::new(),
        publisher: String::new(),
        url: String::new(),
        published: None,
        published_basis: None,
        accessed: String::new(),
        read_from: None,
        note: None,
        kind,
    }
}
