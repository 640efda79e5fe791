//! The bundled dataset: it validates, its key facts are there, and the JSON Schema file agrees
//! with the Rust types.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::Value;
use std::collections::BTreeSet;
use tactics_explorer::dataset::{CellState, Dataset, TACTICS};
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

#[test]
fn missoula_uses_all_fifteen_tactics() {
    let ds = bundled();
    let index = ds.index();
    let pos = index.place_pos["missoula-mt"];
    let used = (0..ds.tactics.len())
        .filter(|&t| matches!(ds.cell(&index, pos, t), CellState::Used(_)))
        .count();
    assert_eq!(used, 15);
    let names: Vec<&str> = ds.tactics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, TACTICS.iter().map(|(_, n)| *n).collect::<Vec<_>>());
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
