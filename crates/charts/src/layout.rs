//! Layout of the legend and of the event labels: what goes where, estimated without a DOM, so
//! that nothing overlaps and every label stays inside the chart.

use crate::theme::{series_mark, Mark, Theme};
use crate::words::legend_label;
use crate::Panel;
use plotters::prelude::*;
use tactics_core::model::dataset::Observation;

/// A generous estimate of rendered text width (sans-serif averages about 0.55 em).
pub(crate) fn text_w(s: &str, px: f64) -> i32 {
    (s.chars().count() as f64 * px * 0.6).ceil() as i32
}

/// Shortens `s` with an ellipsis so its estimated width fits `max_w` pixels.
pub(crate) fn fit(s: &str, max_w: i32, px: f64) -> String {
    if text_w(s, px) <= max_w {
        return s.to_string();
    }
    let keep = ((f64::from(max_w.max(0)) / (px * 0.6)).floor() as usize).saturating_sub(1);
    let mut out: String = s.chars().take(keep).collect();
    out.push('…');
    out
}

pub(crate) struct LegendItem {
    pub(crate) label: String,
    pub(crate) colour: RGBColor,
    pub(crate) mark: Mark,
    /// Whether to draw the series' line (or bar) sample before the mark.
    pub(crate) sample: bool,
}

pub(crate) struct LegendPlace {
    /// The item drawn here; None for the "+N more" summary.
    pub(crate) item: Option<usize>,
    pub(crate) x: i32,
    pub(crate) row: usize,
    pub(crate) label: String,
}

/// Width of a legend entry's line (or bar) sample and mark, before its text.
pub(crate) const SAMPLE_W: i32 = 26;

/// One item per series, plus the cross when some period has figures from several sources.
pub(crate) fn legend_items(
    panel: &Panel<'_>,
    series_obs: &[Vec<&Observation>],
    fiscal: bool,
    t: &Theme,
) -> Vec<LegendItem> {
    let mut items: Vec<LegendItem> = panel
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| LegendItem {
            label: legend_label(s, fiscal),
            colour: t.series_colour(i),
            mark: series_mark(i),
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
    items
}

/// Flows legend items into rows within `width`; beyond `max_rows` the rest is summarised.
pub(crate) fn layout_legend(
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
pub(crate) struct EventLabel {
    pub(crate) row: usize,
    /// Anchor x of the text; the text ends there when `right_aligned`.
    pub(crate) x: i32,
    pub(crate) right_aligned: bool,
    pub(crate) text: String,
    /// Horizontal extent, for collision checks.
    span: (i32, i32),
}

/// About an em between labels, so two labels never read as one.
const GAP: i32 = 12;

/// Greedy placement of event labels in `rows` rows between `lo` and `hi` pixels: for each event
/// (in x order) the first of its candidate texts, sides and rows that overlaps no label in its
/// row, sits on no line coming down from a row above, and covers no line of a row below. An
/// event whose label fits nowhere keeps its line (and is listed under the chart by the UI).
pub(crate) fn place_event_labels(
    events: &[(i32, Vec<String>)],
    rows: usize,
    lo: i32,
    hi: i32,
    px: f64,
) -> Vec<Option<EventLabel>> {
    let mut placed: Vec<(i32, EventLabel)> = Vec::new();
    let mut out = Vec::with_capacity(events.len());
    for (x, candidates) in events {
        let chosen = place_one(*x, candidates, &placed, rows, (lo, hi), px);
        if let Some(label) = &chosen {
            placed.push((*x, label.clone()));
        }
        out.push(chosen);
    }
    out
}

/// The first free place for the label of the event line at `x`, or None.
fn place_one(
    x: i32,
    candidates: &[String],
    placed: &[(i32, EventLabel)],
    rows: usize,
    (lo, hi): (i32, i32),
    px: f64,
) -> Option<EventLabel> {
    for text in candidates {
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
            if let Some(row) = (0..rows).find(|row| !clashes(placed, *row, span, x)) {
                return Some(EventLabel {
                    row,
                    x: if right_aligned { x - 3 } else { x + 3 },
                    right_aligned,
                    text: text.clone(),
                    span,
                });
            }
        }
    }
    None
}

/// Whether a label over `span` in `row`, for the line at `x`, would touch a placed label in
/// its row, cross a placed label's line from a row above, or put its own line through a placed
/// label in a row below.
fn clashes(placed: &[(i32, EventLabel)], row: usize, span: (i32, i32), x: i32) -> bool {
    placed.iter().any(|(line_x, l)| {
        let overlaps = l.span.0 < span.1 + GAP && span.0 < l.span.1 + GAP;
        (l.row == row && overlaps)
            || (l.row > row && x >= l.span.0 - 2 && x <= l.span.1 + 2)
            || (l.row < row && *line_x >= span.0 - 2 && *line_x <= span.1 + 2)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labels_at_one_place_take_the_next_free_row_or_none() {
        let events: Vec<(i32, Vec<String>)> =
            (0..4).map(|_| (200, texts(&["Law: ten chars"]))).collect();
        let placed = place_event_labels(&events, 2, 0, 400, 10.0);
        let spots: Vec<Option<(usize, bool)>> = placed
            .iter()
            .map(|l| l.as_ref().map(|l| (l.row, l.right_aligned)))
            .collect();
        assert_eq!(spots, [Some((0, false)), Some((1, false)), None, None]);
    }

    #[test]
    fn a_shorter_candidate_is_used_when_the_long_one_does_not_fit() {
        let events = [(50, texts(&["A very long event label", "L"]))];
        let placed = place_event_labels(&events, 1, 0, 100, 10.0);
        assert_eq!(placed[0].as_ref().map(|l| l.text.as_str()), Some("L"));
    }

    #[test]
    fn legend_rows_beyond_the_limit_become_a_count() {
        let items: Vec<LegendItem> = (0..6)
            .map(|i| LegendItem {
                label: format!("Series {i}"),
                colour: BLACK,
                mark: Mark::Circle,
                sample: true,
            })
            .collect();
        let places = layout_legend(&items, 0, 200, 10.0, 2);
        assert!(places.iter().all(|p| p.row < 2));
        let last = places.last().map(|p| (p.item, p.label.as_str()));
        assert_eq!(last, Some((None, "+3 more (see table)")));
    }
}
