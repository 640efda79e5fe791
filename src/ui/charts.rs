//! Charts of reported figures over time (wired to the pure `chart` module).

use super::Loaded;
use leptos::prelude::*;

#[component]
pub fn Charts(loaded: Loaded) -> impl IntoView {
    let count = loaded.ds.series.len();
    view! {
        <section id="charts" class="charts" aria-labelledby="charts-title">
            <h2 id="charts-title">"Reported figures over time"</h2>
            <p>{format!("{count} series in this dataset.")}</p>
        </section>
    }
}
