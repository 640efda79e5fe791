//! The filter panel as one escaped HTML string, and the pure rules its one delegated listener
//! follows.
//!
//! Built as Leptos views, the panel's ~70 controls each cost a reactive closure and a view
//! type in the first load. As a string it is set once with `inner_html`; each control says what
//! it changes by its `name` and `value` (`tactic`, `state`, `kind`, `match`, `undated`, `from`,
//! `to`, `pop`), [`apply`] turns a change into a new filter, and [`is_checked`] and
//! [`field_value`] give what every control shows for a filter (Back/Forward, chips, Clear).
//! Every text and attribute from the data goes through [`escape`].

use crate::markup::text::escape;
use crate::model::dataset::{Dataset, Kind};
use crate::model::lookup::Index;
use crate::query::filter::{Filter, Match, PopBand};
use std::fmt::Write;

/// Population bands offered in the select (the option value is the position); the URL accepts
/// any range, shown as the extra option [`CUSTOM_POP`].
pub const POP_BANDS: [(&str, Option<u64>, Option<u64>); 5] = [
    ("Under 10,000", None, Some(9_999)),
    ("10,000 – 99,999", Some(10_000), Some(99_999)),
    ("100,000 – 999,999", Some(100_000), Some(999_999)),
    ("1,000,000 and more", Some(1_000_000), None),
    ("Any size", None, None),
];

/// The value of the population option that stands for a range from the URL outside the bands.
pub const CUSTOM_POP: &str = "custom";

/// The years the year fields accept: the dataset's, or a wide range for a dataset without any.
pub fn year_bounds(ds: &Dataset) -> (i32, i32) {
    ds.year_bounds().unwrap_or((1900, 2100))
}

/// The inside of `<aside class="filters">`: every control, unchecked and empty (the UI then
/// sets what the filter says), and the Clear and Close buttons (`data-action`).
pub fn panel_html(ds: &Dataset, index: &Index) -> String {
    panel_html_in(ds, index, year_bounds(ds))
}

/// [`panel_html`] with the years the year fields accept given (the first view's data file
/// carries the whole dataset's, without the series and events they come from).
pub fn panel_html_in(ds: &Dataset, index: &Index, bounds: (i32, i32)) -> String {
    let mut out = String::with_capacity(16_384);
    out.push_str(
        "<h2 id=\"filters-title\">Filters</h2><fieldset><legend>Tactics</legend>\
         <div class=\"match\" role=\"radiogroup\" aria-label=\"Match\">",
    );
    check(
        &mut out,
        "radio",
        "match",
        "any",
        "Any checked tactic",
        None,
    );
    check(
        &mut out,
        "radio",
        "match",
        "all",
        "All checked tactics",
        None,
    );
    out.push_str("</div><div class=\"checks tactics\">");
    for t in &ds.tactics {
        check(
            &mut out,
            "checkbox",
            "tactic",
            &t.id,
            &t.name,
            Some(&t.definition),
        );
    }
    out.push_str("</div></fieldset>");
    years(&mut out, bounds);
    out.push_str("<fieldset><legend>State</legend><div class=\"checks\">");
    for code in index.filter.states() {
        check(&mut out, "checkbox", "state", code, code, None);
    }
    out.push_str("</div></fieldset><fieldset><legend>Kind of place</legend><div class=\"checks\">");
    for kind in Kind::ALL {
        check(&mut out, "checkbox", "kind", kind.id(), kind.label(), None);
    }
    out.push_str("</div></fieldset>");
    population(&mut out);
    out.push_str(
        "<button type=\"button\" class=\"clear\" data-testid=\"clear-filters\" \
         data-action=\"clear\">Clear all filters</button>\
         <button type=\"button\" class=\"close-filters\" data-action=\"close\">Close filters</button>",
    );
    out
}

