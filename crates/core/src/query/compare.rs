//! The compare view (issue 28, `?compare=`): one place beside its peers, what is documented for
//! a peer and not for the place, as plain data and one escaped HTML string.
//!
//! Peers are proposed from the data, in three groups, each with the reason it was chosen: the
//! nearest places by great-circle distance between their points, places in the same state, and
//! places of similar population (within a factor of two). A place is proposed once, in the first
//! group that has it, and each group holds at most [`CAP`] places, in a fixed order (distance,
//! or closeness of population, then name), so the same data always proposes the same peers.
//! The visitor may add and remove places (`with=`, docs/URL.md).
//!
//! Words: a tactic is "documented" for a place, or "no record was found in the sources
//! researched"; nothing here says a place does not use a tactic, and nothing ranks places.

use crate::markup::html::link;
use crate::markup::rows::{cell_text, tooltip};
use crate::markup::text::{escape, group, shorten};
use crate::model::dataset::{CellState, Dataset, Jurisdiction, Kind, TacticUse};
use crate::model::lookup::Index;
use crate::query::filter::Filter;
use crate::query::url_state::ViewState;
use std::fmt::Write;

/// At most this many places per group of proposed peers.
pub const CAP: usize = 5;

/// How a peer was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Why {
    /// Among the nearest places by distance.
    Near,
    /// In the same state.
    State,
    /// Of similar population (within a factor of two).
    Population,
    /// Added by the visitor (`with=`).
    Added,
}

impl Why {
    /// The id of a group (test hooks and element ids).
    pub fn id(self) -> &'static str {
        match self {
            Why::Near => "near",
            Why::State => "state",
            Why::Population => "population",
            Why::Added => "added",
        }
    }
}

/// One proposed or added peer: its position in the dataset and what the reason says of it
/// ("12 mi", "pop. 61,000").
#[derive(Debug, Clone, PartialEq)]
pub struct Peer {
    pub pos: usize,
    pub note: String,
}

/// A group of peers with the words saying how they were chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub why: Why,
    pub reason: String,
    pub peers: Vec<Peer>,
}

/// Everything the compare view shows for a view state.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The compared place's position.
    pub place: usize,
    /// The proposed groups, and a last group of the places the visitor added (if any).
    pub groups: Vec<Group>,
    /// The peers shown, in order: the proposed ones, or those of `with=` that the data has.
    pub shown: Vec<usize>,
    /// Whether the visitor chose the peers (`with=` is in the URL).
    pub chosen: bool,
}

/// Said when no tactic is documented for a compared place and not for this one (the view and
/// the brief).
pub const NO_GAPS: &str = "Every tactic documented for a compared place is also documented here.";

/// Kilometres between two points on a sphere of the Earth's mean radius (haversine).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// "4.2 mi", "79 mi", "1,234 mi" (integers only: float formatting would add its code to the
/// app's wasm).
fn miles(km: f64) -> String {
    let tenths = (km / 1.609_344 * 10.0).round() as u64;
    if tenths < 100 {
        format!("{}.{} mi", tenths / 10, tenths % 10)
    } else {
        format!("{} mi", group((tenths + 5) / 10))
    }
}

/// Places that can be peers: cities and counties other than the place itself.
fn candidates(ds: &Dataset, pos: usize) -> impl Iterator<Item = (usize, &Jurisdiction)> {
    ds.jurisdictions
        .iter()
        .enumerate()
        .filter(move |(i, j)| *i != pos && matches!(j.kind, Kind::City | Kind::County))
}

fn point(j: &Jurisdiction) -> Option<(f64, f64)> {
    j.location
        .as_ref()
        .map(|l| (l.lat, l.lon))
        .filter(|(a, b)| a.is_finite() && b.is_finite())
}

fn population(j: &Jurisdiction) -> Option<u64> {
    j.population.as_ref().map(|p| p.value).filter(|v| *v > 0)
}

