//! The bundled dataset: it validates, its key facts are there, and the JSON Schema file agrees
//! with the Rust types.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::BTreeSet;
use tactics_explorer::dataset::{
    CellState, Dataset, DateBasis, Kind, ReadFrom, TacticUse, UseStatus, TACTICS,
};
use tactics_explorer::filter::Filter;
use tactics_explorer::validate::{check, Severity};

const BUNDLED: &str = include_str!("../public/data/dataset.json");
const SCHEMA: &str = include_str!("../public/data/dataset.schema.json");

fn bundled() -> Dataset {
    let c = check(BUNDLED, 2027);
    let errors: Vec<String> = c
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        errors,
        Vec::<String>::new(),
        "the bundled dataset validates"
    );
    c.dataset.expect("dataset")
}

/// Missoula's row rests on documents, not on Demand Forum's page legend (which listed all 15):
/// each used cell cites a document that describes that tactic there, and john school is a
/// documented "not found" (a Missoula detective said in 2019 that Montana had no such class).
#[test]
fn missoula_row_rests_on_documents_that_describe_each_tactic() {
    let ds = bundled();
    let index = ds.index();
    let pos = index.place_pos["missoula-mt"];
    let used: Vec<&TacticUse> = (0..ds.tactics.len())
        .filter_map(|t| match ds.cell(&index, pos, t) {
            CellState::Used(u) => Some(u),
            _ => None,
        })
        .collect();
    let ids: Vec<&str> = used.iter().map(|u| u.tactic.as_str()).collect();
    assert_eq!(
        ids,
        [
            "buyer-arrests",
            "identity-disclosure",
            "public-education",
            "reverse-stings",
            "web-stings"
        ]
    );
    // The document each cell rests on, and words of its note that say what that document
    // describes for Missoula.
    let expect = [
        ("buyer-arrests", "mtdoj-2024-missoula", "arrested"),
        ("identity-disclosure", "df-missoula", "identities"),
        ("public-education", "ktvh-2019-training", "buyers"),
        ("reverse-stings", "nbcmontana-2016", "posed"),
        ("web-stings", "nbcmontana-2016", "ad"),
    ];
    for (u, (tactic, source, says)) in used.iter().zip(expect) {
        assert_eq!(u.tactic, tactic);
        assert!(
            u.sources.iter().any(|s| s == source),
            "{tactic}: {:?}",
            u.sources
        );
        let note = u.note.as_deref().unwrap_or("");
        assert!(note.contains(says), "{tactic}: {note}");
        // A tactic's page of Demand Forum (its legend and definition) is never a cell's source.
        assert!(
            u.sources
                .iter()
                .all(|s| ds.tactics.iter().all(|t| s != &format!("df-{}", t.id))),
            "{tactic}"
        );
        assert!(ds.evidence_kind(&index, u).is_some(), "{tactic}");
    }
    let john = use_of(&ds, "missoula-mt", "john-school").expect("entry");
    assert_eq!(john.status, UseStatus::NotFound);
    assert!(john.note.as_deref().unwrap_or("").contains("2019"));
    let names: Vec<&str> = ds.tactics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, TACTICS.iter().map(|(_, n)| *n).collect::<Vec<_>>());
}

/// No place shows one of Demand Forum's fixed legend sets any more (all 15, or the same 13).
#[test]
fn no_row_is_a_page_legend() {
    let ds = bundled();
    let index = ds.index();
    for (pos, j) in ds.jurisdictions.iter().enumerate() {
        let used = (0..ds.tactics.len())
            .filter(|&t| matches!(ds.cell(&index, pos, t), CellState::Used(_)))
            .count();
        assert!(used < 13, "{} shows {used} tactics", j.id);
    }
}

/// National coverage: at least 150 cities and counties in at least 30 states, each with a
/// documented tactic, a sourced population and a located point.
#[test]
fn coverage_is_national_and_every_place_is_sourced() {
    let ds = bundled();
    let index = ds.index();
    let mut states = std::collections::BTreeSet::new();
    let mut documented = 0;
    for (pos, j) in ds.jurisdictions.iter().enumerate() {
        if !matches!(j.kind, Kind::City | Kind::County) {
            continue;
        }
        let used =
            (0..ds.tactics.len()).any(|t| matches!(ds.cell(&index, pos, t), CellState::Used(_)));
        if !used {
            continue;
        }
        documented += 1;
        states.insert(j.state.clone().unwrap_or_default());
        let pop = j
            .population
            .as_ref()
            .unwrap_or_else(|| panic!("{} population", j.id));
        assert!(ds.source(&index, &pop.source).is_some(), "{}", j.id);
        let loc = j
            .location
            .as_ref()
            .unwrap_or_else(|| panic!("{} location", j.id));
        assert!(ds.source(&index, &loc.source).is_some(), "{}", j.id);
    }
    assert!(documented >= 150, "{documented} places");
    assert!(states.len() >= 30, "{} states", states.len());
    // Every source says what kind of document it is.
    assert!(ds.sources.iter().all(|s| s.kind.is_some()));
}

