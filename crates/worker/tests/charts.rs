//! The worker's chart requests, on the bundled dataset.

use tactics_worker::charts::{draw, ChartsRequest};

fn bundled() -> (
    tactics_core::model::dataset::Dataset,
    tactics_core::model::dataset::Index,
) {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/dataset.json"
    ))
    .unwrap_or_default();
    let ds = tactics_core::model::validate::check(&text, 2100)
        .dataset
        .unwrap_or_else(|| panic!("the bundled dataset must load"));
    let index = ds.index();
    (ds, index)
}

#[test]
fn one_panel_per_unit_with_table_events_and_downloads() {
    let (ds, index) = bundled();
    let request = ChartsRequest {
        series: vec!["mt-doj-cases".into(), "nhth-montana-calls".into()],
        ..ChartsRequest::default()
    };
    let panels = draw(&ds, &index, &request);
    assert_eq!(panels.len(), 2, "cases and calls are different units");
    let first = &panels[0];
    assert!(first.html.contains("<svg role=\"img\""));
    assert!(first.html.contains("data-testid=\"chart-table\""));
    assert!(first
        .html
        .contains("data-download=\"csv\" data-panel=\"0\""));
    assert!(panels[1].html.contains("data-panel=\"1\""));
    assert!(first
        .csv
        .starts_with("period,series,value,unit,source,source_url,conflict,note"));
    assert!(first.svg.starts_with("<svg"));
    assert!(!first.file.is_empty());
}

#[test]
fn year_range_and_unknown_series() {
    let (ds, index) = bundled();
    let request = ChartsRequest {
        series: vec!["mt-doj-cases".into(), "no-such-series".into()],
        from: Some(2022),
        to: Some(2023),
        ..ChartsRequest::default()
    };
    let panels = draw(&ds, &index, &request);
    assert_eq!(panels.len(), 1, "unknown ids are skipped");
    assert!(
        !panels[0].csv.contains("\r\n2015,"),
        "years outside the range are not in the CSV"
    );
    assert!(panels[0].csv.contains("\r\n2023,"));
    let none = draw(&ds, &index, &ChartsRequest::default());
    assert!(none.is_empty());
}

/// A downloaded chart stands on its own: title, unit, sources, credit and as-of date are text
/// in the picture, not only in `<title>` and `<desc>`.
#[test]
fn the_downloaded_svg_draws_its_title_source_credit_and_as_of() {
    let (ds, index) = bundled();
    let request = ChartsRequest {
        series: vec!["mt-doj-cases".into()],
        ..ChartsRequest::default()
    };
    let panels = draw(&ds, &index, &request);
    let svg = &panels[0].svg;
    let texts: Vec<&str> = svg
        .split("<text")
        .skip(1)
        .filter_map(|t| Some(&t[t.find('>')? + 1..t.find("</text>")?]))
        .collect();
    let all = texts.join(" ");
    let series = ds
        .series
        .iter()
        .find(|s| s.id == "mt-doj-cases")
        .expect("the series");
    assert!(all.contains(&series.name), "{all}");
    assert!(all.contains(&format!("Unit: {}", series.unit)), "{all}");
    assert!(all.contains("Source: "), "{all}");
    assert!(all.contains("Cite as:"), "{all}");
    assert!(
        all.contains(&format!("Data as of {}", ds.meta.as_of)),
        "{all}"
    );
    // The drawing is inside, with its title and description for screen readers.
    assert!(svg.contains("<title id=\"chart-"));
}
