//! The messages between the app and its lazily loaded worker (`crates/worker`), typed, in one
//! place that both sides use. The app sends [`ToWorker`]: a request id and a [`Request`]. The
//! worker answers with [`FromWorker`]: [`FromWorker::Ready`] once, when it listens, then one
//! [`FromWorker::Reply`] a request, with the same id and the [`Reply`] or the sentence that says
//! why there is none.
//!
//! **On the wire** a message is a JS array: first the envelope as JSON text, then its *parts*,
//! the large things, which cross as they are. A request's parts are `Blob`s (the dataset file
//! the app fetched, the files a visitor chose to import): a structured clone passes a `Blob` by
//! reference, so its bytes are neither copied on the main thread nor turned into JSON arrays of
//! numbers, and the worker reads them. A reply's part is a file the app saves (a JS string, or
//! the zip's `ArrayBuffer`, transferred), which never passes through the app's wasm memory, or
//! a dataset's normalised JSON (import and problems replies) as a JS string, which the app
//! reads as it is: inside the envelope it would be escaped and read once more, which for
//! 30,000 places (18.6 MB) cost about 100 ms natively (docs/PERFORMANCE.md). The envelope says
//! how many parts go with it ([`Request::parts`], [`Reply::parts`]), and reading checks that
//! they came.
//!
//! **Why JSON text**: serde_json is already in both modules, and one derive on each type
//! replaces the `Reflect` getters and setters that each side wrote key by key;
//! serde-wasm-bindgen, which would read and write JS objects directly, is not in the lockfile
//! and cannot be fetched here. What goes in the text is small: a chart or map request (a map
//! request lists every place, 8 KB for the bundled 306, 0.7 MB for 30,000, places as short
//! arrays), a reply's HTML and SVG, problem lists of at most 500.
//!
//! **Reading never panics**: a text that is not an envelope, an unknown operation, a field
//! missing or of the wrong type, or parts that do not match give [`Refused`], with the
//! message's id when it can be read and a sentence that says what was wrong; the worker
//! answers it as an error reply.

use crate::markup::map_marks::PlaceMark;
use crate::model::dataset::Dataset;
use crate::model::validate::Problem;
use serde::{Deserialize, Serialize};

/// A request from the app, with the id its reply will carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToWorker {
    pub id: u32,
    pub request: Request,
}

/// What the app asks the worker for. Each kind names the [`Reply`] it is answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Request {
    /// Load the dataset at `url` (absolute, same origin): from part 0, the `Blob` the app
    /// fetched from there, when `file`; else the worker fetches it. Answered at once with
    /// [`Reply::Done`]; the requests after it wait for the load.
    Data { url: String, file: bool },
    /// Nothing but to start the module ahead of need ("Use your own data" opened): `Done`.
    Start,
    /// The chart panels of the current dataset: [`Reply::Charts`].
    Charts(ChartsRequest),
    /// The map of the current dataset: [`Reply::Map`].
    Map(MapRequest),
    /// The visitor's files, read and checked (part `i` is the `Blob` of `names[i]`); what can be
    /// shown becomes the worker's dataset: [`Reply::Import`]. `max_year` is the latest year a
    /// date may have.
    Import { names: Vec<String>, max_year: i32 },
    /// The current dataset as a file to publish: [`Reply::File`].
    Export { format: ExportFormat },
    /// The matrix as shown, as CSV: `ids` the visible places in order, `query` the view's URL
    /// state, `url` the view's address: [`Reply::File`].
    ViewCsv {
        ids: Vec<String>,
        query: String,
        url: String,
    },
    /// The located problems of the dataset of the last `Data` request: [`Reply::Problems`].
    Problems,
}

/// What a chart request asks for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ChartsRequest {
    /// Series ids; unknown ids are skipped.
    pub series: Vec<String>,
    /// The filter's tactics (the events drawn on the charts).
    pub tactics: Vec<String>,
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub narrow: bool,
    pub dark: bool,
    /// Bars instead of lines.
    pub bars: bool,
}

