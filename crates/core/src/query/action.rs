//! What a visitor's use of the matrix's controls does to the view: one home for a filter
//! control, the search box, a sort button, a chip, "Clear all" and a place's name. The first
//! view (`crates/first-view`) and the app (`src/ui`) decode their events into an [`Action`] and
//! call [`ViewState::apply`]; neither writes these rules itself.

use crate::markup::chips::{self, Chip, ChipKey};
use crate::markup::filter_panel;
use crate::model::dataset::Dataset;
use crate::query::filter::Filter;
use crate::query::first_view;
use crate::query::url_state::{ViewState, MAX_Q};

/// One thing a visitor asked of the matrix's controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A control of the filter panel changed: its name, value and whether it is now checked.
    Control {
        name: String,
        value: String,
        on: bool,
    },
    /// The search box's text (cut to [`MAX_Q`] characters).
    Search(String),
    /// A column's sort button (`data-sort`): the same column flips, another starts at its
    /// natural direction.
    Sort(String),
    /// A chip's remove button: that filter goes, and nothing else.
    RemoveChip(ChipKey),
    /// "Clear all" (the panel's button, the chips' last button, the empty table's button).
    ClearAll,
    /// A place's name: its profile (the compare view, if open, gives way to it).
    OpenPlace(String),
    #[cfg(feature = "compare")]
    /// "Compare with peers" (a profile's button): that place's compare view with the peers
    /// proposed from the data, in place of the profile; `None` closes the compare view.
    Compare(Option<String>),
    #[cfg(feature = "compare")]
    /// The compare view's peers changed (a place added or removed): the whole list, in the
    /// visitor's order (`with=`); `None` goes back to the proposed peers.
    Peers(Option<Vec<String>>),
}

/// How a change is recorded in the browser's history.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum History {
    /// A deliberate change (a click): Back undoes it.
    Push,
    /// Typing: the URL follows without filling the history.
    Replace,
}

impl History {
    /// Several changes written at once: one deliberate change among them makes it a Push.
    pub fn merge(self, other: History) -> History {
        if self == History::Push || other == History::Push {
            History::Push
        } else {
            History::Replace
        }
    }
}

impl Action {
    /// The action of a chip's button (`data-chip`: its position among `shown`, or `all`).
    pub fn from_chip(which: &str, shown: &[Chip]) -> Option<Action> {
        if which == "all" {
            return Some(Action::ClearAll);
        }
        let chip = shown.get(which.parse::<usize>().ok()?)?;
        Some(Action::RemoveChip(chip.key.clone()))
    }

    /// How the change is recorded: typing replaces the entry, every click adds one.
    pub fn history(&self) -> History {
        match self {
            Action::Search(_) => History::Replace,
            _ => History::Push,
        }
    }
}

