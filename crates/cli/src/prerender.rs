//! The default view written into `index.html` at build time, so the bundled data's rows are on
//! screen before the wasm arrives and the page reads without JavaScript. Built from the same
//! code as the app: [`rows::page_html`] for the matrix body, the filter and sort of the default
//! [`ViewState`], the charts crate's panel for the headline chart, the core's source lists.
//! Every text from the data is escaped; only http(s) links become links.
//!
//! The block carries the classes of the app's markup (same stylesheet, same layout). Parts that
//! need the app (search, filter panel, buttons) are placeholders of the same size, marked
//! `pre-js`: invisible while the app loads, absent without JavaScript (`public/pre-guard.js` and
//! the `#pre` rules at the end of `public/app.css`).

use std::fmt::Write;
use tactics_charts::html::summary_html;
use tactics_charts::{chosen_series, panels, ChartOptions};
use tactics_core::markup::html::source_list;
use tactics_core::markup::page;
use tactics_core::markup::rows::PAGE_SIZE;
use tactics_core::model::dataset::{CellState, Dataset, Index, Series};
use tactics_core::model::validate::check;
use tactics_core::query::filter;
use tactics_core::query::first_view;
use tactics_core::query::url_state::ViewState;

/// Where the block starts and ends in `index.html`; a second run replaces it.
pub const START: &str = "<!--prerender-->";
pub const END: &str = "<!--/prerender-->";

/// `index_html` with the default view of `dataset` (JSON text) in its body, or why not: a
/// dataset with any problem (the app then shows its problems above the data, a view the build
/// does not write), or a page without the empty page element (`<div id="pre"`).
/// What the page's loader (written by the build hook) takes from the Rust code, as JSON:
/// `matrix_keys`, the URL keys the first view may show (`url_state::MATRIX_KEYS`).
pub fn manifest() -> String {
    serde_json::json!({ "matrix_keys": tactics_core::query::url_state::MATRIX_KEYS }).to_string()
}

pub fn prerender(dataset: &str, index_html: &str, max_year: i32) -> Result<String, String> {
    build(dataset, index_html, max_year).map(|b| b.page)
}

/// What the build writes: the page with its first view, and the first view's data file.
pub struct Built {
    pub page: String,
    /// Path of the data file relative to the page (`data/first-view-HASH.json`).
    pub data_path: String,
    pub data_json: String,
}

/// The page with the default view, and the part of the dataset that the first-view module
/// reads (crates/first-view): the matrix's places, tactics, uses, sources and searches, without
/// the charts' series and events. It is written from the dataset checked here, so that module
/// does not check it again; its name carries a hash of its content, so a cached copy never
/// mixes with a new page.
pub fn build(dataset: &str, index_html: &str, max_year: i32) -> Result<Built, String> {
    let checked = check(dataset, max_year);
    let first = checked.problems.first().map(|p| {
        format!(
            "{} problems, the first: {}: {} (line {}, column {})",
            checked.problems.len() + checked.unlisted,
            p.path,
            p.message,
            p.line,
            p.column
        )
    });
    match (checked.dataset, first) {
        (Some(ds), None) => {
            let data_json = first_view::part_json(&ds)
                .map_err(|e| format!("the first view's data could not be written: {e}"))?;
            let data_path = format!("data/first-view-{:016x}.json", fnv1a(data_json.as_bytes()));
            let page = insert(index_html, &view_html(&ds, &ds.index(), &data_path))?;
            Ok(Built {
                page,
                data_path,
                data_json,
            })
        }
        (_, Some(why)) => Err(format!("the dataset has {why}")),
        (None, None) => Err("the dataset could not be read".to_string()),
    }
}

/// `index_html` without a first view written by an earlier run (for a dataset that no longer
/// passes its checks: the app then writes the page and shows its problems, and no stale first
/// view answers).
pub fn remove(index_html: &str) -> String {
    match (index_html.find(START), index_html.find(END)) {
        (Some(a), Some(b)) if a < b => {
            format!(
                "{}{EMPTY_PAGE}{}",
                &index_html[..a],
                &index_html[b + END.len()..]
            )
        }
        _ => index_html.to_string(),
    }
}

/// The page element of index.html before the build fills it (the app fills it when the build
/// did not).
const EMPTY_PAGE: &str = "<div id=\"pre\" class=\"pre\"></div>";

