//! The "problems" request: the app reads a file on its fast path and, when that path finds a
//! problem, asks here for the located list (this module has the positioned reader, which the
//! app's first load no longer carries). The reply has every problem with its path and
//! line:column, the count left unlisted, and what can still be shown as normalised JSON.

use crate::protocol::{error, reply, set};
use crate::requests::{dataset, found};
use js_sys::{Array, Object};
use tactics_core::validate::{Problem, Severity};
use wasm_bindgen::JsValue;

/// Answers once the dataset of the last "data" request is loaded (or has failed to be used).
pub async fn problems(id: f64) -> JsValue {
    let data = dataset().await;
    let (problems, unlisted) = found();
    if problems.is_empty() {
        if let Err(e) = data {
            return error(id, &e);
        }
    }
    let out = reply(id);
    let list = Array::new();
    for p in &problems {
        list.push(&problem_object(p));
    }
    set(&out, "problems", &list);
    set(&out, "unlisted", &JsValue::from(unlisted as u32));
    if let Ok(data) = data {
        let json = tactics_sheets::normalise(&data.ds);
        set(&out, "json", &JsValue::from_str(&json));
    }
    out.into()
}

fn problem_object(p: &Problem) -> JsValue {
    let o = Object::new();
    let severity = match p.severity {
        Severity::Error => "error",
        Severity::Notice => "notice",
    };
    set(&o, "severity", &JsValue::from_str(severity));
    set(&o, "path", &JsValue::from_str(&p.path));
    set(&o, "line", &JsValue::from(p.line as u32));
    set(&o, "column", &JsValue::from(p.column as u32));
    set(&o, "message", &JsValue::from_str(&p.message));
    o.into()
}