/// The first `CAP` positions of `keyed` in order of their key, then of name (the index's name
/// order). One sort of one element type serves every list here: each `sort_by` with a closure
/// of its own was another copy of the sort in the app's wasm.
/// The first [`CAP`] of places keyed by their distance in metres, each noted with it in miles
/// (nothing for a place without a map point).
fn by_distance(index: &Index, keyed: Vec<(u64, usize)>) -> Vec<Peer> {
    first_by_key(index, keyed, CAP)
        .into_iter()
        .map(|(m, i)| Peer {
            pos: i,
            note: if m == u64::MAX {
                String::new()
            } else {
                miles(m as f64 / 1000.0)
            },
        })
        .collect()
}

fn first_by_key(index: &Index, keyed: Vec<(u64, usize)>, cap: usize) -> Vec<(u64, usize)> {
    let mut v: Vec<(u64, u32, usize)> = keyed
        .into_iter()
        .map(|(k, p)| (k, index.name_rank.get(p).copied().unwrap_or(u32::MAX), p))
        .collect();
    v.sort_unstable();
    v.into_iter().take(cap).map(|(k, _, p)| (k, p)).collect()
}

/// Metres, for ordering by distance (no point: last).
fn metres(km: Option<f64>) -> u64 {
    km.map_or(u64::MAX, |km| (km * 1000.0).round() as u64)
}

/// The peers proposed for the place at `pos`, in three groups (a group with no place is left
/// out). Deterministic: the same data gives the same groups in the same order.
pub fn proposed(ds: &Dataset, index: &Index, pos: usize) -> Vec<Group> {
    let Some(place) = ds.jurisdictions.get(pos) else {
        return Vec::new();
    };
    let here = point(place);
    let dist = |j: &Jurisdiction| -> Option<f64> { Some(distance_km(here?, point(j)?)) };
    let mut taken: Vec<usize> = Vec::new();
    let mut groups = Vec::new();

    // Nearest by distance.
    let near: Vec<(u64, usize)> = candidates(ds, pos)
        .filter_map(|(i, j)| Some((metres(Some(dist(j)?)), i)))
        .collect();
    let peers = by_distance(index, near);
    push(
        &mut groups,
        &mut taken,
        Why::Near,
        "Nearest by distance (between the places’ map points)".into(),
        peers,
    );

    // Same state, nearest first (then by name) among those not proposed above.
    if let Some(code) = &place.state {
        let same: Vec<(u64, usize)> = candidates(ds, pos)
            .filter(|(i, j)| j.state.as_deref() == Some(code.as_str()) && !taken.contains(i))
            .map(|(i, j)| (metres(dist(j)), i))
            .collect();
        let peers = by_distance(index, same);
        push(
            &mut groups,
            &mut taken,
            Why::State,
            format!("In the same state ({})", escape_free(code)),
            peers,
        );
    }

    // Similar population: within a factor of two, closest ratio first.
    if let Some(p) = population(place) {
        let (lo, hi) = (p.div_ceil(2), p.saturating_mul(2));
        let similar: Vec<(u64, usize)> = candidates(ds, pos)
            .filter(|(i, _)| !taken.contains(i))
            .filter_map(|(i, j)| {
                let q = population(j).filter(|q| (lo..=hi).contains(q))?;
                // The larger of the two ratios, in millionths: the order of |ln(q / p)|.
                let (q_f, p_f) = (q as f64, p as f64);
                Some((((q_f / p_f).max(p_f / q_f) * 1e6).round() as u64, i))
            })
            .collect();
        let peers = first_by_key(index, similar, CAP)
            .into_iter()
            .filter_map(|(_, i)| {
                let q = population(ds.jurisdictions.get(i)?)?;
                Some(Peer {
                    pos: i,
                    note: format!("pop. {}", group(q)),
                })
            })
            .collect();
        push(
            &mut groups,
            &mut taken,
            Why::Population,
            format!(
                "Similar population (within a factor of two: {} to {})",
                group(lo),
                group(hi)
            ),
            peers,
        );
    }
    groups
}

