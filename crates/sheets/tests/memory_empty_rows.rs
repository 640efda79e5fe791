//! Empty rows (only separators) are dropped while reading, not kept: a big file of them costs
//! next to nothing. Measured as the process's resident peak (Linux's /proc).
#![cfg(target_os = "linux")]

mod memory;

#[test]
fn a_big_file_of_empty_rows_keeps_none_of_them() {
    let rows = 100_000;
    let (peak, out) = memory::peak_of_import(",,,,\n", rows);
    eprintln!("peak {peak} bytes for {rows} empty rows");
    assert!(peak < 2_000_000, "peak {peak} bytes for {rows} empty rows");
    assert!(
        out.problems.iter().all(|p| p.row.is_none()),
        "{:?}",
        out.problems
    );
}
