//! Memory stays bounded by what is kept, not by the input: a big file of bad rows keeps the
//! first problems and counts the rest; empty rows are dropped while reading. The peak is the
//! process's resident memory (one test in this binary, so nothing else runs meanwhile).

#[path = "../../core/tests/support/peak.rs"]
mod peak;

use peak::Peak;
use tactics_core::model::validate::MAX_LISTED;
use tactics_sheets::{import, NamedFile};

const HEADER: &str = "Place id,Name,Kind,State,Summary\n";

/// Resident bytes the import needs beyond the input it was given.
fn peak_of_import(body: &str, rows: usize) -> (u64, tactics_sheets::Imported) {
    let text = format!("{HEADER}{}", body.repeat(rows));
    let peak = Peak::start().unwrap_or_else(|e| panic!("{e}"));
    let files = [NamedFile {
        name: "places.csv",
        bytes: text.as_bytes(),
    }];
    let out = import(&files, 2100);
    (peak.bytes().unwrap_or_else(|e| panic!("{e}")), out)
}

#[test]
fn big_inputs_cost_what_is_kept_not_what_is_read() {
    // Each row "x" lacks its name and kind: at least two problems a row.
    let rows = 100_000;
    let (peak, out) = peak_of_import("x\n", rows);
    assert_eq!(out.problems.len(), MAX_LISTED, "{:#?}", out.problems);
    assert!(out.errors() >= 2 * rows, "{} errors", out.errors());
    let last_row = out.problems.iter().filter_map(|p| p.row).max();
    assert!(
        last_row.is_some_and(|r| r <= MAX_LISTED + 1),
        "the first rows' problems are kept: {last_row:?}"
    );
    // A kept row costs about 140 bytes; keeping every problem cost over 1,500 a row.
    eprintln!("peak {peak} bytes for {rows} bad rows");
    assert!(
        peak < 400 * rows as u64,
        "peak {peak} bytes for {rows} bad rows"
    );

    // Empty rows (only separators) are not kept at all.
    let (peak, out) = peak_of_import(",,,,\n", rows);
    eprintln!("peak {peak} bytes for {rows} empty rows");
    assert!(peak < 2_000_000, "peak {peak} bytes for {rows} empty rows");
    assert!(
        out.problems.iter().all(|p| p.row.is_none()),
        "{:?}",
        out.problems
    );
}
