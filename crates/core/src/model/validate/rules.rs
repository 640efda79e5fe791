//! The rules for one value under its key: counts and years, texts (length, http(s) URL,
//! calendar date). Both paths run them: the fast path on typed values, the located path on the
//! JSON tree.

use super::{MAX_LONG, MAX_SHORT, MIN_YEAR};
use crate::markup::text::is_web_url;
use crate::model::scalars::{Key, KeyRule, Scalar};

/// True when no per-key rule rejects `value` under `key` (the rules of the tree scan).
pub(super) fn scalar_is_clean(key: Key, value: Scalar<'_>, max_year: i32) -> bool {
    let mut clean = true;
    match value {
        Scalar::Text(s) => string_rules(key.rule, s, max_year, &mut |_| clean = false),
        Scalar::Whole(n) => {
            let n = i64::try_from(n).ok();
            clean = number_rule(key.rule, n, max_year, String::new).is_none();
        }
    }
    clean
}

/// The rule for a number under a key (counts and years): a problem message, or None.
/// `written` gives the number as written, only for the message.
pub(super) fn number_rule(
    rule: KeyRule,
    n: Option<i64>,
    max_year: i32,
    written: impl FnOnce() -> String,
) -> Option<String> {
    if !matches!(rule, KeyRule::Year | KeyRule::Count) {
        return None;
    }
    let Some(n) = n.filter(|n| *n >= 0) else {
        let text = written();
        return Some(format!(
            "{text} is not allowed here: use a whole number of 0 or more"
        ));
    };
    let in_range = (MIN_YEAR as i64..=max_year as i64).contains(&n);
    (rule == KeyRule::Year && !in_range)
        .then(|| format!("year {n} is outside {MIN_YEAR}..={max_year}"))
}

/// The rules for a text under a key: length, http(s) URL, calendar date; each problem found
/// is passed to `out` as its message.
pub(super) fn string_rules(rule: KeyRule, s: &str, max_year: i32, out: &mut dyn FnMut(String)) {
    let limit = if rule == KeyRule::Short {
        MAX_SHORT
    } else {
        MAX_LONG
    };
    // Characters are never more than bytes: most texts need no count.
    if s.len() > limit {
        let chars = s.chars().count();
        if chars > limit {
            out(format!(
                "text of {chars} characters is over the limit of {limit}"
            ));
        }
    }
    if rule == KeyRule::Url && !is_web_url(s) {
        out(format!("\"{}\" is not an http(s) URL", shorten(s)));
    }
    if rule == KeyRule::Date {
        if let Err(why) = check_date(s, max_year) {
            out(format!("\"{}\" is not a date: {why}", shorten(s)));
        }
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date (no 30 February), with the year
/// in `MIN_YEAR..=max_year`. The error says what is wrong.
pub fn check_date(s: &str, max_year: i32) -> Result<(), String> {
    const FORM: &str = "write YYYY, YYYY-MM or YYYY-MM-DD";
    let parts: Vec<&str> = s.split('-').collect();
    let number = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = match parts.as_slice() {
        [y] => (number(y, 4), Some(1), Some(1)),
        [y, m] => (number(y, 4), number(m, 2), Some(1)),
        [y, m, d] => (number(y, 4), number(m, 2), number(d, 2)),
        _ => (None, None, None),
    };
    let (Some(year), Some(month), Some(day)) = (year, month, day) else {
        return Err(FORM.to_string());
    };
    let year = year as i32;
    if !(MIN_YEAR..=max_year).contains(&year) {
        return Err(format!("year {year} is outside {MIN_YEAR}..={max_year}"));
    }
    if !(1..=12).contains(&month) {
        return Err(format!("month {month:02} does not exist ({FORM})"));
    }
    let last = days_in_month(year, month);
    if !(1..=last).contains(&day) {
        return Err(format!(
            "day {day:02} does not exist: {} {year} has {last} days",
            MONTHS[month as usize - 1]
        ));
    }
    Ok(())
}

pub(super) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

pub(super) fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Keeps problem messages short when the offending text is long.
pub(super) fn shorten(s: &str) -> String {
    crate::markup::text::shorten(s, 61)
}
