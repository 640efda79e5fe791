//! The worker's map requests on the map fixture: the strong marks are exactly the matrix's
//! rows for several filter states, places without a location are listed, and the county
//! files asked for are those of the states with counties in the dataset.

use tactics_core::markup::map_marks::place_marks;
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::query::filter::{self, Dir, Filter, Match, SortKey};
use tactics_map::geo::{parse_layer, GeoLayer};
use tactics_map::marks::Checked;
use tactics_map::view::ViewBox;
use tactics_worker::map::{county_files, draw, entries, not_on_map_html, MapRequest, Prepared};

fn read(rel: &str) -> String {
    let path = format!("{}/../../{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> (Dataset, Index) {
    let text = read(&format!("tests/e2e/fixtures/{name}"));
    let checked = tactics_core::model::validate::check(&text, 2100);
    assert!(
        checked.problems.is_empty(),
        "{name} has problems: {:?}",
        checked.problems
    );
    let ds = checked
        .dataset
        .unwrap_or_else(|| panic!("{name} must load: {:?}", checked.problems));
    let index = ds.index();
    (ds, index)
}

fn geo(rel: &str) -> GeoLayer {
    parse_layer(&read(&format!("public/geo/{rel}"))).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The place ids of the marks drawn strongly (class "mark", not "mark faint").
fn strong_marks(svg: &str) -> Vec<String> {
    let mut ids: Vec<String> = svg
        .split("<g class=\"mark\" ")
        .skip(1)
        .filter_map(|rest| {
            let start = rest.find("data-place=\"")? + "data-place=\"".len();
            Some(rest[start..].split('"').next()?.to_string())
        })
        .collect();
    ids.sort();
    ids
}

fn request(ds: &Dataset, index: &Index, f: &Filter) -> MapRequest {
    MapRequest {
        places: entries(ds, &place_marks(ds, index, f)),
        checked: Checked {
            count: f.tactics.len() as u8,
            all: f.mode == Match::All,
        },
        width_px: 800.0,
        ..MapRequest::default()
    }
}

#[test]
fn strong_marks_are_the_matrix_rows_for_each_filter() {
    let (ds, index) = fixture("map-mt.json");
    let states = geo("states.json");
    let filters = [
        Filter::default(),
        Filter {
            tactics: vec!["john-school".into()],
            ..Filter::default()
        },
        Filter {
            tactics: vec!["john-school".into(), "reverse-stings".into()],
            mode: Match::All,
            ..Filter::default()
        },
        Filter {
            tactics: vec!["reverse-stings".into()],
            from: Some(2021),
            include_undated: false,
            ..Filter::default()
        },
        Filter {
            states: vec!["ID".into()],
            ..Filter::default()
        },
        Filter {
            q: "miss".into(),
            ..Filter::default()
        },
    ];
    for f in &filters {
        let map = draw(
            &states,
            &[],
            &Prepared::new(&ds, &index, &request(&ds, &index, f)),
        );
        let mut rows: Vec<String> = filter::visible(&index, f, &SortKey::Name, Dir::Asc)
            .into_iter()
            .filter_map(|p| ds.jurisdictions.get(p))
            .filter(|j| j.location.is_some())
            .map(|j| j.id.clone())
            .collect();
        rows.sort();
        assert_eq!(strong_marks(&map.svg), rows, "filter {f:?}");
    }
}

#[test]
fn john_school_draws_missoula_and_boise_strongly() {
    let (ds, index) = fixture("map-mt.json");
    let f = Filter {
        tactics: vec!["john-school".into()],
        ..Filter::default()
    };
    let map = draw(
        &geo("states.json"),
        &[],
        &Prepared::new(&ds, &index, &request(&ds, &index, &f)),
    );
    assert_eq!(strong_marks(&map.svg), vec!["boise-id", "missoula-mt"]);
    assert_eq!(map.order.len(), 6, "every located place has a mark");
    assert_eq!(
        map.order.first().map(String::as_str),
        Some("boise-id"),
        "west to east"
    );
    assert_eq!(map.not_on_map, vec!["helena-mt"]);
    let list = not_on_map_html(&ds, &index, &map.not_on_map);
    assert!(
        list.contains(
            "<button type=\"button\" class=\"place\" data-place=\"helena-mt\">Helena</button>"
        ),
        "{list}"
    );
    assert_eq!(
        not_on_map_html(&ds, &index, &[]),
        "",
        "nothing to list, no heading"
    );
    assert!(
        map.summary
            .starts_with("3 of 7 places use the checked tactic"),
        "{}",
        map.summary
    );
    assert!(
        map.svg.contains(
            "aria-label=\"Missoula (city): uses the checked tactic; 3 tactics used in all\""
        ),
        "{}",
        map.svg
    );
}

#[test]
fn county_files_follow_the_dataset() {
    let states = geo("states.json");
    let (mt, mt_index) = fixture("map-mt.json");
    let at_fit = request(&mt, &mt_index, &Filter::default());
    assert_eq!(
        county_files(&mt, &states, &Prepared::new(&mt, &mt_index, &at_fit)),
        vec!["30"]
    );
    let (tx, tx_index) = fixture("map-tx.json");
    let at_fit = request(&tx, &tx_index, &Filter::default());
    assert_eq!(
        county_files(&tx, &states, &Prepared::new(&tx, &tx_index, &at_fit)),
        vec!["48"]
    );
    let counties = [geo("counties/48.json")];
    let map = draw(
        &geo("states.json"),
        &counties,
        &Prepared::new(&tx, &tx_index, &at_fit),
    );
    assert!(map.svg.contains("id=\"map-s48\""), "Texas is drawn");
    assert!(!map.svg.contains("id=\"map-s30\""), "Montana is not");
    assert!(map.svg.contains("class=\"counties\""));
}

/// The bundled data's map starts on the whole country, where county lines would be a few
/// pixels apart: no county file is fetched. Zoomed in on Montana, Montana's is (it has county
/// places), and no file of a state out of view.
#[test]
fn county_files_wait_for_a_view_close_enough_to_show_them() {
    let text = read("public/data/dataset.json");
    let checked = tactics_core::model::validate::check(&text, 2100);
    let ds = checked
        .dataset
        .unwrap_or_else(|| panic!("{:?}", checked.problems));
    let index = ds.index();
    let states = geo("states.json");
    let at_fit = request(&ds, &index, &Filter::default());
    assert_eq!(
        county_files(&ds, &states, &Prepared::new(&ds, &index, &at_fit)),
        Vec::<&str>::new()
    );
    let Some(montana) = states.features.iter().find(|f| f.state == "MT") else {
        panic!("Montana is in states.json");
    };
    let [x0, y0, x1, y1] = montana.bbox.map(f64::from);
    let zoomed = MapRequest {
        view: Some(ViewBox {
            x: x0,
            y: y0,
            w: x1 - x0,
            h: y1 - y0,
        }),
        ..at_fit.clone()
    };
    let files = county_files(&ds, &states, &Prepared::new(&ds, &index, &zoomed));
    assert!(files.contains(&"30"), "{files:?}");
    assert!(!files.contains(&"48"), "Texas is out of view: {files:?}");
    let map = draw(
        &states,
        &[geo("counties/30.json")],
        &Prepared::new(&ds, &index, &zoomed),
    );
    assert!(map.svg.contains("class=\"counties\""));
    let map = draw(
        &states,
        &[geo("counties/30.json")],
        &Prepared::new(&ds, &index, &at_fit),
    );
    assert!(
        !map.svg.contains("class=\"counties\""),
        "not at the country's view even when given"
    );
}

#[test]
fn names_in_the_list_stay_text() {
    let (mut ds, _) = fixture("map-mt.json");
    if let Some(j) = ds.jurisdictions.iter_mut().find(|j| j.id == "helena-mt") {
        j.name = "<img src=x onerror=alert(1)>".into();
    }
    let index = ds.index();
    let list = not_on_map_html(&ds, &index, &["helena-mt".to_string()]);
    assert!(!list.contains("<img"), "{list}");
    assert!(list.contains("&lt;img"), "{list}");
}
