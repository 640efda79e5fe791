#![no_main]
//! Any bytes: the validator and the URL parser return a value, never panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let checked = tactics_explorer::validate::check(text, 2027);
        if let Some(ds) = &checked.dataset {
            let _ = ds.index();
            let _ = ds.year_bounds();
        }
        let _ = tactics_explorer::url_state::parse(text);
    }
});
