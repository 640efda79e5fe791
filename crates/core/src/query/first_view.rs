//! What the prerendered first view shows for a view state, before the Leptos app is loaded.
//!
//! The first load is the prerendered default view plus a small module without Leptos
//! (`crates/first-view`) that answers the matrix's own controls: filters, search, chips,
//! sorting and pages. Everything it writes into the page comes from here, as plain data and
//! escaped HTML, from the same builders as the app's (`rows`, `chips`, `filter_panel`), so the
//! two show the same rows for the same URL. Anything else (a profile, a cell's sources, the
//! map, charts for another filter) loads the app, which reads the same URL.

use crate::markup::chips::{self, Chip};
use crate::markup::rows::{self, Page, RowHtml, PAGE_SIZE};
use crate::model::dataset::Dataset;
use crate::model::lookup::Index;
use crate::model::part_wire::Wire;
use crate::query::filter::{self, Dir, Filter, SortKey};
use crate::query::url_state::{self, ViewState};

/// Whether the first-view module can show `query` itself: only the matrix's own state
/// (filters, search, order). A place, the map, charts, embedding, another dataset or a theme
/// need the app.
pub fn handles(query: &str) -> bool {
    shows(query, false)
}

/// Whether the first view for `?data=` files (the `tactics-data-view` module) can show
/// `query`: a `data=` file and the matrix's own state, nothing else.
pub fn handles_file(query: &str) -> bool {
    shows(query, true)
}

/// The URL gate, once the data is read: `query` is the first view's kind of URL ([`handles`],
/// or [`handles_file`] for a `?data=` file) and names nothing `ds` lacks. Whatever fails it is
/// the app's to show, with its notices (a search cut, an unknown state...), which come from the
/// same `url_state` functions.
pub fn may_show(query: &str, file: bool, ds: &Dataset) -> bool {
    shows(query, file) && url_state::unknown_in_dataset(&url_state::parse(query).0, ds).is_empty()
}

fn shows(query: &str, with_file: bool) -> bool {
    // Any notice (a value ignored, a search cut) is the app's to show.
    let (view, notices) = url_state::parse(query);
    if with_file != view.data.is_some() {
        return false;
    }
    notices.is_empty()
        && ViewState {
            filter: Default::default(),
            sort: SortKey::Name,
            dir: Dir::Asc,
            data: None,
            ..view
        } == ViewState::default()
}

/// Everything of the matrix section that depends on the view state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The `<tr>`s of the shown page.
    pub rows: Vec<RowHtml>,
    /// "n of m places".
    pub count: String,
    pub caption: String,
    /// `aria-rowcount` of the table: header, rows, two footer rows.
    pub row_count: usize,
    /// Places using each tactic in this view, in the dataset's tactic order.
    pub totals: Vec<usize>,
    pub chips: Vec<Chip>,
    pub chips_html: String,
    /// The page shown (0-based, clamped) and how many there are (at least 1).
    pub page: usize,
    pub pages: usize,
    /// The sorted column and direction.
    pub sorted: (SortKey, Dir),
}

impl Frame {
    /// How many places the view shows (on all its pages).
    pub fn shown(&self) -> usize {
        self.row_count - rows::aria_rowcount(0)
    }
}

