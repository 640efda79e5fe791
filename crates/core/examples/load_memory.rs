//! Peak heap and time of reading a dataset file the way the app does (bytes, UTF-8 check, typed
//! reading, index), natively: `cargo run --release -p tactics-core --example load_memory -- FILE`.
//! Pointers are twice the size of wasm32's here, so the figures are an upper bound of the app's.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;
use tactics_core::model::validate;

struct Counting;
static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static A: Counting = Counting;

fn mb(n: usize) -> f64 {
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
    PEAK.store(NOW.load(Ordering::Relaxed), Ordering::Relaxed);
    let t0 = Instant::now();
    let Ok(text) = validate::utf8_text(bytes) else {
        eprintln!("not UTF-8");
        return;
    };
    let (ds, after_read) = if located {
        let ds = validate::check_located(&text, 2027).dataset;
        let after_read = NOW.load(Ordering::Relaxed);
        drop(text);
        (ds, after_read)
    } else {
        // As the app does: the text is freed between typing and checking.
        let ds = validate::typed(&text);
        let after_read = NOW.load(Ordering::Relaxed);
        drop(text);
        (ds.and_then(|ds| validate::accept(ds, 2027)), after_read)
    };
    let Some(ds) = ds else {
        eprintln!("the file has problems");
        return;
    };
    let t1 = Instant::now();
    let typed = NOW.load(Ordering::Relaxed);
    let index = ds.index();
    let t2 = Instant::now();
    println!(
        "read {:.0} ms, index {:.0} ms; peak {:.1} MB; text+typed {:.1} MB; typed {:.1} MB; index {:.1} MB",
        (t1 - t0).as_secs_f64() * 1000.0,
        (t2 - t1).as_secs_f64() * 1000.0,
        mb(PEAK.load(Ordering::Relaxed)),
        mb(after_read),
        mb(typed),
        mb(NOW.load(Ordering::Relaxed) - typed),
    );
    drop(index);
}