/// One labelled checkbox or radio button; `title` is the tactic's definition.
fn check(out: &mut String, kind: &str, name: &str, value: &str, label: &str, title: Option<&str>) {
    let title = title
        .map(|t| format!(" title=\"{}\"", escape(t)))
        .unwrap_or_default();
    let _ = write!(
        out,
        "<label class=\"check\"{title}><input type=\"{kind}\" name=\"{name}\" value=\"{}\">{}</label>",
        escape(value),
        escape(label)
    );
}

fn years(out: &mut String, (min, max): (i32, i32)) {
    out.push_str("<fieldset><legend>Years</legend><div class=\"years\">");
    for (label, name) in [("From", "from"), ("To", "to")] {
        let _ = write!(
            out,
            "<label>{label}<input type=\"number\" inputmode=\"numeric\" name=\"{name}\" \
             min=\"{min}\" max=\"{max}\"></label>"
        );
    }
    out.push_str("</div><p class=\"error\" role=\"alert\"></p>");
    check(
        out,
        "checkbox",
        "undated",
        "on",
        "Include uses of uncertain year",
        None,
    );
    out.push_str("</fieldset>");
}

fn population(out: &mut String) {
    out.push_str("<div class=\"field\"><label for=\"pop\">Population</label><select id=\"pop\" name=\"pop\">");
    for (i, (label, _, _)) in POP_BANDS.iter().enumerate() {
        let _ = write!(out, "<option value=\"{i}\">{label}</option>");
    }
    let _ = write!(
        out,
        "<option value=\"{CUSTOM_POP}\" hidden></option></select></div>"
    );
}

/// Whether the checkbox or radio button `name`/`value` is checked for the filter.
pub fn is_checked(f: &Filter, name: &str, value: &str) -> bool {
    match name {
        "match" => value == mode_id(f.mode),
        "tactic" => f.tactics.iter().any(|t| t == value),
        "state" => f.states.iter().any(|s| s == value),
        "kind" => Kind::from_id(value).is_some_and(|k| f.kinds.contains(&k)),
        "undated" => f.include_undated,
        _ => false,
    }
}

fn mode_id(mode: Match) -> &'static str {
    match mode {
        Match::Any => "any",
        Match::All => "all",
    }
}

/// The value of the field `name` (`from`, `to` or `pop`) for the filter.
pub fn field_value(f: &Filter, name: &str) -> String {
    let year = |y: Option<i32>| y.map(|y| y.to_string()).unwrap_or_default();
    match name {
        "from" => year(f.from),
        "to" => year(f.to),
        "pop" => match f.pop {
            None => (POP_BANDS.len() - 1).to_string(),
            Some(b) => band_position(b).map_or_else(|| CUSTOM_POP.to_string(), |i| i.to_string()),
        },
        _ => String::new(),
    }
}

fn band_position(b: PopBand) -> Option<usize> {
    POP_BANDS
        .iter()
        .position(|(_, lo, hi)| *lo == b.min && *hi == b.max)
}

/// The text of the extra population option when the URL asks for a range outside the bands.
pub fn custom_pop_label(f: &Filter) -> Option<String> {
    let b = f.pop.filter(|b| band_position(*b).is_none())?;
    let n = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    Some(format!("{} – {}", n(b.min), n(b.max)))
}

/// What one control's change does to the filter: `value` is the control's value and `on`
/// whether it is now checked. A year outside `bounds`, or a range that ends before it starts,
/// is refused with a message for the person; unknown names change nothing.
pub fn apply(
    f: &mut Filter,
    ds: &Dataset,
    name: &str,
    value: &str,
    on: bool,
) -> Result<(), String> {
    apply_in(f, ds, year_bounds(ds), (name, value, on))
}

