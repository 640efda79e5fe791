//! The map as one SVG string: the outlines of the states the places are in (with their
//! counties' lines when the view is close enough to read them, `county_states`), a focusable
//! mark per located place in keyboard order, name labels where they fit, a legend and the
//! credit line. Runs in the worker.

use crate::geo::{Feature, GeoLayer};
use crate::marks::{aria_label, in_order, spread, Checked, MarkInput};
use crate::palette::{hex, Palette, Theme};
use crate::summary::{not_on_map, summary};
use crate::svg::{escape, num};
use crate::symbols::{symbol, Inside, HIT_PX};
use crate::view::ViewBox;
use std::collections::BTreeSet;

/// The geometry to draw from: all states, and the county files the app fetched.
pub struct MapGeometry<'a> {
    pub states: &'a GeoLayer,
    pub counties: &'a [GeoLayer],
}

#[derive(Debug, Clone, PartialEq)]
pub struct MapOptions {
    /// The map's title (`<title>`), e.g. "Map of the places".
    pub title: String,
    pub checked: Checked,
    pub theme: Theme,
    /// The width the map is shown at, in CSS pixels: marks, text and touch targets are sized
    /// in pixels, so render again when it changes.
    pub width_px: f64,
    /// Leave out the marks outside the filters instead of drawing them faint.
    pub hide_unmatched: bool,
    /// A zoomed or panned view; None fits the map to its states and places.
    pub view: Option<ViewBox>,
}

impl Default for MapOptions {
    fn default() -> Self {
        MapOptions {
            title: "Map of the places".into(),
            checked: Checked::default(),
            theme: Theme::Light,
            width_px: 800.0,
            hide_unmatched: false,
            view: None,
        }
    }
}

/// The drawing and what the page shows or needs around it.
#[derive(Debug, Clone, PartialEq)]
pub struct MapSvg {
    pub svg: String,
    /// Place ids of the marks in keyboard order (for arrow keys).
    pub order: Vec<String>,
    /// The sentence under the map.
    pub summary: String,
    /// Ids of the places listed as "not on the map", by name.
    pub not_on_map: Vec<String>,
    /// The fitted view, the start for zoom and pan.
    pub fitted: ViewBox,
}

/// A mark ready to draw: its place, where it is drawn, and where the place really is.
pub(crate) struct Drawn<'a> {
    pub m: &'a MarkInput,
    pub at: (f64, f64),
    pub true_at: (f64, f64),
}

/// The widest view (in the geometry's units; the lower 48 states are about 9,400 wide) that
/// draws county lines. Wider, a county is a few pixels across and its lines are a grey noise
/// under the marks; at this width a county is tens of pixels wide on an 800-pixel map. Not
/// drawn, they are not fetched either (about 126 KB for the bundled data's states).
pub const COUNTY_VIEW_MAX_W: f64 = 4_000.0;

/// The states whose county lines the map shows for these marks and options: the places'
/// states whose outline meets the view, when the view is at most `COUNTY_VIEW_MAX_W` wide.
/// The worker asks it which county files to fetch; `render` draws the same.
pub fn county_states(
    states: &GeoLayer,
    marks: &[MarkInput],
    opts: &MapOptions,
) -> BTreeSet<String> {
    Frame::new(states, marks, opts).county_states()
}

/// What the map is drawn in: its states, the marks shown, the width and the view.
struct Frame<'a> {
    states: Vec<&'a Feature>,
    located: Vec<(&'a MarkInput, (f64, f64))>,
    width_px: f64,
    fitted: ViewBox,
    view: ViewBox,
}

impl<'a> Frame<'a> {
    fn new(states: &'a GeoLayer, marks: &'a [MarkInput], opts: &MapOptions) -> Frame<'a> {
        let wanted = marks_states(marks);
        let states = pick(std::slice::from_ref(states), &wanted);
        let located: Vec<_> = in_order(marks)
            .into_iter()
            .filter(|(m, _)| m.matched || !opts.hide_unmatched)
            .collect();
        let width_px = if opts.width_px.is_finite() {
            opts.width_px.clamp(200.0, 4000.0)
        } else {
            800.0
        };
        let fitted = fit(&states, &located, width_px);
        // A view that cannot be drawn (not finite, or no size) falls back to the fitted one.
        let view = opts.view.filter(|v| v.is_usable()).unwrap_or(fitted);
        Frame {
            states,
            located,
            width_px,
            fitted,
            view,
        }
    }

    /// See `county_states`.
    fn county_states(&self) -> BTreeSet<String> {
        if self.view.w > COUNTY_VIEW_MAX_W {
            return BTreeSet::new();
        }
        self.states
            .iter()
            .filter(|f| self.view.meets(f.bbox))
            .map(|f| f.state.clone())
            .collect()
    }
}

