#![no_main]
//! Any bytes: the UTF-8 check, the validator and the URL parser return a value, never panic.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The app's own path from bytes: UTF-8 check (with a position when it fails), then checks.
    let Ok(text) = tactics_core::model::validate::utf8_text(data.to_vec()) else {
        return;
    };
    let checked = tactics_core::model::validate::check(&text, 2027);
    if let Some(ds) = &checked.dataset {
        let _ = ds.index();
        let _ = ds.year_bounds();
    }
    let _ = tactics_core::query::url_state::parse(&text);
});