/// [`apply`] with the accepted years given, as [`panel_html_in`].
pub fn apply_in(
    f: &mut Filter,
    ds: &Dataset,
    bounds: (i32, i32),
    (name, value, on): (&str, &str, bool),
) -> Result<(), String> {
    match name {
        "match" => {
            f.mode = if value == "all" {
                Match::All
            } else {
                Match::Any
            }
        }
        "tactic" => set_tactic(f, ds, value, on),
        "state" => set_member(&mut f.states, value.to_string(), on),
        "kind" => {
            if let Some(kind) = Kind::from_id(value) {
                set_member(&mut f.kinds, kind, on);
            }
        }
        "undated" => f.include_undated = on,
        "from" | "to" => set_year(f, bounds, name, value)?,
        "pop" if value != CUSTOM_POP => {
            let band = value.parse::<usize>().ok().and_then(|i| POP_BANDS.get(i));
            f.pop = band.and_then(|(_, lo, hi)| {
                (lo.is_some() || hi.is_some()).then_some(PopBand { min: *lo, max: *hi })
            });
        }
        _ => {}
    }
    Ok(())
}

/// Checks or unchecks a tactic, keeping the dataset's order (as the URL writes it).
fn set_tactic(f: &mut Filter, ds: &Dataset, id: &str, on: bool) {
    let mut chosen: Vec<String> = f.tactics.drain(..).filter(|t| t != id).collect();
    if on {
        chosen.push(id.to_string());
    }
    f.tactics = ds
        .tactics
        .iter()
        .filter(|t| chosen.contains(&t.id))
        .map(|t| t.id.clone())
        .collect();
}

fn set_year(f: &mut Filter, (min, max): (i32, i32), which: &str, raw: &str) -> Result<(), String> {
    let raw = raw.trim();
    let year = if raw.is_empty() {
        None
    } else {
        let y = raw.parse::<i32>().ok().filter(|y| (min..=max).contains(y));
        Some(y.ok_or(format!("Enter a year from {min} to {max}."))?)
    };
    let (from, to) = if which == "from" {
        (year, f.to)
    } else {
        (f.from, year)
    };
    if let (Some(a), Some(b)) = (from, to) {
        if a > b {
            return Err("“From” must not be after “to”.".into());
        }
    }
    f.from = from;
    f.to = to;
    Ok(())
}

