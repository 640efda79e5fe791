//! The worker's entry: receives requests from the app, answers each with the same `id`.
//! Messages are `tactics_core::query::worker_protocol`'s types (`protocol` puts them on the wire).

#[cfg(target_arch = "wasm32")]
mod map_messages;
#[cfg(target_arch = "wasm32")]
mod problems;
#[cfg(target_arch = "wasm32")]
mod protocol;
#[cfg(target_arch = "wasm32")]
mod requests;

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_scope = scope.clone();
    let onmessage = Closure::<dyn Fn(MessageEvent)>::new(move |msg: MessageEvent| {
        let scope = reply_scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (reply, transfer) = requests::handle(msg.data()).await;
            let _ = scope.post_message_with_transfer(&reply, &transfer);
        });
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    // Messages posted before the wasm ran were dropped: the app waits for this before posting.
    let _ = scope.post_message(&protocol::ready());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("tactics-worker runs in the browser as a web worker; build it with trunk.");
}
