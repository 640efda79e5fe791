//! Map requests: the app sends what the matrix shows for every place (matched, row total,
//! checked-tactic use; `tactics_core::query::worker_protocol::MapRequest`); the worker joins it with its own copy of the dataset (name, kind,
//! state, location), picks the geometry files to fetch and draws the map. Pure, tested natively.

use tactics_core::markup::text::escape;
use tactics_core::model::dataset::{Dataset, Index, Kind};
use tactics_core::query::worker_protocol as protocol;
/// One place as the app sees it, and the app's side that lists them: one definition for both.
pub use tactics_core::query::worker_protocol::{entries, PlaceEntry};
use tactics_map::geo::GeoLayer;
use tactics_map::marks::{Checked, LatLon, MarkInput, MarkKind};
use tactics_map::palette::Theme;
use tactics_map::render::{county_states, render, MapGeometry, MapOptions, MapSvg};
use tactics_map::states::by_postal;
use tactics_map::view::ViewBox;

/// What a map request asks for, in the drawing's own types.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapRequest {
    pub places: Vec<PlaceEntry>,
    pub checked: Checked,
    pub dark: bool,
    pub width_px: f64,
    /// A zoomed or panned view; None fits the map.
    pub view: Option<ViewBox>,
}

impl MapRequest {
    /// The request as the app sent it: a width that is not a number of 0 or more draws the map
    /// 800 pixels wide, and a view that is not a finite box with a positive size fits it.
    pub fn from_message(m: protocol::MapRequest) -> MapRequest {
        MapRequest {
            places: m.places,
            checked: Checked {
                count: m.checked,
                all: m.all,
            },
            dark: m.dark,
            width_px: m
                .width
                .filter(|n| n.is_finite() && *n >= 0.0)
                .unwrap_or(800.0),
            view: m
                .view
                .and_then(protocol::view_box)
                .map(|[x, y, w, h]| ViewBox { x, y, w, h }),
        }
    }
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

/// A request joined with the dataset: the marks and how they are drawn, made once and used to
/// pick the county files and to draw.
pub struct Prepared {
    pub marks: Vec<MarkInput>,
    pub opts: MapOptions,
}

impl Prepared {
    pub fn new(ds: &Dataset, index: &Index, r: &MapRequest) -> Prepared {
        Prepared {
            marks: mark_inputs(ds, index, &r.places),
            opts: MapOptions {
                title: "Map of the places".into(),
                checked: r.checked,
                theme: if r.dark { Theme::Dark } else { Theme::Light },
                width_px: r.width_px,
                hide_unmatched: false,
                view: r.view,
            },
        }
    }
}

/// The county files a request needs (FIPS codes, sorted): of the states whose county lines
/// the map shows at its view (`tactics_map::render::county_states`), those in which the
/// dataset has a place of kind county. Unknown state codes are skipped.
pub fn county_files(ds: &Dataset, states: &GeoLayer, p: &Prepared) -> Vec<&'static str> {
    let shown = county_states(states, &p.marks, &p.opts);
    let mut fips: Vec<&'static str> = ds
        .jurisdictions
        .iter()
        .filter(|j| j.kind == Kind::County)
        .filter_map(|j| j.state.as_deref())
        .filter(|s| shown.contains(&s.trim().to_ascii_uppercase()))
        .filter_map(|s| by_postal(s).map(|st| st.fips))
        .collect();
    fips.sort_unstable();
    fips.dedup();
    fips
}

/// Draws the map.
pub fn draw(states: &GeoLayer, counties: &[GeoLayer], p: &Prepared) -> MapSvg {
    render(&MapGeometry { states, counties }, &p.marks, &p.opts)
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
