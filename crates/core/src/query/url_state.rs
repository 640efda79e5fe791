//! The whole view as a query string: the public, documented API of docs/URL.md.
//!
//! The URL is the one source of truth for the filter. Parsing never fails: unknown or
//! malformed values are dropped and reported as notices, so an old or mangled link still
//! opens the explorer. Serialising writes only what differs from the defaults, in a fixed
//! order, so links stay short and keep working when defaults change.

use crate::model::dataset::{Dataset, Kind, TACTICS};
use crate::query::filter::{Dir, Filter, Match, PopBand, SortKey};

/// Longest accepted search text; longer text is cut, with a notice ([`parse`]).
pub const MAX_Q: usize = 100;
/// The keys of the matrix's own state (filters, search, order): the only keys of a URL the first
/// view may show (with `data`, a file's). The build writes them into the loader's manifest
/// (`prerender --manifest`), so the loader's pre-check is this list; `first_view::handles`
/// decides exactly.
pub const MATRIX_KEYS: [&str; 11] = [
    "tactics", "match", "q", "state", "kind", "from", "to", "undated", "pop", "sort", "dir",
];
pub const MIN_URL_YEAR: i32 = 1900;
pub const MAX_URL_YEAR: i32 = 2100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
}

/// How the places are shown in the tactics section (`view=`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    #[default]
    Table,
    Map,
}

/// The complete state a link can carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ViewState {
    pub filter: Filter,
    pub place: Option<String>,
    pub sort: SortKey,
    pub dir: Dir,
    /// Series ids picked for the chart; empty means the default choice.
    pub series: Vec<String>,
    /// The matrix or the map.
    pub pane: Pane,
    pub embed: bool,
    /// False hides the filter panel (embed option `controls=0`).
    pub controls: bool,
    pub theme: Option<Theme>,
    /// Accent colour as six hex digits, without '#'.
    pub accent: Option<String>,
    /// Another dataset on the same origin.
    pub data: Option<String>,
    /// The "Use your own data" panel is open (`import=1`).
    pub import: bool,
    /// The place whose compare view is open (`compare=`; with the feature `compare`, which
    /// the app has and the first-view module has not).
    #[cfg(feature = "compare")]
    pub compare: Option<String>,
    /// The places it is compared with (`with=`), in the visitor's order; `None` means the
    /// peers proposed from the data (`crate::query::compare::proposed`), `Some(empty)` none at all.
    #[cfg(feature = "compare")]
    pub with: Option<Vec<String>>,
}

impl Default for ViewState {
    fn default() -> Self {
        ViewState {
            filter: Filter::default(),
            place: None,
            sort: SortKey::Name,
            dir: Dir::Asc,
            series: Vec::new(),
            pane: Pane::Table,
            embed: false,
            controls: true,
            theme: None,
            accent: None,
            data: None,
            import: false,
            #[cfg(feature = "compare")]
            compare: None,
            #[cfg(feature = "compare")]
            with: None,
        }
    }
}

/// Parses a query string (with or without the leading '?').
/// Returns the state and a notice for every value that was ignored.
pub fn parse(query: &str) -> (ViewState, Vec<String>) {
    let mut state = ViewState::default();
    let mut notices = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    let mut cut = false;
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(raw_key);
        let value = decode(raw_value);
        if let Err(why) = apply(&mut state, &key, &value) {
            notices.push(format!(
                "Ignored “{}”: {why}",
                clip(&format!("{key}={value}"), 60)
            ));
        }
        // The one home of "search too long": the key decoded as every key is (`%71` is `q`).
        if key == "q" && value.trim().chars().count() > MAX_Q && !cut {
            cut = true;
            notices.push(format!(
                "The search text was cut to its first {MAX_Q} characters."
            ));
        }
    }
    let f = &mut state.filter;
    if let (Some(a), Some(b)) = (f.from, f.to) {
        if a > b {
            notices.push(format!(
                "Ignored the year range {a}–{b}: “from” is after “to”."
            ));
            f.from = None;
            f.to = None;
        }
    }
    (state, notices)
}

