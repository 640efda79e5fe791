//! The visible part of the frame (the SVG viewBox): fitted to the states and places drawn,
//! and moved by the map's zoom and pan buttons or gestures. Units are the stored tenths.

use crate::geo::Feature;
use crate::geo::UNIT;
use crate::project::FRAME;

/// A rectangle of the frame: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ViewBox {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The smallest view, so one place alone is not magnified without end (about 30 km).
const MIN_SIDE: f64 = 60.0;
/// The largest view, in frames: zooming out stops there, so sizes stay finite.
const MAX_FRAMES: f64 = 4.0;

impl ViewBox {
    /// The whole frame, insets included.
    pub fn frame() -> ViewBox {
        ViewBox {
            x: 0.0,
            y: 0.0,
            w: FRAME.0 / UNIT,
            h: FRAME.1 / UNIT,
        }
    }

    /// The box around `features` and `points`, with a margin of 4% and `pad` on each side;
    /// the whole frame when there is nothing to fit.
    pub fn fit(features: &[&Feature], points: &[(f64, f64)], pad: f64) -> ViewBox {
        let corners = features.iter().flat_map(|f| {
            let [x0, y0, x1, y1] = f.bbox;
            [
                (f64::from(x0), f64::from(y0)),
                (f64::from(x1), f64::from(y1)),
            ]
        });
        let mut it = corners.chain(points.iter().copied());
        let Some(first) = it.next() else {
            return ViewBox::frame();
        };
        let (mut x0, mut y0, mut x1, mut y1) = (first.0, first.1, first.0, first.1);
        for (x, y) in it {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        let grow = |lo: f64, hi: f64| {
            let extra = ((MIN_SIDE - (hi - lo)) / 2.0).max(0.0);
            (lo - extra, hi + extra)
        };
        let ((x0, x1), (y0, y1)) = (grow(x0, x1), grow(y0, y1));
        let m = 0.04 * (x1 - x0).max(y1 - y0) + pad;
        ViewBox {
            x: x0 - m,
            y: y0 - m,
            w: x1 - x0 + 2.0 * m,
            h: y1 - y0 + 2.0 * m,
        }
    }

    /// Zooms by `factor` (2 = twice as close) keeping the point `at` in place; the view
    /// stays as it is when the factor is not a number or the result would be smaller than
    /// [`MIN_SIDE`] / 4 or wider than [`MAX_FRAMES`] frames.
    pub fn zoom(self, factor: f64, at: (f64, f64)) -> ViewBox {
        let f = if factor.is_finite() && factor > 0.0 {
            factor
        } else {
            1.0
        };
        let (w, h) = (self.w / f, self.h / f);
        let most = ViewBox::frame();
        let too_big = !(w <= MAX_FRAMES * most.w && h <= MAX_FRAMES * most.h);
        if w < MIN_SIDE / 4.0 || too_big || !at.0.is_finite() || !at.1.is_finite() {
            return self;
        }
        ViewBox {
            x: at.0 - (at.0 - self.x) / f,
            y: at.1 - (at.1 - self.y) / f,
            w,
            h,
        }
    }

    /// Moves the view by a fraction of its size (0.25 = a quarter to the right or down).
    pub fn pan(self, dx: f64, dy: f64) -> ViewBox {
        let ok = |v: f64| if v.is_finite() { v } else { 0.0 };
        ViewBox {
            x: self.x + ok(dx) * self.w,
            y: self.y + ok(dy) * self.h,
            ..self
        }
    }

    /// Whether the view can be drawn: finite, with a positive size.
    pub fn is_usable(self) -> bool {
        [self.x, self.y, self.w, self.h]
            .iter()
            .all(|v| v.is_finite())
            && self.w > 0.0
            && self.h > 0.0
    }

    /// Whether a box (min x, min y, max x, max y, the geometry's stored integers) overlaps the view.
    pub fn meets(self, bbox: [i32; 4]) -> bool {
        let [x0, y0, x1, y1] = bbox.map(f64::from);
        x0 <= self.x + self.w && x1 >= self.x && y0 <= self.y + self.h && y1 >= self.y
    }

    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    pub fn contains(self, p: (f64, f64)) -> bool {
        p.0 >= self.x && p.0 <= self.x + self.w && p.1 >= self.y && p.1 <= self.y + self.h
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_covers_every_point_with_a_margin() {
        let v = ViewBox::fit(&[], &[(100.0, 100.0), (500.0, 300.0)], 10.0);
        assert!(v.contains((100.0, 100.0)) && v.contains((500.0, 300.0)));
        assert!(v.x < 100.0 - 10.0 && v.x + v.w > 500.0 + 10.0);
        assert_eq!(ViewBox::fit(&[], &[], 0.0), ViewBox::frame());
        let one = ViewBox::fit(&[], &[(5.0, 5.0)], 0.0);
        assert!(one.w >= MIN_SIDE && one.contains((5.0, 5.0)));
    }

    #[test]
    fn zoom_keeps_its_point_and_pan_moves_by_a_fraction() {
        let v = ViewBox {
            x: 0.0,
            y: 0.0,
            w: 400.0,
            h: 200.0,
        };
        let z = v.zoom(2.0, (100.0, 50.0));
        assert_eq!(
            z,
            ViewBox {
                x: 50.0,
                y: 25.0,
                w: 200.0,
                h: 100.0
            }
        );
        assert_eq!(v.zoom(f64::NAN, (0.0, 0.0)), v);
        assert_eq!(
            v.pan(0.25, -0.5),
            ViewBox {
                x: 100.0,
                y: -100.0,
                ..v
            }
        );
    }

    #[test]
    fn zooming_out_stops_at_four_frames_and_bad_input_changes_nothing() {
        let mut v = ViewBox::frame();
        for _ in 0..2000 {
            v = v.zoom(0.5, (10.0, 10.0));
        }
        assert!(v.is_usable(), "{v:?}");
        assert!(v.w <= MAX_FRAMES * ViewBox::frame().w, "{v:?}");
        let f = ViewBox::frame();
        assert_eq!(f.zoom(1e-300, (0.0, 0.0)), f);
        assert_eq!(f.zoom(f64::INFINITY, (0.0, 0.0)), f);
        assert_eq!(f.zoom(2.0, (f64::NAN, 0.0)), f);
        assert!(!ViewBox {
            w: f64::INFINITY,
            ..f
        }
        .is_usable());
        assert!(!ViewBox { h: 0.0, ..f }.is_usable());
    }

    #[test]
    fn a_box_meets_the_view_when_they_overlap_or_touch() {
        let v = ViewBox {
            x: 0.0,
            y: 0.0,
            w: 100.0,
            h: 50.0,
        };
        assert!(v.meets([10, 10, 20, 20]), "inside");
        assert!(v.meets([-10, -10, 200, 200]), "around");
        assert!(v.meets([100, 50, 120, 60]), "touching a corner");
        assert!(!v.meets([101, 0, 120, 10]), "to the right");
        assert!(!v.meets([0, -30, 10, -1]), "above");
    }
}
