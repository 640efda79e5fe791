//! The active filters as chips, and the chips as one escaped HTML string: each chip is a button
//! that removes its filter in one tap (`data-chip` is its position, "all" clears every filter),
//! answered by one delegated click listener in the UI.

use crate::markup::text::{escape, group};
use crate::model::dataset::{Dataset, Kind};
use crate::query::filter::{Filter, Match};

/// Which part of the filter a chip stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChipKey {
    Search,
    Tactic(String),
    MatchAll,
    Years,
    IncludeUncertain,
    State(String),
    Kind(Kind),
    Population,
}

/// One active filter: what it removes and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub key: ChipKey,
    pub label: String,
}

/// Every active filter, in the order of the filter panel. Empty for the default filter.
pub fn chips(f: &Filter, ds: &Dataset) -> Vec<Chip> {
    let mut out = Vec::new();
    let mut add = |key, label: String| out.push(Chip { key, label });
    if !f.q.is_empty() {
        add(ChipKey::Search, format!("Search: “{}”", shorten(&f.q, 30)));
    }
    for id in &f.tactics {
        let name = ds.tactics.iter().find(|t| t.id == *id);
        let label = name.map_or_else(|| id.clone(), |t| t.name.clone());
        add(ChipKey::Tactic(id.clone()), label);
    }
    if f.mode == Match::All {
        add(ChipKey::MatchAll, "Match: all tactics".into());
    }
    if let Some(years) = years_label(f.from, f.to) {
        add(ChipKey::Years, years);
    }
    if f.include_undated {
        add(
            ChipKey::IncludeUncertain,
            "Including uses of uncertain year".into(),
        );
    }
    for code in &f.states {
        add(ChipKey::State(code.clone()), format!("State: {code}"));
    }
    for kind in &f.kinds {
        add(ChipKey::Kind(*kind), format!("Kind: {}", kind.label()));
    }
    if let Some(band) = f.pop {
        let n = |v: Option<u64>| v.map(group);
        let label = match (n(band.min), n(band.max)) {
            (Some(a), Some(b)) => format!("Population {a} – {b}"),
            (Some(a), None) => format!("Population {a} and more"),
            (None, Some(b)) => format!("Population up to {b}"),
            (None, None) => "Population: any".to_string(),
        };
        add(ChipKey::Population, label);
    }
    out
}

/// At most `max` characters, with "…" when cut (a chip stays one short line).
fn shorten(text: &str, max: usize) -> String {
    let mut out: String = text.chars().take(max).collect();
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

fn years_label(from: Option<i32>, to: Option<i32>) -> Option<String> {
    match (from, to) {
        (Some(a), Some(b)) => Some(format!("Years {a}–{b}")),
        (Some(a), None) => Some(format!("From {a}")),
        (None, Some(b)) => Some(format!("Until {b}")),
        (None, None) => None,
    }
}

/// Removes the filter a chip stands for, and nothing else.
pub fn remove(f: &mut Filter, key: &ChipKey) {
    match key {
        ChipKey::Search => f.q.clear(),
        ChipKey::Tactic(id) => f.tactics.retain(|t| t != id),
        ChipKey::MatchAll => f.mode = Match::Any,
        ChipKey::Years => {
            f.from = None;
            f.to = None;
        }
        ChipKey::IncludeUncertain => f.include_undated = false,
        ChipKey::State(code) => f.states.retain(|s| s != code),
        ChipKey::Kind(kind) => f.kinds.retain(|k| k != kind),
        ChipKey::Population => f.pop = None,
    }
}

/// The chips as escaped HTML (one string, not a view per chip: smaller wasm); each button
/// carries its position in `data-chip`, read back by one delegated listener.
pub fn chips_html(chips: &[Chip]) -> String {
    let mut out = String::new();
    for (i, chip) in chips.iter().enumerate() {
        out.push_str(&format!(
            "<li><button type=\"button\" class=\"chip\" data-chip=\"{i}\"><span class=\"sr\">Remove filter: </span>{}<span class=\"x\" aria-hidden=\"true\">×</span></button></li>",
            escape(&chip.label)
        ));
    }
    if chips.len() > 1 {
        out.push_str("<li><button type=\"button\" class=\"chip-clear link\" data-chip=\"all\" data-testid=\"chips-clear\">Clear all</button></li>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::PopBand;

    fn small() -> Dataset {
        crate::small_fixture()
    }

    #[test]
    fn the_default_filter_has_no_chips() {
        assert!(chips(&Filter::default(), &small()).is_empty());
    }

    #[test]
    fn every_chip_removes_exactly_its_own_filter() {
        let ds = small();
        let full = Filter {
            tactics: vec!["john-school".into(), "web-stings".into()],
            mode: Match::All,
            from: Some(2015),
            to: Some(2020),
            include_undated: true,
            states: vec!["ID".into(), "MT".into()],
            kinds: vec![Kind::City],
            pop: Some(PopBand {
                min: Some(10_000),
                max: None,
            }),
            q: "miss".into(),
        };
        let all = chips(&full, &ds);
        assert_eq!(all.len(), 10, "{all:?}");
        assert_eq!(all[1].label, "John School");
        assert_eq!(all[9].label, "Population 10,000 and more");
        for chip in &all {
            let mut f = full.clone();
            remove(&mut f, &chip.key);
            let left = chips(&f, &ds);
            assert_eq!(left.len(), all.len() - 1, "removing {chip:?}");
            assert!(!left.contains(chip), "{chip:?} is gone");
        }
        let mut f = full.clone();
        for chip in &all {
            remove(&mut f, &chip.key);
        }
        assert!(
            f.is_default(),
            "removing every chip gives the default filter"
        );
    }

    #[test]
    fn chip_markup_escapes_the_search_and_offers_clear_all_from_two_chips() {
        let ds = small();
        let mut f = Filter {
            q: "<img src=x>".into(),
            ..Filter::default()
        };
        let one = chips_html(&chips(&f, &ds));
        assert!(
            !one.contains("<img") && one.contains("&lt;img src=x&gt;"),
            "{one}"
        );
        assert!(one.contains("data-chip=\"0\"") && !one.contains("data-chip=\"all\""));
        f.states = vec!["MT".into()];
        let two = chips_html(&chips(&f, &ds));
        assert_eq!(two.matches("<li>").count(), 3, "two chips and Clear all");
        assert!(two.contains("data-chip=\"all\""));
    }
}
