//! One cell in and out: text from a spreadsheet to a dataset value, with a message that says
//! what is wrong and what to write instead, and back.

use crate::layout::Cell;
use crate::SEPARATOR;
use serde_json::Value;
use tactics_core::model::dataset::TACTICS;

/// Lower case, `-` and `_` as spaces, runs of spaces as one: how headers, words and file names
/// are compared, so "Place ID", "place_id" and " place  id " are the same.
pub fn fold(s: &str) -> String {
    s.trim_start_matches('\u{feff}')
        .chars()
        .map(|c| if c == '-' || c == '_' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// First characters that make a spreadsheet program run a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Text that a spreadsheet would run as a formula (`=HYPERLINK(..)`) gets a leading `'`, so a
/// downloaded file is shown as text, never run; [`unguard`] takes it off again on reading.
/// Text that looks guarded already (`'=x`) gets one more, so it reads back unchanged.
pub fn guard(s: String) -> String {
    if looks_like_formula(&s) {
        format!("'{s}")
    } else {
        s
    }
}

/// The text without the `'` that [`guard`] put before it.
pub fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if looks_like_formula(rest) => rest,
        _ => s,
    }
}

/// A formula character after any `'`s: what [`guard`] guards and [`unguard`] unguards.
fn looks_like_formula(s: &str) -> bool {
    s.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// Reads a non-empty cell (already trimmed) as the value of its column. Every cell is
/// unguarded, as [`write`] guards every text.
pub fn read(cell: Cell, s: &str) -> Result<Value, String> {
    let s = unguard(s);
    match cell {
        Cell::Text => Ok(Value::String(s.to_string())),
        Cell::List => Ok(Value::Array(list(s).map(Value::from).collect())),
        Cell::Year => year(s).map(Value::from),
        Cell::Count => count(s).map(Value::from),
        Cell::Decimal => decimal(s),
        Cell::YesNo => yes_no(s).map(Value::Bool),
        Cell::Date => date(s).map(Value::from),
        Cell::Word(words) => word(words, s).map(Value::from),
        Cell::Tactic => tactic(s).map(Value::from),
        Cell::TacticList => list(s)
            .map(|t| tactic(t).map(Value::from))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Cell::YearList => list(s)
            .map(|y| year(y).map(Value::from))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}

/// Writes a dataset value as cell text; None when it cannot be written so that it reads back
/// the same (a list item that contains the separator). Texts of every kind of cell are
/// guarded: a date or word column of a hand-made file may hold anything.
pub fn write(cell: Cell, value: &Value) -> Option<String> {
    let text = match (cell, value) {
        (_, Value::Number(n)) => return Some(n.to_string()),
        _ => unguarded(cell, value)?,
    };
    Some(guard(text))
}

/// The cell text of a value before [`guard`].
fn unguarded(cell: Cell, value: &Value) -> Option<String> {
    match (cell, value) {
        (_, Value::Null) => Some(String::new()),
        (Cell::YesNo, Value::Bool(b)) => Some(if *b { "yes" } else { "no" }.to_string()),
        (Cell::Word(words), Value::String(s)) => words
            .iter()
            .find(|(_, v)| v == s)
            .map(|(w, _)| (*w).to_string()),
        (Cell::List | Cell::TacticList | Cell::YearList, Value::Array(items)) => {
            let texts: Option<Vec<String>> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) if !s.contains(';') => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                })
                .collect();
            texts.map(|t| t.join(SEPARATOR))
        }
        (_, Value::String(s)) => Some(s.clone()),
        _ => None,
    }
}

/// The items of a list cell: split at `;`, trimmed, empty items (a trailing `;`) skipped.
pub fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(';').map(str::trim).filter(|i| !i.is_empty())
}

fn year(s: &str) -> Result<i64, String> {
    match s.parse::<i64>() {
        Ok(y) if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) => Ok(y),
        _ => Err(format!(
            "\"{}\" is not a year: write four digits, such as 2021",
            short(s)
        )),
    }
}

fn count(s: &str) -> Result<u64, String> {
    let digits: String = if grouped(s) {
        s.chars().filter(|&c| c != ',').collect()
    } else {
        s.to_string()
    };
    match digits.parse::<u64>() {
        Ok(n) if digits.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(format!(
            "\"{}\" is not a whole number: write digits only, such as 117922",
            short(s)
        )),
    }
}

