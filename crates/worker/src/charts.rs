//! Chart requests: which panels to draw for what the app asks. Pure, tested natively.

use tactics_charts::html::{panel_html, PanelHtml};
use tactics_charts::{panels, ChartKind, ChartOptions};
use tactics_core::model::dataset::{Dataset, Index, Series};
use tactics_core::query::filter::Filter;

/// What a chart request asks for: the message's own type.
pub use tactics_core::query::worker_protocol::ChartsRequest;

/// The panels for a request, in the order of the dataset's series (unknown ids are skipped).
pub fn draw(ds: &Dataset, index: &Index, r: &ChartsRequest) -> Vec<PanelHtml> {
    let series: Vec<&Series> = ds
        .series
        .iter()
        .filter(|s| r.series.contains(&s.id))
        .collect();
    let opts = ChartOptions {
        width: if r.narrow { 390 } else { 960 },
        height: if r.narrow { 300 } else { 420 },
        from: r.from,
        to: r.to,
        dark: r.dark,
        kind: if r.bars {
            ChartKind::Bar
        } else {
            ChartKind::Line
        },
    };
    let filter = Filter {
        from: r.from,
        to: r.to,
        tactics: r.tactics.clone(),
        ..Filter::default()
    };
    panels(&series)
        .iter()
        .enumerate()
        .map(|(i, panel)| panel_html(ds, index, panel, &filter, &opts, i))
        .collect()
}
