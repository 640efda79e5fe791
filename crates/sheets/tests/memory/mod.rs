//! The resident peak of one import, for the memory tests. Each case is its own test binary, so
//! its own process: pages another import freed and the allocator kept would hide a peak.

#[path = "../../../core/tests/support/peak.rs"]
mod peak;

use peak::Peak;
use tactics_sheets::{import, Imported, NamedFile};

const HEADER: &str = "Place id,Name,Kind,State,Summary\n";

/// Resident bytes an import of `rows` copies of `body` needs beyond its input.
pub fn peak_of_import(body: &str, rows: usize) -> (u64, Imported) {
    let text = format!("{HEADER}{}", body.repeat(rows));
    let peak = Peak::start().unwrap_or_else(|e| panic!("{e}"));
    let files = [NamedFile {
        name: "places.csv",
        bytes: text.as_bytes(),
    }];
    let out = import(&files, 2100);
    (peak.bytes().unwrap_or_else(|e| panic!("{e}")), out)
}
