//! The projection: Albers equal-area conic for the lower 48 states, with Alaska, Hawaii and
//! Puerto Rico as insets, the same numbers as d3's `geoAlbersUsa` (Puerto Rico as in
//! d3-composite-projections). Outlines and marks go through the same functions, so a place
//! lands inside its state. The frame is us-atlas's: scale 1300, 975 × 610 units.

use std::f64::consts::PI;

/// Scale of the frame (d3's `k`).
pub const SCALE: f64 = 1300.0;
/// Where the lower 48's centre lands.
pub const TRANSLATE: (f64, f64) = (487.5, 305.0);
/// Width and height of the whole frame, insets included.
pub const FRAME: (f64, f64) = (975.0, 610.0);

/// Which part of the composite projection a point or outline belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Lower48,
    Alaska,
    Hawaii,
    /// Puerto Rico and the U.S. Virgin Islands.
    Caribbean,
}

impl Region {
    /// The region of a state by its FIPS code (outlines are drawn whole in one region).
    pub fn for_fips(fips: &str) -> Region {
        match fips {
            "02" => Region::Alaska,
            "15" => Region::Hawaii,
            "72" | "78" => Region::Caribbean,
            _ => Region::Lower48,
        }
    }

    /// The region of a place by its coordinates (rough boxes around the insets).
    pub fn for_point(lon: f64, lat: f64) -> Region {
        if lat >= 50.5 && (lon <= -129.5 || lon >= 165.0) {
            Region::Alaska
        } else if (-179.5..=-154.0).contains(&lon) && (18.0..=29.0).contains(&lat) {
            Region::Hawaii
        } else if (-68.5..=-64.0).contains(&lon) && (17.0..=19.5).contains(&lat) {
            Region::Caribbean
        } else {
            Region::Lower48
        }
    }

    fn conic(self) -> Conic {
        let (x, y, k) = (TRANSLATE.0, TRANSLATE.1, SCALE);
        match self {
            Region::Lower48 => Conic::new((29.5, 45.5), 96.0, (-0.6, 38.7), k, (x, y)),
            Region::Alaska => Conic::new(
                (55.0, 65.0),
                154.0,
                (-2.0, 58.5),
                k * 0.35,
                (x - 0.307 * k, y + 0.201 * k),
            ),
            Region::Hawaii => Conic::new(
                (8.0, 18.0),
                157.0,
                (-3.0, 19.9),
                k,
                (x - 0.205 * k, y + 0.212 * k),
            ),
            Region::Caribbean => Conic::new(
                (8.0, 18.0),
                66.0,
                (0.0, 18.0),
                k,
                (x + 0.350 * k, y + 0.224 * k),
            ),
        }
    }

    /// Projects longitude/latitude in degrees to frame units (x to the right, y down).
    pub fn project(self, lon: f64, lat: f64) -> (f64, f64) {
        self.conic().project(lon, lat)
    }
}

/// Projects a place's location, choosing the inset by its coordinates. None when the
/// numbers are not finite or not a longitude/latitude.
pub fn project_point(lon: f64, lat: f64) -> Option<(f64, f64)> {
    let valid = lon.is_finite() && lat.is_finite();
    if !valid || !(-180.0..=180.0).contains(&lon) || !(-90.0..=90.0).contains(&lat) {
        return None;
    }
    Some(Region::for_point(lon, lat).project(lon, lat))
}

/// An Albers equal-area conic projection, rotated, centred, scaled and translated.
struct Conic {
    n: f64,
    c: f64,
    r0: f64,
    rotate: f64,
    k: f64,
    dx: f64,
    dy: f64,
}

