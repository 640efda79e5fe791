//! Validation of a dataset file: every problem, with its JSON path and line:column.
//!
//! Used by the app at load time and by the `validate` command-line tool. An entry with an
//! error is left out of what is shown and the problem says so: nothing is dropped silently,
//! and one bad entry does not hide the rest of the data.
//!
//! One folder, by concern: this file is the public API (limits, problems, the two paths in);
//! `rules.rs` the rules for one value under its key (numbers, texts, dates); `entries.rs` a
//! collection's entries as the checks read them; `located.rs` the positioned path (the JSON
//! tree, each problem with its path and line:column); `checks.rs` the checks between entries
//! (ids, references, tactics, places, uses), which both paths run.

mod checks;
mod entries;
mod located;
mod rules;

pub use crate::markup::text::is_web_url;
use crate::model::dataset::Dataset;
use entries::{items, Entries};
use located::Validator;
pub use rules::check_date;
use rules::scalar_is_clean;
use std::fmt;

/// Files larger than this are refused before parsing (a 50 MB file would freeze the tab).
pub const MAX_BYTES: usize = 20 * 1024 * 1024;
/// Short labels: names, titles, ids, units.
pub const MAX_SHORT: usize = 300;
/// Prose: summaries, definitions, descriptions, notes.
pub const MAX_LONG: usize = 4000;
pub const MIN_YEAR: i32 = 1900;
/// More problems than this are counted, not listed.
pub const MAX_LISTED: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Severity {
    /// The entry (or the file) could not be used as it is.
    Error,
    /// Worth knowing; nothing was left out.
    Notice,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub severity: Severity,
    /// JSON path such as `$.jurisdictions[3].population.year`.
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Notice => "notice",
        };
        write!(
            f,
            "{level}: {} (line {}, column {}): {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// The result of reading a dataset: what can be shown, and what was wrong.
#[derive(Debug, Clone)]
pub struct Checked {
    /// None when nothing can be shown (unreadable JSON, too large, not an object).
    pub dataset: Option<Dataset>,
    pub problems: Vec<Problem>,
    /// Problems found beyond [`MAX_LISTED`].
    pub unlisted: usize,
}

impl Checked {
    pub fn errors(&self) -> usize {
        error_count(&self.problems, self.unlisted)
    }
}

/// How many errors a file has: the errors listed, and those counted but not listed (the list
/// stops at `MAX_LISTED`; notices are left out).
pub fn error_count(problems: &[Problem], unlisted: usize) -> usize {
    problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count()
        + unlisted
}

/// The file's bytes as text, or where they stop being UTF-8 (JSON files must be UTF-8).
pub fn utf8_text(bytes: Vec<u8>) -> Result<String, Problem> {
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let valid = &e.as_bytes()[..at];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..])
            .chars()
            .count()
            + 1;
        Problem {
            severity: Severity::Error,
            path: "$".into(),
            line,
            column,
            message: format!("the file is not UTF-8 text: byte {at} is not valid UTF-8"),
        }
    })
}

/// Validates `text` as a dataset. `max_year` is the latest allowed year (this year + 1).
///
/// A file without problems takes the fast path ([`read`]); any other file is read again into
/// the positioned tree ([`check_located`]), which finds every problem with its line:column.
pub fn check(text: &str, max_year: i32) -> Checked {
    match read(text, max_year) {
        Some(dataset) => Checked {
            dataset: Some(dataset),
            problems: Vec::new(),
            unlisted: 0,
        },
        None => check_located(text, max_year),
    }
}

/// The positioned path: the JSON tree with offsets, every problem with its path and position.
pub fn check_located(text: &str, max_year: i32) -> Checked {
    let mut v = Validator::new(text, max_year);
    let dataset = v.run();
    Checked {
        dataset,
        problems: v.problems,
        unlisted: v.unlisted,
    }
}

/// The fast path: the dataset typed straight from the text and checked on typed data, with no
/// JSON tree. `Some` exactly when [`check_located`] would find no problem at all (no error and
/// no notice), with the same dataset; `None` says "read it again on the located path".
///
/// The only notice is a byte order mark, which this path refuses; duplicate keys, unknown keys
/// and wrong types are refused by the typed reading itself (serde: `deny_unknown_fields`,
/// duplicate fields); the per-key rules run on the typed values ([`crate::model::scalars`]) and the
/// checks between entries are the located path's own, without positions.
pub fn read(text: &str, max_year: i32) -> Option<Dataset> {
    accept(typed(text)?, max_year)
}

