//! The map request: fetch the geometry files it needs once (same origin, from the `geo` base
//! the app gives; county files only for a view close enough to show their lines) and keep
//! them, draw, reply. The drawing is `tactics_worker::map` (pure, tested
//! natively).

use crate::requests::{dataset, fetch_bytes, only, Outcome};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tactics_core::query::worker_protocol::{self as protocol, MapReply, Reply};
use tactics_map::geo::{parse_layer, GeoLayer};
use tactics_worker::map::{county_files, draw, not_on_map_html, MapRequest};

thread_local! {
    /// Geometry files by URL, fetched once per worker.
    static GEO: RefCell<HashMap<String, Rc<GeoLayer>>> = RefCell::new(HashMap::new());
}

pub async fn map(message: protocol::MapRequest) -> Outcome {
    let data = dataset().await?;
    let base = message.geo.clone();
    if base.is_empty() {
        return Err("The map request has no geo address.".into());
    }
    let states = layer(&format!("{base}states.json")).await?;
    let request = MapRequest::from_message(message);
    let mut counties = Vec::new();
    for fips in county_files(&data.ds, &data.index, &states, &request) {
        // Counties are context: without them the map still shows states and places.
        if let Ok(l) = layer(&format!("{base}counties/{fips}.json")).await {
            counties.push((*l).clone());
        }
    }
    let map = draw(&data.ds, &data.index, &states, &counties, &request);
    let f = map.fitted;
    only(Reply::Map(MapReply {
        not_on_map: not_on_map_html(&data.ds, &data.index, &map.not_on_map),
        svg: map.svg,
        summary: map.summary,
        order: map.order,
        fitted: protocol::view_box([f.x, f.y, f.w, f.h]),
    }))
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
