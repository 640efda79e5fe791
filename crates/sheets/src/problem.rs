//! A problem found in the files, placed by file, row and column as a spreadsheet shows them.

use std::fmt;
pub use tactics_core::model::validate::Severity;
use tactics_core::model::validate::MAX_LISTED;

/// A column as the person sees it: its number (1 is column A) and its header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRef {
    pub number: usize,
    pub header: String,
}

impl ColumnRef {
    /// The spreadsheet letter of the column: 1 is A, 27 is AA.
    pub fn letter(&self) -> String {
        let mut n = self.number;
        let mut out = Vec::new();
        while n > 0 {
            let rem = (n - 1) % 26;
            out.push(char::from(b'A' + rem as u8));
            n = (n - 1) / 26;
        }
        out.iter().rev().collect()
    }
}

/// Where a problem is in a JSON file: its path and line:column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonPlace {
    pub path: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    /// The file's name as given (such as `places.csv`).
    pub file: String,
    /// The spreadsheet row: the header row is 1, the first entry row 2. None for the whole file.
    pub row: Option<usize>,
    pub column: Option<ColumnRef>,
    /// For a JSON file: the path and line:column (row and column are then None).
    pub json: Option<JsonPlace>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl Problem {
    pub fn error(
        file: &str,
        row: Option<usize>,
        column: Option<ColumnRef>,
        message: String,
    ) -> Self {
        Problem {
            severity: Severity::Error,
            file: file.to_string(),
            row,
            column,
            json: None,
            message,
        }
    }

    /// A core validator problem of the JSON file `file`.
    pub fn from_json(file: &str, p: &tactics_core::model::validate::Problem) -> Self {
        Problem {
            severity: p.severity,
            file: file.to_string(),
            row: None,
            column: None,
            json: Some(JsonPlace {
                path: p.path.clone(),
                line: p.line,
                column: p.column,
            }),
            message: p.message.clone(),
        }
    }

    /// `places.csv, row 5, column 3 "Kind" (C)`.
    pub fn place(&self) -> String {
        let mut out = self.file.clone();
        if let Some(row) = self.row {
            out.push_str(&format!(", row {row}"));
        }
        if let Some(j) = &self.json {
            out.push_str(&format!(
                ", {} (line {}, column {})",
                j.path, j.line, j.column
            ));
        }
        if let Some(c) = &self.column {
            out.push_str(&format!(
                ", column {} \"{}\" ({})",
                c.number,
                c.header,
                c.letter()
            ));
        }
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Notice => "notice",
        };
        write!(f, "{}: {level}: {}", self.place(), self.message)
    }
}

/// The problems of an import: the first [`MAX_LISTED`] kept, the rest only counted, so a huge
/// file of bad rows costs a counter, not memory.
#[derive(Debug, Default)]
pub struct Problems {
    kept: Vec<Problem>,
    unlisted: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.kept.len() < MAX_LISTED {
            self.kept.push(p);
        } else {
            self.unlisted += 1;
        }
    }

    /// Every problem pushed, kept or counted.
    pub fn len(&self) -> usize {
        self.kept.len() + self.unlisted
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept problems and how many more there were.
    pub fn into_parts(self) -> (Vec<Problem>, usize) {
        (self.kept, self.unlisted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters_follow_spreadsheets() {
        let letter = |number| {
            ColumnRef {
                number,
                header: String::new(),
            }
            .letter()
        };
        assert_eq!(letter(1), "A");
        assert_eq!(letter(26), "Z");
        assert_eq!(letter(27), "AA");
        assert_eq!(letter(53), "BA");
    }

    #[test]
    fn display_names_file_row_and_column() {
        let p = Problem::error(
            "places.csv",
            Some(5),
            Some(ColumnRef {
                number: 3,
                header: "Kind".into(),
            }),
            "bad".into(),
        );
        assert_eq!(
            p.to_string(),
            "places.csv, row 5, column 3 \"Kind\" (C): error: bad"
        );
    }

    #[test]
    fn problems_beyond_the_limit_are_counted_not_kept() {
        let mut all = Problems::default();
        for i in 0..MAX_LISTED + 5 {
            all.push(Problem::error("a.csv", Some(i), None, "bad".into()));
        }
        assert_eq!(all.len(), MAX_LISTED + 5);
        let (kept, unlisted) = all.into_parts();
        assert_eq!((kept.len(), unlisted), (MAX_LISTED, 5));
        assert_eq!(kept.last().and_then(|p| p.row), Some(MAX_LISTED - 1));
    }
}