/// The first half of [`read`]: the text typed, or None. The caller can free the text before
/// [`accept`] (the checks need only the typed data), so the two are never held with the
/// checks' own tables.
pub fn typed(text: &str) -> Option<Dataset> {
    if text.len() > MAX_BYTES || text.starts_with('\u{feff}') {
        return None;
    }
    let read = || serde_json::from_str::<Dataset>(text).ok();
    let mut ds = crate::model::counts::with_sizes(text, read)?;
    fit(&mut ds);
    Some(ds)
}

/// The second half of [`read`]: `ds` back when no rule finds a problem in it.
pub fn accept(ds: Dataset, max_year: i32) -> Option<Dataset> {
    let mut clean = true;
    crate::model::scalars::walk(&ds, &mut |key, value| {
        if clean {
            clean = scalar_is_clean(key, value, max_year);
        }
    });
    if !clean {
        return None;
    }
    let mut v = Validator::new("", max_year);
    let entries = Entries {
        sources: items("sources", &ds.sources),
        tactics: items("tactics", &ds.tactics),
        jurisdictions: items("jurisdictions", &ds.jurisdictions),
        uses: items("uses", &ds.uses),
        series: items("series", &ds.series),
        events: items("events", &ds.events),
        resources: items("resources", &ds.resources),
        searches: items("searches", &ds.searches),
    };
    v.between_entries(None, &entries);
    drop(entries);
    (v.problems.is_empty() && v.unlisted == 0).then_some(ds)
}

/// Gives back what the collections grew beyond their length while being read (up to half of
/// each: a vector doubles as it grows), so the index can use it.
fn fit(ds: &mut Dataset) {
    ds.sources.shrink_to_fit();
    ds.tactics.shrink_to_fit();
    ds.jurisdictions.shrink_to_fit();
    ds.uses.shrink_to_fit();
    ds.series.shrink_to_fit();
    ds.events.shrink_to_fit();
    ds.resources.shrink_to_fit();
    ds.searches.shrink_to_fit();
}

#[cfg(test)]
mod tests {
    use super::rules::number_rule;
    use crate::model::scalars::{key_rule, KeyRule};

    /// The key lists of the per-key rules (kept as lists until this session); `key_rule` agrees.
    #[test]
    fn key_rules_follow_the_documented_key_lists() {
        let years = ["year", "period", "first_year", "last_year", "years"];
        let counts = ["count", "value", "arrests"];
        let dates = ["as_of", "published", "accessed", "checked", "date"];
        let urls = ["url", "exit_url"];
        let short = [
            "id",
            "name",
            "title",
            "topic",
            "unit",
            "publisher",
            "phone",
            "text",
            "state",
            "place",
            "tactic",
            "source",
            "version",
            "kind",
            "status",
        ];
        let cases = [
            (&years[..], KeyRule::Year),
            (&counts[..], KeyRule::Count),
            (&dates[..], KeyRule::Date),
            (&urls[..], KeyRule::Url),
            (&short[..], KeyRule::Short),
        ];
        for (keys, rule) in cases {
            for key in keys {
                assert_eq!(key_rule(key), rule, "{key}");
            }
        }
        for key in [
            "summary",
            "notes",
            "",
            "Name",
            "years ",
            "urls",
            "definition",
        ] {
            assert_eq!(key_rule(key), KeyRule::Long, "{key}");
        }
    }

    #[test]
    fn a_number_under_a_year_key_must_be_a_year_and_under_a_count_key_not_negative() {
        let written = || "n".to_string();
        assert!(number_rule(key_rule("years"), Some(1899), 2027, written).is_some());
        assert!(number_rule(key_rule("years"), Some(2027), 2027, written).is_none());
        assert!(number_rule(key_rule("value"), Some(1899), 2027, written).is_none());
        assert!(number_rule(key_rule("value"), Some(-1), 2027, written).is_some());
        assert!(number_rule(key_rule("summary"), Some(-1), 2027, written).is_none());
    }
}
