//! Writes the map's geometry files from us-atlas: `geo <counties-10m.json> <out dir>` writes
//! `<out>/states.json` and `<out>/counties/<state fips>.json` (see docs/MAP.md).

use std::path::Path;
use std::process::ExitCode;
use tactics_map::prepare::{prepare, Detail};

/// States are drawn a few at a time (about 6 screen pixels per unit at 1280 px wide).
const STATES: Detail = Detail {
    tolerance: 0.12,
    min_area: 0.3,
};
/// Counties are drawn inside one state, thinner and lighter, so they can be coarser.
const COUNTIES: Detail = Detail {
    tolerance: 0.2,
    min_area: 0.5,
};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, out] = args.as_slice() else {
        eprintln!("usage: geo <us-atlas counties-10m.json> <output dir, e.g. public/geo>");
        return ExitCode::from(2);
    };
    match run(Path::new(input), Path::new(out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("geo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let topo = tactics_map::topo::parse(&text).map_err(|e| format!("{}: {e}", input.display()))?;
    let prepared = prepare(&topo, STATES, COUNTIES)?;
    let dir = out.join("counties");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    write(&out.join("states.json"), &prepared.states)?;
    for (fips, layer) in &prepared.counties {
        write(&dir.join(format!("{fips}.json")), layer)?;
    }
    if !prepared.skipped.is_empty() {
        println!(
            "too small to draw: counties {}",
            prepared.skipped.join(", ")
        );
    }
    Ok(())
}

fn write(path: &Path, layer: &tactics_map::geo::GeoLayer) -> Result<(), String> {
    let text = serde_json::to_string(layer).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(path, text + "\n").map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{} ({} features)", path.display(), layer.features.len());
    Ok(())
}
