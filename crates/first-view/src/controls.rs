//! The first view's listeners: one per kind of event on `#pre`, reading what was used from the
//! element's name, value or `data-` attribute, as the app's views do.

use crate::handoff;
use crate::page::Page;
use std::cell::RefCell;
use std::rc::Rc;
use tactics_core::query::action::{Action, History};
use tactics_core::query::handoff::Asked;
use tactics_core::query::url_state;
use tactics_dom::filter_bar::BarClick;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlInputElement};

type Shared = Rc<RefCell<Page>>;

/// Adds every listener; they stay for the life of the page, silent once the app is shown.
pub fn wire(page: &Shared) {
    let pre = page.borrow().pre.clone();
    listen(&pre, "change", page, on_change);
    // On the search box itself: a checkbox fires `input` too, which need not wake this module.
    let search = page
        .borrow()
        .bar
        .as_ref()
        .and_then(|b| b.search_box().cloned());
    if let Some(q) = search {
        listen(&q, "input", page, on_input);
    }
    listen(&pre, "click", page, on_click);
    listen(&pre, "mouseover", page, |page, ev| show_tip(page, Some(ev)));
    listen(&pre, "focusin", page, |page, ev| {
        if let Some(el) = target(ev) {
            tactics_dom::grid::focused(&el);
        }
        show_tip(page, Some(ev));
    });
    // The matrix is one tab stop; the arrow keys move between its cells (as in the app).
    listen(&pre, "keydown", page, |_, ev| {
        if let Some(key) = ev.dyn_ref::<web_sys::KeyboardEvent>() {
            tactics_dom::grid::key(key);
        }
    });
    listen(&pre, "focusout", page, |page, _| show_tip(page, None));
    if let Some(win) = web_sys::window() {
        listen(&win, "popstate", page, |page, _| on_history(page));
        // The app could not be loaded (the loader says so on the page): a profile asked for
        // is not shown, so the URL must not say it is.
        listen(&win, "tactics-app-failed", page, |page, _| {
            handoff::forget();
            let mut p = page.borrow_mut();
            if p.view.place.take().is_some() {
                p.write_url_now(false);
            }
        });
        listen(&win, "keydown", page, |page, ev| {
            if ev
                .dyn_ref::<web_sys::KeyboardEvent>()
                .map(|k| k.key())
                .as_deref()
                == Some("Escape")
            {
                show_tip(page, None);
            }
        });
    }
}

/// `answer` is a plain function, so every listener shares one instance of the closure glue
/// (one per listener cost 0.6 KB gzip of the first load).
fn listen(target: &web_sys::EventTarget, kind: &str, page: &Shared, answer: fn(&Shared, &Event)) {
    let page = page.clone();
    let callback = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
        // Once the app's pieces are in the page, the page is the app's. An event fired while
        // the view is being updated (focus moving as rows are replaced) is not an action.
        let live = !handoff::app_shown() && page.try_borrow().is_ok();
        if live {
            answer(&page, &ev);
        }
    });
    let _ = target.add_event_listener_with_callback(kind, callback.as_ref().unchecked_ref());
    callback.forget();
}

fn target(ev: &Event) -> Option<Element> {
    ev.target()?.dyn_into::<Element>().ok()
}

/// A control of the filter panel changed.
fn on_change(page: &Shared, ev: &Event) {
    let Some(el) = target(ev) else { return };
    let Some((name, value, on)) = tactics_dom::control_change(&el) else {
        return;
    };
    if name == "q" {
        return;
    }
    let is_year = matches!(name.as_str(), "from" | "to");
    let p = &mut *page.borrow_mut();
    let result = act(p, Action::Control { name, value, on });
    if is_year {
        tactics_dom::show_year_error(&el, result.as_ref().err().map(String::as_str));
    }
    if let (Ok(true), Some(bar)) = (&result, &mut p.bar) {
        bar.panel_changed(&p.view.filter);
    }
}

/// Typing in the search box: each keystroke replaces the history entry.
fn on_input(page: &Shared, ev: &Event) {
    let Some(input) = target(ev).and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else {
        return;
    };
    let _ = act(&mut page.borrow_mut(), Action::Search(input.value()));
}