/// A state code as shown (already plain text; escaped where written).
fn escape_free(code: &str) -> String {
    code.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

fn push(
    groups: &mut Vec<Group>,
    taken: &mut Vec<usize>,
    why: Why,
    reason: String,
    peers: Vec<Peer>,
) {
    if peers.is_empty() {
        return;
    }
    taken.extend(peers.iter().map(|p| p.pos));
    groups.push(Group { why, reason, peers });
}

/// The compare view of `view`, or `None` when it names no compare view or a place the data
/// lacks (the notice says so: `url_state::unknown_in_dataset`). Ids of `with=` that the data
/// lacks, or that name the place itself, are left out.
pub fn plan(ds: &Dataset, index: &Index, view: &ViewState) -> Option<Plan> {
    let id = view.compare.as_deref()?;
    let place = *index.place_pos.get(id)?;
    let mut groups = proposed(ds, index, place);
    let proposed_all: Vec<usize> = groups
        .iter()
        .flat_map(|g| g.peers.iter().map(|p| p.pos))
        .collect();
    let (shown, chosen) = match &view.with {
        None => (proposed_all.clone(), false),
        Some(ids) => {
            let mut shown: Vec<usize> = Vec::new();
            for pos in ids.iter().filter_map(|id| index.place_pos.get(id.as_str())) {
                if *pos != place && !shown.contains(pos) {
                    shown.push(*pos);
                }
            }
            (shown, true)
        }
    };
    let added: Vec<Peer> = shown
        .iter()
        .filter(|p| !proposed_all.contains(p))
        .map(|&pos| Peer {
            pos,
            note: String::new(),
        })
        .collect();
    if !added.is_empty() {
        groups.push(Group {
            why: Why::Added,
            reason: "Added by you".into(),
            peers: added,
        });
    }
    Some(Plan {
        place,
        groups,
        shown,
        chosen,
    })
}

impl Plan {
    /// The ids for `with=` after adding (`on`) or removing the place `id`; `None` when that
    /// changes nothing (an unknown id, the place itself, a place already shown or not shown).
    pub fn toggled(&self, ds: &Dataset, index: &Index, id: &str, on: bool) -> Option<Vec<String>> {
        let pos = *index.place_pos.get(id)?;
        if pos == self.place || self.shown.contains(&pos) == on {
            return None;
        }
        let mut shown = self.shown.clone();
        if on {
            shown.push(pos);
        } else {
            shown.retain(|p| *p != pos);
        }
        Some(
            shown
                .iter()
                .filter_map(|p| ds.jurisdictions.get(*p).map(|j| j.id.clone()))
                .collect(),
        )
    }

    /// What the group list and the table say of a peer: its reasons, joined.
    fn why_of(&self, pos: usize) -> String {
        let mut out: Vec<String> = Vec::new();
        for g in &self.groups {
            if let Some(p) = g.peers.iter().find(|p| p.pos == pos) {
                out.push(match (g.why, p.note.is_empty()) {
                    (Why::Near, _) => format!("nearby, {}", p.note),
                    (Why::State, _) => "same state".to_string(),
                    (Why::Population, false) => format!("similar population, {}", p.note),
                    (Why::Population, true) => "similar population".to_string(),
                    (Why::Added, _) => "added by you".to_string(),
                });
            }
        }
        out.join("; ")
    }
}

/// A tactic documented for at least one shown peer and not for the place.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap<'a> {
    /// The tactic's position in `ds.tactics`.
    pub tactic: usize,
    /// The place's own cell: not researched, or searched and not found.
    pub here: CellState<'a>,
    /// The peers (positions) where it is documented, in the order shown, with their use.
    pub peers: Vec<(usize, &'a TacticUse)>,
}

/// "Documented nearby, not documented here": every tactic documented for a peer in `peers` and
/// not documented for the place at `place`, in the dataset's tactic order.
pub fn gaps<'a>(ds: &'a Dataset, index: &Index, place: usize, peers: &[usize]) -> Vec<Gap<'a>> {
    (0..ds.tactics.len())
        .filter_map(|t| {
            let here = ds.cell(index, place, t);
            if matches!(here, CellState::Used(_)) {
                return None;
            }
            let peers: Vec<(usize, &TacticUse)> = peers
                .iter()
                .filter_map(|&p| match ds.cell(index, p, t) {
                    CellState::Used(u) => Some((p, u)),
                    _ => None,
                })
                .collect();
            (!peers.is_empty()).then_some(Gap {
                tactic: t,
                here,
                peers,
            })
        })
        .collect()
}

