//! The validator: each rejection with a fixture, every problem reported with path and position.
#![cfg(not(target_arch = "wasm32"))]

use serde_json::{json, Value};
use tactics_explorer::validate::{check, utf8_text, Checked, Severity, MAX_BYTES};

const MAX_YEAR: i32 = 2027;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/small.json")).expect("fixture is JSON")
}

fn run(doc: &Value) -> Checked {
    check(
        &serde_json::to_string_pretty(doc).expect("serialise"),
        MAX_YEAR,
    )
}

/// The problems as "path: message" lines, errors only.
fn errors(c: &Checked) -> Vec<String> {
    c.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| format!("{}: {}", p.path, p.message))
        .collect()
}

fn assert_one_error(doc: &Value, path: &str, needle: &str) -> Checked {
    let c = run(doc);
    let errs = errors(&c);
    assert!(
        errs.iter()
            .any(|e| e.starts_with(path) && e.contains(needle)),
        "expected an error at {path} containing {needle:?}, got {errs:#?}"
    );
    c
}

#[test]
fn the_fixture_is_valid() {
    let c = run(&fixture());
    assert_eq!(errors(&c), Vec::<String>::new());
    let ds = c.dataset.expect("dataset");
    assert_eq!(ds.jurisdictions.len(), 3);
    assert_eq!(ds.tactics.len(), 15);
}

#[test]
fn invalid_json_names_line_and_column() {
    let c = check("{\n  \"meta\": {\n    \"title\": tru\n  }\n}", MAX_YEAR);
    assert!(c.dataset.is_none());
    let p = &c.problems[0];
    assert_eq!((p.line, p.column), (3, 14));
    assert!(p.message.starts_with("not valid JSON"), "{}", p.message);
}

#[test]
fn unknown_tactic_ids_are_rejected() {
    let mut d = fixture();
    d["uses"][0]["tactic"] = json!("shaming");
    assert_one_error(&d, "$.uses[0].tactic", "unknown tactic id \"shaming\"");
    let mut d = fixture();
    d["tactics"][0]["id"] = json!("car-seizure");
    assert_one_error(&d, "$.tactics[0].id", "unknown tactic id");
}

#[test]
fn duplicate_ids_and_keys_are_rejected() {
    let mut d = fixture();
    d["jurisdictions"][1]["id"] = json!("alpha-mt");
    let c = assert_one_error(&d, "$.jurisdictions[1].id", "duplicate id \"alpha-mt\"");
    // The duplicate is left out, the first is kept.
    assert_eq!(c.dataset.expect("dataset").jurisdictions.len(), 2);

    let text = r#"{"meta": {}, "meta": {}}"#;
    let c = check(text, MAX_YEAR);
    assert!(c
        .problems
        .iter()
        .any(|p| p.message.contains("duplicate key \"meta\"") && (p.line, p.column) == (1, 14)));
}

#[test]
fn references_to_missing_places_and_sources_are_rejected() {
    let mut d = fixture();
    d["uses"][3]["place"] = json!("nowhere-mt");
    assert_one_error(
        &d,
        "$.uses[3].place",
        "jurisdiction \"nowhere-mt\" does not exist",
    );
    let mut d = fixture();
    d["series"][0]["observations"][1]["source"] = json!("src-zzz");
    assert_one_error(
        &d,
        "$.series[0].observations[1].source",
        "source \"src-zzz\" does not exist",
    );
    let mut d = fixture();
    d["jurisdictions"][0]["parents"] = json!(["atlantis"]);
    assert_one_error(&d, "$.jurisdictions[0].parents[0]", "does not exist");
}

#[test]
fn a_figure_without_a_source_is_rejected() {
    let mut d = fixture();
    d["uses"][0]["sources"] = json!([]);
    let c = assert_one_error(&d, "$.uses[0].sources", "a figure without a source");
    // Left out of what is shown, but said.
    assert_eq!(c.dataset.expect("dataset").uses.len(), 3);
    let mut d = fixture();
    d["series"][0]["observations"][0]
        .as_object_mut()
        .expect("object")
        .remove("source");
    assert_one_error(&d, "$.series[0]", "missing field `source`");
}

