//! The URL as the one source of truth for the view: read at start and on back/forward,
//! written on every deliberate change.

use super::load::{LoadError, Loaded};
use crate::action::Action;
pub use crate::action::History;
use crate::filter::{Dir, Filter, SortKey};
use crate::url_state::{self, Pane, Theme, ViewState};
use leptos::prelude::*;

type Data = LocalResource<Result<Loaded, LoadError>>;

/// The view state, shared through context. Components change it only through `update`, and
/// read it through the typed slices: each is a `Memo` created once here, so a change wakes only
/// the readers of the part that changed (a tactic click does not touch the profile or charts).
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The whole state. Read the slices instead: tracking this wakes on every change.
    pub view: RwSignal<ViewState>,
    pub filter: Memo<Filter>,
    /// The checked tactics (also marked on the charts).
    pub tactics: Memo<Vec<String>>,
    /// The year range, `from` and `to` (also bounds the charts and the profile's timeline).
    pub years: Memo<(Option<i32>, Option<i32>)>,
    /// Sort key and direction.
    pub order: Memo<(SortKey, Dir)>,
    /// The place whose profile is open.
    pub place: Memo<Option<String>>,
    /// Series ids picked in the URL (empty: the default choice).
    pub series: Memo<Vec<String>>,
    pub pane: Memo<Pane>,
    pub embed: Memo<bool>,
    pub controls: Memo<bool>,
    /// Theme and accent (embed options).
    pub look: Memo<(Option<Theme>, Option<String>)>,
    pub import: Memo<bool>,
    /// Values from the URL that were ignored, shown once as a notice.
    pub notices: RwSignal<Vec<String>>,
    /// The history write waiting for the end of the frame; `None` in component tests, where
    /// there is no page URL to keep in step.
    url: Option<StoredValue<Option<History>>>,
}

/// A slice of the view state that wakes its readers only when it changes. A function pointer,
/// not a closure, and never inlined: one copy of the Memo's code per type, not per slice.
#[inline(never)]
fn slice<T: PartialEq + Send + Sync + 'static>(
    view: RwSignal<ViewState>,
    part: fn(&ViewState) -> T,
) -> Memo<T> {
    Memo::new(move |_| view.with(part))
}

impl Ctx {
    fn new(view: ViewState, notices: Vec<String>, sync_url: bool) -> Self {
        let view = RwSignal::new(view);
        Ctx {
            view,
            filter: slice(view, |v| v.filter.clone()),
            tactics: slice(view, |v| v.filter.tactics.clone()),
            years: slice(view, |v| (v.filter.from, v.filter.to)),
            order: slice(view, |v| (v.sort.clone(), v.dir)),
            place: slice(view, |v| v.place.clone()),
            series: slice(view, |v| v.series.clone()),
            pane: slice(view, |v| v.pane),
            embed: slice(view, |v| v.embed),
            controls: slice(view, |v| v.controls),
            look: slice(view, |v| (v.theme, v.accent.clone())),
            import: slice(view, |v| v.import),
            notices: RwSignal::new(notices),
            url: sync_url.then(|| StoredValue::new(None)),
        }
    }

    /// A context that does not touch the page URL (for tests and previews).
    pub fn detached(view: ViewState) -> Self {
        Ctx::new(view, Vec::new(), false)
    }

    /// Reads the state from the page URL and follows back/forward navigation.
    pub fn from_location() -> Self {
        let (view, notices) = url_state::parse(&current_search());
        let ctx = Ctx::new(view, notices, true);
        let handle = window_event_listener(leptos::ev::popstate, move |_| ctx.follow_location());
        on_cleanup(move || handle.remove());
        ctx
    }

