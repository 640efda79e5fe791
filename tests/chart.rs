//! Chart core: stable SVG (snapshots), accessible labelling, axis years, escaping, gaps,
//! conflicts, events, contrast, the table, the words and the CSV, and robustness.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use tactics_explorer::chart::*;
use tactics_explorer::colour::{contrast, parse_hex};
use tactics_explorer::dataset::{Event, EventKind, Observation, Series};

// ---------------------------------------------------------------------------------------------
// Fixtures

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

/// Gap in 2019–2020, sources disagree for 2021.
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

fn hotline() -> Series {
    series(
        "hotline",
        "Cases reported to the hotline",
        "cases",
        &[
            (2015, 12, "h"),
            (2016, 18, "h"),
            (2017, 25, "h"),
            (2018, 31, "h"),
            (2019, 44, "h"),
            (2020, 52, "h"),
            (2021, 60, "h"),
            (2022, 58, "h"),
        ],
    )
}

fn event(id: &str, date: &str, kind: EventKind, title: &str) -> Event {
    Event {
        id: id.into(),
        date: date.into(),
        date_basis: None,
        kind,
        place: "montana".into(),
        title: title.into(),
        description: String::new(),
        tactics: vec![],
        arrests: None,
        sources: vec!["a".into()],
    }
}

fn events() -> Vec<Event> {
    vec![
        event("law", "2016-04", EventKind::Law, "A new law"),
        event("sting", "2017-06-01", EventKind::Sting, "Reverse sting"),
        event("train", "2017-09", EventKind::Training, "Officer training"),
        event("tf", "2021-01", EventKind::TaskForce, "Task force formed"),
    ]
}

fn panel_of<'a>(s: &[&'a Series]) -> Panel<'a> {
    Panel {
        unit: s[0].unit.clone(),
        series: s.to_vec(),
    }
}

fn svg_of(s: &[&Series], evs: &[Event], opts: &ChartOptions) -> String {
    let panel = panel_of(s);
    let evs: Vec<&Event> = evs.iter().collect();
    let title = s
        .iter()
        .map(|s| s.name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    render_svg(&panel, &evs, opts, &title, &describe(&panel, opts))
}

fn opts() -> ChartOptions {
    ChartOptions::default()
}

fn range(from: Option<i32>, to: Option<i32>) -> ChartOptions {
    ChartOptions {
        from,
        to,
        ..ChartOptions::default()
    }
}

// ---------------------------------------------------------------------------------------------
// A small SVG reader for assertions

#[derive(Debug, Clone)]
struct El {
    name: String,
    attrs: BTreeMap<String, String>,
    text: String,
}

impl El {
    fn num(&self, key: &str) -> i32 {
        let v = &self.attrs[key];
        v.parse::<f64>()
            .unwrap_or_else(|_| panic!("{key}={v} is a number")) as i32
    }
    fn get(&self, key: &str) -> &str {
        self.attrs.get(key).map(String::as_str).unwrap_or("")
    }
}

/// Checks that `svg` is well-formed XML as far as we emit it (balanced tags, quoted
/// attributes, entities only) and returns its elements in document order.
fn parse(svg: &str) -> Vec<El> {
    let mut out: Vec<El> = Vec::new();
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut rest = svg;
    let check_text = |t: &str| {
        assert!(!t.contains('>'), "raw > in text: {t:?}");
        for (i, _) in t.match_indices('&') {
            let ent = &t[i..t[i..].find(';').map_or(t.len(), |e| i + e + 1)];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;", "&#39;"].contains(&ent),
                "bad entity {ent:?}"
            );
        }
    };
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        check_text(text);
        if let Some((_, idx)) = stack.last() {
            out[*idx].text.push_str(text);
        }
        let gt = rest[lt..].find('>').expect("tag closes") + lt;
        let tag = &rest[lt + 1..gt];
        rest = &rest[gt + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            let (open, _) = stack.pop().expect("close matches an open tag");
            assert_eq!(open, name, "tags balance");
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let (name, mut attrs_src) = tag.split_once(' ').unwrap_or((tag, ""));
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "tag name {name:?}"
        );
        let mut attrs = BTreeMap::new();
        loop {
            attrs_src = attrs_src.trim_start();
            if attrs_src.is_empty() {
                break;
            }
            let eq = attrs_src.find("=\"").expect("attribute is key=\"value\"");
            let key = &attrs_src[..eq];
            assert!(
                key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'),
                "attribute name {key:?}"
            );
            let end = attrs_src[eq + 2..].find('"').expect("value closes") + eq + 2;
            let value = &attrs_src[eq + 2..end];
            assert!(!value.contains('<'), "raw < in attribute");
            check_text(value);
            attrs.insert(key.to_string(), value.to_string());
            attrs_src = &attrs_src[end + 1..];
        }
        out.push(El {
            name: name.to_string(),
            attrs,
            text: String::new(),
        });
        if !self_closing {
            stack.push((name.to_string(), out.len() - 1));
        }
    }
    assert!(rest.trim().is_empty(), "nothing after the root");
    assert!(stack.is_empty(), "all tags closed: {stack:?}");
    assert_eq!(out.first().map(|e| e.name.as_str()), Some("svg"));
    out
}