/// The postal codes of the places' states.
fn marks_states(marks: &[MarkInput]) -> BTreeSet<String> {
    marks
        .iter()
        .filter_map(|m| m.state.as_deref().map(|s| s.trim().to_ascii_uppercase()))
        .collect()
}

/// Draws the map. Never fails: bad numbers leave a place off the map (and in the list).
pub fn render(geo: &MapGeometry, marks: &[MarkInput], opts: &MapOptions) -> MapSvg {
    let frame = Frame::new(geo.states, marks, opts);
    let counties: Vec<&Feature> = pick(geo.counties, &frame.county_states());
    let Frame {
        states,
        located,
        width_px,
        fitted,
        view,
    } = frame;
    let points: Vec<(f64, f64)> = located.iter().map(|(_, p)| *p).collect();
    let u = view.w / width_px;
    let spots = spread(&points, 2.0 * HIT_PX * u);
    let drawn: Vec<Drawn> = located
        .iter()
        .zip(spots)
        .map(|((m, p), at)| Drawn { m, at, true_at: *p })
        .collect();
    let text = summary(marks, opts.checked);
    let svg = Svg {
        p: opts.theme.palette(),
        u,
        view,
        width_px,
        opts,
        credit: &geo.states.credit,
    }
    .document(&states, &counties, &drawn, &text);
    MapSvg {
        svg,
        order: drawn.iter().map(|d| d.m.id.clone()).collect(),
        summary: text,
        not_on_map: not_on_map(marks).iter().map(|m| m.id.clone()).collect(),
        fitted,
    }
}

/// The view around the located marks and the states they are in (states with only
/// unlocated places are drawn but not fitted: on a phone the places matter more), or around
/// all drawn states when no place is located. The margin leaves room for a mark's target.
fn fit(states: &[&Feature], located: &[(&MarkInput, (f64, f64))], width_px: f64) -> ViewBox {
    let points: Vec<(f64, f64)> = located.iter().map(|(_, p)| *p).collect();
    let with_marks: Vec<&Feature> = states
        .iter()
        .filter(|f| {
            located.iter().any(|(m, _)| {
                m.state
                    .as_deref()
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case(&f.state))
            })
        })
        .copied()
        .collect();
    let fitted_states = if points.is_empty() {
        states
    } else {
        &with_marks
    };
    let pad = ViewBox::fit(fitted_states, &points, 0.0).w / width_px * (HIT_PX + 2.0);
    ViewBox::fit(fitted_states, &points, pad)
}

/// The features of `layers` in the wanted states.
fn pick<'a>(layers: &'a [GeoLayer], wanted: &BTreeSet<String>) -> Vec<&'a Feature> {
    layers
        .iter()
        .flat_map(|l| &l.features)
        .filter(|f| wanted.contains(&f.state))
        .collect()
}

/// What every part of the drawing needs.
pub(crate) struct Svg<'a> {
    pub p: &'static Palette,
    /// ViewBox units per CSS pixel.
    pub u: f64,
    pub view: ViewBox,
    pub width_px: f64,
    pub opts: &'a MapOptions,
    pub credit: &'a str,
}

