//! Filtering, sorting and totals on a fixture; URL state round trips and garbage (property tests).
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tactics_explorer::dataset::{Dataset, Index, Kind, TACTICS};
use tactics_explorer::filter::{self, Dir, Filter, Match, PopBand, SortKey};
use tactics_explorer::url_state::{parse, to_query, Pane, Theme, ViewState};
use tactics_explorer::validate::check;

fn fixture() -> (Dataset, Index) {
    let c = check(include_str!("fixtures/small.json"), 2027);
    let ds = c.dataset.expect("fixture");
    let index = ds.index();
    (ds, index)
}

fn names(ds: &Dataset, rows: &[usize]) -> Vec<String> {
    rows.iter()
        .map(|&p| ds.jurisdictions[p].name.clone())
        .collect()
}

fn view(f: &Filter) -> Vec<String> {
    let (ds, index) = fixture();
    names(&ds, &filter::visible(&index, f, &SortKey::Name, Dir::Asc))
}

#[test]
fn tactics_any_and_all() {
    let mut f = Filter {
        tactics: vec!["john-school".into(), "web-stings".into()],
        ..Filter::default()
    };
    assert_eq!(view(&f), ["Alpha", "Beta"]);
    f.mode = Match::All;
    assert_eq!(view(&f), ["Alpha"]);
    // A tactic nobody uses: nothing, and "not found" never counts as use.
    f.tactics = vec!["auto-seizure".into()];
    assert_eq!(view(&f), Vec::<String>::new());
}

#[test]
fn year_range_and_undated_uses() {
    let mut f = Filter {
        tactics: vec!["web-stings".into()],
        from: Some(2020),
        to: Some(2023),
        ..Filter::default()
    };
    // Alpha's web stings are undated: uncertain for any range, left out unless asked for;
    // Beta's were in 2019 only.
    assert_eq!(view(&f), Vec::<String>::new());
    f.include_undated = true;
    assert_eq!(view(&f), ["Alpha"]);
    f.include_undated = false;
    f.from = Some(2019);
    assert_eq!(view(&f), ["Beta"]);
}

#[test]
fn state_kind_population_and_text() {
    let f = Filter {
        states: vec!["MT".into()],
        ..Filter::default()
    };
    assert_eq!(view(&f), ["Alpha", "Gamma County"]);
    let f = Filter {
        kinds: vec![Kind::County],
        ..Filter::default()
    };
    assert_eq!(view(&f), ["Gamma County"]);
    let f = Filter {
        pop: Some(PopBand {
            min: Some(10_000),
            max: None,
        }),
        ..Filter::default()
    };
    assert_eq!(view(&f), ["Alpha"]);
    let f = Filter {
        q: "  gAMma ".into(),
        ..Filter::default()
    };
    assert_eq!(view(&f), ["Gamma County"]);
}

#[test]
fn sorting_and_totals() {
    let (ds, index) = fixture();
    let f = Filter::default();
    let by = |key: SortKey, dir| names(&ds, &filter::visible(&index, &f, &key, dir));
    assert_eq!(
        by(SortKey::Total, Dir::Desc),
        ["Alpha", "Beta", "Gamma County"]
    );
    assert_eq!(
        by(SortKey::Population, Dir::Asc),
        ["Beta", "Alpha", "Gamma County"]
    );
    // Places without a population sort last in both directions.
    assert_eq!(
        by(SortKey::Population, Dir::Desc),
        ["Alpha", "Beta", "Gamma County"]
    );
    assert_eq!(
        by(SortKey::Name, Dir::Desc),
        ["Gamma County", "Beta", "Alpha"]
    );
    assert_eq!(
        by(SortKey::Tactic("john-school".into()), Dir::Desc),
        ["Alpha", "Beta", "Gamma County"]
    );
    let rows = filter::visible(&index, &f, &SortKey::Name, Dir::Asc);
    let totals = filter::column_totals(&ds, &index, &f, &rows);
    let web = index.tactic_pos["web-stings"];
    let john = index.tactic_pos["john-school"];
    let auto = index.tactic_pos["auto-seizure"];
    assert_eq!((totals[web], totals[john], totals[auto]), (2, 1, 0));
    assert_eq!(filter::row_total(&index, &f, rows[0]), 2);
}

