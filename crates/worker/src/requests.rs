//! What the worker does for each request. The dataset is checked here once (off the main
//! thread), from the file the app fetched (a `Blob`, so the page downloads it once) or, when
//! the app has not read it yet, fetched here; then every chart request is drawn from it.

use crate::protocol;
use js_sys::{Array, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::model::validate;
use tactics_core::query::worker_protocol::{ExportFormat, ImportReply, Panel, Reply, Request};
use tactics_worker::charts::{draw, ChartsRequest};
use tactics_worker::import::{self as own, FileIn};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub struct Data {
    pub ds: Dataset,
    pub index: Index,
}

thread_local! {
    /// Resolves once the dataset named by the last "data" request is loaded (or has failed).
    static LOADING: RefCell<Option<Promise>> = const { RefCell::new(None) };
    static DATA: RefCell<Result<Rc<Data>, String>> =
        RefCell::new(Err("No dataset was given to the chart module.".into()));
    /// What the located validator found in the dataset of the last "data" request.
    static FOUND: RefCell<(Vec<validate::Problem>, usize)> = const { RefCell::new((Vec::new(), 0)) };
    /// Why the current dataset may not be written as a file to publish (it failed the page's
    /// own checks: entries were left out); None when it passed them.
    static NOT_PUBLISHABLE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The sentence that refuses a download of a dataset with errors.
fn refusal(errors: usize) -> String {
    format!(
        "This dataset has {errors} error(s), so entries of it are left out: it is not offered as a file to publish. Fix the problems listed (download the list of problems) and choose the files again."
    )
}

/// A request's answer: the reply and its parts, or why there is none.
pub type Outcome = Result<(Reply, Vec<JsValue>), String>;

/// A reply without parts.
pub fn only(reply: Reply) -> Outcome {
    Ok((reply, Vec::new()))
}

/// A dataset's JSON as the reply's part, when there is one.
pub fn text_part(text: Option<String>) -> Vec<JsValue> {
    text.map(|t| JsValue::from_str(&t)).into_iter().collect()
}

/// Answers the message `msg`: the reply to post and what to transfer with it. A message that
/// cannot be read is answered with an error that says why.
pub async fn handle(msg: JsValue) -> (JsValue, Array) {
    let (message, parts) = match protocol::read(&msg) {
        Ok(read) => read,
        Err(refused) => return protocol::reply(refused.id, Err(refused.message)),
    };
    let outcome = match message.request {
        Request::Data { url, .. } => data(url, parts.into_iter().next()),
        // Sent when the app starts the module ahead of need ("Use your own data" opened).
        Request::Start => only(Reply::Done),
        Request::Charts(request) => charts(&request).await,
        Request::Map(request) => crate::map_messages::map(request).await,
        Request::Import { names, max_year } => import(names, parts, max_year).await,
        Request::Export { format } => export(format).await,
        Request::ViewCsv { ids, query, url } => view_csv(&ids, &query, &url).await,
        Request::Problems => crate::problems::problems().await,
    };
    protocol::reply(message.id, outcome)
}

/// Starts loading the dataset: `file` (the `Blob` the app read) when given, else the file at
/// `url` (absolute, same origin); answers at once.
fn data(url: String, file: Option<JsValue>) -> Outcome {
    let file = match file.map(|f| f.dyn_into::<web_sys::Blob>()) {
        Some(Ok(blob)) => Some(blob),
        Some(Err(_)) => return Err("The data request's file is not a file (Blob).".into()),
        None => None,
    };
    let future = async move {
        let result = load(&url, file).await;
        DATA.with(|d| *d.borrow_mut() = result.map(Rc::new));
        Ok(JsValue::UNDEFINED)
    };
    let promise = wasm_bindgen_futures::future_to_promise(future);
    LOADING.with(|l| *l.borrow_mut() = Some(promise));
    only(Reply::Done)
}

async fn load(url: &str, file: Option<web_sys::Blob>) -> Result<Data, String> {
    let fail = |what: &str| format!("The dataset {url} could not be {what} by the chart module.");
    let bytes = match file {
        Some(file) => blob_bytes(&file).await,
        None => fetch_bytes(url).await,
    }
    .map_err(fail)?;
    let text = validate::utf8_text(bytes).map_err(|p| p.message)?;
    // The same latest year as the app (this year + 1), so both keep and drop the same entries.
    let max_year = js_sys::Date::new_0().get_full_year() as i32 + 1;
    let checked = validate::check(&text, max_year);
    drop(text);
    let errors = checked.errors();
    NOT_PUBLISHABLE.with(|n| *n.borrow_mut() = (errors > 0).then(|| refusal(errors)));
    FOUND.with(|f| *f.borrow_mut() = (checked.problems, checked.unlisted));
    let ds = checked.dataset.ok_or_else(|| fail("used"))?;
    Ok(Data {
        index: ds.index(),
        ds,
    })
}

/// The body of a same-origin file; `Err` says which step failed ("fetched", "loaded", "read").
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, &'static str> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let response: web_sys::Response = JsFuture::from(scope.fetch_with_str(url))
        .await
        .map_err(|_| "fetched")?
        .dyn_into()
        .map_err(|_| "fetched")?;
    if !response.ok() {
        return Err("loaded");
    }
    let buffer = JsFuture::from(response.array_buffer().map_err(|_| "read")?)
        .await
        .map_err(|_| "read")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The bytes of a file the app gave; `Err` says which step failed.
async fn blob_bytes(file: &web_sys::Blob) -> Result<Vec<u8>, &'static str> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "read")?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The problems found in the dataset of the last "data" request, and how many were not listed.
pub fn found() -> (Vec<validate::Problem>, usize) {
    FOUND.with(|f| f.borrow().clone())
}

pub async fn dataset() -> Result<Rc<Data>, String> {
    if let Some(p) = LOADING.with(|l| l.borrow().clone()) {
        let _ = JsFuture::from(p).await;
    }
    DATA.with(|d| d.borrow().clone())
}

async fn charts(request: &ChartsRequest) -> Outcome {
    let data = dataset().await?;
    let panels = draw(&data.ds, &data.index, request)
        .into_iter()
        .map(|p| Panel {
            html: p.html,
            svg: p.svg,
            csv: p.csv,
            file: p.file,
        })
        .collect();
    only(Reply::Charts { panels })
}

/// The person's files (part `i` the `Blob` of `names[i]`) read and checked; what can be shown
/// becomes this module's dataset, so the charts draw the preview. Answers with the JSON and the
/// problems.
async fn import(names: Vec<String>, parts: Vec<JsValue>, max_year: i32) -> Outcome {
    if names.is_empty() {
        return Err("No files were given.".into());
    }
    let mut files = Vec::with_capacity(names.len());
    for (name, part) in names.into_iter().zip(parts) {
        let blob = part
            .dyn_into::<web_sys::Blob>()
            .map_err(|_| format!("{name} was not sent as a file."))?;
        let bytes = blob_bytes(&blob)
            .await
            .map_err(|_| format!("{name} could not be read."))?;
        files.push(FileIn { name, bytes });
    }
    // A dataset still loading must not replace the preview when it arrives.
    let _ = dataset().await;
    let opened = own::open(&files, max_year);
    let html = own::report_html(&opened, files.len());
    let publishable = opened.publishable();
    if let Some(ds) = opened.dataset {
        let data = Data {
            index: ds.index(),
            ds,
        };
        DATA.with(|d| *d.borrow_mut() = Ok(Rc::new(data)));
        let refused = (!publishable).then(|| refusal(opened.errors));
        NOT_PUBLISHABLE.with(|n| *n.borrow_mut() = refused);
    }
    let reply = Reply::Import(ImportReply {
        html,
        publishable,
        fixes: (!publishable).then_some(opened.fixes),
        dataset: opened.json.is_some(),
    });
    Ok((reply, text_part(opened.json)))
}

/// The current dataset as a file: normalised JSON (to publish) or the CSV files as a zip.
async fn export(format: ExportFormat) -> Outcome {
    let data = dataset().await?;
    if let Some(why) = NOT_PUBLISHABLE.with(|n| n.borrow().clone()) {
        return Err(why);
    }
    let file: JsValue = match format {
        ExportFormat::Json => JsValue::from_str(&tactics_sheets::normalise(&data.ds)),
        ExportFormat::Zip => js_sys::Uint8Array::from(own::csv_zip(&data.ds)?.as_slice())
            .buffer()
            .into(),
    };
    Ok((Reply::File, vec![file]))
}

/// The matrix as shown: `ids` the visible places in order, `query` the page's view state.
async fn view_csv(ids: &[String], query: &str, url: &str) -> Outcome {
    let data = dataset().await?;
    let csv = own::view_csv(&data.ds, &data.index, ids, query, url);
    Ok((Reply::File, vec![JsValue::from_str(&csv)]))
}
