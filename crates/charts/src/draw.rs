//! Drawing one panel with plotters, in this order (later drawings sit on top): background,
//! axes and grid, event lines, bars or lines, marks, legend, event labels.

use crate::backend::{DrawResult, Root, Svg};
use crate::layout::{fit, LegendItem, SAMPLE_W};
use crate::panel::{ranked, runs, visible_range};
use crate::plan::{
    plan_axes, plan_events, plan_legend, Axes, Data, EventBand, Frame, Legend, MARGIN,
};
use crate::scale::{compact, year_label, Ticked};
use crate::svg::add_title_and_desc;
use crate::theme::{font, series_mark, theme, Mark, Theme};
use crate::words::clean;
use crate::{ChartOptions, Panel};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use tactics_core::model::dataset::Event;

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

/// Plans the chart, then draws it layer by layer.
fn draw(root: &Root<'_>, panel: &Panel<'_>, events: &[&Event], opts: &ChartOptions) -> DrawResult {
    let t = theme(opts.dark);
    let f = Frame::of(root);
    root.fill(&t.bg)?;
    let Some(range) = visible_range(panel, opts) else {
        return draw_no_data(root, &f, &t);
    };
    let data = Data::new(panel, range, opts);
    let legend = plan_legend(panel, &data, &t, &f);
    let axes = plan_axes(panel, &data, &f);
    let band = plan_events(root, events, &data, &axes, &f, legend.bottom)?;
    let plot = draw_axes(root, panel, axes, band.plot_top, &data, &f, &t)?;
    let bars = Bars::new(&plot, data.series_obs.len());
    draw_event_lines(root, &band, &plot, &t)?;
    draw_series(root, &data, &plot, &bars, &t)?;
    draw_marks(root, &data, &plot, &bars, &f, &t)?;
    draw_legend(root, &legend, data.bar, &f, &t)?;
    draw_event_labels(root, &band, &f, &t)
}

/// A message in place of an empty plot, so an empty chart never looks broken.
fn draw_no_data(root: &Root<'_>, f: &Frame, t: &Theme) -> DrawResult {
    root.draw(&Text::new(
        "No data in this range",
        (f.w / 2, f.h / 2),
        font(f.px + 2.0)
            .color(&t.fg)
            .pos(Pos::new(HPos::Center, VPos::Center)),
    ))?;
    Ok(())
}

type Chart<'a, 'b> = ChartContext<'a, Svg<'b>, Cartesian2d<Ticked, Ticked>>;

/// The plot area, to map figures to pixels.
struct Plot<'a, 'b> {
    chart: Chart<'a, 'b>,
    range: (i32, i32),
    y_top: f64,
}

impl Plot<'_, '_> {
    fn at(&self, period: i32, value: u64) -> (i32, i32) {
        self.chart.backend_coord(&(f64::from(period), value as f64))
    }
    fn zero_y(&self) -> i32 {
        self.at(self.range.0, 0).1
    }
    fn top(&self) -> i32 {
        let top = (f64::from(self.range.0), self.y_top);
        self.chart.backend_coord(&top).1
    }
}

/// Builds the plot below the event band and draws its grid, axes, tick labels and unit.
fn draw_axes<'a, 'b>(
    root: &'a Root<'b>,
    panel: &Panel<'_>,
    axes: Axes,
    top: i32,
    data: &Data<'_>,
    f: &Frame,
    t: &Theme,
) -> DrawResult<Plot<'a, 'b>> {
    let room = (f.h - top - axes.x_area - MARGIN).max(f.px as i32 * 3);
    let unit = fit(&clean(&panel.unit), room, f.px);
    let x_ticks_f: Vec<f64> = axes.x_ticks.iter().map(|y| *y as f64).collect();
    let y_ticks_f: Vec<f64> = axes.y_ticks.iter().map(|v| *v as f64).collect();
    let mut chart = ChartBuilder::on(root)
        .margin_left(MARGIN)
        .margin_right(axes.right_margin)
        .margin_top(top)
        .margin_bottom(MARGIN)
        .x_label_area_size(axes.x_area)
        .y_label_area_size(axes.y_area)
        .build_cartesian_2d(
            Ticked {
                range: axes.x_span,
                ticks: x_ticks_f,
            },
            Ticked {
                range: 0.0..axes.y_top,
                ticks: y_ticks_f,
            },
        )?;
    draw_mesh(&mut chart, unit, data.fiscal, f, t)?;
    Ok(Plot {
        chart,
        range: data.range,
        y_top: axes.y_top,
    })
}

/// Horizontal grid lines, both axes, year and value labels, and the unit along the y axis.
fn draw_mesh(
    chart: &mut Chart<'_, '_>,
    unit: String,
    fiscal: bool,
    f: &Frame,
    t: &Theme,
) -> DrawResult {
    let x_fmt = |x: &f64| year_label(x.round() as i64, fiscal);
    let y_fmt = |y: &f64| compact(y.round() as u128);
    let mut mesh = chart.configure_mesh();
    mesh.disable_x_mesh()
        .bold_line_style(t.grid)
        .axis_style(t.fg)
        .label_style(font(f.px).color(&t.fg))
        .axis_desc_style(font(f.px).color(&t.fg))
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt);
    if !unit.trim().is_empty() {
        mesh.y_desc(unit);
    }
    mesh.draw()?;
    Ok(())
}

/// Event lines behind the data, each from its label (or the plot top) to the axis.
fn draw_event_lines(
    root: &Root<'_>,
    band: &EventBand,
    plot: &Plot<'_, '_>,
    t: &Theme,
) -> DrawResult {
    let (plot_top, zero_y) = (plot.top(), plot.zero_y());
    for (x, label) in band.x.iter().zip(&band.labels) {
        let y0 = match label {
            Some(l) => band.row_y(l.row),
            None => plot_top,
        };
        root.draw(&PathElement::new(
            vec![(*x, y0), (*x, zero_y)],
            t.muted.stroke_width(1),
        ))?;
    }
    Ok(())
}