#[test]
fn montana_doj_figures_and_their_conflicts() {
    let ds = bundled();
    let doj = ds
        .series
        .iter()
        .find(|s| s.id == "mt-doj-cases")
        .expect("DOJ series");
    let at = |year: i32| -> Vec<(u64, &str)> {
        doj.observations
            .iter()
            .filter(|o| o.period == year)
            .map(|o| (o.value, o.source.as_str()))
            .collect()
    };
    assert_eq!(at(2015).iter().map(|x| x.0).collect::<Vec<_>>(), vec![7]);
    assert_eq!(at(2022).iter().map(|x| x.0).collect::<Vec<_>>(), vec![106]);
    let y2023 = at(2023);
    assert_eq!(
        y2023.iter().map(|x| x.0).collect::<BTreeSet<_>>(),
        BTreeSet::from([143, 147])
    );
    assert_ne!(
        y2023[0].1, y2023[1].1,
        "the two 2023 figures have different sources"
    );
    assert_eq!(
        at(2021).iter().map(|x| x.0).collect::<BTreeSet<_>>(),
        BTreeSet::from([41, 68])
    );
    assert_eq!(doj.conflicting_periods(), vec![2021, 2023]);
    // The fiscal-year series is kept apart.
    let fy = ds
        .series
        .iter()
        .find(|s| s.fiscal_year)
        .expect("a fiscal-year series");
    assert_ne!(fy.id, doj.id);
}

#[test]
fn every_figure_has_a_source_and_no_person_is_named_as_a_partner() {
    let ds = bundled();
    assert!(ds
        .series
        .iter()
        .flat_map(|s| &s.observations)
        .all(|o| !o.source.is_empty()));
    assert!(ds.events.iter().all(|e| !e.sources.is_empty()));
    assert!(ds.resources.iter().any(
        |r| r.phone.as_deref() == Some("1-888-373-7888") && r.text.as_deref() == Some("233733")
    ));
}

/// Resolves `{"$ref": "#/$defs/x"}` and `anyOf: [x, null]` to the object schema, if any.
fn object_schema<'a>(schema: &'a Value, root: &'a Value) -> Option<&'a Value> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/")?;
        return object_schema(&root["$defs"][name], root);
    }
    if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
        return options.iter().find_map(|o| object_schema(o, root));
    }
    (schema.get("type").and_then(Value::as_str) == Some("object")).then_some(schema)
}

/// Walks a document next to the schema: every key must be declared, every required key present.
fn agree(doc: &Value, schema: &Value, root: &Value, path: &str, seen: &mut BTreeSet<String>) {
    match doc {
        Value::Object(map) => {
            let s =
                object_schema(schema, root).unwrap_or_else(|| panic!("{path}: no object schema"));
            let props = s["properties"].as_object().expect("properties");
            for (k, v) in map {
                let sub = props
                    .get(k)
                    .unwrap_or_else(|| panic!("{path}.{k} is not in the schema"));
                seen.insert(format!("{path}.{k}"));
                agree(v, sub, root, &format!("{path}.{k}"), seen);
            }
            for r in s["required"].as_array().expect("required") {
                let r = r.as_str().expect("name");
                assert!(
                    map.contains_key(r),
                    "{path}: required {r} missing in the Rust output"
                );
            }
        }
        Value::Array(items) => {
            let item_schema = schema.get("items").expect("items");
            for v in items {
                agree(v, item_schema, root, &format!("{path}[]"), seen);
            }
        }
        _ => {}
    }
}

