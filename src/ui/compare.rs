//! The compare view (`?compare=`, issue 28) and the one-page brief. What they show is core's
//! (`crate::compare`, `crate::brief`: peers, the "documented for a compared place, not here"
//! list, the table and the brief, as escaped HTML); this component wires the URL state to that
//! markup and the clicks to URL changes (`Action::Compare`, `Action::Peers`), through `Ctx`.
//!
//! The brief is in the page (hidden on screen) whenever a compare view or a profile is open;
//! the print stylesheet prints it alone. Its state chart is the figures table at once, and the
//! worker's drawing of it once asked for (the compare view, or "Print or save as PDF").

use super::url::Ctx;
use super::Loaded;
use crate::action::Action;
use crate::compare::{self as peers, Plan};
use crate::dataset::{Dataset, Index};
use crate::url_state::ViewState;
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// The brief's chart for the place at a position: the drawing's markup once the worker has
/// answered (`None` if it could not).
type Drawing = (usize, Option<String>);

#[component]
pub fn Compare(loaded: Loaded) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Loaded { ds, index, .. } = loaded;
    let wanted = Memo::new(move |_| ctx.view.with(|v| (v.compare.clone(), v.with.clone())));
    let plan = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| {
            let (compare, with) = wanted.get();
            let view = ViewState {
                compare,
                with,
                ..ViewState::default()
            };
            peers::plan(&ds, &index, &view)
        })
    };
    // The brief: the compare view's place and peers, else the open profile's place with the
    // peers proposed for it.
    let brief_plan = {
        let (ds, index) = (ds.clone(), index.clone());
        let place = ctx.place;
        Memo::new(move |_| {
            plan.get().or_else(|| {
                let view = ViewState {
                    compare: place.get(),
                    ..ViewState::default()
                };
                peers::plan(&ds, &index, &view)
            })
        })
    };
    let html = {
        let (ds, index) = (ds.clone(), index.clone());
        Memo::new(move |_| plan.with(|p| p.as_ref().map(|p| peers::compare_html(&ds, &index, p))))
    };
    let refocus = StoredValue::new(None::<String>);
    keep_focus(html, refocus);
    focus_on_open(wanted);

    // The brief's state chart: which series, the drawing once asked for.
    let headline = {
        let ds = ds.clone();
        Memo::new(move |_| {
            brief_plan.with(|p| {
                let place = ds.jurisdictions.get(p.as_ref()?.place)?;
                crate::chart::state_headline(&ds, &place.id)
            })
        })
    };
    let drawing = RwSignal::new(None::<Drawing>);
    let asked = RwSignal::new(false);
    let print_after = StoredValue::new(false);
    // The compare view asks for the drawing at once; a profile only when its brief is printed.
    Effect::new(move |_| {
        if plan.with(Option::is_some) {
            asked.set(true);
        }
    });
    Effect::new(move |_| {
        let Some(pos) = brief_plan.with(|p| p.as_ref().map(|p| p.place)) else {
            return;
        };
        let (Some(id), true) = (headline.get(), asked.get()) else {
            return;
        };
        if drawing.with_untracked(|d| d.as_ref().is_some_and(|(p, _)| *p == pos)) {
            return;
        }
        leptos::task::spawn_local(async move {
            let drawn = super::charts::drawn_panels(vec![id]).await.map(|h| {
                h.replace(
                    "<details class=\"chart-table\">",
                    "<details class=\"chart-table\" open>",
                )
            });
            // The brief may be another place's by now: keep only its own drawing.
            if brief_plan.try_with_untracked(|p| p.as_ref().map(|p| p.place)) == Some(Some(pos)) {
                drawing.try_set(Some((pos, drawn)));
                if print_after.try_get_value() == Some(true) {
                    print_after.set_value(false);
                    super::url::after_paint(print);
                }
            }
        });
    });
    let ready = move || {
        let Some(pos) = brief_plan.with(|p| p.as_ref().map(|p| p.place)) else {
            return false;
        };
        headline.with(Option::is_none)
            || !asked.get()
            || drawing.with(|d| d.as_ref().is_some_and(|(p, _)| *p == pos))
    };
    // Prints the brief, with its drawing if it can come.
    let print_brief = move || {
        if headline.with_untracked(Option::is_some)
            && !ready_untracked(brief_plan, drawing, asked, headline)
        {
            print_after.set_value(true);
            asked.set(true);
        } else {
            print();
        }
    };
    PRINT.with(|p| *p.borrow_mut() = Some(Box::new(print_brief)));
    on_cleanup(|| PRINT.with(|p| *p.borrow_mut() = None));

    // The view's and the brief's styles (not in the first load); the brief waits for them, so
    // it never shows on screen.
    let styled = stylesheet();
    // The brief as one string (one element set with `inner_html`: far less code than a view
    // per part), with its state chart: the drawing once it is here, else the figures table.
    let brief = {
        let (ds, index) = (ds.clone(), index.clone());
        let foot = crate::brief::foot_html(&ds);
        move || {
            if !styled.get() {
                return String::new();
            }
            brief_plan.with(|p| {
                let Some(p) = p else {
                    return String::new();
                };
                let chart = match headline.get() {
                    None => crate::brief::no_chart_html(&ds, p),
                    Some(id) => drawing
                        .with(|d| match d {
                            Some((at, Some(html))) if *at == p.place => Some(html.clone()),
                            _ => None,
                        })
                        .unwrap_or_else(|| super::charts::figure_tables(&ds, &index, &[id])),
                };
                let id = ds.jurisdictions.get(p.place).map_or("", |j| j.id.as_str());
                format!(
                    "<div class=\"brief\" data-testid=\"brief\" data-ready=\"{}\" data-place=\"{}\">{}\
                     <div class=\"brief-chart\" data-testid=\"brief-chart\">{chart}</div>{foot}</div>",
                    ready(),
                    crate::text::escape(id),
                    crate::brief::head_html(&ds, &index, p),
                )
            })
        }
    };
    let wiring = Wiring {
        ctx,
        ds: ds.clone(),
        index: index.clone(),
        plan,
        refocus,
    };
    let on_click = {
        let wiring = wiring.clone();
        move |ev: leptos::ev::MouseEvent| wiring.click(&ev, print_brief)
    };
    let on_change = move |ev: leptos::ev::Event| wiring.change(&ev);
    // The compare section is core's markup in a host that holds the listeners.
    let section = move || {
        html.get().map_or_else(String::new, |body| {
            format!(
                "<section id=\"compare\" class=\"compare\" data-testid=\"compare\" \
                 aria-labelledby=\"compare-title\" data-escape>{body}</section>"
            )
        })
    };
    view! {
        <div class="compare-host" inner_html=section on:click=on_click on:change=on_change></div>
        <div class="brief-host" inner_html=brief></div>
    }
}

