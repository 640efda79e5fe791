//! The page's help panel and data credit as escaped HTML strings. Both are read rarely and
//! change only when the dataset arrives, so a string set with `inner_html` costs far less code
//! in the first load than views do. Text from the data is escaped; only http(s) links are links.

use crate::markup::text::{escape, is_web_url};
use crate::model::dataset::{Meta, Resource};
use std::fmt::Write;

/// The national hotline and emergency number, written into the help panel before any data.
pub const HOTLINE: &str = "<p class=\"hotline\">National Human Trafficking Hotline: call \
    <a href=\"tel:+18883737888\">1-888-373-7888</a> or text <a href=\"sms:233733\">233733</a>. \
    In an emergency call <a href=\"tel:911\">911</a>.</p>";

/// What Quick exit does and what it cannot do, in plain words (`public/pre-guard.js` does it).
const EXIT_NOTE: &str = "<p class=\"exit-note\"><strong>Quick exit</strong>, or Escape twice, \
    takes you at once to a neutral website, and Back does not bring you here again. Your \
    browser's history list can still show that you visited: to remove it, open History (Ctrl+H, \
    or Command+Y on a Mac; on a phone, in the browser's menu) and delete this site, or use a \
    private window, which keeps no history. On another website that shows this explorer, Quick \
    exit leaves that website too; if that website does not allow it, only the explorer's part of \
    the page is replaced.</p>";

/// The inside of the help panel: the hotline, the places to get help, what Quick exit does.
pub fn help_html(resources: &[Resource]) -> String {
    let mut out = String::from(HOTLINE);
    out.push_str("<ul class=\"resources\">");
    for r in resources {
        resource_item(&mut out, r);
    }
    out.push_str("</ul>");
    out.push_str(EXIT_NOTE);
    out
}

/// One place to get help: its name, what it is for, then how to reach it. Phone and text links
/// keep only what a dialler reads.
pub fn resource_item(out: &mut String, r: &Resource) {
    let _ = write!(
        out,
        "<li><strong>{}</strong>: {} <span class=\"reach\">",
        escape(&r.name),
        escape(&r.description)
    );
    let mut ways = Vec::new();
    if let Some(phone) = &r.phone {
        let tel: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        ways.push(format!("Call <a href=\"tel:{tel}\">{}</a>", escape(phone)));
    }
    if let Some(text) = &r.text {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        ways.push(format!(
            "Text <a href=\"sms:{digits}\">{}</a>",
            escape(text)
        ));
    }
    if let Some(url) = r.url.as_deref().filter(|u| is_web_url(u)) {
        ways.push(format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">Website</a>",
            escape(url)
        ));
    }
    out.push_str(&ways.join(" · "));
    out.push_str("</span></li>");
}

/// The inside of the data credit: what the data is, its licence and how to cite it. In an
/// embed, `full_link` is the address of the same view in the full explorer.
pub fn credit_html(meta: &Meta, full_link: Option<&str>) -> String {
    let mut out = String::from("<p>");
    if let Some(href) = full_link {
        let _ = write!(
            out,
            "<a href=\"{}\" target=\"_blank\" rel=\"noopener\">Open full explorer</a> · ",
            escape(href)
        );
    }
    let _ = write!(
        out,
        "Data: {} (version {}, as of {}). {}. </p><p class=\"cite\">Cite as: {}</p>",
        escape(&meta.title),
        escape(&meta.version),
        escape(&meta.as_of),
        escape(&meta.licence),
        escape(&meta.citation)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dataset::built_in_resources;

    #[test]
    fn help_lists_every_resource_with_dialable_links() {
        let out = help_html(&built_in_resources());
        assert!(out.starts_with("<p class=\"hotline\">National Human Trafficking Hotline: call"));
        assert_eq!(
            out.matches("<li>").count(),
            built_in_resources().len(),
            "{out}"
        );
        assert!(out.contains("<a href=\"tel:911\">911</a>"));
        assert!(out.ends_with("the explorer's part of the page is replaced.</p>"));
        // Each entry: the name, what it is for, then how to reach it.
        assert!(
            out.contains(
                "<li><strong>Emergency</strong>: If you or someone else is in immediate danger. \
             <span class=\"reach\">Call <a href=\"tel:911\">911</a></span></li>"
            ),
            "{out}"
        );
    }

    #[test]
    fn help_text_stays_text_and_only_web_links_are_links() {
        let hostile = "<img src=x onerror=alert(1)>";
        let mut r = built_in_resources().remove(0);
        r.name = hostile.into();
        r.description = hostile.into();
        r.phone = Some(format!("1-800\"{hostile}"));
        r.text = Some(hostile.into());
        r.url = Some("javascript:alert(1)".into());
        let out = help_html(&[r]);
        assert!(
            !out.contains("<img") && !out.contains("javascript:"),
            "{out}"
        );
        // Only digits (and +) reach the dialler: the "1" of "alert(1)" is one.
        assert!(out.contains("href=\"tel:18001\""), "{out}");
        assert!(!out.contains("Website"));
    }

    #[test]
    fn credit_names_the_data_and_escapes_it() {
        let meta = Meta {
            title: "T <b>".into(),
            version: "1.0".into(),
            as_of: "2026-11-22".into(),
            licence: "CC BY 4.0".into(),
            citation: "Cite \"me\"".into(),
            publisher: String::new(),
            exit_url: String::new(),
            notes: None,
        };
        let out = credit_html(&meta, None);
        assert_eq!(
            out,
            "<p>Data: T &lt;b&gt; (version 1.0, as of 2026-11-22). CC BY 4.0. </p>\
             <p class=\"cite\">Cite as: Cite &quot;me&quot;</p>"
        );
        let embed = credit_html(&meta, Some("/x/?a=1&b=2"));
        assert!(embed.starts_with(
            "<p><a href=\"/x/?a=1&amp;b=2\" target=\"_blank\" rel=\"noopener\">Open full explorer</a> · Data:"
        ));
    }
}
