//! Memory stays bounded by what is kept, not by the input: a big file of bad rows keeps the
//! first problems and counts the rest. Measured as the process's resident peak (Linux's /proc).
#![cfg(target_os = "linux")]

mod memory;

use tactics_core::model::validate::MAX_LISTED;

#[test]
fn a_big_file_of_bad_rows_costs_what_is_kept_not_what_is_read() {
    // Each row "x" lacks its name and kind: at least two problems a row.
    let rows = 100_000;
    let (peak, out) = memory::peak_of_import("x\n", rows);
    assert_eq!(out.problems.len(), MAX_LISTED, "{:#?}", out.problems);
    assert!(out.errors() >= 2 * rows, "{} errors", out.errors());
    let last_row = out.problems.iter().filter_map(|p| p.row).max();
    assert!(
        last_row.is_some_and(|r| r <= MAX_LISTED + 1),
        "the first rows' problems are kept: {last_row:?}"
    );
    // A kept row costs about 180 resident bytes; keeping every problem cost over 1,500 a row.
    eprintln!("peak {peak} bytes for {rows} bad rows");
    assert!(
        peak < 400 * rows as u64,
        "peak {peak} bytes for {rows} bad rows"
    );
}
