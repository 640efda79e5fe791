//! Component tests in headless Chromium (wasm-bindgen-test): the matrix with a small fixture.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tactics_explorer::filter::SortKey;
use tactics_explorer::ui::{load_text, series_choice, Ctx, Filters, History, Loaded, Matrix};
use tactics_explorer::url_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/small.json");

/// A fresh container in the page and the checked fixture dataset.
fn host_and_fixture() -> (web_sys::HtmlElement, Loaded) {
    let document = document();
    let host: web_sys::HtmlElement = document
        .create_element("div")
        .expect("div")
        .unchecked_into();
    document
        .body()
        .expect("body")
        .append_child(&host)
        .expect("append");
    let loaded = match load_text(FIXTURE, "fixture", 2100) {
        Ok(l) => l,
        Err(e) => panic!("fixture invalid: {}", e.message),
    };
    (host, loaded)
}

/// Mounts the matrix in a fresh container; keep the handle alive for the test's duration.
fn mount(view: ViewState) -> (web_sys::HtmlElement, Ctx, impl Drop) {
    let (host, loaded) = host_and_fixture();
    let ctx = Ctx::detached(view);
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(ctx);
        view! { <Matrix loaded=loaded.clone()/> }
    });
    (host, ctx, handle)
}

fn row_names(host: &web_sys::HtmlElement) -> Vec<String> {
    let rows = host
        .query_selector_all("tbody th[scope=row] button.place")
        .expect("query");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn a_tactic_filter_changes_the_rows() {
    let (host, ctx, _handle) = mount(ViewState::default());
    leptos::task::tick().await;
    assert_eq!(row_names(&host), vec!["Alpha", "Beta", "Gamma County"]);
    ctx.view
        .update(|v| v.filter.tactics = vec!["john-school".into()]);
    leptos::task::tick().await;
    assert_eq!(row_names(&host), vec!["Alpha"]);
    let status = host
        .query_selector("[data-testid=row-count]")
        .expect("query")
        .and_then(|n| n.text_content());
    assert_eq!(status.as_deref(), Some("1 of 3 places"));
    host.remove();
}

#[wasm_bindgen_test]
async fn sorting_sets_aria_sort_on_one_column_only() {
    let (host, _ctx, _handle) = mount(ViewState::default());
    leptos::task::tick().await;
    let sorted = || {
        let list = host.query_selector_all("th[aria-sort]").expect("query");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(|n| {
                let el: web_sys::Element = n.unchecked_into();
                (
                    el.text_content().unwrap_or_default(),
                    el.get_attribute("aria-sort").unwrap_or_default(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(sorted().len(), 1);
    assert!(sorted()[0].0.starts_with("Place"));
    assert_eq!(sorted()[0].1, "ascending");

    let button: web_sys::HtmlElement = host
        .query_selector("button[data-sort=total]")
        .expect("query")
        .expect("total sort button")
        .unchecked_into();
    button.click();
    leptos::task::tick().await;
    assert_eq!(sorted().len(), 1);
    assert!(sorted()[0].0.starts_with("Documented tactics"));
    assert_eq!(sorted()[0].1, "descending");
    // Alpha uses two tactics, Beta one, Gamma none.
    assert_eq!(row_names(&host), vec!["Alpha", "Beta", "Gamma County"]);
    button.click();
    leptos::task::tick().await;
    assert_eq!(sorted()[0].1, "ascending");
    assert_eq!(row_names(&host), vec!["Gamma County", "Beta", "Alpha"]);
    host.remove();
}

#[wasm_bindgen_test]
async fn cells_state_their_use_in_words() {
    let view = ViewState {
        sort: SortKey::Name,
        ..ViewState::default()
    };
    let (host, _ctx, _handle) = mount(view);
    leptos::task::tick().await;
    let alpha = host
        .query_selector("tr[data-place=alpha-mt]")
        .expect("query")
        .expect("alpha row");
    // A used or searched cell: the words are its button's accessible name, and the button has
    // no child that could give another one.
    let buttons = alpha.query_selector_all("td.cell button").expect("query");
    let names: Vec<String> = (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .map(|n| n.unchecked_into::<web_sys::Element>())
        .inspect(|b| assert_eq!(b.child_element_count(), 0))
        .filter_map(|b| b.get_attribute("aria-label"))
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names
            .iter()
            .any(|n| n == "Used 2016–2024; documented by a primary source"),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n == "Not found (searched 2026-11-01)"),
        "{names:?}"
    );
    // A "not researched" cell has no child and no generated box: its words are its aria-label
    // (the e2e tests read the name from Chromium's accessibility tree) and its dot a background
    // image of the app's stylesheet.
    let unknown = alpha
        .query_selector("td.cell-unknown")
        .expect("query")
        .expect("a not researched cell");
    assert_eq!(unknown.child_nodes().length(), 0);
    assert_eq!(
        unknown.get_attribute("aria-label").as_deref(),
        Some("Not researched")
    );
    let style = document().create_element("style").expect("style");
    style.set_text_content(Some(include_str!("../public/app.css")));
    document()
        .head()
        .expect("head")
        .append_child(&style)
        .expect("append");
    let computed = |pseudo: &str, property: &str| {
        let style = js_sys::Reflect::get(&window(), &"getComputedStyle".into())
            .expect("getComputedStyle")
            .unchecked_into::<js_sys::Function>()
            .call2(&window(), &unknown, &pseudo.into())
            .expect("a computed style");
        js_sys::Reflect::get(&style, &property.into())
            .expect(property)
            .as_string()
            .unwrap_or_default()
    };
    let dot = computed("", "backgroundImage");
    let before = computed("::before", "content");
    style.remove();
    assert!(dot.starts_with("radial-gradient("), "{dot}");
    assert_eq!(before, "none", "no generated box");
    host.remove();
}

/// How many times an effect that reads `read` has run (once at start, then once per change).
fn runs<T: 'static>(read: impl Fn() -> T + 'static) -> std::rc::Rc<std::cell::Cell<u32>> {
    let n = std::rc::Rc::new(std::cell::Cell::new(0));
    let counter = n.clone();
    Effect::new(move |_| {
        read();
        counter.set(counter.get() + 1);
    });
    n
}

/// What each reader of the view saw: the counts of the effects below, in this order.
const READERS: [&str; 7] = [
    "filter",
    "order",
    "place",
    "series",
    "chart series",
    "look",
    "pane",
];

#[wasm_bindgen_test]
async fn a_tactic_click_or_a_keystroke_wakes_only_the_filter_readers() {
    let (host, loaded) = host_and_fixture();
    let ctx = Ctx::detached(ViewState::default());
    let counts = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let for_mount = counts.clone();
    let _handle = leptos::mount::mount_to(host.clone(), move || {
        provide_context(ctx);
        let chart = series_choice(ctx, loaded.ds.clone());
        *for_mount.borrow_mut() = vec![
            runs(move || ctx.filter.get()),
            runs(move || ctx.order.get()),
            runs(move || ctx.place.get()),
            runs(move || ctx.series.get()),
            runs(move || chart.get()),
            runs(move || ctx.look.get()),
            runs(move || ctx.pane.get()),
        ];
        view! { <Filters loaded=loaded.clone()/><Matrix loaded=loaded.clone()/> }
    });
    let seen = || -> Vec<(&str, u32)> {
        READERS
            .iter()
            .copied()
            .zip(counts.borrow().iter().map(|c| c.get()))
            .collect()
    };
    let expect = |n: [u32; 7]| -> Vec<(&str, u32)> { READERS.iter().copied().zip(n).collect() };
    leptos::task::tick().await;
    assert_eq!(seen(), expect([1, 1, 1, 1, 1, 1, 1]));

    let tactic: web_sys::HtmlElement = host
        .query_selector("input[name=tactic][value=john-school]")
        .expect("query")
        .expect("John School box")
        .unchecked_into();
    tactic.click();
    leptos::task::tick().await;
    assert_eq!(row_names(&host), vec!["Alpha"]);
    assert_eq!(seen(), expect([2, 1, 1, 1, 1, 1, 1]), "a tactic click");

    tactic.click();
    leptos::task::tick().await;
    let search: web_sys::HtmlInputElement = host
        .query_selector("#q")
        .expect("query")
        .expect("search box")
        .unchecked_into();
    search.set_value("gam");
    // As a browser's: it bubbles (the bar's one listener is on its wrapper).
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let input = web_sys::Event::new_with_event_init_dict("input", &init).expect("event");
    search.dispatch_event(&input).expect("dispatch");
    leptos::task::tick().await;
    assert_eq!(row_names(&host), vec!["Gamma County"]);
    assert_eq!(seen(), expect([4, 1, 1, 1, 1, 1, 1]), "typing");

    // The counters do count: opening a place wakes its readers (the chart's choice stays: the
    // fixture's one series is both Alpha's and the default) and a sort click the order's.
    ctx.update(History::Push, |v| v.place = Some("alpha-mt".into()));
    leptos::task::tick().await;
    assert_eq!(seen(), expect([4, 1, 2, 1, 1, 1, 1]), "opening a place");
    let sort: web_sys::HtmlElement = host
        .query_selector("button[data-sort=population]")
        .expect("query")
        .expect("population sort button")
        .unchecked_into();
    sort.click();
    leptos::task::tick().await;
    assert_eq!(seen(), expect([4, 2, 2, 1, 1, 1, 1]), "a sort click");
    host.remove();
}

/// Resolves after the next painted frame and one task (when a deferred URL write has run).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let resolve = resolve.clone();
        request_animation_frame(move || {
            set_timeout(
                move || {
                    let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
                },
                std::time::Duration::ZERO,
            )
        });
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

#[wasm_bindgen_test]
async fn changes_in_one_frame_make_one_history_entry_after_the_frame() {
    let history = window().history().expect("history");
    let search = || window().location().search().unwrap_or_default();
    let start = window().location().href().unwrap_or_default();
    let owner = Owner::new();
    let ctx = owner.with(Ctx::from_location);
    let length = history.length().expect("length");
    ctx.update(History::Replace, |v| v.filter.q = "a".into());
    ctx.update(History::Push, |v| v.filter.tactics = vec!["letters".into()]);
    ctx.update(History::Replace, |v| v.filter.q = "ab".into());
    assert_eq!(
        ctx.filter.with_untracked(|f| f.q.clone()),
        "ab",
        "the state changes at once"
    );
    assert!(!search().contains("q="), "the address waits for the frame");
    let mut frames = 0;
    while !search().contains("q=ab") && frames < 20 {
        next_frame().await;
        frames += 1;
    }
    assert_eq!(search(), "?tactics=letters&q=ab");
    assert_eq!(
        history.length().expect("length"),
        length + 1,
        "one entry, pushed"
    );
    // Typing alone replaces the entry.
    ctx.update(History::Replace, |v| v.filter.q = "abc".into());
    while !search().contains("q=abc") && frames < 40 {
        next_frame().await;
        frames += 1;
    }
    assert_eq!(search(), "?tactics=letters&q=abc");
    assert_eq!(
        history.length().expect("length"),
        length + 1,
        "typing adds no entry"
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .expect("restore the address");
    owner.cleanup();
}

/// `tactics_dom::write_history` numbers the entries it pushes (what Quick exit reads in
/// `public/pre-guard.js` to take them all away), keeps the number when it replaces, and writes
/// nothing once Quick exit has started.
#[wasm_bindgen_test]
fn pushed_entries_are_numbered_and_replacing_keeps_the_number() {
    let history = window().history().expect("history");
    let start = window().location().href().unwrap_or_default();
    let depth = || {
        let state = history.state().expect("state");
        js_sys::Reflect::get(&state, &tactics_dom::DEPTH_KEY.into())
            .ok()
            .and_then(|v| v.as_f64())
    };
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .expect("a first entry that is not the explorer's");
    let length = history.length().expect("length");
    tactics_dom::write_history("?tactics=letters", true);
    assert_eq!(depth(), Some(1.0));
    tactics_dom::write_history("?tactics=letters&q=a", false);
    assert_eq!(depth(), Some(1.0), "replacing keeps the number");
    tactics_dom::write_history("?tactics=calls", true);
    assert_eq!(depth(), Some(2.0));
    assert_eq!(history.length().expect("length"), length + 2);
    assert_eq!(
        window().location().search().unwrap_or_default(),
        "?tactics=calls"
    );
    // Once Quick exit has started (the guard marks <html>), nothing is written.
    let root = document().document_element().expect("html");
    root.set_attribute(tactics_dom::LEAVING_ATTRIBUTE, "")
        .expect("mark");
    tactics_dom::write_history("?tactics=letters", true);
    tactics_dom::write_history("?q=x", false);
    root.remove_attribute(tactics_dom::LEAVING_ATTRIBUTE)
        .expect("unmark");
    assert_eq!(
        history.length().expect("length"),
        length + 2,
        "no entry added"
    );
    assert_eq!(
        window().location().search().unwrap_or_default(),
        "?tactics=calls",
        "the entry is not rewritten"
    );
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&start))
        .expect("restore the address");
}

/// `tactics_dom::Rows` (the first-view module's matrix body): the first call adopts the rows in
/// the page; then rows that stay the same stay the same elements (renumbered), rows that leave
/// are removed, changed and new rows are parsed, and the rows are in the new order with the
/// right `aria-rowindex`.
#[wasm_bindgen_test]
fn the_row_patch_keeps_unchanged_rows() {
    use tactics_explorer::rows::RowHtml;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .expect("document");
    let table = doc.create_element("table").expect("table");
    let tbody = doc.create_element("tbody").expect("tbody");
    table.append_child(&tbody).expect("append");
    doc.body()
        .expect("body")
        .append_child(&table)
        .expect("append");
    let row = |id: &str, index: usize, text: &str| RowHtml {
        index,
        rest: format!(" data-place=\"{id}\"><td>{text}</td></tr>"),
    };
    let html = |rows: &[RowHtml]| {
        let mut out = String::new();
        rows.iter().for_each(|r| r.write_html(&mut out));
        out
    };
    let all_rows = |t: &web_sys::Element| -> Vec<web_sys::Element> {
        let rows = t.query_selector_all("tr").expect("rows");
        (0..rows.length())
            .filter_map(|i| rows.item(i)?.dyn_into::<web_sys::Element>().ok())
            .collect()
    };
    // The rows as "place:aria-rowindex", in the body's order.
    let shown = |t: &web_sys::Element| -> Vec<String> {
        all_rows(t)
            .iter()
            .map(|r| {
                format!(
                    "{}:{}",
                    r.get_attribute("data-place").unwrap_or_default(),
                    r.get_attribute("aria-rowindex").unwrap_or_default()
                )
            })
            .collect()
    };
    let element = |id: &str| {
        tbody
            .query_selector(&format!("[data-place={id}]"))
            .ok()
            .flatten()
    };
    let first = [row("a", 2, "A"), row("b", 3, "B"), row("c", 4, "C")];
    tbody.set_inner_html(&html(&first));
    let (a, b, c) = (
        element("a").expect("a"),
        element("b").expect("b"),
        element("c").expect("c"),
    );
    let mut rows = tactics_dom::Rows::new(tbody.clone());
    // The rows in the page are adopted as they are.
    rows.show(&first);
    assert_eq!(shown(&tbody), ["a:2", "b:3", "c:4"]);
    assert!(
        element("a").is_some_and(|now| now == a),
        "adopted, not parsed"
    );
    // One row leaves, one changes, one is new, one moves up.
    rows.show(&[row("b", 2, "B"), row("c", 3, "C changed"), row("d", 4, "D")]);
    assert_eq!(shown(&tbody), ["b:2", "c:3", "d:4"]);
    assert!(
        element("b").is_some_and(|now| now == b),
        "an unchanged row is the same element, renumbered"
    );
    assert!(
        element("c").is_some_and(|now| now != c),
        "a changed row is a new element"
    );
    assert_eq!(
        element("c").and_then(|c| c.text_content()).as_deref(),
        Some("C changed")
    );
    assert!(
        !a.is_connected() && !c.is_connected(),
        "rows that left are removed"
    );
    assert_eq!(all_rows(&tbody).len(), 3);
    // A row that comes back is parsed again, in its place.
    rows.show(&[row("d", 2, "D"), row("a", 3, "A"), row("b", 4, "B")]);
    assert_eq!(shown(&tbody), ["d:2", "a:3", "b:4"]);
    assert!(element("b").is_some_and(|now| now == b));
    // A new order.
    rows.show(&[row("b", 2, "B"), row("d", 3, "D"), row("a", 4, "A")]);
    assert_eq!(shown(&tbody), ["b:2", "d:3", "a:4"]);
    assert!(element("b").is_some_and(|now| now == b));
    // What is shown is what setting the whole markup would show.
    let expected = doc.create_element("tbody").expect("tbody");
    let last = [row("b", 2, "B"), row("d", 3, "D"), row("a", 4, "A")];
    expected.set_inner_html(&html(&last));
    let outer = |rows: Vec<web_sys::Element>| -> Vec<String> {
        rows.iter().map(|r| r.outer_html()).collect()
    };
    assert_eq!(outer(all_rows(&tbody)), outer(all_rows(&expected)));
    table.remove();
}
