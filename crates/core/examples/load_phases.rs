//! Time of each step of reading a dataset file the way the app does, natively (not a test):
//! `cargo run --release -p tactics-core --example load_phases -- FILE [RUNS]`. Prints the
//! median of RUNS (default 7) per step: copy, UTF-8 check, typed reading (count scan and
//! serde; the count scan is also timed alone), typed checks, index. For finding where a large load spends its time.

use std::time::Instant;
use tactics_core::model::validate;

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// One load: the time of each step, or None when the file has problems.
fn once(bytes: &[u8]) -> Option<[f64; 6]> {
    let t = Instant::now();
    let bytes = bytes.to_vec();
    let copy = ms(t);
    let t = Instant::now();
    let text = validate::utf8_text(bytes).ok()?;
    let utf8 = ms(t);
    let t = Instant::now();
    std::hint::black_box(tactics_core::model::counts::count(&text));
    let count = ms(t);
    let t = Instant::now();
    let typed = validate::typed(&text);
    let read = ms(t);
    drop(text);
    let t = Instant::now();
    let ds = validate::accept(typed?, 2027)?;
    let accept = ms(t);
    let t = Instant::now();
    let index = ds.index();
    let index_ms = ms(t);
    std::hint::black_box(index);
    Some([copy, utf8, count, read, accept, index_ms])
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: load_phases FILE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7).max(1);
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        std::process::exit(1);
    };
    let mut all: Vec<[f64; 6]> = Vec::with_capacity(runs);
    for _ in 0..runs {
        let Some(times) = once(&bytes) else {
            eprintln!("{path}: the file has problems");
            std::process::exit(1);
        };
        all.push(times);
    }
    // The count scan is timed alone and again inside the typed reading (which runs it).
    let names = [
        "copy",
        "utf-8 check",
        "(count scan)",
        "typed reading",
        "typed checks",
        "index",
    ];
    println!("{path}: median of {runs} runs, ms");
    let mut total = 0.0;
    for (k, name) in names.iter().enumerate() {
        let mut col: Vec<f64> = all.iter().map(|t| t[k]).collect();
        col.sort_by(f64::total_cmp);
        let median = col[runs / 2];
        if k != 2 {
            total += median;
        }
        println!("{name:>14}: {median:7.1}");
    }
    println!("{:>14}: {total:7.1}", "sum");
}
