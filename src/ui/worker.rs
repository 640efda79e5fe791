//! The app's side of the lazily loaded module (crates/worker): started on the first request,
//! never on the first load. Requests wait until the worker says it listens; each is answered
//! by the reply with its id. If the module cannot be loaded, every request fails with a message
//! and the callers show what they can without it. The messages are core's
//! `worker_protocol` types, on the wire a JS array: the envelope's JSON text, then its parts
//! (files, which cross as they are); one typed function a request below.

use futures_channel::oneshot;
use js_sys::Array;
use std::cell::RefCell;
use std::collections::HashMap;
use tactics_core::query::worker_protocol::{
    ChartsRequest, ExportFormat, FromWorker, ImportReply, MapReply, MapRequest, Panel,
    ProblemsReply, Reply, Request, ToWorker,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageEvent, Worker, WorkerOptions, WorkerType};

/// A reply and its parts, or why there is none.
type Answer = Result<(Reply, Vec<JsValue>), String>;

enum State {
    Idle,
    Starting(Worker, Vec<JsValue>),
    Ready(Worker),
    Failed(String),
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::Idle) };
    static PENDING: RefCell<HashMap<u32, oneshot::Sender<Answer>>> = RefCell::new(HashMap::new());
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

/// The "data" request and its part: the dataset's address (for messages) and, once the app has
/// read it, the file itself.
fn data_request() -> Option<(Request, Vec<JsValue>)> {
    let url = DATA_URL.with(|d| d.borrow().clone())?;
    let file = DATA_FILE.with(|d| d.borrow().clone());
    let request = Request::Data {
        url,
        file: file.is_some(),
    };
    Some((request, file.into_iter().map(JsValue::from).collect()))
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
pub async fn reload_data() -> Result<(), String> {
    let (request, parts) = data_request().ok_or("No dataset address is known.")?;
    done(ask(request, parts).await?)
}

/// Starts the module ahead of need.
pub async fn start_early() -> Result<(), String> {
    done(ask(Request::Start, Vec::new()).await?)
}

/// The chart panels for `request`.
pub async fn charts(request: ChartsRequest) -> Result<Vec<Panel>, String> {
    match ask(Request::Charts(request), Vec::new()).await? {
        (Reply::Charts { panels }, _) => Ok(panels),
        (other, _) => Err(unexpected(&other)),
    }
}

/// The map for `request`.
pub async fn map(request: MapRequest) -> Result<MapReply, String> {
    match ask(Request::Map(request), Vec::new()).await? {
        (Reply::Map(map), _) => Ok(map),
        (other, _) => Err(unexpected(&other)),
    }
}

/// The person's files (`Blob`s, read by the module) checked, and what can be shown of them as
/// dataset JSON.
pub async fn import(
    files: Vec<web_sys::File>,
    max_year: i32,
) -> Result<(ImportReply, Option<String>), String> {
    let names = files.iter().map(|f| f.name()).collect();
    let parts = files.into_iter().map(JsValue::from).collect();
    match ask(Request::Import { names, max_year }, parts).await? {
        (Reply::Import(import), parts) => Ok((import, text(parts))),
        (other, _) => Err(unexpected(&other)),
    }
}

/// The dataset shown as a file: a JS string (JSON) or an `ArrayBuffer` (zip), for
/// `download::download`.
pub async fn export(format: ExportFormat) -> Result<JsValue, String> {
    file(ask(Request::Export { format }, Vec::new()).await?)
}

/// The matrix as shown, as CSV text (a JS string).
pub async fn view_csv(ids: Vec<String>, query: String, url: String) -> Result<JsValue, String> {
    file(ask(Request::ViewCsv { ids, query, url }, Vec::new()).await?)
}

/// The located problems of the dataset the module was given, and what can still be shown of it
/// as dataset JSON.
pub async fn problems() -> Result<(ProblemsReply, Option<String>), String> {
    match ask(Request::Problems, Vec::new()).await? {
        (Reply::Problems(problems), parts) => Ok((problems, text(parts))),
        (other, _) => Err(unexpected(&other)),
    }
}

/// A reply's text part (a dataset's JSON), when it has one.
fn text(parts: Vec<JsValue>) -> Option<String> {
    parts.first().and_then(JsValue::as_string)
}

fn done((reply, _): (Reply, Vec<JsValue>)) -> Result<(), String> {
    match reply {
        Reply::Done => Ok(()),
        other => Err(unexpected(&other)),
    }
}

fn file(answer: (Reply, Vec<JsValue>)) -> Result<JsValue, String> {
    match answer {
        (Reply::File, parts) => parts
            .into_iter()
            .next()
            .ok_or_else(|| "The module sent no file.".to_string()),
        (other, _) => Err(unexpected(&other)),
    }
}

fn unexpected(reply: &Reply) -> String {
    format!(
        "The module answered with “{}”, not what was asked for.",
        reply.kind()
    )
}

/// Sends `request` with its `parts` and waits for the reply; `Err` says why there is none.
async fn ask(request: Request, parts: Vec<JsValue>) -> Answer {
    let id = NEXT_ID.with(|n| {
        let id = *n.borrow();
        *n.borrow_mut() = id.wrapping_add(1).max(1);
        id
    });
    let message = wire(&ToWorker { id, request }, parts)?;
    let (sender, receiver) = oneshot::channel();
    PENDING.with(|p| p.borrow_mut().insert(id, sender));
    if let Err(message) = post(message) {
        PENDING.with(|p| p.borrow_mut().remove(&id));
        return Err(message);
    }
    receiver
        .await
        .unwrap_or_else(|_| Err("The module failed.".into()))
}

/// The message for the wire: the envelope's text, then the parts.
fn wire(message: &ToWorker, parts: Vec<JsValue>) -> Result<JsValue, String> {
    let out = Array::of1(&JsValue::from_str(&message.encode()?));
    for part in parts {
        out.push(&part);
    }
    Ok(out.into())
}

fn post(message: JsValue) -> Result<(), String> {
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
    let Some(items) = data.dyn_ref::<Array>() else {
        return;
    };
    let text = items.get(0).as_string().unwrap_or_default();
    let parts: Vec<JsValue> = items.iter().skip(1).collect();
    let (id, answer) = match FromWorker::decode(&text, parts.len()) {
        Ok(FromWorker::Ready) => {
            became_ready();
            return;
        }
        Ok(FromWorker::Reply { id, reply }) => (id, reply.map(|r| (r, parts))),
        Err(refused) => {
            web_sys::console::warn_1(&JsValue::from_str(&refused.message));
            (refused.id, Err(refused.message))
        }
    };
    if let Some(sender) = PENDING.with(|p| p.borrow_mut().remove(&id)) {
        let _ = sender.send(answer);
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
        // Id 0: its reply is awaited by no one (the requests after it wait for the load).
        if let Some(Ok(data)) =
            data_request().map(|(request, parts)| wire(&ToWorker { id: 0, request }, parts))
        {
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
    let pending: Vec<oneshot::Sender<Answer>> =
        PENDING.with(|p| p.borrow_mut().drain().map(|(_, sender)| sender).collect());
    for sender in pending {
        let _ = sender.send(Err(why.to_string()));
    }
}
