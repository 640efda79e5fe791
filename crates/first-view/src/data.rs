//! Fetching the first view's data file: the build's part of the dataset, or a `?data=` file.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

/// `path` resolved against the page's address.
pub fn absolute(path: &str) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    Some(web_sys::Url::new_with_base(path, &href).ok()?.href())
}

/// The file's response when `accept` takes it: the page's early fetch when it is of this file
/// (then taken, so the app fetches the file again if it is loaded later: no copy of the body is
/// kept for it; one refused is left for the app, which says why), or a fetch of our own (whose
/// body is cancelled when refused).
pub async fn response(url: &str, accept: fn(&Response) -> bool) -> Option<Response> {
    let early = tactics_dom::early_fetch(url);
    let taken = early.is_some();
    let pending = match early {
        Some(p) => p,
        None => web_sys::window()?.fetch_with_str(url),
    };
    let response: Response = JsFuture::from(pending).await.ok()?.dyn_into().ok()?;
    if !accept(&response) {
        if !taken {
            if let Some(body) = response.body() {
                let _ = body.cancel();
            }
        }
        return None;
    }
    if taken {
        tactics_dom::forget_early_fetch();
    }
    Some(response)
}
