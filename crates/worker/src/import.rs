//! "Use your own data" and the downloads, off the main thread: the person's files read and
//! checked by the spreadsheet core, their problems grouped for the page, and the dataset or the
//! matrix view written as files. Pure, tested natively; `requests.rs` wires it to messages.

use tactics_core::dataset::{Dataset, Index};
use tactics_core::text::escape;
use tactics_core::url_state;
use tactics_core::validate::Severity;
use tactics_sheets::{NamedFile, Problem};

/// A file as the page read it.
#[derive(Debug, Clone)]
pub struct FileIn {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// One problem as the page lists it: where (file, row, column or line) and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct Listed {
    pub place: String,
    pub message: String,
}

/// The problems of one file and one kind (errors or notices), listed together.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub file: String,
    pub errors: bool,
    pub problems: Vec<Listed>,
}

/// What the files gave: the dataset (if anything can be shown), its JSON to publish, and the
/// problems grouped by file and kind.
#[derive(Debug, Clone)]
pub struct Opened {
    pub dataset: Option<Dataset>,
    pub json: Option<String>,
    pub groups: Vec<Group>,
    pub errors: usize,
    pub unlisted: usize,
}

/// Reads the chosen files (a dataset JSON, or CSV files in any order) with the same checks as
/// the command line; entries with problems are left out.
pub fn open(files: &[FileIn], max_year: i32) -> Opened {
    let named: Vec<NamedFile<'_>> = files
        .iter()
        .map(|f| NamedFile {
            name: &f.name,
            bytes: &f.bytes,
        })
        .collect();
    let imported = tactics_sheets::open(&named, max_year);
    Opened {
        errors: imported.errors(),
        json: imported.dataset.as_ref().map(tactics_sheets::normalise),
        dataset: imported.dataset,
        groups: group(&imported.problems),
        unlisted: imported.unlisted,
    }
}

/// Problems grouped by file (in the order first met), errors before notices.
pub fn group(problems: &[Problem]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for errors in [true, false] {
        for p in problems
            .iter()
            .filter(|p| (p.severity == Severity::Error) == errors)
        {
            let listed = Listed {
                place: p.place(),
                message: p.message.clone(),
            };
            match groups
                .iter_mut()
                .find(|g| g.file == p.file && g.errors == errors)
            {
                Some(g) => g.problems.push(listed),
                None => groups.push(Group {
                    file: p.file.clone(),
                    errors,
                    problems: vec![listed],
                }),
            }
        }
    }
    groups
}

/// More problems than this and each file's list starts closed.
const OPEN_UP_TO: usize = 10;

/// The outcome line and every problem as escaped HTML for the panel: one collapsible group per
/// file and kind (closed when there are many), each entry "where: what to do". Built here so
/// the list's code stays out of the first load.
pub fn report_html(opened: &Opened, files: usize) -> String {
    let outcome = match (&opened.dataset, opened.errors) {
        (None, _) => {
            "Nothing can be shown: the files have errors that leave no dataset; see below."
                .to_string()
        }
        (Some(_), 0) => "Your data is shown below, with no errors.".to_string(),
        (Some(_), n) => format!(
            "Your data is shown below; {n} error(s) were found and those entries are left out."
        ),
    };
    let mut out = format!("<p class=\"import-status\" data-testid=\"import-outcome\">{files} file(s) read. {outcome}</p>");
    let total: usize = opened.groups.iter().map(|g| g.problems.len()).sum();
    let open = if total <= OPEN_UP_TO { " open" } else { "" };
    out.push_str("<div class=\"import-problems\" data-testid=\"import-problems\">");
    for g in &opened.groups {
        let (class, kind) = if g.errors {
            (" errors", "error(s)")
        } else {
            ("", "notice(s)")
        };
        out.push_str(&format!(
            "<details class=\"import-group{class}\"{open}><summary>{}: {} {kind}</summary><ul>",
            escape(&g.file),
            g.problems.len()
        ));
        for p in &g.problems {
            out.push_str(&format!(
                "<li><span class=\"where\">{}</span>: {}</li>",
                escape(&p.place),
                escape(&p.message)
            ));
        }
        out.push_str("</ul></details>");
    }
    if opened.unlisted > 0 {
        out.push_str(&format!(
            "<p>… and {} more problems not listed.</p>",
            opened.unlisted
        ));
    }
    out.push_str("</div>");
    out
}

/// The CSV files of the dataset as one zip; Err says why there is none.
pub fn csv_zip(ds: &Dataset) -> Result<Vec<u8>, String> {
    let exported = tactics_sheets::export(ds);
    if let Some(first) = exported.problems.first() {
        return Err(format!(
            "The dataset cannot be written as CSV files without changing it: {first}"
        ));
    }
    tactics_sheets::zip::archive(&exported.files)
        .ok_or_else(|| "The CSV files are too large for one zip file.".to_string())
}

/// The matrix as shown: `ids` are the visible places in their order, `query` the page's URL
/// state (its filter decides which uses count in the chosen years), `url` the view's address.
/// Unknown ids are skipped.
pub fn view_csv(ds: &Dataset, index: &Index, ids: &[String], query: &str, url: &str) -> String {
    let (view, _) = url_state::parse(query);
    let rows: Vec<usize> = ids
        .iter()
        .filter_map(|id| index.place_pos.get(id).copied())
        .collect();
    tactics_sheets::matrix_csv(ds, index, &view.filter, &rows, url)
}