#[test]
fn negative_and_fractional_counts_are_rejected() {
    let mut d = fixture();
    d["series"][0]["observations"][0]["value"] = json!(-3);
    assert_one_error(&d, "$.series[0].observations[0].value", "whole number");
    let mut d = fixture();
    d["jurisdictions"][0]["population"]["value"] = json!(74822.5);
    assert_one_error(&d, "$.jurisdictions[0].population.value", "whole number");
    let mut d = fixture();
    d["events"][0]["arrests"] = json!(1e3);
    assert_one_error(&d, "$.events[0].arrests", "whole number");
}

#[test]
fn years_outside_the_range_are_rejected() {
    let mut d = fixture();
    d["uses"][0]["first_year"] = json!(1850);
    assert_one_error(&d, "$.uses[0].first_year", "outside 1900..=2027");
    let mut d = fixture();
    d["series"][0]["observations"][0]["period"] = json!(2031);
    assert_one_error(&d, "$.series[0].observations[0].period", "outside");
    let mut d = fixture();
    d["events"][0]["date"] = json!("2099-01-01");
    assert_one_error(&d, "$.events[0].date", "is not a date");
    let mut d = fixture();
    d["uses"][0]["first_year"] = json!(2025);
    assert_one_error(&d, "$.uses[0].first_year", "after last_year");
}

#[test]
fn non_web_urls_are_rejected() {
    for bad in [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://x.org",
        "//evil.example",
        "https://",
    ] {
        let mut d = fixture();
        d["sources"][0]["url"] = json!(bad);
        assert_one_error(&d, "$.sources[0].url", "is not an http(s) URL");
    }
    let mut d = fixture();
    d["meta"]["exit_url"] = json!("javascript:void(0)");
    assert_one_error(&d, "$.meta.exit_url", "is not an http(s) URL");
}

#[test]
fn overlong_text_is_rejected() {
    let mut d = fixture();
    d["jurisdictions"][0]["name"] = json!("x".repeat(301));
    assert_one_error(&d, "$.jurisdictions[0].name", "over the limit of 300");
    let mut d = fixture();
    d["jurisdictions"][0]["summary"] = json!("y".repeat(4001));
    assert_one_error(&d, "$.jurisdictions[0].summary", "over the limit of 4000");
}

#[test]
fn every_problem_is_reported_not_only_the_first() {
    let mut d = fixture();
    d["uses"][0]["tactic"] = json!("nope");
    d["sources"][1]["url"] = json!("javascript:x");
    d["series"][0]["observations"][0]["value"] = json!(-1);
    d["jurisdictions"][2]["state"] = json!("Montana");
    let c = run(&d);
    let errs = errors(&c);
    assert!(errs.len() >= 4, "{errs:#?}");
    for path in [
        "$.uses[0].tactic",
        "$.sources[1].url",
        "$.series[0].observations[0].value",
        "$.jurisdictions[2].state",
    ] {
        assert!(
            errs.iter().any(|e| e.starts_with(path)),
            "{path} in {errs:#?}"
        );
    }
    // Every problem has a real position in the file.
    assert!(c.problems.iter().all(|p| p.line > 1 && p.column >= 1));
}

#[test]
fn structural_garbage_never_panics_and_explains() {
    for text in [
        "[]",
        "null",
        "42",
        "\"x\"",
        "{}",
        r#"{"meta": 1, "sources": {}}"#,
        "\u{feff}{}",
    ] {
        let c = check(text, MAX_YEAR);
        assert!(c.errors() > 0, "{text:?} should have errors");
    }
    let c = check("\u{feff}{}", MAX_YEAR);
    assert!(c
        .problems
        .iter()
        .any(|p| p.severity == Severity::Notice && p.message.contains("byte order mark")));
    let huge = " ".repeat(MAX_BYTES + 1);
    let c = check(&huge, MAX_YEAR);
    assert!(c.problems[0].message.contains("over the limit of 20 MB"));
}

#[test]
fn unknown_fields_are_errors_not_silently_ignored() {
    let mut d = fixture();
    d["jurisdictions"][0]["populaton"] = json!(5);
    assert_one_error(&d, "$.jurisdictions[0]", "unknown field `populaton`");
}

#[test]
fn bytes_that_are_not_utf8_are_located() {
    let mut bytes = b"{\n  \"meta\": \"caf".to_vec();
    bytes.push(0xE9); // Latin-1 é
    bytes.extend_from_slice(b"\"\n}");
    let p = utf8_text(bytes).expect_err("not UTF-8");
    assert_eq!((p.line, p.column), (2, 15), "{p}");
    assert!(p.message.contains("not UTF-8"), "{}", p.message);
    assert_eq!(
        utf8_text("{\"ok\": \"é\"}".into()).as_deref(),
        Ok("{\"ok\": \"é\"}")
    );
}

