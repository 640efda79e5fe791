//! Map requests: the app sends what the matrix shows for every place (matched, row total,
//! checked-tactic use); the worker joins it with its own copy of the dataset (name, kind,
//! state, location), picks the geometry files to fetch and draws the map. Pure, tested natively.

use tactics_core::dataset::{Dataset, Index, Kind};
use tactics_core::map_marks::PlaceMark;
use tactics_core::text::escape;
use tactics_map::geo::GeoLayer;
use tactics_map::marks::{Checked, LatLon, MarkInput, MarkKind};
use tactics_map::palette::Theme;
use tactics_map::render::{render, MapGeometry, MapOptions, MapSvg};
use tactics_map::states::by_postal;
use tactics_map::view::ViewBox;

/// One place as the app sees it under the current filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceEntry {
    pub id: String,
    pub matched: bool,
    pub used: u8,
    pub checked_used: u8,
}

/// What a map request asks for, read from the message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapRequest {
    pub places: Vec<PlaceEntry>,
    pub checked: Checked,
    pub dark: bool,
    pub width_px: f64,
    /// A zoomed or panned view; None fits the map.
    pub view: Option<ViewBox>,
}

/// The app's side: the entries for `marks` (from `tactics_core::map_marks::place_marks`).
pub fn entries(ds: &Dataset, marks: &[PlaceMark]) -> Vec<PlaceEntry> {
    marks
        .iter()
        .filter_map(|m| {
            Some(PlaceEntry {
                id: ds.jurisdictions.get(m.pos)?.id.clone(),
                matched: m.matched,
                used: small(m.used),
                checked_used: small(m.checked_used),
            })
        })
        .collect()
}

fn small(n: usize) -> u8 {
    u8::try_from(n).unwrap_or(u8::MAX)
}

/// Joins the entries with the dataset; ids the dataset does not know are skipped.
pub fn mark_inputs(ds: &Dataset, index: &Index, places: &[PlaceEntry]) -> Vec<MarkInput> {
    places
        .iter()
        .filter_map(|e| {
            let j = ds.place(index, &e.id)?;
            Some(MarkInput {
                id: j.id.clone(),
                name: j.name.clone(),
                kind: match j.kind {
                    Kind::City => MarkKind::City,
                    Kind::County => MarkKind::County,
                    Kind::State => MarkKind::State,
                    Kind::Nation => MarkKind::Other,
                },
                kind_label: j.kind.id().to_string(),
                state: j.state.clone(),
                location: j.location.as_ref().map(|l| LatLon {
                    lat: l.lat,
                    lon: l.lon,
                }),
                used: e.used,
                checked_used: e.checked_used,
                matched: e.matched,
            })
        })
        .collect()
}

/// The county files to fetch (FIPS codes, sorted): the states in which the dataset has a
/// place of kind county. Unknown state codes are skipped.
pub fn county_files(ds: &Dataset) -> Vec<&'static str> {
    let mut fips: Vec<&'static str> = ds
        .jurisdictions
        .iter()
        .filter(|j| j.kind == Kind::County)
        .filter_map(|j| by_postal(j.state.as_deref()?).map(|s| s.fips))
        .collect();
    fips.sort_unstable();
    fips.dedup();
    fips
}

/// Draws the map for a request.
pub fn draw(
    ds: &Dataset,
    index: &Index,
    states: &GeoLayer,
    counties: &[GeoLayer],
    r: &MapRequest,
) -> MapSvg {
    let marks = mark_inputs(ds, index, &r.places);
    let opts = MapOptions {
        title: "Map of the places".into(),
        checked: r.checked,
        theme: if r.dark { Theme::Dark } else { Theme::Light },
        width_px: r.width_px,
        hide_unmatched: false,
        view: r.view,
    };
    render(&MapGeometry { states, counties }, &marks, &opts)
}

/// The places without a location as escaped HTML for under the map: a heading and a button
/// per place (`data-place`, opened like a mark), or nothing when every place is on the map.
pub fn not_on_map_html(ds: &Dataset, index: &Index, ids: &[String]) -> String {
    let items: String = ids
        .iter()
        .filter_map(|id| ds.place(index, id))
        .map(|j| {
            format!(
                "<li><button type=\"button\" class=\"place\" data-place=\"{}\">{}</button></li>",
                escape(&j.id),
                escape(&j.name)
            )
        })
        .collect();
    if items.is_empty() {
        return String::new();
    }
    format!(
        "<div class=\"not-on-map\" data-testid=\"not-on-map\"><h3>Not on the map</h3>\
         <p>These places have no location in the dataset.</p><ul>{items}</ul></div>"
    )
}
