//! Reading TopoJSON (the us-atlas files): quantized, delta-encoded arcs shared between
//! neighbours, and polygons that list the arcs of each ring. Build time only.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
pub struct Topology {
    pub transform: Option<Transform>,
    pub objects: BTreeMap<String, Collection>,
    pub arcs: Vec<Vec<Vec<f64>>>,
}

#[derive(Debug, Deserialize)]
pub struct Transform {
    pub scale: [f64; 2],
    pub translate: [f64; 2],
}

#[derive(Debug, Deserialize)]
pub struct Collection {
    pub geometries: Vec<Geometry>,
}

#[derive(Debug, Deserialize)]
pub struct Geometry {
    #[serde(rename = "type")]
    pub kind: String,
    pub id: Option<String>,
    #[serde(default)]
    pub arcs: Value,
    #[serde(default)]
    pub properties: Properties,
}

#[derive(Debug, Default, Deserialize)]
pub struct Properties {
    pub name: Option<String>,
}

/// A polygon as arc references per ring; a negative `i` means arc `!i` reversed.
pub type ArcPolygon = Vec<Vec<i64>>;

impl Geometry {
    /// The polygons of a Polygon or MultiPolygon (other kinds have none).
    pub fn polygons(&self) -> Result<Vec<ArcPolygon>, String> {
        let bad = |e: serde_json::Error| format!("geometry {:?}: arcs: {e}", self.id);
        match self.kind.as_str() {
            "Polygon" => Ok(vec![serde_json::from_value(self.arcs.clone()).map_err(bad)?]),
            "MultiPolygon" => serde_json::from_value(self.arcs.clone()).map_err(bad),
            _ => Ok(Vec::new()),
        }
    }
}

/// Reads a topology from JSON text.
pub fn parse(text: &str) -> Result<Topology, String> {
    serde_json::from_str(text).map_err(|e| format!("not a TopoJSON topology: {e}"))
}

/// Every arc as absolute longitude/latitude points (undoing quantization and deltas).
pub fn decode_arcs(topo: &Topology) -> Result<Vec<Vec<(f64, f64)>>, String> {
    topo.arcs
        .iter()
        .enumerate()
        .map(|(i, arc)| {
            decode_arc(arc, topo.transform.as_ref()).map_err(|e| format!("arcs[{i}]: {e}"))
        })
        .collect()
}

fn decode_arc(arc: &[Vec<f64>], t: Option<&Transform>) -> Result<Vec<(f64, f64)>, String> {
    let (mut x, mut y) = (0.0, 0.0);
    let mut out = Vec::with_capacity(arc.len());
    for (j, p) in arc.iter().enumerate() {
        let (&px, &py) = match (p.first(), p.get(1)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(format!("point {j} has fewer than two numbers")),
        };
        match t {
            Some(t) => {
                x += px;
                y += py;
                out.push((
                    x * t.scale[0] + t.translate[0],
                    y * t.scale[1] + t.translate[1],
                ));
            }
            None => out.push((px, py)),
        }
    }
    Ok(out)
}

/// The index of an arc reference and whether it runs backwards.
pub fn arc_ref(i: i64) -> (usize, bool) {
    if i < 0 {
        ((!i) as usize, true)
    } else {
        (i as usize, false)
    }
}

/// Joins the arcs of a ring into its points: each arc starts where the previous ended, so
/// that shared point is kept once. A valid ring ends where it starts.
pub fn stitch<P: Copy>(arcs: &[Vec<P>], refs: &[i64]) -> Result<Vec<P>, String> {
    let mut ring: Vec<P> = Vec::new();
    for &r in refs {
        let (i, back) = arc_ref(r);
        let arc = arcs
            .get(i)
            .ok_or_else(|| format!("ring refers to arc {i}, there are {}", arcs.len()))?;
        let skip = usize::from(!ring.is_empty());
        if back {
            ring.extend(arc.iter().rev().skip(skip).copied());
        } else {
            ring.extend(arc.iter().skip(skip).copied());
        }
    }
    Ok(ring)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two squares side by side sharing one arc (the middle edge), quantized with a transform.
    const TWO_SQUARES: &str = r#"{"type":"Topology",
      "transform":{"scale":[0.5,0.5],"translate":[-110,45]},
      "objects":{"s":{"type":"GeometryCollection","geometries":[
        {"type":"Polygon","id":"A","arcs":[[0,1]]},
        {"type":"MultiPolygon","id":"B","arcs":[[[-1,2]]]}]}},
      "arcs":[[[2,0],[0,2]],[[2,2],[-2,0],[0,-2],[2,0]],[[2,0],[2,0],[0,2],[-2,0]]]}"#;

    #[test]
    fn decodes_deltas_and_transform() {
        let topo = parse(TWO_SQUARES).unwrap_or_else(|e| panic!("{e}"));
        let arcs = decode_arcs(&topo).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(arcs[0], vec![(-109.0, 45.0), (-109.0, 46.0)]);
        assert_eq!(arcs[2][3], (-109.0, 46.0));
    }

    #[test]
    fn shared_arcs_stitch_into_closed_rings_both_ways() {
        let topo = parse(TWO_SQUARES).unwrap_or_else(|e| panic!("{e}"));
        let arcs = decode_arcs(&topo).unwrap_or_else(|e| panic!("{e}"));
        let geoms = &topo.objects["s"].geometries;
        for g in geoms {
            let polys = g.polygons().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(polys.len(), 1);
            let ring = stitch(&arcs, &polys[0][0]).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(ring.len(), 5, "{:?}", g.id);
            assert_eq!(ring.first(), ring.last(), "{:?} closed", g.id);
        }
        assert!(stitch(&arcs, &[7]).is_err());
    }
}
