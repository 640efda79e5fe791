//! Build time: turns the Census topology (us-atlas `counties-10m.json`, which holds states
//! and counties on shared arcs) into the app's compact files: project every arc with its
//! region's projection, simplify the arcs, round to tenths, stitch rings, drop specks.

use crate::geo::{bbox_of, Feature, GeoLayer, CREDIT, FORMAT, UNIT, VERSION};
use crate::project::Region;
use crate::simplify::{ring_area2, simplify};
use crate::states::{by_fips, State};
use crate::topo::{arc_ref, decode_arcs, stitch, Geometry, Topology};

/// How far outlines may move (tolerance) and the smallest island kept, in frame units.
#[derive(Debug, Clone, Copy)]
pub struct Detail {
    pub tolerance: f64,
    pub min_area: f64,
}

/// The files to write: all states, and the counties of each state by FIPS code.
pub struct Prepared {
    pub states: GeoLayer,
    pub counties: Vec<(String, GeoLayer)>,
    /// Counties smaller than a stored unit even at full detail (a few independent cities).
    pub skipped: Vec<String>,
}

type Arc = Vec<(i32, i32)>;

/// Prepares both kinds of file from a topology with `states` and `counties` objects.
pub fn prepare(topo: &Topology, states: Detail, counties: Detail) -> Result<Prepared, String> {
    let state_geoms = object(topo, "states")?;
    let county_geoms = object(topo, "counties")?;
    let projected = project_arcs(topo, state_geoms, county_geoms)?;
    let state_arcs = simplified(&projected, states.tolerance);
    let full = simplified(&projected, 0.0);
    let mut layer_states = Vec::new();
    for g in state_geoms {
        if let Some(st) = g.id.as_deref().and_then(by_fips) {
            let f = feature(g, st, &state_arcs, &full, states.min_area)?;
            layer_states.push(f.ok_or_else(|| format!("state {} has no ring left", st.name))?);
        }
    }
    let county_arcs = simplified(&projected, counties.tolerance);
    let (mut per_state, mut skipped) = (Vec::new(), Vec::new());
    for st in crate::states::STATES.iter() {
        let mut features = Vec::new();
        for g in county_geoms.iter().filter(|g| state_of(g) == Some(st.fips)) {
            match feature(g, st, &county_arcs, &full, counties.min_area)? {
                Some(f) => features.push(f),
                None => skipped.push(g.id.clone().unwrap_or_default()),
            }
        }
        features.sort_by(|a, b| a.id.cmp(&b.id));
        if !features.is_empty() {
            per_state.push((st.fips.to_string(), layer(features)));
        }
    }
    layer_states.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(Prepared {
        states: layer(layer_states),
        counties: per_state,
        skipped,
    })
}

fn layer(features: Vec<Feature>) -> GeoLayer {
    GeoLayer {
        format: FORMAT.into(),
        version: VERSION,
        credit: CREDIT.into(),
        features,
    }
}

fn object<'a>(topo: &'a Topology, name: &str) -> Result<&'a [Geometry], String> {
    topo.objects
        .get(name)
        .map(|c| c.geometries.as_slice())
        .ok_or_else(|| format!("the topology has no {name:?} object"))
}

fn state_of(g: &Geometry) -> Option<&str> {
    g.id.as_deref().and_then(|id| id.get(..2))
}

/// Projects each arc with the region of the first state or county that uses it.
fn project_arcs(
    topo: &Topology,
    states: &[Geometry],
    counties: &[Geometry],
) -> Result<Vec<Vec<(f64, f64)>>, String> {
    let arcs = decode_arcs(topo)?;
    let mut region: Vec<Option<Region>> = vec![None; arcs.len()];
    for g in states.iter().chain(counties) {
        let r = Region::for_fips(state_of(g).unwrap_or(""));
        for poly in g.polygons()? {
            for &i in poly.iter().flatten() {
                if let Some(slot) = region.get_mut(arc_ref(i).0) {
                    slot.get_or_insert(r);
                }
            }
        }
    }
    Ok(arcs
        .iter()
        .zip(region)
        .map(|(arc, r)| {
            let r = r.unwrap_or(Region::Lower48);
            arc.iter().map(|&(lon, lat)| r.project(lon, lat)).collect()
        })
        .collect())
}

