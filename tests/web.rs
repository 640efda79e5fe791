//! Component tests in headless Chromium (wasm-bindgen-test): the matrix with a small fixture.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use tactics_explorer::filter::SortKey;
use tactics_explorer::ui::{load_text, Ctx, Matrix};
use tactics_explorer::url_state::ViewState;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("fixtures/small.json");

/// Mounts the matrix in a fresh container; keep the handle alive for the test's duration.
fn mount(view: ViewState) -> (web_sys::HtmlElement, Ctx, impl Drop) {
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
    assert!(sorted()[0].0.starts_with("Tactics used"));
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
    let text = alpha.text_content().unwrap_or_default();
    assert!(text.contains("Used 2016–2024"), "{text}");
    assert!(text.contains("Not found (searched 2026-11-01)"), "{text}");
    assert!(text.contains("Not researched"), "{text}");
    host.remove();
}
