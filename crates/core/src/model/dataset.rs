//! The dataset model: places, the 15 tactics, their use, series of reported cases, events,
//! help resources and the sources behind every figure. Documented for data authors in
//! docs/DATA.md and as a JSON Schema in public/data/dataset.schema.json.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Re-exported for callers: [`Index`] lives in `lookup`, which reads this module, not the
/// reverse.
pub use crate::model::lookup::Index;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub meta: Meta,
    pub sources: Vec<Source>,
    pub tactics: Vec<Tactic>,
    // The large collections are allocated once at their counted size (crate::model::counts).
    #[serde(deserialize_with = "crate::model::counts::jurisdictions")]
    pub jurisdictions: Vec<Jurisdiction>,
    #[serde(deserialize_with = "crate::model::counts::uses")]
    pub uses: Vec<TacticUse>,
    #[serde(deserialize_with = "crate::model::counts::series")]
    pub series: Vec<Series>,
    #[serde(deserialize_with = "crate::model::counts::events")]
    pub events: Vec<Event>,
    pub resources: Vec<Resource>,
    /// Documented searches that "not found" entries point to (optional in a file).
    #[serde(default)]
    pub searches: Vec<Search>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub version: String,
    pub as_of: String,
    pub licence: String,
    pub citation: String,
    pub publisher: String,
    pub exit_url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub url: String,
    #[serde(default)]
    pub published: Option<String>,
    /// Whether `published` is shown by the source or is our estimate (required with a date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_basis: Option<DateBasis>,
    pub accessed: String,
    /// Whether `accessed` was a reading of the live page or of a stored copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_from: Option<ReadFrom>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// What kind of document this is (required: the validator names a source without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SourceKind>,
}

/// What a source is, for the evidence rule (docs/DATA.md, "Evidence"): a primary document of
/// the event (police, prosecutor, court, government, news reporting of it) or a compilation
/// that summarises other sources (Demand Forum's narratives, reports, gazetteers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Primary,
    Compilation,
}

impl SourceKind {
    /// The words shown beside a source in a cell's list.
    pub fn label(self) -> &'static str {
        match self {
            SourceKind::Primary => "primary source",
            SourceKind::Compilation => "compilation",
        }
    }
}

/// How a date is known: shown by the source itself, or estimated by the data's authors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    Shown,
    Estimated,
}

/// A date for display: an estimated one reads "about 2019-01", never as exact.
pub fn date_label(date: &str, basis: Option<DateBasis>) -> String {
    match basis {
        Some(DateBasis::Estimated) => format!("about {date}"),
        _ => date.to_string(),
    }
}

/// Where a source was read: the live page, or a stored copy of it (an archive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadFrom {
    LivePage,
    StoredCopy,
}

impl Source {
    /// "2019-01", "about 2019-01" or "date unknown".
    pub fn published_label(&self) -> String {
        self.published.as_deref().map_or_else(
            || "date unknown".to_string(),
            |d| date_label(d, self.published_basis),
        )
    }