/// What a map request asks for: what the matrix shows for every place; the worker joins it with
/// its own copy of the dataset.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapRequest {
    pub places: Vec<PlaceEntry>,
    /// The geometry folder's address (absolute, ending in `/`).
    pub geo: String,
    /// How many tactics the filter checks.
    pub checked: u8,
    /// Whether a place must use all of them (else any).
    pub all: bool,
    pub dark: bool,
    /// The map's width in CSS pixels; None (or not a positive number) draws it 800 wide.
    pub width: Option<f64>,
    /// A zoomed or panned view `[x, y, w, h]` (see [`view_box`]); None fits the map.
    pub view: Option<[f64; 4]>,
}

/// One place as the app sees it under the current filter. On the wire a short array
/// `[id, matched, used, checked_used]`, as the map request lists every place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "EntryWire", into = "EntryWire")]
pub struct PlaceEntry {
    pub id: String,
    pub matched: bool,
    pub used: u8,
    pub checked_used: u8,
}

type EntryWire = (String, bool, u8, u8);

impl From<EntryWire> for PlaceEntry {
    fn from((id, matched, used, checked_used): EntryWire) -> Self {
        PlaceEntry {
            id,
            matched,
            used,
            checked_used,
        }
    }
}

impl From<PlaceEntry> for EntryWire {
    fn from(e: PlaceEntry) -> Self {
        (e.id, e.matched, e.used, e.checked_used)
    }
}

/// The app's side of a map request: the entries for `marks` (from
/// [`crate::markup::map_marks::place_marks`]); counts above 255 are sent as 255.
pub fn entries(ds: &Dataset, marks: &[PlaceMark]) -> Vec<PlaceEntry> {
    let small = |n: usize| u8::try_from(n).unwrap_or(u8::MAX);
    marks
        .iter()
        .filter_map(|m| {
            Some(PlaceEntry {
                id: ds.jurisdictions.get(m.pos)?.id.clone(),
                matched: m.matched,
                used: small(m.used),
                checked_used: small(m.checked_used),
            })
        })
        .collect()
}

/// `[x, y, w, h]` when every number is finite and the size positive, else None. JSON has no
/// NaN (it would be written as `null` and refused), so both sides send only boxes that pass.
pub fn view_box(v: [f64; 4]) -> Option<[f64; 4]> {
    let [_, _, w, h] = v;
    (v.iter().all(|n| n.is_finite()) && w > 0.0 && h > 0.0).then_some(v)
}

/// The file an export request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    /// The dataset as normalised JSON, to publish.
    Json,
    /// The dataset as CSV files in one zip.
    Zip,
}

/// A message from the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FromWorker {
    /// The worker listens (messages posted before it ran were lost: the app waits for this).
    Ready,
    /// The answer to request `id`: what it asked for, or why it could not be done.
    Reply {
        id: u32,
        reply: Result<Reply, String>,
    },
}

/// The worker's answer to a [`Request`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reply {
    /// Done, nothing to give (`Data`, `Start`).
    Done,
    /// One panel per series asked for, in the dataset's order.
    Charts {
        panels: Vec<Panel>,
    },
    Map(MapReply),
    /// With part 0, a JS string, when [`ImportReply::dataset`].
    Import(ImportReply),
    /// A file to save, in part 0: a JS string (JSON, CSV) or an `ArrayBuffer` (zip).
    File,
    /// With part 0, a JS string, when [`ProblemsReply::dataset`].
    Problems(ProblemsReply),
}

/// One chart panel: its markup and its downloads.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Panel {
    /// The panel as escaped HTML (chart, words, data table).
    pub html: String,
    pub svg: String,
    pub csv: String,
    /// The downloads' file name, without extension.
    pub file: String,
}

/// The map as drawn.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MapReply {
    pub svg: String,
    pub summary: String,
    /// The place ids of the marks in keyboard order.
    pub order: Vec<String>,
    /// The places without a location, as escaped HTML (empty when all are on the map).
    pub not_on_map: String,
    /// The view box the map was fitted to.
    pub fitted: Option<[f64; 4]>,
}

/// What the visitor's files gave.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReply {
    /// The outcome line and every problem, as escaped HTML.
    pub html: String,
    /// Whether the dataset passed the page's checks and may be offered to publish.
    pub publishable: bool,
    /// The list of problems to fix (a plain text file) when it may not.
    pub fixes: Option<String>,
    /// Whether anything can be shown: then part 0 is it, as normalised dataset JSON.
    pub dataset: bool,
}