#[test]
fn the_schema_and_the_rust_types_agree() {
    let schema: Value = serde_json::from_str(SCHEMA).expect("schema is JSON");
    // What the Rust types write (every field, including optional ones present in the data)…
    let ds = bundled();
    let written = serde_json::to_value(&ds).expect("serialise");
    let mut seen = BTreeSet::new();
    agree(&written, &schema, &schema, "$", &mut seen);
    // …and the sample document itself, read back by the Rust types unchanged.
    let sample: Value = serde_json::from_str(include_str!("fixtures/small.json")).expect("json");
    agree(&sample, &schema, &schema, "$", &mut seen);
    let back: Dataset = serde_json::from_value(sample.clone()).expect("types read the sample");
    assert_eq!(
        serde_json::to_value(&back).expect("value")["jurisdictions"],
        sample["jurisdictions"]
    );
    // The schema declares nothing the types do not know: each declared property was seen.
    for (name, def) in schema["$defs"].as_object().expect("defs") {
        for prop in def["properties"].as_object().expect("props").keys() {
            assert!(
                seen.iter().any(|p| p.ends_with(&format!(".{prop}"))),
                "schema property {name}.{prop} never appears in Rust output or the sample"
            );
        }
    }
}

fn use_of<'a>(ds: &'a Dataset, place: &str, tactic: &str) -> Option<&'a TacticUse> {
    ds.uses
        .iter()
        .find(|u| u.place == place && u.tactic == tactic)
}

fn years(from: i32, to: i32) -> Filter {
    Filter {
        from: Some(from),
        to: Some(to),
        ..Filter::default()
    }
}

#[test]
fn every_not_found_says_what_was_searched_where_and_when() {
    let ds = bundled();
    let not_found: Vec<&TacticUse> = ds
        .uses
        .iter()
        .filter(|u| u.status == UseStatus::NotFound)
        .collect();
    assert!(not_found.len() > 100, "{}", not_found.len());
    for u in &not_found {
        assert!(u.checked.is_some(), "{}/{}", u.place, u.tactic);
        let said = u.note.is_some() || !u.sources.is_empty() || u.search.is_some();
        assert!(
            said,
            "{}/{} says nothing about the search",
            u.place, u.tactic
        );
        if let Some(id) = &u.search {
            let s = ds.searches.iter().find(|s| &s.id == id).expect("search");
            assert!(
                (s.method.contains("archive") || s.method.contains("stored")) && !s.date.is_empty()
            );
        }
    }
    // The stock sentence is gone from the summaries; they point to the documented searches.
    assert!(ds.jurisdictions.iter().all(|j| !j
        .summary
        .contains("the research found no Demand Forum page")));
}

#[test]
fn rechecked_tactic_claims() {
    let ds = bundled();
    // Missoula's John School was only on Demand Forum's legend; the 2019 statement is a
    // documented search that found none.
    let john = use_of(&ds, "missoula-mt", "john-school").expect("entry");
    assert_eq!(john.status, UseStatus::NotFound);
    assert!(john.search.is_some());
    let mt_john = use_of(&ds, "montana", "john-school").expect("entry");
    assert_eq!(mt_john.status, UseStatus::NotFound);
    assert!(mt_john
        .note
        .as_deref()
        .unwrap_or("")
        .contains("Demand Forum"));
    // Victim-awareness campaigns are not buyer-focused public education.
    let edu = use_of(&ds, "montana", "public-education").expect("entry");
    assert_eq!(edu.status, UseStatus::NotFound);
    assert!(edu
        .note
        .as_deref()
        .unwrap_or("")
        .contains("spot and report victims"));
    assert!(ds
        .events
        .iter()
        .all(|e| !e.tactics.contains(&"public-education".to_string()) || e.place != "montana"));
    // The Flathead sheriff supported a web-based reverse sting.
    let rs = use_of(&ds, "flathead-county-mt", "reverse-stings").expect("entry");
    assert_eq!(rs.status, UseStatus::Used);
    assert_eq!(rs.sources, vec!["df-missoula".to_string()]);
}

#[test]
fn year_filters_count_only_years_with_evidence() {
    let ds = bundled();
    let sturgis = use_of(&ds, "sturgis-sd", "buyer-arrests").expect("entry");
    assert_eq!(sturgis.years, vec![2013, 2020, 2021, 2022, 2023, 2024]);
    assert!(!years(2015, 2019).counts(sturgis), "no evidence 2014-2019");
    assert!(years(2013, 2013).counts(sturgis));
    assert!(years(2019, 2020).counts(sturgis));
    assert_eq!(sturgis.years_label().as_deref(), Some("2013, 2020–2024"));
    let missoula = use_of(&ds, "missoula-mt", "buyer-arrests").expect("entry");
    assert_eq!(missoula.years, vec![2010, 2016, 2024]);
    assert!(!years(2011, 2015).counts(missoula));
    assert!(!years(2017, 2023).counts(missoula));
    assert!(years(2024, 2025).counts(missoula));
    let county = use_of(&ds, "missoula-county-mt", "buyer-arrests").expect("entry");
    assert!(!years(2017, 2023).counts(county));
}