fn of<'e>(els: &'e [El], name: &str) -> Vec<&'e El> {
    els.iter().filter(|e| e.name == name).collect()
}

fn texts(els: &[El]) -> Vec<(&El, String)> {
    of(els, "text")
        .into_iter()
        .map(|e| (e, e.text.trim().to_string()))
        .collect()
}

/// The x pixel of a year: the centre of its x-axis label.
fn year_x(els: &[El], label: &str) -> i32 {
    texts(els)
        .into_iter()
        .find(|(e, t)| t == label && e.get("text-anchor") == "middle")
        .unwrap_or_else(|| panic!("axis label {label}"))
        .0
        .num("x")
}

/// The y pixel of the value 0: the y of the "0" label of the y axis.
fn zero_y(els: &[El]) -> i32 {
    texts(els)
        .into_iter()
        .find(|(e, t)| t == "0" && e.get("text-anchor") == "end")
        .expect("y axis label 0")
        .0
        .num("y")
}

fn points(e: &El) -> Vec<(i32, i32)> {
    e.get("points")
        .split_whitespace()
        .map(|p| {
            let (x, y) = p.split_once(',').expect("x,y");
            (x.parse().expect("x"), y.parse().expect("y"))
        })
        .collect()
}

/// Polylines stroked in `colour`: the series' lines.
fn lines_in<'e>(els: &'e [El], colour: &str) -> Vec<&'e El> {
    of(els, "polyline")
        .into_iter()
        .filter(|e| e.get("stroke") == colour)
        .collect()
}

const BLUE: &str = "#0072B2";
const VERMILLION: &str = "#D55E00";

fn snapshot(name: &str, svg: &str) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/snapshots");
    let path = format!("{dir}/{name}");
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(dir).expect("snapshot dir");
        std::fs::write(&path, svg).expect("write snapshot");
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{path} exists (UPDATE_SNAPSHOTS=1 writes it)"));
    assert!(
        svg == expected,
        "{name} changed; review the difference and rerun with UPDATE_SNAPSHOTS=1"
    );
}

// ---------------------------------------------------------------------------------------------
// The picture

#[test]
fn line_chart_matches_snapshot() {
    let (a, b) = (doj(), hotline());
    let svg = svg_of(&[&a, &b], &events(), &opts());
    parse(&svg);
    snapshot("chart_line.svg", &svg);
}

#[test]
fn narrow_dark_bar_chart_matches_snapshot() {
    let (a, b) = (doj(), hotline());
    let o = ChartOptions {
        width: 390,
        height: 300,
        dark: true,
        kind: ChartKind::Bar,
        ..opts()
    };
    let svg = svg_of(&[&a, &b], &events(), &o);
    parse(&svg);
    snapshot("chart_bar_dark_390.svg", &svg);
}

#[test]
fn svg_is_an_accessible_image_with_title_and_description() {
    let a = doj();
    let svg = svg_of(&[&a], &[], &opts());
    let els = parse(&svg);
    let root = &els[0];
    assert_eq!(root.get("role"), "img");
    assert_eq!(root.get("viewBox"), "0 0 960 420");
    let ids: Vec<&str> = root.get("aria-labelledby").split(' ').collect();
    assert_eq!(ids.len(), 2);
    assert!(
        ids[0].starts_with("chart-cases-tracked-by-the-state-"),
        "{ids:?}"
    );
    // <title> and <desc> are the first children and carry the referenced ids.
    assert_eq!(els[1].name, "title");
    assert_eq!(els[1].get("id"), ids[0]);
    assert_eq!(els[1].text, "Cases tracked by the state");
    assert_eq!(els[2].name, "desc");
    assert_eq!(els[2].get("id"), ids[1]);
    assert!(els[2]
        .text
        .starts_with("Cases tracked by the state: 7 in 2015"));
    // Ids differ between charts with different content.
    let other = svg_of(&[&a], &[], &range(Some(2016), None));
    assert!(!other.contains(&format!("\"{}\"", ids[0])));
}

#[test]
fn x_axis_shows_the_years_and_y_axis_starts_at_zero() {
    let a = doj();
    let els = parse(&svg_of(&[&a], &[], &opts()));
    let xs: Vec<i32> = (2015..=2022)
        .map(|y| year_x(&els, &y.to_string()))
        .collect();
    assert!(xs.windows(2).all(|w| w[0] < w[1]), "years left to right");
    // y labels: 0 at the bottom, rising in whole numbers.
    let mut y_labels: Vec<(i32, String)> = texts(&els)
        .into_iter()
        .filter(|(e, _)| e.get("text-anchor") == "end")
        .map(|(e, t)| (e.num("y"), t))
        .collect();
    y_labels.sort();
    let bottom = y_labels.last().expect("y labels");
    assert_eq!(bottom.1, "0");
    let values: Vec<u64> = y_labels
        .iter()
        .rev()
        .map(|(_, t)| t.parse().expect("integer"))
        .collect();
    assert!(values.windows(2).all(|w| w[0] < w[1]));
    assert!(
        *values.last().unwrap() >= 106,
        "top tick above the largest value"
    );
    // The requested range sets the axis, even beyond the data.
    let els = parse(&svg_of(&[&a], &[], &range(Some(2012), Some(2024))));
    year_x(&els, "2012");
    year_x(&els, "2024");
    assert!(!texts(&els).iter().any(|(_, t)| t == "2011" || t == "2025"));
}

