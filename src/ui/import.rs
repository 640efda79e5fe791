//! "Use your own data": the person's dataset JSON or CSV files, read with the File API and
//! checked by the lazily loaded module (the spreadsheet code never enters the first load),
//! then shown through the normal load path under a "not published" banner. Also the downloads
//! the module writes: the dataset as JSON or CSV files, and the matrix view as CSV.
//! Nothing is sent anywhere and nothing is stored.

use super::download::download;
use super::load::load_checked;
use super::url::{Ctx, History};
use super::{worker, Loaded};
use crate::filter;
use crate::url_state;
use crate::validate::MAX_BYTES;
use leptos::prelude::*;
use std::sync::Arc;
use tactics_core::query::worker_protocol::ExportFormat;
use wasm_bindgen::JsCast;

/// The preview shared by the page (which shows it instead of the published data) and the panel.
#[derive(Clone, Copy)]
pub struct Own {
    pub preview: RwSignal<Option<Loaded>>,
    /// What the module found in the files, as escaped HTML it built.
    pub report: RwSignal<Option<String>>,
    pub busy: RwSignal<bool>,
    /// The outcome of the last download, for the status line.
    pub note: RwSignal<String>,
    /// The list of problems of the last files chosen, when they have errors: offered instead
    /// of the dataset, which is then not offered as a file to publish. None when they passed.
    pub fixes: RwSignal<Option<String>>,
    /// The names of the files last read, shown by the file input.
    pub read: RwSignal<Vec<String>>,
}

impl Own {
    pub fn new() -> Self {
        Own {
            preview: RwSignal::new(None),
            report: RwSignal::new(None),
            busy: RwSignal::new(false),
            note: RwSignal::new(String::new()),
            fixes: RwSignal::new(None),
            read: RwSignal::new(Vec::new()),
        }
    }
}

fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

/// The masthead's control: opens the panel (and records `import=1` in the URL).
#[component]
pub fn OwnDataButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = move || ctx.import.get();
    let own = expect_context::<Own>();
    let toggle = move |_| {
        ctx.update(History::Push, |v| v.import = !v.import);
        warm_up(ctx, own);
    };
    view! {
        <button type="button" class="own-data-toggle" data-testid="own-data" aria-expanded=move || open().to_string() aria-controls="import-panel" on:click=toggle>
            "Use your own data"
        </button>
    }
}

/// The persistent banner over a preview, with the way back to the published data.
#[component]
pub fn PreviewBanner() -> impl IntoView {
    let own = expect_context::<Own>();
    let back = move |_| {
        own.preview.set(None);
        own.report.set(None);
        own.fixes.set(None);
        own.read.set(Vec::new());
        start(own, Job::Back);
    };
    view! {
        {move || own.preview.with(Option::is_some).then(|| view! {
            <div class="preview-banner" role="region" aria-label="Preview" data-testid="preview-banner">
                <strong>"Preview of your files — not published"</strong>
                <span>" Only this browser tab sees it; nothing was uploaded or stored."</span>
                <button type="button" data-testid="back-to-published" on:click=back>"Back to the published data"</button>
            </div>
        })}
    }
}

/// The panel: choose or drop files, see what was found, download the result.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let own = expect_context::<Own>();
    let on_change = move |ev: leptos::ev::Event| {
        let input: Option<web_sys::HtmlInputElement> = ev.target().and_then(|t| t.dyn_into().ok());
        if let Some(files) = input.as_ref().and_then(|i| i.files()) {
            choose(own, files);
        }
        // The same files chosen again must fire `change` again.
        if let Some(i) = input {
            i.set_value("");
        }
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            choose(own, files);
        }
    };
    let close = move |_| ctx.update(History::Push, |v| v.import = false);
    warm_up(ctx, own);
    view! {
        {move || ctx.import.get().then(|| view! {
            <section id="import-panel" class="import-panel" aria-labelledby="import-title" data-testid="import-panel">
                <div class="import-head">
                    <h2 id="import-title">"Use your own data"</h2>
                    <button type="button" class="close" on:click=close>"Close"</button>
                </div>
                <p>"Choose one dataset JSON file, or the CSV files of a dataset (any order). Start from "<a href="tactics-templates.zip" download data-testid="templates-zip">"the templates (a zip of all 13 CSV files)"</a>": 7 are required (meta, sources, places, tactic-uses, series, observations and events, even with only their header row); the other 6 (tactics, national-counts, place-sources, searches, series-caveats, resources) may be left out. They are checked in this browser and shown in the table and charts. Nothing is uploaded or stored."</p>
                <div class="drop-zone" data-testid="import-drop" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
                    <label for="import-files">"Choose files"</label>
                    <input id="import-files" type="file" multiple accept=".json,.csv,application/json,text/csv" data-testid="import-input" on:change=on_change/>
                    <p>"or drop them here"</p>
                    {move || own.read.with(|names| (!names.is_empty()).then(|| view! {
                        <p class="import-read" data-testid="import-read">{format!("Read: {} ({} file(s))", names.join(", "), names.len())}</p>
                    }))}
                </div>
                <p class="import-status" role="status" data-testid="import-status">{move || status(own)}</p>
                <div aria-live="polite" data-testid="import-report" inner_html=move || own.report.get().unwrap_or_default()></div>
                <div class="import-downloads">
                    {move || match own.fixes.get() {
                        None => view! {
                            <button type="button" data-testid="download-json" on:click=move |_| save_dataset(own, ExportFormat::Json)>"Download dataset.json"</button>
                            <button type="button" data-testid="download-zip" on:click=move |_| save_dataset(own, ExportFormat::Zip)>"Download CSV files"</button>
                        }.into_any(),
                        Some(fixes) => view! {
                            <p data-testid="not-publishable">"Your files have errors, so the dataset is not offered as a file to publish: fix the rows listed, then choose the files again."</p>
                            <button type="button" data-testid="download-fixes" on:click=move |_| super::download::download_text("problems-to-fix.txt", "text/plain", &fixes)>"Download the list of problems (not a dataset)"</button>
                        }.into_any(),
                    }}
                </div>
            </section>
        })}
    }
}

