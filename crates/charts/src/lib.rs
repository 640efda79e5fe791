//! Charts as SVG text, drawn with plotters' SVG backend, plus the words, the table and the CSV
//! that stand in for the picture.
//!
//! Pure: no DOM, so it runs in native tests (where plotters' naive font estimate makes the output
//! byte-for-byte deterministic) and in wasm. Every input is tolerated: empty panels, a single
//! point, `u64::MAX`, `from > to`, years far apart, hostile text.
//!
//! Drawing rules: one panel per unit; x = years (integer ticks, "FY2021" for fiscal series);
//! y starts at 0. Lines join consecutive years only, so a missing year is a gap, never a zero.
//! Every observation gets a marker; where a period has several figures, the first source's
//! figure carries the series' shape (and the line or bar), every further one a cross, so
//! disagreeing figures are all visible. Series differ by colour (Okabe-Ito, at least 3:1 against
//! the background) and by marker shape, named in a legend. Events are thin vertical lines with
//! short labels laid out in rows above the plot so they neither overlap each other nor the data.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, DrawingErrorKind};
use std::fmt::Write as _;
use tactics_core::dataset::{Event, EventKind, Observation, Series};
pub use tactics_core::text::{escape as escape_xml, group};
use tactics_core::text::{group_wide, shorten as short};

/// plotters' SVG backend with an estimated text measure. Left to itself, plotters measures
/// every label in the browser by inserting a styled `<span>` into the page: a strict
/// Content-Security-Policy (`style-src 'self'`) blocks that, and it forces a layout per label.
/// The estimate is the same on native and wasm, so the snapshot tests see what the page shows.
pub(crate) struct Svg<'a>(SVGBackend<'a>);

type SvgError = std::io::Error;

impl DrawingBackend for Svg<'_> {
    type ErrorType = SvgError;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_pixel(point, color)
    }
    fn draw_line<S: plotters_backend::BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_line(from, to, style)
    }
    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_path(path, style)
    }
    fn draw_circle<S: plotters_backend::BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.fill_polygon(vert, style)
    }
    fn draw_text<S: plotters_backend::BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<SvgError>> {
        self.0.draw_text(text, style, pos)
    }
    fn estimate_text_size<S: plotters_backend::BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<SvgError>> {
        let size = style.size().max(1.0);
        let width = (size * 0.58 * text.chars().count() as f64).ceil() as u32;
        Ok((width, size.ceil() as u32))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    #[default]
    Line,
    Bar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartOptions {
    /// Width in CSS pixels (the UI passes 390..960); clamped to 200..=4000.
    pub width: u32,
    /// Height in CSS pixels; clamped to 150..=3000.
    pub height: u32,
    /// First year drawn (inclusive); the data's first year when None.
    pub from: Option<i32>,
    /// Last year drawn (inclusive); the data's last year when None.
    pub to: Option<i32>,
    pub dark: bool,
    pub kind: ChartKind,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 960,
            height: 420,
            from: None,
            to: None,
            dark: false,
            kind: ChartKind::Line,
        }
    }
}

/// Series that share a unit, drawn on one pair of axes.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    pub unit: String,
    pub series: Vec<&'a Series>,
}

/// Groups series by unit, in order of first appearance: different units never share an axis.
pub fn panels<'a>(series: &[&'a Series]) -> Vec<Panel<'a>> {
    let mut out: Vec<Panel<'a>> = Vec::new();
    for s in series {
        // Fiscal and calendar years are different periods: they never share an x axis either.
        let fits = |p: &Panel<'a>| p.unit == s.unit && p.series[0].fiscal_year == s.fiscal_year;
        match out.iter_mut().find(|p| fits(p)) {
            Some(p) => p.series.push(s),
            None => out.push(Panel {
                unit: s.unit.clone(),
                series: vec![s],
            }),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Theme

/// Okabe-Ito colours with at least 3:1 contrast against white (WCAG 1.4.11); orange, sky blue
/// and yellow are too pale on white, so the light theme cycles through five and relies on
/// marker shapes beyond that.
const LIGHT_PALETTE: [RGBColor; 5] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x00, 0x00),
];
/// Okabe-Ito colours with at least 3:1 contrast against the dark background.
const DARK_PALETTE: [RGBColor; 7] = [
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x72, 0xB2),
];

struct Theme {
    bg: RGBColor,
    /// Text and axes (AA against `bg`).
    fg: RGBColor,
    /// Event lines and labels (AA against `bg`).
    muted: RGBColor,
    /// Grid lines (decorative).
    grid: RGBColor,
    palette: &'static [RGBColor],
}

