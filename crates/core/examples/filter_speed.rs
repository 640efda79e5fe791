//! Time per filter call on a dataset file (not a test): `cargo run --release -p tactics-core
//! --example filter_speed -- /tmp/s.json`, after `cargo run --release --bin synthetic -- 30000 42
//! > /tmp/s.json`. Prints, per filter state, the median of visible rows plus column totals.

use std::time::Instant;
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::query::filter::{self, Dir, Filter, Match, SortKey};

const RUNS: usize = 31;

fn cases() -> Vec<(&'static str, Filter, SortKey, Dir)> {
    let one = Filter {
        tactics: vec!["web-stings".into()],
        ..Filter::default()
    };
    let three_all = Filter {
        tactics: vec!["john-school".into(), "web-stings".into(), "letters".into()],
        mode: Match::All,
        ..Filter::default()
    };
    let years = Filter {
        tactics: vec!["web-stings".into()],
        from: Some(2015),
        to: Some(2020),
        ..Filter::default()
    };
    let search = Filter {
        q: "fair".into(),
        ..Filter::default()
    };
    vec![
        ("default view", Filter::default(), SortKey::Name, Dir::Asc),
        ("one tactic", one.clone(), SortKey::Name, Dir::Asc),
        ("three tactics, all", three_all, SortKey::Name, Dir::Asc),
        (
            "one tactic, years 2015-2020",
            years,
            SortKey::Name,
            Dir::Asc,
        ),
        ("search \"fair\"", search, SortKey::Name, Dir::Asc),
        (
            "one tactic, by total desc",
            one.clone(),
            SortKey::Total,
            Dir::Desc,
        ),
        (
            "by population desc",
            Filter::default(),
            SortKey::Population,
            Dir::Desc,
        ),
        (
            "one tactic, by tactic column",
            one,
            SortKey::Tactic("john-school".into()),
            Dir::Asc,
        ),
    ]
}

/// Median microseconds of one visible-rows call plus one column-totals call.
fn time(ds: &Dataset, index: &Index, f: &Filter, sort: &SortKey, dir: Dir) -> (f64, usize) {
    let mut times = Vec::with_capacity(RUNS);
    let mut count = 0;
    for _ in 0..RUNS {
        let t0 = Instant::now();
        let rows = filter::visible(index, f, sort, dir);
        let totals = filter::column_totals(ds, index, f, &rows);
        times.push(t0.elapsed().as_secs_f64() * 1e6);
        count = rows.len();
        std::hint::black_box(totals);
    }
    times.sort_by(f64::total_cmp);
    (times[RUNS / 2], count)
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: filter_speed DATASET.json");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    let ds: Dataset = match serde_json::from_str(&text) {
        Ok(ds) => ds,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let t0 = Instant::now();
    let index = ds.index();
    println!(
        "{} places; index built in {:.1} ms",
        ds.jurisdictions.len(),
        t0.elapsed().as_secs_f64() * 1e3
    );
    println!("| filter state | rows | visible + totals (median of {RUNS}) |");
    println!("| --- | --- | --- |");
    for (name, f, sort, dir) in cases() {
        let (us, rows) = time(&ds, &index, &f, &sort, dir);
        println!("| {name} | {rows} | {us:.0} µs |");
    }
}