#[test]
fn a_not_found_without_what_was_searched_is_rejected() {
    let mut d = fixture();
    let entry = d["uses"][2].as_object_mut().expect("use");
    entry.remove("search");
    let c = assert_one_error(&d, "$.uses[2]", "must say what was searched");
    // The entry is left out rather than shown as "searched".
    assert_eq!(c.dataset.expect("dataset").uses.len(), 3);
    // Each of the three ways of saying it is enough on its own.
    for (key, value) in [
        (
            "note",
            json!("Searched the county's news releases for \"impound\"."),
        ),
        ("sources", json!(["src-a"])),
        ("search", json!("sample-news")),
    ] {
        let mut ok = d.clone();
        ok["uses"][2][key] = value;
        assert_eq!(errors(&run(&ok)), Vec::<String>::new(), "with {key}");
    }
    // A blank note says nothing.
    let mut blank = d.clone();
    blank["uses"][2]["note"] = json!("  ");
    assert_one_error(&blank, "$.uses[2]", "must say what was searched");
}

#[test]
fn a_not_found_pointing_to_an_unknown_search_is_rejected() {
    let mut d = fixture();
    d["uses"][2]["search"] = json!("no-such-search");
    assert_one_error(
        &d,
        "$.uses[2].search",
        "search \"no-such-search\" does not exist",
    );
}

#[test]
fn a_publication_date_must_say_whether_it_is_estimated() {
    let mut d = fixture();
    d["sources"][0]
        .as_object_mut()
        .expect("source")
        .remove("published_basis");
    let c = assert_one_error(&d, "$.sources[0].published", "\"published_basis\"");
    let p = c
        .problems
        .iter()
        .find(|p| p.path == "$.sources[0].published")
        .expect("problem");
    assert!(p.line > 1, "the problem has a position: {p}");
    // Marked estimated, it passes and reads "about".
    let mut d = fixture();
    d["sources"][0]["published_basis"] = json!("estimated");
    let c = run(&d);
    assert_eq!(errors(&c), Vec::<String>::new());
    let ds = c.dataset.expect("dataset");
    assert_eq!(ds.sources[0].published_label(), "about 2020-01-02");
    // A basis without a date is a mistake too.
    let mut d = fixture();
    d["sources"][0]["published"] = Value::Null;
    assert_one_error(&d, "$.sources[0].published_basis", "\"published\" is not");
}

#[test]
fn impossible_calendar_dates_are_rejected_with_field_and_position() {
    for (field, date, why) in [
        ("published", "2023-02-30", "February 2023 has 28 days"),
        ("published", "2023-02-29", "February 2023 has 28 days"),
        ("accessed", "2026-04-31", "April 2026 has 30 days"),
        ("published", "2023-13", "month 13 does not exist"),
        ("published", "2023-00-10", "month 00 does not exist"),
        ("published", "2023-1-5", "write YYYY"),
    ] {
        let mut d = fixture();
        d["sources"][0][field] = json!(date);
        let path = format!("$.sources[0].{field}");
        let c = assert_one_error(&d, &path, why);
        let p = c.problems.iter().find(|p| p.path == path).expect("problem");
        assert!(p.line > 1 && p.column > 1, "{p}");
    }
    let mut d = fixture();
    d["events"][0]["date"] = json!("2026-06-31");
    assert_one_error(&d, "$.events[0].date", "June 2026 has 30 days");
    let mut d = fixture();
    d["uses"][2]["checked"] = json!("2025-02-29");
    assert_one_error(&d, "$.uses[2].checked", "February 2025 has 28 days");
    // Real dates pass, leap days included (2000 is a leap year, 1900 is not).
    for date in [
        "2024-02-29",
        "2000-02-29",
        "2026-04-30",
        "2026-12-31",
        "2026-04",
        "2026",
    ] {
        let mut d = fixture();
        d["sources"][0]["published"] = json!(date);
        assert_eq!(errors(&run(&d)), Vec::<String>::new(), "{date}");
    }
    let mut d = fixture();
    d["sources"][0]["published"] = json!("1900-02-29");
    assert_one_error(&d, "$.sources[0].published", "February 1900 has 28 days");
}

