//! The filter index against the straightforward filter (`filter_plain`, the oracle): for random
//! datasets and any filter state, the same rows in the same order, the same totals, row totals
//! and counted cells.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use tactics_core::model::dataset::{CellState, Dataset, Index, TACTICS};
use tactics_core::query::filter::{
    self, evidence, Dir, Filter, Match, PopBand, SortKey, YearClass,
};

mod filter_plain;

const NAMES: [&str; 7] = [
    "Alpha",
    "alpha",
    "Beta City",
    "Ébène",
    "",
    "beta",
    "Zeta County",
];
const STATES: [Option<&str>; 4] = [None, Some("MT"), Some("WA"), Some("mt")];
const KINDS: [&str; 4] = ["city", "county", "state", "nation"];
const POPULATIONS: [Option<u64>; 7] = [
    None,
    Some(0),
    Some(500),
    Some(10_000),
    Some(10_000),
    Some(i64::MAX as u64 + 1),
    Some(u64::MAX),
];

fn place() -> impl Strategy<Value = Value> {
    (
        0..NAMES.len(),
        0..STATES.len(),
        0..KINDS.len(),
        0..POPULATIONS.len(),
    )
        .prop_map(|(n, s, k, p)| {
            let mut j = json!({
                "name": NAMES[n], "kind": KINDS[k], "summary": "",
            });
            if let Some(state) = STATES[s] {
                j["state"] = json!(state);
            }
            if let Some(value) = POPULATIONS[p] {
                j["population"] = json!({ "value": value, "year": 2020, "source": "s" });
            }
            j
        })
}

/// A use; place and tactic numbers may point past the end (entries the index cannot place).
fn tactic_use(places: usize) -> impl Strategy<Value = Value> {
    let year = proptest::option::of(2010i32..2026);
    // Listed evidence years, which count only themselves, never the gaps between them.
    let years = proptest::collection::vec(2010i32..2026, 0..3);
    (
        0..places + 1,
        0usize..16,
        any::<bool>(),
        year.clone(),
        year,
        years,
    )
        .prop_map(|(p, t, used, first, last, years)| {
            let mut u = json!({
                "place": format!("p{p}"),
                "tactic": TACTICS.get(t).map_or("no-such-tactic", |(id, _)| id),
                "status": if used { "used" } else { "not_found" },
            });
            if let Some(y) = first {
                u["first_year"] = json!(y);
            }
            if let Some(y) = last {
                u["last_year"] = json!(y);
            }
            if !years.is_empty() {
                u["years"] = json!(years);
            }
            u
        })
}

prop_compose! {
    fn dataset()(places in proptest::collection::vec(place(), 0..14), tactics in 1usize..=15)
        (uses in proptest::collection::vec(tactic_use(places.len()), 0..60),
         // A few duplicate ids: the later place wins the id, as in the real index.
         dup in proptest::option::of(0usize..4), places in Just(places), tactics in Just(tactics))
        -> Dataset
    {
        let jurisdictions: Vec<Value> = places
            .into_iter()
            .enumerate()
            .map(|(i, mut j)| {
                let id = match dup { Some(d) if i % 5 == 4 => d, _ => i };
                j["id"] = json!(format!("p{id}"));
                j
            })
            .collect();
        let tactics: Vec<Value> = TACTICS[..tactics]
            .iter()
            .map(|(id, name)| json!({ "id": id, "name": name, "definition": "" }))
            .collect();
        let meta = json!({
            "title": "t", "version": "1", "as_of": "2026-01-01", "licence": "l",
            "citation": "c", "publisher": "p", "exit_url": "https://example.org",
        });
        let value = json!({
            "meta": meta, "sources": [], "tactics": tactics, "jurisdictions": jurisdictions,
            "uses": uses, "series": [], "events": [], "resources": [],
        });
        serde_json::from_value(value).unwrap_or_else(|e| panic!("generated dataset: {e}"))
    }
}

