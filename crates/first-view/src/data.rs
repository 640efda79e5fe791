//! The bundled dataset's bytes.

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

const BUNDLED: &str = "data/dataset.json";

/// The loader's early fetch of the bundled file (read from a copy of the response: the app may
/// read the same response later), or a fetch of our own when there is none.
pub async fn bytes() -> Option<Vec<u8>> {
    let win = web_sys::window()?;
    let early = Reflect::get(&win, &JsValue::from_str("__tacticsData"))
        .ok()
        .filter(JsValue::is_object);
    let pending: Promise = match early {
        Some(e) => Reflect::get(&e, &JsValue::from_str("response"))
            .ok()?
            .dyn_into()
            .ok()?,
        None => win.fetch_with_str(BUNDLED),
    };
    let response: Response = JsFuture::from(pending).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let copy = response.clone().ok()?;
    let buffer = JsFuture::from(copy.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}