/// Values that are well formed but name nothing in `ds`, one notice each (the app shows them;
/// a URL with any is not the first view's to show, `first_view::may_show`).
pub fn unknown_in_dataset(view: &ViewState, ds: &Dataset) -> Vec<String> {
    let short = |s: &str| -> String {
        let mut out = clip(s, 40);
        if s.chars().count() > 40 {
            out.push('…');
        }
        out
    };
    let mut out = Vec::new();
    if ds.jurisdictions.is_empty() {
        return out;
    }
    if let Some(id) = view
        .place
        .as_deref()
        .filter(|id| !ds.jurisdictions.iter().any(|j| j.id == *id))
    {
        out.push(format!(
            "No place “{}” in this dataset (place=).",
            short(id)
        ));
    }
    #[cfg(feature = "compare")]
    {
        let missing = |id: &&String| !ds.jurisdictions.iter().any(|j| j.id == **id);
        if let Some(id) = view.compare.as_ref().filter(missing) {
            out.push(format!(
                "No place “{}” in this dataset (compare=).",
                short(id)
            ));
        }
        for id in view.with.iter().flatten().filter(missing) {
            out.push(format!("No place “{}” in this dataset (with=).", short(id)));
        }
    }
    for id in view
        .series
        .iter()
        .filter(|id| !ds.series.iter().any(|s| s.id == **id))
    {
        out.push(format!(
            "No series “{}” in this dataset (series=).",
            short(id)
        ));
    }
    for id in view
        .filter
        .tactics
        .iter()
        .filter(|id| !ds.tactics.iter().any(|t| t.id == **id))
    {
        out.push(format!(
            "No tactic “{}” in this dataset (tactics=).",
            short(id)
        ));
    }
    let has_state = |code: &String| {
        ds.jurisdictions
            .iter()
            .any(|j| j.state.as_deref() == Some(code.as_str()))
    };
    for code in view.filter.states.iter().filter(|c| !has_state(c)) {
        out.push(format!(
            "No place in the state “{}” in this dataset (state=).",
            short(code)
        ));
    }
    out
}

fn apply(s: &mut ViewState, key: &str, value: &str) -> Result<(), String> {
    let f = &mut s.filter;
    match key {
        "tactics" => {
            let ids = list(value);
            if let Some(bad) = ids.iter().find(|id| !TACTICS.iter().any(|(t, _)| t == id)) {
                return Err(format!("“{}” is not a tactic id", clip(bad, 40)));
            }
            // Canonical order, no repeats.
            f.tactics = TACTICS
                .iter()
                .filter(|(t, _)| ids.iter().any(|id| id == t))
                .map(|(t, _)| t.to_string())
                .collect();
        }
        "match" => {
            f.mode = match value {
                "any" => Match::Any,
                "all" => Match::All,
                _ => return Err("use any or all".into()),
            }
        }
        "from" => f.from = Some(year(value)?),
        "to" => f.to = Some(year(value)?),
        "undated" => f.include_undated = flag(value)?,
        "state" => {
            let codes = list(value);
            if codes
                .iter()
                .any(|c| c.len() != 2 || !c.bytes().all(|b| b.is_ascii_alphabetic()))
            {
                return Err("use two-letter state codes such as MT,ID".into());
            }
            f.states = codes.iter().map(|c| c.to_ascii_uppercase()).collect();
            f.states.sort();
            f.states.dedup();
        }
        "kind" => {
            let mut kinds = Vec::new();
            for k in list(value) {
                kinds.push(Kind::from_id(&k).ok_or("use city, county, state or nation")?);
            }
            kinds.sort();
            kinds.dedup();
            f.kinds = kinds;
        }
        "pop" => f.pop = Some(pop_band(value)?),
        "q" => f.q = clip(value.trim(), MAX_Q).trim_end().to_string(),
        "place" => s.place = Some(slug(value)?),
        #[cfg(feature = "compare")]
        "compare" => s.compare = Some(slug(value)?),
        #[cfg(feature = "compare")]
        "with" => {
            let ids = list(value);
            for id in &ids {
                slug(id)?;
            }
            // Order kept (the visitor's), repeats dropped.
            let mut seen: Vec<String> = Vec::with_capacity(ids.len());
            for id in ids {
                if !seen.contains(&id) {
                    seen.push(id);
                }
            }
            s.with = Some(seen);
        }
        "sort" => {
            s.sort = match value {
                "name" => SortKey::Name,
                "population" => SortKey::Population,
                "total" => SortKey::Total,
                t if TACTICS.iter().any(|(id, _)| *id == t) => SortKey::Tactic(t.to_string()),
                _ => return Err("not a column".into()),
            }
        }
        "dir" => {
            s.dir = match value {
                "asc" => Dir::Asc,
                "desc" => Dir::Desc,
                _ => return Err("use asc or desc".into()),
            }
        }
        "series" => {
            let ids = list(value);
            for id in &ids {
                slug(id)?;
            }
            s.series = ids;
        }
        "view" => {
            s.pane = match value {
                "table" => Pane::Table,
                "map" => Pane::Map,
                _ => return Err("use table or map".into()),
            }
        }
        "embed" => s.embed = flag(value)?,
        "controls" => s.controls = flag(value)?,
        "import" => s.import = flag(value)?,
        "theme" => {
            s.theme = match value {
                "light" => Some(Theme::Light),
                "dark" => Some(Theme::Dark),
                "auto" | "" => None,
                _ => return Err("use light or dark".into()),
            }
        }
        "accent" => {
            let hex = value.trim_start_matches('#');
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err("use six hex digits such as 0b6e4f".into());
            }
            s.accent = Some(hex.to_ascii_lowercase());
        }
        "data" => {
            if value.is_empty() || value.len() > 500 {
                return Err("not a usable path".into());
            }
            s.data = Some(value.to_string());
        }
        _ => return Err("unknown parameter".into()),
    }
    Ok(())
}

