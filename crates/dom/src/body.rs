//! Reading a fetched dataset file into wasm memory, shared by the app (`src/ui/load.rs`) and the
//! first view (`crates/first-view/src/data.rs`).

use tactics_core::validate::MAX_BYTES;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// The body as bytes, not a JS string: the browser would decode 18 MB to UTF-16 and
/// wasm-bindgen encode it back to UTF-8; copying the bytes and checking UTF-8 in wasm is several
/// times cheaper. The JS copy is released at once (`ArrayBuffer.transfer(0)`, where the browser
/// has it) instead of at the next garbage collection, so the two copies are never both kept.
pub async fn body_bytes(response: Response) -> Option<Vec<u8>> {
    let promise = response.array_buffer().ok()?;
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
