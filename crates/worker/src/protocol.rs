//! The worker's end of the wire: a message is a JS array, the envelope's JSON text first and
//! then its parts (`tactics_core::query::worker_protocol`, which defines the messages and says why).
//! This file only takes the array apart and puts it together; reading never throws.

use js_sys::{Array, ArrayBuffer};
use tactics_core::query::worker_protocol::{FromWorker, Refused, Reply, ToWorker};
use wasm_bindgen::{JsCast, JsValue};

/// The request in `msg` and its parts, or why it cannot be read.
pub fn read(msg: &JsValue) -> Result<(ToWorker, Vec<JsValue>), Refused> {
    let not_a_request = || {
        Refused {
        id: 0,
        message: "The module was sent something that is not a request (an array with the request's text first).".into(),
    }
    };
    let items = msg.dyn_ref::<Array>().ok_or_else(not_a_request)?;
    let text = items.get(0).as_string().ok_or_else(not_a_request)?;
    let parts: Vec<JsValue> = items.iter().skip(1).collect();
    let request = ToWorker::decode(&text, parts.len())?;
    Ok((request, parts))
}

/// The message for `message` with `parts`, and what to transfer with it (the `ArrayBuffer`s
/// among the parts: the app takes them over instead of getting a copy).
pub fn write(message: &FromWorker, parts: Vec<JsValue>) -> (JsValue, Array) {
    let out = Array::of1(&JsValue::from_str(&message.encode()));
    let transfer = Array::new();
    for part in parts {
        if part.is_instance_of::<ArrayBuffer>() {
            transfer.push(&part);
        }
        out.push(&part);
    }
    (out.into(), transfer)
}

/// The reply to request `id`: what was asked for with its parts, or why it could not be done.
pub fn reply(id: u32, outcome: Result<(Reply, Vec<JsValue>), String>) -> (JsValue, Array) {
    match outcome {
        Ok((reply, parts)) => write(
            &FromWorker::Reply {
                id,
                reply: Ok(reply),
            },
            parts,
        ),
        Err(why) => write(
            &FromWorker::Reply {
                id,
                reply: Err(why),
            },
            Vec::new(),
        ),
    }
}

/// Said once, when the worker listens.
pub fn ready() -> JsValue {
    write(&FromWorker::Ready, Vec::new()).0
}
