//! The filters: a compact bar (search, a "Filters (n)" button, chips of the active filters)
//! and the panel it opens. Every control is labelled, keyboard-usable and writes the URL.

use super::url::{Ctx, History};
use super::Loaded;
use crate::dataset::Kind;
use crate::filter::{self, Filter, Match, PopBand};
use leptos::prelude::*;

/// Population bands offered in the select; the URL accepts any range.
const POP_BANDS: [(&str, Option<u64>, Option<u64>); 5] = [
    ("Under 10,000", None, Some(9_999)),
    ("10,000 – 99,999", Some(10_000), Some(99_999)),
    ("100,000 – 999,999", Some(100_000), Some(999_999)),
    ("1,000,000 and more", Some(1_000_000), None),
    ("Any size", None, None),
];

#[component]
pub fn Filters(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ds = loaded.ds.clone();
    let bounds = ds.year_bounds();
    let (min_year, max_year) = bounds.unwrap_or((1900, 2100));
    let set = move |history: History, change: Box<dyn FnOnce(&mut Filter)>| {
        ctx.update(history, move |v| change(&mut v.filter));
    };
    // Slices for the long lists of boxes: a tactic click or typing does not wake the 50 state
    // boxes, and typing not the tactic boxes (the few other controls read the filter).
    let tactics = ctx.tactics;
    let chosen_states = part(ctx, |f| f.states.clone());

    let tactic_boxes = ds
        .tactics
        .iter()
        .map(|t| {
            let id = t.id.clone();
            let id_check = id.clone();
            let checked = move || tactics.with(|t| t.contains(&id_check));
            let all_ids: Vec<String> = ds.tactics.iter().map(|t| t.id.clone()).collect();
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let id = id.clone();
                let order = all_ids.clone();
                set(
                    History::Push,
                    Box::new(move |f| {
                        let mut chosen: Vec<String> =
                            f.tactics.drain(..).filter(|t| *t != id).collect();
                        if on {
                            chosen.push(id);
                        }
                        f.tactics = order.into_iter().filter(|t| chosen.contains(t)).collect();
                    }),
                );
            };
            view! {
                <label class="check" title=t.definition.clone()>
                    <input type="checkbox" name="tactic" value=t.id.clone()
                        prop:checked=checked on:change=toggle/>
                    {t.name.clone()}
                </label>
            }
        })
        .collect_view();

    let states = filter::states(&ds);
    let state_boxes = states
        .into_iter()
        .map(|code| {
            let c = code.clone();
            let checked = move || chosen_states.with(|s| s.contains(&c));
            let c2 = code.clone();
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                let code = c2.clone();
                set(History::Push, Box::new(move |f| set_member(&mut f.states, code, on)));
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="state" value=code.clone() prop:checked=checked on:change=toggle/>
                    {code.clone()}
                </label>
            }
        })
        .collect_view();

    let kind_boxes = Kind::ALL
        .into_iter()
        .map(|kind| {
            let checked = move || ctx.filter.with(|f| f.kinds.contains(&kind));
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                set(History::Push, Box::new(move |f| set_member(&mut f.kinds, kind, on)));
            };
            view! {
                <label class="check">
                    <input type="checkbox" name="kind" value=kind.id() prop:checked=checked on:change=toggle/>
                    {kind.label()}
                </label>
            }
        })
        .collect_view();

    let year_error = RwSignal::new(None::<String>);
    let year_input = move |which: &'static str| {
        move |ev: leptos::ev::Event| {
            let raw = event_target_value(&ev);
            let parsed = if raw.trim().is_empty() {
                Ok(None)
            } else {
                raw.trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|y| (min_year..=max_year).contains(y))
                    .map(Some)
                    .ok_or(format!("Enter a year from {min_year} to {max_year}."))
            };
            let Ok(year) = parsed else {
                year_error.set(parsed.err());
                return;
            };
            let (from, to) = ctx.filter.with_untracked(|f| match which {
                "from" => (year, f.to),
                _ => (f.from, year),
            });
            if let (Some(a), Some(b)) = (from, to) {
                if a > b {
                    year_error.set(Some("“From” must not be after “to”.".into()));
                    return;
                }
            }
            year_error.set(None);
            set(
                History::Push,
                Box::new(move |f| {
                    f.from = from;
                    f.to = to;
                }),
            );
        }
    };
    let years = ctx.years;
    let year_value = move |which: &'static str| {
        move || {
            let (from, to) = years.get();
            match which {
                "from" => from,
                _ => to,
            }
            .map(|y| y.to_string())
            .unwrap_or_default()
        }
    };

    // Few controls read these directly (a slice per type costs wasm size, see the budget).
    let pop_value = move || {
        ctx.filter
            .with(|f| match f.pop {
                None => POP_BANDS.len() - 1,
                Some(b) => POP_BANDS
                    .iter()
                    .position(|(_, lo, hi)| *lo == b.min && *hi == b.max)
                    .unwrap_or(usize::MAX),
            })
            .to_string()
    };
    let custom_pop = move || {
        ctx.filter.with(|f| {
            f.pop.filter(|b| {
                !POP_BANDS
                    .iter()
                    .any(|(_, lo, hi)| *lo == b.min && *hi == b.max)
            })
        })
    };
    let pop_change = move |ev: leptos::ev::Event| {
        let choice = event_target_value(&ev).parse::<usize>().ok();
        let band = choice
            .and_then(|i| POP_BANDS.get(i))
            .and_then(|(_, lo, hi)| {
                (lo.is_some() || hi.is_some()).then_some(PopBand { min: *lo, max: *hi })
            });
        set(History::Push, Box::new(move |f| f.pop = band));
    };

    let chips = super::chips::active(ds.clone());
    let open = RwSignal::new(wide_screen());
    let toggle = NodeRef::<leptos::html::Button>::new();
    let close = move |_| {
        open.set(false);
        if let Some(button) = toggle.get_untracked() {
            let _ = button.focus();
        }
    };
    view! {
        <div class="filterbar" data-testid="filterbar">
            <div class="search">
                <label for="q">"Search"<span class="sr">" places"</span></label>
                <input id="q" type="search" autocomplete="off" maxlength=crate::url_state::MAX_Q
                    prop:value=move || ctx.filter.with(|f| f.q.clone())
                    on:input=move |ev| {
                        let text: String = event_target_value(&ev).chars().take(crate::url_state::MAX_Q).collect();
                        set(History::Replace, Box::new(move |f| f.q = text));
                    }/>
                <button type="button" class="filters-toggle" node_ref=toggle data-testid="filters-toggle"
                    aria-expanded=move || open.get().to_string() aria-controls="filters-panel"
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || format!("Filters ({})", chips.with(Vec::len))}
                </button>
            </div>
            {super::chips::chip_list(chips, toggle)}
        </div>
        <aside id="filters-panel" class="filters" aria-labelledby="filters-title" data-testid="filters"
            hidden=move || !open.get()>
            <h2 id="filters-title">"Filters"</h2>
            <fieldset>
                <legend>"Tactics"</legend>
                <div class="match" role="radiogroup" aria-label="Match">
                    <label class="check">
                        <input type="radio" name="match" value="any"
                            prop:checked=move || ctx.filter.with(|f| f.mode == Match::Any)
                            on:change=move |_| set(History::Push, Box::new(|f| f.mode = Match::Any))/>
                        "Any checked tactic"
                    </label>
                    <label class="check">
                        <input type="radio" name="match" value="all"
                            prop:checked=move || ctx.filter.with(|f| f.mode == Match::All)
                            on:change=move |_| set(History::Push, Box::new(|f| f.mode = Match::All))/>
                        "All checked tactics"
                    </label>
                </div>
                <div class="checks tactics">{tactic_boxes}</div>
            </fieldset>
            <fieldset>
                <legend>"Years"</legend>
                <div class="years">
                    <label>"From"
                        <input type="number" inputmode="numeric" name="from" min=min_year max=max_year
                            prop:value=year_value("from") on:change=year_input("from")/>
                    </label>
                    <label>"To"
                        <input type="number" inputmode="numeric" name="to" min=min_year max=max_year
                            prop:value=year_value("to") on:change=year_input("to")/>
                    </label>
                </div>
                <p class="error" role="alert">{move || year_error.get()}</p>
                <label class="check">
                    <input type="checkbox" name="undated"
                        prop:checked=move || ctx.filter.with(|f| f.include_undated)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set(History::Push, Box::new(move |f| f.include_undated = on));
                        }/>
                    "Include uses with no known year"
                </label>
            </fieldset>
            <fieldset>
                <legend>"State"</legend>
                <div class="checks">{state_boxes}</div>
            </fieldset>
            <fieldset>
                <legend>"Kind of place"</legend>
                <div class="checks">{kind_boxes}</div>
            </fieldset>
            <div class="field">
                <label for="pop">"Population"</label>
                <select id="pop" prop:value=pop_value on:change=pop_change>
                    {POP_BANDS.iter().enumerate().map(|(i, (label, _, _))| view! { <option value=i.to_string()>{*label}</option> }).collect_view()}
                    {move || custom_pop().map(|b| view! {
                        <option value=usize::MAX.to_string()>{format!("{} – {}", b.min.map(|n| n.to_string()).unwrap_or_default(), b.max.map(|n| n.to_string()).unwrap_or_default())}</option>
                    })}
                </select>
            </div>
            <button type="button" class="clear" data-testid="clear-filters"
                disabled=move || ctx.filter.with(Filter::is_default)
                on:click=move |_| ctx.update(History::Push, |v| v.filter = Filter::default())>
                "Clear all filters"
            </button>
            <button type="button" class="close-filters" on:click=close>"Close filters"</button>
        </aside>
    }
}

/// One part of the filter, as a slice that wakes its controls only when that part changes.
fn part<T: PartialEq + Send + Sync + 'static>(ctx: Ctx, get: fn(&Filter) -> T) -> Memo<T> {
    Memo::new(move |_| ctx.filter.with(get))
}

/// Wide screens show the panel beside the table at first; phones start with it closed, so the
/// data comes first.
fn wide_screen() -> bool {
    window()
        .match_media("(min-width: 1000px)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Adds or removes `item`, keeping the list sorted and without repeats (as the URL writes it).
fn set_member<T: Ord>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|x| *x != item);
    if on {
        list.push(item);
        list.sort();
    }
}
