//! "Use your own data" and the downloads, off the main thread: the person's files read and
//! checked by the spreadsheet core, their problems grouped for the page, and the dataset or the
//! matrix view written as files. Pure, tested natively; `requests.rs` wires it to messages.

use tactics_core::markup::text::escape;
use tactics_core::model::dataset::{Dataset, Index};
use tactics_core::model::validate::Severity;
use tactics_core::query::url_state;
use tactics_sheets::{LeftOut, NamedFile, Problem};

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
    /// What can be shown: None when nothing can (no dataset, or one with no place).
    pub dataset: Option<Dataset>,
    /// The dataset's JSON, for the preview. Offered as a download to publish only when
    /// [`Opened::publishable`].
    pub json: Option<String>,
    pub groups: Vec<Group>,
    pub errors: usize,
    pub unlisted: usize,
    /// What the files hold that the preview lacks or has in part, named.
    pub left_out: Vec<LeftOut>,
    /// Files that could not be read at all.
    pub unread: Vec<String>,
    /// Every problem and everything left out, as plain text: the download offered instead of
    /// the dataset while there are errors.
    pub fixes: String,
}

impl Opened {
    /// Whether the dataset passes the page's own checks, so that it may be offered to publish
    /// (reading the file it gives back again finds no error).
    pub fn publishable(&self) -> bool {
        self.errors == 0 && self.dataset.is_some()
    }
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
    let mut imported = tactics_sheets::open(&named, max_year);
    // A dataset with no place would show an empty table as if it were the data.
    let dataset = imported
        .dataset
        .take()
        .filter(|ds| !ds.jurisdictions.is_empty());
    let mut opened = Opened {
        errors: imported.errors(),
        json: dataset.as_ref().map(tactics_sheets::normalise),
        dataset,
        groups: group(&imported.problems),
        unlisted: imported.unlisted,
        left_out: std::mem::take(&mut imported.left_out),
        unread: std::mem::take(&mut imported.unread),
        fixes: String::new(),
    };
    opened.fixes = fixes_text(&imported.problems, &opened);
    opened
}

/// The fix list: every problem as "file, row, column: error: what to do", then what is left
/// out, as a plain text file.
fn fixes_text(problems: &[Problem], opened: &Opened) -> String {
    let mut out = format!(
        "Problems to fix before this dataset can be published ({} error(s)).\n\
         This is not a dataset: fix these rows in your files and choose them again.\n\n",
        opened.errors
    );
    for p in problems {
        out.push_str(&p.to_string());
        out.push('\n');
    }
    if opened.unlisted > 0 {
        out.push_str(&format!(
            "… and {} more problems not listed.\n",
            opened.unlisted
        ));
    }
    if !opened.left_out.is_empty() {
        out.push_str("\nLeft out of the preview, or shown in part, because of these problems:\n");
        for l in &opened.left_out {
            out.push_str(&format!("- {}\n", left_out_words(l)));
        }
    }
    out
}

/// One entry left out ("place “United States” (…) is left out, with its 5 source links") or
/// shown in part.
fn left_out_words(l: &LeftOut) -> String {
    let verb = if l.kept {
        "is shown in part"
    } else {
        "is left out"
    };
    if l.with.is_empty() {
        format!("{} {verb}", l.what)
    } else {
        format!("{} {verb}: {}", l.what, l.with)
    }
}

/// "1 place, 1 series and 2 events": the entries left out, counted by kind.
fn left_out_counts(left: &[LeftOut]) -> String {
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for l in left.iter().filter(|l| !l.kept) {
        match kinds.iter_mut().find(|(k, _)| *k == l.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((l.kind, 1)),
        }
    }
    let words: Vec<String> = kinds
        .iter()
        .map(|(k, n)| match (*n, *k) {
            (1, k) => format!("1 {k}"),
            (n, "series") => format!("{n} series"),
            (n, k) => format!("{n} {k}s"),
        })
        .collect();
    match words.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
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
    let unread = opened.unread.join(", ");
    let counts = left_out_counts(&opened.left_out);
    let outcome = match (&opened.dataset, opened.errors) {
        (None, _) if !unread.is_empty() => format!(
            "Nothing can be shown: {unread} could not be read (the first message below says why), so no place can be shown."
        ),
        (None, _) => {
            "Nothing can be shown: the files have errors that leave no place to show; see below."
                .to_string()
        }
        (Some(_), 0) => "Your data is shown below, with no errors.".to_string(),
        (Some(_), n) if !unread.is_empty() => format!(
            "{unread} could not be read (the first message below says why); the rest is shown below, without what depends on it. {n} error(s) to fix."
        ),
        (Some(_), n) if counts.is_empty() => format!(
            "Your data is shown below without the rows that have errors: {n} error(s) to fix."
        ),
        (Some(_), n) => format!(
            "Your data is shown below without {counts} (listed below): {n} error(s) to fix."
        ),
    };
    let mut out = format!(
        "<p class=\"import-status\" data-testid=\"import-outcome\">{files} file(s) read. {}</p>",
        escape(&outcome)
    );
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
    if !opened.left_out.is_empty() && !opened.unread.is_empty() {
        // A file that could not be read leaves out whatever names its entries: counted, as
        // consequences, not listed one by one.
        out.push_str(&format!(
            "<p class=\"left-out\" data-testid=\"import-left-out\">Left out as a consequence: {}.</p>",
            escape(&left_out_counts(&opened.left_out))
        ));
    } else if !opened.left_out.is_empty() {
        let open = if opened.left_out.len() <= OPEN_UP_TO {
            " open"
        } else {
            ""
        };
        out.push_str(&format!(
            "<details class=\"import-group left-out\" data-testid=\"import-left-out\"{open}><summary>Left out of the preview, or shown in part: {}</summary><ul>",
            opened.left_out.len()
        ));
        for l in &opened.left_out {
            out.push_str(&format!("<li>{}</li>", escape(&left_out_words(l))));
        }
        out.push_str("</ul></details>");
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