fn theme(dark: bool) -> Theme {
    if dark {
        Theme {
            bg: RGBColor(0x16, 0x18, 0x1d),
            fg: RGBColor(0xe8, 0xea, 0xed),
            muted: RGBColor(0xb4, 0xba, 0xc2),
            grid: RGBColor(0x3a, 0x3f, 0x47),
            palette: &DARK_PALETTE,
        }
    } else {
        Theme {
            bg: RGBColor(0xff, 0xff, 0xff),
            fg: RGBColor(0x1b, 0x1f, 0x24),
            muted: RGBColor(0x4f, 0x57, 0x61),
            grid: RGBColor(0xdd, 0xe1, 0xe6),
            palette: &LIGHT_PALETTE,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Circle,
    Square,
    Triangle,
    Diamond,
    /// A further source's figure for a period that already has one.
    Cross,
}

const SERIES_MARKS: [Mark; 4] = [Mark::Circle, Mark::Square, Mark::Triangle, Mark::Diamond];

// ---------------------------------------------------------------------------------------------
// Data selection shared by the chart, the words and the table

/// The year range to draw: the options' bounds where set, else the data's; None when nothing
/// would be drawn (no observations in the range, or `from > to`).
fn visible_range(panel: &Panel<'_>, opts: &ChartOptions) -> Option<(i32, i32)> {
    let periods = || {
        panel
            .series
            .iter()
            .flat_map(|s| s.observations.iter().map(|o| o.period))
    };
    let lo = periods().min()?;
    let hi = periods().max()?;
    let from = opts.from.unwrap_or(lo);
    let to = opts.to.unwrap_or(hi);
    if from > to {
        return None;
    }
    periods()
        .any(|p| p >= from && p <= to)
        .then_some((from, to))
}

/// Observations of one series inside the range, by period (source order kept within a period).
fn visible(s: &Series, range: (i32, i32)) -> Vec<&Observation> {
    let mut obs: Vec<&Observation> = s
        .observations
        .iter()
        .filter(|o| o.period >= range.0 && o.period <= range.1)
        .collect();
    obs.sort_by_key(|o| o.period);
    obs
}

/// Runs of consecutive years through the first figure of each period: a missing year ends a run.
fn runs(obs: &[&Observation]) -> Vec<Vec<(i32, u64)>> {
    let mut out: Vec<Vec<(i32, u64)>> = Vec::new();
    let mut last: Option<i32> = None;
    for o in obs {
        if last == Some(o.period) {
            continue;
        }
        let point = (o.period, o.value);
        match (last, out.last_mut()) {
            (Some(p), Some(run)) if i64::from(o.period) == i64::from(p) + 1 => run.push(point),
            _ => out.push(vec![point]),
        }
        last = Some(o.period);
    }
    out
}

/// Each observation with its rank among the figures for the same period (0 = first source).
fn ranked<'s>(obs: &[&'s Observation]) -> Vec<(&'s Observation, usize)> {
    let mut out = Vec::with_capacity(obs.len());
    let mut nth = 0;
    for (i, o) in obs.iter().enumerate() {
        nth = if i > 0 && obs[i - 1].period == o.period {
            nth + 1
        } else {
            0
        };
        out.push((*o, nth));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/// Text for plotters: control characters (invalid in XML) become spaces; plotters escapes the rest.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// A generous estimate of rendered text width (sans-serif averages about 0.55 em).
fn text_w(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * 0.6).ceil() as i32
}

/// Shortens `s` with an ellipsis so its estimated width fits `max_w` pixels.
fn fit(s: &str, max_w: i32, px: f64) -> String {
    if text_w(s, px) <= max_w {
        return s.to_string();
    }
    let keep = ((f64::from(max_w.max(0)) / (px * 0.6)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

/// Axis labels: exact below a million, then "2.5M", "40B", "3T", and "1.8e19" beyond.
fn compact(n: u128) -> String {
    if n < 1_000_000 {
        return group_wide(n);
    }
    let (unit, suffix) = match n {
        _ if n < 1_000_000_000 => (1_000_000, "M".to_string()),
        _ if n < 1_000_000_000_000 => (1_000_000_000, "B".to_string()),
        _ if n < 1_000_000_000_000_000 => (1_000_000_000_000, "T".to_string()),
        _ => {
            let exp = n.ilog10();
            (10u128.pow(exp), format!("e{exp}"))
        }
    };
    let whole = n / unit;
    let hundredths = (n % unit) / (unit / 100);
    let mut out = whole.to_string();
    if hundredths > 0 {
        let frac = format!("{hundredths:02}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    out.push_str(&suffix);
    out
}

fn year_label(year: i64, fiscal: bool) -> String {
    if fiscal {
        format!("FY{year}")
    } else {
        year.to_string()
    }
}

fn kind_abbrev(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Law => "L",
        EventKind::Sting => "S",
        EventKind::Operation => "Op",
        EventKind::Training => "Tr",
        EventKind::TaskForce => "TF",
        EventKind::Other => "•",
    }
}

/// "English, French and German".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

// ---------------------------------------------------------------------------------------------
// Scales

/// A tick step of 1, 2 or 5 × 10^k that is at least `need` (and at least 1).
fn nice_step(need: u128) -> u128 {
    let mut base: u128 = 1;
    loop {
        for m in [1u128, 2, 5] {
            let step = base.saturating_mul(m);
            if step >= need || step == u128::MAX {
                return step;
            }
        }
        base = base.saturating_mul(10);
    }
}

/// Y ticks from 0 with a nice step, the top tick a little above the largest value.
fn y_ticks(max: u64, target: u128) -> Vec<u128> {
    let max = u128::from(max);
    let padded = max + max / 20;
    let step = nice_step(padded.div_ceil(target.max(1)));
    let top = (padded / step + 1) * step;
    (0..=top / step).map(|k| k * step).collect()
}

/// Year ticks: multiples of a nice step inside the range, no more than fit the width.
fn x_ticks(range: (i32, i32), fit: i64) -> Vec<i64> {
    let (lo, hi) = (i64::from(range.0), i64::from(range.1));
    let span = hi - lo + 1;
    let step = nice_step(u128::try_from((span + fit - 1) / fit.max(1)).unwrap_or(1));
    let step = i64::try_from(step).unwrap_or(i64::MAX).max(1);
    let first = lo.div_euclid(step) * step + if lo.rem_euclid(step) == 0 { 0 } else { step };
    let ticks: Vec<i64> = (0..)
        .map(|k| first + k * step)
        .take_while(|y| *y <= hi)
        .collect();
    if ticks.is_empty() {
        vec![lo]
    } else {
        ticks
    }
}

/// A linear f64 axis with exactly the given ticks (plotters' own `WithKeyPoints` over f64 has no
/// label formatter, so the mesh could not be drawn with it).
struct Ticked {
    range: std::ops::Range<f64>,
    ticks: Vec<f64>,
}

impl Ranged for Ticked {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        RangedCoordf64::from(self.range.clone()).map(value, limit)
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.range.clone()
    }
}

// ---------------------------------------------------------------------------------------------
// Layout of the legend and of the event labels

struct LegendItem {
    label: String,
    colour: RGBColor,
    mark: Mark,
    /// Whether to draw the series' line (or bar) sample before the mark.
    sample: bool,
}

struct LegendPlace {
    /// The item drawn here; None for the "+N more" summary.
    item: Option<usize>,
    x: i32,
    row: usize,
    label: String,
}

const SAMPLE_W: i32 = 26;

/// Flows legend items into rows within `width`; beyond `max_rows` the rest is summarised.
fn layout_legend(
    items: &[LegendItem],
    left: i32,
    right: i32,
    px: f64,
    max_rows: usize,
) -> Vec<LegendPlace> {
    let avail = (right - left).max(1);
    let mut out: Vec<LegendPlace> = Vec::new();
    let (mut x, mut row) = (left, 0usize);
    for (i, item) in items.iter().enumerate() {
        let label = fit(&item.label, avail - SAMPLE_W - 6, px);
        let w = SAMPLE_W + 6 + text_w(&label, px);
        if x > left && x + w > right {
            row += 1;
            x = left;
        }
        if row >= max_rows {
            // Replace what does not fit by a count; the table names every series.
            let rest = items.len() - i + 1;
            if let Some(last) = out.last_mut() {
                last.item = None;
                last.label = fit(&format!("+{rest} more (see table)"), avail, px);
            }
            break;
        }
        out.push(LegendPlace {
            item: Some(i),
            x,
            row,
            label,
        });
        x += w + 16;
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct EventLabel {
    row: usize,
    /// Anchor x of the text; the text ends there when `right_aligned`.
    x: i32,
    right_aligned: bool,
    text: String,
    /// Horizontal extent, for collision checks.
    span: (i32, i32),
}

/// Greedy placement of event labels in `rows` rows between `lo` and `hi` pixels: for each event
/// (in x order) the first of its candidate texts, sides and rows that overlaps no label in its
/// row, sits on no line coming down from a row above, and covers no line of a row below. An
/// event whose label fits nowhere keeps its line (and is listed under the chart by the UI).
fn place_event_labels(
    events: &[(i32, Vec<String>)],
    rows: usize,
    lo: i32,
    hi: i32,
    px: f64,
) -> Vec<Option<EventLabel>> {
    // About an em between labels, so two labels never read as one.
    const GAP: i32 = 12;
    let mut placed: Vec<(i32, EventLabel)> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for (x, candidates) in events {
        let x = *x;
        let mut chosen = None;
        'search: for text in candidates {
            let w = text_w(text, px);
            for right_aligned in [false, true] {
                let span = if right_aligned {
                    (x - 3 - w, x - 3)
                } else {
                    (x + 3, x + 3 + w)
                };
                if span.0 < lo || span.1 > hi {
                    continue;
                }
                for row in 0..rows {
                    let clash = placed.iter().any(|(line_x, l)| {
                        let overlaps = l.span.0 < span.1 + GAP && span.0 < l.span.1 + GAP;
                        (l.row == row && overlaps)
                            || (l.row > row && x >= l.span.0 - 2 && x <= l.span.1 + 2)
                            || (l.row < row && *line_x >= span.0 - 2 && *line_x <= span.1 + 2)
                    });
                    if !clash {
                        chosen = Some(EventLabel {
                            row,
                            x: if right_aligned { x - 3 } else { x + 3 },
                            right_aligned,
                            text: text.clone(),
                            span,
                        });
                        break 'search;
                    }
                }
            }
        }
        if let Some(label) = &chosen {
            placed.push((x, label.clone()));
        }
        out.push(chosen);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// One panel as a complete SVG document: `role="img"`, labelled by a `<title>` and `<desc>`
/// inserted as its first children; `viewBox` kept so CSS can scale it.
pub fn render_svg(
    panel: &Panel<'_>,
    events: &[&Event],
    opts: &ChartOptions,
    title: &str,
    desc: &str,
) -> String {
    let width = opts.width.clamp(200, 4000);
    let height = opts.height.clamp(150, 3000);
    let mut buf = String::new();
    {
        let root = Svg(SVGBackend::with_string(&mut buf, (width, height))).into_drawing_area();
        // The backend writes into a String and cannot fail; should plotters report an error
        // anyway, the partial chart is closed and returned rather than panicking.
        let _ = draw(&root, panel, events, opts);
        let _ = root.present();
    }
    add_title_and_desc(&buf, title, desc)
}

type Root<'b> = DrawingArea<Svg<'b>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Font size in CSS pixels: 13 at 390 wide, 14 at 960, growing slowly beyond.
fn font_px(width: u32) -> f64 {
    ((12.0 + f64::from(width) / 480.0).clamp(13.0, 16.0) * 2.0).round() / 2.0
}

fn font(px: f64) -> FontDesc<'static> {
    // plotters' SVG backend writes `font-size = size / 1.24`.
    ("sans-serif", px * 1.24).into_font()
}

fn draw(root: &Root<'_>, panel: &Panel<'_>, events: &[&Event], opts: &ChartOptions) -> DrawResult {
    let t = theme(opts.dark);
    let (w, h) = root.dim_in_pixel();
    let (w, h) = (w as i32, h as i32);
    let px = font_px(w as u32);
    let small = (px - 1.0).max(12.0);
    root.fill(&t.bg)?;

    let Some(range) = visible_range(panel, opts) else {
        root.draw(&Text::new(
            "No data in this range",
            (w / 2, h / 2),
            font(px + 2.0)
                .color(&t.fg)
                .pos(Pos::new(HPos::Center, VPos::Center)),
        ))?;
        return Ok(());
    };
    let series_obs: Vec<Vec<&Observation>> =
        panel.series.iter().map(|s| visible(s, range)).collect();
    let fiscal = panel.series.iter().all(|s| s.fiscal_year);
    let margin = 10;
    let bar = opts.kind == ChartKind::Bar;

    // Legend, top left, wrapping.
    let mut items: Vec<LegendItem> = panel
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            label: clean(&if s.fiscal_year && !fiscal {
                format!("{} (fiscal years)", s.name)
            } else {
                s.name.clone()
            }),
            colour: t.palette[i % t.palette.len()],
            mark: SERIES_MARKS[i % SERIES_MARKS.len()],
            sample: true,
        })
        .collect();
    if series_obs
        .iter()
        .any(|obs| obs.windows(2).any(|p| p[0].period == p[1].period))
    {
        items.push(LegendItem {
            label: "Figure from another source".into(),
            colour: t.fg,
            mark: Mark::Cross,
            sample: false,
        });
    }
    let row_h = (px * 1.6).round() as i32;
    let max_legend_rows = ((h / 4) / row_h).max(1) as usize;
    let legend = layout_legend(&items, margin, w - margin, px, max_legend_rows);
    let legend_rows = legend.iter().map(|p| p.row + 1).max().unwrap_or(0) as i32;
    let legend_bottom = 6 + legend_rows * row_h;

    // Y scale: nice integer ticks from 0.
    let y_max = series_obs
        .iter()
        .flatten()
        .map(|o| o.value)
        .max()
        .unwrap_or(0);
    let target = u128::try_from((h / 70).clamp(3, 6)).unwrap_or(4);
    let y_tick_values = y_ticks(y_max, target);
    let y_top = y_tick_values.last().copied().unwrap_or(1) as f64;
    let y_label_w = y_tick_values
        .iter()
        .map(|v| text_w(&compact(*v), px))
        .max()
        .unwrap_or(0);
    let desc_w = if panel.unit.trim().is_empty() {
        0
    } else {
        (px * 1.5).round() as i32
    };
    let y_area = (desc_w + y_label_w + 14).min(w / 3);

    // X scale: whole years, labelled no closer than a label's width.
    let x_label_w = text_w(&year_label(i64::from(range.0), fiscal), px)
        .max(text_w(&year_label(i64::from(range.1), fiscal), px));
    let right_margin = margin.max(x_label_w / 2 + 4);
    let plot_w = (w - margin - y_area - right_margin).max(1);
    let fit_labels = i64::from((plot_w / (x_label_w + px as i32)).max(1));
    let x_tick_values = x_ticks(range, fit_labels);
    let x_area = (px * 1.3).round() as i32 + 12;
    let x_span = (f64::from(range.0) - 0.5)..(f64::from(range.1) + 0.5);

    // Event labels, laid out in rows between the legend and the plot.
    let mut in_range: Vec<(i32, &Event)> = events
        .iter()
        .filter_map(|e| e.year().map(|y| (y, *e)))
        .filter(|(y, _)| *y >= range.0 && *y <= range.1)
        .collect();
    in_range.sort_by(|a, b| {
        (a.0, &a.1.date, &a.1.title, &a.1.id).cmp(&(b.0, &b.1.date, &b.1.title, &b.1.id))
    });
    let event_x: Vec<i32> = {
        let probe = ChartBuilder::on(root)
            .margin_left(margin)
            .margin_right(right_margin)
            .margin_bottom(margin)
            .x_label_area_size(x_area)
            .y_label_area_size(y_area)
            .build_cartesian_2d(x_span.clone(), 0.0..1.0)?;
        in_range
            .iter()
            .map(|(y, _)| probe.backend_coord(&(f64::from(*y), 0.0)).0)
            .collect()
    };
    let event_rows = if h >= 340 { 3 } else { 2 };
    let max_chars = if w < 600 { 16 } else { 24 };
    let candidates: Vec<(i32, Vec<String>)> = in_range
        .iter()
        .zip(&event_x)
        .map(|((_, e), x)| {
            let title = clean(&e.title);
            let mut c = vec![short(&format!("{}: {title}", e.kind.label()), max_chars)];
            if !title.trim().is_empty() && e.kind.label().chars().count() + 4 < max_chars {
                c.push(short(&title, max_chars.min(12)));
            }
            c.push(e.kind.label().to_string());
            c.push(kind_abbrev(e.kind).to_string());
            (*x, c)
        })
        .collect();
    let labels = place_event_labels(&candidates, event_rows, margin, w - margin, small);
    let rows_used = labels
        .iter()
        .flatten()
        .map(|l| l.row + 1)
        .max()
        .unwrap_or(0) as i32;
    let event_row_h = (small * 1.5).round() as i32;
    let band_top = legend_bottom + 4;
    let top = band_top + rows_used * event_row_h + (px * 0.8).round() as i32;

    // The chart proper.
    let unit = clean(&panel.unit);
    let unit = fit(&unit, (h - top - x_area - margin).max(px as i32 * 3), px);
    let x_ticks_f: Vec<f64> = x_tick_values.iter().map(|y| *y as f64).collect();
    let y_ticks_f: Vec<f64> = y_tick_values.iter().map(|v| *v as f64).collect();
    let mut chart = ChartBuilder::on(root)
        .margin_left(margin)
        .margin_right(right_margin)
        .margin_top(top)
        .margin_bottom(margin)
        .x_label_area_size(x_area)
        .y_label_area_size(y_area)
        .build_cartesian_2d(
            Ticked {
                range: x_span,
                ticks: x_ticks_f,
            },
            Ticked {
                range: 0.0..y_top,
                ticks: y_ticks_f,
            },
        )?;
    let x_fmt = |x: &f64| year_label(x.round() as i64, fiscal);
    let y_fmt = |y: &f64| compact(y.round() as u128);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .bold_line_style(t.grid)
        .axis_style(t.fg)
        .label_style(font(px).color(&t.fg))
        .axis_desc_style(font(px).color(&t.fg))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt);
    if !unit.trim().is_empty() {
        mesh.y_desc(unit);
    }
    mesh.draw()?;

    let at = |period: i32, value: u64| chart.backend_coord(&(f64::from(period), value as f64));
    let zero_y = at(range.0, 0).1;
    let plot_top = chart.backend_coord(&(f64::from(range.0), y_top)).1;

    // Event lines behind the data, each from its label (or the plot top) to the axis.
    for (k, x) in event_x.iter().enumerate() {
        let y0 = match &labels[k] {
            Some(l) => band_top + l.row as i32 * event_row_h,
            None => plot_top,
        };
        root.draw(&PathElement::new(
            vec![(*x, y0), (*x, zero_y)],
            t.muted.stroke_width(1),
        ))?;
    }

    // Bars (grouped per period) or lines (one per run of consecutive years).
    let n = panel.series.len().max(1) as i32;
    let band = (at(range.0.saturating_add(1), 0).0 - at(range.0, 0).0).abs();
    let group_w = (band * 4 / 5).max(n);
    let bar_w = (group_w / n).max(1);
    for (i, obs) in series_obs.iter().enumerate() {
        let colour = t.palette[i % t.palette.len()];
        for run in runs(obs) {
            if bar {
                for (period, value) in run {
                    let (cx, y) = at(period, value);
                    let left = cx - group_w / 2 + i as i32 * bar_w;
                    let right = (left + bar_w - (bar_w / 8).max(1)).max(left + 1);
                    root.draw(&Rectangle::new(
                        [(left, y), (right, zero_y)],
                        colour.filled(),
                    ))?;
                }
            } else if run.len() >= 2 {
                let points: Vec<(i32, i32)> = run.iter().map(|(p, v)| at(*p, *v)).collect();
                root.draw(&PathElement::new(points, colour.stroke_width(2)))?;
            }
        }
    }

    // Every figure gets a mark; further figures for the same period get a cross.
    let r = if w < 600 { 4 } else { 5 };
    for (i, obs) in series_obs.iter().enumerate() {
        let colour = t.palette[i % t.palette.len()];
        let shape = SERIES_MARKS[i % SERIES_MARKS.len()];
        let offset = if bar {
            -group_w / 2 + i as i32 * bar_w + bar_w / 2
        } else {
            0
        };
        for (o, nth) in ranked(obs) {
            let (x, y) = at(o.period, o.value);
            let mark = if nth == 0 { shape } else { Mark::Cross };
            draw_mark(root, (x + offset, y), mark, colour, r, &t)?;
        }
    }

    // Legend.
    for place in &legend {
        let cy = 6 + place.row as i32 * row_h + row_h / 2;
        let x = place.x;
        let item = place.item.and_then(|k| items.get(k));
        if let Some(item) = item.filter(|it| it.sample) {
            if bar {
                root.draw(&Rectangle::new(
                    [(x, cy - 5), (x + 10, cy + 5)],
                    item.colour.filled(),
                ))?;
                draw_mark(root, (x + 19, cy), item.mark, item.colour, 4, &t)?;
            } else {
                root.draw(&Rectangle::new(
                    [(x, cy - 1), (x + 22, cy + 1)],
                    item.colour.filled(),
                ))?;
                draw_mark(root, (x + 11, cy), item.mark, item.colour, 4, &t)?;
            }
        } else if let Some(item) = item {
            draw_mark(root, (x + 11, cy), item.mark, item.colour, 4, &t)?;
        }
        let text_x = if item.is_some() { x + SAMPLE_W + 6 } else { x };
        root.draw(&Text::new(
            place.label.clone(),
            (text_x, cy),
            font(px)
                .color(&t.fg)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }

    // Event labels.
    for label in labels.iter().flatten() {
        let h_pos = if label.right_aligned {
            HPos::Right
        } else {
            HPos::Left
        };
        root.draw(&Text::new(
            label.text.clone(),
            (label.x, band_top + label.row as i32 * event_row_h),
            font(small).color(&t.muted).pos(Pos::new(h_pos, VPos::Top)),
        ))?;
    }
    Ok(())
}

fn draw_mark(
    root: &Root<'_>,
    (x, y): (i32, i32),
    mark: Mark,
    colour: RGBColor,
    r: i32,
    t: &Theme,
) -> DrawResult {
    // A halo in the background colour keeps each mark's shape visible on a line or a bar.
    if mark == Mark::Cross {
        root.draw(&Cross::new((x, y), r, t.bg.stroke_width(4)))?;
        root.draw(&Cross::new((x, y), r, colour.stroke_width(2)))?;
    } else {
        draw_shape(root, (x, y), mark, t.bg.filled(), r + 2)?;
        draw_shape(root, (x, y), mark, colour.filled(), r)?;
    }
    Ok(())
}

fn draw_shape(
    root: &Root<'_>,
    (x, y): (i32, i32),
    mark: Mark,
    fill: ShapeStyle,
    r: i32,
) -> DrawResult {
    match mark {
        Mark::Circle => root.draw(&Circle::new((x, y), r, fill))?,
        Mark::Square => root.draw(&Rectangle::new(
            [(x - r + 1, y - r + 1), (x + r - 1, y + r - 1)],
            fill,
        ))?,
        Mark::Triangle => root.draw(&Polygon::new(
            vec![(x, y - r - 1), (x + r + 1, y + r), (x - r - 1, y + r)],
            fill,
        ))?,
        Mark::Diamond => root.draw(&Polygon::new(
            vec![
                (x, y - r - 1),
                (x + r + 1, y),
                (x, y + r + 1),
                (x - r - 1, y),
            ],
            fill,
        ))?,
        Mark::Cross => {}
    }
    Ok(())
}

/// Inserts `role="img"`, `aria-labelledby`, `<title>` and `<desc>` into plotters' output.
fn add_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let mut key = String::with_capacity(title.len() + desc.len() + 1);
    key.push_str(title);
    key.push('\u{1f}');
    key.push_str(desc);
    let id = format!("chart-{}-{:08x}", slug(title), fnv(key.as_bytes()));
    let (Some(start), Some(open_end)) = (svg.find("<svg"), svg.find('>')) else {
        return svg.to_string();
    };
    if open_end < start {
        return svg.to_string();
    }
    format!(
        "{}<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\"{}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        &svg[..start],
        &svg[start + 4..open_end],
        escape_xml(title),
        escape_xml(desc),
        &svg[open_end + 1..]
    )
}

/// Lower-case ASCII letters and digits joined by single hyphens, at most 40 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= 40 {
                break;
            }
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "untitled".to_string()
    } else {
        out.to_string()
    }
}

/// A small stable hash for element ids (FNV-1a, 32 bit).
fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

// ---------------------------------------------------------------------------------------------
// Words

/// The chart in words: for each series the first and last figures drawn and the change, the
/// missing years, and the periods where sources disagree. For example "Cases: 7 in 2015, 106 in
/// 2022 (up 99). No figures for 2019–2020. Sources disagree for 2021."
pub fn describe(panel: &Panel<'_>, opts: &ChartOptions) -> String {
    let Some(range) = visible_range(panel, opts) else {
        return "No data in this range.".into();
    };
    let mut parts = Vec::new();
    for s in &panel.series {
        let obs = visible(s, range);
        let (Some(first), Some(last)) = (obs.first(), obs.last()) else {
            parts.push(format!("{}: no figures in this range.", s.name));
            continue;
        };
        let values_at = |period: i32| -> Vec<u64> {
            let mut vals: Vec<u64> = Vec::new();
            for o in obs.iter().filter(|o| o.period == period) {
                if !vals.contains(&o.value) {
                    vals.push(o.value);
                }
            }
            vals
        };
        let say = |vals: &[u64]| -> String {
            vals.iter()
                .map(|v| group(*v))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let (a, b) = (values_at(first.period), values_at(last.period));
        let mut sentence = format!(
            "{}: {} in {}",
            s.name,
            say(&a),
            s.period_label(first.period)
        );
        if last.period != first.period {
            let _ = write!(sentence, ", {} in {}", say(&b), s.period_label(last.period));
            if let ([a], [b]) = (a.as_slice(), b.as_slice()) {
                sentence.push_str(&match b.cmp(a) {
                    std::cmp::Ordering::Greater => format!(" (up {})", group(b - a)),
                    std::cmp::Ordering::Less => format!(" (down {})", group(a - b)),
                    std::cmp::Ordering::Equal => " (no change)".to_string(),
                });
            }
        }
        sentence.push('.');
        let gaps: Vec<String> = runs(&obs)
            .windows(2)
            .filter_map(|pair| {
                let after = pair[0].last()?.0;
                let before = pair[1].first()?.0;
                let (from, to) = (after.checked_add(1)?, before.checked_sub(1)?);
                Some(if from == to {
                    s.period_label(from)
                } else {
                    format!("{}–{}", s.period_label(from), s.period_label(to))
                })
            })
            .collect();
        if !gaps.is_empty() {
            let shown: Vec<String> = if gaps.len() > 6 {
                let mut g = gaps[..5].to_vec();
                g.push(format!("{} other gaps", gaps.len() - 5));
                g
            } else {
                gaps
            };
            let _ = write!(sentence, " No figures for {}.", and_list(&shown));
        }
        let conflicts: Vec<String> = s
            .conflicting_periods()
            .into_iter()
            .filter(|p| *p >= range.0 && *p <= range.1)
            .map(|p| s.period_label(p))
            .collect();
        if !conflicts.is_empty() {
            let _ = write!(sentence, " Sources disagree for {}.", and_list(&conflicts));
        }
        parts.push(sentence);
    }
    parts.join(" ")
}

// ---------------------------------------------------------------------------------------------
// Table and CSV

/// One row of the data table: exactly one drawn mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub period_label: String,
    pub period: i32,
    pub series_name: String,
    pub value: u64,
    pub source_id: String,
    /// The sources disagree about this series' figure for this period.
    pub conflict: bool,
    pub note: Option<String>,
}

/// The figures drawn (inside from/to), by period, then series in panel order, then source order.
pub fn table_rows(panel: &Panel<'_>, opts: &ChartOptions) -> Vec<TableRow> {
    let Some(range) = visible_range(panel, opts) else {
        return Vec::new();
    };
    let mut rows: Vec<(usize, TableRow)> = Vec::new();
    for (i, s) in panel.series.iter().enumerate() {
        let conflicts = s.conflicting_periods();
        for o in visible(s, range) {
            rows.push((
                i,
                TableRow {
                    period_label: s.period_label(o.period),
                    period: o.period,
                    series_name: s.name.clone(),
                    value: o.value,
                    source_id: o.source.clone(),
                    conflict: conflicts.binary_search(&o.period).is_ok(),
                    note: o.note.clone(),
                },
            ));
        }
    }
    rows.sort_by_key(|(i, r)| (r.period, *i));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A CSV field, quoted as RFC 4180 asks, and defused against spreadsheet formulas: a cell whose
/// first non-blank character is = + - @ (or that starts with a tab or carriage return) gets a
/// leading apostrophe.
fn csv_field(s: &str) -> String {
    let risky = s.starts_with(['\t', '\r'])
        || s.trim_start()
            .starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The table as CSV (CRLF line ends): a header, one line per row, a blank line, then
/// "Cite as" and "Data as of" lines. `sources` maps a source id to (title, URL); unknown ids
/// are written as the id with no URL.
pub fn to_csv(
    rows: &[TableRow],
    unit: &str,
    sources: &dyn Fn(&str) -> Option<(String, String)>,
    citation: &str,
    as_of: &str,
) -> String {
    let mut out = String::from("period,series,value,unit,source,source_url,conflict,note\r\n");
    for r in rows {
        let (title, url) =
            sources(&r.source_id).unwrap_or_else(|| (r.source_id.clone(), String::new()));
        let fields = [
            r.period_label.as_str(),
            r.series_name.as_str(),
            &r.value.to_string(),
            unit,
            &title,
            &url,
            if r.conflict { "yes" } else { "no" },
            r.note.as_deref().unwrap_or(""),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    let _ = write!(
        out,
        "\r\nCite as,{}\r\nData as of,{}\r\n",
        csv_field(citation),
        csv_field(as_of)
    );
    out
}