#[test]
fn fiscal_years_are_labelled_fy() {
    let mut a = doj();
    a.fiscal_year = true;
    let els = parse(&svg_of(&[&a], &[], &opts()));
    year_x(&els, "FY2015");
    year_x(&els, "FY2022");
    assert!(!texts(&els).iter().any(|(_, t)| t == "2015"));
    // Mixed with a calendar-year series: calendar labels, the fiscal one says so in the legend.
    let b = hotline();
    let els = parse(&svg_of(&[&a, &b], &[], &opts()));
    year_x(&els, "2015");
    assert!(texts(&els)
        .iter()
        .any(|(_, t)| t == "Cases tracked by the state (fiscal years)"));
}

#[test]
fn hostile_text_is_escaped_everywhere() {
    let hostile = "<img src=x onerror=alert(1)>";
    let mut s = series("x", hostile, hostile, &[(2015, 1, "a"), (2016, 2, "a")]);
    s.observations[0].note = Some(hostile.into());
    let ev = event("e", "2015-02", EventKind::Other, hostile);
    let panel = panel_of(&[&s]);
    let svg = render_svg(
        &panel,
        &[&ev],
        &opts(),
        hostile,
        &format!("\"{hostile}\" & 'so on'"),
    );
    let els = parse(&svg);
    assert!(!svg.contains(hostile), "raw markup never appears");
    assert!(!svg.contains("<img"));
    assert_eq!(els[1].text, "&lt;img src=x onerror=alert(1)&gt;");
    assert_eq!(
        els[2].text,
        "&quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; &#39;so on&#39;"
    );
    // The legend (drawn by plotters) shows the escaped name too.
    assert!(texts(&els)
        .iter()
        .any(|(_, t)| t == "&lt;img src=x onerror=alert(1)&gt;"));
    // Control characters, invalid in XML, never reach the document.
    let s = series("c", "bell\u{7}name", "ca\u{0}ses", &[(2015, 1, "a")]);
    let svg = svg_of(&[&s], &[], &opts());
    parse(&svg);
    assert!(!svg.contains('\u{7}') && !svg.contains('\u{0}'));
}

#[test]
fn escape_xml_escapes_markup_and_drops_invalid_characters() {
    assert_eq!(
        escape_xml("a<b>&\"c'\u{0}\u{1b}\u{FFFF}\n\td"),
        "a&lt;b&gt;&amp;&quot;c&#39;\n\td"
    );
    assert_eq!(escape_xml("Montana – 2021 ✓"), "Montana – 2021 ✓");
}

#[test]
fn missing_years_are_gaps_not_zeros() {
    let s = series(
        "g",
        "Gappy",
        "cases",
        &[
            (2015, 10, "a"),
            (2016, 12, "a"),
            (2018, 14, "a"),
            (2019, 16, "a"),
        ],
    );
    let els = parse(&svg_of(&[&s], &[], &opts()));
    let (x15, x16, x17, x18, x19) = (
        year_x(&els, "2015"),
        year_x(&els, "2016"),
        year_x(&els, "2017"),
        year_x(&els, "2018"),
        year_x(&els, "2019"),
    );
    let zero = zero_y(&els);
    let lines = lines_in(&els, BLUE);
    let segments: Vec<Vec<(i32, i32)>> = lines.iter().map(|l| points(l)).collect();
    assert_eq!(
        segments.len(),
        2,
        "the line is split at the gap: {segments:?}"
    );
    assert_eq!(
        segments[0].iter().map(|p| p.0).collect::<Vec<_>>(),
        vec![x15, x16]
    );
    assert_eq!(
        segments[1].iter().map(|p| p.0).collect::<Vec<_>>(),
        vec![x18, x19]
    );
    assert!(segments
        .iter()
        .flatten()
        .all(|&(x, y)| x != x17 && y < zero));
    let circles: Vec<(i32, i32)> = of(&els, "circle")
        .into_iter()
        .filter(|c| c.get("fill") == BLUE && c.num("r") == 5)
        .map(|c| (c.num("cx"), c.num("cy")))
        .collect();
    assert_eq!(
        circles.iter().map(|c| c.0).collect::<Vec<_>>(),
        vec![x15, x16, x18, x19]
    );
    assert!(circles.iter().all(|c| c.1 < zero), "no mark at zero");
    // A lone year between gaps is a mark without a line.
    let lone = series("l", "Lone", "cases", &[(2015, 5, "a"), (2017, 6, "a")]);
    let els = parse(&svg_of(&[&lone], &[], &opts()));
    assert!(lines_in(&els, BLUE).is_empty());
    assert_eq!(
        of(&els, "circle")
            .iter()
            .filter(|c| c.get("fill") == BLUE && c.num("r") == 5)
            .count(),
        2
    );
}

