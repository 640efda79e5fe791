//! `tactics-data-view`: the first load of a page whose URL names a dataset file (`?data=`)
//! and only the matrix's state. It reads and checks the whole file as the app does (a file
//! with any problem loads the app, which lists them) and rewrites the page's parts that came
//! from the bundled dataset (national counts, credit, help, Quick exit), so none of them is
//! shown as this file's. The prerendered chart is the bundled data's: hidden until the app
//! draws this file's.

use tactics_core::{first_view, page_parts, url_state};
use tactics_first_view::{data, run, Read, Source};
use web_sys::Element;

fn main() {
    run(Source {
        handles: first_view::handles_file,
        url: file_url,
        read: |text| {
            let max_year = js_sys::Date::new_0().get_full_year() as i32 + 1;
            first_view::read_file(text, max_year).map(|(ds, years)| Read {
                parts: Some(page_parts::parts(&ds)),
                ds,
                years,
            })
        },
    });
}

/// The `data=` file's address when the app would load it too: on this page's origin, over
/// http(s) (the rule of the app's `embed::data_path`; other files get the app's notice).
fn file_url(_pre: &Element, query: &str) -> Option<String> {
    let asked = url_state::parse(query).0.data?;
    let url = data::absolute(&asked)?;
    let here = web_sys::window()?.location().origin().ok()?;
    let parsed = web_sys::Url::new(&url).ok()?;
    (parsed.origin() == here && parsed.protocol().starts_with("http")).then_some(url)
}
