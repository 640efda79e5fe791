//! Chart core: stable SVG (snapshot), title and axis years, escaping, gaps, conflicts, the table,
//! the words and the CSV.
#![cfg(not(target_arch = "wasm32"))]

use tactics_explorer::chart::*;
use tactics_explorer::dataset::{Event, EventKind, Observation, Series};

fn series(id: &str, name: &str, unit: &str, obs: &[(i32, u64, &str)]) -> Series {
    Series {
        id: id.into(),
        name: name.into(),
        unit: unit.into(),
        place: "montana".into(),
        fiscal_year: false,
        definition: "Cases.".into(),
        caveats: vec![],
        observations: obs
            .iter()
            .map(|&(period, value, source)| Observation {
                period,
                value,
                source: source.into(),
                note: None,
            })
            .collect(),
    }
}

fn doj() -> Series {
    series(
        "doj",
        "Cases tracked by the state",
        "cases",
        &[
            (2015, 7, "a"),
            (2016, 20, "a"),
            (2017, 30, "a"),
            (2018, 40, "a"),
            (2021, 41, "a"),
            (2021, 68, "b"),
            (2022, 106, "a"),
        ],
    )
}

fn event() -> Event {
    Event {
        id: "law".into(),
        date: "2016-04".into(),
        kind: EventKind::Law,
        place: "montana".into(),
        title: "A new law".into(),
        description: "".into(),
        tactics: vec![],
        arrests: None,
        sources: vec!["a".into()],
    }
}

fn svg_of(s: &Series, opts: &ChartOptions) -> String {
    let panel = Panel {
        unit: s.unit.clone(),
        series: vec![s],
    };
    let e = event();
    render_svg(&panel, &[&e], opts, &s.name, &describe(&panel, opts))
}

#[test]
fn svg_is_stable_and_labelled() {
    let s = doj();
    let svg = svg_of(&s, &ChartOptions::default());
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/chart_line.svg"
    );
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots"))
            .expect("dir");
        std::fs::write(path, &svg).expect("write snapshot");
    }
    let expected =
        std::fs::read_to_string(path).expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        svg, expected,
        "SVG changed; review and rerun with UPDATE_SNAPSHOTS=1"
    );
    assert!(svg.starts_with("<svg role=\"img\" aria-labelledby=\"chart-"));
    assert!(svg.contains("<title id=\"chart-"));
    assert!(svg.contains(">Cases tracked by the state</title>"));
    assert!(svg.contains("<desc id=\"chart-"));
    for year in ["2015", "2017", "2019", "2021"] {
        assert!(
            svg.contains(&format!(">\n{year}\n</text>")),
            "axis year {year}"
        );
    }
    assert!(svg.contains("\nLaw A new law\n"), "event label");
}

#[test]
fn text_is_escaped() {
    let hostile = "<img src=x onerror=alert(1)>";
    let s = series("x", hostile, "cases", &[(2015, 1, "a"), (2016, 2, "a")]);
    let svg = svg_of(&s, &ChartOptions::default());
    assert!(!svg.contains(hostile), "raw markup must not appear");
    assert!(svg.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

/// The y pixel of the x axis (value 0) and the polylines drawn.
fn polylines(svg: &str) -> Vec<Vec<(i32, i32)>> {
    svg.match_indices("<polyline")
        .filter_map(|(i, _)| {
            let rest = &svg[i..];
            let start = rest.find("points=\"")? + 8;
            let end = rest[start..].find('"')? + start;
            Some(
                rest[start..end]
                    .split_whitespace()
                    .filter_map(|p| {
                        let (x, y) = p.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn missing_years_are_gaps_not_zeros() {
    let s = series(
        "g",
        "Gappy",
        "cases",
        &[(2015, 10, "a"), (2016, 12, "a"), (2018, 14, "a")],
    );
    let svg = svg_of(&s, &ChartOptions::default());
    let lines: Vec<Vec<(i32, i32)>> = polylines(&svg)
        .into_iter()
        .filter(|l| l.len() >= 2 && l.windows(2).all(|w| w[0].0 < w[1].0))
        .collect();
    // The data lines: 2015–2016 as one segment; 2018 alone has no line at all.
    let data: Vec<_> = lines
        .iter()
        .filter(|l| l.len() == 2 && l[0].1 != l[1].1)
        .collect();
    assert_eq!(data.len(), 1, "one segment for 2015–2016: {lines:?}");
    let opts = ChartOptions::default();
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&s],
    };
    let rows = table_rows(&panel, &opts);
    assert_eq!(
        rows.iter().map(|r| r.period).collect::<Vec<_>>(),
        vec![2015, 2016, 2018]
    );
    assert!(
        !rows.iter().any(|r| r.value == 0),
        "no invented zero for 2017"
    );
}

#[test]
fn conflicting_points_are_both_drawn_and_listed() {
    let s = doj();
    let svg = svg_of(
        &s,
        &ChartOptions {
            from: Some(2021),
            to: Some(2021),
            ..ChartOptions::default()
        },
    );
    // One circle for the first source, one cross (a path) for the second, plus legend marks.
    let circles = svg.matches("<circle").count();
    assert!(circles >= 1, "{svg}");
    assert!(svg.matches("<polyline").count() + svg.matches("<path").count() >= 1);
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&s],
    };
    let rows = table_rows(
        &panel,
        &ChartOptions {
            from: Some(2021),
            to: Some(2021),
            ..ChartOptions::default()
        },
    );
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r.conflict));
    assert_eq!(
        rows.iter()
            .map(|r| (r.value, r.source_id.as_str()))
            .collect::<Vec<_>>(),
        vec![(41, "a"), (68, "b")]
    );
    // Two differently shaped marks at the same x: a circle and a cross.
    let full = svg_of(&s, &ChartOptions::default());
    let no_conflict = series(
        "d",
        "Same",
        "cases",
        &[
            (2015, 7, "a"),
            (2016, 20, "a"),
            (2017, 30, "a"),
            (2018, 40, "a"),
            (2021, 41, "a"),
            (2022, 106, "a"),
        ],
    );
    let plain = svg_of(&no_conflict, &ChartOptions::default());
    assert!(full.len() > plain.len(), "the second figure adds a mark");
}

#[test]
fn table_respects_the_range() {
    let s = doj();
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&s],
    };
    let rows = table_rows(
        &panel,
        &ChartOptions {
            from: Some(2016),
            to: Some(2018),
            ..ChartOptions::default()
        },
    );
    assert_eq!(
        rows.iter().map(|r| r.period).collect::<Vec<_>>(),
        vec![2016, 2017, 2018]
    );
    assert_eq!(rows[0].period_label, "2016");
    let mut fy = s.clone();
    fy.fiscal_year = true;
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&fy],
    };
    assert_eq!(
        table_rows(&panel, &ChartOptions::default())[0].period_label,
        "FY2015"
    );
}

