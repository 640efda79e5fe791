//! A one-page brief of a place, for print and PDF (issue 28): the place, its population and
//! year, its documented tactics with years and short source titles, the comparison with its
//! peers in short, the data's as-of date, how to cite it and the hotline. The app puts the
//! state's reported-cases chart with its figures table between [`head_html`] and
//! [`foot_html`] (drawn by the worker, as in the charts section). The print stylesheet
//! (`public/app.css`) prints the brief alone, on one US Letter or A4 page.

use crate::markup::text::{escape, group, shorten};
use crate::model::dataset::{CellState, Dataset};
use crate::model::lookup::Index;
use crate::query::compare::{full_name, gaps, here_words, Plan, NO_GAPS};
use std::fmt::Write;

/// Longest source title in the brief (characters, with the ellipsis).
pub const TITLE_CHARS: usize = 48;
/// At most this many sources named per tactic, and peers named per tactic in the comparison.
pub const PER_LINE: usize = 2;

/// The brief's first part: who, what is documented, the comparison in short.
pub fn head_html(ds: &Dataset, index: &Index, plan: &Plan) -> String {
    let Some(place) = ds.jurisdictions.get(plan.place) else {
        return String::new();
    };
    let mut out = String::with_capacity(4096);
    let population = place.population.as_ref().map_or_else(
        || "Population not in the data".to_string(),
        |p| match p.year {
            Some(y) => format!("Population {} ({y})", group(p.value)),
            None => format!("Population {}", group(p.value)),
        },
    );
    let _ = write!(
        out,
        "<header class=\"brief-head\"><p class=\"brief-kicker\">Demand-reduction tactics against sex trafficking: a one-page brief</p>\
         <h2 class=\"brief-title\">{}</h2><p>{} · {} · data as of {}</p></header>",
        escape(&full_name(place)),
        place.kind.label(),
        escape(&population),
        escape(&ds.meta.as_of)
    );
    documented(&mut out, ds, index, plan);
    comparison(&mut out, ds, index, plan);
    out
}

fn documented(out: &mut String, ds: &Dataset, index: &Index, plan: &Plan) {
    let mut items = String::new();
    let mut count = 0;
    for (t, tactic) in ds.tactics.iter().enumerate() {
        let CellState::Used(u) = ds.cell(index, plan.place, t) else {
            continue;
        };
        count += 1;
        let years = u.years_label().unwrap_or_else(|| "year unknown".into());
        let titles: Vec<String> = u
            .sources
            .iter()
            .filter_map(|id| ds.source(index, id))
            .take(PER_LINE)
            .map(|s| shorten(&s.title, TITLE_CHARS))
            .collect();
        let more = u.sources.len().saturating_sub(PER_LINE);
        let mut sources = titles.join("; ");
        if more > 0 {
            let _ = write!(sources, "; {more} more");
        }
        let _ = write!(
            items,
            "<li><strong>{}</strong> ({}). <span class=\"brief-src\">{}</span></li>",
            escape(&tactic.name),
            escape(&years),
            escape(&sources)
        );
    }
    let _ = write!(
        out,
        "<h3>Tactics documented ({count} of {})</h3>",
        ds.tactics.len()
    );
    if count == 0 {
        out.push_str("<p>No tactic is documented for this place in the sources researched.</p>");
    } else {
        let _ = write!(out, "<ul class=\"brief-tactics\">{items}</ul>");
    }
}

fn comparison(out: &mut String, ds: &Dataset, index: &Index, plan: &Plan) {
    out.push_str("<h3>Compared with places nearby and alike</h3>");
    if plan.shown.is_empty() {
        out.push_str("<p>No place is compared.</p>");
        return;
    }
    let names: Vec<String> = plan
        .shown
        .iter()
        .filter_map(|p| ds.jurisdictions.get(*p))
        .map(full_name)
        .collect();
    // "nearest by distance (…); in the same state (MT)": each reason with a small first letter.
    let reasons: Vec<String> = plan
        .groups
        .iter()
        .map(|g| {
            let mut chars = g.reason.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_lowercase().chain(chars).collect::<String>()
            })
        })
        .collect();
    let _ = write!(
        out,
        "<p class=\"brief-peers\">{} ({}).</p>",
        escape(&names.join("; ")),
        escape(&reasons.join("; "))
    );
    let gaps = gaps(ds, index, plan.place, &plan.shown);
    if gaps.is_empty() {
        let _ = write!(out, "<p>{NO_GAPS}</p>");
        return;
    }
    out.push_str("<p>Documented for a compared place, not documented here (no record found in the sources researched):</p><ul class=\"brief-gaps\">");
    for g in &gaps {
        let Some(tactic) = ds.tactics.get(g.tactic) else {
            continue;
        };
        let mut peers: Vec<String> = g
            .peers
            .iter()
            .take(PER_LINE)
            .filter_map(|&(p, u)| {
                let name = &ds.jurisdictions.get(p)?.name;
                Some(match u.years_label() {
                    Some(y) => format!("{name} {y}"),
                    None => name.clone(),
                })
            })
            .collect();
        let more = g.peers.len().saturating_sub(PER_LINE);
        if more > 0 {
            peers.push(format!("{more} more"));
        }
        let searched = match g.here {
            CellState::NotFound(_) => format!(" (here: {})", here_words(&g.here)),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<li><strong>{}</strong>: {}{}</li>",
            escape(&tactic.name),
            escape(&peers.join(", ")),
            escape(&searched)
        );
    }
    out.push_str("</ul>");
}

/// What the brief says in place of its state's chart when the data has no series for it.
pub fn no_chart_html(ds: &Dataset, plan: &Plan) -> String {
    let state = ds
        .jurisdictions
        .get(plan.place)
        .and_then(|j| j.state.as_deref())
        .map_or_else(|| "its state".to_string(), |s| format!("its state ({s})"));
    format!(
        "<p class=\"brief-no-chart\">Reported cases: the data has no series of reported figures for {}.</p>",
        escape(&state)
    )
}

/// The brief's last part: what a blank means, the as-of date, how to cite, the hotline.
pub fn foot_html(ds: &Dataset) -> String {
    let m = &ds.meta;
    format!(
        "<footer class=\"brief-foot\"><p>A tactic with no record was not found in the sources researched; \
         that is not evidence that it is not used. Places are not ranked.</p>\
         <p>Data as of {}, version {}. Cite as: {}</p>{}</footer>",
        escape(&m.as_of),
        escape(&m.version),
        escape(&m.citation),
        crate::markup::panels::HOTLINE
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::url_state::parse;

    #[test]
    fn the_brief_says_what_is_documented_compared_and_how_to_cite() {
        let ds = crate::small_fixture();
        let index = ds.index();
        let plan =
            crate::query::compare::plan(&ds, &index, &parse("?compare=beta-id&with=alpha-mt").0)
                .expect("plan");
        let head = head_html(&ds, &index, &plan);
        assert!(head.contains("Beta, ID"), "{head}");
        assert!(head.contains("Population 5,000 (2020)"));
        assert!(head.contains("Tactics documented (1 of 15)"));
        assert!(
            head.contains("<strong>John School</strong>: Alpha 2016"),
            "{head}"
        );
        let foot = foot_html(&ds);
        assert!(foot.contains(&escape(&ds.meta.citation)));
        assert!(foot.contains("1-888-373-7888"));
        assert!(!head.to_lowercase().contains("does not use"));
        assert!(no_chart_html(&ds, &plan).contains("its state (ID)"));
    }
}
