//! The chart in words: the description that labels the SVG, the texts of legend entries and
//! event labels, and the plain-text cleaning they share.

use crate::panel::{runs, visible, visible_range, within};
use crate::{ChartOptions, Panel};
use std::fmt::Write as _;
use tactics_core::markup::text::{group, shorten as short};
use tactics_core::model::dataset::{Event, EventKind, Observation, Series};

/// Text for plotters: control characters (invalid in XML) become spaces; plotters escapes the rest.
pub(crate) fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        .collect()
}

/// A series' legend entry; "(fiscal years)" only where the panel also holds calendar years.
pub(crate) fn legend_label(s: &Series, all_fiscal: bool) -> String {
    clean(&if s.fiscal_year && !all_fiscal {
        format!("{} (fiscal years)", s.name)
    } else {
        s.name.clone()
    })
}

/// An event's label texts, longest first, for the layout to try in turn: "Law: title", the
/// title alone, the kind, and its abbreviation.
pub(crate) fn event_candidates(e: &Event, max_chars: usize) -> Vec<String> {
    let title = clean(&e.title);
    let mut c = vec![short(&format!("{}: {title}", e.kind.label()), max_chars)];
    if !title.trim().is_empty() && e.kind.label().chars().count() + 4 < max_chars {
        c.push(short(&title, max_chars.min(12)));
    }
    c.push(e.kind.label().to_string());
    c.push(kind_abbrev(e.kind).to_string());
    c
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

/// The chart in words: for each series the first and last figures drawn and the change, the
/// missing years, and the periods where sources disagree. For example "Cases: 7 in 2015, 106 in
/// 2022 (up 99). No figures for 2019–2020. Sources disagree for 2021."
pub fn describe(panel: &Panel<'_>, opts: &ChartOptions) -> String {
    let Some(range) = visible_range(panel, opts) else {
        return "No data in this range.".into();
    };
    let parts: Vec<String> = panel
        .series
        .iter()
        .map(|s| describe_series(s, range))
        .collect();
    parts.join(" ")
}

/// One series' sentences in [`describe`].
fn describe_series(s: &Series, range: (i32, i32)) -> String {
    let obs = visible(s, range);
    let (Some(first), Some(last)) = (obs.first(), obs.last()) else {
        return format!("{}: no figures in this range.", s.name);
    };
    let mut sentence = first_and_last(s, &obs, first.period, last.period);
    sentence.push('.');
    let gaps = gaps(s, &obs);
    if !gaps.is_empty() {
        let _ = write!(sentence, " No figures for {}.", and_list(&gaps));
    }
    let conflicts = conflicts(s, range);
    if !conflicts.is_empty() {
        let _ = write!(sentence, " Sources disagree for {}.", and_list(&conflicts));
    }
    sentence
}

/// "Cases: 7 in 2015, 106 in 2022 (up 99)"; the change only where each end has one figure.
fn first_and_last(s: &Series, obs: &[&Observation], first: i32, last: i32) -> String {
    let (a, b) = (values_at(obs, first), values_at(obs, last));
    let mut sentence = format!("{}: {} in {}", s.name, say(&a), s.period_label(first));
    if last != first {
        let _ = write!(sentence, ", {} in {}", say(&b), s.period_label(last));
        if let ([a], [b]) = (a.as_slice(), b.as_slice()) {
            sentence.push_str(&change(*a, *b));
        }
    }
    sentence
}

/// The distinct figures for one period, in source order.
fn values_at(obs: &[&Observation], period: i32) -> Vec<u64> {
    let mut vals: Vec<u64> = Vec::new();
    for o in obs.iter().filter(|o| o.period == period) {
        if !vals.contains(&o.value) {
            vals.push(o.value);
        }
    }
    vals
}

/// "7", or "7 or 9" where the sources disagree.
fn say(vals: &[u64]) -> String {
    vals.iter()
        .map(|v| group(*v))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// " (up 99)", " (down 3)" or " (no change)" from `a` to `b`.
fn change(a: u64, b: u64) -> String {
    match b.cmp(&a) {
        std::cmp::Ordering::Greater => format!(" (up {})", group(b - a)),
        std::cmp::Ordering::Less => format!(" (down {})", group(a - b)),
        std::cmp::Ordering::Equal => " (no change)".to_string(),
    }
}

/// The missing years between runs, "2019" or "2019–2020"; beyond six, five and a count.
fn gaps(s: &Series, obs: &[&Observation]) -> Vec<String> {
    let gaps: Vec<String> = runs(obs)
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
    if gaps.len() > 6 {
        let mut g = gaps[..5].to_vec();
        g.push(format!("{} other gaps", gaps.len() - 5));
        g
    } else {
        gaps
    }
}

/// The periods inside the range where the series' sources disagree.
fn conflicts(s: &Series, range: (i32, i32)) -> Vec<String> {
    s.conflicting_periods()
        .into_iter()
        .filter(|p| within(range, *p))
        .map(|p| s.period_label(p))
        .collect()
}