impl ViewState {
    /// Applies `action`; `years` are the years the year fields accept. Returns how to record
    /// the change, `Ok(None)` when the view is unchanged (nothing to write or draw), or the
    /// message for a year the fields refuse (the view is then unchanged).
    pub fn apply(
        &mut self,
        ds: &Dataset,
        years: (i32, i32),
        action: Action,
    ) -> Result<Option<History>, String> {
        let history = action.history();
        let mut next = self.clone();
        match action {
            Action::Control { name, value, on } => {
                filter_panel::apply_in(&mut next.filter, ds, years, (&name, &value, on))?
            }
            Action::Search(text) => next.filter.q = text.chars().take(MAX_Q).collect(),
            Action::Sort(id) => {
                if let Some((sort, dir)) = first_view::next_order(&next.sort, next.dir, &id) {
                    (next.sort, next.dir) = (sort, dir);
                }
            }
            Action::RemoveChip(key) => chips::remove(&mut next.filter, &key),
            Action::ClearAll => next.filter = Filter::default(),
            Action::OpenPlace(id) => {
                next.place = Some(id);
                #[cfg(feature = "compare")]
                {
                    next.compare = None;
                    next.with = None;
                }
            }
            #[cfg(feature = "compare")]
            Action::Compare(Some(id)) => {
                next.compare = Some(id);
                next.with = None;
                next.place = None;
            }
            #[cfg(feature = "compare")]
            Action::Compare(None) => {
                next.compare = None;
                next.with = None;
            }
            #[cfg(feature = "compare")]
            Action::Peers(with) => {
                if next.compare.is_some() {
                    next.with = with;
                }
            }
        }
        if next == *self {
            return Ok(None);
        }
        *self = next;
        Ok(Some(history))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter::{Dir, SortKey};

    fn years(ds: &Dataset) -> (i32, i32) {
        filter_panel::year_bounds(ds)
    }

    #[test]
    fn a_tactic_click_is_a_new_entry_and_a_second_click_undoes_it() {
        let ds = crate::small_fixture();
        let tactic = ds.tactics[0].id.clone();
        let mut view = ViewState::default();
        let tick = |on| Action::Control {
            name: "tactic".into(),
            value: tactic.clone(),
            on,
        };
        assert_eq!(
            view.apply(&ds, years(&ds), tick(true)),
            Ok(Some(History::Push))
        );
        assert_eq!(view.filter.tactics, vec![tactic.clone()]);
        assert_eq!(
            view.apply(&ds, years(&ds), tick(true)),
            Ok(None),
            "unchanged"
        );
        assert_eq!(
            view.apply(&ds, years(&ds), tick(false)),
            Ok(Some(History::Push))
        );
        assert_eq!(view, ViewState::default());
    }

    #[cfg(feature = "compare")]
    #[test]
    fn the_compare_view_opens_from_a_profile_keeps_its_peers_and_gives_way_back() {
        let ds = crate::small_fixture();
        let mut view = ViewState {
            place: Some("alpha-mt".into()),
            ..ViewState::default()
        };
        let open = Action::Compare(Some("alpha-mt".into()));
        assert_eq!(view.apply(&ds, years(&ds), open), Ok(Some(History::Push)));
        assert_eq!(
            (view.compare.as_deref(), view.place.as_deref()),
            (Some("alpha-mt"), None)
        );
        let with = Action::Peers(Some(vec!["beta-id".into()]));
        assert_eq!(view.apply(&ds, years(&ds), with), Ok(Some(History::Push)));
        assert_eq!(view.with, Some(vec!["beta-id".to_string()]));
        let back = Action::OpenPlace("alpha-mt".into());
        assert_eq!(view.apply(&ds, years(&ds), back), Ok(Some(History::Push)));
        assert_eq!(
            (
                view.compare.clone(),
                view.with.clone(),
                view.place.as_deref()
            ),
            (None, None, Some("alpha-mt"))
        );
        // Peers without a compare view change nothing.
        let stray = Action::Peers(Some(vec![]));
        assert_eq!(view.apply(&ds, years(&ds), stray), Ok(None));
    }

    #[test]
    fn typing_replaces_the_entry_and_is_cut_to_the_limit() {
        let ds = crate::small_fixture();
        let mut view = ViewState::default();
        let long = "m".repeat(MAX_Q + 20);
        assert_eq!(
            view.apply(&ds, years(&ds), Action::Search(long)),
            Ok(Some(History::Replace))
        );
        assert_eq!(view.filter.q.chars().count(), MAX_Q);
    }

    #[test]
    fn a_refused_year_leaves_the_view_as_it_was() {
        let ds = crate::small_fixture();
        let (min, _) = years(&ds);
        let mut view = ViewState::default();
        let early = Action::Control {
            name: "from".into(),
            value: (min - 1).to_string(),
            on: true,
        };
        assert!(view.apply(&ds, years(&ds), early).is_err());
        assert_eq!(view, ViewState::default());
    }

    #[test]
    fn sorting_flips_the_same_column_and_starts_another_at_its_direction() {
        let ds = crate::small_fixture();
        let mut view = ViewState::default();
        let sort = |id: &str| Action::Sort(id.into());
        view.apply(&ds, years(&ds), sort("name")).ok();
        assert_eq!((view.sort.clone(), view.dir), (SortKey::Name, Dir::Desc));
        view.apply(&ds, years(&ds), sort("total")).ok();
        assert_eq!((view.sort.clone(), view.dir), (SortKey::Total, Dir::Desc));
        assert_eq!(view.apply(&ds, years(&ds), sort("no-such")), Ok(None));
    }

    #[test]
    fn a_chip_removes_its_filter_only_and_all_clears_every_filter() {
        let ds = crate::small_fixture();
        let mut view = ViewState::default();
        view.filter.q = "a".into();
        view.filter.tactics = vec![ds.tactics[0].id.clone()];
        view.place = Some("x".into());
        let shown = chips::chips(&view.filter, &ds);
        let search = shown
            .iter()
            .position(|c| c.key == ChipKey::Search)
            .map(|i| i.to_string());
        let action = search.and_then(|i| Action::from_chip(&i, &shown));
        assert_eq!(action, Some(Action::RemoveChip(ChipKey::Search)));
        if let Some(action) = action {
            view.apply(&ds, years(&ds), action).ok();
        }
        assert!(view.filter.q.is_empty());
        assert_eq!(view.filter.tactics.len(), 1);
        assert_eq!(Action::from_chip("99", &shown), None);
        assert_eq!(Action::from_chip("x", &shown), None);
        let all = Action::from_chip("all", &shown);
        assert_eq!(all, Some(Action::ClearAll));
        if let Some(all) = all {
            view.apply(&ds, years(&ds), all).ok();
        }
        assert_eq!(view.filter, Filter::default());
        assert_eq!(view.place.as_deref(), Some("x"), "the profile stays open");
    }
}