#[test]
fn estimated_dates_are_flagged_and_sources_say_they_were_read_from_copies() {
    let ds = bundled();
    let source = |id: &str| ds.sources.iter().find(|s| s.id == id).expect(id);
    for id in [
        "abcfox-2019-rise",
        "kgvo-2016-doubled",
        "helenair-2021-census",
        "montanarightnow-2022-op",
        "consumersadvisory-2024",
        "newsradio1310-2019",
        "ktvq-2026-billings",
    ] {
        assert_eq!(
            source(id).published_basis,
            Some(DateBasis::Estimated),
            "{id}"
        );
        assert!(source(id).published_label().starts_with("about "), "{id}");
    }
    for id in ["seeleylake-2024", "mtdoj-2024-missoula", "glasgow-2025"] {
        assert_eq!(source(id).published_basis, Some(DateBasis::Shown), "{id}");
    }
    let estimated = ds
        .sources
        .iter()
        .filter(|s| s.published_basis == Some(DateBasis::Estimated))
        .count();
    assert!(estimated >= 25, "{estimated}");
    assert!(ds
        .sources
        .iter()
        .all(|s| s.published.is_none() || s.published_basis.is_some()));
    // Pages were read from stored copies; the gazetteer was read from its package.
    assert!(ds
        .sources
        .iter()
        .all(|s| s.read_from == Some(ReadFrom::StoredCopy) || s.id == "geonames-2026-07"));
    assert_eq!(
        source("seeleylake-2024").accessed_label(),
        "read from a stored copy on 2026-11-22"
    );
}

#[test]
fn events_figures_and_wording_match_their_sources() {
    let ds = bundled();
    let event = |id: &str| ds.events.iter().find(|e| e.id == id).expect(id);
    let total = event("nationwide-john-suppression-2018");
    assert_eq!(
        total.arrests, None,
        "a running total is not one event's arrests"
    );
    assert!(total.description.contains("8,280"));
    let gf = event("great-falls-op-2019");
    assert_eq!(gf.arrests, Some(5));
    assert!(!gf.description.contains("prostitution charges"));
    let gf_place = ds.jurisdictions.iter().find(|j| j.id == "great-falls-mt");
    assert!(!gf_place
        .expect("place")
        .summary
        .contains("prostitution charges"));
    let montana = ds.jurisdictions.iter().find(|j| j.id == "montana");
    let summary = &montana.expect("place").summary;
    assert!(!summary.contains("2015, 2019 and 2023 rewrote"));
    assert!(summary.contains("2019 laws mainly funded"));
    assert_eq!(event("missoula-fbi-op-2022").date_label(), "about 2022-11");
}

#[test]
fn series_keep_one_measure_and_drop_the_misreading() {
    let ds = bundled();
    let series = |id: &str| ds.series.iter().find(|s| s.id == id).expect(id);
    let pd = series("missoula-pd-cases");
    let periods: Vec<i32> = pd.observations.iter().map(|o| o.period).collect();
    assert_eq!(periods, vec![2017, 2018]);
    let detective = series("missoula-detective-cases");
    assert_eq!(detective.observations.len(), 1);
    assert_eq!(
        (
            detective.observations[0].period,
            detective.observations[0].value
        ),
        (2015, 6)
    );
    let us = series("nhth-us-cases");
    assert!(us.observations.iter().all(|o| o.value != 5147));
    assert!(us.caveats.iter().all(|c| !c.contains("52,000")));
    assert!(us.conflicting_periods().iter().all(|&p| p != 2018));
}

#[test]
fn populations_have_year_and_source_and_say_where_figures_differ() {
    let ds = bundled();
    let place = |id: &str| ds.jurisdictions.iter().find(|j| j.id == id).expect(id);
    let miles = place("miles-city-mt")
        .population
        .clone()
        .expect("population");
    assert_eq!((miles.value, miles.year), (8354, Some(2020)));
    assert_eq!(miles.source, "beautifydata-2020");
    let missoula = place("missoula-mt").population.clone().expect("population");
    assert_eq!((missoula.value, missoula.year), (73489, Some(2020)));
    assert!(missoula.note.as_deref().unwrap_or("").contains("74,822"));
}

