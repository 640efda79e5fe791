//! The fast path of the validator (typed reading, checks on typed data) against the located
//! path (the positioned JSON tree): for random and randomly damaged datasets, the fast path
//! accepts exactly when the located path finds no problem at all, and yields the same dataset.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use tactics_core::model::dataset::Dataset;
use tactics_core::model::scalars::{self, Scalar};
use tactics_core::model::validate::{check, check_located, read};

const FIXTURE: &str = include_str!("../../../tests/fixtures/small.json");
const MAX_YEAR: i32 = 2027;

fn fixture() -> Value {
    serde_json::from_str(FIXTURE).expect("fixture is JSON")
}

/// The fixture with every optional field the fixture leaves out (location, evidence years,
/// notes, how a source was read, an estimated date), so the walk meets them all.
fn rich() -> Value {
    let mut d = fixture();
    d["meta"]["notes"] = json!("Notes on the data.");
    d["sources"][0]["read_from"] = json!("stored_copy");
    d["sources"][0]["note"] = json!("Read twice.");
    d["jurisdictions"][0]["location"] =
        json!({"lat": 46.87, "lon": -113.99, "source": d["sources"][0]["id"], "note": "centre"});
    d["jurisdictions"][0]["population"]["note"] = json!("Census figure.");
    d["tactics"][0]["national"][0]["note"] = json!("At least.");
    let first = d["uses"][0]["first_year"].clone();
    if first.is_number() {
        d["uses"][0]["years"] = json!([first]);
    }
    d["uses"][0]["note"] = json!("Seen in the news.");
    d["series"][0]["observations"][0]["note"] = json!("Fiscal.");
    d["events"][0]["date_basis"] = json!("estimated");
    d
}

