//! Douglas-Peucker simplification of arcs. Arcs, not rings, are simplified, so a border
//! shared by two states stays one line (no gaps or slivers), and the ends of every arc are
//! kept, so rings built from them stay closed.

/// Distance from `p` to the segment `a`–`b`.
fn seg_dist(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// Marks the points of `pts[lo..=hi]` to keep (iterative, so long arcs cannot overflow).
fn mark(pts: &[(f64, f64)], keep: &mut [bool], lo: usize, hi: usize, tol: f64) {
    let mut stack = vec![(lo, hi)];
    while let Some((lo, hi)) = stack.pop() {
        if hi <= lo + 1 {
            continue;
        }
        let (mut far, mut far_d) = (lo, -1.0);
        for (i, &p) in pts.iter().enumerate().take(hi).skip(lo + 1) {
            let d = seg_dist(p, pts[lo], pts[hi]);
            if d > far_d {
                (far, far_d) = (i, d);
            }
        }
        if far_d > tol {
            keep[far] = true;
            stack.push((lo, far));
            stack.push((far, hi));
        }
    }
}

/// Simplifies a polyline to within `tol`, keeping both ends. A closed arc (an island) is
/// split at its farthest point from the start, so it keeps at least a triangle's corners.
pub fn simplify(pts: &[(f64, f64)], tol: f64) -> Vec<(f64, f64)> {
    let n = pts.len();
    if n <= 2 {
        return pts.to_vec();
    }
    let mut keep = vec![false; n];
    keep[0] = true;
    keep[n - 1] = true;
    if pts[0] == pts[n - 1] {
        let far = farthest_from(pts, pts[0]);
        keep[far] = true;
        mark(pts, &mut keep, 0, far, tol);
        mark(pts, &mut keep, far, n - 1, tol);
        let third = farthest_from_segment(pts, pts[0], pts[far]);
        keep[third] = true;
    } else {
        mark(pts, &mut keep, 0, n - 1, tol);
    }
    pts.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

fn farthest_from(pts: &[(f64, f64)], a: (f64, f64)) -> usize {
    farthest_by(pts, |p| (p.0 - a.0).powi(2) + (p.1 - a.1).powi(2))
}

fn farthest_from_segment(pts: &[(f64, f64)], a: (f64, f64), b: (f64, f64)) -> usize {
    farthest_by(pts, |p| seg_dist(p, a, b))
}

fn farthest_by(pts: &[(f64, f64)], d: impl Fn((f64, f64)) -> f64) -> usize {
    let mut best = (0, f64::MIN);
    for (i, &p) in pts.iter().enumerate() {
        let v = d(p);
        if v > best.1 {
            best = (i, v);
        }
    }
    best.0
}

/// Twice the signed area of a ring (shoelace), to drop specks and find the main ring.
pub fn ring_area2(pts: &[(i32, i32)]) -> i64 {
    let n = pts.len();
    (0..n)
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % n]);
            i64::from(a.0) * i64::from(b.1) - i64::from(b.0) * i64::from(a.1)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_runs_collapse_to_their_ends() {
        let line: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), 0.0)).collect();
        assert_eq!(simplify(&line, 0.1), vec![(0.0, 0.0), (9.0, 0.0)]);
    }

    #[test]
    fn corners_beyond_the_tolerance_stay() {
        let pts = [(0.0, 0.0), (5.0, 0.2), (10.0, 0.0), (10.0, 10.0)];
        assert_eq!(
            simplify(&pts, 0.5),
            vec![(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]
        );
        assert_eq!(simplify(&pts, 0.1).len(), 4);
    }

    #[test]
    fn a_closed_island_keeps_a_closed_triangle_at_any_tolerance() {
        let circle: Vec<(f64, f64)> = (0..=36)
            .map(|i| {
                let a = f64::from(i % 36) * 10f64.to_radians();
                (a.cos(), a.sin())
            })
            .collect();
        let s = simplify(&circle, 100.0);
        assert_eq!(s.first(), s.last());
        assert!(s.len() >= 4, "{s:?}");
    }

    #[test]
    fn area_of_a_unit_square() {
        assert_eq!(ring_area2(&[(0, 0), (1, 0), (1, 1), (0, 1)]).abs(), 2);
    }
}
