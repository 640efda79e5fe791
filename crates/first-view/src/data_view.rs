//! `tactics-data-view`: the first load of a page whose URL names a dataset file (`?data=`)
//! and only the matrix's state. It reads and checks the whole file as the app does (a file
//! with any problem loads the app, which lists them) and rewrites the page's parts that came
//! from the bundled dataset (national counts, credit, help, Quick exit), so none of them is
//! shown as this file's. The prerendered chart is the bundled data's: hidden until the app
//! draws this file's.

use tactics_core::validate::MAX_BYTES;
use tactics_core::{first_view, page_parts, url_state};
use tactics_first_view::{data, run, Read, Source};
use web_sys::Element;

struct File;

impl Source for File {
    fn handles(query: &str) -> bool {
        first_view::handles_file(query)
    }

    /// The `data=` file's address when the app would load it too: on this page's origin, over
    /// http(s) (the rule of the app's `embed::data_path`; other files get the app's notice).
    fn url(_pre: &Element, query: &str) -> Option<String> {
        let asked = url_state::parse(query).0.data?;
        let url = data::absolute(&asked)?;
        let here = web_sys::window()?.location().origin().ok()?;
        let parsed = web_sys::Url::new(&url).ok()?;
        (parsed.origin() == here && parsed.protocol().starts_with("http")).then_some(url)
    }

    /// As the app reads it: a file over the size limit is the app's to refuse, with its message.
    async fn bytes(url: &str) -> Option<Vec<u8>> {
        let response = data::response(url).await?;
        if tactics_dom::declared_too_large(&response) {
            return None;
        }
        let bytes = tactics_dom::body_bytes(response).await?;
        (bytes.len() <= MAX_BYTES).then_some(bytes)
    }

    fn read(text: String) -> Option<Read> {
        let max_year = js_sys::Date::new_0().get_full_year() as i32 + 1;
        first_view::read_file(text, max_year).map(|(ds, years)| Read {
            parts: Some(page_parts::parts(&ds)),
            ds,
            years,
        })
    }
}

fn main() {
    run::<File>();
}
