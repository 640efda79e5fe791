//! What the worker does for each request. The dataset is checked here once (off the main
//! thread), from the file the app fetched (a `Blob`, so the page downloads it once) or, when
//! the app has not read it yet, fetched here; then every chart request is drawn from it.

use crate::protocol::{self, error, flag, reply, set, string, strings, year};
use js_sys::{Array, Object, Promise};
use std::cell::RefCell;
use std::rc::Rc;
use tactics_charts::html::PanelHtml;
use tactics_core::dataset::{Dataset, Index};
use tactics_core::validate;
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

pub async fn handle(msg: JsValue) -> JsValue {
    let id = protocol::number(&msg, "id").unwrap_or(-1.0);
    match string(&msg, "op").as_deref() {
        Some("data") => data(id, &msg),
        Some("charts") => charts(id, &msg).await,
        Some("map") => crate::map_messages::map(id, &msg).await,
        Some("import") => import(id, &msg).await,
        // Sent when the app starts the module ahead of need ("Use your own data" opened).
        Some("start") => reply(id).into(),
        Some("export") => export(id, &msg).await,
        Some("view-csv") => view_csv(id, &msg).await,
        Some("problems") => crate::problems::problems(id).await,
        Some(op) => error(id, &format!("Unknown request “{op}”.")),
        None => error(id, "The request names no operation."),
    }
}

/// Starts loading the dataset: `file` (a `Blob` the app read) when given, else the file at
/// `url` (absolute, same origin); answers at once.
fn data(id: f64, msg: &JsValue) -> JsValue {
    let Some(url) = string(msg, "url") else {
        return error(id, "The data request has no url.");
    };
    let file = protocol::get(msg, "file").dyn_into::<web_sys::Blob>().ok();
    let future = async move {
        let result = load(&url, file).await;
        DATA.with(|d| *d.borrow_mut() = result.map(Rc::new));
        Ok(JsValue::UNDEFINED)
    };
    let promise = wasm_bindgen_futures::future_to_promise(future);
    LOADING.with(|l| *l.borrow_mut() = Some(promise));
    reply(id).into()
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
    let errors = checked
        .problems
        .iter()
        .filter(|p| p.severity == validate::Severity::Error)
        .count()
        + checked.unlisted;
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

async fn charts(id: f64, msg: &JsValue) -> JsValue {
    let data = match dataset().await {
        Ok(d) => d,
        Err(e) => return error(id, &e),
    };
    let request = ChartsRequest {
        series: strings(msg, "series"),
        tactics: strings(msg, "tactics"),
        from: year(msg, "from"),
        to: year(msg, "to"),
        narrow: flag(msg, "narrow"),
        dark: flag(msg, "dark"),
        bars: string(msg, "kind").as_deref() == Some("bar"),
    };
    let drawn = draw(&data.ds, &data.index, &request);
    let out = reply(id);
    let list = Array::new();
    for p in drawn {
        list.push(&panel_object(p));
    }
    set(&out, "panels", &list);
    out.into()
}

fn panel_object(p: PanelHtml) -> JsValue {
    let o = Object::new();
    set(&o, "html", &JsValue::from_str(&p.html));
    set(&o, "svg", &JsValue::from_str(&p.svg));
    set(&o, "csv", &JsValue::from_str(&p.csv));
    set(&o, "file", &JsValue::from_str(&p.file));
    o.into()
}

/// The person's files (`files`: `[{name, bytes}]`) checked; what can be shown becomes this
/// module's dataset, so the charts draw the preview. Answers with the JSON and the problems.
async fn import(id: f64, msg: &JsValue) -> JsValue {
    let files = read_files(msg);
    if files.is_empty() {
        return error(id, "No files were given.");
    }
    let max_year = year(msg, "maxYear").unwrap_or(i32::MAX);
    // A dataset still loading must not replace the preview when it arrives.
    let _ = dataset().await;
    let opened = own::open(&files, max_year);
    let html = own::report_html(&opened, files.len());
    let publishable = opened.publishable();
    let out = reply(id);
    set(&out, "publishable", &JsValue::from(publishable));
    if !publishable {
        set(&out, "fixes", &JsValue::from_str(&opened.fixes));
    }
    if let Some(ds) = opened.dataset {
        let data = Data {
            index: ds.index(),
            ds,
        };
        DATA.with(|d| *d.borrow_mut() = Ok(Rc::new(data)));
        let refused = (!publishable).then(|| refusal(opened.errors));
        NOT_PUBLISHABLE.with(|n| *n.borrow_mut() = refused);
    }
    if let Some(json) = &opened.json {
        set(&out, "json", &JsValue::from_str(json));
    }
    set(&out, "errors", &JsValue::from(opened.errors as u32));
    set(&out, "unlisted", &JsValue::from(opened.unlisted as u32));
    set(&out, "html", &JsValue::from_str(&html));
    out.into()
}

fn read_files(msg: &JsValue) -> Vec<FileIn> {
    let list = protocol::get(msg, "files");
    if !Array::is_array(&list) {
        return Vec::new();
    }
    Array::from(&list)
        .iter()
        .filter_map(|f| {
            let name = string(&f, "name")?;
            let bytes = protocol::get(&f, "bytes")
                .dyn_into::<js_sys::Uint8Array>()
                .ok()?;
            Some(FileIn {
                name,
                bytes: bytes.to_vec(),
            })
        })
        .collect()
}

/// The current dataset as a file: `format` "json" (normalised, to publish) or "zip" (the CSV files).
async fn export(id: f64, msg: &JsValue) -> JsValue {
    let data = match dataset().await {
        Ok(d) => d,
        Err(e) => return error(id, &e),
    };
    if let Some(why) = NOT_PUBLISHABLE.with(|n| n.borrow().clone()) {
        return error(id, &why);
    }
    let out = reply(id);
    match string(msg, "format").as_deref() {
        Some("json") => {
            let text = tactics_sheets::normalise(&data.ds);
            set(&out, "text", &JsValue::from_str(&text));
        }
        Some("zip") => match own::csv_zip(&data.ds) {
            Ok(bytes) => set(&out, "bytes", &js_sys::Uint8Array::from(bytes.as_slice())),
            Err(e) => return error(id, &e),
        },
        _ => {
            return error(
                id,
                "The export request names no known format (json or zip).",
            )
        }
    }
    out.into()
}

/// The matrix as shown: `ids` the visible places in order, `query` the page's view state.
async fn view_csv(id: f64, msg: &JsValue) -> JsValue {
    let data = match dataset().await {
        Ok(d) => d,
        Err(e) => return error(id, &e),
    };
    let query = string(msg, "query").unwrap_or_default();
    let url = string(msg, "url").unwrap_or_default();
    let csv = own::view_csv(&data.ds, &data.index, &strings(msg, "ids"), &query, &url);
    let out = reply(id);
    set(&out, "text", &JsValue::from_str(&csv));
    out.into()
}