#[test]
fn conflicting_figures_are_both_drawn() {
    let a = doj();
    let els = parse(&svg_of(&[&a], &[], &opts()));
    let x21 = year_x(&els, "2021");
    let at_2021_circles: Vec<i32> = of(&els, "circle")
        .into_iter()
        .filter(|c| c.get("fill") == BLUE && c.num("cx") == x21)
        .map(|c| c.num("cy"))
        .collect();
    assert_eq!(at_2021_circles.len(), 1, "first source: the series' circle");
    // Second source: a cross (two diagonal lines) in the series colour at the same x.
    let cross: Vec<&El> = of(&els, "line")
        .into_iter()
        .filter(|l| l.get("stroke") == BLUE)
        .collect();
    assert_eq!(cross.len(), 2);
    let centre_x = (cross[0].num("x1") + cross[0].num("x2")) / 2;
    let centre_y = (cross[0].num("y1") + cross[0].num("y2")) / 2;
    assert_eq!(centre_x, x21);
    assert!(centre_y < at_2021_circles[0], "68 is drawn above 41");
    // The line goes through the first source's figure.
    assert!(lines_in(&els, BLUE)
        .iter()
        .any(|l| points(l).contains(&(x21, at_2021_circles[0]))));
    assert!(texts(&els)
        .iter()
        .any(|(_, t)| t == "Figure from another source"));
    // Without a second figure: no cross and no legend entry for it.
    let plain = series("p", "Plain", "cases", &[(2020, 1, "a"), (2021, 2, "a")]);
    let els = parse(&svg_of(&[&plain], &[], &opts()));
    assert!(of(&els, "line").iter().all(|l| l.get("stroke") != BLUE));
    assert!(!texts(&els)
        .iter()
        .any(|(_, t)| t.contains("another source")));
}

#[test]
fn series_differ_by_colour_and_shape() {
    let names = ["One", "Two", "Three", "Four"];
    let all: Vec<Series> = names
        .iter()
        .enumerate()
        .map(|(i, n)| series(n, n, "cases", &[(2020, i as u64 + 1, "a"), (2021, 9, "a")]))
        .collect();
    let refs: Vec<&Series> = all.iter().collect();
    let els = parse(&svg_of(&refs, &[], &opts()));
    let strokes: Vec<&str> = of(&els, "polyline")
        .into_iter()
        .map(|l| l.get("stroke"))
        .filter(|s| [BLUE, VERMILLION, "#009E73", "#CC79A7"].contains(s))
        .collect();
    assert_eq!(strokes, vec![BLUE, VERMILLION, "#009E73", "#CC79A7"]);
    // Circle, square, triangle, diamond: each series' marks have their own element kind.
    let filled = |name: &str, colour: &str| {
        of(&els, name)
            .iter()
            .filter(|e| e.get("fill") == colour)
            .count()
    };
    assert_eq!(filled("circle", BLUE), 3, "two marks and the legend");
    assert_eq!(
        filled("rect", VERMILLION),
        3 + 1,
        "marks, legend mark, legend line"
    );
    assert_eq!(filled("polygon", "#009E73"), 3);
    assert_eq!(filled("polygon", "#CC79A7"), 3);
    let legend: Vec<String> = texts(&els)
        .into_iter()
        .filter(|(e, _)| e.get("text-anchor") == "start")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(legend, names);
}

#[test]
fn colours_have_enough_contrast_in_both_themes() {
    // Seven series: more than the light palette has colours.
    let all: Vec<Series> = (0..7)
        .map(|i| {
            let name = format!("Series {i}");
            series(
                &name,
                &name,
                "cases",
                &[(2020, i, "a"), (2021, i + 3, "a"), (2021, 1, "b")],
            )
        })
        .collect();
    let refs: Vec<&Series> = all.iter().collect();
    for dark in [false, true] {
        let svg = svg_of(&refs, &events(), &ChartOptions { dark, ..opts() });
        let els = parse(&svg);
        let bg_hex = of(&els, "rect")[0].get("fill").to_string();
        let bg = parse_hex(&bg_hex).expect("background");
        assert_eq!(bg == (255, 255, 255), !dark);
        for (e, t) in texts(&els) {
            let fg = parse_hex(e.get("fill")).expect("text colour");
            assert!(contrast(fg, bg) >= 4.5, "text {t:?} (dark={dark})");
        }
        // Lines (series, axes, events) and marks: at least 3:1 (WCAG 1.4.11).
        let strokes: Vec<&str> = of(&els, "polyline")
            .iter()
            .map(|l| l.get("stroke"))
            .collect();
        let fills: Vec<&str> = ["circle", "polygon"]
            .iter()
            .flat_map(|n| of(&els, n))
            .map(|e| e.get("fill"))
            .filter(|f| *f != bg_hex)
            .collect();
        let mut series_colours: Vec<&str> = Vec::new();
        for c in strokes.iter().chain(&fills) {
            let rgb = parse_hex(c).expect("colour");
            assert!(contrast(rgb, bg) >= 3.0, "{c} on {bg_hex}");
            if !series_colours.contains(c) {
                series_colours.push(c);
            }
        }
        // Axes and event lines, plus five (light) or seven (dark) series colours.
        assert_eq!(
            series_colours.len(),
            2 + if dark { 7 } else { 5 },
            "{series_colours:?}"
        );
    }
}