/// Every path to a value in `v`, as keys and indexes.
fn paths(v: &Value, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(here.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                here.push(Step::Key(k.clone()));
                paths(x, here, out);
                here.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                here.push(Step::Index(i));
                paths(x, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn at<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut v = v;
    for s in path {
        v = match s {
            Step::Key(k) => v.get_mut(k.as_str())?,
            Step::Index(i) => v.get_mut(*i)?,
        };
    }
    Some(v)
}

/// Values worth trying anywhere: valid and invalid dates, URLs, counts, years, ids, lengths.
fn interesting(pick: usize, ids: &[String]) -> Value {
    let long = "x".repeat(301);
    let prose = "é".repeat(4001);
    let all = [
        json!(""),
        json!("x"),
        json!("2021"),
        json!("2020-02-29"),
        json!("2021-02-29"),
        json!("2021-13"),
        json!("https://example.org/a"),
        json!("javascript:alert(1)"),
        json!(long),
        json!(prose),
        json!(-1),
        json!(0),
        json!(1899),
        json!(1900),
        json!(2027),
        json!(2028),
        json!(1.5),
        json!(9_223_372_036_854_775_807u64),
        json!(9_223_372_036_854_775_808u64),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!("used"),
        json!("not_found"),
        json!("AB"),
        json!("ab"),
    ];
    if pick < all.len() {
        all[pick].clone()
    } else {
        ids.get(pick % ids.len().max(1))
            .map_or(json!("x"), |id| json!(id))
    }
}

fn ids(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let mut all = Vec::new();
    paths(v, &mut Vec::new(), &mut all);
    for p in all {
        if let Some(Step::Key(k)) = p.last() {
            if k == "id" {
                let mut copy = v.clone();
                if let Some(Value::String(s)) = at(&mut copy, &p) {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

/// One structural change at the `which`-th path of `doc`.
fn mutate(doc: &mut Value, which: usize, op: usize, pick: usize) {
    let ids = ids(doc);
    let mut all = Vec::new();
    paths(doc, &mut Vec::new(), &mut all);
    let path = all[which % all.len()].clone();
    let Some(target) = at(doc, &path) else { return };
    match op {
        0..=2 => *target = interesting(pick, &ids),
        3 => {
            if let Value::Object(m) = target {
                let keys: Vec<String> = m.keys().cloned().collect();
                if !keys.is_empty() {
                    m.remove(&keys[pick % keys.len()]);
                }
            }
        }
        4 => {
            if let Value::Object(m) = target {
                m.insert("extra".into(), json!(1));
            }
        }
        5 => {
            if let Value::Array(a) = target {
                if !a.is_empty() {
                    let copy = a[pick % a.len()].clone();
                    a.push(copy);
                }
            }
        }
        _ => {
            if let Value::Array(a) = target {
                if !a.is_empty() {
                    a.remove(pick % a.len());
                }
            }
        }
    }
}

/// Text-level damage: a cut and an insertion, on character boundaries.
fn damage(text: &mut String, at: usize, len: usize, insert: &str) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.replace_range(at..end, insert);
}

/// What the per-key scan of the JSON tree looks at: (key, value) of every string and of every
/// number under a count key; enumeration values excepted (no rule can reject them).
fn tree_scalars(v: &Value, key: &str, out: &mut Vec<(String, String)>) {
    const ENUMS: [&str; 6] = [
        "kind",
        "status",
        "qualifier",
        "published_basis",
        "read_from",
        "date_basis",
    ];
    const COUNTS: [&str; 8] = [
        "count",
        "value",
        "arrests",
        "year",
        "period",
        "first_year",
        "last_year",
        "years",
    ];
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| tree_scalars(x, k, out)),
        Value::Array(a) => a.iter().for_each(|x| tree_scalars(x, key, out)),
        Value::String(s) if !ENUMS.contains(&key) => out.push((key.into(), s.clone())),
        Value::Number(n) if COUNTS.contains(&key) => out.push((key.into(), n.to_string())),
        _ => {}
    }
}

fn walked_scalars(ds: &Dataset) -> Vec<(String, String)> {
    let mut out = Vec::new();
    scalars::walk(ds, &mut |key, value| {
        let value = match value {
            Scalar::Text(s) => s.to_string(),
            Scalar::Whole(n) => n.to_string(),
        };
        out.push((key.to_string(), value));
    });
    out
}

/// The property itself, for one text.
fn agrees(text: &str) -> Result<(), TestCaseError> {
    let fast = read(text, MAX_YEAR);
    let located = check_located(text, MAX_YEAR);
    let clean = located.problems.is_empty() && located.unlisted == 0;
    prop_assert_eq!(
        fast.is_some(),
        clean,
        "fast path and located path disagree; located problems: {:?}",
        located.problems
    );
    if let Some(ds) = &fast {
        prop_assert_eq!(Some(ds), located.dataset.as_ref());
    }
    // Whenever the file types, the walk sees what the tree scan sees.
    if let Ok(ds) = serde_json::from_str::<Dataset>(text) {
        let mut tree = Vec::new();
        if let Ok(v) = serde_json::from_str::<Value>(text) {
            tree_scalars(&v, "", &mut tree);
        }
        let mut walked = walked_scalars(&ds);
        tree.sort();
        walked.sort();
        prop_assert_eq!(walked, tree);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn fast_path_accepts_exactly_the_clean_files(
        base in 0usize..2,
        changes in proptest::collection::vec((0usize..10_000, 0usize..7, 0usize..40), 0..4),
        cuts in proptest::collection::vec((0usize..12_000, 0usize..6, "[ -~]{0,3}"), 0..2),
    ) {
        let mut doc = if base == 0 { fixture() } else { rich() };
        for (which, op, pick) in changes {
            mutate(&mut doc, which, op, pick);
        }
        let mut text = serde_json::to_string_pretty(&doc).expect("serialise");
        for (at, len, insert) in cuts {
            damage(&mut text, at, len, &insert);
        }
        agrees(&text)?;
    }

    #[test]
    fn any_short_text_agrees(text in ".{0,200}") {
        agrees(&text)?;
    }
}

#[test]
fn clean_files_take_the_fast_path_with_the_same_dataset() {
    for doc in [fixture(), rich()] {
        let text = serde_json::to_string_pretty(&doc).expect("serialise");
        let fast = read(&text, MAX_YEAR).expect("clean file on the fast path");
        let located = check_located(&text, MAX_YEAR);
        assert!(located.problems.is_empty(), "{:?}", located.problems);
        assert_eq!(Some(fast), located.dataset);
    }
}

/// The notice (a byte order mark) and the errors that only the tree sees (duplicate and
/// unknown keys) send a file to the located path, which reports them as before.
#[test]
fn notices_and_tree_only_errors_take_the_located_path() {
    let bom = format!("\u{feff}{FIXTURE}");
    assert!(read(&bom, MAX_YEAR).is_none());
    let c = check(&bom, MAX_YEAR);
    assert!(c.dataset.is_some());
    assert_eq!(c.problems.len(), 1, "{:?}", c.problems);
    assert!(c.problems[0].message.contains("byte order mark"));

    let dup = FIXTURE.replacen("\"title\":", "\"title\": \"a\", \"title\":", 1);
    assert!(read(&dup, MAX_YEAR).is_none());
    assert!(check(&dup, MAX_YEAR)
        .problems
        .iter()
        .any(|p| p.message.contains("duplicate key")));

    let mut doc = fixture();
    doc["uses"][0]["extra"] = json!(1);
    let text = doc.to_string();
    assert!(read(&text, MAX_YEAR).is_none());
    assert!(!check(&text, MAX_YEAR).problems.is_empty());
}

#[test]
fn rich_fixture_walk_covers_every_optional_field() {
    let ds: Dataset = serde_json::from_value(rich()).expect("typed");
    let keys: Vec<String> = walked_scalars(&ds).into_iter().map(|(k, _)| k).collect();
    for key in [
        "notes", "note", "years", "checked", "search", "result", "arrests",
    ] {
        assert!(keys.iter().any(|k| k == key), "{key} not walked");
    }
}
