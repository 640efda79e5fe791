//! Inputs kept from fuzzing (tests/fixtures/fuzz/): each must give a result without a panic.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn every_kept_fuzz_input_is_handled() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).expect("fuzz fixtures") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        let checked = tactics_explorer::validate::check(&text, 2027);
        assert!(checked.dataset.is_some() || checked.errors() > 0);
        let _ = tactics_explorer::url_state::parse(&text);
        count += 1;
    }
    assert!(count >= 5, "the kept inputs are there ({count})");
}
