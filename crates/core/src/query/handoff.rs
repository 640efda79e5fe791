//! What the first view hands the app when it loads it: one struct, written by
//! `crates/first-view` and read once by the app (`src/ui/slots.rs`), in the `data-handoff`
//! attribute of the page element. Not `window` globals keyed by strings. Its text is a
//! short form written and read here (a JSON writer would add 6 KB gzip to the first load).

/// The attribute of the page element (`page::PAGE_ID`) that carries the hand-over.
pub const ATTRIBUTE: &str = "data-handoff";

/// The event on `window` by which the first view asks the page's loader (`public/loader.js`) to
/// start the app.
pub const LOAD_EVENT: &str = "tactics-load-app";

/// The attribute of the root element that the loader sets while the app loads or runs.
pub const STARTED: &str = "data-app";

/// The attribute of the root element that the app sets once its pieces are in the page: the
/// first view stops answering (the same elements are the app's now).
pub const SHOWN: &str = "data-app-shown";

/// The state of the first view the app continues from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Handoff {
    /// The page of rows shown (0-based).
    pub page: usize,
    /// What the visitor asked for that only the app does, done once it is in.
    pub asked: Option<Asked>,
}

/// A control of the first view that stands for one of the app's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// A cell's sources (`data-cell`, as the matrix's markup writes it).
    Cell { cell: String },
    /// "Embed this view".
    Embed,
    /// "Use your own data".
    OwnData,
    /// The Table or Map switch (`data-pane`).
    Pane { pane: String },
    /// The charts of this view ("Draw the chart for these filters").
    Charts,
}

impl Handoff {
    /// The attribute's text: the page, then what was asked (`3 cell 4:7`, `0 pane map`, `2`).
    pub fn to_text(&self) -> String {
        let asked = match &self.asked {
            None => String::new(),
            Some(Asked::Cell { cell }) => format!(" cell {cell}"),
            Some(Asked::Embed) => " embed".into(),
            Some(Asked::OwnData) => " own-data".into(),
            Some(Asked::Pane { pane }) => format!(" pane {pane}"),
            Some(Asked::Charts) => " charts".into(),
        };
        format!("{}{asked}", self.page)
    }

    /// The hand-over in `text`; none (the default) for anything that is not one.
    pub fn from_text(text: &str) -> Handoff {
        let mut words = text.split(' ');
        let Some(page) = words.next().and_then(|p| p.parse::<usize>().ok()) else {
            return Handoff::default();
        };
        let (kind, arg) = (words.next(), words.next());
        if words.next().is_some() {
            return Handoff::default();
        }
        let asked = match (kind, arg) {
            (None, None) => None,
            (Some("cell"), Some(cell)) => Some(Asked::Cell { cell: cell.into() }),
            (Some("embed"), None) => Some(Asked::Embed),
            (Some("own-data"), None) => Some(Asked::OwnData),
            (Some("pane"), Some(pane)) => Some(Asked::Pane { pane: pane.into() }),
            (Some("charts"), None) => Some(Asked::Charts),
            _ => return Handoff::default(),
        };
        Handoff { page, asked }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handoff_reads_back_as_written_and_anything_else_as_none() {
        let cell = Asked::Cell { cell: "4:7".into() };
        let pane = Asked::Pane { pane: "map".into() };
        let all = [
            None,
            Some(cell),
            Some(Asked::Embed),
            Some(Asked::OwnData),
            Some(pane),
            Some(Asked::Charts),
        ];
        for asked in all {
            let sent = Handoff { page: 3, asked };
            assert_eq!(Handoff::from_text(&sent.to_text()), sent);
        }
        for bad in ["", "x", "-1", "1 nope", "1 cell", "1 embed x", "1 cell a b"] {
            assert_eq!(Handoff::from_text(bad), Handoff::default(), "{bad}");
        }
    }
}