/// The frame for `view`, showing page `page` (clamped to the last page).
pub fn frame(ds: &Dataset, index: &Index, view: &ViewState, page: usize) -> Frame {
    let shown = filter::view(ds, index, &view.filter, &view.sort, view.dir);
    let n = shown.rows.len();
    let pages = n.div_ceil(PAGE_SIZE).max(1);
    let page = page.min(pages - 1);
    let on_page: Vec<(usize, usize)> = shown
        .rows
        .iter()
        .copied()
        .enumerate()
        .skip(page * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    let rows = rows::page_rows(
        ds,
        index,
        &Page {
            rows: &on_page,
            filter: &view.filter,
        },
    );
    let chips = chips::chips(&view.filter, ds);
    Frame {
        rows,
        count: rows::count_text(
            n,
            ds.jurisdictions.len(),
            &filter::uncertain(ds, index, &view.filter, n),
        ),
        caption: rows::caption_text(&view.sort, view.dir),
        row_count: rows::aria_rowcount(n),
        totals: shown.totals,
        chips_html: chips::chips_html(&chips),
        chips,
        page,
        pages,
        sorted: (view.sort.clone(), view.dir),
    }
}

/// The order after a click on a column's sort button (`id` as in `data-sort`): the same column
/// flips its direction; another starts A to Z for names and most first for numbers and tactics.
/// `None` for an id that names no column.
pub fn next_order(sort: &SortKey, dir: Dir, id: &str) -> Option<(SortKey, Dir)> {
    let key = sort_key(id)?;
    if *sort == key {
        let flipped = match dir {
            Dir::Asc => Dir::Desc,
            Dir::Desc => Dir::Asc,
        };
        return Some((key, flipped));
    }
    let dir = if key == SortKey::Name {
        Dir::Asc
    } else {
        Dir::Desc
    };
    Some((key, dir))
}

fn sort_key(id: &str) -> Option<SortKey> {
    match id {
        "name" => Some(SortKey::Name),
        "population" => Some(SortKey::Population),
        "total" => Some(SortKey::Total),
        t if crate::model::dataset::TACTICS
            .iter()
            .any(|(tid, _)| *tid == t) =>
        {
            Some(SortKey::Tactic(t.to_string()))
        }
        _ => None,
    }
}

/// The part of a dataset the first view reads: what the matrix's rows, tooltips, filters and
/// chips show. The charts' series and events, the help's resources, the profile's texts and
/// the sources' titles and links are the app's, which reads the whole file; the national counts
/// are in the prerendered table already. (A native test checks that both give the same frames.)
pub fn matrix_part(ds: &Dataset) -> Dataset {
    Wire::of(ds).into_dataset()
}

/// The first view's data file: [`matrix_part`] in its compact form ([`crate::model::part_wire`]),
/// with the whole dataset's year bounds, which the part alone would narrow (they come from
/// series and events too).
pub fn part_json(ds: &Dataset) -> Result<String, serde_json::Error> {
    serde_json::to_string(&Wire::of(ds))
}

/// The first view's data file read back: the part, and the years the year fields accept. Its
/// own reader, so that the first-view module carries no code to read series, events or
/// resources (about 6 KB gzip). `None` for text that is not such a file.
pub fn read_part_file(text: &str) -> Option<(Dataset, (i32, i32))> {
    let wire: Wire = serde_json::from_str(text).ok()?;
    let years = wire.years;
    let ds = wire.into_dataset();
    let bounds = years.unwrap_or_else(|| crate::markup::filter_panel::year_bounds(&ds));
    Some((ds, bounds))
}

/// A whole dataset file (`?data=`) read as the app reads it, checks included, and the years
/// the year fields accept. `None` for a file with any problem: the app lists them. The text is
/// freed before the checks, as in the app, so wasm memory never holds it with their tables.
pub fn read_file(text: String, max_year: i32) -> Option<(Dataset, (i32, i32))> {
    let typed = crate::model::validate::typed(&text);
    drop(text);
    let ds = crate::model::validate::accept(typed?, max_year)?;
    let years = ds
        .year_bounds()
        .unwrap_or_else(|| crate::markup::filter_panel::year_bounds(&ds));
    Some((ds, years))
}

/// Whether the prerendered headline chart is still the chart of this filter: the charts follow
/// only the checked tactics (event markers) and the year range (`src/ui/charts.rs` asks the
/// worker for exactly these).
pub fn chart_is_default(f: &Filter) -> bool {
    f.tactics.is_empty() && f.from.is_none() && f.to.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (Dataset, Index) {
        let ds = crate::small_fixture();
        let index = ds.index();
        (ds, index)
    }

    #[test]
    fn handles_only_the_matrix_own_state() {
        assert!(handles(""));
        assert!(handles(
            "?tactics=john-school&match=all&q=miss&sort=total&dir=desc"
        ));
        assert!(handles("state=MT&kind=city&from=2015&to=2020"));
        let long = format!("q={}", "a".repeat(url_state::MAX_Q + 1));
        assert!(!handles(&long) && handles(&format!("q={}", "a".repeat(url_state::MAX_Q))));
        // The key is decoded as `url_state::parse` decodes it: `%71` is `q`, `%20` a space.
        let encoded = format!("?%71={}", "b".repeat(url_state::MAX_Q + 1));
        assert!(!handles(&encoded));
        assert!(!handles(&format!("?q={}", "a%20b".repeat(60))));
        // Each of the matrix's own keys alone is the first view's (the loader's pre-check).
        for (key, value) in url_state::MATRIX_KEYS.iter().zip([
            "john-school",
            "all",
            "miss",
            "MT",
            "city",
            "2015",
            "2020",
            "0",
            "1000-",
            "total",
            "desc",
        ]) {
            assert!(handles(&format!("{key}={value}")), "{key}={value}");
        }
        for other in [
            "place=missoula-mt",
            "view=map",
            "embed=1",
            "data=x.json",
            "theme=dark",
            "import=1",
            "series=a",
            "tactics=nonsense",
            // The compare view and its brief are the app's (issue 28).
            "compare=missoula-mt",
            "compare=missoula-mt&with=bozeman-mt",
            "tactics=john-school&compare=missoula-mt",
        ] {
            assert!(!handles(other), "{other}");
        }
    }

    #[test]
    fn the_file_view_handles_a_data_file_and_the_matrix_state_only() {
        assert!(handles_file("?data=data/other.json"));
        assert!(handles_file(
            "data=x.json&tactics=john-school&sort=total&dir=desc&q=mi"
        ));
        for other in [
            "",
            "tactics=john-school",
            "data=x.json&place=missoula-mt",
            "data=x.json&compare=missoula-mt",
            "data=x.json&view=map",
            "data=x.json&embed=1",
            "data=x.json&theme=dark",
            "data=x.json&tactics=nonsense",
        ] {
            assert!(!handles_file(other), "{other}");
        }
        let long = format!("data=x.json&q={}", "a".repeat(url_state::MAX_Q + 1));
        assert!(!handles_file(&long));
    }

    #[test]
    fn a_whole_file_reads_with_its_checks_and_its_years() {
        let (ds, _) = fixture();
        let text = serde_json::to_string(&ds).expect("json");
        let (read, years) = read_file(text, 2100).expect("a clean file reads");
        assert_eq!(read, ds);
        assert_eq!(Some(years), ds.year_bounds());
        // A file the checks refuse (a use of a place the file lacks) is the app's to explain.
        let mut bad = ds.clone();
        bad.uses[0].place = "nowhere-xx".into();
        let text = serde_json::to_string(&bad).expect("json");
        assert_eq!(read_file(text, 2100), None);
        assert_eq!(read_file("{".into(), 2100), None);
    }

    #[test]
    fn the_frame_shows_what_the_filter_and_order_select() {
        let (ds, index) = fixture();
        let mut view = ViewState::default();
        let all = frame(&ds, &index, &view, 0);
        let n = ds.jurisdictions.len();
        assert_eq!(all.count, format!("{n} of {n} places"));
        assert_eq!(all.row_count, n + 3);
        assert!(all.chips.is_empty() && all.chips_html.is_empty());
        assert_eq!(all.sorted, (SortKey::Name, Dir::Asc));
        let tactic = ds.tactics[0].id.clone();
        view.filter = Filter {
            tactics: vec![tactic.clone()],
            ..Filter::default()
        };
        let some = frame(&ds, &index, &view, 0);
        let expected = filter::view(&ds, &index, &view.filter, &view.sort, view.dir);
        assert_eq!(some.totals, expected.totals);
        assert_eq!(some.count, format!("{} of {n} places", expected.rows.len()));
        assert_eq!(some.chips.len(), 1);
        assert_eq!(some.rows.len(), expected.rows.len().min(PAGE_SIZE));
        for (i, (row, pos)) in some.rows.iter().zip(&expected.rows).enumerate() {
            let id = &ds.jurisdictions[*pos].id;
            assert_eq!(row.index, i + 2);
            assert!(row.rest.starts_with(&format!(" data-place=\"{id}\">")));
        }
    }

    #[test]
    fn the_chart_follows_tactics_and_years_only() {
        assert!(chart_is_default(&Filter::default()));
        let some = url_state::parse("q=miss&state=MT&kind=city&pop=1000-").0;
        assert!(chart_is_default(&some.filter));
        for q in ["tactics=john-school", "from=2019", "to=2020"] {
            assert!(!chart_is_default(&url_state::parse(q).0.filter), "{q}");
        }
    }

    #[test]
    fn the_part_reads_back_as_written() {
        let (ds, _) = fixture();
        let part = matrix_part(&ds);
        let json = part_json(&ds).expect("json");
        let read = |text: &str| read_part_file(text).map(|(ds, _)| ds);
        assert_eq!(read(&json), Some(part.clone()));
        // What the matrix reads is kept: places, their populations, uses and their years.
        assert_eq!(part.jurisdictions.len(), ds.jurisdictions.len());
        assert_eq!(part.uses.len(), ds.uses.len());
        for (a, b) in part.uses.iter().zip(&ds.uses) {
            assert_eq!(
                (&a.place, &a.tactic, a.status),
                (&b.place, &b.tactic, b.status)
            );
            assert_eq!(
                (a.first_year, a.last_year, &a.years),
                (b.first_year, b.last_year, &b.years)
            );
            assert_eq!(a.sources.len(), b.sources.len());
        }
        assert_eq!(read("{\"meta\": 1}"), None);
        assert_eq!(read(""), None);
    }

    #[test]
    fn names_the_dataset_lacks_are_the_app_s() {
        let (ds, _) = fixture();
        let known = format!("tactics={}", ds.tactics[0].id);
        assert!(may_show(&known, false, &ds));
        assert!(!may_show("state=ZZ", false, &ds));
        assert!(!may_show(&known, true, &ds), "a file's gate wants data=");
        assert!(may_show(&format!("data=x.json&{known}"), true, &ds));
        let long = format!("%71={}", "b".repeat(url_state::MAX_Q + 1));
        assert!(!may_show(&long, false, &ds));
    }

    #[test]
    fn the_file_keeps_the_whole_dataset_years() {
        let (ds, _) = fixture();
        let json = part_json(&ds).expect("json");
        let (part, years) = read_part_file(&json).expect("read");
        assert_eq!(part, matrix_part(&ds));
        assert_eq!(Some(years), ds.year_bounds());
        assert_eq!(read_part_file("[]"), None);
    }

    #[test]
    fn pages_are_clamped() {
        let (ds, index) = fixture();
        let f = frame(&ds, &index, &ViewState::default(), 99);
        assert_eq!((f.page, f.pages), (f.pages - 1, 1));
    }

    #[test]
    fn sorting_flips_the_same_column_and_starts_others_sensibly() {
        let t = crate::model::dataset::TACTICS[0].0;
        assert_eq!(
            next_order(&SortKey::Name, Dir::Asc, "name"),
            Some((SortKey::Name, Dir::Desc))
        );
        assert_eq!(
            next_order(&SortKey::Name, Dir::Asc, "total"),
            Some((SortKey::Total, Dir::Desc))
        );
        assert_eq!(
            next_order(&SortKey::Total, Dir::Desc, "name"),
            Some((SortKey::Name, Dir::Asc))
        );
        assert_eq!(
            next_order(&SortKey::Name, Dir::Asc, t),
            Some((SortKey::Tactic(t.to_string()), Dir::Desc))
        );
        assert_eq!(next_order(&SortKey::Name, Dir::Asc, "<script>"), None);
    }
}
