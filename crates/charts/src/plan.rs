//! The geometry of one chart, worked out before anything is drawn: font sizes, the legend's
//! rows, the scales and the room their labels need, and the band of event labels above the
//! plot (whose height decides where the plot starts).

use crate::backend::{DrawResult, Root};
use crate::layout::{
    layout_legend, legend_items, place_event_labels, text_w, EventLabel, LegendItem, LegendPlace,
};
use crate::panel::{visible, within};
use crate::scale::{compact, x_ticks, y_ticks, year_label};
use crate::theme::{font_px, Theme};
use crate::words::event_candidates;
use crate::{ChartKind, ChartOptions, Panel};
use plotters::prelude::*;
use std::ops::Range;
use tactics_core::model::dataset::{Event, Observation};

/// Space around the chart, in pixels.
pub(crate) const MARGIN: i32 = 10;

/// The drawing area's size and the font sizes that follow from it.
pub(crate) struct Frame {
    pub(crate) w: i32,
    pub(crate) h: i32,
    pub(crate) px: f64,
    /// Event labels: a pixel smaller, never below 12.
    pub(crate) small: f64,
}

impl Frame {
    pub(crate) fn of(root: &Root<'_>) -> Frame {
        let (w, h) = root.dim_in_pixel();
        let (w, h) = (w as i32, h as i32);
        let px = font_px(w as u32);
        Frame {
            w,
            h,
            px,
            small: (px - 1.0).max(12.0),
        }
    }
}

/// What the panel shows inside the visible range.
pub(crate) struct Data<'p> {
    pub(crate) range: (i32, i32),
    /// Each series' visible observations, by period.
    pub(crate) series_obs: Vec<Vec<&'p Observation>>,
    /// Every series counts fiscal years, so the axis says "FY".
    pub(crate) fiscal: bool,
    pub(crate) bar: bool,
}