/// The query string (without '?') for a state; only non-default values, in a fixed order.
pub fn to_query(s: &ViewState) -> String {
    let f = &s.filter;
    let mut parts: Vec<(&str, String)> = Vec::new();
    if !f.tactics.is_empty() {
        parts.push(("tactics", f.tactics.join(",")));
    }
    if f.mode == Match::All {
        parts.push(("match", "all".into()));
    }
    if let Some(y) = f.from {
        parts.push(("from", y.to_string()));
    }
    if let Some(y) = f.to {
        parts.push(("to", y.to_string()));
    }
    // Off by default since the year rule (docs/URL.md): `undated=0` in older links still
    // means what it meant, and `undated=1` asks for the uses of uncertain year.
    if f.include_undated {
        parts.push(("undated", "1".into()));
    }
    if !f.states.is_empty() {
        parts.push(("state", f.states.join(",")));
    }
    if !f.kinds.is_empty() {
        let kinds: Vec<&str> = f.kinds.iter().map(|k| k.id()).collect();
        parts.push(("kind", kinds.join(",")));
    }
    if let Some(band) = f.pop {
        let end = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
        parts.push(("pop", format!("{}-{}", end(band.min), end(band.max))));
    }
    if !f.q.is_empty() {
        parts.push(("q", f.q.clone()));
    }
    if let Some(p) = &s.place {
        parts.push(("place", p.clone()));
    }
    #[cfg(feature = "compare")]
    if let Some(p) = &s.compare {
        parts.push(("compare", p.clone()));
        if let Some(with) = &s.with {
            parts.push(("with", with.join(",")));
        }
    }
    if s.sort != SortKey::Name {
        parts.push(("sort", s.sort.id().to_string()));
    }
    if s.dir == Dir::Desc {
        parts.push(("dir", "desc".into()));
    }
    if !s.series.is_empty() {
        parts.push(("series", s.series.join(",")));
    }
    if s.pane == Pane::Map {
        parts.push(("view", "map".into()));
    }
    if s.embed {
        parts.push(("embed", "1".into()));
    }
    if !s.controls {
        parts.push(("controls", "0".into()));
    }
    match s.theme {
        Some(Theme::Light) => parts.push(("theme", "light".into())),
        Some(Theme::Dark) => parts.push(("theme", "dark".into())),
        None => {}
    }
    if let Some(a) = &s.accent {
        parts.push(("accent", a.clone()));
    }
    if let Some(d) = &s.data {
        parts.push(("data", d.clone()));
    }
    if s.import {
        parts.push(("import", "1".into()));
    }
    parts
        .iter()
        .map(|(k, v)| format!("{k}={}", encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

fn year(value: &str) -> Result<i32, String> {
    value
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|y| (MIN_URL_YEAR..=MAX_URL_YEAR).contains(y))
        .ok_or_else(|| format!("use a year between {MIN_URL_YEAR} and {MAX_URL_YEAR}"))
}

fn flag(value: &str) -> Result<bool, String> {
    match value {
        "1" | "true" | "yes" => Ok(true),
        "0" | "false" | "no" => Ok(false),
        _ => Err("use 1 or 0".into()),
    }
}

fn pop_band(value: &str) -> Result<PopBand, String> {
    let err = || "use a range such as 10000-100000, 10000- or -100000".to_string();
    let (lo, hi) = value.split_once('-').ok_or_else(err)?;
    let end = |s: &str| -> Result<Option<u64>, String> {
        let s = s.trim();
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse::<u64>().map(Some).map_err(|_| err())
        }
    };
    let band = PopBand {
        min: end(lo)?,
        max: end(hi)?,
    };
    match (band.min, band.max) {
        (None, None) => Err(err()),
        (Some(a), Some(b)) if a > b => Err("the lower bound is above the upper bound".into()),
        _ => Ok(band),
    }
}

fn slug(value: &str) -> Result<String, String> {
    let ok = !value.is_empty()
        && value.len() <= 100
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err("not an id (lowercase letters, digits and dashes)".into())
    }
}

