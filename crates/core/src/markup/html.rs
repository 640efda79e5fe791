//! Escaped HTML fragments that the app and the lazily loaded worker both show (source lists), so
//! a source reads the same in a profile, a chart and a map. Data text is always escaped and only
//! http(s) links become links.

use crate::markup::text::{escape, is_web_url};
use crate::model::dataset::{Dataset, Source};
use crate::model::lookup::Index;
use std::fmt::Write;

/// `<ul class="sources">` of the given source ids; an unknown id is named, never dropped.
pub fn source_list(ds: &Dataset, index: &Index, ids: &[String]) -> String {
    format!(
        "<ul class=\"sources\">{}</ul>",
        source_items(ds, index, ids)
    )
}

/// The `<li>` items of [`source_list`], for a list element the caller already has.
pub fn source_items(ds: &Dataset, index: &Index, ids: &[String]) -> String {
    let mut out = String::new();
    for id in ids {
        match ds.source(index, id) {
            Some(s) => source_item(&mut out, s),
            None => {
                let _ = write!(out, "<li>Unknown source “{}”</li>", escape(id));
            }
        }
    }
    out
}

fn source_item(out: &mut String, s: &Source) {
    out.push_str("<li>");
    link(out, &s.url, &s.title);
    let _ = write!(
        out,
        " — {}, {}; {}",
        escape(&s.publisher),
        escape(&s.published_label()),
        escape(&s.accessed_label())
    );
    if let Some(kind) = s.kind {
        let _ = write!(out, " <span class=\"src-kind\">({})</span>", kind.label());
    }
    out.push_str("</li>");
}

/// A link that opens in a new tab without a referrer, or plain text when `url` is not http(s).
pub fn link(out: &mut String, url: &str, text: &str) {
    if is_web_url(url) {
        let _ = write!(
            out,
            "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a>",
            escape(url),
            escape(text)
        );
    } else {
        let _ = write!(out, "<span>{}</span>", escape(text));
    }
}