/// Puts `block` in place of the empty page element (or of an earlier block).
pub fn insert(index_html: &str, block: &str) -> Result<String, String> {
    let html = remove(index_html);
    let (at, end) = page_element(&html)
        .ok_or("index.html has no empty <div id=\"pre\"> to write the page into")?;
    Ok(format!(
        "{}{START}{block}{END}{}",
        &html[..at],
        &html[end..]
    ))
}

/// Where the empty `<div>` with `id="pre"` starts and ends (also as a minifier writes it:
/// `<div class=pre id=pre></div>`).
fn page_element(html: &str) -> Option<(usize, usize)> {
    let id = ["id=\"pre\"", "id=pre>", "id=pre "]
        .iter()
        .filter_map(|m| html.find(m))
        .min()?;
    let open = html[..id].rfind('<')?;
    if !html[open..].starts_with("<div") {
        return None;
    }
    let close = html[id..].find("</div>")? + id;
    // Empty: nothing but the tag's end between it and `</div>`.
    let inner = &html[html[open..].find('>')? + open + 1..close];
    inner
        .trim()
        .is_empty()
        .then_some((open, close + "</div>".len()))
}

/// FNV-1a, 64 bits: a content hash for a file name (stable across builds and toolchains).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The whole page with the default view: core's page (`page::page_html`) with the default
/// view's matrix and headline chart in its content slot and the first page's sources and the
/// credit in its footer. `data_path` is the first-view module's data file.
pub fn view_html(ds: &Dataset, index: &Index, data_path: &str) -> String {
    let view = ViewState::default();
    let visible = filter::visible(index, &view.filter, &view.sort, view.dir);
    let page: Vec<(usize, usize)> = visible
        .iter()
        .copied()
        .enumerate()
        .take(PAGE_SIZE)
        .collect();
    let mut content = page::matrix_section_html(ds, index);
    chart(&mut content, ds, index, &view);
    let mut footer = String::new();
    page_sources(&mut footer, ds, index, &page);
    credit(&mut footer, ds);
    let drawn = page::Drawn {
        first_view: Some(data_path),
        content,
        footer,
    };
    page::page_html(Some(ds), &drawn)
}

/// The headline chart of the default view: the first panel, drawn as the worker draws it
/// (without its events list and download buttons).
fn chart(out: &mut String, ds: &Dataset, index: &Index, view: &ViewState) {
    let ids = chosen_series(ds, view);
    let series: Vec<&Series> = ds.series.iter().filter(|s| ids.contains(&s.id)).collect();
    let Some(panel) = panels(&series).into_iter().next() else {
        return;
    };
    let drawn = summary_html(ds, index, &panel, &view.filter, &ChartOptions::default(), 0);
    out.push_str(
        "<section class=\"charts pre-view\" aria-labelledby=\"pre-charts-title\" data-testid=\"pre-charts\">\
         <h2 id=\"pre-charts-title\">Reported figures over time</h2>\
         <p class=\"lede\">Each point comes from the source named in the table under the chart. Missing years are gaps, not zeros; where sources disagree, both figures are drawn.</p>",
    );
    let _ = write!(out, "<div class=\"chart-panels\">{drawn}</div></section>");
}

/// The sources behind the cells of the first page (without JavaScript their tooltips cannot
/// be opened), each once, in order of first use.
fn page_sources(out: &mut String, ds: &Dataset, index: &Index, page: &[(usize, usize)]) {
    let mut ids: Vec<String> = Vec::new();
    for &(_, pos) in page {
        for t in 0..ds.tactics.len() {
            let (CellState::Used(u) | CellState::NotFound(u)) = ds.cell(index, pos, t) else {
                continue;
            };
            for id in &u.sources {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
    }
    if ids.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section class=\"pre-sources pre-nojs pre-view\" aria-labelledby=\"pre-sources-title\" data-testid=\"pre-sources\">\
         <h2 id=\"pre-sources-title\">Sources of the table</h2>{}</section>",
        source_list(ds, index, &ids)
    );
}

/// The data credit, as the app's footer (same builder as the app's).
fn credit(out: &mut String, ds: &Dataset) {
    let _ = write!(
        out,
        "<footer class=\"credit pre-view\" data-testid=\"pre-credit\">{}</footer>",
        tactics_core::markup::panels::credit_html(&ds.meta, None)
    );
}
