//! The map request: fetch the geometry files it needs once (same origin, from the `geo` base
//! the app gives; county files only for a view close enough to show their lines) and keep
//! them, draw, reply. The drawing is `tactics_worker::map` (pure, tested
//! natively).

use crate::requests::{dataset, fetch_bytes, only, Outcome};
use futures_util::future::{join_all, FutureExt, LocalBoxFuture, Shared};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use tactics_core::query::worker_protocol::{self as protocol, MapReply, Reply};
use tactics_map::geo::{parse_layer, GeoLayer};
use tactics_worker::map::{county_files, draw, not_on_map_html, MapRequest, Prepared};

/// A geometry file being fetched and checked, or done: shared by the requests that need it.
type Loading = Shared<LocalBoxFuture<'static, Result<Rc<GeoLayer>, String>>>;

thread_local! {
    /// Geometry files by URL, fetched once per worker (a failed one is tried again).
    static GEO: RefCell<HashMap<String, Loading>> = RefCell::new(HashMap::new());
}

pub async fn map(message: protocol::MapRequest) -> Outcome {
    let data = dataset().await?;
    let base = message.geo.clone();
    if base.is_empty() {
        return Err("The map request has no geo address.".into());
    }
    let states = layer(format!("{base}states.json")).await?;
    let prepared = Prepared::new(&data.ds, &data.index, &MapRequest::from_message(message));
    // All at once; counties are context: without them the map still shows states and places.
    let files = county_files(&data.ds, &states, &prepared);
    let counties: Vec<GeoLayer> = join_all(
        files
            .iter()
            .map(|fips| layer(format!("{base}counties/{fips}.json"))),
    )
    .await
    .into_iter()
    .filter_map(|l| l.ok().map(|l| (*l).clone()))
    .collect();
    let map = draw(&states, &counties, &prepared);
    let f = map.fitted;
    only(Reply::Map(MapReply {
        not_on_map: not_on_map_html(&data.ds, &data.index, &map.not_on_map),
        svg: map.svg,
        summary: map.summary,
        order: map.order,
        fitted: protocol::view_box([f.x, f.y, f.w, f.h]),
    }))
}

/// A geometry file: fetched once, whichever requests ask for it meanwhile.
async fn layer(url: String) -> Result<Rc<GeoLayer>, String> {
    let loading = GEO.with(|g| {
        g.borrow_mut()
            .entry(url.clone())
            .or_insert_with(|| fetch_layer(url.clone()).boxed_local().shared())
            .clone()
    });
    let result = loading.await;
    if result.is_err() {
        GEO.with(|g| g.borrow_mut().remove(&url));
    }
    result
}

/// Fetches and checks a geometry file.
async fn fetch_layer(url: String) -> Result<Rc<GeoLayer>, String> {
    let bytes = fetch_bytes(&url)
        .await
        .map_err(|what| format!("The map outlines {url} could not be {what}."))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("{url} is not UTF-8 text."))?;
    Ok(Rc::new(
        parse_layer(&text).map_err(|e| format!("{url}: {e}"))?,
    ))
}