/// Bar widths: per period a group of 4/5 of a year's width, one bar per series.
struct Bars {
    group_w: i32,
    bar_w: i32,
}

impl Bars {
    fn new(plot: &Plot<'_, '_>, series: usize) -> Bars {
        let n = series.max(1) as i32;
        let first = plot.range.0;
        let band = (plot.at(first.saturating_add(1), 0).0 - plot.at(first, 0).0).abs();
        let group_w = (band * 4 / 5).max(n);
        Bars {
            group_w,
            bar_w: (group_w / n).max(1),
        }
    }
    /// The left edge of series `i`'s bar, from the period's centre.
    fn left(&self, i: usize) -> i32 {
        -self.group_w / 2 + i as i32 * self.bar_w
    }
}

/// Bars (grouped per period) or lines (one per run of consecutive years).
fn draw_series(
    root: &Root<'_>,
    data: &Data<'_>,
    plot: &Plot<'_, '_>,
    bars: &Bars,
    t: &Theme,
) -> DrawResult {
    for (i, obs) in data.series_obs.iter().enumerate() {
        let colour = t.series_colour(i);
        for run in runs(obs) {
            if data.bar {
                draw_bars(root, plot, bars, i, &run, colour)?;
            } else if run.len() >= 2 {
                let points: Vec<(i32, i32)> = run.iter().map(|(p, v)| plot.at(*p, *v)).collect();
                root.draw(&PathElement::new(points, colour.stroke_width(2)))?;
            }
        }
    }
    Ok(())
}

/// Series `i`'s bars for one run of years.
fn draw_bars(
    root: &Root<'_>,
    plot: &Plot<'_, '_>,
    bars: &Bars,
    i: usize,
    run: &[(i32, u64)],
    colour: RGBColor,
) -> DrawResult {
    let zero_y = plot.zero_y();
    for (period, value) in run {
        let (cx, y) = plot.at(*period, *value);
        let left = cx + bars.left(i);
        let right = (left + bars.bar_w - (bars.bar_w / 8).max(1)).max(left + 1);
        root.draw(&Rectangle::new(
            [(left, y), (right, zero_y)],
            colour.filled(),
        ))?;
    }
    Ok(())
}

/// Every figure gets a mark; further figures for the same period get a cross.
fn draw_marks(
    root: &Root<'_>,
    data: &Data<'_>,
    plot: &Plot<'_, '_>,
    bars: &Bars,
    f: &Frame,
    t: &Theme,
) -> DrawResult {
    let r = if f.w < 600 { 4 } else { 5 };
    for (i, obs) in data.series_obs.iter().enumerate() {
        let offset = if data.bar {
            bars.left(i) + bars.bar_w / 2
        } else {
            0
        };
        for (o, nth) in ranked(obs) {
            let (x, y) = plot.at(o.period, o.value);
            let mark = if nth == 0 {
                series_mark(i)
            } else {
                Mark::Cross
            };
            draw_mark(root, (x + offset, y), mark, t.series_colour(i), r, t)?;
        }
    }
    Ok(())
}

/// Each legend entry: its key, then its text.
fn draw_legend(root: &Root<'_>, legend: &Legend, bar: bool, f: &Frame, t: &Theme) -> DrawResult {
    for place in &legend.places {
        let cy = 6 + place.row as i32 * legend.row_h + legend.row_h / 2;
        let item = place.item.and_then(|k| legend.items.get(k));
        if let Some(item) = item {
            draw_legend_key(root, item, (place.x, cy), bar, t)?;
        }
        let text_x = if item.is_some() {
            place.x + SAMPLE_W + 6
        } else {
            place.x
        };
        root.draw(&Text::new(
            place.label.clone(),
            (text_x, cy),
            font(f.px)
                .color(&t.fg)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
    }
    Ok(())
}

/// A legend entry's key: a bar or a line sample with the series' mark, or the mark alone.
fn draw_legend_key(
    root: &Root<'_>,
    item: &LegendItem,
    (x, cy): (i32, i32),
    bar: bool,
    t: &Theme,
) -> DrawResult {
    if !item.sample {
        return draw_mark(root, (x + 11, cy), item.mark, item.colour, 4, t);
    }
    if bar {
        root.draw(&Rectangle::new(
            [(x, cy - 5), (x + 10, cy + 5)],
            item.colour.filled(),
        ))?;
        draw_mark(root, (x + 19, cy), item.mark, item.colour, 4, t)
    } else {
        root.draw(&Rectangle::new(
            [(x, cy - 1), (x + 22, cy + 1)],
            item.colour.filled(),
        ))?;
        draw_mark(root, (x + 11, cy), item.mark, item.colour, 4, t)
    }
}

/// The placed event labels, in the muted colour, each at the top of its row.
fn draw_event_labels(root: &Root<'_>, band: &EventBand, f: &Frame, t: &Theme) -> DrawResult {
    for label in band.labels.iter().flatten() {
        let h_pos = if label.right_aligned {
            HPos::Right
        } else {
            HPos::Left
        };
        root.draw(&Text::new(
            label.text.clone(),
            (label.x, band.row_y(label.row)),
            font(f.small)
                .color(&t.muted)
                .pos(Pos::new(h_pos, VPos::Top)),
        ))?;
    }
    Ok(())
}

/// One figure's mark, with a halo in the background colour.
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

/// A filled circle, square, triangle or diamond of radius about `r`.
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