/// "117,922" or "1,234,567": commas exactly between groups of three digits.
fn grouped(s: &str) -> bool {
    let mut parts = s.split(',');
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    !rest.is_empty()
        && (1..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_digit())
        && rest
            .iter()
            .all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn decimal(s: &str) -> Result<Value, String> {
    let ok = s
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-');
    match s.parse::<f64>() {
        Ok(x) if ok && x.is_finite() => serde_json::Number::from_f64(x)
            .map(Value::Number)
            .ok_or_else(|| format!("\"{}\" is not a number", short(s))),
        _ => Err(format!(
            "\"{}\" is not a decimal number: write it with a point, such as -113.994",
            short(s)
        )),
    }
}

fn yes_no(s: &str) -> Result<bool, String> {
    match fold(s).as_str() {
        "yes" | "y" | "true" => Ok(true),
        "no" | "n" | "false" => Ok(false),
        _ => Err(format!("\"{}\" is not yes or no", short(s))),
    }
}

fn word(words: &[(&str, &'static str)], s: &str) -> Result<&'static str, String> {
    let folded = fold(s);
    words
        .iter()
        .find(|(w, v)| fold(w) == folded || fold(v) == folded)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let mut choices: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
            choices.dedup();
            format!(
                "\"{}\" is not one of the choices: write {}",
                short(s),
                choices.join(", ")
            )
        })
}

fn tactic(s: &str) -> Result<&'static str, String> {
    let folded = fold(s);
    TACTICS
        .iter()
        .find(|(id, name)| fold(id) == folded || fold(name) == folded)
        .map(|(id, _)| *id)
        .ok_or_else(|| {
            format!(
                "\"{}\" is not one of the 15 tactics: write its name as in the matrix, such as Reverse Stings, or its id, such as reverse-stings",
                short(s)
            )
        })
}

fn date(s: &str) -> Result<&str, String> {
    if is_calendar_date(s) {
        return Ok(s);
    }
    let hint = match s.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if is_calendar_date(&format!("{y}-{m}")) && d.len() == 2 => {
            format!(", {y}-{m} has {} days", days_in_month(y, m))
        }
        _ => String::new(),
    };
    Err(format!(
        "\"{}\" is not a real date{hint}: write YYYY-MM-DD, YYYY-MM or YYYY, such as 2024-10-18 (a spreadsheet may have turned it into another format: set the column to plain text)",
        short(s)
    ))
}

fn days_in_month(y: &str, m: &str) -> u32 {
    match (y.parse::<i32>(), m.parse::<u32>()) {
        (Ok(y), Ok(m)) => month_days(y, m),
        _ => 0,
    }
}

fn month_days(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    }
}

/// Whether `s` is YYYY, YYYY-MM or YYYY-MM-DD naming a day that exists: `2023-02-29` and
/// `2026-04-31` do not. The range of years is the core validator's business.
pub fn is_calendar_date(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = s.split('-').collect();
    let Some(year) = parts
        .first()
        .filter(|y| digits(y, 4))
        .and_then(|y| y.parse::<i32>().ok())
    else {
        return false;
    };
    let month = parts
        .get(1)
        .map(|m| (digits(m, 2), m.parse::<u32>().unwrap_or(0)));
    let day = parts
        .get(2)
        .map(|d| (digits(d, 2), d.parse::<u32>().unwrap_or(0)));
    match (parts.len(), month, day) {
        (1, _, _) => true,
        (2, Some((true, m)), _) => (1..=12).contains(&m),
        (3, Some((true, m)), Some((true, d))) => d >= 1 && d <= month_days(year, m),
        _ => false,
    }
}

