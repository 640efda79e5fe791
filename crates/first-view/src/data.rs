//! Fetching the first view's data file: the build's part of the dataset, or a `?data=` file.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// `path` resolved against the page's address.
pub fn absolute(path: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base(path, &href).ok()?.href())
}

/// The file's response when `accept` takes it: the loader's early fetch when it is of this file
/// (then taken, so the app fetches the file again if it is loaded later: no copy of the body is
/// kept for it; one refused is left for the app, which says why), or a fetch of our own (whose
/// body is cancelled when refused).
pub async fn response(url: &str, accept: fn(&Response) -> bool) -> Option<Response> {
    let win = web_sys::window()?;
    let key = JsValue::from_str("__tacticsData");
    let get = |o: &JsValue, key: &str| Reflect::get(o, &JsValue::from_str(key)).ok();
    let early = get(&win, "__tacticsData")
        .filter(JsValue::is_object)
        .filter(|e| get(e, "url").and_then(|u| u.as_string()).as_deref() == Some(url));
    let pending: Promise = match &early {
        Some(e) => get(e, "response")?.dyn_into().ok()?,
        None => win.fetch_with_str(url),
    };
    let response: Response = JsFuture::from(pending).await.ok()?.dyn_into().ok()?;
    if !accept(&response) {
        if early.is_none() {
            if let Some(body) = response.body() {
                let _ = body.cancel();
            }
        }
        return None;
    }
    if early.is_some() {
        let _ = Reflect::delete_property(&win, &key);
    }
    Some(response)
}
