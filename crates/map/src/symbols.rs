//! How one mark looks: its shape by kind, filled (matching) or hollow (outside the filters),
//! with the number of tactics used or a tick, a transparent 24 px touch target, a focus
//! ring (hidden until the app's CSS shows it on `:focus-visible`), and the legend samples.

use crate::marks::MarkKind;
use crate::palette::{hex, Palette};
use crate::svg::num;

/// Sizes in CSS pixels; `u` converts them to viewBox units.
pub const R_PX: f64 = 9.0;
/// Half the touch target (24 × 24 px).
pub const HIT_PX: f64 = 12.0;
pub const RING_PX: f64 = 14.5;
// The focus ring (2.5 px wide) leaves a gap around the largest shape (the diamond).
const _: () = assert!(RING_PX - 1.25 > R_PX * 1.25);

/// What a mark shows inside its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inside {
    Number(u8),
    Tick,
    Nothing,
}

/// The outline of a shape of radius `r` at the origin.
pub fn shape(kind: MarkKind, r: f64) -> String {
    match kind {
        MarkKind::City => format!("<circle r=\"{}\"/>", num(r)),
        MarkKind::County => {
            let d = num(r * 1.25);
            format!("<path d=\"M0 -{d}L{d} 0 0 {d}-{d} 0z\"/>")
        }
        MarkKind::State => {
            let s = num(r * 0.9);
            let side = num(r * 1.8);
            format!("<rect x=\"-{s}\" y=\"-{s}\" width=\"{side}\" height=\"{side}\"/>")
        }
        MarkKind::Other => {
            let (t, w, b) = (num(r * 1.25), num(r * 1.1), num(r * 0.75));
            format!("<path d=\"M0 -{t}L{w} {b}-{w} {b}z\"/>")
        }
    }
}

/// A mark's drawing at the origin: touch target, focus ring, shape and content.
pub fn symbol(kind: MarkKind, strong: bool, inside: Inside, p: &Palette, u: f64) -> String {
    let mut s = format!(
        "<circle class=\"hit\" r=\"{}\" fill=\"#000\" fill-opacity=\"0\"/>\
         <circle class=\"focus-ring\" r=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" visibility=\"hidden\"/>",
        num(HIT_PX * u),
        num(RING_PX * u),
        hex(p.focus),
        num(2.5 * u),
    );
    s.push_str(&body(kind, strong, inside, p, u));
    s
}

/// The visible part of a mark (also used in the legend).
pub fn body(kind: MarkKind, strong: bool, inside: Inside, p: &Palette, u: f64) -> String {
    let (fill, stroke, width, r) = if strong {
        (p.mark, p.background, 1.0, R_PX)
    } else {
        (p.land, p.faint, 1.5, R_PX * 0.8)
    };
    let mut s = format!(
        "<g fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\">{}</g>",
        hex(fill),
        hex(stroke),
        num(width * u),
        shape(kind, r * u)
    );
    s.push_str(&content(inside, p, u));
    s
}

fn content(inside: Inside, p: &Palette, u: f64) -> String {
    match inside {
        Inside::Number(n) => {
            let size = if n >= 10 { 10.0 } else { 11.0 };
            format!(
                "<text y=\"{}\" text-anchor=\"middle\" font-size=\"{}\" font-weight=\"700\" fill=\"{}\">{n}</text>",
                num(size * 0.36 * u),
                num(size * u),
                hex(p.mark_text)
            )
        }
        Inside::Tick => {
            let a = |v: f64| num(v * u);
            format!(
                "<path d=\"M{} {}L{} {}L{} {}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>",
                a(-4.0), a(0.5), a(-1.0), a(3.5), a(4.0), a(-3.5),
                hex(p.mark_text),
                a(2.2)
            )
        }
        Inside::Nothing => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::palette::LIGHT;

    #[test]
    fn kinds_have_different_shapes() {
        let shapes: Vec<String> = [
            MarkKind::City,
            MarkKind::County,
            MarkKind::State,
            MarkKind::Other,
        ]
        .iter()
        .map(|&k| shape(k, 9.0))
        .collect();
        for i in 0..shapes.len() {
            for j in 0..i {
                assert_ne!(shapes[i], shapes[j]);
            }
        }
    }

    #[test]
    fn the_touch_target_is_24_px() {
        let s = symbol(MarkKind::City, true, Inside::Number(15), &LIGHT, 1.0);
        assert!(s.contains("class=\"hit\" r=\"12\""), "{s}");
        assert!(s.contains(">15</text>"));
    }
}