#[test]
fn narrow_charts_keep_text_legible_and_inside() {
    let (a, b) = (doj(), hotline());
    let o = ChartOptions {
        width: 390,
        height: 300,
        ..opts()
    };
    let els = parse(&svg_of(&[&a, &b], &events(), &o));
    assert_eq!(els[0].get("viewBox"), "0 0 390 300");
    for (e, t) in texts(&els) {
        let size: f64 = e.get("font-size").parse().expect("font size");
        assert!(size >= 12.0, "{t:?} at {size}px");
        let x = e.num("x");
        let w = (t.chars().count() as f64 * size * 0.55) as i32;
        let (left, right) = match e.get("text-anchor") {
            "start" => (x, x + w),
            "end" => (x - w, x),
            _ if e.attrs.contains_key("transform") => (x - 10, x + 10),
            _ => (x - w / 2, x + w / 2),
        };
        assert!(left >= 0 && right <= 390, "{t:?} spans {left}..{right}");
    }
    // Year labels do not collide: at most one every label width.
    let years: Vec<i32> = texts(&els)
        .into_iter()
        .filter(|(e, t)| e.get("text-anchor") == "middle" && t.starts_with("20"))
        .map(|(e, _)| e.num("x"))
        .collect();
    assert!(years.len() >= 2);
    assert!(years.windows(2).all(|w| w[1] - w[0] >= 40), "{years:?}");
}

/// Event labels: (row y, left, right) estimated from the text.
fn event_labels(els: &[El], muted: &str) -> Vec<(i32, i32, i32, String)> {
    texts(els)
        .into_iter()
        .filter(|(e, _)| e.get("fill") == muted)
        .map(|(e, t)| {
            let size: f64 = e.get("font-size").parse().expect("size");
            let w = (t.chars().count() as f64 * size * 0.55) as i32;
            let x = e.num("x");
            let (l, r) = if e.get("text-anchor") == "end" {
                (x - w, x)
            } else {
                (x, x + w)
            };
            (e.num("y"), l, r, t)
        })
        .collect()
}

#[test]
fn events_are_lines_with_labels_that_do_not_overlap() {
    let a = doj();
    let els = parse(&svg_of(&[&a], &events(), &opts()));
    let muted = "#4F5761";
    let verticals: Vec<i32> = lines_in(&els, muted)
        .iter()
        .map(|l| points(l))
        .filter(|p| p.len() == 2 && p[0].0 == p[1].0)
        .map(|p| p[0].0)
        .collect();
    let (x16, x17, x21) = (
        year_x(&els, "2016"),
        year_x(&els, "2017"),
        year_x(&els, "2021"),
    );
    assert_eq!(verticals, vec![x16, x17, x17, x21]);
    let labels = event_labels(&els, muted);
    let words: Vec<&str> = labels.iter().map(|l| l.3.as_str()).collect();
    assert_eq!(
        words,
        vec![
            "Law: A new law",
            "Sting: Reverse sting",
            "Training: Officer train…",
            "Task force: Task force…"
        ]
    );
    // Labels above the plot: above the top of every data mark.
    let top_mark = of(&els, "circle")
        .iter()
        .filter(|c| c.get("fill") == BLUE && c.num("r") == 5)
        .map(|c| c.num("cy") - 5)
        .min()
        .expect("data marks");
    assert!(labels.iter().all(|l| l.0 < top_mark));
    // Crowded: an event every year on a narrow chart; no two labels in a row overlap.
    let crowd: Vec<Event> = (2015..=2022)
        .map(|y| {
            event(
                &format!("e{y}"),
                &format!("{y}-05"),
                EventKind::Operation,
                "Operation Cross Country",
            )
        })
        .chain([
            event("out", "2030-01", EventKind::Law, "Out of range"),
            event("bad", "soon", EventKind::Law, "No year"),
        ])
        .collect();
    let els = parse(&svg_of(
        &[&a],
        &crowd,
        &ChartOptions {
            width: 390,
            height: 300,
            ..opts()
        },
    ));
    let labels = event_labels(&els, muted);
    assert!(labels.len() >= 3, "{labels:?}");
    for (i, p) in labels.iter().enumerate() {
        for q in &labels[i + 1..] {
            assert!(
                p.0 != q.0 || p.2 <= q.1 || q.2 <= p.1,
                "{p:?} overlaps {q:?}"
            );
        }
    }
    assert!(!labels
        .iter()
        .any(|l| l.3.contains("Out of range") || l.3.contains("No year")));
    let verticals = lines_in(&els, muted)
        .iter()
        .filter(|l| points(l).len() == 2)
        .count();
    assert_eq!(verticals, 8, "a line for every event in range");
}

