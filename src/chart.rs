//! Charts as SVG text, drawn with plotters' SVG backend: deterministic on native (tests compare
//! output), no DOM needed except plotters' own text measurement in the browser. Also the words
//! and the table that stand in for the picture, and the CSV download.

use crate::dataset::{Event, Series};
use plotters::prelude::*;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    #[default]
    Line,
    Bar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartOptions {
    pub width: u32,
    pub height: u32,
    pub from: Option<i32>,
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

/// Groups series by unit (first appearance order): different units never share an axis.
pub fn panels<'a>(series: &[&'a Series]) -> Vec<Panel<'a>> {
    let mut out: Vec<Panel<'a>> = Vec::new();
    for s in series {
        match out.iter_mut().find(|p| p.unit == s.unit) {
            Some(p) => p.series.push(s),
            None => out.push(Panel {
                unit: s.unit.clone(),
                series: vec![s],
            }),
        }
    }
    out
}

/// Okabe-Ito colours, safe for colour-blind readers; the last differs by theme.
const LIGHT_PALETTE: [RGBColor; 6] = [
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x8A, 0x6A, 0x00),
    RGBColor(0x00, 0x00, 0x00),
];
const DARK_PALETTE: [RGBColor; 6] = [
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0xFF, 0xFF, 0xFF),
];

struct Theme {
    bg: RGBColor,
    fg: RGBColor,
    grid: RGBColor,
    event: RGBColor,
    palette: [RGBColor; 6],
}

fn theme(dark: bool) -> Theme {
    if dark {
        Theme {
            bg: RGBColor(0x16, 0x18, 0x1d),
            fg: RGBColor(0xe8, 0xea, 0xed),
            grid: RGBColor(0x3a, 0x3f, 0x47),
            event: RGBColor(0xb4, 0xba, 0xc2),
            palette: DARK_PALETTE,
        }
    } else {
        Theme {
            bg: RGBColor(0xff, 0xff, 0xff),
            fg: RGBColor(0x1b, 0x1f, 0x24),
            grid: RGBColor(0xdd, 0xe1, 0xe6),
            event: RGBColor(0x4f, 0x57, 0x61),
            palette: LIGHT_PALETTE,
        }
    }
}

/// The year range to draw: the options' range where set, else the data's.
fn x_range(panel: &Panel<'_>, opts: &ChartOptions) -> Option<(i32, i32)> {
    let periods = panel
        .series
        .iter()
        .flat_map(|s| s.observations.iter().map(|o| o.period));
    let (lo, hi) = periods.fold(None, |acc: Option<(i32, i32)>, p| match acc {
        None => Some((p, p)),
        Some((a, b)) => Some((a.min(p), b.max(p))),
    })?;
    let from = opts.from.unwrap_or(lo);
    let to = opts.to.unwrap_or(hi);
    (from <= to).then_some((from, to))
}

/// Observations of one series inside the range, in period order (stable for equal periods).
fn visible(s: &Series, range: (i32, i32)) -> Vec<&crate::dataset::Observation> {
    let mut obs: Vec<_> = s
        .observations
        .iter()
        .filter(|o| o.period >= range.0 && o.period <= range.1)
        .collect();
    obs.sort_by_key(|o| o.period);
    obs
}

/// Runs of consecutive years: a missing year breaks the line (a gap, never a zero).
/// Where sources disagree, the line follows the first source's figure.
fn runs(obs: &[&crate::dataset::Observation]) -> Vec<Vec<(f64, f64)>> {
    let mut out: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut last: Option<i32> = None;
    for o in obs {
        if last == Some(o.period) {
            continue;
        }
        let point = (f64::from(o.period), o.value as f64);
        match (last, out.last_mut()) {
            (Some(p), Some(run)) if o.period == p + 1 => run.push(point),
            _ => out.push(vec![point]),
        }
        last = Some(o.period);
    }
    out
}

/// One panel as a complete SVG document with `<title>` and `<desc>` for assistive technology.
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
    // Drawing errors only come from the backend writing to a String, which cannot fail; an
    // error leaves a partial chart rather than a panic.
    let _ = draw(&mut buf, panel, events, opts, (width, height));
    add_title_and_desc(&buf, title, desc)
}