#[test]
fn the_description_says_what_the_chart_shows() {
    let s = doj();
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&s],
    };
    assert_eq!(
        describe(&panel, &ChartOptions::default()),
        "Cases tracked by the state: 7 in 2015, 106 in 2022 (up 99). Sources disagree for 2021."
    );
    assert_eq!(
        describe(
            &panel,
            &ChartOptions {
                from: Some(2021),
                to: Some(2021),
                ..ChartOptions::default()
            }
        ),
        "Cases tracked by the state: 41 or 68 in 2021. Sources disagree for 2021."
    );
}

#[test]
fn csv_quotes_and_defuses_formulas() {
    let s = series(
        "c",
        "=HYPERLINK(\"x\"), \"quoted\"",
        "cases",
        &[(2015, 7, "a")],
    );
    let panel = Panel {
        unit: "cases".into(),
        series: vec![&s],
    };
    let rows = table_rows(&panel, &ChartOptions::default());
    let lookup = |id: &str| Some((format!("Source {id}"), "https://example.org/a".to_string()));
    let csv = to_csv(&rows, "cases", &lookup, "Cite, please", "2026-11-22");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "period,series,value,unit,source,source_url,conflict,note"
    );
    assert_eq!(
        lines[1],
        "2015,\"'=HYPERLINK(\"\"x\"\"), \"\"quoted\"\"\",7,cases,Source a,https://example.org/a,,"
    );
    assert!(csv.contains("Cite as,\"Cite, please\""));
    assert!(csv.contains("Data as of,2026-11-22"));
}

#[test]
fn empty_and_extreme_input_never_panics() {
    let empty = series("e", "Empty", "cases", &[]);
    let svg = svg_of(&empty, &ChartOptions::default());
    assert!(svg.contains("No data in this range"));
    let huge = series(
        "h",
        "Huge",
        "cases",
        &[(1900, u64::MAX, "a"), (2027, 0, "a")],
    );
    assert!(svg_of(
        &huge,
        &ChartOptions {
            width: 390,
            height: 300,
            ..ChartOptions::default()
        }
    )
    .contains("<svg"));
    let one = series("o", "One", "cases", &[(2020, 3, "a")]);
    assert!(svg_of(
        &one,
        &ChartOptions {
            from: Some(2030),
            to: Some(2010),
            ..ChartOptions::default()
        }
    )
    .contains("No data"));
    assert!(svg_of(
        &one,
        &ChartOptions {
            dark: true,
            kind: ChartKind::Bar,
            ..ChartOptions::default()
        }
    )
    .contains("<rect"));
}

#[test]
fn different_units_get_separate_panels() {
    let a = doj();
    let b = series("calls", "Hotline calls", "calls", &[(2015, 70, "a")]);
    let c = series("more", "More cases", "cases", &[(2016, 3, "a")]);
    let p = panels(&[&a, &b, &c]);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].unit, "cases");
    assert_eq!(p[0].series.len(), 2);
    assert_eq!(p[1].unit, "calls");
}
