//! The places to mark: the input the app gives (it maps the dataset and the filter to it),
//! where each mark goes, the keyboard order, and what a screen reader hears.

use crate::geo::UNIT;
use crate::project::project_point;
use std::collections::HashMap;

/// The shape of a mark, by kind of place, so a city and its county at nearly the same
/// point stay told apart without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkKind {
    /// A circle.
    City,
    /// A diamond.
    County,
    /// A square.
    State,
    /// A triangle (a nation or a kind the map does not know).
    Other,
}

/// A place's location in degrees (the dataset's `jurisdiction.location`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub lat: f64,
    pub lon: f64,
}

/// One place, as the matrix sees it under the current filter.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkInput {
    /// The place id (`data-place` on the mark, as on the matrix's row header).
    pub id: String,
    pub name: String,
    pub kind: MarkKind,
    /// The kind as the page words it ("city").
    pub kind_label: String,
    /// Postal code of its state ("MT"), if any.
    pub state: Option<String>,
    pub location: Option<LatLon>,
    /// Tactics used within the filter's years (the matrix's row total).
    pub used: u8,
    /// How many of the checked tactics it uses (0 when none are checked).
    pub checked_used: u8,
    /// Whether the matrix shows this place under the filter.
    pub matched: bool,
}

/// What the filter asks of the tactics: how many are checked and whether all must be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checked {
    pub count: u8,
    pub all: bool,
}

/// Where a mark's place lies, in the stored units of the geometry files (tenths).
pub fn position(m: &MarkInput) -> Option<(f64, f64)> {
    let at = m.location?;
    let (x, y) = project_point(at.lon, at.lat)?;
    Some((x / UNIT, y / UNIT))
}

/// The located marks in keyboard order: west to east, then by name and id (stable).
pub fn in_order(marks: &[MarkInput]) -> Vec<(&MarkInput, (f64, f64))> {
    let mut located: Vec<_> = marks
        .iter()
        .filter_map(|m| position(m).map(|p| (m, p)))
        .collect();
    located.sort_by(|(a, pa), (b, pb)| {
        pa.0.total_cmp(&pb.0)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.id.cmp(&b.id))
    });
    located
}

/// Above this many marks next to a place, a mark is not moved (see `spread`).
const CROWD: usize = 8;

/// Moves marks that would overlap (closer than `gap`) to the nearest free spot on rings
/// around their place, so every mark stays visible and clickable. Earlier marks stay put;
/// in a crowd (more than `CROWD` marks next to the place, or no spot free within four rings)
/// the mark stays at its place: zooming in is the way to tell crowded marks apart.
pub fn spread(points: &[(f64, f64)], gap: f64) -> Vec<(f64, f64)> {
    let gap = if gap.is_finite() && gap > 0.0 {
        gap
    } else {
        1.0
    };
    let cell = |q: (f64, f64)| ((q.0 / gap).floor() as i64, (q.1 / gap).floor() as i64);
    let mut grid: HashMap<(i64, i64), Vec<(f64, f64)>> = HashMap::new();
    let mut placed = Vec::with_capacity(points.len());
    for &p in points {
        let free = |q: (f64, f64)| {
            let (cx, cy) = cell(q);
            (cx - 1..=cx + 1)
                .flat_map(|x| (cy - 1..=cy + 1).map(move |y| (x, y)))
                .filter_map(|k| grid.get(&k))
                .flatten()
                .all(|o| (o.0 - q.0).hypot(o.1 - q.1) >= gap * 0.999)
        };
        let (cx, cy) = cell(p);
        let near: usize = (cx - 1..=cx + 1)
            .flat_map(|x| (cy - 1..=cy + 1).map(move |y| (x, y)))
            .filter_map(|k| grid.get(&k).map(Vec::len))
            .sum();
        let spot = if near > CROWD {
            p
        } else {
            candidates(p, gap).find(|&q| free(q)).unwrap_or(p)
        };
        grid.entry(cell(spot)).or_default().push(spot);
        placed.push(spot);
    }
    placed
}

/// The place itself, then 8 spots on each ring of growing radius, starting to the east.
fn candidates(p: (f64, f64), gap: f64) -> impl Iterator<Item = (f64, f64)> {
    std::iter::once(p).chain((1..=4).flat_map(move |ring| {
        let steps = 8 * ring;
        (0..steps).map(move |i| {
            let a = std::f64::consts::TAU * f64::from(i) / f64::from(steps);
            let r = gap * f64::from(ring);
            (p.0 + r * a.cos(), p.1 + r * a.sin())
        })
    }))
}