/// Simplified arcs rounded to stored integers (tolerance 0 keeps every point).
fn simplified(arcs: &[Vec<(f64, f64)>], tol: f64) -> Vec<Arc> {
    let q = |v: f64| (v / UNIT).round() as i32;
    arcs.iter()
        .map(|a| {
            let s = if tol > 0.0 {
                simplify(a, tol)
            } else {
                a.clone()
            };
            s.iter().map(|&(x, y)| (q(x), q(y))).collect()
        })
        .collect()
}

/// The feature of a geometry, or None when nothing of it is bigger than a stored unit.
fn feature(
    g: &Geometry,
    st: &State,
    arcs: &[Arc],
    full: &[Arc],
    min_area: f64,
) -> Result<Option<Feature>, String> {
    let id = g.id.clone().unwrap_or_default();
    let min_area2 = (2.0 * min_area / (UNIT * UNIT)) as i64;
    let mut rings = rings_of(g, arcs, min_area2)?;
    if rings.is_empty() {
        // Too small for the tolerance: keep it at full detail rather than lose it.
        rings = rings_of(g, full, 0)?;
    }
    if rings.is_empty() {
        // Smaller than a stored unit even then: a speck the size of a unit, where it is.
        rings = speck(g, full)?.into_iter().collect();
    }
    let Some(bbox) = bbox_of(rings.iter().flatten().copied()) else {
        return Ok(None);
    };
    Ok(Some(Feature {
        // A state takes the table's name (the Census spells territories differently).
        name: match (id.len(), &g.properties.name) {
            (5, Some(county)) => county.clone(),
            _ => st.name.to_string(),
        },
        id,
        state: st.postal.to_string(),
        bbox,
        rings: rings.iter().map(|r| encode(r)).collect(),
    }))
}

/// A square of 2 × 2 stored units around the middle of a geometry's points.
fn speck(g: &Geometry, full: &[Arc]) -> Result<Option<Arc>, String> {
    let mut pts = Vec::new();
    for poly in g.polygons()? {
        for refs in &poly {
            pts.extend(stitch(full, refs).map_err(|e| format!("geometry {:?}: {e}", g.id))?);
        }
    }
    Ok(bbox_of(pts).map(|[x0, y0, x1, y1]| {
        let (x, y) = ((x0 + x1) / 2, (y0 + y1) / 2);
        vec![
            (x - 1, y - 1),
            (x + 1, y - 1),
            (x + 1, y + 1),
            (x - 1, y + 1),
        ]
    }))
}

/// The rings of a geometry with at least three corners, specks below `min_area2` dropped
/// except the largest ring, which is always kept.
fn rings_of(g: &Geometry, arcs: &[Arc], min_area2: i64) -> Result<Vec<Arc>, String> {
    let mut rings: Vec<(i64, Arc)> = Vec::new();
    for poly in g.polygons()? {
        for refs in &poly {
            let ring = stitch(arcs, refs).map_err(|e| format!("geometry {:?}: {e}", g.id))?;
            let ring = open_ring(ring).map_err(|e| format!("geometry {:?}: {e}", g.id))?;
            if ring.len() >= 3 {
                rings.push((ring_area2(&ring).abs(), ring));
            }
        }
    }
    let largest = rings.iter().map(|(a, _)| *a).max().unwrap_or(0);
    Ok(rings
        .into_iter()
        .filter(|(a, _)| *a > 0 && (*a >= min_area2 || *a == largest))
        .map(|(_, r)| r)
        .collect())
}

/// The largest gap between a ring's ends that is closed silently, in stored integers: the
/// Census topology has a few rings whose ends differ by one quantization step.
const MAX_GAP: i32 = 10;

/// Drops the closing point and repeated points (rounding can merge neighbours); a ring
/// whose ends are farther apart than `MAX_GAP` is an error.
fn open_ring(mut ring: Arc) -> Result<Arc, String> {
    let (Some(&a), Some(&b)) = (ring.first(), ring.last()) else {
        return Ok(ring);
    };
    if (a.0 - b.0).abs().max((a.1 - b.1).abs()) > MAX_GAP {
        return Err(format!(
            "a ring does not close: it starts at {a:?} and ends at {b:?}"
        ));
    }
    ring.dedup();
    while ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    Ok(ring)
}

/// First point absolute, then deltas.
fn encode(ring: &[(i32, i32)]) -> Vec<i32> {
    let mut out = Vec::with_capacity(ring.len() * 2);
    let mut prev = (0, 0);
    for &(x, y) in ring {
        out.push(x - prev.0);
        out.push(y - prev.1);
        prev = (x, y);
    }
    out
}