#[test]
fn the_missoula_profile_is_complete() {
    let ds = bundled();
    let event = |id: &str| ds.events.iter().find(|e| e.id == id).expect(id);
    let case2010 = event("missoula-buyer-arrests-2010");
    assert_eq!(
        (case2010.date.as_str(), case2010.arrests),
        ("2010", Some(12))
    );
    assert!(case2010
        .tactics
        .contains(&"identity-disclosure".to_string()));
    let first = event("missoula-county-web-sting-2016");
    assert_eq!((first.date.as_str(), first.arrests), ("2016-05", Some(7)));
    let second = event("missoula-county-web-sting-second");
    assert_eq!(second.arrests, Some(6));
    assert_eq!(second.date_basis, Some(DateBasis::Estimated));
    assert!(second.description.contains("Flathead County"));
    assert!(second
        .description
        .contains("felony attempted child prostitution"));
    assert!(second.sources.contains(&"df-missoula".to_string()));
    let missoula = ds.jurisdictions.iter().find(|j| j.id == "missoula-mt");
    let topics: Vec<&str> = missoula
        .expect("place")
        .sources
        .iter()
        .map(|g| g.topic.as_str())
        .collect();
    assert!(topics.contains(&"Operation Cross Country"), "{topics:?}");
    assert!(
        topics
            .iter()
            .any(|t| t.contains("Street-level reverse stings, cameras")),
        "{topics:?}"
    );
}

#[test]
fn cities_and_counties_are_located_with_a_source() {
    let ds = bundled();
    for j in &ds.jurisdictions {
        match j.kind {
            Kind::City | Kind::County => {
                let loc = j.location.as_ref().unwrap_or_else(|| panic!("{}", j.id));
                assert!(ds.sources.iter().any(|s| s.id == loc.source), "{}", j.id);
                // The United States, Alaska and Hawaii included, lie within these bounds.
                assert!((18.0..72.0).contains(&loc.lat), "{} lat {}", j.id, loc.lat);
                assert!(
                    (-180.0..-66.0).contains(&loc.lon),
                    "{} lon {}",
                    j.id,
                    loc.lon
                );
            }
            Kind::State | Kind::Nation => assert!(j.location.is_none(), "{}", j.id),
        }
    }
    let missoula = ds.jurisdictions.iter().find(|j| j.id == "missoula-mt");
    let loc = missoula.and_then(|j| j.location.clone()).expect("location");
    assert!((loc.lat - 46.874).abs() < 0.01 && (loc.lon + 114.026).abs() < 0.01);
}

#[test]
fn a_place_s_charts_keep_its_state_s_headline_series_beside_its_own() {
    use tactics_explorer::chart::{beside_note, chosen_series};
    use tactics_explorer::url_state::ViewState;
    let ds = bundled();
    let at = |place: &str| ViewState {
        place: Some(place.into()),
        ..ViewState::default()
    };
    let missoula = at("missoula-mt");
    assert_eq!(
        chosen_series(&ds, &missoula),
        [
            "missoula-pd-cases",
            "missoula-detective-cases",
            "mt-doj-cases"
        ]
    );
    let note = beside_note(&ds, &missoula).expect("words that say so");
    assert!(
        note.contains("Missoula") && note.contains("Montana"),
        "{note}"
    );
    let county = chosen_series(&ds, &at("gallatin-county-mt"));
    assert_eq!(
        county,
        ["mt-hotline-contacts-gallatin-county", "mt-doj-cases"]
    );
    // A place without series of its own shows its state's headline, and says so.
    assert_eq!(chosen_series(&ds, &at("billings-mt")), ["mt-doj-cases"]);
    let none = beside_note(&ds, &at("billings-mt")).expect("words");
    assert!(none.contains("no series for Billings"), "{none}");
    // The state itself: its own series, no note; series named in the URL are taken as they are.
    let state = chosen_series(&ds, &at("montana"));
    assert_eq!(state.iter().filter(|s| *s == "mt-doj-cases").count(), 1);
    assert!(beside_note(&ds, &at("montana")).is_none());
    let named = ViewState {
        series: vec!["missoula-pd-cases".into()],
        ..missoula
    };
    assert_eq!(chosen_series(&ds, &named), ["missoula-pd-cases"]);
    assert!(beside_note(&ds, &named).is_none());
}
