//! `tactics-first-view`: the first load of the bundled data's page. It reads the part of the
//! dataset the build wrote for it (`data/first-view-HASH.json`, from the dataset the build
//! checked), so it carries no checks and no code to read series or events: a file that does not
//! read is the app's to explain.

use tactics_core::first_view;
use tactics_first_view::{build_file_url, run, Read, Source};

fn main() {
    run(Source {
        handles: first_view::handles,
        url: build_file_url,
        read: |text| {
            first_view::read_part_file(text).map(|(ds, years)| Read {
                ds,
                years,
                parts: None,
            })
        },
    });
}
