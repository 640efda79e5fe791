fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let t = std::time::Instant::now();
    let doc = tactics_explorer::json::parse(&text);
    println!("json::parse {:?} ok={}", t.elapsed(), doc.is_ok());
    let t = std::time::Instant::now();
    let v: Result<serde_json::Value, _> = serde_json::from_str(&text);
    println!("serde_json Value {:?} ok={}", t.elapsed(), v.is_ok());
    let t = std::time::Instant::now();
    let d: Result<tactics_explorer::dataset::Dataset, _> = serde_json::from_str(&text);
    println!("serde_json typed {:?} ok={}", t.elapsed(), d.is_ok());
    let t = std::time::Instant::now();
    let c = tactics_explorer::validate::check(&text, 2027);
    println!("check {:?} errors={}", t.elapsed(), c.errors());
    let t = std::time::Instant::now();
    if let Some(ds) = &c.dataset {
        let _ = ds.index();
    }
    println!("index {:?}", t.elapsed());
}
