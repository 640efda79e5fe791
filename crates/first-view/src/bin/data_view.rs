//! `tactics-data-view`: the first load of a page whose URL names a dataset file (`?data=`)
//! and only the matrix's state. It reads and checks the whole file as the app does (a file
//! with any problem loads the app, which lists them) and rewrites the page's parts that came
//! from the bundled dataset (national counts, credit, help, Quick exit), so none of them is
//! shown as this file's. The prerendered chart is the bundled data's: hidden until the visitor
//! asks for this file's (the app draws them).

use tactics_core::model::validate::MAX_BYTES;
use tactics_core::{markup::page_parts, query::first_view, query::url_state};
use tactics_first_view::page::find;
use tactics_first_view::{data, run, Read, Source};
use web_sys::{Element, Response};

struct File;

impl Source for File {
    fn handles(query: &str) -> bool {
        first_view::handles_file(query)
    }

    /// The `data=` file's address when the app would load it too: on this page's origin, over
    /// http(s) (the rule of the app's `embed::data_path`; other files get the app's notice).
    fn url(_pre: &Element, query: &str) -> Option<String> {
        tactics_dom::same_origin_url(&url_state::parse(query).0.data?)
    }

    /// As the app reads it: a file over the size limit is the app's to refuse, with its message.
    async fn bytes(url: &str) -> Option<Vec<u8>> {
        let accept = |r: &Response| r.ok() && !tactics_dom::declared_too_large(r);
        let response = data::response(url, accept).await?;
        let bytes = tactics_dom::body_bytes(response).await?;
        (bytes.len() <= MAX_BYTES).then_some(bytes)
    }

    fn read(text: String) -> Option<Read> {
        let max_year = js_sys::Date::new_0().get_full_year() as i32 + 1;
        first_view::read_file(text, max_year).map(|(ds, years)| Read {
            ds,
            years,
            file: true,
        })
    }

    /// The file's parts of the page (Quick exit's site, national counts, credit, help) in place
    /// of the bundled dataset's, and the bundled rows' sources list (shown without JavaScript
    /// only) removed. Tactic columns in another order than the prerendered header's are the
    /// app's to draw.
    fn fit(pre: &Element, read: &Read) -> bool {
        if !tactics_dom::matrix_parts::same_columns(pre, &read.ds) {
            return false;
        }
        let parts = page_parts::parts(&read.ds);
        tactics_dom::show_help_and_exit(pre, &parts.help, &parts.exit_url);
        let set = |selector: &str, html: &str| {
            if let Some(el) = find(pre, selector) {
                el.set_inner_html(html);
            }
        };
        set("section.matrix tfoot tr:last-child", &parts.national_row);
        set("footer.credit", &parts.credit);
        if let Some(sources) = find(pre, "section.pre-sources") {
            sources.remove();
        }
        true
    }
}

fn main() {
    run::<File>();
}
