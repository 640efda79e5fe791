//! Peak memory and time of reading a dataset file the way the app does (bytes, UTF-8 check,
//! typed reading, index), natively: `cargo run --release -p tactics-core --example load_memory
//! -- FILE`. Resident memory from Linux's /proc (`tests/support/peak.rs`: pages, not live
//! heap bytes; the later figures may under-read when freed pages are reused); pointers are twice
//! the size of wasm32's here.

#[path = "../tests/support/peak.rs"]
mod peak;

use std::time::Instant;
use tactics_core::model::validate;

fn mb(n: u64) -> f64 {
    n as f64 / 1_048_576.0
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: load_memory FILE [located]");
        return;
    };
    let located = std::env::args().nth(2).is_some();
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let peak = match peak::Peak::start() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let now = || peak.now().unwrap_or(0);
    let t0 = Instant::now();
    let Ok(text) = validate::utf8_text(bytes) else {
        eprintln!("not UTF-8");
        return;
    };
    let (ds, after_read) = if located {
        let ds = validate::check_located(&text, 2027).dataset;
        let after_read = now();
        drop(text);
        (ds, after_read)
    } else {
        // As the app does: the text is freed between typing and checking.
        let ds = validate::typed(&text);
        let after_read = now();
        drop(text);
        (ds.and_then(|ds| validate::accept(ds, 2027)), after_read)
    };
    let Some(ds) = ds else {
        eprintln!("the file has problems");
        return;
    };
    let t1 = Instant::now();
    let typed = now();
    let index = ds.index();
    let t2 = Instant::now();
    println!(
        "read {:.0} ms, index {:.0} ms; peak {:.1} MB; text+typed {:.1} MB; typed {:.1} MB; index {:.1} MB",
        (t1 - t0).as_secs_f64() * 1000.0,
        (t2 - t1).as_secs_f64() * 1000.0,
        mb(peak.bytes().unwrap_or(0)),
        mb(after_read),
        mb(typed),
        mb(now().saturating_sub(typed)),
    );
    drop(index);
}
