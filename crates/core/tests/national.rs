//! The national counts row: each count in words with digit grouping and its own as-of date.

use tactics_core::markup::rows::{national_cell, national_cell_html};
use tactics_core::model::dataset::{NationalCount, Qualifier};

fn count(count: u64, qualifier: Qualifier, as_of: &str) -> NationalCount {
    NationalCount {
        count,
        qualifier,
        as_of: as_of.into(),
        source: "s".into(),
        note: None,
    }
}

#[test]
fn a_count_is_words_with_grouping_and_its_own_date() {
    let n = count(2690, Qualifier::AtLeast, "2021");
    assert_eq!(
        national_cell(&n),
        ("at least 2,690".to_string(), "as of 2021".to_string())
    );
    let html = national_cell_html(&n);
    assert!(!html.contains(">2690") && !html.contains("&gt;"), "{html}");
    assert!(
        html.contains("at least 2,690") && html.contains("as of 2021"),
        "{html}"
    );
    assert_eq!(
        national_cell(&count(295, Qualifier::MoreThan, "2018-01")).0,
        "more than 295"
    );
    assert_eq!(
        national_cell(&count(12, Qualifier::Exact, "2023-03")).0,
        "12"
    );
}

#[test]
fn the_bundled_counts_show_their_own_years() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/dataset.json"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let ds = tactics_core::model::validate::check(&text, 2100)
        .dataset
        .unwrap_or_else(|| panic!("the bundled dataset is usable"));
    let row = tactics_core::markup::page_parts::national_row(&ds);
    let dates: std::collections::BTreeSet<&str> = ds
        .tactics
        .iter()
        .flat_map(|t| t.national.iter().map(|n| n.as_of.as_str()))
        .collect();
    assert!(dates.len() > 1, "counts of several dates: {dates:?}");
    for t in &ds.tactics {
        if let Some(n) = tactics_core::markup::rows::latest_national(t) {
            assert!(
                row.contains(&format!("as of {}", n.as_of)),
                "{}: {row}",
                t.id
            );
        }
    }
    assert!(!row.contains("&gt;"), "no '>' marks: {row}");
}