/// Mostly empty: a filter part is usually off, so views keep enough rows for ties to matter.
fn often_empty<T: Clone + std::fmt::Debug>(
    s: impl Strategy<Value = Vec<T>>,
) -> impl Strategy<Value = Vec<T>> {
    prop_oneof![3 => Just(Vec::new()), 1 => s]
}

prop_compose! {
    fn filter_state()(
        tactics in often_empty(proptest::sample::subsequence(
            TACTICS.iter().map(|(id, _)| id.to_string()).chain(["no-such-tactic".to_string()]).collect::<Vec<_>>(),
            1..=3)),
        all in any::<bool>(),
        from in proptest::option::weighted(0.3, 2010i32..2026),
        to in proptest::option::weighted(0.3, 2010i32..2026),
        include_undated in any::<bool>(),
        states in often_empty(proptest::sample::subsequence(vec!["MT".to_string(), "WA".into(), "ID".into()], 1..=2)),
        kinds in often_empty(proptest::sample::subsequence(vec!["city", "county", "state", "nation"], 1..=3)),
        pop in proptest::option::weighted(0.2, (proptest::option::of(0u64..20_000), proptest::option::of(0u64..20_000))),
        q in prop_oneof![3 => Just(""), 1 => proptest::sample::select(vec!["a", "AL", " be ", "é", "zeta county", "x"])],
    ) -> Filter {
        Filter {
            tactics,
            mode: if all { Match::All } else { Match::Any },
            from,
            to,
            include_undated,
            states,
            kinds: kinds.into_iter().filter_map(tactics_core::model::dataset::Kind::from_id).collect(),
            pop: pop.map(|(min, max)| PopBand { min, max }),
            q: q.to_string(),
        }
    }
}

fn sort_key() -> impl Strategy<Value = SortKey> {
    prop_oneof![
        Just(SortKey::Name),
        Just(SortKey::Population),
        Just(SortKey::Total),
        (0usize..16).prop_map(|t| SortKey::Tactic(
            TACTICS
                .get(t)
                .map_or("no-such-tactic", |(id, _)| id)
                .to_string()
        )),
    ]
}

fn dir() -> impl Strategy<Value = Dir> {
    prop_oneof![Just(Dir::Asc), Just(Dir::Desc)]
}

fn plain_rows(ds: &Dataset, index: &Index, f: &Filter, sort: &SortKey, dir: Dir) -> Vec<usize> {
    filter_plain::visible(ds, index, f, sort, dir)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn index_gives_the_rows_order_and_totals_of_the_plain_filter(
        ds in dataset(), f in filter_state(), sort in sort_key(), dir in dir(),
    ) {
        let index = ds.index();
        prop_assert!(index.filter.covers(&ds));
        let expected = plain_rows(&ds, &index, &f, &sort, dir);
        let view = filter::view(&ds, &index, &f, &sort, dir);
        prop_assert_eq!(&view.rows, &expected);
        prop_assert_eq!(&filter::visible(&index, &f, &sort, dir), &expected);
        let totals = filter_plain::column_totals(&ds, &index, &f, &expected);
        prop_assert_eq!(&view.totals, &totals);
        prop_assert_eq!(&filter::column_totals(&ds, &index, &f, &expected), &totals);
        for p in 0..ds.jurisdictions.len() + 1 {
            prop_assert_eq!(
                filter::row_total(&index, &f, p),
                filter_plain::row_total(&ds, &index, &f, p)
            );
            for t in 0..ds.tactics.len() + 1 {
                prop_assert_eq!(
                    filter::counted(&index, &f, p, t),
                    filter_plain::counted(&ds, &index, &f, p, t)
                );
            }
        }
        // The uses of uncertain year counted apart, against the plain filter: those of the
        // places shown with them included (of the checked tactics, when some are).
        let got = filter::uncertain(&ds, &index, &f, expected.len());
        let wide = Filter { include_undated: true, ..f.clone() };
        let wide_rows = plain_rows(&ds, &index, &wide, &SortKey::Name, Dir::Asc);
        let tactics: Vec<usize> = (0..ds.tactics.len())
            .filter(|&t| f.tactics.is_empty() || f.tactics.iter().any(|id| index.tactic_pos.get(id) == Some(&t)))
            .collect();
        let uses = wide_rows
            .iter()
            .flat_map(|&p| tactics.iter().map(move |&t| (p, t)))
            .filter(|&(p, t)| matches!(ds.cell(&index, p, t),
                CellState::Used(u) if f.year_class(&evidence(u)) == YearClass::Uncertain))
            .count();
        if f.from.is_none() && f.to.is_none() {
            prop_assert_eq!(got, filter::Uncertain::default());
        } else {
            prop_assert_eq!(got.uses, uses);
            prop_assert_eq!(got.places, wide_rows.len() - expected.len());
            prop_assert_eq!(got.included, f.include_undated);
        }
    }
}