/// What the record says of the place for a tactic it has none for: never "does not use".
pub fn here_words(here: &CellState<'_>) -> String {
    match here {
        CellState::NotFound(u) => format!(
            "searched, no record found ({})",
            u.checked.as_deref().unwrap_or("date unknown")
        ),
        _ => "no record found in the sources researched".to_string(),
    }
}

/// A peer's documented use in short: "Bozeman (2019–2021)".
fn use_words(ds: &Dataset, pos: usize, u: &TacticUse) -> String {
    let name = ds.jurisdictions.get(pos).map_or("", |j| j.name.as_str());
    let years = u.years_label().unwrap_or_else(|| "year unknown".into());
    format!("{name} ({years})")
}

/// The name of a place with its state, "Missoula, MT".
pub fn full_name(j: &Jurisdiction) -> String {
    match &j.state {
        Some(s) if j.kind != Kind::State => format!("{}, {s}", j.name),
        _ => j.name.clone(),
    }
}

/// The inside of `<section class="compare">`: heading and actions, the table (tactics as rows,
/// the place and its peers as columns, the matrix's cell states and marks), the list of what is
/// documented for a peer and not here, with sources, then the peer groups (each place a
/// checkbox, `data-peer`) and a control to add any place. Buttons carry `data-action`.
pub fn compare_html(ds: &Dataset, index: &Index, plan: &Plan) -> String {
    let Some(place) = ds.jurisdictions.get(plan.place) else {
        return String::new();
    };
    let name = escape(&full_name(place));
    let mut out = String::with_capacity(16384);
    let _ = write!(
        out,
        "<div class=\"compare-head\"><h2 id=\"compare-title\" tabindex=\"-1\">{name} beside its peers</h2>\
         <div class=\"compare-actions\">\
         <button type=\"button\" data-action=\"profile\" data-testid=\"compare-profile\">Back to {} profile</button>\
         <button type=\"button\" data-action=\"print\" data-testid=\"print-brief\">Print or save as PDF</button>\
         <button type=\"button\" class=\"close\" data-action=\"close\">Close comparison</button></div></div>\
         <p class=\"lede\">What is documented for {name} and for places like it or near it. A blank cell \
         means not researched, and a tactic with no record is one that the sources researched do not \
         mention: neither is a statement about what a place does. Places are not ranked.</p>",
        escape(&format!("{}’s", place.name)),
    );
    // The answer first (the table, then what is documented for a peer and not here), then how
    // the places were chosen and the controls that change them.
    table_html(&mut out, ds, index, plan);
    gaps_html(&mut out, ds, index, plan);
    groups_html(&mut out, ds, plan);
    add_html(&mut out, ds, index, plan);
    out.push_str("</details>");
    out
}

fn groups_html(out: &mut String, ds: &Dataset, plan: &Plan) {
    out.push_str(
        "<details class=\"peer-groups\" open data-testid=\"peer-groups\"><summary>Compared places: how they \
         were chosen, and changing them</summary>",
    );
    if plan.chosen {
        out.push_str(
            "<p>You chose the places compared. <button type=\"button\" data-action=\"reset\" \
             data-testid=\"reset-peers\">Use the proposed places again</button></p>",
        );
    }
    if plan.groups.is_empty() {
        out.push_str("<p>The data proposes no peers for this place (it has no point, state or population).</p>");
    }
    for g in &plan.groups {
        let _ = write!(
            out,
            "<fieldset class=\"peer-group\" data-group=\"{id}\" data-testid=\"group-{id}\"><legend>{}</legend><ul>",
            escape(&g.reason),
            id = g.why.id()
        );
        for p in &g.peers {
            let Some(j) = ds.jurisdictions.get(p.pos) else {
                continue;
            };
            let on = plan.shown.contains(&p.pos);
            let note = if p.note.is_empty() {
                String::new()
            } else {
                format!(" <span class=\"why\">({})</span>", escape(&p.note))
            };
            let _ = write!(
                out,
                "<li><label class=\"check\"><input type=\"checkbox\" id=\"peer-{g}-{id}\" data-peer=\"{id}\"{}> \
                 {}{note}</label></li>",
                if on { " checked" } else { "" },
                escape(&full_name(j)),
                g = g.why.id(),
                id = escape(&j.id),
            );
        }
        out.push_str("</ul></fieldset>");
    }
}