    /// The address is the truth: after Back or Forward, and when the app's pieces go into the
    /// page (the first view kept the address current while the app loaded). A write still
    /// waiting would undo it; an unchanged view wakes nothing.
    pub fn follow_location(&self) {
        if let Some(pending) = self.url {
            pending.set_value(None);
        }
        let (view, notices) = url_state::parse(&current_search());
        if self.notices.with_untracked(|n| *n != notices) {
            self.notices.set(notices);
        }
        if self.view.with_untracked(|v| *v != view) {
            self.view.set(view);
        }
    }

    /// Changes the state at once; the address follows after the frame is painted, once for all
    /// the changes made until then (pushState costs a frame's worth of time in Chromium).
    pub fn update(&self, history: History, change: impl FnOnce(&mut ViewState)) {
        let mut next = self.view.get_untracked();
        change(&mut next);
        self.commit(next, history);
    }

    /// Applies a visitor's action on the matrix's controls (the rule is core's
    /// `ViewState::apply`, as in the first view); `Err` is the message for a refused year.
    pub fn act(&self, ds: &crate::dataset::Dataset, action: Action) -> Result<(), String> {
        let mut next = self.view.get_untracked();
        let years = crate::filter_panel::year_bounds(ds);
        if let Some(history) = next.apply(ds, years, action)? {
            self.commit(next, history);
        }
        Ok(())
    }

    /// The part of `update` that is the same for every change: one copy in the wasm, not one
    /// per caller (the first-load size budget).
    #[inline(never)]
    fn commit(&self, next: ViewState, history: History) {
        if self.view.with_untracked(|now| *now == next) {
            return;
        }
        self.view.set(next);
        if let Some(pending) = self.url {
            let waiting = pending.get_value();
            pending.set_value(Some(waiting.map_or(history, |w| w.merge(history))));
            if waiting.is_none() {
                let view = self.view;
                after_paint(move || flush(view, pending));
            }
        }
    }
}

/// Writes the waiting history entry, if any, for the state as it is now.
fn flush(view: RwSignal<ViewState>, pending: StoredValue<Option<History>>) {
    let Some(Some(history)) = pending.try_get_value() else {
        return; // written already, cancelled by Back/Forward, or the app is gone
    };
    pending.set_value(None);
    if let Some(state) = view.try_get_untracked() {
        write_url(&state, history);
    }
}

/// Runs `f` after the browser has painted the current frame: a task queued from the next
/// animation frame runs once that frame is on screen. A hidden page paints no frames, so
/// there it is only a task.
pub fn after_paint(f: impl FnOnce() + 'static) {
    if document().hidden() {
        set_timeout(f, std::time::Duration::ZERO);
    } else {
        request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
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
    tactics_dom::write_history(&url_for(state), history == History::Push);
}

/// Small, dismissible notices: ignored URL values, a refused data path, and (once the data is
/// in) values that name nothing in the dataset. The last are derived from the view, so they
/// follow Back/Forward; Dismiss hides the current list.
#[component]
pub fn Notices(refused: Option<String>, data: Data) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let refused = RwSignal::new(refused);
    // Only the parts that can name something missing: not the search text, sort or theme.
    let states = Memo::new(move |_| ctx.filter.with(|f| f.states.clone()));
    let compare = Memo::new(move |_| ctx.view.with(|v| (v.compare.clone(), v.with.clone())));
    let from_data = Memo::new(move |_| match data.get() {
        Some(Ok(l)) => {
            let (compare, with) = compare.get();
            let named = ViewState {
                place: ctx.place.get(),
                compare,
                with,
                series: ctx.series.get(),
                filter: Filter {
                    tactics: ctx.tactics.get(),
                    states: states.get(),
                    ..Filter::default()
                },
                ..ViewState::default()
            };
            url_state::unknown_in_dataset(&named, &l.ds)
        }
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
    fn one_deliberate_change_makes_a_batch_a_push() {
        use History::{Push, Replace};
        assert_eq!(Replace.merge(Replace), Replace);
        assert_eq!(Replace.merge(Push), Push);
        assert_eq!(Push.merge(Replace), Push);
        assert_eq!(Push.merge(Push), Push);
    }
}