#[test]
fn more_tactics_than_a_mask_holds_are_refused_and_never_counted() {
    let tactics: Vec<Value> = (0..70)
        .map(|i| json!({ "id": format!("t{i}"), "name": "T", "definition": "" }))
        .collect();
    let value = json!({
        "meta": { "title": "t", "version": "1", "as_of": "2026-01-01", "licence": "l",
                  "citation": "c", "publisher": "p", "exit_url": "https://example.org" },
        "sources": [], "tactics": tactics,
        "jurisdictions": [{ "id": "a", "name": "A", "kind": "city", "summary": "" }],
        "uses": [{ "place": "a", "tactic": "t69", "status": "used" }],
        "series": [], "events": [], "resources": [],
    });
    // Checked data has only the 15 known tactics, so its index always covers them: the
    // runtimes read checked data only.
    let checked = tactics_core::model::validate::check(&value.to_string(), 2027);
    assert!(checked.errors() > 0, "70 tactics pass the checks");
    // Unchecked data with more tactics than a mask holds: no row, no count, no panic.
    let ds: Dataset = serde_json::from_value(value).unwrap_or_else(|e| panic!("{e}"));
    let index = ds.index();
    assert!(!index.filter.covers(&ds));
    let f = Filter {
        tactics: vec!["t69".into()],
        ..Filter::default()
    };
    let view = filter::view(&ds, &index, &f, &SortKey::Total, Dir::Desc);
    assert!(view.rows.is_empty());
    assert_eq!(view.totals, vec![0; 70]);
    assert!(!filter::counted(&index, &f, 0, 69));
    assert_eq!(filter::row_total(&index, &f, 0), 0);
}

#[test]
fn index_finds_a_tactic_at_the_last_bit_and_names_by_slice() {
    let ds: Dataset = serde_json::from_value(json!({
        "meta": { "title": "t", "version": "1", "as_of": "2026-01-01", "licence": "l",
                  "citation": "c", "publisher": "p", "exit_url": "https://example.org" },
        "sources": [],
        "tactics": TACTICS.iter().map(|(id, name)| json!({ "id": id, "name": name, "definition": "" })).collect::<Vec<_>>(),
        "jurisdictions": [
            { "id": "a", "name": "Ab", "kind": "city", "summary": "" },
            { "id": "b", "name": "BÉ", "kind": "city", "summary": "" },
        ],
        "uses": [{ "place": "b", "tactic": "web-stings", "status": "used" }],
        "series": [], "events": [], "resources": [],
    }))
    .unwrap_or_else(|e| panic!("{e}"));
    let index = ds.index();
    assert_eq!(index.filter.lower_name(0), Some("ab"));
    assert_eq!(index.filter.lower_name(1), Some("bé"));
    assert_eq!(index.filter.lower_name(2), None);
    // "b" + "é" across the boundary of two names must not match "bbé"-like joins: "ab" ends
    // where "bé" starts, so "bb" is in the buffer but in no name.
    let f = Filter {
        q: "bb".into(),
        ..Filter::default()
    };
    assert!(filter::visible(&index, &f, &SortKey::Name, Dir::Asc).is_empty());
    let f = Filter {
        tactics: vec!["web-stings".into()],
        ..Filter::default()
    };
    assert_eq!(filter::visible(&index, &f, &SortKey::Name, Dir::Asc), [1]);
}
