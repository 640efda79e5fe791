//! Scales: nice tick steps, the year and value ticks, their labels, and the plotters axis that
//! draws exactly those ticks.

use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use tactics_core::markup::text::group_wide;

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
pub(crate) fn y_ticks(max: u64, target: u128) -> Vec<u128> {
    let max = u128::from(max);
    let padded = max + max / 20;
    let step = nice_step(padded.div_ceil(target.max(1)));
    let top = (padded / step + 1) * step;
    (0..=top / step).map(|k| k * step).collect()
}

/// Year ticks: multiples of a nice step inside the range, no more than fit the width.
pub(crate) fn x_ticks(range: (i32, i32), fit: i64) -> Vec<i64> {
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
pub(crate) struct Ticked {
    pub(crate) range: std::ops::Range<f64>,
    pub(crate) ticks: Vec<f64>,
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

/// Axis labels: exact below a million, then "2.5M", "40B", "3T", and "1.8e19" beyond.
pub(crate) fn compact(n: u128) -> String {
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

/// "2021", or "FY2021" for a fiscal year.
pub(crate) fn year_label(year: i64, fiscal: bool) -> String {
    if fiscal {
        format!("FY{year}")
    } else {
        year.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_one_two_or_five_times_a_power_of_ten() {
        let steps: Vec<u128> = [0, 1, 2, 3, 6, 11, 40, 499].map(nice_step).to_vec();
        assert_eq!(steps, [1, 1, 2, 5, 10, 20, 50, 500]);
        assert_eq!(nice_step(u128::MAX), u128::MAX);
    }

    #[test]
    fn ticks_start_at_zero_and_cover_the_largest_value() {
        assert_eq!(y_ticks(0, 4), [0, 1]);
        assert_eq!(y_ticks(106, 4), [0, 50, 100, 150]);
        let top = *y_ticks(u64::MAX, 6).last().unwrap_or(&0);
        assert!(top > u128::from(u64::MAX));
    }

    #[test]
    fn year_ticks_are_multiples_of_the_step_inside_the_range() {
        assert_eq!(x_ticks((2015, 2022), 8), (2015..=2022).collect::<Vec<_>>());
        assert_eq!(x_ticks((2011, 2022), 3), [2015, 2020]);
        assert_eq!(x_ticks((2021, 2021), 1), [2021]);
        assert_eq!(x_ticks((2001, 2003), 1), [2001]);
    }

    #[test]
    fn compact_labels_keep_two_decimals_at_most() {
        assert_eq!(compact(999_999), "999,999");
        assert_eq!(compact(2_500_000), "2.5M");
        assert_eq!(compact(40_000_000_000), "40B");
        assert_eq!(compact(1_234_567_890_123), "1.23T");
        assert_eq!(compact(18_000_000_000_000_000_000), "1.8e19");
        assert_eq!(year_label(2021, true), "FY2021");
    }
}
