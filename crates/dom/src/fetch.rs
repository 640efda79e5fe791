//! Fetching a dataset file, shared by the app (`src/ui/load.rs`, `src/ui/embed.rs`) and the
//! first view of `?data=` pages (`crates/first-view`): which addresses may be read, the fetch
//! the page started early, and reading the body into wasm memory.

use js_sys::{Promise, Reflect};
use tactics_core::model::validate::MAX_BYTES;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// `requested` (a `data=` value) as an absolute address when it may be read: on this page's
/// origin, over http(s). A crafted link could otherwise show forged figures under a task
/// force's name. (`public/pre-guard.js` starts the early fetch by the same rule.)
pub fn same_origin_url(requested: &str) -> Option<String> {
    let location = web_sys::window()?.location();
    let (href, origin) = (location.href().ok()?, location.origin().ok()?);
    let url = web_sys::Url::new_with_base(requested, &href).ok()?;
    (url.origin() == origin && url.protocol().starts_with("http")).then(|| url.href())
}

const EARLY: &str = "__tacticsData";

/// The fetch the page started before the wasm ran (`{url, response}` on `window`, written by
/// `public/pre-guard.js` or the loader), when it is of `url`; it stays there until
/// [`forget_early_fetch`], so a module that refuses it can leave it for the app.
pub fn early_fetch(url: &str) -> Option<Promise> {
    let win: JsValue = web_sys::window()?.into();
    let early = Reflect::get(&win, &JsValue::from_str(EARLY)).ok()?;
    let field = |name: &str| Reflect::get(&early, &JsValue::from_str(name)).ok();
    if field("url")?.as_string().as_deref() != Some(url) {
        return None;
    }
    field("response")?.dyn_into().ok()
}

/// Takes the early fetch out of `window`: whoever reads its body owns it.
pub fn forget_early_fetch() {
    if let Some(win) = web_sys::window() {
        let _ = Reflect::delete_property(&win, &JsValue::from_str(EARLY));
    }
}

/// The body as bytes, not a JS string: the browser would decode 18 MB to UTF-16 and
/// wasm-bindgen encode it back to UTF-8; copying the bytes and checking UTF-8 in wasm is several
/// times cheaper. The JS copy is released at once (`ArrayBuffer.transfer(0)`, where the browser
/// has it) instead of at the next garbage collection, so the two copies are never both kept.
pub async fn body_bytes(response: Response) -> Option<Vec<u8>> {
    let promise = response.array_buffer().ok()?;
    buffer_bytes(promise).await
}

/// The bytes of the `ArrayBuffer` that `promise` resolves to (a body's or a `Blob`'s), copied
/// into wasm memory; the JS copy is released at once, as in [`body_bytes`].
pub async fn buffer_bytes(promise: Promise) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(promise).await.ok()?;
    let view = js_sys::Uint8Array::new(&buffer);
    let bytes = view.to_vec();
    drop(view);
    let transfer = js_sys::Reflect::get(&buffer, &JsValue::from_str("transfer")).ok();
    if let Some(transfer) = transfer.and_then(|f| f.dyn_into::<js_sys::Function>().ok()) {
        let _ = transfer.call1(&buffer, &JsValue::from(0));
    }
    Some(bytes)
}

/// Whether the response says it is larger than a dataset may be (`Content-Length`), so it is
/// not read at all.
pub fn declared_too_large(response: &Response) -> bool {
    response
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|l| l.parse::<usize>().ok())
        .is_some_and(|len| len > MAX_BYTES)
}
