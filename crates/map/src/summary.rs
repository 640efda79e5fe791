//! The text under the map: how many places match and where most of them are, and the places
//! that have no location ("not on the map").

use crate::marks::{position, Checked, MarkInput};
use crate::states::by_postal;
use std::collections::BTreeMap;

/// One sentence for the filter state, e.g. "12 of 21 places use at least one checked tactic;
/// 9 are in Montana. 2 places are not on the map."
pub fn summary(marks: &[MarkInput], checked: Checked) -> String {
    let n = marks.len();
    if n == 0 {
        return "No places to show.".into();
    }
    let matched: Vec<&MarkInput> = marks.iter().filter(|m| m.matched).collect();
    let m = matched.len();
    let mut text = if m == n && checked.count == 0 {
        let users = marks.iter().filter(|p| p.used > 0).count();
        format!(
            "{}; {} at least one tactic",
            places(n),
            verb(users, "uses", "use")
        )
    } else {
        format!("{m} of {}{}", places(n), what_matches(m, checked))
    };
    if let Some(where_) = where_most(&matched) {
        text.push_str("; ");
        text.push_str(&where_);
    }
    text.push('.');
    let off = not_on_map(marks).len();
    if off > 0 {
        let be = if off == 1 { "is" } else { "are" };
        text.push_str(&format!(" {} {be} not on the map.", places(off)));
    }
    text
}

fn places(n: usize) -> String {
    if n == 1 {
        "1 place".into()
    } else {
        format!("{n} places")
    }
}

fn verb(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The rest of "12 of 21 places …" for the filter state.
fn what_matches(m: usize, checked: Checked) -> String {
    let v = if m == 1 { "uses" } else { "use" };
    match (checked.count, checked.all) {
        (0, _) => {
            let v = if m == 1 { "matches" } else { "match" };
            format!(" {v} the filters")
        }
        (1, _) => format!(" {v} the checked tactic"),
        (_, false) => format!(" {v} at least one checked tactic"),
        (_, true) => format!(" {v} all checked tactics"),
    }
}

/// "9 are in Montana" for the state with most matching places (ties by name), or "all are
/// in Montana"; None when no matching place has a known state.
fn where_most(matched: &[&MarkInput]) -> Option<String> {
    // Normalised as the renderer picks outlines, so "MT", "mt" and " MT" are one state.
    let mut per_state: BTreeMap<String, usize> = BTreeMap::new();
    for m in matched {
        if let Some(st) = m.state.as_deref().map(|s| s.trim().to_ascii_uppercase()) {
            if !st.is_empty() {
                *per_state.entry(st).or_default() += 1;
            }
        }
    }
    let name = |st: &str| by_postal(st).map_or_else(|| st.to_string(), |s| s.name.to_string());
    let (top, k) = per_state
        .iter()
        .map(|(st, k)| (name(st), *k))
        .max_by(|(a, ka), (b, kb)| ka.cmp(kb).then_with(|| b.cmp(a)))?;
    Some(match (k == matched.len(), k) {
        (true, 1) => format!("it is in {top}"),
        (true, _) => format!("all are in {top}"),
        (false, 1) => format!("1 is in {top}"),
        (false, k) => format!("{k} are in {top}"),
    })
}

/// The places that cannot be marked (no location, or numbers that are not coordinates),
/// by name, for the list under the map.
pub fn not_on_map(marks: &[MarkInput]) -> Vec<&MarkInput> {
    let mut off: Vec<&MarkInput> = marks.iter().filter(|m| position(m).is_none()).collect();
    off.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
    off
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::marks::{LatLon, MarkKind};

    fn place(id: &str, state: &str, used: u8, matched: bool) -> MarkInput {
        MarkInput {
            id: id.into(),
            name: id.into(),
            kind: MarkKind::City,
            kind_label: "city".into(),
            state: Some(state.into()),
            location: Some(LatLon {
                lat: 46.0,
                lon: -110.0,
            }),
            used,
            checked_used: u8::from(matched),
            matched,
        }
    }

    fn sample() -> Vec<MarkInput> {
        let mut v: Vec<MarkInput> = (0..9)
            .map(|i| place(&format!("m{i}"), "MT", 2, true))
            .collect();
        v.extend((0..3).map(|i| place(&format!("s{i}"), "SD", 1, true)));
        v.extend((0..9).map(|i| place(&format!("x{i}"), "WY", 0, false)));
        v
    }

    #[test]
    fn wording_follows_the_checked_tactics() {
        let v = sample();
        let any = Checked {
            count: 2,
            all: false,
        };
        assert_eq!(
            summary(&v, any),
            "12 of 21 places use at least one checked tactic; 9 are in Montana."
        );
        let all = Checked {
            count: 2,
            all: true,
        };
        assert!(summary(&v, all).starts_with("12 of 21 places use all checked tactics"));
        let one = Checked {
            count: 1,
            all: false,
        };
        assert!(summary(&v, one).starts_with("12 of 21 places use the checked tactic"));
        let none = Checked::default();
        assert!(summary(&v, none).starts_with("12 of 21 places match the filters"));
    }

    #[test]
    fn unfiltered_single_and_empty_cases_read_naturally() {
        let mut v = sample();
        v.iter_mut().for_each(|m| m.matched = true);
        assert_eq!(
            summary(&v, Checked::default()),
            "21 places; 12 use at least one tactic; 9 are in Montana."
        );
        let one = vec![place("Missoula", "MT", 15, true)];
        assert_eq!(
            summary(
                &one,
                Checked {
                    count: 1,
                    all: false
                }
            ),
            "1 of 1 place uses the checked tactic; it is in Montana."
        );
        assert_eq!(summary(&[], Checked::default()), "No places to show.");
    }

    #[test]
    fn places_without_a_location_are_listed_by_name() {
        let mut v = sample();
        v[4].location = None;
        v[2].location = Some(LatLon {
            lat: f64::NAN,
            lon: -110.0,
        });
        let off: Vec<&str> = not_on_map(&v).iter().map(|m| m.id.as_str()).collect();
        assert_eq!(off, ["m2", "m4"]);
        assert!(summary(&v, Checked::default()).ends_with(" 2 places are not on the map."));
    }

    #[test]
    fn a_state_written_in_several_ways_is_counted_once() {
        let mut v: Vec<MarkInput> = ["MT", "mt", " Mt ", "SD", "SD"]
            .iter()
            .enumerate()
            .map(|(i, st)| place(&format!("p{i}"), st, 1, true))
            .collect();
        v.push(place("blank", " ", 1, true));
        let text = summary(&v, Checked::default());
        assert!(text.ends_with("; 3 are in Montana."), "{text}");
    }
}