fn tactic_ids() -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(
        TACTICS
            .iter()
            .map(|(id, _)| id.to_string())
            .collect::<Vec<_>>(),
        0..=15,
    )
}

prop_compose! {
    fn valid_state()(
        tactics in tactic_ids(),
        all in any::<bool>(),
        from in proptest::option::of(1900i32..=2100),
        span in 0i32..50,
        has_to in any::<bool>(),
        undated in any::<bool>(),
        states in proptest::sample::subsequence(vec!["ID", "MT", "ND", "SD", "WY"], 0..=5),
        kinds in proptest::sample::subsequence(Kind::ALL.to_vec(), 0..=4),
        pop in proptest::option::of((proptest::option::of(0u64..1_000_000), proptest::option::of(1_000_000u64..u64::MAX))),
        q in "[a-zA-Z0-9 '&%+,=?#<>é-]{0,40}",
        place in proptest::option::of("[a-z0-9-]{1,30}"),
        sort in 0usize..19,
        desc in any::<bool>(),
        series in proptest::collection::vec("[a-z0-9-]{1,20}", 0..3),
        (embed, map) in (any::<bool>(), any::<bool>()),
        controls in any::<bool>(),
        theme in proptest::option::of(any::<bool>()),
        accent in proptest::option::of("[0-9a-f]{6}"),
        import in any::<bool>(),
        compare in proptest::option::of(("[a-z0-9-]{1,30}", proptest::option::of(proptest::collection::vec("[a-z0-9-]{1,20}", 0..4)))),
    ) -> ViewState {
        // `with` is kept only beside `compare`, in its order, without repeats.
        let (compare, with) = match compare {
            Some((id, with)) => (Some(id), with.map(|mut w| {
                let mut seen = Vec::new();
                w.retain(|id| if seen.contains(id) { false } else { seen.push(id.clone()); true });
                w
            })),
            None => (None, None),
        };
        let to = match (from, has_to) {
            (Some(f), true) => Some((f + span).min(2100)),
            (None, true) => Some(2000 + span),
            _ => None,
        };
        let pop = pop.and_then(|(min, max)| (min.is_some() || max.is_some()).then_some(PopBand { min, max }));
        ViewState {
            filter: Filter {
                tactics,
                mode: if all { Match::All } else { Match::Any },
                from,
                to,
                include_undated: undated,
                states: states.into_iter().map(String::from).collect(),
                kinds,
                pop,
                q: q.trim().to_string(),
            },
            place,
            sort: match sort {
                0 => SortKey::Name,
                1 => SortKey::Population,
                2 => SortKey::Total,
                n => SortKey::Tactic(TACTICS[(n - 3) % 15].0.to_string()),
            },
            dir: if desc { Dir::Desc } else { Dir::Asc },
            series,
            pane: if map { Pane::Map } else { Pane::Table },
            embed,
            controls,
            theme: theme.map(|d| if d { Theme::Dark } else { Theme::Light }),
            accent,
            data: None,
            import,
            compare,
            with,
        }
    }
}

proptest! {
    #[test]
    fn any_valid_state_round_trips(state in valid_state()) {
        let query = to_query(&state);
        let (back, notices) = parse(&query);
        prop_assert!(notices.is_empty(), "{:?} from {}", notices, query);
        prop_assert_eq!(back, state);
    }

    #[test]
    fn garbage_never_panics(query in ".{0,200}") {
        let (state, _notices) = parse(&query);
        // Whatever was accepted serialises and parses back to itself.
        let (again, notices) = parse(&to_query(&state));
        prop_assert!(notices.is_empty());
        prop_assert_eq!(again, state);
    }

    #[test]
    fn url_like_garbage_never_panics(query in "([a-z]{1,8}=[%0-9A-Za-z,+&=-]{0,20}&?){0,8}") {
        let _ = parse(&query);
    }
}
