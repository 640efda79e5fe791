//! The parts of the page around the matrix that come from the dataset: where Quick exit goes,
//! the table's national row, the data credit and the help's resources. The build writes them
//! for the bundled dataset (crates/cli prerender); the first view rewrites them for a `?data=`
//! file (crates/first-view), so no part of the bundled dataset is ever shown as that file's.

use crate::markup::panels::{credit_html, help_html};
use crate::markup::rows::{latest_national, national_cell_html, national_label};
use crate::markup::text::{escape, is_web_url};
use crate::model::dataset::{built_in_resources, Dataset};
use std::fmt::Write;

/// Where Quick exit goes when the dataset names no neutral site (as in the app, `ui/help.rs`).
pub const DEFAULT_EXIT: &str = "https://www.weather.gov/";

/// Quick exit's tooltip, in the prerendered page and the app. Quick exit is a plain link
/// (`a.quick-exit`) in both; `public/pre-guard.js` makes it, and Escape twice, leave.
pub const EXIT_TITLE: &str =
    "Leaves this page at once for a neutral site; Back will not return here. Escape twice does the same.";

/// The page's title, written by the build's first view and by the app.
pub const TITLE: &str = "Demand-reduction tactics explorer";
/// The words under the title.
pub const LEDE: &str = "Which U.S. places act against the demand side of sex trafficking, and how reported cases change over time. Every figure links to its source.";
/// The summary of the small menu that holds the task forces' tools ("Embed this view", "Use
/// your own data"), so a visitor's first screen leads with the data.
pub const TOOLS_MENU: &str = "For task forces: embed, use your own data";

/// The masthead of the build's first view: title, lede and the task forces' menu around
/// `tools` (the app's two buttons as placeholders). The app writes the same elements from
/// the same words ([`TITLE`], [`LEDE`], [`TOOLS_MENU`]), so nothing moves when it takes over.
pub fn masthead_html(tools: &str) -> String {
    format!(
        "<header class=\"masthead\"><h1>{TITLE}</h1><p class=\"lede\">{LEDE}</p>\
         <details class=\"tools-menu pre-js\" aria-hidden=\"true\" data-testid=\"tools-menu\">\
         <summary tabindex=\"-1\">{TOOLS_MENU}</summary><div class=\"tools\">{tools}</div></details></header>"
    )
}

/// The dataset's parts of the page, as HTML (escaped) or a checked URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parts {
    /// Quick exit's target: the dataset's neutral site if it is a web address.
    pub exit_url: String,
    /// The inside of the table foot's second row: the national counts.
    pub national_row: String,
    /// The inside of the credit footer.
    pub credit: String,
    /// The inside of the help section.
    pub help: String,
}

/// All of `ds`'s parts, for the first view of a `?data=` file to put in place.
pub fn parts(ds: &Dataset) -> Parts {
    Parts {
        exit_url: exit_url(ds).to_string(),
        national_row: national_row(ds),
        credit: credit_html(&ds.meta, None),
        help: help(ds),
    }
}

/// Only a web address leaves for a site: anything else in the file gets the default.
pub fn exit_url(ds: &Dataset) -> &str {
    Some(ds.meta.exit_url.as_str())
        .filter(|u| is_web_url(u))
        .unwrap_or(DEFAULT_EXIT)
}

/// The national counts row's cells (label, two empty cells, one per tactic), as the app's.
pub fn national_row(ds: &Dataset) -> String {
    let mut out = format!(
        "<th scope=\"row\">{}</th><td></td><td></td>",
        escape(&national_label(ds))
    );
    for t in &ds.tactics {
        match latest_national(t) {
            Some(c) => {
                let _ = write!(
                    out,
                    "<td class=\"num national\">{}</td>",
                    national_cell_html(c)
                );
            }
            None => out.push_str("<td class=\"num national\">—</td>"),
        }
    }
    out
}

/// The help panel: the dataset's places to get help, or the national ones when it has none.
pub fn help(ds: &Dataset) -> String {
    if ds.resources.is_empty() {
        help_html(&built_in_resources())
    } else {
        help_html(&ds.resources)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> Dataset {
        let text = include_str!("../../../../public/data/dataset.json");
        crate::model::validate::read(text, 2100).expect("the bundled dataset reads")
    }

    #[test]
    fn parts_follow_the_dataset() {
        let mut ds = bundled();
        let p = parts(&ds);
        assert!(p
            .national_row
            .contains("U.S. places known to use each tactic"));
        assert_eq!(
            p.national_row.matches("<td class=\"num national\"").count(),
            15
        );
        assert!(p.credit.contains(&escape(&ds.meta.title)));
        ds.meta.title = "Another <task force>".into();
        ds.meta.exit_url = "javascript:alert(1)".into();
        ds.resources.clear();
        ds.tactics[0].national.clear();
        let q = parts(&ds);
        assert!(q.credit.contains("Another &lt;task force&gt;"));
        assert_eq!(q.exit_url, DEFAULT_EXIT);
        assert!(q.help.contains("1-888-373-7888"));
        assert!(!q.help.contains("Missoula"));
        assert!(q.national_row.contains("<td class=\"num national\">—</td>"));
    }

    #[test]
    fn a_web_exit_url_is_kept() {
        let mut ds = bundled();
        ds.meta.exit_url = "https://example.org/news".into();
        assert_eq!(exit_url(&ds), "https://example.org/news");
    }
}
