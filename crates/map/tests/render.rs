//! The drawn map: one focusable mark per located place and none for the others, strong
//! marks exactly for the matching places, hostile names kept as text, outlines of the
//! places' states only, the credit, and sizes that follow the display width.

use tactics_map::geo::{parse_layer, GeoLayer};
use tactics_map::marks::{Checked, LatLon, MarkInput, MarkKind};
use tactics_map::palette::{hex, Theme, DARK};
use tactics_map::render::{render, MapGeometry, MapOptions, MapSvg};
use tactics_map::view::ViewBox;

fn geo_file(rel: &str) -> GeoLayer {
    let path = format!("{}/../../public/geo/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_layer(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Made-up places (coordinates near, not at, real ones).
fn place(id: &str, kind: MarkKind, state: &str, at: Option<(f64, f64)>, used: u8) -> MarkInput {
    let label = match kind {
        MarkKind::City => "city",
        MarkKind::County => "county",
        MarkKind::State => "state",
        MarkKind::Other => "nation",
    };
    MarkInput {
        id: id.into(),
        name: id.replace('-', " "),
        kind,
        kind_label: label.into(),
        state: Some(state.into()),
        location: at.map(|(lat, lon)| LatLon { lat, lon }),
        used,
        checked_used: 0,
        matched: true,
    }
}

fn places() -> Vec<MarkInput> {
    vec![
        place("alpha-city", MarkKind::City, "MT", Some((46.9, -114.0)), 15),
        place(
            "alpha-county",
            MarkKind::County,
            "MT",
            Some((46.9, -114.0)),
            2,
        ),
        place("beta-city", MarkKind::City, "MT", Some((45.8, -108.5)), 0),
        place("gamma-city", MarkKind::City, "SD", Some((44.4, -103.5)), 1),
        place("montana", MarkKind::State, "MT", None, 0),
        place("idaho", MarkKind::State, "ID", None, 0),
    ]
}

fn draw(marks: &[MarkInput], opts: &MapOptions, counties: &[GeoLayer]) -> MapSvg {
    let states = geo_file("states.json");
    render(
        &MapGeometry {
            states: &states,
            counties,
        },
        marks,
        opts,
    )
}

fn count(s: &str, needle: &str) -> usize {
    s.matches(needle).count()
}

#[test]
fn one_focusable_mark_per_located_place_in_west_to_east_order() {
    let map = draw(&places(), &MapOptions::default(), &[]);
    assert_eq!(count(&map.svg, "role=\"button\" tabindex=\"0\""), 4);
    assert_eq!(
        map.order,
        ["alpha-city", "alpha-county", "beta-city", "gamma-city"]
    );
    assert!(!map.svg.contains("data-place=\"montana\""));
    assert_eq!(map.not_on_map, ["idaho", "montana"]);
    assert!(map
        .svg
        .contains("data-place=\"alpha-city\" aria-label=\"alpha city (city): 15 tactics used\""));
    assert_eq!(
        count(&map.svg, "<g"),
        count(&map.svg, "</g>"),
        "balanced groups"
    );
}

#[test]
fn strong_marks_are_exactly_the_matching_places() {
    let mut marks = places();
    marks[1].matched = false;
    marks[3].matched = false;
    let map = draw(&marks, &MapOptions::default(), &[]);
    assert_eq!(count(&map.svg, "class=\"mark\""), 2);
    assert_eq!(count(&map.svg, "class=\"mark faint\""), 2);
    let hidden = MapOptions {
        hide_unmatched: true,
        ..MapOptions::default()
    };
    let map = draw(&marks, &hidden, &[]);
    assert_eq!(map.order, ["alpha-city", "beta-city"]);
}

#[test]
fn checked_tactics_show_a_tick_instead_of_the_number() {
    let mut marks = places();
    marks[0].checked_used = 1;
    marks[1..].iter_mut().for_each(|m| m.matched = false);
    let opts = MapOptions {
        checked: Checked {
            count: 1,
            all: false,
        },
        ..MapOptions::default()
    };
    let map = draw(&marks, &opts, &[]);
    assert!(!map.svg.contains(">15</text>"));
    assert!(map
        .svg
        .contains("uses the checked tactic; 15 tactics used in all"));
    assert!(map
        .summary
        .starts_with("1 of 6 places uses the checked tactic; it is in Montana."));
}

#[test]
fn hostile_names_stay_text() {
    let mut marks = places();
    marks[0].name = "<script>alert(1)</script>\" onfocus=\"x".into();
    marks[0].id = "a\"><img src=x>".into();
    marks[1].name = "Non\u{ffff}char\u{fffe}\u{1}acters".into();
    let map = draw(
        &marks,
        &MapOptions {
            title: "<b>".into(),
            ..MapOptions::default()
        },
        &[],
    );
    for bad in [
        "<script",
        "<img",
        "\" onfocus",
        "<b>",
        "\u{ffff}",
        "\u{fffe}",
        "\u{1}",
    ] {
        assert!(!map.svg.contains(bad), "{bad} got through");
    }
    assert!(map
        .svg
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot; onfocus=&quot;x"));
}

#[test]
fn only_the_places_states_are_outlined_with_counties_when_given() {
    let map = draw(&places(), &MapOptions::default(), &[]);
    let ids: Vec<&str> = map
        .svg
        .match_indices("id=\"map-s")
        .map(|(i, _)| &map.svg[i + 9..i + 11])
        .collect();
    assert_eq!(ids, ["16", "30", "46"]);
    assert!(!map.svg.contains("class=\"counties\""));
    let counties = [geo_file("counties/30.json")];
    let map = draw(&places(), &MapOptions::default(), &counties);
    assert!(map.svg.contains("class=\"counties\""));
    assert!(map.svg.contains("Boundaries: U.S. Census Bureau"));
    assert!(map
        .svg
        .contains("<title id=\"map-title\">Map of the places</title>"));
}

#[test]
fn the_view_fits_the_states_and_marks_scale_with_the_display_width() {
    let wide = draw(&places(), &MapOptions::default(), &[]);
    let f = wide.fitted;
    let states = geo_file("states.json");
    let bbox = |postal: &str| {
        let st = states.features.iter().find(|s| s.state == postal);
        let [x0, y0, x1, y1] = st.unwrap_or_else(|| panic!("{postal}")).bbox.map(f64::from);
        ((x0, y0), (x1, y1))
    };
    let holds = |v: tactics_map::view::ViewBox, postal: &str| {
        let (a, b) = bbox(postal);
        v.contains(a) && v.contains(b)
    };
    // Fitted to the states with located places; Idaho (no located place) is drawn, not fitted.
    assert!(holds(f, "MT") && holds(f, "SD") && !holds(f, "ID"), "{f:?}");
    assert!(wide.svg.contains("id=\"map-s16\""));
    let mut unlocated = places();
    unlocated.iter_mut().for_each(|m| m.location = None);
    let all = draw(&unlocated, &MapOptions::default(), &[]).fitted;
    assert!(
        holds(all, "ID") && holds(all, "MT") && holds(all, "SD"),
        "{all:?}"
    );
    let hit = |svg: &str| -> f64 {
        let at = svg.find("class=\"hit\" r=\"").map(|i| i + 15).unwrap_or(0);
        let end = svg[at..].find('"').map(|e| at + e).unwrap_or(at);
        svg[at..end].parse().unwrap_or(f64::NAN)
    };
    let narrow = draw(
        &places(),
        &MapOptions {
            width_px: 390.0,
            ..MapOptions::default()
        },
        &[],
    );
    for (map, px) in [(&wide, 800.0), (&narrow, 390.0)] {
        let r_px = hit(&map.svg) / (map.fitted.w / px);
        assert!(
            (r_px - 12.0).abs() < 0.2,
            "a 24 px target at {px} px: radius {r_px} px"
        );
    }
}

#[test]
fn the_dark_theme_draws_with_the_dark_palette() {
    let map = draw(
        &places(),
        &MapOptions {
            theme: Theme::Dark,
            ..MapOptions::default()
        },
        &[],
    );
    assert!(map
        .svg
        .contains(&format!("fill=\"{}\"", hex(DARK.background))));
    assert!(map.svg.contains(&format!("fill=\"{}\"", hex(DARK.mark))));
}

/// Deterministic made-up places scattered over Montana.
fn scattered(n: usize) -> Vec<MarkInput> {
    let mut seed: u64 = 7;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|i| {
            let at = (45.0 + 4.0 * next(), -115.0 + 11.0 * next());
            let mut m = place(
                &format!("p{i}"),
                MarkKind::City,
                "MT",
                Some(at),
                (i % 16) as u8,
            );
            m.matched = i % 3 != 0;
            m
        })
        .collect()
}

#[test]
fn thousands_of_places_are_all_drawn_and_sparse_ones_never_overlap() {
    let many = scattered(3000);
    let started = std::time::Instant::now();
    let map = draw(&many, &MapOptions::default(), &[]);
    eprintln!(
        "3000 marks: {} ms, {} bytes",
        started.elapsed().as_millis(),
        map.svg.len()
    );
    assert_eq!(map.order.len(), 3000);
    let few = draw(&scattered(40), &MapOptions::default(), &[]);
    let spots: Vec<(f64, f64)> = few
        .svg
        .match_indices("\" transform=\"translate(")
        .filter_map(|(i, _)| {
            let rest = &few.svg[i + 23..];
            let (xy, _) = rest.split_once(')')?;
            let (x, y) = xy.split_once(' ')?;
            Some((x.parse().ok()?, y.parse().ok()?))
        })
        .collect();
    assert_eq!(spots.len(), 40);
    let gap = 24.0 * few.fitted.w / 800.0;
    for (i, a) in spots.iter().enumerate() {
        for b in &spots[..i] {
            assert!((a.0 - b.0).hypot(a.1 - b.1) >= gap * 0.99, "{a:?} {b:?}");
        }
    }
}

#[test]
fn the_credit_wraps_on_a_phone_and_stays_one_line_on_a_desktop() {
    let phone = draw(
        &places(),
        &MapOptions {
            width_px: 390.0,
            ..MapOptions::default()
        },
        &[],
    );
    let desk = draw(
        &places(),
        &MapOptions {
            width_px: 1280.0,
            ..MapOptions::default()
        },
        &[],
    );
    assert_eq!(count(&desk.svg, "<tspan"), 1);
    assert_eq!(count(&phone.svg, "<tspan"), 2);
    let words = |svg: &str| -> String {
        let (_, after) = svg.split_once("class=\"credit\"").unwrap_or_default();
        let mut text = String::new();
        for part in after.split("<tspan").skip(1) {
            let line = part.split_once('>').map(|(_, r)| r).unwrap_or("");
            text.push_str(line.split_once("</tspan>").map(|(l, _)| l).unwrap_or(""));
            text.push(' ');
        }
        text.trim().to_string()
    };
    let credit = "Boundaries: U.S. Census Bureau cartographic boundary files, via us-atlas";
    assert_eq!(words(&phone.svg), credit);
    assert_eq!(words(&desk.svg), credit);
}

#[test]
fn a_view_that_cannot_be_drawn_falls_back_to_the_fitted_one() {
    let marks = places();
    let fitted = draw(&marks, &MapOptions::default(), &[]).fitted;
    let f = fitted;
    for bad in [
        ViewBox {
            w: f64::INFINITY,
            ..f
        },
        ViewBox { x: f64::NAN, ..f },
        ViewBox { h: 0.0, ..f },
        ViewBox { w: -5.0, ..f },
    ] {
        let opts = MapOptions {
            view: Some(bad),
            ..MapOptions::default()
        };
        let out = draw(&marks, &opts, &[]);
        assert_eq!(
            out.svg,
            draw(&marks, &MapOptions::default(), &[]).svg,
            "{bad:?}"
        );
    }
    // Zooming out without end stops at a size that still draws, with its marks.
    let far = (0..3000).fold(fitted, |v, _| v.zoom(0.5, v.centre()));
    let opts = MapOptions {
        view: Some(far),
        ..MapOptions::default()
    };
    let out = draw(&marks, &opts, &[]);
    assert!(far.is_usable() && out.svg.contains("<text"), "{far:?}");
}
