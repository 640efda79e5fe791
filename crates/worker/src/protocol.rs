//! The messages between the app and the worker, as plain JS objects:
//! request `{id, op, ...fields}`, reply `{id, ok, error?, ...fields}`, and `{ready: true}` once
//! the worker listens. Reading and writing fields never throws: a missing or mistyped field
//! reads as absent, and the request is answered with an error saying which field.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

pub fn ready() -> JsValue {
    let o = Object::new();
    set(&o, "ready", &JsValue::TRUE);
    o.into()
}

pub fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

pub fn string(o: &JsValue, key: &str) -> Option<String> {
    get(o, key).as_string()
}

pub fn number(o: &JsValue, key: &str) -> Option<f64> {
    get(o, key).as_f64()
}

pub fn flag(o: &JsValue, key: &str) -> bool {
    get(o, key).as_bool().unwrap_or(false)
}

pub fn strings(o: &JsValue, key: &str) -> Vec<String> {
    let v = get(o, key);
    if !Array::is_array(&v) {
        return Vec::new();
    }
    Array::from(&v)
        .iter()
        .filter_map(|x| x.as_string())
        .collect()
}

/// A year field: a whole number in a sane range, else absent.
pub fn year(o: &JsValue, key: &str) -> Option<i32> {
    number(o, key)
        .filter(|y| y.fract() == 0.0 && (-9999.0..=9999.0).contains(y))
        .map(|y| y as i32)
}

/// A reply to request `id`.
pub fn reply(id: f64) -> Object {
    let o = Object::new();
    set(&o, "id", &JsValue::from_f64(id));
    set(&o, "ok", &JsValue::TRUE);
    o
}

pub fn error(id: f64, message: &str) -> JsValue {
    let o = reply(id);
    set(&o, "ok", &JsValue::FALSE);
    set(&o, "error", &JsValue::from_str(message));
    o.into()
}
