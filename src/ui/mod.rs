//! The thin UI: components that wire the URL state and the loaded dataset to views.

mod charts;
mod compare;
mod credit;
mod download;
mod embed;
mod filters;
mod import;
mod load;
mod map;
mod matrix;
mod problems;
mod profile;
mod slots;
mod url;
mod worker;

pub use charts::series_choice;
pub use filters::Filters;
pub use load::{load_text, Loaded};
pub use matrix::Matrix;
pub use url::{Ctx, History};

use leptos::prelude::*;
use tactics_core::markup::page::Slot;

/// The bundled dataset, relative to the page so the site works under any sub-path.
pub const BUNDLED_DATA: &str = "data/dataset.json";

/// The app: its state, the dataset, and its pieces mounted into the page's slots (the page is
/// the build's, or core's written now: `slots::page`). The tools and the notices go in at once;
/// the filters, the places, the profile, the charts and the credit when the dataset is read,
/// in one task, so the prerendered view stays until they replace it.
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
    let Some(page) = slots::page() else {
        return;
    };
    if let Ok(Some(menu)) = page.query_selector("details.tools-menu") {
        tactics_dom::make_live(&menu);
    }
    slots::mount(&page, Slot::Tools, || {
        view! { <embed::EmbedDialog/><import::OwnDataButton/> }
    });
    slots::mount(
        &page,
        Slot::Top,
        move || view! { <Top refused=refused data=data waiting=waiting/> },
    );
    // The dataset's help and Quick exit site (a `?data=` file's, a preview's are not published).
    let for_help = page.clone();
    Effect::new(move || {
        if let Some(Ok(loaded)) = data.get() {
            let parts = crate::page_parts::parts(&loaded.ds);
            tactics_dom::show_help_and_exit(&for_help, &parts.help, &parts.exit_url);
        }
    });
    // Owned by the app, not by the effect (which would drop them when it runs again).
    let owner = Owner::current();
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || data.with(Option::is_none) {
            return done.unwrap_or(false);
        }
        // The view the first view showed last (it kept the address current while this loaded).
        ctx.follow_location();
        let mount = || {
            slots::mount(
                &page,
                Slot::Filters,
                move || view! { <FiltersSlot data=data/> },
            );
            slots::mount(&page, Slot::Content, move || view! { <Content data=data/> });
            slots::mount(
                &page,
                Slot::Footer,
                move || view! { <credit::Footer data=data/> },
            );
        };
        match &owner {
            Some(owner) => owner.with(|| untrack(mount)),
            None => untrack(mount),
        }
        slots::shown(&page);
        true
    });
}

type Data = LocalResource<Result<Loaded, load::LoadError>>;

/// The data shown: a preview of the person's own files, else the published data.
fn shown_data(data: Data) -> Option<Result<Loaded, load::LoadError>> {
    let own = expect_context::<import::Own>();
    own.preview.get().map(Ok).or_else(|| data.get())
}

/// The notices, the own-data panel, the load status or error and the dataset's problems.
#[component]
fn Top(refused: Option<String>, data: Data, waiting: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <url::Notices refused=refused data=data/>
        <import::PreviewBanner/>
        <import::ImportPanel/>
        {move || match shown_data(data) {
            // The page's own note says so while a view the build did not write loads.
            None => view! {
                <p class="loading pre-other-note" role="status" data-testid="loading">
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
            Some(Ok(loaded)) => (!loaded.problems.is_empty()).then(|| view! {
                <problems::ProblemsBox problems=loaded.problems.clone() unlisted=loaded.unlisted/>
            }).into_any(),
        }}
    }
}

/// The filter bar and panel, for the data shown.
#[component]
fn FiltersSlot(data: Data) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // `view=map&embed=1` is the map alone (with the profile a mark opens).
    let map_embed = move || ctx.embed.get() && ctx.pane.get() == crate::url_state::Pane::Map;
    move || match shown_data(data) {
        Some(Ok(loaded)) if ctx.controls.get() && !map_embed() => {
            Some(view! { <filters::Filters loaded=loaded/> })
        }
        _ => None,
    }
}

/// Everything of the content column that needs the data: places, downloads, profile, charts.
#[component]
fn Content(data: Data) -> impl IntoView {
    move || match shown_data(data) {
        Some(Ok(loaded)) => Some(view! { <Explorer loaded=loaded/> }),
        _ => None,
    }
}

#[component]
fn Explorer(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // `view=map&embed=1` is the map alone (with the profile a mark opens).
    let map_embed = move || ctx.embed.get() && ctx.pane.get() == crate::url_state::Pane::Map;
    let for_charts = loaded.clone();
    let for_profile = loaded.clone();
    let for_profile_below = loaded.clone();
    let profile_first = move || ctx.embed.get() && ctx.place.with(Option::is_some);
    view! {
        <compare::Compare loaded=loaded.clone()/>
        // An embed that names a place opens on its profile, above the matrix (a host page's
        // frame shows its top, and a task force links to its own place).
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
    }
}