fn plural(n: u8, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// The accessible name of a mark: place, kind, and what it uses.
pub fn aria_label(m: &MarkInput, checked: Checked) -> String {
    let used = plural(m.used, "tactic used", "tactics used");
    let what = if checked.count == 0 {
        used
    } else if checked.count == 1 {
        let verb = if m.checked_used > 0 {
            "uses"
        } else {
            "does not use"
        };
        format!("{verb} the checked tactic; {used} in all")
    } else {
        format!(
            "uses {} of {} checked tactics; {used} in all",
            m.checked_used, checked.count
        )
    };
    let outside = if m.matched {
        ""
    } else {
        "; outside the filters"
    };
    format!("{} ({}): {what}{outside}", m.name, m.kind_label)
}

/// The mark a key moves the focus to, in keyboard order (west to east): the arrow keys step
/// (Right and Down forward, Left and Up back, stopping at the ends), Home and End jump. None
/// for other keys or an unknown current mark.
pub fn next_mark<'a>(order: &'a [String], current: &str, key: &str) -> Option<&'a str> {
    let i = order.iter().position(|id| id == current)?;
    let j = match key {
        "ArrowRight" | "ArrowDown" => (i + 1).min(order.len() - 1),
        "ArrowLeft" | "ArrowUp" => i.saturating_sub(1),
        "Home" => 0,
        "End" => order.len() - 1,
        _ => return None,
    };
    order.get(j).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    pub fn mark(id: &str, lon: f64, lat: f64) -> MarkInput {
        MarkInput {
            id: id.into(),
            name: id.into(),
            kind: MarkKind::City,
            kind_label: "city".into(),
            state: Some("MT".into()),
            location: Some(LatLon { lat, lon }),
            used: 3,
            checked_used: 0,
            matched: true,
        }
    }

    #[test]
    fn keyboard_order_runs_west_to_east_and_skips_unlocated() {
        let mut none = mark("nowhere", 0.0, 0.0);
        none.location = None;
        let marks = [mark("east", -104.0, 46.0), none, mark("west", -114.0, 46.0)];
        let ids: Vec<&str> = in_order(&marks)
            .iter()
            .map(|(m, _)| m.id.as_str())
            .collect();
        assert_eq!(ids, ["west", "east"]);
    }

    #[test]
    fn overlapping_marks_move_apart_and_distinct_ones_stay() {
        let pts = [(0.0, 0.0), (1.0, 0.0), (0.5, 0.5), (100.0, 0.0)];
        let out = spread(&pts, 10.0);
        assert_eq!(out[0], (0.0, 0.0));
        assert_eq!(out[3], (100.0, 0.0));
        for i in 0..out.len() {
            for j in 0..i {
                let d = (out[i].0 - out[j].0).hypot(out[i].1 - out[j].1);
                assert!(d >= 9.99, "{i} and {j} are {d} apart");
            }
        }
    }

    #[test]
    fn arrow_keys_step_through_the_order_and_stop_at_the_ends() {
        let order: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
        assert_eq!(next_mark(&order, "a", "ArrowRight"), Some("b"));
        assert_eq!(next_mark(&order, "c", "ArrowDown"), Some("c"));
        assert_eq!(next_mark(&order, "b", "ArrowUp"), Some("a"));
        assert_eq!(next_mark(&order, "a", "ArrowLeft"), Some("a"));
        assert_eq!(next_mark(&order, "a", "End"), Some("c"));
        assert_eq!(next_mark(&order, "c", "Home"), Some("a"));
        assert_eq!(next_mark(&order, "b", "Enter"), None);
        assert_eq!(next_mark(&order, "zzz", "ArrowRight"), None);
    }

    #[test]
    fn labels_say_place_kind_and_use() {
        let mut m = mark("Missoula", -114.0, 46.9);
        m.used = 15;
        let none = Checked::default();
        assert_eq!(aria_label(&m, none), "Missoula (city): 15 tactics used");
        m.used = 1;
        m.matched = false;
        assert_eq!(
            aria_label(&m, none),
            "Missoula (city): 1 tactic used; outside the filters"
        );
        m.matched = true;
        m.checked_used = 1;
        let one = Checked {
            count: 1,
            all: false,
        };
        assert_eq!(
            aria_label(&m, one),
            "Missoula (city): uses the checked tactic; 1 tactic used in all"
        );
        let two = Checked {
            count: 2,
            all: true,
        };
        assert_eq!(
            aria_label(&m, two),
            "Missoula (city): uses 1 of 2 checked tactics; 1 tactic used in all"
        );
    }
}
