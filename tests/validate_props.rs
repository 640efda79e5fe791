//! Property tests: whatever the input, the validator returns problems or a dataset, never a
//! panic; a valid dataset written back out validates to the same dataset.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use tactics_explorer::validate::check;

const FIXTURE: &str = include_str!("fixtures/small.json");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_gives_a_result(text in ".{0,300}") {
        let c = check(&text, 2027);
        prop_assert!(c.dataset.is_some() || c.errors() > 0);
    }

    #[test]
    fn damaged_datasets_give_positions_inside_the_file(
        cuts in proptest::collection::vec((0usize..FIXTURE.len(), 0usize..8, ".{0,3}"), 1..4)
    ) {
        let mut text = FIXTURE.to_string();
        for (at, len, insert) in cuts {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) { at -= 1; }
            let mut end = (at + len).min(text.len());
            while !text.is_char_boundary(end) { end -= 1; }
            text.replace_range(at..end, &insert);
        }
        let c = check(&text, 2027);
        let lines = text.lines().count().max(1);
        for p in &c.problems {
            prop_assert!(p.line >= 1 && p.line <= lines + 1, "{} outside {} lines", p, lines);
        }
    }
}

#[test]
fn a_valid_dataset_round_trips() {
    let first = check(FIXTURE, 2027).dataset.expect("valid");
    let text = serde_json::to_string(&first).expect("serialise");
    let second = check(&text, 2027);
    assert_eq!(second.errors(), 0);
    assert_eq!(second.dataset.expect("valid"), first);
}