fn clip(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// Percent-decoding with '+' as space; invalid escapes and invalid UTF-8 are kept readable.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() && hex_pair(bytes[i + 1], bytes[i + 2]).is_some() => {
                out.extend(hex_pair(bytes[i + 1], bytes[i + 2]));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_pair(a: u8, b: u8) -> Option<u8> {
    let digit = |c: u8| (c as char).to_digit(16);
    Some((digit(a)? * 16 + digit(b)?) as u8)
}

/// Percent-encoding of everything but unreserved characters and the ',' list separator.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' | b'/' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_search_gets_one_notice_whatever_its_key_s_spelling() {
        let cut = "The search text was cut to its first 100 characters.";
        for query in [
            format!("?tactics=letters&q={}", "a%20".repeat(101)),
            format!("?%71={}", "b".repeat(MAX_Q + 1)),
            format!("?q={}&q={}", "c".repeat(MAX_Q + 1), "d".repeat(MAX_Q + 1)),
        ] {
            let (view, notices) = parse(&query);
            assert_eq!(notices.iter().filter(|n| *n == cut).count(), 1, "{query}");
            assert!(view.filter.q.chars().count() <= MAX_Q, "{query}");
        }
        for query in [format!("?q={}", "b".repeat(MAX_Q)), "?q=&x".to_string()] {
            assert!(!parse(&query).1.iter().any(|n| n == cut), "{query}");
        }
    }

    #[test]
    fn every_value_the_dataset_lacks_gets_its_own_notice() {
        let ds = crate::small_fixture();
        let (mut view, _) = parse("?place=nowhere&series=alpha-cases,gone&state=MT,ZZ");
        assert_eq!(
            unknown_in_dataset(&view, &ds),
            vec![
                "No place “nowhere” in this dataset (place=).".to_string(),
                "No series “gone” in this dataset (series=).".to_string(),
                "No place in the state “ZZ” in this dataset (state=).".to_string(),
            ]
        );
        view.place = Some("alpha-mt".into());
        view.series.clear();
        view.filter.states.clear();
        assert!(unknown_in_dataset(&view, &ds).is_empty());
    }

    #[cfg(feature = "compare")]
    #[test]
    fn compare_and_with_round_trip_and_name_what_the_data_lacks() {
        let (s, notices) = parse("?compare=alpha-mt&with=beta-id,gone,beta-id");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(s.compare.as_deref(), Some("alpha-mt"));
        assert_eq!(
            s.with,
            Some(vec!["beta-id".to_string(), "gone".to_string()])
        );
        assert_eq!(to_query(&s), "compare=alpha-mt&with=beta-id,gone");
        assert_eq!(parse(&to_query(&s)).0, s);
        // No peers at all is a view of its own, kept in the link.
        let (none, _) = parse("?compare=alpha-mt&with=");
        assert_eq!(none.with, Some(vec![]));
        assert_eq!(to_query(&none), "compare=alpha-mt&with=");
        assert_eq!(parse(&to_query(&none)).0, none);
        // `with` means nothing without `compare`.
        assert_eq!(to_query(&parse("?with=a").0), "");
        let ds = crate::small_fixture();
        let (s, _) = parse("?compare=nowhere&with=alpha-mt,gone");
        assert_eq!(
            unknown_in_dataset(&s, &ds),
            vec![
                "No place “nowhere” in this dataset (compare=).".to_string(),
                "No place “gone” in this dataset (with=).".to_string(),
            ]
        );
        let (_, notices) = parse("?compare=Not%20an%20id&with=a,B!");
        assert_eq!(notices.len(), 2, "{notices:?}");
    }

    #[test]
    fn import_opens_the_own_data_panel_and_round_trips() {
        let (s, notices) = parse("?import=1");
        assert!(notices.is_empty(), "{notices:?}");
        assert!(s.import);
        assert_eq!(to_query(&s), "import=1");
        assert!(!parse("").0.import);
        let (_, notices) = parse("?import=maybe");
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn undated_is_off_by_default_and_old_links_keep_their_meaning() {
        let (s, _) = parse("?from=2020&to=2023");
        assert!(!s.filter.include_undated, "uncertain uses are asked for");
        assert_eq!(to_query(&s), "from=2020&to=2023");
        let (old_off, _) = parse("?from=2020&to=2023&undated=0");
        assert!(!old_off.filter.include_undated);
        assert_eq!(to_query(&old_off), "from=2020&to=2023");
        let (on, notices) = parse("?from=2020&to=2023&undated=1");
        assert!(notices.is_empty() && on.filter.include_undated);
        assert_eq!(to_query(&on), "from=2020&to=2023&undated=1");
    }

    #[test]
    fn parses_the_documented_example() {
        let (s, notices) = parse(
            "?tactics=web-stings,john-school&match=all&from=2015&to=2023&undated=0&state=mt,ID\
             &kind=city,county&pop=10000-100000&q=Miss+oula&place=missoula-mt&sort=total&dir=desc",
        );
        assert!(notices.is_empty(), "{notices:?}");
        let f = &s.filter;
        assert_eq!(f.tactics, vec!["john-school", "web-stings"]);
        assert_eq!(f.mode, Match::All);
        assert_eq!((f.from, f.to), (Some(2015), Some(2023)));
        assert!(!f.include_undated);
        assert_eq!(f.states, vec!["ID", "MT"]);
        assert_eq!(f.kinds, vec![Kind::City, Kind::County]);
        assert_eq!(
            f.pop,
            Some(PopBand {
                min: Some(10000),
                max: Some(100000)
            })
        );
        assert_eq!(f.q, "Miss oula");
        assert_eq!(s.place.as_deref(), Some("missoula-mt"));
        assert_eq!((s.sort.clone(), s.dir), (SortKey::Total, Dir::Desc));
    }

    #[test]
    fn bad_values_are_ignored_with_notices() {
        let (s, notices) =
            parse("tactics=nope&from=abc&to=1800&sort=%3Cscript%3E&wat=1&place=A%20B");
        assert_eq!(s, ViewState::default());
        assert_eq!(notices.len(), 6, "{notices:?}");
        let (s, notices) = parse("from=2020&to=2010");
        assert_eq!((s.filter.from, s.filter.to), (None, None));
        assert_eq!(notices.len(), 1);
    }

    #[test]
    fn default_state_is_the_empty_query() {
        assert_eq!(to_query(&ViewState::default()), "");
    }

    #[test]
    fn text_round_trips_through_encoding() {
        let mut s = ViewState::default();
        s.filter.q = "Coeur d'Alene & <b>\"x\"+ 100%".into();
        let (back, notices) = parse(&to_query(&s));
        assert!(notices.is_empty());
        assert_eq!(back, s);
    }

    #[test]
    fn view_picks_table_or_map() {
        let (s, notices) = parse("view=map&embed=1");
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!((s.pane, s.embed), (Pane::Map, true));
        assert_eq!(to_query(&s), "view=map&embed=1");
        let (s, notices) = parse("view=table");
        assert_eq!((s.pane, notices.len()), (Pane::Table, 0));
        assert_eq!(to_query(&s), "", "the table is the default and not written");
        let (s, notices) = parse("view=globe");
        assert_eq!(s.pane, Pane::Table);
        assert_eq!(
            notices,
            vec!["Ignored “view=globe”: use table or map".to_string()]
        );
    }

    #[test]
    fn decode_keeps_broken_escapes() {
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%E2%82%AC"), "€");
        assert_eq!(decode("%FF"), "\u{fffd}");
    }
}
