//! The committed geometry files (public/geo/) and the build-time preparation: every state is
//! there and closed, known places land inside their state, small states survive.

use tactics_map::geo::{parse_layer, Feature, GeoLayer, UNIT};
use tactics_map::prepare::{prepare, Detail};
use tactics_map::project::project_point;
use tactics_map::states::STATES;

fn geo_file(rel: &str) -> GeoLayer {
    let path = format!("{}/../../public/geo/{rel}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    parse_layer(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rings(f: &Feature) -> Vec<Vec<(i32, i32)>> {
    f.rings.iter().map(|r| Feature::ring_points(r)).collect()
}

/// Even-odd point-in-polygon over all rings of a feature, in stored units.
fn inside(f: &Feature, (px, py): (f64, f64)) -> bool {
    let mut odd = false;
    for ring in rings(f) {
        let n = ring.len();
        for i in 0..n {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            let (ax, ay, bx, by) = (
                f64::from(a.0),
                f64::from(a.1),
                f64::from(b.0),
                f64::from(b.1),
            );
            if (ay > py) != (by > py) && px < ax + (py - ay) * (bx - ax) / (by - ay) {
                odd = !odd;
            }
        }
    }
    odd
}

fn stored(lon: f64, lat: f64) -> (f64, f64) {
    let (x, y) = project_point(lon, lat).unwrap_or((f64::NAN, f64::NAN));
    (x / UNIT, y / UNIT)
}

fn state<'a>(layer: &'a GeoLayer, postal: &str) -> &'a Feature {
    let found = layer.features.iter().find(|f| f.state == postal);
    found.unwrap_or_else(|| panic!("no {postal}"))
}

#[test]
fn every_state_is_in_the_file_with_closed_rings_inside_its_bbox() {
    let layer = geo_file("states.json");
    assert_eq!(layer.features.len(), STATES.len());
    for st in &STATES {
        let f = state(&layer, st.postal);
        assert_eq!((f.id.as_str(), f.name.as_str()), (st.fips, st.name));
        for ring in rings(f) {
            assert!(
                ring.len() >= 3,
                "{}: a ring of {} points",
                st.name,
                ring.len()
            );
            let [x0, y0, x1, y1] = f.bbox;
            assert!(ring
                .iter()
                .all(|&(x, y)| x >= x0 && x <= x1 && y >= y0 && y <= y1));
        }
    }
}

#[test]
fn known_places_land_inside_their_state() {
    let layer = geo_file("states.json");
    for (postal, lon, lat) in [
        ("MT", -114.0, 46.87),  // Missoula
        ("MT", -108.5, 45.78),  // Billings
        ("SD", -103.5, 44.41),  // Sturgis
        ("AK", -149.9, 61.2),   // Anchorage (inset)
        ("HI", -157.86, 21.31), // Honolulu (inset)
        ("TX", -97.74, 30.27),  // Austin
        ("PR", -66.1, 18.45),   // San Juan (inset)
    ] {
        let p = stored(lon, lat);
        assert!(
            inside(state(&layer, postal), p),
            "{postal} {lon},{lat} -> {p:?}"
        );
    }
    assert!(!inside(state(&layer, "MT"), stored(-103.5, 44.41)));
    let (missoula, billings) = (stored(-114.0, 46.87), stored(-108.5, 45.78));
    assert!(billings.0 > missoula.0, "east is to the right");
}

#[test]
fn the_county_file_of_montana_has_its_56_counties_including_missoula() {
    let layer = geo_file("counties/30.json");
    assert_eq!(layer.features.len(), 56);
    assert!(layer
        .features
        .iter()
        .all(|f| f.state == "MT" && f.id.starts_with("30")));
    let missoula = layer.features.iter().find(|f| f.name == "Missoula");
    let missoula = missoula.unwrap_or_else(|| panic!("no Missoula County"));
    assert!(inside(missoula, stored(-114.0, 46.87)));
}

/// Two lower-48 "states" sharing an edge, and a tiny island "state", with a ring whose ends
/// differ by one quantization step, as in the Census topology.
const TOPO: &str = r#"{"type":"Topology",
  "transform":{"scale":[0.001,0.001],"translate":[-112,44]},
  "objects":{
   "states":{"type":"GeometryCollection","geometries":[
     {"type":"Polygon","id":"30","arcs":[[0,1]]},
     {"type":"Polygon","id":"56","arcs":[[-1,2]]},
     {"type":"Polygon","id":"44","arcs":[[3]]}]},
   "counties":{"type":"GeometryCollection","geometries":[
     {"type":"Polygon","id":"30001","arcs":[[0,1]]}]}},
  "arcs":[
   [[2000,0],[1,500],[-1,500],[0,1000]],
   [[2000,2000],[-1000,3],[-1000,-3],[0,-1000],[3,-500],[-3,-500],[2000,1]],
   [[2000,0],[2000,0],[0,2000],[-2000,0]],
   [[5000,5000],[2,0],[0,2],[-1,1],[-1,-3]]]}"#;

#[test]
fn preparation_keeps_rings_closed_and_never_drops_a_state() {
    let topo = tactics_map::topo::parse(TOPO).unwrap_or_else(|e| panic!("{e}"));
    let coarse = Detail {
        tolerance: 50.0,
        min_area: 1000.0,
    };
    let out = prepare(&topo, coarse, coarse).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = out.states.features.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["30", "44", "56"], "all three, by FIPS code");
    for f in &out.states.features {
        for ring in rings(f) {
            assert!(ring.len() >= 3, "{} has a ring of {}", f.name, ring.len());
        }
    }
    assert_eq!(out.counties.len(), 1);
    assert_eq!(out.counties[0].0, "30");
}

#[test]
fn a_shared_border_is_simplified_once_for_both_neighbours() {
    let topo = tactics_map::topo::parse(TOPO).unwrap_or_else(|e| panic!("{e}"));
    let detail = Detail {
        tolerance: 0.5,
        min_area: 0.1,
    };
    let out = prepare(&topo, detail, detail).unwrap_or_else(|e| panic!("{e}"));
    // The wiggly middle edge became one straight segment, the same in both states.
    let mt: Vec<(i32, i32)> = rings(&out.states.features[0]).concat();
    let wy: Vec<(i32, i32)> = rings(&out.states.features[2]).concat();
    let shared = mt.iter().filter(|p| wy.contains(p)).count();
    assert_eq!(shared, 2, "{mt:?} {wy:?}");
}

#[test]
fn a_ring_that_does_not_close_is_an_error() {
    let open = TOPO.replace("[2000,2000],[-1000,3]", "[2000,2000],[-1000,300]");
    let topo = tactics_map::topo::parse(&open).unwrap_or_else(|e| panic!("{e}"));
    let fine = Detail {
        tolerance: 0.0,
        min_area: 0.0,
    };
    let err = prepare(&topo, fine, fine).err().unwrap_or_default();
    assert!(err.contains("does not close"), "{err}");
}