#[test]
fn bar_charts_group_bars_per_year_and_leave_gaps() {
    let (a, b) = (doj(), hotline());
    let o = ChartOptions {
        kind: ChartKind::Bar,
        ..opts()
    };
    let els = parse(&svg_of(&[&a, &b], &[], &o));
    let zero = zero_y(&els);
    let bars = |colour: &str| -> Vec<(i32, i32)> {
        of(&els, "rect")
            .into_iter()
            .filter(|r| {
                r.get("fill") == colour
                    && r.num("y") + r.num("height") >= zero - 1
                    && r.num("width") > 10
            })
            .map(|r| (r.num("x"), r.num("width")))
            .collect()
    };
    let (blue, red) = (bars(BLUE), bars(VERMILLION));
    assert_eq!(
        blue.len(),
        6,
        "one bar per year with figures; none for 2019–2020"
    );
    assert_eq!(red.len(), 8);
    let x21 = year_x(&els, "2021");
    // 2021: the first series' bar left of the year's centre, the second's right of it.
    let b21 = blue
        .iter()
        .find(|(x, w)| *x <= x21 && x + w >= x21 - 30 && *x > x21 - 60)
        .expect("bar 2021");
    let r21 = red
        .iter()
        .find(|(x, _)| *x >= x21 - 2 && *x < x21 + 30)
        .expect("bar 2021");
    assert!(b21.0 < r21.0);
    // Both 2021 figures of the first series are still marked.
    assert_eq!(
        of(&els, "line")
            .iter()
            .filter(|l| l.get("stroke") == BLUE)
            .count(),
        2
    );
}

#[test]
fn huge_values_get_short_axis_labels() {
    let s = series(
        "h",
        "Huge",
        "cases",
        &[(2020, u64::MAX, "a"), (2021, 1, "a")],
    );
    let els = parse(&svg_of(
        &[&s],
        &[],
        &ChartOptions {
            width: 390,
            height: 300,
            ..opts()
        },
    ));
    let y_labels: Vec<String> = texts(&els)
        .into_iter()
        .filter(|(e, _)| e.get("text-anchor") == "end")
        .map(|(_, t)| t)
        .collect();
    assert_eq!(y_labels.first().map(String::as_str), Some("0"));
    assert!(y_labels.iter().any(|t| t.ends_with("e19")), "{y_labels:?}");
    assert!(
        y_labels.iter().all(|t| t.chars().count() <= 6),
        "{y_labels:?}"
    );
    let s = series("m", "Millions", "cases", &[(2020, 2_400_000, "a")]);
    let els = parse(&svg_of(&[&s], &[], &opts()));
    let y_labels: Vec<String> = texts(&els)
        .into_iter()
        .filter(|(e, _)| e.get("text-anchor") == "end")
        .map(|(_, t)| t)
        .collect();
    assert!(
        y_labels.contains(&"1M".to_string()) || y_labels.contains(&"500,000".to_string()),
        "{y_labels:?}"
    );
    assert!(y_labels.iter().any(|t| t.ends_with('M')), "{y_labels:?}");
}

#[test]
fn nothing_to_draw_gives_a_message_and_no_panic() {
    let one = series("o", "One", "cases", &[(2020, 3, "a")]);
    let empty = series("e", "Empty", "cases", &[]);
    for (panel, o) in [
        (
            Panel {
                unit: "cases".into(),
                series: vec![],
            },
            opts(),
        ),
        (panel_of(&[&empty]), opts()),
        (panel_of(&[&one]), range(Some(2030), Some(2010))),
        (panel_of(&[&one]), range(Some(2021), None)),
        (panel_of(&[&one]), range(None, Some(2019))),
    ] {
        let svg = render_svg(&panel, &[], &o, "Nothing", "No data in this range.");
        let els = parse(&svg);
        assert!(
            texts(&els)
                .iter()
                .any(|(_, t)| t == "No data in this range"),
            "{o:?}"
        );
        assert!(of(&els, "circle").is_empty());
        assert_eq!(describe(&panel, &o), "No data in this range.");
        assert!(table_rows(&panel, &o).is_empty());
    }
}