#[test]
fn locations_are_checked() {
    let mut d = fixture();
    d["jurisdictions"][0]["location"] = json!({"lat": 46.87, "lon": -114.03, "source": "src-a"});
    let c = run(&d);
    assert_eq!(errors(&c), Vec::<String>::new());
    let loc = c.dataset.expect("dataset").jurisdictions[0]
        .location
        .clone()
        .expect("location");
    assert_eq!((loc.lat, loc.lon), (46.87, -114.03));

    d["jurisdictions"][0]["location"] = json!({"lat": 146.87, "lon": -214.0, "source": "nope"});
    let c = assert_one_error(&d, "$.jurisdictions[0].location.lat", "outside -90..=90");
    let errs = errors(&c);
    assert!(errs
        .iter()
        .any(|e| e.starts_with("$.jurisdictions[0].location.lon")));
    assert!(errs
        .iter()
        .any(|e| e.starts_with("$.jurisdictions[0].location.source")));
    d["jurisdictions"][0]["location"] = json!({"lat": "46.8", "lon": -114.0, "source": "src-a"});
    assert_one_error(&d, "$.jurisdictions[0]", "entry left out");
}

#[test]
fn evidence_years_must_lie_within_first_and_last_year() {
    let mut d = fixture();
    d["uses"][0]["first_year"] = json!(2016);
    d["uses"][0]["last_year"] = json!(2020);
    d["uses"][0]["years"] = json!([2016, 2020]);
    assert_eq!(errors(&run(&d)), Vec::<String>::new());
    d["uses"][0]["years"] = json!([2016, 2021]);
    assert_one_error(&d, "$.uses[0].years[1]", "outside first_year..=last_year");
    d["uses"][0]["years"] = json!([1850]);
    assert_one_error(&d, "$.uses[0].years[0]", "year 1850 is outside");
}

#[test]
fn a_file_without_searches_is_still_read() {
    let mut d = fixture();
    d.as_object_mut().expect("root").remove("searches");
    d["uses"][2]["note"] = json!("Searched the sample archive.");
    d["uses"][2].as_object_mut().expect("use").remove("search");
    assert_eq!(errors(&run(&d)), Vec::<String>::new());
}

#[test]
fn a_source_without_a_kind_is_rejected() {
    let mut d = fixture();
    d["sources"][1]
        .as_object_mut()
        .expect("a source object")
        .remove("kind");
    let c = assert_one_error(&d, "$.sources[1]", "a source needs a \"kind\"");
    // Only that source's entry is named; the rest of the file is still read.
    assert_eq!(errors(&c).len(), 1, "{:#?}", errors(&c));
    let mut d = fixture();
    d["sources"][0]["kind"] = json!("legend");
    assert_one_error(&d, "$.sources[0]", "unknown variant");
}

#[test]
fn a_used_cell_without_a_cited_source_is_rejected() {
    let mut d = fixture();
    let first_used = d["uses"]
        .as_array()
        .and_then(|u| u.iter().position(|u| u["status"] == "used"))
        .expect("a used cell");
    d["uses"][first_used]["sources"] = json!([]);
    let path = format!("$.uses[{first_used}].sources");
    assert_one_error(&d, &path, "a figure without a source");
}

#[test]
fn a_population_without_a_year_is_accepted() {
    let mut d = fixture();
    let pop = d["jurisdictions"]
        .as_array_mut()
        .and_then(|j| j.iter_mut().find(|j| j["population"].is_object()))
        .expect("a place with a population");
    pop["population"]
        .as_object_mut()
        .expect("population")
        .remove("year");
    assert_eq!(errors(&run(&d)), Vec::<String>::new());
}

#[test]
fn entries_with_errors_beyond_the_listed_ones_are_still_left_out() {
    // More bad uses than problems listed: each is left out, not only the listed ones.
    let mut d = fixture();
    let first = d["uses"][0].clone();
    let uses = d["uses"].as_array_mut().expect("uses");
    for i in 0..(tactics_explorer::validate::MAX_LISTED + 20) {
        let mut u = first.clone();
        u["place"] = json!(format!("nowhere-{i}"));
        uses.push(u);
    }
    let c = run(&d);
    assert!(c.unlisted > 0, "some problems are only counted");
    let ds = c.dataset.expect("the rest is read");
    assert!(ds.uses.iter().all(|u| !u.place.starts_with("nowhere-")));
}
