//! The URL as the one source of truth for the view: read at start and on back/forward,
//! written on every deliberate change.

use super::load::{LoadError, Loaded};
use crate::dataset::{Dataset, Index};
use crate::url_state::{self, ViewState};
use leptos::prelude::*;

type Data = LocalResource<Result<Loaded, LoadError>>;

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
        let (view, notices) = parse_with_notices(&current_search());
        let ctx = Ctx {
            view: RwSignal::new(view),
            notices: RwSignal::new(notices),
            sync_url: true,
        };
        let handle = window_event_listener(leptos::ev::popstate, move |_| {
            let (view, notices) = parse_with_notices(&current_search());
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

/// The URL state and its notices, including one when the search text was cut.
fn parse_with_notices(search: &str) -> (ViewState, Vec<String>) {
    let (view, mut notices) = url_state::parse(search);
    notices.extend(clipped_search(search));
    (view, notices)
}

/// A notice when `q=` is longer than the search box takes, so the cut is not silent.
pub fn clipped_search(search: &str) -> Option<String> {
    let query = search.strip_prefix('?').unwrap_or(search);
    let long = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| url_state::decode(key) == "q")
        .any(|(_, value)| url_state::decode(value).trim().chars().count() > url_state::MAX_Q);
    long.then(|| {
        format!(
            "The search text was cut to its first {} characters.",
            url_state::MAX_Q
        )
    })
}

/// Values that are well formed but name nothing in the loaded dataset, one notice each.
pub fn unknown_in_dataset(view: &ViewState, ds: &Dataset, index: &Index) -> Vec<String> {
    let short = |s: &str| -> String {
        let mut out: String = s.chars().take(40).collect();
        if s.chars().count() > 40 {
            out.push('…');
        }
        out
    };
    let mut out = Vec::new();
    if ds.jurisdictions.is_empty() {
        return out;
    }
    if let Some(id) = view
        .place
        .as_deref()
        .filter(|id| ds.place(index, id).is_none())
    {
        out.push(format!(
            "No place “{}” in this dataset (place=).",
            short(id)
        ));
    }
    for id in view
        .series
        .iter()
        .filter(|id| !ds.series.iter().any(|s| s.id == **id))
    {
        out.push(format!(
            "No series “{}” in this dataset (series=).",
            short(id)
        ));
    }
    for id in view
        .filter
        .tactics
        .iter()
        .filter(|id| !ds.tactics.iter().any(|t| t.id == **id))
    {
        out.push(format!(
            "No tactic “{}” in this dataset (tactics=).",
            short(id)
        ));
    }
    let states = crate::filter::states(ds);
    for code in view.filter.states.iter().filter(|c| !states.contains(c)) {
        out.push(format!(
            "No place in the state “{}” in this dataset (state=).",
            short(code)
        ));
    }
    out
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

/// Small, dismissible notices: ignored URL values, a refused data path, and (once the data is
/// in) values that name nothing in the dataset. The last are derived from the view, so they
/// follow Back/Forward; Dismiss hides the current list.
#[component]
pub fn Notices(refused: Option<String>, data: Data) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let refused = RwSignal::new(refused);
    let from_data = Memo::new(move |_| match data.get() {
        Some(Ok(l)) => ctx.view.with(|v| unknown_in_dataset(v, &l.ds, &l.index)),
        _ => Vec::new(),
    });
    let dismissed = RwSignal::new(Vec::<String>::new());
    let all = move || {
        let mut list = ctx.notices.get();
        if let Some(r) = refused.get() {
            list.insert(0, r);
        }
        from_data.with(|d| {
            if dismissed.with(|x| x != d) {
                list.extend(d.iter().cloned());
            }
        });
        list
    };
    view! {
        <Show when=move || !all().is_empty()>
            <div class="notice" role="status" data-testid="url-notices">
                <ul inner_html=move || {
                    all().iter().map(|n| format!("<li>{}</li>", crate::text::escape(n))).collect::<String>()
                }></ul>
                <button type="button" on:click=move |_| {
                    ctx.notices.set(Vec::new());
                    refused.set(None);
                    dismissed.set(from_data.get_untracked());
                }>"Dismiss"</button>
            </div>
        </Show>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_search_is_reported_and_a_short_one_is_not() {
        let long = format!("?tactics=letters&q={}", "a%20".repeat(101));
        assert!(clipped_search(&long).is_some_and(|n| n.contains("100 characters")));
        assert_eq!(clipped_search(&format!("?q={}", "b".repeat(100))), None);
        assert_eq!(clipped_search("?q=&x"), None);
    }

    #[test]
    fn every_value_the_dataset_lacks_gets_its_own_notice() {
        let checked = crate::validate::check(include_str!("../../tests/fixtures/small.json"), 2027);
        let ds = checked
            .dataset
            .unwrap_or_else(|| panic!("{:?}", checked.problems));
        let index = ds.index();
        let (mut view, _) = url_state::parse("?place=nowhere&series=alpha-cases,gone&state=MT,ZZ");
        let notices = unknown_in_dataset(&view, &ds, &index);
        assert_eq!(
            notices,
            vec![
                "No place “nowhere” in this dataset (place=).".to_string(),
                "No series “gone” in this dataset (series=).".to_string(),
                "No place in the state “ZZ” in this dataset (state=).".to_string(),
            ]
        );
        view.place = Some("alpha-mt".into());
        view.series.clear();
        view.filter.states.clear();
        assert!(unknown_in_dataset(&view, &ds, &index).is_empty());
    }
}
