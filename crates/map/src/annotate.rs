//! The words around the marks: place names beside matching marks where they fit, the legend
//! of shapes and fills, and the boundary credit, all sized in CSS pixels.

use crate::grid::{Grid, Rect};
use crate::marks::MarkKind;
use crate::palette::hex;
use crate::render::{Drawn, Svg};
use crate::svg::{escape, num, wrap};
use crate::symbols::{body, Inside, HIT_PX, RING_PX, R_PX};

/// Estimated width of a character at 12 px, for placing labels and wrapping the legend.
const CHAR_PX: f64 = 6.4;
const ROW_PX: f64 = 22.0;
const CREDIT_LINE_PX: f64 = 14.0;

/// A place for a name: the box it covers, and how and where its text is anchored.
struct Spot {
    rect: Rect,
    anchor: &'static str,
    x: f64,
    y: f64,
}

impl Svg<'_> {
    /// Names beside their mark: right, else left, above or below; none when all are taken.
    pub(crate) fn labels(&self, drawn: &[Drawn]) -> String {
        let u = self.u;
        let mut taken = self.mark_grid(drawn);
        let mut s = format!(
            "<g class=\"labels\" aria-hidden=\"true\" font-size=\"{}\" fill=\"{}\" stroke=\"{}\" stroke-width=\"{}\" paint-order=\"stroke\" stroke-linejoin=\"round\">",
            num(12.0 * u), hex(self.p.text), hex(self.p.land), num(3.0 * u)
        );
        for (i, d) in drawn.iter().enumerate().filter(|(_, d)| d.m.matched) {
            let free = |r: &Rect| self.in_view(r) && taken.hits(r).iter().all(|&j| j == i);
            if let Some(spot) = self.label_spots(d).into_iter().find(|s| free(&s.rect)) {
                taken.insert(spot.rect);
                s.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>",
                    num(spot.x),
                    num(spot.y),
                    spot.anchor,
                    escape(&d.m.name)
                ));
            }
        }
        s.push_str("</g>");
        s
    }

    /// The marks' touch targets, so mark i has index i in the grid and labels avoid them.
    fn mark_grid(&self, drawn: &[Drawn]) -> Grid {
        let u = self.u;
        let mut taken = Grid::new(4.0 * HIT_PX * u);
        for d in drawn {
            let (x, y, side) = (d.at.0 - HIT_PX * u, d.at.1 - HIT_PX * u, 2.0 * HIT_PX * u);
            taken.insert([x, y, side, side]);
        }
        taken
    }

    /// Whether a label's box is wholly inside the view (not cut at its edge).
    fn in_view(&self, r: &Rect) -> bool {
        let v = self.view;
        r[0] >= v.x && r[1] >= v.y && r[0] + r[2] <= v.x + v.w && r[1] + r[3] <= v.y + v.h
    }

    /// Where a mark's name may go, in order of preference: right, left, above, below.
    fn label_spots(&self, d: &Drawn) -> [Spot; 4] {
        let u = self.u;
        let w = d.m.name.chars().count() as f64 * CHAR_PX * u;
        let off = (RING_PX + 2.0) * u;
        let (x, y, h) = (d.at.0, d.at.1, 14.0 * u);
        let spot = |rect: Rect, anchor, x, y| Spot { rect, anchor, x, y };
        [
            spot([x + off, y - h / 2.0, w, h], "start", x + off, y + 4.0 * u),
            spot(
                [x - off - w, y - h / 2.0, w, h],
                "end",
                x - off,
                y + 4.0 * u,
            ),
            spot(
                [x - w / 2.0, y - off - h, w, h],
                "middle",
                x,
                y - off - 3.0 * u,
            ),
            spot(
                [x - w / 2.0, y + off, w, h],
                "middle",
                x,
                y + off + 11.0 * u,
            ),
        ]
    }

    /// The legend below the map and its height in pixels.
    pub(crate) fn legend(&self, drawn: &[Drawn]) -> (String, f64) {
        let items = self.legend_items(drawn);
        let (u, v) = (self.u, self.view);
        let mut s = format!(
            "<g class=\"legend\" font-size=\"{}\" fill=\"{}\">",
            num(12.0 * u),
            hex(self.p.text)
        );
        let (mut x, mut row) = (8.0, 0.0);
        for (kind, strong, inside, text) in &items {
            let w = 24.0 + text.chars().count() as f64 * CHAR_PX + 14.0;
            if x > 8.0 && x + w > self.width_px - 8.0 {
                (x, row) = (8.0, row + 1.0);
            }
            let cx = v.x + (x + R_PX) * u;
            let cy = v.y + v.h + (row * ROW_PX + ROW_PX / 2.0) * u;
            s.push_str(&format!(
                "<g transform=\"translate({} {})\" aria-hidden=\"true\">{}</g><text x=\"{}\" y=\"{}\">{}</text>",
                num(cx), num(cy), body(*kind, *strong, *inside, self.p, u),
                num(cx + (R_PX + 8.0) * u), num(cy + 4.0 * u), escape(text)
            ));
            x += w;
        }
        s.push_str("</g>");
        let rows = if items.is_empty() { 0.0 } else { row + 1.0 };
        (s, rows * ROW_PX)
    }

    /// One sample per kind drawn (worded as the page words it), then filled and hollow.
    fn legend_items(&self, drawn: &[Drawn]) -> Vec<(MarkKind, bool, Inside, String)> {
        let mut items = Vec::new();
        for kind in [
            MarkKind::City,
            MarkKind::County,
            MarkKind::State,
            MarkKind::Other,
        ] {
            if let Some(d) = drawn.iter().find(|d| d.m.kind == kind) {
                items.push((kind, true, Inside::Nothing, d.m.kind_label.clone()));
            }
        }
        let c = self.opts.checked;
        let (inside, text) = match (c.count, c.all) {
            (0, _) => (Inside::Number(3), "number of tactics used"),
            (1, _) => (Inside::Tick, "uses the checked tactic"),
            (_, false) => (Inside::Tick, "uses a checked tactic"),
            (_, true) => (Inside::Tick, "uses all checked tactics"),
        };
        if drawn.iter().any(|d| d.m.matched) {
            items.push((MarkKind::City, true, inside, text.to_string()));
        }
        if drawn.iter().any(|d| !d.m.matched) {
            items.push((
                MarkKind::City,
                false,
                Inside::Nothing,
                "hollow: outside the filters".to_string(),
            ));
        }
        items
    }

    /// The credit line under the legend, wrapped to the width, and its height in pixels.
    pub(crate) fn credit(&self, top_px: f64) -> (String, f64) {
        let (u, v) = (self.u, self.view);
        let max = ((self.width_px - 16.0) / (CHAR_PX * 11.0 / 12.0)).max(10.0) as usize;
        let lines = wrap(self.credit, max);
        let mut s = format!(
            "<text class=\"credit\" font-size=\"{}\" fill=\"{}\">",
            num(11.0 * u),
            hex(self.p.text)
        );
        for (i, line) in lines.iter().enumerate() {
            let y = v.y + v.h + (top_px + (i as f64 + 1.0) * CREDIT_LINE_PX) * u;
            s.push_str(&format!(
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(v.x + 8.0 * u),
                num(y),
                escape(line)
            ));
        }
        s.push_str("</text>");
        (s, lines.len() as f64 * CREDIT_LINE_PX)
    }
}
