//! What the first view hands the app when it loads it: one serde struct, written by
//! `crates/first-view` and read once by the app (`src/ui/takeover.rs`), as JSON in the
//! `data-handoff` attribute of the app's mount point. Not `window` globals keyed by strings.

use serde::{Deserialize, Serialize};

/// The attribute of `#app` that carries the hand-over.
pub const ATTRIBUTE: &str = "data-handoff";

/// The state of the first view the app continues from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handoff {
    /// The page of rows shown (0-based).
    pub page: usize,
    /// What the visitor asked for that only the app does, done once it is in.
    pub asked: Option<Asked>,
}

/// A control of the first view that stands for one of the app's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The hand-over in `text`; none (the default) for anything that is not one.
    pub fn from_json(text: &str) -> Handoff {
        serde_json::from_str(text).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handoff_reads_back_as_written_and_anything_else_as_none() {
        let sent = Handoff {
            page: 3,
            asked: Some(Asked::Cell { cell: "4:7".into() }),
        };
        assert_eq!(Handoff::from_json(&sent.to_json()), sent);
        for bad in [
            "",
            "{",
            "{\"page\":-1}",
            "{\"page\":1,\"asked\":{\"kind\":\"nope\"}}",
        ] {
            assert_eq!(Handoff::from_json(bad), Handoff::default(), "{bad}");
        }
    }
}
