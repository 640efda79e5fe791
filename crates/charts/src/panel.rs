//! Which figures a panel shows: series grouped by unit, the visible year range, the visible
//! observations, their runs of consecutive years and their rank within a period. Shared by the
//! chart, the words and the table so all three speak of the same figures.

use crate::{ChartOptions, Panel};
use tactics_core::model::dataset::{Observation, Series};

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

/// The year range to draw: the options' bounds where set, else the data's; None when nothing
/// would be drawn (no observations in the range, or `from > to`).
pub(crate) fn visible_range(panel: &Panel<'_>, opts: &ChartOptions) -> Option<(i32, i32)> {
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
        .any(|p| within((from, to), p))
        .then_some((from, to))
}

/// Whether year `p` lies inside the inclusive `range`.
pub(crate) fn within(range: (i32, i32), p: i32) -> bool {
    p >= range.0 && p <= range.1
}

/// Observations of one series inside the range, by period (source order kept within a period).
pub(crate) fn visible(s: &Series, range: (i32, i32)) -> Vec<&Observation> {
    let mut obs: Vec<&Observation> = s
        .observations
        .iter()
        .filter(|o| within(range, o.period))
        .collect();
    obs.sort_by_key(|o| o.period);
    obs
}

/// Runs of consecutive years through the first figure of each period: a missing year ends a run.
pub(crate) fn runs(obs: &[&Observation]) -> Vec<Vec<(i32, u64)>> {
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
pub(crate) fn ranked<'s>(obs: &[&'s Observation]) -> Vec<(&'s Observation, usize)> {
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
