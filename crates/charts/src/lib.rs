//! Charts as SVG text, drawn with plotters' SVG backend, plus the words, the table and the CSV
//! that stand in for the picture.
//!
//! Pure: no DOM, so it runs in native tests (where plotters' naive font estimate makes the output
//! byte-for-byte deterministic) and in wasm. Every input is tolerated: empty panels, a single
//! point, `u64::MAX`, `from > to`, years far apart, hostile text.
//!
//! Drawing rules: one panel per unit; x = years (integer ticks, "FY2021" for fiscal series);
//! y starts at 0. Lines join consecutive years only, so a missing year is a gap, never a zero.
//! Every observation gets a marker; where a period has several figures, the first source's
//! figure carries the series' shape (and the line or bar), every further one a cross, so
//! disagreeing figures are all visible. Series differ by colour (Okabe-Ito, at least 3:1 against
//! the background) and by marker shape, named in a legend. Events are thin vertical lines with
//! short labels laid out in rows above the plot so they neither overlap each other nor the data.
//!
//! This file holds the public types; the work is in modules named for what they hold.

use tactics_core::model::dataset::Series;

mod backend;
mod draw;
pub mod html;
mod layout;
mod panel;
mod plan;
mod scale;
pub mod standalone;
mod svg;
mod table;
mod theme;
mod words;

pub use draw::render_svg;
pub use panel::panels;
pub use table::{table_rows, to_csv};
pub use tactics_core::markup::text::{escape as escape_xml, group};
pub use words::describe;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartKind {
    #[default]
    Line,
    Bar,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChartOptions {
    /// Width in CSS pixels (the UI passes 390..960); clamped to 200..=4000.
    pub width: u32,
    /// Height in CSS pixels; clamped to 150..=3000.
    pub height: u32,
    /// First year drawn (inclusive); the data's first year when None.
    pub from: Option<i32>,
    /// Last year drawn (inclusive); the data's last year when None.
    pub to: Option<i32>,
    pub dark: bool,
    pub kind: ChartKind,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 960,
            height: 420,
            from: None,
            to: None,
            dark: false,
            kind: ChartKind::Line,
        }
    }
}

/// Series that share a unit, drawn on one pair of axes.
#[derive(Debug, Clone)]
pub struct Panel<'a> {
    pub unit: String,
    pub series: Vec<&'a Series>,
}

/// One row of the data table: exactly one drawn mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    pub period_label: String,
    pub period: i32,
    pub series_name: String,
    pub value: u64,
    pub source_id: String,
    /// The sources disagree about this series' figure for this period.
    pub conflict: bool,
    pub note: Option<String>,
}

/// The place whose series are shown when the URL names none and no place is open.
const STATEWIDE: &str = "montana";

/// Series ids to draw (the app, and the build-time first view): the URL's choice, else the open
/// place's series with its state's headline series beside them (kept, not replaced, so the
/// place reads against its state; [`beside_note`] says so), else the statewide ones.
pub fn chosen_series(
    ds: &tactics_core::model::dataset::Dataset,
    view: &tactics_core::query::url_state::ViewState,
) -> Vec<String> {
    let known = |id: &String| ds.series.iter().any(|s| s.id == *id);
    if view.series.iter().any(known) {
        return view.series.iter().filter(|id| known(id)).cloned().collect();
    }
    let of = |place: &str| -> Vec<String> {
        ds.series
            .iter()
            .filter(|s| s.place == place)
            .map(|s| s.id.clone())
            .collect()
    };
    let headline = view.place.as_deref().and_then(|p| state_headline(ds, p));
    let mut from_place = view.place.as_deref().map(of).unwrap_or_default();
    if !from_place.is_empty() {
        if let Some(h) = headline {
            if !from_place.contains(&h) {
                from_place.push(h);
            }
        }
        return from_place;
    }
    if let Some(h) = headline {
        return vec![h];
    }
    // The statewide headline series: the first one the dataset lists for the state.
    if let Some(first) = of(STATEWIDE).into_iter().next() {
        return vec![first];
    }
    ds.series
        .first()
        .map(|s| vec![s.id.clone()])
        .unwrap_or_default()
}

/// The state a place lies in: its parent of kind state, else the state with its state code
/// (the place itself when it is a state).
fn state_of<'a>(
    ds: &'a tactics_core::model::dataset::Dataset,
    place: &str,
) -> Option<&'a tactics_core::model::dataset::Jurisdiction> {
    use tactics_core::model::dataset::Kind;
    let p = ds.jurisdictions.iter().find(|j| j.id == place)?;
    if p.kind == Kind::State {
        return Some(p);
    }
    let states = || ds.jurisdictions.iter().filter(|j| j.kind == Kind::State);
    states()
        .find(|s| p.parents.contains(&s.id))
        .or_else(|| states().find(|s| s.state.is_some() && s.state == p.state))
}

/// The headline series of the state a place lies in (the first series the dataset lists for
/// that state), or `None` when the data has none.
pub fn state_headline(ds: &tactics_core::model::dataset::Dataset, place: &str) -> Option<String> {
    let state = state_of(ds, place)?;
    ds.series
        .iter()
        .find(|s| s.place == state.id)
        .map(|s| s.id.clone())
}

/// The words over the charts when a place is open and the URL names no series: whose series
/// are drawn, and that the state's headline series is kept beside them for comparison.
pub fn beside_note(
    ds: &tactics_core::model::dataset::Dataset,
    view: &tactics_core::query::url_state::ViewState,
) -> Option<String> {
    let known = |id: &String| ds.series.iter().any(|s| s.id == *id);
    if view.series.iter().any(known) {
        return None;
    }
    let place = view.place.as_deref()?;
    let p = ds.jurisdictions.iter().find(|j| j.id == place)?;
    let headline = state_headline(ds, place)?;
    let state = state_of(ds, place)?;
    if state.id == p.id {
        return None;
    }
    let name = ds
        .series
        .iter()
        .find(|s| s.id == headline)
        .map_or(headline.as_str(), |s| s.name.as_str());
    let own = ds.series.iter().any(|s| s.place == place);
    Some(if own {
        format!(
            "{}’s own series, with {}’s headline series beside them for comparison: {}.",
            p.name, state.name, name
        )
    } else {
        format!(
            "The data has no series for {}; {}’s headline series is shown: {}.",
            p.name, state.name, name
        )
    })
}