/// The located problems of a dataset the app's fast path refused.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ProblemsReply {
    pub problems: Vec<Problem>,
    /// How many more problems were found and not listed.
    pub unlisted: usize,
    /// Whether anything can still be shown: then part 0 is it, as normalised dataset JSON.
    pub dataset: bool,
}

/// A message that could not be read: the id it carries (0 when even that cannot be read) and
/// what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub id: u32,
    pub message: String,
}

impl Request {
    /// The operation's name on the wire, for messages.
    pub fn op(&self) -> &'static str {
        match self {
            Request::Data { .. } => "data",
            Request::Start => "start",
            Request::Charts(_) => "charts",
            Request::Map(_) => "map",
            Request::Import { .. } => "import",
            Request::Export { .. } => "export",
            Request::ViewCsv { .. } => "view-csv",
            Request::Problems => "problems",
        }
    }

    /// How many parts go with the request.
    pub fn parts(&self) -> usize {
        match self {
            Request::Data { file, .. } => usize::from(*file),
            Request::Import { names, .. } => names.len(),
            _ => 0,
        }
    }
}

impl Reply {
    /// The reply's name on the wire, for messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Reply::Done => "done",
            Reply::Charts { .. } => "charts",
            Reply::Map(_) => "map",
            Reply::Import(_) => "import",
            Reply::File => "file",
            Reply::Problems(_) => "problems",
        }
    }

    /// How many parts go with the reply.
    pub fn parts(&self) -> usize {
        match self {
            Reply::File => 1,
            Reply::Import(r) => usize::from(r.dataset),
            Reply::Problems(r) => usize::from(r.dataset),
            _ => 0,
        }
    }
}

impl ToWorker {
    /// The envelope's text.
    pub fn encode(&self) -> Result<String, String> {
        serde_json::to_string(self).map_err(|e| format!("The request could not be written: {e}."))
    }

    /// Reads a request's envelope that came with `parts` parts.
    pub fn decode(text: &str, parts: usize) -> Result<ToWorker, Refused> {
        let message: ToWorker = serde_json::from_str(text).map_err(|e| Refused {
            id: serde_json::from_str::<IdOf>(text).map_or(0, |m| m.id),
            message: format!("The module could not read the request: {e}."),
        })?;
        let wanted = message.request.parts();
        if parts != wanted {
            return Err(Refused {
                id: message.id,
                message: format!(
                    "The “{}” request came with {parts} file(s) where it names {wanted}.",
                    message.request.op()
                ),
            });
        }
        Ok(message)
    }
}

impl FromWorker {
    /// The envelope's text. A reply that cannot be written becomes an error reply that says so.
    pub fn encode(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| {
            let id = match self {
                FromWorker::Reply { id, .. } => *id,
                FromWorker::Ready => 0,
            };
            let failed = FromWorker::Reply {
                id,
                reply: Err(format!("The module could not write its reply: {e}.")),
            };
            serde_json::to_string(&failed).unwrap_or_default()
        })
    }

    /// Reads a message of the worker's that came with `parts` parts.
    pub fn decode(text: &str, parts: usize) -> Result<FromWorker, Refused> {
        let message: FromWorker = serde_json::from_str(text).map_err(|e| Refused {
            id: serde_json::from_str::<ReplyIdOf>(text).map_or(0, |m| m.reply.id),
            message: format!("The module's reply could not be read: {e}."),
        })?;
        if let FromWorker::Reply { id, reply: Ok(r) } = &message {
            if parts != r.parts() {
                return Err(Refused {
                    id: *id,
                    message: format!(
                        "The module's “{}” reply came with {parts} file(s) where it names {}.",
                        r.kind(),
                        r.parts()
                    ),
                });
            }
        }
        Ok(message)
    }
}

/// Just the id of a request that could not be read as a whole.
#[derive(Deserialize)]
struct IdOf {
    id: u32,
}

/// Just the id of a reply that could not be read as a whole.
#[derive(Deserialize)]
struct ReplyIdOf {
    reply: IdOf,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::Severity;

    fn round_trip(request: Request) {
        let parts = request.parts();
        let sent = ToWorker { id: 7, request };
        let text = sent.encode().unwrap_or_default();
        assert_eq!(ToWorker::decode(&text, parts), Ok(sent), "{text}");
    }

