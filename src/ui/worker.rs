//! The app's side of the lazily loaded module (crates/worker): started on the first request,
//! never on the first load. Requests wait until the worker says it listens; each is answered
//! by the reply with its id. If the module cannot be loaded, every request fails with a message
//! and the callers show what they can without it.

use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

enum State {
    Idle,
    Starting(Worker, Vec<Object>),
    Ready(Worker),
    Failed(String),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::Idle) };
    static PENDING: RefCell<HashMap<u32, (Function, Function)>> = RefCell::new(HashMap::new());
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
    static DATA_URL: RefCell<Option<String>> = const { RefCell::new(None) };
    /// The dataset file as the app fetched it, given to the worker so that it is not fetched
    /// again (None until the app has read it).
    static DATA_FILE: RefCell<Option<web_sys::Blob>> = const { RefCell::new(None) };
}

/// The dataset the worker should load, as an absolute URL (the worker's base is its own file).
pub fn set_data(path: &str) {
    let url = absolute(path);
    DATA_URL.with(|d| *d.borrow_mut() = Some(url));
}

/// The dataset file the app read (at the address of [`set_data`]): the worker reads it from
/// here instead of fetching it again.
pub fn set_data_file(file: web_sys::Blob) {
    DATA_FILE.with(|d| *d.borrow_mut() = Some(file));
}

/// The "data" request's fields: the dataset's address (for messages) and, once the app has read
/// it, the file itself.
fn data_fields(url: &str) -> Object {
    let fields = Object::new();
    set(&fields, "url", &JsValue::from_str(url));
    if let Some(file) = DATA_FILE.with(|d| d.borrow().clone()) {
        set(&fields, "file", &file);
    }
    fields
}

/// `path` as an absolute URL against the page's base (the worker resolves against its own file).
pub fn absolute(path: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|base| web_sys::Url::new_with_base(path, &base).ok())
        .map_or_else(|| path.to_string(), |u| u.href())
}

/// Asks the module to load the published dataset again (after a preview of the person's files).
pub async fn reload_data() -> Result<JsValue, String> {
    let Some(url) = DATA_URL.with(|d| d.borrow().clone()) else {
        return Err("No dataset address is known.".into());
    };
    request("data", data_fields(&url)).await
}

/// Sends `op` with `fields` and waits for the reply; `Err` says why there is none.
pub async fn request(op: &str, fields: Object) -> Result<JsValue, String> {
    let id = NEXT_ID.with(|n| {
        let id = *n.borrow();
        *n.borrow_mut() = id.wrapping_add(1).max(1);
        id
    });
    set(&fields, "id", &JsValue::from(id));
    set(&fields, "op", &JsValue::from_str(op));
    let promise = Promise::new(&mut |resolve, reject| {
        PENDING.with(|p| p.borrow_mut().insert(id, (resolve, reject)));
    });
    if let Err(message) = post(fields) {
        PENDING.with(|p| p.borrow_mut().remove(&id));
        return Err(message);
    }
    let reply = JsFuture::from(promise)
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "The module failed.".into()))?;
    if get(&reply, "ok").as_bool() == Some(true) {
        Ok(reply)
    } else {
        Err(get(&reply, "error")
            .as_string()
            .unwrap_or_else(|| "The module could not do this.".into()))
    }
}

fn post(message: Object) -> Result<(), String> {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        match &mut *state {
            State::Idle => match start() {
                Ok(worker) => {
                    *state = State::Starting(worker, vec![message]);
                    Ok(())
                }
                Err(why) => {
                    *state = State::Failed(why.clone());
                    Err(why)
                }
            },
            State::Starting(_, queue) => {
                queue.push(message);
                Ok(())
            }
            State::Ready(worker) => worker
                .post_message(&message)
                .map_err(|_| "The module could not be reached.".to_string()),
            State::Failed(why) => Err(why.clone()),
        }
    })
}

/// The loader's file name, from the `<meta name="tactics-worker">` that the build writes.
fn loader_url() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let meta = doc.query_selector("meta[name=tactics-worker]").ok()??;
    meta.get_attribute("content").filter(|c| !c.is_empty())
}

fn start() -> Result<Worker, String> {
    let url = loader_url().ok_or("This build has no chart module.")?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&url, &options)
        .map_err(|_| "The chart module could not be started.".to_string())?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(on_message);
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|ev: web_sys::Event| {
        ev.prevent_default();
        fail("The chart module could not be loaded.");
    });
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Ok(worker)
}

fn on_message(msg: MessageEvent) {
    let data = msg.data();
    if get(&data, "ready").as_bool() == Some(true) {
        became_ready();
        return;
    }
    let Some(id) = get(&data, "id").as_f64() else {
        return;
    };
    if let Some((resolve, _)) = PENDING.with(|p| p.borrow_mut().remove(&(id as u32))) {
        let _ = resolve.call1(&JsValue::NULL, &data);
    }
}

/// Sends the dataset (its address, and the file when the app has read it) first, then
/// everything asked for while the module loaded.
fn became_ready() {
    STATE.with(|s| {
        let mut state = s.borrow_mut();
        let State::Starting(worker, queue) = std::mem::replace(&mut *state, State::Idle) else {
            return;
        };
        if let Some(url) = DATA_URL.with(|d| d.borrow().clone()) {
            let data = data_fields(&url);
            set(&data, "op", &JsValue::from_str("data"));
            set(&data, "id", &JsValue::from(0));
            let _ = worker.post_message(&data);
        }
        for message in queue {
            let _ = worker.post_message(&message);
        }
        *state = State::Ready(worker);
    });
}

fn fail(why: &str) {
    STATE.with(|s| *s.borrow_mut() = State::Failed(why.to_string()));
    let pending: Vec<(Function, Function)> =
        PENDING.with(|p| p.borrow_mut().drain().map(|(_, f)| f).collect());
    for (_, reject) in pending {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(why));
    }
}

pub fn set(o: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(o, &JsValue::from_str(key), value);
}

pub fn get(o: &JsValue, key: &str) -> JsValue {
    Reflect::get(o, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}