impl Svg<'_> {
    fn document(
        &self,
        states: &[&Feature],
        counties: &[&Feature],
        drawn: &[Drawn],
        text: &str,
    ) -> String {
        let (legend, legend_h) = self.legend(drawn);
        let (credit, credit_h) = self.credit(legend_h);
        let v = self.view;
        let total_h = v.h + (legend_h + credit_h + 8.0) * self.u;
        let mut s = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map-svg\" viewBox=\"{} {} {} {}\" role=\"group\" \
             aria-labelledby=\"map-title\" aria-describedby=\"map-desc\" font-family=\"system-ui, sans-serif\">\
             <title id=\"map-title\">{}</title><desc id=\"map-desc\">{}</desc>",
            num(v.x), num(v.y), num(v.w), num(total_h),
            escape(&self.opts.title),
            escape(&self.description(text, drawn.len())),
        );
        s.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
            num(v.x),
            num(v.y),
            num(v.w),
            num(total_h),
            hex(self.p.background)
        ));
        // The map part is clipped to the view, so outlines never run into the legend.
        s.push_str(&format!(
            "<clipPath id=\"map-clip\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/></clipPath><g clip-path=\"url(#map-clip)\">",
            num(v.x),
            num(v.y),
            num(v.w),
            num(v.h)
        ));
        s.push_str(&self.outlines(states, counties));
        s.push_str(&self.marks(drawn));
        s.push_str(&self.labels(drawn));
        s.push_str("</g>");
        s.push_str(&legend);
        s.push_str(&credit);
        s.push_str("</svg>");
        s
    }

    fn description(&self, text: &str, marks: usize) -> String {
        let order = if marks > 1 {
            " Tab moves between the marks, from west to east."
        } else {
            ""
        };
        format!("{text}{order}")
    }

    /// State fills, county lines, then state lines on top (reusing the fills' paths).
    fn outlines(&self, states: &[&Feature], counties: &[&Feature]) -> String {
        let mut s = format!(
            "<g class=\"states\" fill=\"{}\" stroke=\"none\">",
            hex(self.p.land)
        );
        for f in states {
            s.push_str(&format!(
                "<path id=\"map-s{}\" d=\"{}\"/>",
                escape(&f.id),
                f.path_data()
            ));
        }
        s.push_str("</g>");
        if !counties.is_empty() {
            s.push_str(&format!(
                "<g class=\"counties\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\">",
                hex(self.p.county_line),
                num(0.75 * self.u)
            ));
            for f in counties {
                s.push_str(&format!("<path d=\"{}\"/>", f.path_data()));
            }
            s.push_str("</g>");
        }
        s.push_str(&format!(
            "<g class=\"state-lines\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" stroke-linejoin=\"round\">",
            hex(self.p.state_line),
            num(1.25 * self.u)
        ));
        for f in states {
            s.push_str(&format!("<use href=\"#map-s{}\"/>", escape(&f.id)));
        }
        s.push_str("</g>");
        s
    }

    fn marks(&self, drawn: &[Drawn]) -> String {
        let mut s = String::from("<g class=\"marks\">");
        for d in drawn {
            s.push_str(&self.mark(d));
        }
        s.push_str("</g>");
        s
    }

    fn mark(&self, d: &Drawn) -> String {
        let (m, u) = (d.m, self.u);
        let inside = match (m.matched, self.opts.checked.count) {
            (false, _) => Inside::Nothing,
            (true, 0) => Inside::Number(m.used),
            (true, _) => Inside::Tick,
        };
        let class = if m.matched { "mark" } else { "mark faint" };
        let mut s = format!(
            "<g class=\"{class}\" role=\"button\" tabindex=\"0\" data-place=\"{}\" aria-label=\"{}\" transform=\"translate({} {})\">",
            escape(&m.id),
            escape(&aria_label(m, self.opts.checked)),
            num(d.at.0),
            num(d.at.1)
        );
        let (dx, dy) = (d.true_at.0 - d.at.0, d.true_at.1 - d.at.1);
        if dx.hypot(dy) > 0.5 * u {
            s.push_str(&format!(
                "<g stroke=\"{c}\" fill=\"{c}\"><line x1=\"{x}\" y1=\"{y}\" x2=\"0\" y2=\"0\" stroke-width=\"{w}\"/><circle cx=\"{x}\" cy=\"{y}\" r=\"{r}\"/></g>",
                c = hex(self.p.faint),
                x = num(dx),
                y = num(dy),
                w = num(u),
                r = num(2.0 * u)
            ));
        }
        s.push_str(&symbol(m.kind, m.matched, inside, self.p, u));
        s.push_str("</g>");
        s
    }
}
