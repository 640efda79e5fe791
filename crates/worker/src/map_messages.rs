//! The map request as messages: read the request, fetch the geometry files once (same
//! origin, from the `geo` base the app gives) and keep them, draw, reply. The drawing is
//! `tactics_worker::map` (pure, tested natively).

use crate::protocol::{error, flag, get, number, reply, set, string};
use crate::requests::{dataset, fetch_bytes};
use js_sys::Array;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tactics_map::geo::{parse_layer, GeoLayer};
use tactics_map::marks::Checked;
use tactics_map::view::ViewBox;
use tactics_worker::map::{county_files, draw, not_on_map_html, MapRequest, PlaceEntry};
use wasm_bindgen::JsValue;

thread_local! {
    /// Geometry files by URL, fetched once per worker.
    static GEO: RefCell<HashMap<String, Rc<GeoLayer>>> = RefCell::new(HashMap::new());
}

pub async fn map(id: f64, msg: &JsValue) -> JsValue {
    let data = match dataset().await {
        Ok(d) => d,
        Err(e) => return error(id, &e),
    };
    let Some(base) = string(msg, "geo") else {
        return error(id, "The map request has no geo address.");
    };
    let states = match layer(&format!("{base}states.json")).await {
        Ok(l) => l,
        Err(e) => return error(id, &e),
    };
    let mut counties = Vec::new();
    for fips in county_files(&data.ds) {
        // Counties are context: without them the map still shows states and places.
        if let Ok(l) = layer(&format!("{base}counties/{fips}.json")).await {
            counties.push((*l).clone());
        }
    }
    let request = read_request(msg);
    let map = draw(&data.ds, &data.index, &states, &counties, &request);
    let out = reply(id);
    set(&out, "svg", &JsValue::from_str(&map.svg));
    set(&out, "summary", &JsValue::from_str(&map.summary));
    set(&out, "order", &strings(&map.order));
    let list = not_on_map_html(&data.ds, &data.index, &map.not_on_map);
    set(&out, "notOnMap", &JsValue::from_str(&list));
    let f = map.fitted;
    set(&out, "fitted", &numbers(&[f.x, f.y, f.w, f.h]));
    out.into()
}

/// A geometry file, from the cache or fetched and checked.
async fn layer(url: &str) -> Result<Rc<GeoLayer>, String> {
    if let Some(l) = GEO.with(|g| g.borrow().get(url).cloned()) {
        return Ok(l);
    }
    let bytes = fetch_bytes(url)
        .await
        .map_err(|what| format!("The map outlines {url} could not be {what}."))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{url} is not UTF-8 text."))?;
    let layer = Rc::new(parse_layer(&text).map_err(|e| format!("{url}: {e}"))?);
    GEO.with(|g| g.borrow_mut().insert(url.to_string(), layer.clone()));
    Ok(layer)
}

fn read_request(msg: &JsValue) -> MapRequest {
    let places = get(msg, "places");
    let places: Vec<PlaceEntry> = if Array::is_array(&places) {
        Array::from(&places)
            .iter()
            .filter_map(|p| entry(&p))
            .collect()
    } else {
        Vec::new()
    };
    let count = |k: &str| number(msg, k).filter(|n| n.is_finite() && *n >= 0.0);
    MapRequest {
        places,
        checked: Checked {
            count: count("checked").map_or(0, |n| n.min(255.0) as u8),
            all: flag(msg, "all"),
        },
        dark: flag(msg, "dark"),
        width_px: count("width").unwrap_or(800.0),
        view: view_box(&get(msg, "view")),
    }
}

/// One place: `[id, matched, used, checkedUsed]`; None when malformed.
fn entry(p: &JsValue) -> Option<PlaceEntry> {
    let a = Array::is_array(p).then(|| Array::from(p))?;
    let n = |i: u32| {
        a.get(i)
            .as_f64()
            .filter(|n| n.is_finite())
            .map(|n| n.clamp(0.0, 255.0) as u8)
    };
    Some(PlaceEntry {
        id: a.get(0).as_string()?,
        matched: a.get(1).as_bool()?,
        used: n(2)?,
        checked_used: n(3)?,
    })
}

/// `[x, y, w, h]` with a positive, finite size; None otherwise (the map is fitted).
fn view_box(v: &JsValue) -> Option<ViewBox> {
    let a = Array::is_array(v).then(|| Array::from(v))?;
    let n: Vec<f64> = a.iter().filter_map(|x| x.as_f64()).collect();
    match n[..] {
        [x, y, w, h] if n.iter().all(|v| v.is_finite()) && w > 0.0 && h > 0.0 => {
            Some(ViewBox { x, y, w, h })
        }
        _ => None,
    }
}

fn strings(items: &[String]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

fn numbers(items: &[f64]) -> JsValue {
    items
        .iter()
        .map(|n| JsValue::from_f64(*n))
        .collect::<Array>()
        .into()
}