    /// "accessed 2026-11-22" or "read from a stored copy on 2026-11-22".
    pub fn accessed_label(&self) -> String {
        match self.read_from {
            Some(ReadFrom::StoredCopy) => format!("read from a stored copy on {}", self.accessed),
            _ => format!("accessed {}", self.accessed),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tactic {
    pub id: String,
    pub name: String,
    pub definition: String,
    #[serde(default)]
    pub national: Vec<NationalCount>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    AtLeast,
    MoreThan,
}

impl Qualifier {
    /// Prefix for a count, so "more than 295" is never shown as "295".
    pub fn prefix(self) -> &'static str {
        match self {
            Qualifier::Exact => "",
            Qualifier::AtLeast => "at least ",
            Qualifier::MoreThan => "more than ",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalCount {
    pub count: u64,
    pub qualifier: Qualifier,
    pub as_of: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    City,
    County,
    State,
    Nation,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::City, Kind::County, Kind::State, Kind::Nation];

    pub fn id(self) -> &'static str {
        match self {
            Kind::City => "city",
            Kind::County => "county",
            Kind::State => "state",
            Kind::Nation => "nation",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::City => "City",
            Kind::County => "County",
            Kind::State => "State",
            Kind::Nation => "Nation",
        }
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Population {
    pub value: u64,
    /// The year the figure is for, where its source gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    pub source: String,
    /// Where other figures differ, and why this one was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A point for a map: a city's or county's internal point, or a state's centre.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// Decimal degrees, north positive.
    pub lat: f64,
    /// Decimal degrees, east positive (so U.S. longitudes are negative).
    pub lon: f64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceGroup {
    pub topic: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub population: Option<Population>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    #[serde(default)]
    pub parents: Vec<String>,
    pub summary: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(default)]
    pub sources: Vec<SourceGroup>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UseStatus {
    Used,
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TacticUse {
    pub place: String,
    pub tactic: String,
    pub status: UseStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_year: Option<i32>,
    /// The years with evidence of use, when they are not every year from first to last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checked: Option<String>,
    /// For "not found": the id of the documented search in `searches`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What was searched, where and when: the evidence behind a "not found".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Search {
    pub id: String,
    pub title: String,
    /// The collections searched and the terms used, in plain words.
    pub method: String,
    pub date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
}

impl TacticUse {
    /// The known years as "2016–2024", "2016" or None when undated.
    pub fn years_label(&self) -> Option<String> {
        if !self.years.is_empty() {
            return Some(years_list(&self.years));
        }
        match (self.first_year, self.last_year) {
            (Some(a), Some(b)) if a == b => Some(a.to_string()),
            (Some(a), Some(b)) => Some(format!("{a}–{b}")),
            (Some(a), None) => Some(format!("since {a}")),
            (None, Some(b)) => Some(format!("by {b}")),
            (None, None) => None,
        }
    }
}

/// "2013, 2020–2024": runs of consecutive years joined, so gaps stay visible.
fn years_list(years: &[i32]) -> String {
    let mut sorted = years.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut runs: Vec<(i32, i32)> = Vec::new();
    for y in sorted {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == y => *end = y,
            _ => runs.push((y, y)),
        }
    }
    runs.iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    pub period: i32,
    pub value: u64,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub place: String,
    #[serde(default)]
    pub fiscal_year: bool,
    pub definition: String,
    #[serde(default)]
    pub caveats: Vec<String>,
    pub observations: Vec<Observation>,
}

impl Series {
    /// Periods for which the sources disagree (two or more different values).
    pub fn conflicting_periods(&self) -> Vec<i32> {
        let mut by_period: HashMap<i32, Vec<u64>> = HashMap::new();
        for o in &self.observations {
            by_period.entry(o.period).or_default().push(o.value);
        }
        let mut periods: Vec<i32> = by_period
            .into_iter()
            .filter(|(_, values)| values.iter().any(|v| *v != values[0]))
            .map(|(p, _)| p)
            .collect();
        periods.sort_unstable();
        periods
    }

    /// "2021" or "FY2021", so fiscal years are never mistaken for calendar years.
    pub fn period_label(&self, period: i32) -> String {
        if self.fiscal_year {
            format!("FY{period}")
        } else {
            period.to_string()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Law,
    Sting,
    Operation,
    Training,
    TaskForce,
    Other,
}

impl EventKind {
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Law => "Law",
            EventKind::Sting => "Sting",
            EventKind::Operation => "Operation",
            EventKind::Training => "Training",
            EventKind::TaskForce => "Task force",
            EventKind::Other => "Other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: String,
    pub date: String,
    /// Set to `estimated` when the date is our estimate (shown as "about").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_basis: Option<DateBasis>,
    pub kind: EventKind,
    pub place: String,
    pub title: String,
    pub description: String,
    #[serde(default)]
    pub tactics: Vec<String>,
    #[serde(default)]
    pub arrests: Option<u64>,
    pub sources: Vec<String>,
}

impl Event {
    /// The date as shown: "about 2022-11" when estimated.
    pub fn date_label(&self) -> String {
        date_label(&self.date, self.date_basis)
    }

    /// The year of the event date (dates are validated to start with a 4-digit year).
    pub fn year(&self) -> Option<i32> {
        self.date.get(..4).and_then(|y| y.parse().ok())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Hotline,
    Emergency,
    Local,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    pub id: String,
    pub name: String,
    pub kind: ResourceKind,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub text: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    pub description: String,
}

/// The national hotline and 911: shown when a dataset has no resources or cannot be loaded.
pub fn built_in_resources() -> Vec<Resource> {
    vec![
        Resource {
            id: "national-hotline".into(),
            name: "National Human Trafficking Hotline".into(),
            kind: ResourceKind::Hotline,
            phone: Some("1-888-373-7888".into()),
            text: Some("233733".into()),
            url: Some("https://humantraffickinghotline.org".into()),
            place: None,
            description: "Confidential, 24 hours a day, in many languages.".into(),
        },
        Resource {
            id: "emergency".into(),
            name: "Emergency".into(),
            kind: ResourceKind::Emergency,
            phone: Some("911".into()),
            text: None,
            url: None,
            place: None,
            description: "If you or someone else is in immediate danger.".into(),
        },
    ]
}

/// The 15 demand-reduction tactics: stable ids and exact display names.
pub const TACTICS: [(&str, &str); 15] = [
    ("auto-seizure", "Auto Seizure"),
    ("buyer-arrests", "Buyer Arrests"),
    ("cameras", "Cameras"),
    ("community-service", "Community Service"),
    ("employment-loss", "Employment Loss"),
    ("identity-disclosure", "Identity Disclosure"),
    ("it-based-tactics", "IT Based Tactics"),
    ("john-school", "John School"),
    ("letters", "Letters"),
    ("license-suspension", "License Suspension"),
    ("neighborhood-action", "Neighborhood Action"),
    ("public-education", "Public Education"),
    ("reverse-stings", "Reverse Stings"),
    ("soap-orders", "SOAP Orders"),
    ("web-stings", "Web Stings"),
];

/// The cell state of one place and one tactic.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellState<'a> {
    Used(&'a TacticUse),
    NotFound(&'a TacticUse),
    NotResearched,
}

impl Dataset {
    /// The earliest and latest year that any dated figure in the data mentions.
    pub fn year_bounds(&self) -> Option<(i32, i32)> {
        let years = self
            .uses
            .iter()
            .flat_map(|u| [u.first_year, u.last_year])
            .flatten()
            .chain(self.uses.iter().flat_map(|u| u.years.iter().copied()))
            .chain(
                self.series
                    .iter()
                    .flat_map(|s| s.observations.iter().map(|o| o.period)),
            )
            .chain(self.events.iter().filter_map(Event::year));
        years.fold(None, |acc, y| match acc {
            None => Some((y, y)),
            Some((lo, hi)) => Some((lo.min(y), hi.max(y))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(obs: &[(i32, u64)]) -> Series {
        Series {
            id: "s".into(),
            name: "S".into(),
            unit: "cases".into(),
            place: "p".into(),
            fiscal_year: false,
            definition: String::new(),
            caveats: vec![],
            observations: obs
                .iter()
                .map(|&(period, value)| Observation {
                    period,
                    value,
                    source: "src".into(),
                    note: None,
                })
                .collect(),
        }
    }

    #[test]
    fn conflicts_are_periods_with_different_values() {
        let s = series(&[(2020, 1), (2021, 41), (2021, 68), (2022, 5), (2022, 5)]);
        assert_eq!(s.conflicting_periods(), vec![2021]);
    }

    #[test]
    fn fiscal_periods_are_labelled() {
        let mut s = series(&[]);
        assert_eq!(s.period_label(2021), "2021");
        s.fiscal_year = true;
        assert_eq!(s.period_label(2021), "FY2021");
    }

    #[test]
    fn years_label_covers_partial_knowledge() {
        let mut u = TacticUse {
            place: "p".into(),
            tactic: "t".into(),
            status: UseStatus::Used,
            first_year: Some(2016),
            last_year: Some(2024),
            years: vec![],
            checked: None,
            search: None,
            sources: vec![],
            note: None,
        };
        assert_eq!(u.years_label().as_deref(), Some("2016–2024"));
        u.last_year = Some(2016);
        assert_eq!(u.years_label().as_deref(), Some("2016"));
        u.first_year = None;
        u.last_year = None;
        assert_eq!(u.years_label(), None);
        u.years = vec![2024, 2013, 2020, 2021, 2022, 2023];
        assert_eq!(u.years_label().as_deref(), Some("2013, 2020–2024"));
    }

    #[test]
    fn estimated_dates_read_about() {
        assert_eq!(
            date_label("2019-01", Some(DateBasis::Estimated)),
            "about 2019-01"
        );
        assert_eq!(date_label("2019-01", Some(DateBasis::Shown)), "2019-01");
        assert_eq!(date_label("2019", None), "2019");
    }
}
