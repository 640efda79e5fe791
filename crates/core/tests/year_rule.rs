//! The year rule (docs/DATA.md, "The year rule") on generated uses and ranges: a use is in a
//! year range when a year with evidence lies in it, out when no year it may have evidence in
//! meets it, uncertain otherwise; uncertain uses count only when the visitor asks; and more
//! dating never makes a use fare worse, except by showing that its evidence lies outside.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tactics_core::query::filter::{evidence, Evidence, Filter, YearClass};

const LOW: i32 = 1990;
const HIGH: i32 = 2040;

/// What a use's dating says, as sets of years: those with evidence, and those it may have
/// evidence in ("since 2019": 2019, and perhaps any later year).
fn model(e: &Evidence) -> (Vec<i32>, Vec<i32>) {
    let all = |a: i32, b: i32| (a..=b).collect::<Vec<_>>();
    match e {
        Evidence::Undated => (Vec::new(), all(LOW, HIGH)),
        Evidence::Span(a, b) => (all(*a, *b), all(*a, *b)),
        Evidence::Since(a) => (vec![*a], all(*a, HIGH)),
        Evidence::By(b) => (vec![*b], all(LOW, *b)),
        Evidence::Years(ys) => (ys.to_vec(), ys.to_vec()),
    }
}

/// A year range as the app accepts it (one that ends before it starts is refused).
fn range(from: Option<i32>, to: Option<i32>, include: bool) -> Filter {
    let (from, to) = match (from, to) {
        (Some(a), Some(b)) if a > b => (Some(b), Some(a)),
        _ => (from, to),
    };
    Filter {
        from,
        to,
        include_undated: include,
        ..Filter::default()
    }
}

fn dating() -> impl Strategy<Value = (Option<i32>, Option<i32>, Vec<i32>)> {
    (
        proptest::option::of(2000i32..2030),
        proptest::option::of(2000i32..2030),
        prop_oneof![3 => Just(Vec::new()), 1 => proptest::collection::vec(2000i32..2030, 1..4)],
    )
        .prop_map(|(a, b, years)| match (a, b) {
            (Some(a), Some(b)) if a > b => (Some(b), Some(a), years),
            _ => (a, b, years),
        })
}

fn use_of((first, last, years): (Option<i32>, Option<i32>, Vec<i32>)) -> Evidence {
    let mut u: tactics_core::model::dataset::TacticUse = match serde_json::from_str(
        r#"{"place": "p", "tactic": "web-stings", "status": "used", "sources": ["s"]}"#,
    ) {
        Ok(u) => u,
        Err(e) => panic!("test use: {e}"),
    };
    u.first_year = first;
    u.last_year = last;
    u.years = years;
    evidence(&u)
}

/// The same use with more dating: a known end added, or more evidence years listed.
fn refine(e: &Evidence, a: i32, b: i32) -> Evidence {
    let (lo, hi) = (a.min(b), a.max(b));
    match e {
        Evidence::Undated => Evidence::Since(lo),
        Evidence::Since(first) => Evidence::Span(*first, (*first).max(hi)),
        Evidence::By(last) => Evidence::Span((*last).min(lo), *last),
        Evidence::Span(first, last) => Evidence::Span(*first, *last),
        Evidence::Years(ys) => {
            let mut more = ys.to_vec();
            more.push(a);
            Evidence::Years(more.into_boxed_slice())
        }
    }
}

proptest! {
    #[test]
    fn the_class_is_what_the_dating_says(
        d in dating(),
        from in proptest::option::of(2000i32..2030),
        to in proptest::option::of(2000i32..2030),
    ) {
        let e = use_of(d);
        let f = range(from, to, false);
        let (from, to) = (f.from, f.to);
        let (known, possible) = model(&e);
        let meets = |ys: &[i32]| ys.iter().any(|&y| f.year_in_range(y));
        let expected = if from.is_none() && to.is_none() || meets(&known) {
            YearClass::In
        } else if !meets(&possible) {
            YearClass::Out
        } else {
            YearClass::Uncertain
        };
        prop_assert_eq!(f.year_class(&e), expected, "{:?} in {:?}–{:?}", e, from, to);
        // Counted: in, or uncertain when the visitor asks; never out.
        prop_assert_eq!(f.counts_evidence(&e), expected == YearClass::In);
        let asked = range(from, to, true);
        prop_assert_eq!(asked.counts_evidence(&e), expected != YearClass::Out);
    }

    #[test]
    fn more_dating_never_fares_worse(
        d in dating(),
        a in 2000i32..2030,
        b in 2000i32..2030,
        from in proptest::option::of(2000i32..2030),
        to in proptest::option::of(2000i32..2030),
    ) {
        let less = use_of(d);
        let more = refine(&less, a, b);
        let f = range(from, to, false);
        let (before, after) = (f.year_class(&less), f.year_class(&more));
        // In stays in; out stays out when the new dating only narrows the years it may have
        // evidence in (a listed year added is new evidence, which may bring it in).
        prop_assert!(before != YearClass::In || after == YearClass::In, "{:?} -> {:?}", less, more);
        let narrows = model(&more).1.iter().all(|y| model(&less).1.contains(y));
        prop_assert!(!narrows || before != YearClass::Out || after == YearClass::Out, "{:?} -> {:?}", less, more);
        // Worse only when the new dating puts every year it may have evidence in outside.
        if after < before {
            let (_, possible) = model(&more);
            prop_assert!(!possible.iter().any(|&y| f.year_in_range(y)), "{:?} -> {:?}", less, more);
        }
    }
}

/// The issue's case: web stings 2020–2023; an undated use, one dated only "by 2024" and one
/// with years in the range.
#[test]
fn undated_and_by_2024_are_uncertain_for_2020_to_2023() {
    let f = range(Some(2020), Some(2023), false);
    assert_eq!(f.year_class(&Evidence::Undated), YearClass::Uncertain);
    assert_eq!(f.year_class(&Evidence::By(2024)), YearClass::Uncertain);
    assert_eq!(f.year_class(&Evidence::Span(2021, 2022)), YearClass::In);
    assert_eq!(f.year_class(&Evidence::By(2019)), YearClass::Out);
    assert_eq!(f.year_class(&Evidence::Since(2024)), YearClass::Out);
    assert_eq!(f.year_class(&Evidence::Since(2019)), YearClass::Uncertain);
    assert!(!f.counts_evidence(&Evidence::By(2024)));
    assert!(range(Some(2020), Some(2023), true).counts_evidence(&Evidence::By(2024)));
    // Without a range everything used counts.
    assert!(range(None, None, false).counts_evidence(&Evidence::Undated));
}