fn draw(
    buf: &mut String,
    panel: &Panel<'_>,
    events: &[&Event],
    opts: &ChartOptions,
    (width, height): (u32, u32),
) -> Result<(), Box<dyn std::error::Error>> {
    let t = theme(opts.dark);
    let font = if width < 600 { 15 } else { 16 };
    let root = SVGBackend::with_string(buf, (width, height)).into_drawing_area();
    root.fill(&t.bg)?;
    let Some(range) = x_range(panel, opts) else {
        let style = ("sans-serif", font + 2).into_font().color(&t.fg);
        root.draw(&Text::new(
            "No data in this range".to_string(),
            (20, (height / 2) as i32),
            style,
        ))?;
        root.present()?;
        return Ok(());
    };
    let fiscal = panel.series.iter().all(|s| s.fiscal_year);
    let series_obs: Vec<Vec<&crate::dataset::Observation>> =
        panel.series.iter().map(|s| visible(s, range)).collect();
    let y_max = series_obs
        .iter()
        .flatten()
        .map(|o| o.value as f64)
        .fold(0.0_f64, f64::max);
    let y_top = if y_max <= 0.0 { 1.0 } else { y_max * 1.12 };
    let x0 = f64::from(range.0) - 0.5;
    let x1 = f64::from(range.1) + 0.5;
    let span = (range.1 - range.0 + 1).max(1) as usize;
    let max_labels = (width as usize / if fiscal { 70 } else { 55 }).max(2);
    let step = span.div_ceil(max_labels).max(1) as i32;
    let label_style = ("sans-serif", font).into_font().color(&t.fg);
    let unit = panel.unit.clone();

    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .margin_top(36)
        .x_label_area_size(font * 2 + 6)
        .y_label_area_size(font * 4 + 10)
        .build_cartesian_2d(x0..x1, 0.0..y_top)?;
    let first_year = range.0;
    let year_label = move |x: &f64| -> String {
        let rounded = x.round();
        let year = rounded as i32;
        if (x - rounded).abs() > 1e-6 || (year - first_year) % step != 0 {
            return String::new();
        }
        if fiscal {
            format!("FY{year}")
        } else {
            year.to_string()
        }
    };
    chart
        .configure_mesh()
        .x_labels(span + 1)
        .x_label_formatter(&year_label)
        .y_label_formatter(&|y: &f64| group(y.round() as u64))
        .y_desc(unit)
        .disable_x_mesh()
        .max_light_lines(0)
        .bold_line_style(t.grid)
        .axis_style(t.fg)
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .draw()?;

    draw_events(&mut chart, events, range, y_top, &t, font)?;

    let n = panel.series.len().max(1) as f64;
    for (i, (s, obs)) in panel.series.iter().zip(&series_obs).enumerate() {
        let colour = t.palette[i % t.palette.len()];
        let line = ShapeStyle {
            color: colour.to_rgba(),
            filled: false,
            stroke_width: 2,
        };
        let name = if s.fiscal_year {
            format!("{} (fiscal years)", s.name)
        } else {
            s.name.clone()
        };
        match opts.kind {
            ChartKind::Line => {
                for run in runs(obs) {
                    chart.draw_series(LineSeries::new(run, line))?;
                }
            }
            ChartKind::Bar => {
                let w = 0.8 / n;
                let left = -0.4 + w * i as f64;
                chart.draw_series(runs(obs).into_iter().flatten().map(|(x, y)| {
                    Rectangle::new([(x + left, 0.0), (x + left + w * 0.9, y)], colour.filled())
                }))?;
            }
        }
        // Every observation gets a mark; a second or third source for the same period gets a
        // different shape, so disagreeing figures are both visible.
        let mut seen: Vec<i32> = Vec::new();
        let mut marks: Vec<(f64, f64, usize)> = Vec::new();
        for o in obs {
            let nth = seen.iter().filter(|p| **p == o.period).count();
            seen.push(o.period);
            marks.push((f64::from(o.period), o.value as f64, nth));
        }
        let shape = i % 3;
        chart
            .draw_series(
                marks
                    .iter()
                    .map(|&(x, y, nth)| marker(x, y, (shape + nth) % 3, colour)),
            )?
            .label(name)
            .legend(move |(x, y)| {
                EmptyElement::at((x, y))
                    + PathElement::new(vec![(-8, 0), (8, 0)], colour.stroke_width(2))
                    + marker_at(shape, colour)
            });
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(t.bg.mix(0.9))
        .border_style(t.grid)
        .label_font(label_style)
        .draw()?;
    root.present()?;
    Ok(())
}

type Chart<'a, 'b> = ChartContext<
    'a,
    SVGBackend<'b>,
    Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
>;

/// Thin vertical lines at event years, with a short label staggered over three rows.
fn draw_events(
    chart: &mut Chart<'_, '_>,
    events: &[&Event],
    range: (i32, i32),
    y_top: f64,
    t: &Theme,
    font: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut in_range: Vec<(i32, &Event)> = events
        .iter()
        .filter_map(|e| e.year().map(|y| (y, *e)))
        .filter(|(y, _)| *y >= range.0 && *y <= range.1)
        .collect();
    in_range.sort_by(|a, b| a.1.date.cmp(&b.1.date));
    let style = ("sans-serif", font.saturating_sub(2).max(9))
        .into_font()
        .color(&t.event);
    for (k, (year, e)) in in_range.iter().enumerate() {
        let x = f64::from(*year) + (k % 3) as f64 * 0.08;
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(x, 0.0), (x, y_top)],
            t.event.stroke_width(1),
        )))?;
        let row = (k % 3) as f64;
        chart.draw_series(std::iter::once(Text::new(
            format!("{} {}", e.kind.label(), short(&e.title, 18)),
            (x, y_top * (0.98 - row * 0.06)),
            style.clone(),
        )))?;
    }
    Ok(())
}

