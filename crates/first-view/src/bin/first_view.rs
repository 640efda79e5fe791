//! `tactics-first-view`: the first load of the bundled data's page. It reads the part of the
//! dataset the build wrote for it (`data/first-view-HASH.json`, from the dataset the build
//! checked), so it carries no checks and no code to read series or events: a file that does not
//! read is the app's to explain.

use tactics_core::query::first_view;
use tactics_first_view::{data, run, Read, Source};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, Response};

struct BuildPart;

impl Source for BuildPart {
    fn handles(query: &str) -> bool {
        first_view::handles(query)
    }

    /// The build's data file (`data-first-view` on `#pre`).
    fn url(pre: &Element, _query: &str) -> Option<String> {
        data::absolute(&pre.get_attribute("data-first-view")?)
    }

    async fn bytes(url: &str) -> Option<Vec<u8>> {
        // A small file of the build's: read as it is.
        let response = data::response(url, Response::ok).await?;
        let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
        Some(js_sys::Uint8Array::new(&buffer).to_vec())
    }

    fn read(text: String) -> Option<Read> {
        first_view::read_part_file(&text).map(|(ds, years)| Read {
            ds,
            years,
            file: false,
        })
    }
}

fn main() {
    run::<BuildPart>();
}
