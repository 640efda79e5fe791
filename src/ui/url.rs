//! The URL as the one source of truth for the view: read at start and on back/forward,
//! written on every deliberate change.

use crate::url_state::{self, ViewState};
use leptos::prelude::*;

/// The view state, shared through context. Components change it only through `update`.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub view: RwSignal<ViewState>,
    /// Values from the URL that were ignored, shown once as a notice.
    pub notices: RwSignal<Vec<String>>,
    /// False in component tests, where there is no page URL to keep in step.
    sync_url: bool,
}

/// How a change is recorded in the browser history.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum History {
    /// A deliberate change (a click): Back undoes it.
    Push,
    /// Typing: the URL follows without filling the history.
    Replace,
}

impl Ctx {
    /// A context that does not touch the page URL (for tests and previews).
    pub fn detached(view: ViewState) -> Self {
        Ctx {
            view: RwSignal::new(view),
            notices: RwSignal::new(Vec::new()),
            sync_url: false,
        }
    }

    /// Reads the state from the page URL and follows back/forward navigation.
    pub fn from_location() -> Self {
        let (view, notices) = url_state::parse(&current_search());
        let ctx = Ctx {
            view: RwSignal::new(view),
            notices: RwSignal::new(notices),
            sync_url: true,
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let (view, notices) = url_state::parse(&current_search());
            ctx.notices.set(notices);
            ctx.view.set(view);
        });
        on_cleanup(move || handle.remove());
        ctx
    }

    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        change(&mut next);
        if next == self.view.get_untracked() {
            return;
        }
        if self.sync_url {
            write_url(&next, history);
        }
        self.view.set(next);
    }
}

fn current_search() -> String {
    window().location().search().unwrap_or_default()
}

/// The page's own address with the query for `state` (keeps the path, drops any hash).
pub fn url_for(state: &ViewState) -> String {
    let path = window().location().pathname().unwrap_or_default();
    let query = url_state::to_query(state);
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

fn write_url(state: &ViewState, history: History) {
    let url = url_for(state);
    let Ok(h) = window().history() else { return };
    let result = match history {
        History::Push => h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
        History::Replace => h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
    };
    if result.is_err() {
        leptos::logging::warn!("could not update the address bar");
    }
}

/// Small, dismissible notices about ignored URL values and refused data paths.
#[component]
pub fn Notices(refused: Option<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let refused = RwSignal::new(refused);
    let all = move || {
        let mut list = ctx.notices.get();
        if let Some(r) = refused.get() {
            list.insert(0, r);
        }
        list
    };
    view! {
        <Show when=move || !all().is_empty()>
            <div class="notice" role="status" data-testid="url-notices">
                <ul>
                    {move || all().into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
                <button type="button" on:click=move |_| {
                    ctx.notices.set(Vec::new());
                    refused.set(None);
                }>"Dismiss"</button>
            </div>
        </Show>
    }
}