/// Applies the action (core's rule, as in the app); when it changed the view, shows it from
/// its first page and writes the URL. `Err` is the message for a refused year.
fn act(p: &mut Page, action: Action) -> Result<bool, String> {
    let Some(history) = p.view.apply(&p.ds, p.years, action)? else {
        return Ok(false);
    };
    p.page = 0;
    p.show();
    p.write_url(history == History::Push);
    Ok(true)
}

fn on_click(page: &Shared, ev: &Event) {
    let Some(el) = target(ev) else { return };
    let bar_click = {
        let p = page.borrow();
        p.bar.as_ref().and_then(|b| b.click(&el, p.chips()))
    };
    if let Some(click) = bar_click {
        on_bar(page, click);
        return;
    }
    let Some(button) = el.closest("button").ok().flatten() else {
        return;
    };
    let attr = |name: &str| button.get_attribute(name);
    if attr("data-action").as_deref() == Some("charts") {
        let at = page.borrow().page;
        handoff::to_app(Some(Asked::Charts), Some("Loading the charts…"), at);
    } else if let Some(id) = attr("data-sort") {
        let _ = act(&mut page.borrow_mut(), Action::Sort(id));
    } else if let Some(step) = attr("data-page") {
        let mut p = page.borrow_mut();
        p.page = tactics_dom::matrix_parts::step(&step, p.page);
        p.show();
    } else if button.class_list().contains("place") {
        on_place(page, attr("data-place"));
    } else if let Some(cell) = attr("data-cell") {
        // The tap's tooltip would stay over the next row while the app loads.
        show_tip(page, None);
        handoff::to_app(
            Some(Asked::Cell { cell }),
            Some("Opening the sources…"),
            page.borrow().page,
        );
    } else if let Some(asked) = app_counterpart(&button) {
        handoff::to_app(Some(asked), Some("Loading…"), page.borrow().page);
    }
}

/// A click in the filter bar or panel (or the empty table's "Clear all"): the action first,
/// then the panel and focus (focus events read the view too).
fn on_bar(page: &Shared, click: BarClick) {
    if let BarClick::Act(action) | BarClick::Chip(action) = &click {
        let _ = act(&mut page.borrow_mut(), action.clone());
    }
    if let Some(bar) = &page.borrow().bar {
        bar.after_click(&click);
    }
}

/// A place's name opens its profile: the app's, from the URL.
fn on_place(page: &Shared, id: Option<String>) {
    let Some(id) = id else { return };
    {
        let p = &mut *page.borrow_mut();
        if let Ok(Some(history)) = p.view.apply(&p.ds, p.years, Action::OpenPlace(id)) {
            p.write_url_now(history == History::Push);
        }
    }
    handoff::to_app(
        None,
        Some("Opening the place's profile…"),
        page.borrow().page,
    );
}

/// The app's control that a placeholder of the first view stands for (the placeholders carry
/// the app's classes and `data-pane`).
fn app_counterpart(button: &Element) -> Option<Asked> {
    let within = |selector: &str| button.closest(selector).ok().flatten().is_some();
    if within(".embed-dialog") {
        Some(Asked::Embed)
    } else if button.class_list().contains("own-data-toggle") {
        Some(Asked::OwnData)
    } else {
        let pane = button.get_attribute("data-pane")?;
        Some(Asked::Pane { pane })
    }
}

/// Back and Forward: the URL's view if this module can show it, else the app.
fn on_history(page: &Shared) {
    let Some(query) = web_sys::window().and_then(|w| w.location().search().ok()) else {
        return;
    };
    page.borrow().cancel_url();
    let shows = page.borrow().shows(&query);
    if !shows {
        handoff::to_app(None, Some("Loading…"), 0);
        return;
    }
    let mut p = page.borrow_mut();
    let view = url_state::parse(&query).0;
    // A fragment link (Get help, Skip to the data) fires popstate too: the same view stays
    // on its page.
    if view == p.view {
        return;
    }
    p.view = view;
    p.page = 0;
    p.show();
}

/// One tooltip for the table, for the hovered or focused cell (as the app's).
fn show_tip(page: &Shared, ev: Option<&Event>) {
    let p = page.borrow();
    let target = ev.and_then(target);
    tactics_dom::matrix_parts::show_tip(&p.pre, target.as_ref());
}
