//! The first view's data: the part of the dataset the build wrote for it (`data-first-view` on
//! `#pre`, from the dataset the build checked: crates/cli prerender).

use js_sys::{Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Response};

/// The file's bytes: the loader's early fetch when it is of this file (read from a copy of the
/// response), or a fetch of our own.
pub async fn bytes(pre: &Element) -> Option<Vec<u8>> {
    let win = web_sys::window()?;
    let path = pre.get_attribute("data-first-view")?;
    let url = web_sys::Url::new_with_base(&path, &win.location().href().ok()?)
        .ok()?
        .href();
    let get = |o: &JsValue, key: &str| Reflect::get(o, &JsValue::from_str(key)).ok();
    let early = get(&win, "__tacticsData")
        .filter(JsValue::is_object)
        .filter(|e| get(e, "url").and_then(|u| u.as_string()).as_deref() == Some(url.as_str()));
    let pending: Promise = match early {
        Some(e) => get(&e, "response")?.dyn_into().ok()?,
        None => win.fetch_with_str(&url),
    };
    let response: Response = JsFuture::from(pending).await.ok()?.dyn_into().ok()?;
    if !response.ok() {
        return None;
    }
    let copy = response.clone().ok()?;
    let buffer = JsFuture::from(copy.array_buffer().ok()?).await.ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}
