//! Draws a dataset's places to an HTML page, to look at the map without the app:
//! `cargo run --example preview -- <dataset.json> <public/geo> <out.html> [light|dark] [width px] [tactic,tactic]`.
//! Places are matched the simple way (any checked tactic); the app maps its own filter.

use serde_json::Value;
use std::collections::BTreeSet;
use tactics_map::geo::parse_layer;
use tactics_map::marks::{Checked, LatLon, MarkInput, MarkKind};
use tactics_map::palette::{hex, Theme};
use tactics_map::render::{render, MapGeometry, MapOptions};

fn main() -> Result<(), String> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    let ds: Value = serde_json::from_str(&read(arg(1))?).map_err(|e| e.to_string())?;
    let checked: Vec<&str> = arg(6).split(',').filter(|s| !s.is_empty()).collect();
    let marks = marks(&ds, &checked);
    let states = parse_layer(&read(&format!("{}/states.json", arg(2)))?)?;
    let county_states: BTreeSet<String> = marks
        .iter()
        .filter(|m| m.kind == MarkKind::County)
        .filter_map(|m| m.state.clone())
        .collect();
    let mut counties = Vec::new();
    for st in county_states {
        if let Some(s) = tactics_map::states::by_postal(&st) {
            counties.push(parse_layer(&read(&format!(
                "{}/counties/{}.json",
                arg(2),
                s.fips
            ))?)?);
        }
    }
    let theme = if arg(4) == "dark" {
        Theme::Dark
    } else {
        Theme::Light
    };
    let opts = MapOptions {
        checked: Checked {
            count: checked.len() as u8,
            all: false,
        },
        theme,
        width_px: arg(5).parse().unwrap_or(800.0),
        ..MapOptions::default()
    };
    let map = render(
        &MapGeometry {
            states: &states,
            counties: &counties,
        },
        &marks,
        &opts,
    );
    let page = format!(
        "<!doctype html><meta charset=utf-8><style>body{{margin:0;background:{bg};color:{fg};font:14px system-ui}}\
         svg{{display:block;width:{w}px}} .mark:focus-visible .focus-ring{{visibility:visible}} .mark:focus{{outline:none}}</style>\
         {svg}<p style=\"margin:8px\">{sum}</p><p style=\"margin:8px\">Not on the map: {off}</p>",
        bg = hex(theme.palette().background),
        fg = hex(theme.palette().text),
        w = opts.width_px,
        svg = map.svg,
        sum = map.summary,
        off = map.not_on_map.join(", ")
    );
    std::fs::write(arg(3), page).map_err(|e| e.to_string())?;
    eprintln!("{} bytes of SVG, order {:?}", map.svg.len(), map.order);
    Ok(())
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

fn marks(ds: &Value, checked: &[&str]) -> Vec<MarkInput> {
    let uses: Vec<(&str, &str)> = ds["uses"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|u| u["status"] == "used")
        .filter_map(|u| Some((u["place"].as_str()?, u["tactic"].as_str()?)))
        .collect();
    let mut out = Vec::new();
    for j in ds["jurisdictions"].as_array().into_iter().flatten() {
        let id = j["id"].as_str().unwrap_or("");
        let used = uses.iter().filter(|(p, _)| *p == id).count() as u8;
        let hits = uses
            .iter()
            .filter(|(p, t)| *p == id && checked.contains(t))
            .count() as u8;
        let kind = match j["kind"].as_str() {
            Some("city") => MarkKind::City,
            Some("county") => MarkKind::County,
            Some("state") => MarkKind::State,
            _ => MarkKind::Other,
        };
        let loc = &j["location"];
        out.push(MarkInput {
            id: id.into(),
            name: j["name"].as_str().unwrap_or("").into(),
            kind,
            kind_label: j["kind"].as_str().unwrap_or("").into(),
            state: j["state"].as_str().map(String::from),
            location: loc["lat"]
                .as_f64()
                .zip(loc["lon"].as_f64())
                .map(|(lat, lon)| LatLon { lat, lon }),
            used,
            checked_used: hits,
            matched: checked.is_empty() || hits > 0,
        });
    }
    out
}