    #[test]
    fn every_request_kind_reads_back_as_written() {
        round_trip(Request::Data {
            url: "https://example.org/data/dataset.json".into(),
            file: true,
        });
        round_trip(Request::Data {
            url: "https://example.org/d.json".into(),
            file: false,
        });
        round_trip(Request::Start);
        round_trip(Request::Charts(ChartsRequest {
            series: vec!["mt-cases".into(), "us-cases".into()],
            tactics: vec!["reverse-sting".into()],
            from: Some(2010),
            to: None,
            narrow: true,
            dark: false,
            bars: true,
        }));
        round_trip(Request::Map(MapRequest {
            places: vec![PlaceEntry {
                id: "missoula-mt".into(),
                matched: true,
                used: 4,
                checked_used: 1,
            }],
            geo: "https://example.org/geo/".into(),
            checked: 2,
            all: true,
            dark: true,
            width: Some(812.5),
            view: Some([1.0, -2.5, 300.0, 200.0]),
        }));
        round_trip(Request::Import {
            names: vec!["places.csv".into(), "uses “2024”.csv".into()],
            max_year: 2027,
        });
        round_trip(Request::Export {
            format: ExportFormat::Json,
        });
        round_trip(Request::Export {
            format: ExportFormat::Zip,
        });
        round_trip(Request::ViewCsv {
            ids: vec!["a".into(), "b".into()],
            query: "state=MT&q=\"x\"".into(),
            url: "https://example.org/?state=MT".into(),
        });
        round_trip(Request::Problems);
    }

    #[test]
    fn every_reply_kind_reads_back_as_written() {
        let replies = [
            Ok(Reply::Done),
            Ok(Reply::Charts {
                panels: vec![Panel {
                    html: "<figure>\"a\" &amp; b</figure>".into(),
                    svg: "<svg/>".into(),
                    csv: "year,cases\n2020,3\n".into(),
                    file: "mt-cases".into(),
                }],
            }),
            Ok(Reply::Map(MapReply {
                svg: "<svg/>".into(),
                summary: "12 places".into(),
                order: vec!["a".into()],
                not_on_map: String::new(),
                fitted: Some([0.0, 0.0, 960.0, 600.0]),
            })),
            Ok(Reply::Import(ImportReply {
                html: "<p>ok</p>".into(),
                publishable: false,
                fixes: Some("fix this\n".into()),
                dataset: true,
            })),
            Ok(Reply::File),
            Ok(Reply::Problems(ProblemsReply {
                problems: vec![Problem {
                    severity: Severity::Notice,
                    path: "$.uses[3]".into(),
                    line: 12,
                    column: 5,
                    message: "A note.".into(),
                }],
                unlisted: 3,
                dataset: false,
            })),
            Err("The dataset could not be used.".to_string()),
        ];
        for reply in replies {
            let parts = reply.as_ref().map_or(0, Reply::parts);
            let sent = FromWorker::Reply { id: 3, reply };
            assert_eq!(FromWorker::decode(&sent.encode(), parts), Ok(sent));
        }
        let ready = FromWorker::Ready;
        assert_eq!(FromWorker::decode(&ready.encode(), 0), Ok(ready));
    }

