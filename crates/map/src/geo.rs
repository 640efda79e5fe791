//! The compact geometry files the app fetches from its own origin (`public/geo/`): outlines
//! already projected into the us-atlas frame, in tenths of a unit, delta-encoded. The app
//! only checks and decodes them; all the heavy work happened at build time (`prepare`).

use serde::{Deserialize, Serialize};

/// What every geometry file says in its `format` field.
pub const FORMAT: &str = "tactics-map-geo";
pub const VERSION: u32 = 1;
/// Frame units per stored integer (the files store tenths).
pub const UNIT: f64 = 0.1;
/// The credit line the map shows.
pub const CREDIT: &str = "Boundaries: U.S. Census Bureau cartographic boundary files, via us-atlas";

/// One file: all states, or the counties of one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GeoLayer {
    pub format: String,
    pub version: u32,
    pub credit: String,
    pub features: Vec<Feature>,
}

/// A state or a county.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// FIPS code: two digits for a state, five for a county.
    pub id: String,
    pub name: String,
    /// Postal code of the state (its own for a state).
    pub state: String,
    /// Min x, min y, max x, max y in stored integers.
    pub bbox: [i32; 4],
    /// Each ring: x, y of the first point, then dx, dy to each next point; closed implicitly.
    pub rings: Vec<Vec<i32>>,
}

impl Feature {
    /// The absolute points of a ring, in stored integers.
    pub fn ring_points(ring: &[i32]) -> Vec<(i32, i32)> {
        let mut out = Vec::with_capacity(ring.len() / 2);
        let (mut x, mut y) = (0i32, 0i32);
        for pair in ring.chunks_exact(2) {
            x = x.saturating_add(pair[0]);
            y = y.saturating_add(pair[1]);
            out.push((x, y));
        }
        out
    }

    /// SVG path data of all rings, in stored integers (the map's viewBox uses them too).
    pub fn path_data(&self) -> String {
        let mut d = String::new();
        for ring in &self.rings {
            for (i, pair) in ring.chunks_exact(2).enumerate() {
                let cmd = match i {
                    0 => "M",
                    1 => "l",
                    _ => " ",
                };
                d.push_str(&format!("{cmd}{} {}", pair[0], pair[1]));
            }
            d.push('z');
        }
        d
    }
}

/// Reads a geometry file, checking what the drawing relies on; the message says what is
/// wrong and where.
pub fn parse_layer(text: &str) -> Result<GeoLayer, String> {
    let layer: GeoLayer =
        serde_json::from_str(text).map_err(|e| format!("geometry file is not valid: {e}"))?;
    if layer.format != FORMAT || layer.version != VERSION {
        return Err(format!(
            "geometry file has format \"{}\" version {}, expected \"{FORMAT}\" version {VERSION}",
            layer.format, layer.version
        ));
    }
    for (i, f) in layer.features.iter().enumerate() {
        check_feature(f).map_err(|e| format!("features[{i}] ({}): {e}", f.id))?;
    }
    Ok(layer)
}

fn check_feature(f: &Feature) -> Result<(), String> {
    if f.rings.is_empty() {
        return Err("has no rings".into());
    }
    for (r, ring) in f.rings.iter().enumerate() {
        if ring.len() % 2 != 0 || ring.len() < 6 {
            return Err(format!(
                "rings[{r}] has {} numbers, expected an even count of at least 6",
                ring.len()
            ));
        }
    }
    let [x0, y0, x1, y1] = f.bbox;
    if x0 > x1 || y0 > y1 {
        return Err(format!("bbox [{x0}, {y0}, {x1}, {y1}] is empty"));
    }
    Ok(())
}

/// The bounding box of stored points, or None for no points.
pub fn bbox_of(points: impl IntoIterator<Item = (i32, i32)>) -> Option<[i32; 4]> {
    points.into_iter().fold(None, |acc, (x, y)| {
        Some(match acc {
            None => [x, y, x, y],
            Some([a, b, c, d]) => [a.min(x), b.min(y), c.max(x), d.max(y)],
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(rings: Vec<Vec<i32>>) -> String {
        let layer = GeoLayer {
            format: FORMAT.into(),
            version: VERSION,
            credit: CREDIT.into(),
            features: vec![Feature {
                id: "30".into(),
                name: "Montana".into(),
                state: "MT".into(),
                bbox: [0, 0, 10, 10],
                rings,
            }],
        };
        serde_json::to_string(&layer).unwrap_or_default()
    }

    #[test]
    fn decodes_deltas_and_writes_closed_relative_paths() {
        let text = layer(vec![vec![0, 0, 10, 0, 0, 10, -10, 0]]);
        let parsed = parse_layer(&text);
        let Ok(parsed) = parsed else {
            panic!("{parsed:?}")
        };
        let f = &parsed.features[0];
        assert_eq!(
            Feature::ring_points(&f.rings[0]),
            vec![(0, 0), (10, 0), (10, 10), (0, 10)]
        );
        assert_eq!(f.path_data(), "M0 0l10 0 0 10 -10 0z");
    }

    #[test]
    fn bad_files_are_refused_with_the_place_of_the_fault() {
        let odd = parse_layer(&layer(vec![vec![0, 0, 10, 0, 0]]));
        assert_eq!(
            odd.err().as_deref(),
            Some("features[0] (30): rings[0] has 5 numbers, expected an even count of at least 6")
        );
        assert!(parse_layer("{\"format\":1}").is_err());
        let other = layer(vec![vec![0, 0, 1, 0, 0, 1]]).replace(FORMAT, "topojson");
        assert!(parse_layer(&other).is_err_and(|e| e.contains("expected")));
    }
}