#[test]
fn extreme_inputs_never_panic() {
    let far = series("f", "Far", "cases", &[(1900, 1, "a"), (2027, 2, "b")]);
    let huge = series(
        "h",
        "Huge",
        "cases",
        &[
            (i32::MIN, u64::MAX, "a"),
            (i32::MAX, 0, "a"),
            (i32::MAX, u64::MAX, "b"),
        ],
    );
    let single = series("s", "Single", "", &[(2020, 0, "a")]);
    let long = series(
        "l",
        &"Long name ".repeat(60),
        &"unit ".repeat(80),
        &[(2020, 5, "a"), (2021, 6, "a")],
    );
    let many: Vec<Series> = (0..25)
        .map(|i| {
            series(
                &format!("m{i}"),
                &format!("Series number {i}"),
                "cases",
                &[(2020, i, "a"), (2021, i * 2, "a")],
            )
        })
        .collect();
    let many_refs: Vec<&Series> = many.iter().collect();
    let evs = vec![
        event("a", "1900-01", EventKind::Law, ""),
        event("b", "", EventKind::Other, "Empty date"),
        event(
            "c",
            "2027",
            EventKind::Sting,
            &"very long title ".repeat(20),
        ),
    ];
    let sizes = [(0, 0), (390, 300), (u32::MAX, u32::MAX), (200, 150)];
    let ranges = [
        (None, None),
        (Some(i32::MIN), Some(i32::MAX)),
        (Some(i32::MAX), Some(i32::MAX)),
        (Some(1950), None),
    ];
    for s in [
        vec![&far],
        vec![&huge],
        vec![&single],
        vec![&long],
        many_refs,
    ] {
        for (width, height) in sizes {
            for (from, to) in ranges {
                for kind in [ChartKind::Line, ChartKind::Bar] {
                    let o = ChartOptions {
                        width,
                        height,
                        from,
                        to,
                        dark: width == 390,
                        kind,
                    };
                    let svg = svg_of(&s, &evs, &o);
                    let els = parse(&svg);
                    assert_eq!(els[0].get("role"), "img");
                    let w = els[0].num("width");
                    assert!((200..=4000).contains(&w));
                    let _ = table_rows(&panel_of(&s), &o);
                }
            }
        }
    }
    // A single zero point at one year still gets an axis and its mark.
    let els = parse(&svg_of(&[&single], &[], &opts()));
    year_x(&els, "2020");
    let zero = zero_y(&els);
    assert!(of(&els, "circle")
        .iter()
        .any(|c| c.get("fill") == BLUE && (c.num("cy") - zero).abs() <= 1));
    // Twenty-five series: the legend summarises what does not fit.
    let refs: Vec<&Series> = many.iter().collect();
    let els = parse(&svg_of(
        &refs,
        &[],
        &ChartOptions {
            width: 390,
            height: 300,
            ..opts()
        },
    ));
    assert!(texts(&els)
        .iter()
        .any(|(_, t)| t.ends_with("more (see table)")));
}

// ---------------------------------------------------------------------------------------------
// Words, table, CSV, panels

#[test]
fn the_description_says_what_the_chart_shows() {
    let (a, b) = (doj(), hotline());
    let panel = panel_of(&[&a]);
    assert_eq!(
        describe(&panel, &opts()),
        "Cases tracked by the state: 7 in 2015, 106 in 2022 (up 99). No figures for 2019–2020. Sources disagree for 2021."
    );
    // An end that sources disagree about has no single change.
    assert_eq!(
        describe(&panel, &range(Some(2016), Some(2021))),
        "Cases tracked by the state: 20 in 2016, 41 or 68 in 2021. No figures for 2019–2020. Sources disagree for 2021."
    );
    assert_eq!(
        describe(&panel, &range(Some(2021), Some(2021))),
        "Cases tracked by the state: 41 or 68 in 2021. Sources disagree for 2021."
    );
    assert_eq!(
        describe(&panel, &range(Some(2016), Some(2017))),
        "Cases tracked by the state: 20 in 2016, 30 in 2017 (up 10)."
    );
    let both = panel_of(&[&a, &b]);
    assert_eq!(
        describe(&both, &range(Some(2021), Some(2022))),
        "Cases tracked by the state: 41 or 68 in 2021, 106 in 2022. Sources disagree for 2021. \
         Cases reported to the hotline: 60 in 2021, 58 in 2022 (down 2)."
    );
    assert_eq!(
        describe(&both, &range(Some(2019), Some(2020))),
        "Cases tracked by the state: no figures in this range. Cases reported to the hotline: 44 in 2019, 52 in 2020 (up 8)."
    );
    let mut fy = series(
        "fy",
        "Grants",
        "dollars",
        &[
            (2019, 1_500_000, "a"),
            (2020, 1_500_000, "a"),
            (2022, 9, "a"),
            (2024, 9, "a"),
            (2025, 9, "b"),
        ],
    );
    fy.fiscal_year = true;
    assert_eq!(
        describe(&panel_of(&[&fy]), &opts()),
        "Grants: 1,500,000 in FY2019, 9 in FY2025 (down 1,499,991). No figures for FY2021 and FY2023."
    );
    let flat = series("n", "Flat", "cases", &[(2019, 4, "a"), (2020, 4, "b")]);
    assert_eq!(
        describe(&panel_of(&[&flat]), &opts()),
        "Flat: 4 in 2019, 4 in 2020 (no change)."
    );
}