thread_local! {
    /// Whether the view's stylesheet has loaded; linked once per page (a view drawn again, for
    /// a preview of one's own files, does not fetch it again).
    static STYLED: std::cell::RefCell<Option<ArcRwSignal<bool>>> = const { std::cell::RefCell::new(None) };
}

/// The compare view's and the brief's stylesheet (`public/lazy/compare.css`, not in the first
/// load), linked into the head the first time; `true` once it has loaded.
fn stylesheet() -> ArcRwSignal<bool> {
    STYLED.with(|s| {
        s.borrow_mut()
            .get_or_insert_with(|| {
                let styled = ArcRwSignal::new(false);
                let doc = document();
                if let (Some(head), Ok(link)) = (doc.head(), doc.create_element("link")) {
                    let _ = link.set_attribute("rel", "stylesheet");
                    let _ = link.set_attribute("href", "lazy/compare.css");
                    let loaded = styled.clone();
                    let on_load =
                        wasm_bindgen::closure::Closure::once_into_js(move || loaded.set(true));
                    let _ = link.add_event_listener_with_callback("load", on_load.unchecked_ref());
                    let _ = head.append_child(&link);
                }
                styled
            })
            .clone()
    })
}

thread_local! {
    /// How the brief on the page is printed (set while the component is mounted).
    static PRINT: std::cell::RefCell<Option<Box<dyn Fn()>>> = const { std::cell::RefCell::new(None) };
}

/// What a profile's "Print or save as PDF" button calls: prints the brief, once its chart is
/// drawn.
pub fn print_brief() {
    let done = PRINT.with(|p| p.borrow().as_ref().map(|f| f()).is_some());
    if !done {
        print();
    }
}