/// Circle, cross or triangle: shapes tell series and sources apart without colour.
fn marker<'b>(
    x: f64,
    y: f64,
    shape: usize,
    colour: RGBColor,
) -> DynElement<'static, SVGBackend<'b>, (f64, f64)> {
    match shape {
        0 => Circle::new((x, y), 5, colour.filled()).into_dyn(),
        1 => Cross::new((x, y), 5, colour.stroke_width(2)).into_dyn(),
        _ => TriangleMarker::new((x, y), 6, colour.filled()).into_dyn(),
    }
}

fn marker_at<'b>(
    shape: usize,
    colour: RGBColor,
) -> DynElement<'static, SVGBackend<'b>, (i32, i32)> {
    match shape {
        0 => Circle::new((0, 0), 4, colour.filled()).into_dyn(),
        1 => Cross::new((0, 0), 4, colour.stroke_width(2)).into_dyn(),
        _ => TriangleMarker::new((0, 0), 5, colour.filled()).into_dyn(),
    }
}

fn short(s: &str, max: usize) -> String {
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max - 1).collect::<String>())
    } else {
        s.to_string()
    }
}

/// 74822 -> "74,822".
pub fn group(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Inserts `role="img"`, `aria-labelledby`, `<title>` and `<desc>` into plotters' output.
fn add_title_and_desc(svg: &str, title: &str, desc: &str) -> String {
    let id = format!("chart-{:08x}", fnv(title.as_bytes()) ^ fnv(desc.as_bytes()));
    let Some(open_end) = svg.find('>') else {
        return svg.to_string();
    };
    let (head, rest) = svg.split_at(open_end);
    let head = head.replacen(
        "<svg",
        &format!("<svg role=\"img\" aria-labelledby=\"{id}-title {id}-desc\""),
        1,
    );
    format!(
        "{head}><title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>{}",
        escape_xml(title),
        escape_xml(desc),
        &rest[1..]
    )
}

/// A small stable hash for element ids (FNV-1a, 32 bit).
fn fnv(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// The chart in words: first and last values and the change for each series, and conflicts.
pub fn describe(panel: &Panel<'_>, opts: &ChartOptions) -> String {
    let Some(range) = x_range(panel, opts) else {
        return "No figures fall in the selected years.".into();
    };
    let mut parts = Vec::new();
    for s in &panel.series {
        let obs = visible(s, range);
        let (Some(first), Some(last)) = (obs.first(), obs.last()) else {
            parts.push(format!("{}: no figures in these years.", s.name));
            continue;
        };
        let values_at = |period: i32| -> String {
            let mut vals: Vec<u64> = obs
                .iter()
                .filter(|o| o.period == period)
                .map(|o| o.value)
                .collect();
            vals.dedup();
            vals.iter()
                .map(|v| group(*v))
                .collect::<Vec<_>>()
                .join(" or ")
        };
        let mut sentence = format!(
            "{}: {} in {}",
            s.name,
            values_at(first.period),
            s.period_label(first.period)
        );
        if last.period != first.period {
            let _ = write!(
                sentence,
                ", {} in {}",
                values_at(last.period),
                s.period_label(last.period)
            );
            let (a, b) = (first.value as i128, last.value as i128);
            let change = match b.cmp(&a) {
                std::cmp::Ordering::Greater => format!(" (up {})", group((b - a) as u64)),
                std::cmp::Ordering::Less => format!(" (down {})", group((a - b) as u64)),
                std::cmp::Ordering::Equal => " (no change)".to_string(),
            };
            sentence.push_str(&change);
        }
        sentence.push('.');
        let conflicts: Vec<String> = s
            .conflicting_periods()
            .into_iter()
            .filter(|p| *p >= range.0 && *p <= range.1)
            .map(|p| s.period_label(p))
            .collect();
        if !conflicts.is_empty() {
            let _ = write!(
                sentence,
                " Sources disagree for {}.",
                conflicts.join(" and ")
            );
        }
        parts.push(sentence);
    }
    parts.join(" ")
}

/// One row of the data table: exactly one drawn mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub period_label: String,
    pub period: i32,
    pub series_name: String,
    pub value: u64,
    pub source_id: String,
    pub conflict: bool,
    pub note: Option<String>,
}

/// The values drawn, by period then series, each with its source.
pub fn table_rows(panel: &Panel<'_>, opts: &ChartOptions) -> Vec<TableRow> {
    let Some(range) = x_range(panel, opts) else {
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
                    conflict: conflicts.contains(&o.period),
                    note: o.note.clone(),
                },
            ));
        }
    }
    rows.sort_by_key(|(i, r)| (r.period, *i));
    rows.into_iter().map(|(_, r)| r).collect()
}

/// A CSV field, quoted as RFC 4180 asks, and defused against spreadsheet formulas.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
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

/// The table as CSV, ending with the citation and as-of date.
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
            r.period_label.clone(),
            r.series_name.clone(),
            r.value.to_string(),
            unit.to_string(),
            title,
            url,
            if r.conflict { "sources disagree" } else { "" }.to_string(),
            r.note.clone().unwrap_or_default(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    let _ = write!(
        out,
        "\r\n{},{}\r\n{},{}\r\n",
        csv_field("Cite as"),
        csv_field(citation),
        csv_field("Data as of"),
        csv_field(as_of)
    );
    out
}