    #[test]
    fn places_cross_as_short_arrays() {
        let request = Request::Map(MapRequest {
            places: vec![PlaceEntry {
                id: "x".into(),
                matched: false,
                used: 255,
                checked_used: 0,
            }],
            ..MapRequest::default()
        });
        let text = ToWorker { id: 1, request }.encode().unwrap_or_default();
        assert!(text.contains(r#""places":[["x",false,255,0]]"#), "{text}");
    }

    fn refused(text: &str, parts: usize) -> Refused {
        match ToWorker::decode(text, parts) {
            Ok(m) => panic!("{text} was read as {m:?}"),
            Err(r) => r,
        }
    }

    #[test]
    fn a_malformed_request_is_refused_with_what_was_wrong_and_its_id() {
        let r = refused(r#"{"id":4,"request":"frobnicate"}"#, 0);
        assert_eq!(r.id, 4);
        assert!(
            r.message.contains("unknown variant `frobnicate`"),
            "{}",
            r.message
        );
        assert!(
            r.message.contains("`charts`"),
            "names the known ones: {}",
            r.message
        );

        let r = refused(r#"{"id":5,"request":{"export":{"format":"pdf"}}}"#, 0);
        assert_eq!(r.id, 5);
        assert!(r.message.contains("unknown variant `pdf`"), "{}", r.message);

        let r = refused(r#"{"id":6,"request":{"charts":{"series":"mt"}}}"#, 0);
        assert_eq!(r.id, 6);
        assert!(r.message.contains("invalid type: string"), "{}", r.message);

        let r = refused(r#"{"id":8,"request":{"data":{"file":true}}}"#, 1);
        assert!(r.message.contains("missing field `url`"), "{}", r.message);

        let r = refused("not json", 0);
        assert_eq!(r.id, 0, "no id to be read");
        assert!(r
            .message
            .starts_with("The module could not read the request:"));

        let r = refused(r#"{"request":"start"}"#, 0);
        assert_eq!(r.id, 0);
        assert!(r.message.contains("missing field `id`"), "{}", r.message);

        let r = refused(r#"{"id":-1,"request":"start"}"#, 0);
        assert_eq!(r.id, 0);
    }

    #[test]
    fn parts_must_match_what_the_envelope_names() {
        let r = refused(
            r#"{"id":9,"request":{"import":{"names":["a.csv","b.csv"],"max_year":2027}}}"#,
            1,
        );
        assert_eq!(r.id, 9);
        assert_eq!(
            r.message,
            "The “import” request came with 1 file(s) where it names 2."
        );
        let r = refused(r#"{"id":2,"request":"start"}"#, 1);
        assert!(r.message.contains("“start”"), "{}", r.message);

        let text = FromWorker::Reply {
            id: 11,
            reply: Ok(Reply::File),
        }
        .encode();
        assert_eq!(
            FromWorker::decode(&text, 0),
            Err(Refused {
                id: 11,
                message: "The module's “file” reply came with 0 file(s) where it names 1.".into()
            })
        );
        let import = |dataset| FromWorker::Reply {
            id: 12,
            reply: Ok(Reply::Import(ImportReply {
                dataset,
                ..ImportReply::default()
            })),
        };
        assert!(FromWorker::decode(&import(true).encode(), 0).is_err());
        assert!(FromWorker::decode(&import(false).encode(), 1).is_err());
        assert_eq!(
            FromWorker::decode(&import(true).encode(), 1),
            Ok(import(true))
        );
    }

    #[test]
    fn a_malformed_reply_is_refused_with_its_id_when_it_has_one() {
        let r = FromWorker::decode(r#"{"reply":{"id":12,"reply":{"Ok":"sideways"}}}"#, 0);
        match r {
            Err(r) => {
                assert_eq!(r.id, 12);
                assert!(
                    r.message.contains("unknown variant `sideways`"),
                    "{}",
                    r.message
                );
            }
            Ok(m) => panic!("read as {m:?}"),
        }
        assert!(matches!(
            FromWorker::decode("[]", 0),
            Err(Refused { id: 0, .. })
        ));
    }

    #[test]
    fn only_finite_positive_boxes_are_sent() {
        assert_eq!(view_box([1.0, 2.0, 3.0, 4.0]), Some([1.0, 2.0, 3.0, 4.0]));
        assert_eq!(view_box([f64::NAN, 2.0, 3.0, 4.0]), None);
        assert_eq!(view_box([1.0, 2.0, 0.0, 4.0]), None);
        assert_eq!(view_box([1.0, 2.0, 3.0, f64::INFINITY]), None);
    }

    #[test]
    fn a_width_that_is_not_a_number_reads_as_none() {
        let request = Request::Map(MapRequest {
            width: Some(f64::NAN),
            ..MapRequest::default()
        });
        let text = ToWorker { id: 1, request }.encode().unwrap_or_default();
        match ToWorker::decode(&text, 0).map(|m| m.request) {
            Ok(Request::Map(m)) => assert_eq!(m.width, None),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn entries_cap_counts_and_skip_unknown_positions() {
        let ds = crate::small_fixture();
        let marks = [
            PlaceMark {
                pos: 0,
                matched: true,
                used: 300,
                checked_used: 2,
            },
            PlaceMark {
                pos: 9999,
                matched: true,
                used: 1,
                checked_used: 0,
            },
        ];
        let e = entries(&ds, &marks);
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id, ds.jurisdictions[0].id);
        assert_eq!((e[0].used, e[0].checked_used), (255, 2));
    }
}