/// Starts the module as the panel opens, so that choosing files needs no download then.
fn warm_up(ctx: Ctx, own: Own) {
    let open = ctx.import.get_untracked();
    if open {
        start(own, Job::Start);
    }
}

fn status(own: Own) -> String {
    if own.busy.get() {
        "Checking your files…".into()
    } else {
        own.note.get()
    }
}

/// What the module is asked to do. One async path for all of them keeps the first load small
/// (each distinct future would be compiled into the app on its own).
enum Job {
    Import(Vec<web_sys::File>),
    /// The dataset shown, as JSON or as CSV files in a zip.
    Save(ExportFormat),
    /// The matrix view: the visible place ids, the view state and its address.
    View {
        ids: Vec<String>,
        query: String,
        url: String,
    },
    /// Back to the published data.
    Back,
    /// Start the module ahead of need.
    Start,
}

fn start(own: Own, job: Job) {
    own.note.set(String::new());
    if let Job::Import(_) = job {
        own.busy.set(true);
        own.report.set(None);
    }
    leptos::task::spawn_local(run(own, job));
}

async fn run(own: Own, job: Job) {
    let outcome = match job {
        Job::Import(files) => send(own, files).await,
        Job::Save(format) => save(format).await,
        Job::View { ids, query, url } => worker::view_csv(ids, query, url)
            .await
            .map(|text| download("tactics-view.csv", "text/csv", &text)),
        Job::Back => worker::reload_data().await,
        Job::Start => worker::start_early().await,
    };
    if let Err(why) = outcome {
        own.note.set(format!("This could not be done: {why}"));
    }
    own.busy.set(false);
}

/// Reads the chosen files and hands them to the module.
fn choose(own: Own, list: web_sys::FileList) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if !files.is_empty() {
        start(own, Job::Import(files));
    }
}

/// Refuses a file over the size limit before anything is sent.
fn within_limit(files: &[web_sys::File]) -> Result<(), String> {
    match files.iter().find(|f| f.size() > MAX_BYTES as f64) {
        Some(file) => Err(format!(
            "{} is larger than the limit of {} MB.",
            file.name(),
            MAX_BYTES / 1_048_576
        )),
        None => Ok(()),
    }
}

/// Asks the module to read and check the files (it is given them as they are, `Blob`s, and
/// reads them itself); shows what it gives through the normal load path.
async fn send(own: Own, files: Vec<web_sys::File>) -> Result<(), String> {
    within_limit(&files)?;
    let names: Vec<String> = files.iter().map(|f| f.name()).collect();
    let (reply, json) = worker::import(files, this_year() + 1).await?;
    own.report.set(Some(reply.html));
    own.read.set(names);
    own.fixes
        .set((!reply.publishable).then(|| reply.fixes.unwrap_or_default()));
    let Some(json) = json else {
        return Ok(());
    };
    let loaded = load_checked(&json, "your files").map_err(|e| e.message)?;
    // The panel lists the problems; the page's own box would repeat them.
    own.preview.set(Some(Loaded {
        problems: Arc::new(Vec::new()),
        unlisted: 0,
        errors: 0,
        ..loaded
    }));
    Ok(())
}

/// Saves the dataset shown (the preview, else the published one) as JSON or as a zip of CSV files.
pub fn save_dataset(own: Own, format: ExportFormat) {
    start(own, Job::Save(format));
}

async fn save(format: ExportFormat) -> Result<(), String> {
    let file = worker::export(format).await?;
    match format {
        ExportFormat::Json => download("dataset.json", "application/json", &file),
        ExportFormat::Zip => download("dataset-csv.zip", "application/zip", &file),
    }
    Ok(())
}

/// "Download this view (CSV)" and "Download the full dataset (JSON)", under the matrix.
#[component]
pub fn ViewDownloads(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let own = expect_context::<Own>();
    let published_clean = loaded.errors == 0;
    let save_view = move |_| {
        let (ds, index) = (loaded.ds.clone(), loaded.index.clone());
        let (ids, query) = ctx.view.with_untracked(|v| {
            let rows = filter::visible(&index, &v.filter, &v.sort, v.dir);
            let ids: Vec<String> = rows
                .iter()
                .filter_map(|&p| ds.jurisdictions.get(p))
                .map(|j| j.id.clone())
                .collect();
            (ids, url_state::to_query(v))
        });
        // The view's address as a link to it: the page's, with the view's own query.
        let url = web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.origin().ok()?, l.pathname().ok()?))
            })
            .map(|page| {
                if query.is_empty() {
                    page.clone()
                } else {
                    format!("{page}?{query}")
                }
            })
            .unwrap_or_default();
        start(own, Job::View { ids, query, url });
    };
    view! {
        <div class="view-downloads" data-testid="view-downloads">
            <button type="button" data-testid="download-view" on:click=save_view>"Download this view (CSV)"</button>
            // Only a dataset that passed the page's own checks is offered as a file to publish:
            // not a preview of files with errors, nor published data that failed them.
            {move || (published_clean && !(own.preview.with(Option::is_some) && own.fixes.with(Option::is_some))).then(|| view! {
                <button type="button" data-testid="download-full" on:click=move |_| save_dataset(own, ExportFormat::Json)>"Download the full dataset (JSON)"</button>
            })}
            <span role="status">{move || own.note.get()}</span>
        </div>
    }
}