#[test]
fn table_rows_are_the_drawn_figures_in_order() {
    let (a, b) = (doj(), hotline());
    let panel = panel_of(&[&a, &b]);
    let rows = table_rows(&panel, &range(Some(2018), Some(2021)));
    let got: Vec<(i32, &str, u64, &str, bool)> = rows
        .iter()
        .map(|r| {
            (
                r.period,
                r.series_name.as_str(),
                r.value,
                r.source_id.as_str(),
                r.conflict,
            )
        })
        .collect();
    let (d, h) = (
        "Cases tracked by the state",
        "Cases reported to the hotline",
    );
    assert_eq!(
        got,
        vec![
            (2018, d, 40, "a", false),
            (2018, h, 31, "h", false),
            (2019, h, 44, "h", false),
            (2020, h, 52, "h", false),
            (2021, d, 41, "a", true),
            (2021, d, 68, "b", true),
            (2021, h, 60, "h", false),
        ]
    );
    assert_eq!(rows[0].period_label, "2018");
    // Open-ended ranges.
    assert_eq!(table_rows(&panel, &range(Some(2022), None)).len(), 2);
    assert_eq!(table_rows(&panel, &range(None, Some(2015))).len(), 2);
    assert_eq!(table_rows(&panel, &opts()).len(), 15);
    // Fiscal labels and notes carried through; equal figures from two sources are no conflict.
    let mut fy = series("fy", "FY", "cases", &[(2021, 5, "a"), (2021, 5, "b")]);
    fy.fiscal_year = true;
    fy.observations[1].note = Some("Same figure".into());
    let rows = table_rows(&panel_of(&[&fy]), &opts());
    assert_eq!(rows[0].period_label, "FY2021");
    assert!(rows.iter().all(|r| !r.conflict));
    assert_eq!(rows[1].note.as_deref(), Some("Same figure"));
}

#[test]
fn csv_quotes_and_defuses_formulas() {
    let mut s = series(
        "c",
        "=HYPERLINK(\"http://x\"), \"quoted\"",
        "cases",
        &[(2015, 7, "a"), (2016, 8, "nope"), (2016, 9, "a")],
    );
    s.observations[0].note = Some("line one\nline two".into());
    let panel = panel_of(&[&s]);
    let rows = table_rows(&panel, &opts());
    let lookup = |id: &str| {
        (id == "a").then(|| {
            (
                "@SUM(A1) source".to_string(),
                "https://example.org/a?x=1,2".to_string(),
            )
        })
    };
    let csv = to_csv(
        &rows,
        "+cases",
        &lookup,
        " =cmd|'/C calc'!A0",
        "-2026-11-22",
    );
    assert_eq!(
        csv,
        "period,series,value,unit,source,source_url,conflict,note\r\n\
         2015,\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",7,'+cases,'@SUM(A1) source,\"https://example.org/a?x=1,2\",no,\"line one\nline two\"\r\n\
         2016,\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",8,'+cases,nope,,yes,\r\n\
         2016,\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",9,'+cases,'@SUM(A1) source,\"https://example.org/a?x=1,2\",yes,\r\n\
         \r\n\
         Cite as,' =cmd|'/C calc'!A0\r\n\
         Data as of,'-2026-11-22\r\n"
    );
    let tab = to_csv(&[], "\tcases", &lookup, "Plain citation", "2026");
    assert_eq!(
        tab,
        "period,series,value,unit,source,source_url,conflict,note\r\n\r\nCite as,Plain citation\r\nData as of,2026\r\n"
    );
}

#[test]
fn different_units_get_separate_panels() {
    let a = doj();
    let b = series("calls", "Hotline calls", "calls", &[(2015, 70, "a")]);
    let c = series("more", "More cases", "cases", &[(2016, 3, "a")]);
    let p = panels(&[&a, &b, &c]);
    let got: Vec<(&str, Vec<&str>)> = p
        .iter()
        .map(|p| {
            (
                p.unit.as_str(),
                p.series.iter().map(|s| s.id.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![("cases", vec!["doj", "more"]), ("calls", vec!["calls"])]
    );
    assert!(panels(&[]).is_empty());
}

#[test]
fn rendering_is_deterministic() {
    let (a, b) = (doj(), hotline());
    let first = svg_of(&[&a, &b], &events(), &opts());
    for _ in 0..3 {
        assert_eq!(svg_of(&[&a, &b], &events(), &opts()), first);
    }
}

#[test]
fn group_separates_thousands() {
    assert_eq!(group(0), "0");
    assert_eq!(group(999), "999");
    assert_eq!(group(1_000), "1,000");
    assert_eq!(group(u64::MAX), "18,446,744,073,709,551,615");
}

#[test]
fn fiscal_and_calendar_years_never_share_an_axis() {
    let mk = |id: &str, fiscal: bool| Series {
        id: id.into(),
        name: id.into(),
        unit: "cases".into(),
        place: "montana".into(),
        fiscal_year: fiscal,
        definition: String::new(),
        caveats: vec![],
        observations: vec![],
    };
    let (a, b, c) = (mk("cal", false), mk("fy", true), mk("cal2", false));
    let p = panels(&[&a, &b, &c]);
    assert_eq!(p.len(), 2);
    assert_eq!(
        p[0].series
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["cal", "cal2"]
    );
    assert_eq!(p[1].series[0].id, "fy");
}