/// Keeps messages short when a cell holds a long text.
pub fn short(s: &str) -> String {
    tactics_core::markup::text::shorten(s, 61)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_dates_are_real_days() {
        for ok in ["2024", "2024-02", "2024-02-29", "2000-02-29", "2026-04-30"] {
            assert!(is_calendar_date(ok), "{ok}");
        }
        for bad in [
            "2023-02-30",
            "2023-02-29",
            "2026-04-31",
            "1900-02-29",
            "2024-13",
            "2024-00",
            "2024-1-05",
            "24-01-01",
            "2024-01-01-01",
            "",
            "2024-01-00",
        ] {
            assert!(!is_calendar_date(bad), "{bad}");
        }
    }

    #[test]
    fn impossible_date_message_names_the_month_length() {
        let e = date("2023-02-29").unwrap_err();
        assert!(e.contains("2023-02 has 28 days"), "{e}");
    }

    #[test]
    fn counts_accept_digit_groups_only_where_unambiguous() {
        assert_eq!(count("117,922").ok(), Some(117_922));
        assert_eq!(count("1,234,567").ok(), Some(1_234_567));
        assert!(count("1,23").is_err());
        assert!(count("-4").is_err());
        assert!(count("12.5").is_err());
        assert!(count("+4").is_err());
    }

    #[test]
    fn words_and_tactics_match_ignoring_case_and_spacing() {
        let words = &[("Task force", "task_force"), ("Law", "law")];
        assert_eq!(word(words, "task_force").ok(), Some("task_force"));
        assert_eq!(word(words, " TASK  FORCE ").ok(), Some("task_force"));
        assert!(word(words, "taskforce").is_err());
        assert_eq!(tactic("Reverse Stings").ok(), Some("reverse-stings"));
        assert_eq!(tactic("soap-orders").ok(), Some("soap-orders"));
        assert!(tactic("stings").is_err());
    }

    #[test]
    fn formulas_are_written_as_text_and_read_back_unchanged() {
        for text in ["=HYPERLINK(\"http://x\")", "+1", "-note", "@SUM(A1)"] {
            let v = Value::String(text.to_string());
            let cell = write(Cell::Text, &v).unwrap_or_default();
            assert!(cell.starts_with('\''), "{cell}");
            assert_eq!(read(Cell::Text, &cell).ok(), Some(v));
        }
        // Text that looks guarded already comes back as it was, in every kind of cell.
        for text in ["'=x", "'+1", "''=x", "'@a", "'-"] {
            let v = Value::String(text.to_string());
            for kind in [Cell::Text, Cell::Date, Cell::Tactic] {
                let cell = write(kind, &v).unwrap_or_default();
                assert_eq!(unguard(&cell), text, "{kind:?}: {cell}");
            }
            let cell = write(Cell::Text, &v).unwrap_or_default();
            assert_eq!(read(Cell::Text, &cell).ok(), Some(v));
        }
        // A string in a non-text cell is guarded too, and a number never is.
        let formula = Value::String("=HYPERLINK(\"http://x\")".into());
        for kind in [Cell::Date, Cell::Tactic, Cell::Year, Cell::YesNo] {
            let cell = write(kind, &formula).unwrap_or_default();
            assert!(cell.starts_with('\''), "{kind:?}: {cell}");
        }
        assert_eq!(
            write(Cell::Decimal, &serde_json::json!(-113.994)).as_deref(),
            Some("-113.994")
        );
        let plain = Value::String("It's fine".into());
        assert_eq!(write(Cell::Text, &plain).as_deref(), Some("It's fine"));
        assert_eq!(
            read(Cell::Text, "'quoted'").ok(),
            Some(Value::from("'quoted'"))
        );
    }

    #[test]
    fn year_lists_and_decimals_round_trip() {
        let v = read(Cell::YearList, "2013; 2020;2021").unwrap_or(Value::Null);
        assert_eq!(v, serde_json::json!([2013, 2020, 2021]));
        assert_eq!(
            write(Cell::YearList, &v).as_deref(),
            Some("2013; 2020; 2021")
        );
        assert!(read(Cell::YearList, "2013; 20x0").is_err());
        let lon = read(Cell::Decimal, "-113.994").unwrap_or(Value::Null);
        assert_eq!(write(Cell::Decimal, &lon).as_deref(), Some("-113.994"));
        assert!(read(Cell::Decimal, "46,87").is_err());
        assert!(read(Cell::Decimal, "1e5").is_err());
    }

    #[test]
    fn lists_split_at_semicolons_and_round_trip() {
        let v = read(Cell::List, "a; b ;c;").unwrap_or(Value::Null);
        assert_eq!(v, serde_json::json!(["a", "b", "c"]));
        assert_eq!(write(Cell::List, &v).as_deref(), Some("a; b; c"));
        assert_eq!(write(Cell::List, &serde_json::json!(["a;b"])), None);
    }
}