fn ready_untracked(
    brief_plan: Memo<Option<Plan>>,
    drawing: RwSignal<Option<Drawing>>,
    asked: RwSignal<bool>,
    headline: Memo<Option<String>>,
) -> bool {
    let Some(pos) = brief_plan.with_untracked(|p| p.as_ref().map(|p| p.place)) else {
        return true;
    };
    headline.with_untracked(Option::is_none)
        || (asked.get_untracked()
            && drawing.with_untracked(|d| d.as_ref().is_some_and(|(p, _)| *p == pos)))
}

fn print() {
    let _ = window().print();
}

/// Moves focus to the compare view's heading when it opens for another place (not on the first
/// load: the URL named it, nobody asked to move).
fn focus_on_open(wanted: Memo<(Option<String>, Option<Vec<String>>)>) {
    Effect::new(move |prev: Option<Option<String>>| {
        let now = wanted.with(|(c, _)| c.clone());
        if now.is_some() && prev.is_some_and(|p| p != now) {
            request_animation_frame(|| {
                focus_by_id("compare-title");
            });
        }
        now
    });
}

/// The view is one string: after it is redrawn, focus goes back to the control that changed it.
fn keep_focus(html: Memo<Option<String>>, refocus: StoredValue<Option<String>>) {
    Effect::new(move |_| {
        html.track();
        if let Some(id) = refocus.get_value() {
            refocus.set_value(None);
            // A place the visitor added and then removed leaves no checkbox: the heading then.
            request_animation_frame(move || {
                if !focus_by_id(&id) {
                    focus_by_id("compare-title");
                }
            });
        }
    });
}

/// Moves focus to the element `id`; false when the page has none.
fn focus_by_id(id: &str) -> bool {
    let el = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    el.is_some_and(|el| el.focus().is_ok())
}

fn target_element(ev: &web_sys::Event) -> Option<web_sys::Element> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

/// What the view's listeners act on: the state, the data, the plan shown, and the control to
/// give focus back to once the view is redrawn.
#[derive(Clone)]
struct Wiring {
    ctx: Ctx,
    ds: Arc<Dataset>,
    index: Arc<Index>,
    plan: Memo<Option<Plan>>,
    refocus: StoredValue<Option<String>>,
}

impl Wiring {
    /// The one listener for the view's buttons.
    fn click(&self, ev: &web_sys::Event, print_brief: impl Fn()) {
        let (ctx, plan, refocus) = (self.ctx, self.plan, self.refocus);
        let (ds, index) = (&*self.ds, &*self.index);
        let Some(button) = target_element(ev).and_then(|t| t.closest("button").ok().flatten())
        else {
            return;
        };
        let place = plan.with_untracked(|p| {
            p.as_ref()
                .and_then(|p| ds.jurisdictions.get(p.place))
                .map(|j| j.id.clone())
        });
        match button.get_attribute("data-action").as_deref() {
            Some("print") => print_brief(),
            Some("profile") => {
                if let Some(id) = place {
                    let _ = ctx.act(ds, Action::OpenPlace(id));
                }
            }
            Some("close") => {
                let _ = ctx.act(ds, Action::Compare(None));
                if let Some(id) = place {
                    request_animation_frame(move || {
                        focus_by_id(&format!("row-{id}"));
                    });
                }
            }
            Some("reset") => {
                refocus.set_value(Some("compare-title".into()));
                let _ = ctx.act(ds, Action::Peers(None));
            }
            Some("add") => {
                let chosen = document()
                    .get_element_by_id("peer-add")
                    .and_then(|el| el.dyn_into::<web_sys::HtmlSelectElement>().ok())
                    .map(|s| s.value())
                    .unwrap_or_default();
                let next = plan.with_untracked(|p| p.as_ref()?.toggled(ds, index, &chosen, true));
                if let Some(next) = next {
                    refocus.set_value(Some("peer-add".into()));
                    let _ = ctx.act(ds, Action::Peers(Some(next)));
                }
            }
            _ => {}
        }
    }

    /// A peer's checkbox: adds or removes that place.
    fn change(&self, ev: &web_sys::Event) {
        let (ctx, plan, refocus) = (self.ctx, self.plan, self.refocus);
        let (ds, index) = (&*self.ds, &*self.index);
        let Some(input) =
            target_element(ev).and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(id) = input.get_attribute("data-peer") else {
            return;
        };
        let next = plan.with_untracked(|p| p.as_ref()?.toggled(ds, index, &id, input.checked()));
        if let Some(next) = next {
            refocus.set_value(Some(input.id()));
            let _ = ctx.act(ds, Action::Peers(Some(next)));
        }
    }
}