/// Adds or removes `item`, keeping the list sorted and without repeats (as the URL writes it).
fn set_member<T: Ord>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|x| *x != item);
    if on {
        list.push(item);
        list.sort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::filter;

    fn small() -> Dataset {
        crate::small_fixture()
    }

    /// Every control of the panel as (type, name, value), read back from the markup.
    fn controls(html: &str) -> Vec<(String, String, String)> {
        let attr = |tag: &str, key: &str| {
            let start = tag.find(&format!(" {key}=\""))? + key.len() + 3;
            Some(tag[start..].split('"').next()?.to_string())
        };
        html.split("<input")
            .skip(1)
            .filter_map(|rest| {
                let tag = rest.split('>').next()?;
                Some((
                    attr(tag, "type")?,
                    attr(tag, "name")?,
                    attr(tag, "value").unwrap_or_default(),
                ))
            })
            .collect()
    }

    #[test]
    fn the_panel_has_a_labelled_control_for_every_tactic_state_and_kind() {
        let ds = small();
        let html = panel_html(&ds, &ds.index());
        let all = controls(&html);
        let count = |name: &str| all.iter().filter(|c| c.1 == name).count();
        assert_eq!(count("tactic"), ds.tactics.len());
        assert_eq!(count("state"), filter::states(&ds).len());
        assert_eq!(count("kind"), Kind::ALL.len());
        assert_eq!(
            (count("match"), count("from"), count("to"), count("undated")),
            (2, 1, 1, 1)
        );
        assert_eq!(
            html.matches("<label").count(),
            all.len() + 1,
            "one label each, and Population's"
        );
        assert_eq!(html.matches("<fieldset>").count(), 4);
        assert!(html.contains("data-action=\"clear\"") && html.contains("data-action=\"close\""));
    }

    #[test]
    fn text_from_the_data_is_escaped() {
        let mut ds = small();
        ds.tactics[0].name = "<b>bold</b> & \"q\"".into();
        ds.tactics[0].id = "x\"><script>".into();
        let html = panel_html(&ds, &ds.index());
        assert!(
            !html.contains("<b>") && !html.contains("<script>"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;bold&lt;/b&gt; &amp;"));
    }

    #[test]
    fn every_change_shows_in_its_control_and_only_there() {
        let ds = small();
        let html = panel_html(&ds, &ds.index());
        for (kind, name, value) in controls(&html) {
            if kind == "number" || value == "any" {
                continue; // years are fields; "any" is the default
            }
            let mut f = Filter::default();
            let before = is_checked(&f, &name, &value);
            assert_eq!(apply(&mut f, &ds, &name, &value, !before), Ok(()));
            assert_ne!(f, Filter::default(), "{name}={value} changes the filter");
            assert_ne!(is_checked(&f, &name, &value), before, "{name}={value}");
            let changed = controls(&html)
                .into_iter()
                .filter(|(_, n, v)| is_checked(&f, n, v) != is_checked(&Filter::default(), n, v))
                .count();
            assert_eq!(
                changed,
                if name == "match" { 2 } else { 1 },
                "{name}={value}"
            );
        }
    }

    #[test]
    fn tactics_keep_the_dataset_order_and_unchecking_removes() {
        let ds = small();
        let (a, b) = (ds.tactics[0].id.clone(), ds.tactics[1].id.clone());
        let mut f = Filter::default();
        let _ = apply(&mut f, &ds, "tactic", &b, true);
        let _ = apply(&mut f, &ds, "tactic", &a, true);
        assert_eq!(f.tactics, vec![a.clone(), b.clone()]);
        let _ = apply(&mut f, &ds, "tactic", &a, false);
        assert_eq!(f.tactics, vec![b]);
        let _ = apply(&mut f, &ds, "tactic", "no-such-tactic", true);
        assert_eq!(f.tactics.len(), 1, "an unknown id is not kept");
    }

    #[test]
    fn years_outside_the_data_or_reversed_are_refused_with_a_message() {
        let ds = small();
        let (min, max) = year_bounds(&ds);
        let mut f = Filter::default();
        assert_eq!(apply(&mut f, &ds, "from", &min.to_string(), false), Ok(()));
        assert_eq!(field_value(&f, "from"), min.to_string());
        let refused = apply(&mut f, &ds, "to", &(max + 1).to_string(), false);
        assert_eq!(refused, Err(format!("Enter a year from {min} to {max}.")));
        assert!(apply(&mut f, &ds, "to", "abc", false).is_err());
        assert_eq!(f.to, None, "a refused year changes nothing");
        let _ = apply(&mut f, &ds, "from", &max.to_string(), false);
        let reversed = apply(&mut f, &ds, "to", &min.to_string(), false);
        assert!(reversed.is_err_and(|e| e.contains("must not be after")));
        assert_eq!(apply(&mut f, &ds, "from", " ", false), Ok(()));
        assert_eq!(
            field_value(&f, "from"),
            "",
            "an empty field clears the year"
        );
    }

    #[test]
    fn population_bands_round_trip_and_other_ranges_get_their_own_option() {
        let ds = small();
        for i in 0..POP_BANDS.len() {
            let mut f = Filter::default();
            let _ = apply(&mut f, &ds, "pop", &i.to_string(), false);
            assert_eq!(field_value(&f, "pop"), i.to_string());
            assert_eq!(custom_pop_label(&f), None);
        }
        let mut f = Filter {
            pop: Some(PopBand {
                min: Some(5),
                max: Some(70),
            }),
            ..Filter::default()
        };
        assert_eq!(field_value(&f, "pop"), CUSTOM_POP);
        assert_eq!(custom_pop_label(&f).as_deref(), Some("5 – 70"));
        let _ = apply(&mut f, &ds, "pop", CUSTOM_POP, false);
        assert_eq!(
            f.pop,
            Some(PopBand {
                min: Some(5),
                max: Some(70)
            }),
            "kept"
        );
        let _ = apply(&mut f, &ds, "pop", "99", false);
        assert_eq!(f.pop, None, "an unknown choice means any size");
    }
}
