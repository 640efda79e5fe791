//! The problems found in a dataset: a short summary by kind above the table, and the full
//! list behind a disclosure with a search box. Everything from the file is escaped: text, never
//! markup.
//!
//! A file can have thousands of problems; listing them all above the matrix pushed the data
//! 12,000 px down. The summary stays small, and the list draws at most [`LIST_LIMIT`] items.

use crate::text::escape;
use crate::validate::{Problem, Severity};
use leptos::prelude::*;
use std::sync::Arc;

/// Kinds shown in the summary; the rest are counted in one line.
const KINDS_SHOWN: usize = 5;
/// Examples shown for each kind in the summary.
const EXAMPLES: usize = 2;
/// Items drawn in the full list at once; the search narrows it down.
const LIST_LIMIT: usize = 200;
/// Below this many problems the list needs no search box.
const SEARCH_FROM: usize = 10;

/// Problems of one kind: the same message about the same field, in any entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindCount {
    pub kind: String,
    pub severity: Severity,
    pub count: usize,
    /// Positions in the problem list of the first few problems of this kind.
    pub first: Vec<usize>,
}

/// The kind of a problem: its path without entry numbers and its message without the quoted
/// values and numbers, so `$.uses[3].place: jurisdiction "a" does not exist` and the same
/// for `[9]` and `"b"` are one kind.
pub fn problem_kind(p: &Problem) -> String {
    let mut path = String::with_capacity(p.path.len());
    let mut in_index = false;
    for c in p.path.chars() {
        match c {
            '[' => {
                in_index = true;
                path.push_str("[…]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            _ => path.push(c),
        }
    }
    format!("{}: {}", generic_message(&p.message), path)
}

/// The message with quoted text and runs of digits replaced by "…" and "N".
fn generic_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    let mut last_digit = false;
    for c in message.chars() {
        if c == '"' {
            if !quoted {
                out.push_str("\"…\"");
            }
            quoted = !quoted;
        } else if quoted {
            continue;
        } else if c.is_ascii_digit() {
            if !last_digit {
                out.push('N');
            }
        } else {
            out.push(c);
        }
        last_digit = c.is_ascii_digit() && !quoted;
    }
    out
}

/// Counts by kind, errors first, each group in order of first appearance; each with its first
/// examples. (A linear search: kinds are few, and it keeps the wasm small.)
pub fn summarise(problems: &[Problem]) -> Vec<KindCount> {
    let mut kinds: Vec<KindCount> = Vec::new();
    for pass in [Severity::Error, Severity::Notice] {
        let start = kinds.len();
        for (i, p) in problems
            .iter()
            .enumerate()
            .filter(|(_, p)| p.severity == pass)
        {
            let kind = problem_kind(p);
            match kinds[start..].iter_mut().find(|k| k.kind == kind) {
                Some(k) => {
                    k.count += 1;
                    if k.first.len() < EXAMPLES {
                        k.first.push(i);
                    }
                }
                None => kinds.push(KindCount {
                    kind,
                    severity: pass,
                    count: 1,
                    first: vec![i],
                }),
            }
        }
    }
    kinds
}

/// One problem as a line of text.
pub fn line(p: &Problem) -> String {
    let level = match p.severity {
        Severity::Error => "Error",
        Severity::Notice => "Notice",
    };
    format!(
        "{level} at {} (line {}, column {}): {}",
        p.path, p.line, p.column, p.message
    )
}

/// Positions of the problems whose line contains `query` (case-insensitive), at most `limit`,
/// and how many match in all.
pub fn matching(problems: &[Problem], query: &str, limit: usize) -> (Vec<usize>, usize) {
    let q = query.trim().to_lowercase();
    let mut shown = Vec::new();
    let mut total = 0;
    for (i, p) in problems.iter().enumerate() {
        if q.is_empty() || line(p).to_lowercase().contains(&q) {
            total += 1;
            if shown.len() < limit {
                shown.push(i);
            }
        }
    }
    (shown, total)
}

/// The box above the matrix: what is wrong, by kind, and the full list on request.
#[component]
pub fn ProblemsBox(problems: Arc<Vec<Problem>>, unlisted: usize) -> impl IntoView {
    let total = problems.len() + unlisted;
    let kinds = summarise(&problems);
    let headline = format!(
        "This dataset has {total} problem{}; entries with errors are not shown, the valid ones are.",
        if total == 1 { "" } else { "s" }
    );
    view! {
        <section class="problems" aria-labelledby="problems-title" data-testid="problems">
            <h2 id="problems-title" class="problems-title">{headline}</h2>
            {kind_table(&problems, &kinds)}
            <p class="more-kinds">{left_out(kinds.len(), unlisted)}</p>
            <details class="problem-all" data-testid="problem-all">
                <summary>{format!("All problems ({total})")}</summary>
                <ProblemList problems=problems.clone() unlisted=unlisted/>
            </details>
        </section>
    }
}

/// The summary rows as escaped HTML (one string rather than views: smaller wasm).
fn kind_rows(problems: &[Problem], kinds: &[KindCount]) -> String {
    let mut out = String::new();
    for k in kinds.iter().take(KINDS_SHOWN) {
        let examples = k
            .first
            .iter()
            .filter_map(|&i| problems.get(i))
            .map(|p| format!("{} (line {}, column {})", p.path, p.line, p.column))
            .collect::<Vec<_>>()
            .join("; ");
        out.push_str(&format!(
            "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"examples\">{}</td></tr>",
            k.count,
            escape(&k.kind),
            escape(&examples)
        ));
    }
    out
}

fn kind_table(problems: &[Problem], kinds: &[KindCount]) -> impl IntoView {
    view! {
        <table class="problem-kinds" data-testid="problem-kinds">
            <caption class="sr">"Problems by kind"</caption>
            <thead><tr><th scope="col">"Count"</th><th scope="col">"Kind"</th><th scope="col">"First at"</th></tr></thead>
            <tbody inner_html=kind_rows(problems, kinds)></tbody>
        </table>
    }
}

/// What the summary leaves out: further kinds, and problems the validator found but did not
/// list (the counts cover the listed ones only).
fn left_out(kinds: usize, unlisted: usize) -> String {
    let mut out = String::new();
    let more = kinds.saturating_sub(KINDS_SHOWN);
    if more > 0 {
        out.push_str(&format!("… and {more} more kind(s), in the full list. "));
    }
    if unlisted > 0 {
        out.push_str(&format!(
            "Counts cover the first {} problems; {unlisted} more were found but not listed.",
            crate::validate::MAX_LISTED
        ));
    }
    out
}

/// The full list, searchable when long, drawing at most [`LIST_LIMIT`] items.
#[component]
pub fn ProblemList(problems: Arc<Vec<Problem>>, unlisted: usize) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let searchable = problems.len() >= SEARCH_FROM;
    let found = {
        let problems = problems.clone();
        Memo::new(move |_| query.with(|q| matching(&problems, q, LIST_LIMIT)))
    };
    // One escaped string for the list: up to 200 items, not 200 views.
    let items = move || {
        let (shown, _) = found.get();
        let mut out = String::new();
        for p in shown.iter().filter_map(|&i| problems.get(i)) {
            out.push_str(&format!("<li>{}</li>", escape(&line(p))));
        }
        if unlisted > 0 {
            out.push_str(&format!(
                "<li>… and {unlisted} more, not listed (listing stops after the first {}).</li>",
                crate::validate::MAX_LISTED
            ));
        }
        out
    };
    let status = move || {
        let (shown, total) = found.get();
        let mut s = format!("Showing {} of {total} matching problem(s).", shown.len());
        if shown.len() < total {
            s.push_str(" Search to narrow the list.");
        }
        s
    };
    view! {
        {searchable.then(|| view! {
            <div class="problem-search">
                <label for="problem-q">"Search the problems"</label>
                <input id="problem-q" type="search" autocomplete="off" data-testid="problem-search"
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <p role="status" class="problem-count" data-testid="problem-count">{status}</p>
            </div>
        })}
        <ul class="problem-list" data-testid="problem-list" inner_html=items></ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(path: &str, message: &str, severity: Severity) -> Problem {
        Problem {
            severity,
            path: path.into(),
            line: 1,
            column: 2,
            message: message.into(),
        }
    }

    #[test]
    fn entries_and_values_do_not_split_a_kind() {
        let a = problem(
            "$.uses[3].place",
            "jurisdiction \"a\" does not exist",
            Severity::Error,
        );
        let b = problem(
            "$.uses[12].place",
            "jurisdiction \"bb\" does not exist",
            Severity::Error,
        );
        let c = problem(
            "$.uses[3].first_year",
            "year 1800 is outside 1900..=2027",
            Severity::Error,
        );
        assert_eq!(problem_kind(&a), problem_kind(&b));
        assert_ne!(problem_kind(&a), problem_kind(&c));
        assert_eq!(
            problem_kind(&c),
            "year N is outside N..=N: $.uses[…].first_year"
        );
    }

    #[test]
    fn summary_counts_by_kind_with_errors_first() {
        let mut list = vec![problem(
            "$.meta",
            "the file starts with a byte order mark",
            Severity::Notice,
        )];
        for i in 0..3000 {
            list.push(problem(
                &format!("$.uses[{i}].place"),
                &format!("jurisdiction \"p{i}\" does not exist"),
                Severity::Error,
            ));
        }
        list.push(problem(
            "$.uses[1].tactic",
            "unknown tactic id \"x\"",
            Severity::Error,
        ));
        let kinds = summarise(&list);
        assert_eq!(kinds.len(), 3);
        assert_eq!((kinds[0].count, kinds[0].first.clone()), (3000, vec![1, 2]));
        assert_eq!(kinds[1].count, 1);
        assert_eq!(kinds[2].severity, Severity::Notice);
    }

    #[test]
    fn search_is_case_insensitive_and_capped() {
        let list: Vec<Problem> = (0..500)
            .map(|i| {
                problem(
                    &format!("$.uses[{i}].place"),
                    "jurisdiction \"Zed\" does not exist",
                    Severity::Error,
                )
            })
            .chain(std::iter::once(problem(
                "$.tactics",
                "tactic \"cameras\" is missing",
                Severity::Error,
            )))
            .collect();
        assert_eq!(matching(&list, "", 200), ((0..200).collect(), 501));
        assert_eq!(matching(&list, "CAMERAS", 200), (vec![500], 1));
        assert_eq!(matching(&list, "uses[49", 200).1, 11);
    }
}
