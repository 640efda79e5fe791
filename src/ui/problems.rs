//! The list of problems found in a dataset, shown as text (never as markup).

use crate::validate::{Problem, Severity};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ProblemList(problems: Arc<Vec<Problem>>, unlisted: usize) -> impl IntoView {
    let items = problems
        .iter()
        .map(|p| {
            let level = match p.severity {
                Severity::Error => "Error",
                Severity::Notice => "Notice",
            };
            view! {
                <li>
                    <strong>{level}</strong>
                    {format!(" at {} (line {}, column {}): {}", p.path, p.line, p.column, p.message)}
                </li>
            }
        })
        .collect_view();
    view! {
        <ul class="problem-list" data-testid="problem-list">
            {items}
            {(unlisted > 0).then(|| view! { <li>{format!("… and {unlisted} more")}</li> })}
        </ul>
    }
}
