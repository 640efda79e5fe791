//! The 15 tactics with their names and definitions, used when no tactics.csv is given: a task
//! force's own data rarely changes them. The text is the bundled dataset's, via its template.

use crate::read::{self, NamedFile, Sheet};

const TACTICS_CSV: &str = include_str!("../../../public/templates/tactics.csv");

/// The built-in tactics file, read like any other.
pub fn tactics_sheet() -> Option<Sheet> {
    let mut problems = crate::problem::Problems::default();
    let file = NamedFile {
        name: "tactics.csv",
        bytes: TACTICS_CSV.as_bytes(),
    };
    read::read(file, &mut problems).filter(|_| problems.is_empty())
}