impl<'p> Data<'p> {
    pub(crate) fn new(panel: &Panel<'p>, range: (i32, i32), opts: &ChartOptions) -> Data<'p> {
        Data {
            range,
            series_obs: panel.series.iter().map(|s| visible(s, range)).collect(),
            fiscal: panel.series.iter().all(|s| s.fiscal_year),
            bar: opts.kind == ChartKind::Bar,
        }
    }
}

/// The legend, top left, wrapping.
pub(crate) struct Legend {
    pub(crate) items: Vec<LegendItem>,
    pub(crate) places: Vec<LegendPlace>,
    pub(crate) row_h: i32,
    /// Where the legend's last row ends.
    pub(crate) bottom: i32,
}

pub(crate) fn plan_legend(panel: &Panel<'_>, data: &Data<'_>, t: &Theme, f: &Frame) -> Legend {
    let items = legend_items(panel, &data.series_obs, data.fiscal, t);
    let row_h = (f.px * 1.6).round() as i32;
    let max_rows = ((f.h / 4) / row_h).max(1) as usize;
    let places = layout_legend(&items, MARGIN, f.w - MARGIN, f.px, max_rows);
    let rows = places.iter().map(|p| p.row + 1).max().unwrap_or(0) as i32;
    Legend {
        items,
        places,
        row_h,
        bottom: 6 + rows * row_h,
    }
}

/// The scales and the room their labels take.
pub(crate) struct Axes {
    pub(crate) y_ticks: Vec<u128>,
    pub(crate) y_top: f64,
    /// Width left of the plot, for the unit and the value labels.
    pub(crate) y_area: i32,
    pub(crate) x_ticks: Vec<i64>,
    pub(crate) right_margin: i32,
    /// Height below the plot, for the year labels.
    pub(crate) x_area: i32,
    pub(crate) x_span: Range<f64>,
}

/// Whole years on x, labelled no closer than a label's width; nice integers from 0 on y.
pub(crate) fn plan_axes(panel: &Panel<'_>, data: &Data<'_>, f: &Frame) -> Axes {
    let (lo, hi) = data.range;
    let (y_tick_values, y_area) = plan_y(panel, data, f);
    let x_label_w = text_w(&year_label(i64::from(lo), data.fiscal), f.px)
        .max(text_w(&year_label(i64::from(hi), data.fiscal), f.px));
    let right_margin = MARGIN.max(x_label_w / 2 + 4);
    let plot_w = (f.w - MARGIN - y_area - right_margin).max(1);
    let fit_labels = i64::from((plot_w / (x_label_w + f.px as i32)).max(1));
    Axes {
        y_top: y_tick_values.last().copied().unwrap_or(1) as f64,
        y_ticks: y_tick_values,
        y_area,
        x_ticks: x_ticks(data.range, fit_labels),
        right_margin,
        x_area: (f.px * 1.3).round() as i32 + 12,
        x_span: (f64::from(lo) - 0.5)..(f64::from(hi) + 0.5),
    }
}

/// The y ticks and the width of the area left of the plot (at most a third of the chart).
fn plan_y(panel: &Panel<'_>, data: &Data<'_>, f: &Frame) -> (Vec<u128>, i32) {
    let y_max = data
        .series_obs
        .iter()
        .flatten()
        .map(|o| o.value)
        .max()
        .unwrap_or(0);
    let target = u128::try_from((f.h / 70).clamp(3, 6)).unwrap_or(4);
    let ticks = y_ticks(y_max, target);
    let label_w = ticks
        .iter()
        .map(|v| text_w(&compact(*v), f.px))
        .max()
        .unwrap_or(0);
    let desc_w = if panel.unit.trim().is_empty() {
        0
    } else {
        (f.px * 1.5).round() as i32
    };
    (ticks, (desc_w + label_w + 14).min(f.w / 3))
}

/// The event lines and their labels, in rows between the legend and the plot.
pub(crate) struct EventBand {
    /// Each event line's x, in event order.
    pub(crate) x: Vec<i32>,
    /// Each event's label, None where it fits nowhere.
    pub(crate) labels: Vec<Option<EventLabel>>,
    pub(crate) top: i32,
    pub(crate) row_h: i32,
    /// Where the plot area starts: below the rows used.
    pub(crate) plot_top: i32,
}

impl EventBand {
    /// The top of a label row.
    pub(crate) fn row_y(&self, row: usize) -> i32 {
        self.top + row as i32 * self.row_h
    }
}

pub(crate) fn plan_events(
    root: &Root<'_>,
    events: &[&Event],
    data: &Data<'_>,
    axes: &Axes,
    f: &Frame,
    legend_bottom: i32,
) -> DrawResult<EventBand> {
    let in_range = events_in_range(events, data.range);
    let x = event_xs(root, &in_range, axes)?;
    let rows = if f.h >= 340 { 3 } else { 2 };
    let max_chars = if f.w < 600 { 16 } else { 24 };
    let candidates: Vec<(i32, Vec<String>)> = in_range
        .iter()
        .zip(&x)
        .map(|((_, e), x)| (*x, event_candidates(e, max_chars)))
        .collect();
    let labels = place_event_labels(&candidates, rows, MARGIN, f.w - MARGIN, f.small);
    let rows_used = labels
        .iter()
        .flatten()
        .map(|l| l.row + 1)
        .max()
        .unwrap_or(0) as i32;
    let row_h = (f.small * 1.5).round() as i32;
    let top = legend_bottom + 4;
    Ok(EventBand {
        x,
        labels,
        top,
        row_h,
        plot_top: top + rows_used * row_h + (f.px * 0.8).round() as i32,
    })
}

/// The dated events inside the range with their year, by year, date, title and id.
fn events_in_range<'e>(events: &[&'e Event], range: (i32, i32)) -> Vec<(i32, &'e Event)> {
    let mut in_range: Vec<(i32, &Event)> = events
        .iter()
        .filter_map(|e| e.year().map(|y| (y, *e)))
        .filter(|(y, _)| within(range, *y))
        .collect();
    in_range.sort_by(|a, b| {
        (a.0, &a.1.date, &a.1.title, &a.1.id).cmp(&(b.0, &b.1.date, &b.1.title, &b.1.id))
    });
    in_range
}

/// Each event line's x. The plot's top depends on the label rows, which depend on these x, so a
/// probe chart with the plot's side margins maps the years first (x does not depend on the top).
fn event_xs(root: &Root<'_>, in_range: &[(i32, &Event)], axes: &Axes) -> DrawResult<Vec<i32>> {
    let probe = ChartBuilder::on(root)
        .margin_left(MARGIN)
        .margin_right(axes.right_margin)
        .margin_bottom(MARGIN)
        .x_label_area_size(axes.x_area)
        .y_label_area_size(axes.y_area)
        .build_cartesian_2d(axes.x_span.clone(), 0.0..1.0)?;
    Ok(in_range
        .iter()
        .map(|(y, _)| probe.backend_coord(&(f64::from(*y), 0.0)).0)
        .collect())
}