impl Conic {
    fn new(parallels: (f64, f64), rotate: f64, centre: (f64, f64), k: f64, t: (f64, f64)) -> Self {
        let (p0, p1) = (parallels.0.to_radians(), parallels.1.to_radians());
        let sy0 = p0.sin();
        let n = (sy0 + p1.sin()) / 2.0;
        let c = 1.0 + sy0 * (2.0 * n - sy0);
        let mut conic = Conic {
            n,
            c,
            r0: c.sqrt() / n,
            rotate: rotate.to_radians(),
            k,
            dx: 0.0,
            dy: 0.0,
        };
        let (cx, cy) = conic.raw(centre.0.to_radians(), centre.1.to_radians());
        conic.dx = t.0 - k * cx;
        conic.dy = t.1 + k * cy;
        conic
    }

    /// The unscaled projection of radians (d3's `conicEqualAreaRaw`).
    fn raw(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let r = (self.c - 2.0 * self.n * phi.sin()).max(0.0).sqrt() / self.n;
        let a = lambda * self.n;
        (r * a.sin(), self.r0 - r * a.cos())
    }

    fn project(&self, lon: f64, lat: f64) -> (f64, f64) {
        let mut lambda = lon.to_radians() + self.rotate;
        if lambda > PI {
            lambda -= 2.0 * PI;
        } else if lambda < -PI {
            lambda += 2.0 * PI;
        }
        let (x, y) = self.raw(lambda, lat.to_radians());
        (self.dx + self.k * x, self.dy - self.k * y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reference values from d3-geo 3's `geoAlbersUsa().scale(1300).translate([487.5, 305])`.
    const D3: [(&str, f64, f64, f64, f64); 8] = [
        ("missoula", -114.0, 46.87, 219.313_803_8, 92.283_516_9),
        ("billings", -108.5, 45.78, 300.638_234_9, 130.426_970_9),
        ("anchorage", -149.9, 61.2, 112.287_469_2, 544.421_841_1),
        ("honolulu", -157.86, 21.31, 266.923_995_3, 549.120_403_8),
        ("adak", -176.6, 51.88, -12.545_737_6, 600.224_664_3),
        ("attu", 173.2, 52.9, -54.624_522_6, 572.782_856_5),
        ("key west", -81.8, 24.55, 794.009_130_8, 604.627_692_9),
        ("maine", -67.0, 44.9, 956.182_616_5, 92.955_374_7),
    ];

    #[test]
    fn matches_d3_albers_usa() {
        for (name, lon, lat, x, y) in D3 {
            let (px, py) = project_point(lon, lat).unwrap_or((f64::NAN, f64::NAN));
            assert!(
                (px - x).abs() < 1e-6 && (py - y).abs() < 1e-6,
                "{name}: {px},{py}"
            );
        }
    }

    #[test]
    fn east_is_right_and_north_is_up() {
        let (west, _) = Region::Lower48.project(-114.0, 46.9);
        let (east, _) = Region::Lower48.project(-104.0, 46.9);
        assert!(east > west);
        let (_, north) = Region::Lower48.project(-110.0, 49.0);
        let (_, south) = Region::Lower48.project(-110.0, 45.0);
        assert!(north < south);
    }

    #[test]
    fn insets_sit_in_the_bottom_left_and_right_of_the_frame() {
        for (lon, lat, region) in [
            (-149.9, 61.2, Region::Alaska),
            (-157.86, 21.31, Region::Hawaii),
            (-66.1, 18.47, Region::Caribbean),
        ] {
            assert_eq!(Region::for_point(lon, lat), region);
            let (x, y) = region.project(lon, lat);
            assert!(y > FRAME.1 * 0.8 && y < FRAME.1, "{region:?} y {y}");
            let left = x < FRAME.0 * 0.35;
            assert_eq!(left, region != Region::Caribbean, "{region:?} x {x}");
        }
    }

    #[test]
    fn rejects_numbers_that_are_not_coordinates() {
        assert_eq!(project_point(f64::NAN, 45.0), None);
        assert_eq!(project_point(-110.0, f64::INFINITY), None);
        assert_eq!(project_point(-200.0, 45.0), None);
        assert_eq!(project_point(-110.0, 95.0), None);
    }
}
