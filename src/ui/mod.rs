//! The thin UI: components that wire the URL state and the loaded dataset to views.

mod charts;
mod chips;
mod compare;
mod download;
mod embed;
mod filters;
mod help;
mod import;
mod load;
mod map;
mod matrix;
mod problems;
mod profile;
mod takeover;
mod url;
mod worker;

pub use charts::series_choice;
pub use filters::Filters;
pub use load::{load_text, Loaded};
pub use matrix::Matrix;
pub use takeover::mount_point;
pub use url::{Ctx, History};

use crate::page_parts;
use leptos::prelude::*;

/// The bundled dataset, relative to the page so the site works under any sub-path.
pub const BUNDLED_DATA: &str = "data/dataset.json";

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx::from_location();
    provide_context(ctx);
    let own = import::Own::new();
    provide_context(own);
    let (data_path, refused) = embed::data_path(ctx.view.get_untracked().data.as_deref());
    worker::set_data(&data_path);
    // What the page waits for, when it is more than the download (a file with problems).
    let waiting = RwSignal::new(None::<String>);
    let data = LocalResource::new(move || load::fetch_dataset(data_path.clone(), waiting));
    embed::start(ctx);
    // The matrix takes over the prerendered view when its rows are drawn; an error or the map
    // (no rows) take it over as soon as they are shown.
    Effect::new(move |_| {
        let error = data.with(|d| matches!(d, Some(Err(_))));
        let map = data.with(|d| matches!(d, Some(Ok(_))))
            && ctx.pane.get() == crate::url_state::Pane::Map;
        if error || map {
            takeover::done();
        }
    });

    let embed = move || ctx.embed.get();
    view! {
        <a class="skip" href="#main">"Skip to the data"</a>
        <help::TopBar data=data/>
        <Show when=move || !embed()>
            <header class="masthead">
                <h1>{page_parts::TITLE}</h1>
                <p class="lede">{page_parts::LEDE}</p>
                // The task forces' tools in a small menu: a visitor's first screen leads with
                // the data (the first view writes the same, crate::page_parts::masthead_html).
                <details class="tools-menu" data-testid="tools-menu">
                    <summary>{page_parts::TOOLS_MENU}</summary>
                    <div class="tools">
                        <embed::EmbedDialog/>
                        <import::OwnDataButton/>
                    </div>
                </details>
            </header>
        </Show>
        <main id="main" tabindex="-1">
            <url::Notices refused=refused data=data/>
            <import::PreviewBanner/>
            <import::ImportPanel/>
            // The preview of the person's files, else the published data (one place that
            // builds the explorer, so its code is in the app once).
            {move || match own.preview.get().map(Ok).or_else(|| data.get()) {
                None => view! {
                    <p class="loading" role="status" data-testid="loading">
                        {move || waiting.get().unwrap_or_else(|| "Loading the dataset…".into())}
                    </p>
                }.into_any(),
                Some(Err(e)) => view! {
                    <section class="load-error" role="alert" data-testid="load-error">
                        <h2>"The dataset could not be loaded"</h2>
                        <p>{e.message.clone()}</p>
                        <problems::ProblemList problems=e.problems.clone() unlisted=0/>
                    </section>
                }.into_any(),
                Some(Ok(loaded)) => view! { <Explorer loaded=loaded/> }.into_any(),
            }}
        </main>
        <help::Footer data=data/>
    }
}

/// Everything that needs the data: filters, matrix, profile and charts.
#[component]
fn Explorer(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let show_controls = move || ctx.controls.get();
    // `view=map&embed=1` is the map alone (with the profile a mark opens).
    let map_embed = move || ctx.embed.get() && ctx.pane.get() == crate::url_state::Pane::Map;
    let problems = loaded.problems.clone();
    let unlisted = loaded.unlisted;
    let for_filters = loaded.clone();
    let for_charts = loaded.clone();
    let for_profile = loaded.clone();
    let for_profile_below = loaded.clone();
    let profile_first = move || ctx.embed.get() && ctx.place.with(Option::is_some);
    view! {
        {(!problems.is_empty()).then(|| view! {
            <problems::ProblemsBox problems=problems.clone() unlisted=unlisted/>
        })}
        <div class="layout">
            <Show when=move || show_controls() && !map_embed()>
                <filters::Filters loaded=for_filters.clone()/>
            </Show>
            <div class="content">
                <compare::Compare loaded=loaded.clone()/>
                // An embed that names a place opens on its profile, above the matrix (a host
                // page's frame shows its top, and a task force links to its own place).
                <Show when=profile_first>
                    <profile::Profile loaded=for_profile.clone()/>
                </Show>
                <map::Places loaded=loaded.clone()/>
                <import::ViewDownloads loaded=loaded.clone()/>
                <Show when=move || !profile_first()>
                    <profile::Profile loaded=for_profile_below.clone()/>
                </Show>
                <Show when=move || !map_embed()>
                    <charts::Charts loaded=for_charts.clone()/>
                </Show>
            </div>
        </div>
    }
}
