//! `cargo run --release --bin synthetic -- PLACES SEED > file.json`: a deterministic synthetic
//! dataset in the real schema, for benchmarks and soak tests. Clearly labelled as synthetic:
//! its figures are random and must never be shown as real.

use tactics_core::model::dataset::{
    Dataset, Event, EventKind, Jurisdiction, Kind, Meta, NationalCount, Observation, Population,
    Qualifier, Search, Series, Source, SourceGroup, SourceKind, Tactic, TacticUse, UseStatus,
    TACTICS,
};

const STATES: [&str; 50] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY",
];

/// A small deterministic generator (SplitMix64), so the same seed gives the same file.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const SYLLABLES: [&str; 16] = [
    "ash", "bel", "cor", "dun", "el", "fair", "glen", "hol", "iver", "jun", "kes", "lin", "mor",
    "new", "oak", "port",
];

fn name(rng: &mut Rng) -> String {
    let parts = 2 + rng.below(2);
    let mut s: String = (0..parts)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize])
        .collect();
    if let Some(first) = s.get(..1) {
        s = first.to_uppercase() + &s[1..];
    }
    s
}

pub fn generate(places: usize, seed: u64) -> Dataset {
    let mut rng = Rng(seed);
    let source = Source {
        id: "synthetic".into(),
        title: "Synthetic benchmark data (not real)".into(),
        publisher: "tactics-explorer".into(),
        url: "https://example.org/synthetic".into(),
        published: None,
        published_basis: None,
        accessed: "2026-11-22".into(),
        read_from: None,
        note: None,
        kind: Some(SourceKind::Compilation),
    };
    let tactics = TACTICS
        .iter()
        .map(|(id, name)| Tactic {
            id: id.to_string(),
            name: name.to_string(),
            definition: format!("Synthetic definition of {name}."),
            national: vec![NationalCount {
                count: rng.below(2500),
                qualifier: Qualifier::MoreThan,
                as_of: "2023-03".into(),
                source: "synthetic".into(),
                note: None,
            }],
        })
        .collect();
    let mut jurisdictions = Vec::with_capacity(places);
    let mut uses = Vec::new();
    let mut series = Vec::new();
    let mut events = Vec::new();
    for i in 0..places {
        let state = STATES[i % STATES.len()];
        let kind = if i % 3 == 0 { Kind::County } else { Kind::City };
        let id = format!("p{i}-{}", state.to_lowercase());
        let label = name(&mut rng);
        let display = if kind == Kind::County {
            format!("{label} County")
        } else {
            label
        };
        jurisdictions.push(Jurisdiction {
            id: id.clone(),
            name: display,
            kind,
            state: Some(state.into()),
            population: rng.chance(90).then(|| Population {
                value: 500 + rng.below(2_000_000),
                year: Some(2020),
                source: "synthetic".into(),
                note: None,
            }),
            location: None,
            parents: Vec::new(),
            summary: "Synthetic place for benchmarks.".into(),
            partners: Vec::new(),
            sources: vec![SourceGroup {
                topic: "Synthetic".into(),
                sources: vec!["synthetic".into()],
            }],
        });
        for (tactic, _) in TACTICS {
            // Most places arrest buyers; far fewer use the other tactics (as in the real data).
            let used_percent = match tactic {
                "buyer-arrests" => 80,
                "reverse-stings" => 30,
                "web-stings" | "identity-disclosure" => 12,
                _ => 4,
            };
            let roll = rng.below(100);
            if roll < used_percent {
                let dated = rng.chance(70);
                let first = 2000 + rng.below(24) as i32;
                uses.push(TacticUse {
                    place: id.clone(),
                    tactic: tactic.into(),
                    status: UseStatus::Used,
                    first_year: dated.then_some(first),
                    last_year: dated.then(|| first + rng.below(3) as i32),
                    years: Vec::new(),
                    checked: None,
                    search: None,
                    sources: vec!["synthetic".into()],
                    note: None,
                });
            } else if roll < used_percent + 3 {
                uses.push(TacticUse {
                    place: id.clone(),
                    tactic: tactic.into(),
                    status: UseStatus::NotFound,
                    first_year: None,
                    last_year: None,
                    years: Vec::new(),
                    checked: Some("2026-11-01".into()),
                    search: Some("synthetic-search".into()),
                    sources: Vec::new(),
                    note: None,
                });
            }
        }
        if i % 10 == 0 {
            let mut value = rng.below(50);
            let mut observations = Vec::new();
            for period in 2012..=2025 {
                if rng.chance(85) {
                    value += rng.below(20);
                    observations.push(Observation {
                        period,
                        value,
                        source: "synthetic".into(),
                        note: None,
                    });
                }
            }
            series.push(Series {
                id: format!("{id}-cases"),
                name: format!("Synthetic cases, place {i}"),
                unit: "cases".into(),
                place: id.clone(),
                fiscal_year: false,
                definition: "Synthetic counts.".into(),
                caveats: Vec::new(),
                observations,
            });
        }
        if i % 7 == 0 {
            events.push(Event {
                id: format!("{id}-event"),
                date_basis: None,
                date: format!("{}-0{}", 2010 + rng.below(15), 1 + rng.below(9)),
                kind: EventKind::Sting,
                place: id.clone(),
                title: "Synthetic sting".into(),
                description: "Synthetic event for benchmarks.".into(),
                tactics: vec!["reverse-stings".into()],
                arrests: Some(rng.below(30)),
                sources: vec!["synthetic".into()],
            });
        }
    }
    Dataset {
        meta: Meta {
            title: format!("SYNTHETIC benchmark dataset, {places} places (not real data)"),
            version: format!("synthetic-{seed}"),
            as_of: "2026-11-22".into(),
            licence: "CC0".into(),
            citation: "Synthetic data generated by tactics-explorer; not for citation.".into(),
            publisher: "tactics-explorer".into(),
            exit_url: "https://www.weather.gov/".into(),
            notes: Some("Random figures for performance tests only.".into()),
        },
        sources: vec![source],
        tactics,
        jurisdictions,
        uses,
        series,
        events,
        resources: tactics_core::model::dataset::built_in_resources(),
        searches: vec![Search {
            id: "synthetic-search".into(),
            title: "Synthetic search (not real)".into(),
            method: "None: generated for benchmarks.".into(),
            date: "2026-11-01".into(),
            result: None,
        }],
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let places = args.next().and_then(|a| a.parse().ok()).unwrap_or(3000);
    let seed = args.next().and_then(|a| a.parse().ok()).unwrap_or(42);
    match serde_json::to_string(&generate(places, seed)) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("synthetic: {e}");
            std::process::exit(1);
        }
    }
}