fn add_html(out: &mut String, ds: &Dataset, index: &Index, plan: &Plan) {
    // In name order: every place but the compared one and those shown.
    let others: Vec<(u64, usize)> = (0..ds.jurisdictions.len())
        .filter(|i| *i != plan.place && !plan.shown.contains(i))
        .map(|i| (0, i))
        .collect();
    let places: Vec<&Jurisdiction> = first_by_key(index, others, usize::MAX)
        .into_iter()
        .filter_map(|(_, i)| ds.jurisdictions.get(i))
        .collect();
    out.push_str(
        "<div class=\"peer-add\"><label for=\"peer-add\">Add a place</label> \
         <select id=\"peer-add\" data-testid=\"peer-add\"><option value=\"\">Choose a place…</option>",
    );
    for j in places {
        let _ = write!(
            out,
            "<option value=\"{}\">{}</option>",
            escape(&j.id),
            escape(&full_name(j))
        );
    }
    out.push_str(
        "</select> <button type=\"button\" data-action=\"add\" data-testid=\"peer-add-button\">Add</button></div>",
    );
}

/// The table: tactics as rows, the place then its peers as columns. The place's column comes
/// first and stays in view when the table scrolls sideways (public/app.css).
fn table_html(out: &mut String, ds: &Dataset, index: &Index, plan: &Plan) {
    let Some(place) = ds.jurisdictions.get(plan.place) else {
        return;
    };
    let filter = Filter::default();
    let cols: Vec<usize> = std::iter::once(plan.place)
        .chain(plan.shown.iter().copied())
        .collect();
    let _ = write!(
        out,
        "<div class=\"compare-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"compare-caption\">\
         <table class=\"compare-table\" data-testid=\"compare-table\"><caption id=\"compare-caption\">Tactics documented \
         for {} and the {} places compared with it.{}</caption><thead><tr><th scope=\"col\" class=\"cmp-tactic\">Tactic</th>",
        escape(&full_name(place)),
        plan.shown.len(),
        crate::markup::rows::BLANK_CELL_NOTE
    );
    for (n, &pos) in cols.iter().enumerate() {
        let Some(j) = ds.jurisdictions.get(pos) else {
            continue;
        };
        let why = if n == 0 {
            "this place".to_string()
        } else {
            plan.why_of(pos)
        };
        let _ = write!(
            out,
            "<th scope=\"col\" data-place=\"{}\"{}><span class=\"name\">{}</span> <span class=\"why\">{}</span></th>",
            escape(&j.id),
            if n == 0 { " class=\"here-col\"" } else { "" },
            escape(&full_name(j)),
            escape(&why)
        );
    }
    out.push_str("</tr></thead><tbody>");
    for (t, tactic) in ds.tactics.iter().enumerate() {
        let _ = write!(
            out,
            "<tr data-tactic=\"{}\"><th scope=\"row\" class=\"cmp-tactic\">{}</th>",
            escape(&tactic.id),
            escape(&tactic.name)
        );
        for (n, &pos) in cols.iter().enumerate() {
            let state = ds.cell(index, pos, t);
            let (class, words) = cell_text(ds, index, state, &filter);
            let here = if n == 0 { " here-col" } else { "" };
            let tip = tooltip(ds, index, pos, t);
            let tip = if tip.is_empty() {
                String::new()
            } else {
                format!(" title=\"{}\"", escape(&tip))
            };
            let _ = write!(
                out,
                "<td class=\"cell cell-{class}{here}\" data-state=\"{class}\"{tip}><span class=\"cell-btn\" aria-hidden=\"true\"></span><span class=\"sr\">{}</span></td>",
                escape(&words)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out.push_str(crate::markup::rows::LEGEND_HTML);
}

fn gaps_html(out: &mut String, ds: &Dataset, index: &Index, plan: &Plan) {
    let Some(place) = ds.jurisdictions.get(plan.place) else {
        return;
    };
    let gaps = gaps(ds, index, plan.place, &plan.shown);
    let _ = write!(
        out,
        "<h3 id=\"compare-gaps\">Documented for a compared place, not documented for {}</h3>",
        escape(&place.name)
    );
    if gaps.is_empty() {
        let _ = write!(out, "<p data-testid=\"gaps-none\">{NO_GAPS}</p>");
        return;
    }
    out.push_str("<ul class=\"gaps\" data-testid=\"gaps\">");
    for g in &gaps {
        let Some(tactic) = ds.tactics.get(g.tactic) else {
            continue;
        };
        let _ = write!(
            out,
            "<li data-tactic=\"{}\"><strong>{}</strong>: for {}, {}. Documented for ",
            escape(&tactic.id),
            escape(&tactic.name),
            escape(&place.name),
            here_words(&g.here)
        );
        let mut first = true;
        for &(pos, u) in &g.peers {
            let Some(peer) = ds.jurisdictions.get(pos) else {
                continue;
            };
            if !first {
                out.push_str("; ");
            }
            first = false;
            let _ = write!(
                out,
                "<span data-peer=\"{}\">{}</span>",
                escape(&peer.id),
                escape(&use_words(ds, pos, u))
            );
            let mut links = String::new();
            for (k, id) in u.sources.iter().enumerate() {
                if let Some(s) = ds.source(index, id) {
                    if k > 0 {
                        links.push_str(", ");
                    }
                    link(&mut links, &s.url, &shorten(&s.title, 60));
                }
            }
            if !links.is_empty() {
                let _ = write!(out, " <span class=\"refs\">(sources: {links})</span>");
            }
        }
        out.push_str(".</li>");
    }
    out.push_str("</ul>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::{Location, Population};
    use crate::query::url_state::parse;

    /// The small fixture with points, states and populations for peers.
    fn fixture() -> Dataset {
        let mut ds = crate::small_fixture();
        let template = ds.jurisdictions[0].clone();
        let mut add = |id: &str, state: &str, lat: f64, lon: f64, pop: u64| {
            let mut j = template.clone();
            j.id = id.into();
            j.name = id.to_uppercase();
            j.state = Some(state.into());
            j.parents.clear();
            j.location = Some(Location {
                lat,
                lon,
                source: "src-a".into(),
                note: None,
            });
            j.population = Some(Population {
                value: pop,
                year: Some(2020),
                source: "src-a".into(),
                note: None,
            });
            ds.jurisdictions.push(j);
        };
        for k in 0..8 {
            add(
                &format!("near-{k}"),
                "ID",
                46.9,
                -114.0 - 0.1 * (k as f64 + 1.0),
                1_000_000,
            );
        }
        for k in 0..3 {
            add(
                &format!("same-{k}"),
                "MT",
                40.0 + k as f64,
                -100.0,
                1_000_000,
            );
        }
        for (k, pop) in [60_000u64, 150_000, 149_644, 37_411, 36_000]
            .iter()
            .enumerate()
        {
            add(&format!("pop-{k}"), "TX", 30.0, -90.0 - k as f64, *pop);
        }
        ds.jurisdictions[0].location = Some(Location {
            lat: 46.9,
            lon: -114.0,
            source: "src-a".into(),
            note: None,
        });
        ds
    }

    #[test]
    fn distance_is_great_circle() {
        // Missoula to Bozeman is about 280 km as the crow flies.
        let d = distance_km((46.8721, -113.994), (45.677, -111.0429));
        assert!((d - 263.0).abs() < 15.0, "{d}");
        assert_eq!(distance_km((1.0, 2.0), (1.0, 2.0)), 0.0);
        assert_eq!(miles(1.609_344 * 4.24), "4.2 mi");
        assert_eq!(miles(1.609_344 * 79.4), "79 mi");
        assert_eq!(miles(1.609_344 * 1234.0), "1,234 mi");
    }

    #[test]
    fn three_groups_each_capped_ordered_and_without_repeats() {
        let ds = fixture();
        let index = ds.index();
        let groups = proposed(&ds, &index, 0);
        let ids = |g: &Group| -> Vec<String> {
            g.peers
                .iter()
                .map(|p| ds.jurisdictions[p.pos].id.clone())
                .collect()
        };
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].why, Why::Near);
        assert_eq!(
            ids(&groups[0]),
            ["near-0", "near-1", "near-2", "near-3", "near-4"]
        );
        assert_eq!(groups[1].why, Why::State);
        // Gamma County has no point: after the located ones.
        assert_eq!(
            ids(&groups[1]),
            ["same-2", "same-1", "same-0", "gamma-county-mt"]
        );
        assert!(groups[1].reason.contains("(MT)"));
        assert_eq!(groups[2].why, Why::Population);
        // 74,822: 37,411 to 149,644 inclusive, closest ratio first (ties by id); 150,000 is out.
        assert_eq!(ids(&groups[2]), ["pop-0", "pop-2", "pop-3"]);
        assert!(
            groups[2].reason.contains("37,411 to 149,644"),
            "{}",
            groups[2].reason
        );
        assert_eq!(proposed(&ds, &index, 0), groups, "deterministic");
    }

    #[test]
    fn with_chooses_the_peers_and_unknown_ids_are_left_out() {
        let ds = fixture();
        let index = ds.index();
        let (view, _) = parse("?compare=alpha-mt&with=beta-id,gone,alpha-mt,near-7");
        let plan = plan(&ds, &index, &view).expect("a plan");
        let ids: Vec<&str> = plan
            .shown
            .iter()
            .map(|p| ds.jurisdictions[*p].id.as_str())
            .collect();
        assert_eq!(ids, ["beta-id", "near-7"]);
        assert!(plan.chosen);
        let added = plan.groups.last().expect("added group");
        assert_eq!(added.why, Why::Added);
        assert_eq!(
            plan.toggled(&ds, &index, "beta-id", false),
            Some(vec!["near-7".to_string()])
        );
        assert_eq!(
            plan.toggled(&ds, &index, "near-0", true),
            Some(vec!["beta-id".into(), "near-7".into(), "near-0".into()])
        );
        assert_eq!(plan.toggled(&ds, &index, "gone", true), None);
        assert_eq!(plan.toggled(&ds, &index, "alpha-mt", true), None);
        assert!(plan_of(&ds, "?compare=nowhere").is_none());
        assert!(plan_of(&ds, "").is_none());
    }

    fn plan_of(ds: &Dataset, q: &str) -> Option<Plan> {
        plan(ds, &ds.index(), &parse(q).0)
    }

    #[test]
    fn gaps_are_tactics_documented_for_a_peer_and_not_here() {
        let ds = crate::small_fixture();
        let index = ds.index();
        let beta = index.place_pos["beta-id"];
        let alpha = index.place_pos["alpha-mt"];
        // Beta documents web stings only, which Alpha documents too.
        assert!(gaps(&ds, &index, alpha, &[beta]).is_empty());
        // Seen from Beta: Alpha's john school and web stings... web stings are Beta's own.
        let g = gaps(&ds, &index, beta, &[alpha]);
        let tactics: Vec<&str> = g.iter().map(|g| ds.tactics[g.tactic].id.as_str()).collect();
        assert_eq!(tactics, ["john-school"]);
        assert_eq!(
            here_words(&g[0].here),
            "no record found in the sources researched"
        );
        assert_eq!(g[0].peers[0].0, alpha);
    }

    #[test]
    fn the_markup_escapes_and_never_says_not_used_or_ranks() {
        let mut ds = fixture();
        ds.jurisdictions[1].name = "<b>Beta</b>".into();
        let index = ds.index();
        let p = plan(&ds, &index, &parse("?compare=alpha-mt&with=beta-id").0).expect("plan");
        let html = compare_html(&ds, &index, &p);
        assert!(html.contains("&lt;b&gt;Beta&lt;/b&gt;") && !html.contains("<b>Beta"));
        for banned in ["does not use", "doesn't use", "better", "worse", "rank "] {
            assert!(!html.to_lowercase().contains(banned), "{banned}");
        }
        assert!(html.contains("<th scope=\"col\""));
        assert!(html.contains("<th scope=\"row\""));
        assert!(html.contains("data-testid=\"reset-peers\""));
        assert!(html.contains("cell-unknown"));
    }
}
