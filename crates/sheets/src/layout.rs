//! The CSV layout: which files exist and which columns each has. This is the one place that
//! lists them; reading, writing, the templates and docs/DATA.md all follow it. A new optional
//! field of the dataset is one more [`Column`] line here.

/// What a cell holds, and so how it is read and written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Any text; an empty cell means "not given".
    Text,
    /// A list of short texts (ids, names) joined by [`crate::SEPARATOR`].
    List,
    /// A year such as 2021.
    Year,
    /// A whole number of zero or more; digit groups with commas ("117,922") are accepted.
    Count,
    /// A decimal number such as 46.8721 or -113.994.
    Decimal,
    /// "yes" or "no"; empty means no.
    YesNo,
    /// YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date.
    Date,
    /// One of a few words; (word written, value in the dataset).
    Word(&'static [(&'static str, &'static str)]),
    /// A tactic id, or its name as in the matrix ("Reverse Stings").
    Tactic,
    /// A list of tactics (ids or names).
    TacticList,
    /// A list of years ("2013; 2020; 2021").
    YearList,
}

/// One column: its header, the field it fills (a dotted path inside the entry) and its rules.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    pub header: &'static str,
    /// `population.value` fills `{"population": {"value": ..}}`; [`PARENT`] is a child table's
    /// link to its parent; "" is the element itself (a list of texts such as caveats).
    pub path: &'static str,
    pub cell: Cell,
    /// Must not be empty. In a group (a dotted path) only when another cell of the group is given.
    pub required: bool,
    /// Shown in problems: what belongs in the cell.
    pub help: &'static str,
}

/// The path of a child table's column that names its parent entry.
pub const PARENT: &str = "@parent";

/// How the rows of a file become the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Each row is one entry of `$.<collection>`.
    Entries { collection: &'static str },
    /// Each row is one element of the `field` list of an entry of `parent` (a table name),
    /// found by the entry's `id`.
    Children {
        parent: &'static str,
        field: &'static str,
    },
    /// Two columns, "Field" and "Value"; each row is one field of `$.meta`.
    Fields,
}

/// One CSV file of the layout.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Short name, also the file name without `.csv`.
    pub name: &'static str,
    /// Other names a file may have (compared ignoring case, spaces, `-` and `_`).
    pub aliases: &'static [&'static str],
    /// Whether a dataset needs this file (tactics are built in when the file is absent).
    pub needed: bool,
    /// Whether the dataset may leave this list out when the file is absent (a newer list, so
    /// that readers of older datasets still accept the result).
    pub list_optional: bool,
    pub shape: Shape,
    pub columns: &'static [Column],
}

impl Table {
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }

    pub fn column(&self, path: &str) -> Option<(usize, &Column)> {
        self.columns
            .iter()
            .enumerate()
            .find(|(_, c)| c.path == path)
    }
}

const fn col(header: &'static str, path: &'static str, cell: Cell, help: &'static str) -> Column {
    Column {
        header,
        path,
        cell,
        required: true,
        help,
    }
}

const fn opt(header: &'static str, path: &'static str, cell: Cell, help: &'static str) -> Column {
    Column {
        header,
        path,
        cell,
        required: false,
        help,
    }
}

const KINDS: &[(&str, &str)] = &[
    ("City", "city"),
    ("County", "county"),
    ("State", "state"),
    ("Nation", "nation"),
];
const STATUSES: &[(&str, &str)] = &[
    ("Used", "used"),
    ("Not found", "not_found"),
    ("Searched, not found", "not_found"),
];
const SOURCE_KINDS: &[(&str, &str)] = &[("Primary", "primary"), ("Compilation", "compilation")];
const QUALIFIERS: &[(&str, &str)] = &[
    ("Exact", "exact"),
    ("At least", "at_least"),
    ("More than", "more_than"),
];
const EVENT_KINDS: &[(&str, &str)] = &[
    ("Law", "law"),
    ("Sting", "sting"),
    ("Operation", "operation"),
    ("Training", "training"),
    ("Task force", "task_force"),
    ("Other", "other"),
];
const DATE_BASES: &[(&str, &str)] = &[("Shown", "shown"), ("Estimated", "estimated")];
const READ_FROM: &[(&str, &str)] = &[("Live page", "live_page"), ("Stored copy", "stored_copy")];
const RESOURCE_KINDS: &[(&str, &str)] = &[
    ("Hotline", "hotline"),
    ("Emergency", "emergency"),
    ("Local", "local"),
];

const ID: &str = "a short id of lower-case letters, digits and hyphens, such as missoula-mt";
const SOURCE_IDS: &str = "source ids from sources.csv, separated by \"; \"";
const SOURCE_ID: &str = "a source id from sources.csv";
const DATE: &str = "a real date written YYYY-MM-DD, YYYY-MM or YYYY";
const PLACE_ID: &str = "a place id from places.csv";

#[rustfmt::skip]
pub const META: Table = Table {
    name: "meta", aliases: &["about", "dataset"], needed: true, list_optional: false,
    shape: Shape::Fields,
    columns: &[
        col("Title", "title", Cell::Text, "the dataset's title"),
        col("Version", "version", Cell::Text, "a version such as 1.0.0"),
        col("As of", "as_of", Cell::Date, DATE),
        col("Licence", "licence", Cell::Text, "the licence of the data"),
        col("Citation", "citation", Cell::Text, "how to cite the dataset"),
        col("Publisher", "publisher", Cell::Text, "who publishes the data"),
        col("Exit URL", "exit_url", Cell::Text, "the https address Quick exit goes to"),
        opt("Notes", "notes", Cell::Text, "notes for readers"),
    ],
};

#[rustfmt::skip]
pub const SOURCES: Table = Table {
    name: "sources", aliases: &["source"], needed: true, list_optional: false,
    shape: Shape::Entries { collection: "sources" },
    columns: &[
        col("Source id", "id", Cell::Text, ID),
        col("Title", "title", Cell::Text, "the title of the page or document"),
        col("Publisher", "publisher", Cell::Text, "who published it"),
        col("URL", "url", Cell::Text, "its http(s) address"),
        col("Kind", "kind", Cell::Word(SOURCE_KINDS), "Primary (police, court, government, or news of the event) or Compilation (a page or report that summarises other sources)"),
        opt("Published", "published", Cell::Date, DATE),
        opt("Published basis", "published_basis", Cell::Word(DATE_BASES), "Shown when the source shows its date, Estimated when it is your estimate"),
        col("Accessed", "accessed", Cell::Date, DATE),
        opt("Read from", "read_from", Cell::Word(READ_FROM), "Live page, or Stored copy when you read an archived copy"),
        opt("Note", "note", Cell::Text, "a note on the source"),
    ],
};

#[rustfmt::skip]
pub const TACTICS: Table = Table {
    name: "tactics", aliases: &["tactic"], needed: false, list_optional: false,
    shape: Shape::Entries { collection: "tactics" },
    columns: &[
        col("Tactic id", "id", Cell::Text, "one of the 15 tactic ids"),
        col("Name", "name", Cell::Text, "the tactic's name"),
        col("Definition", "definition", Cell::Text, "what the tactic is, in plain words"),
    ],
};

#[rustfmt::skip]
pub const NATIONAL: Table = Table {
    name: "national-counts", aliases: &["national", "national count"], needed: false, list_optional: false,
    shape: Shape::Children { parent: "tactics", field: "national" },
    columns: &[
        col("Tactic", PARENT, Cell::Tactic, "a tactic id or name"),
        col("Count", "count", Cell::Count, "a whole number"),
        col("Qualifier", "qualifier", Cell::Word(QUALIFIERS), "Exact, At least or More than"),
        col("As of", "as_of", Cell::Date, DATE),
        col("Source", "source", Cell::Text, SOURCE_ID),
        opt("Note", "note", Cell::Text, "a note on the figure"),
    ],
};

#[rustfmt::skip]
pub const PLACES: Table = Table {
    name: "places", aliases: &["place", "jurisdictions"], needed: true, list_optional: false,
    shape: Shape::Entries { collection: "jurisdictions" },
    columns: &[
        col("Place id", "id", Cell::Text, ID),
        col("Name", "name", Cell::Text, "the place's name"),
        col("Kind", "kind", Cell::Word(KINDS), "City, County, State or Nation"),
        opt("State", "state", Cell::Text, "the two-letter state code, such as MT"),
        col("Population", "population.value", Cell::Count, "a whole number"),
        opt("Population year", "population.year", Cell::Year, "the year of the population figure, if its source gives one"),
        col("Population source", "population.source", Cell::Text, SOURCE_ID),
        opt("Population note", "population.note", Cell::Text, "why this figure was chosen"),
        col("Latitude", "location.lat", Cell::Decimal, "decimal degrees north, such as 46.8721"),
        col("Longitude", "location.lon", Cell::Decimal, "decimal degrees east, such as -113.994"),
        col("Location source", "location.source", Cell::Text, SOURCE_ID),
        opt("Location note", "location.note", Cell::Text, "a note on the point"),
        opt("Part of", "parents", Cell::List, "place ids of larger places, separated by \"; \""),
        col("Summary", "summary", Cell::Text, "a few sentences about the place"),
        opt("Partners", "partners", Cell::List, "names of partner groups, separated by \"; \""),
    ],
};

#[rustfmt::skip]
pub const PLACE_SOURCES: Table = Table {
    name: "place-sources", aliases: &["place source", "profile sources"], needed: false, list_optional: false,
    shape: Shape::Children { parent: "places", field: "sources" },
    columns: &[
        col("Place id", PARENT, Cell::Text, PLACE_ID),
        col("Topic", "topic", Cell::Text, "what these sources back, such as Tactics"),
        col("Sources", "sources", Cell::List, SOURCE_IDS),
    ],
};

#[rustfmt::skip]
pub const USES: Table = Table {
    name: "tactic-uses", aliases: &["uses", "use", "tactic use"], needed: true, list_optional: false,
    shape: Shape::Entries { collection: "uses" },
    columns: &[
        col("Place id", "place", Cell::Text, PLACE_ID),
        col("Tactic", "tactic", Cell::Tactic, "a tactic id or name"),
        col("Status", "status", Cell::Word(STATUSES), "Used or Not found"),
        opt("First year", "first_year", Cell::Year, "the first year with evidence of use"),
        opt("Last year", "last_year", Cell::Year, "the last year with evidence of use"),
        opt("Years", "years", Cell::YearList, "the years with evidence, separated by \"; \", when not every year from first to last"),
        opt("Checked", "checked", Cell::Date, DATE),
        opt("Search", "search", Cell::Text, "for Not found: a search id from searches.csv"),
        opt("Sources", "sources", Cell::List, SOURCE_IDS),
        opt("Note", "note", Cell::Text, "a note on the evidence"),
    ],
};

#[rustfmt::skip]
pub const SEARCHES: Table = Table {
    name: "searches", aliases: &["search"], needed: false, list_optional: true,
    shape: Shape::Entries { collection: "searches" },
    columns: &[
        col("Search id", "id", Cell::Text, ID),
        col("Title", "title", Cell::Text, "what was looked for, in a short title"),
        col("Method", "method", Cell::Text, "where you searched and the terms used"),
        col("Date", "date", Cell::Date, DATE),
        opt("Result", "result", Cell::Text, "what the search found"),
    ],
};

#[rustfmt::skip]
pub const SERIES: Table = Table {
    name: "series", aliases: &["figures"], needed: true, list_optional: false,
    shape: Shape::Entries { collection: "series" },
    columns: &[
        col("Series id", "id", Cell::Text, ID),
        col("Name", "name", Cell::Text, "what is counted, in a short title"),
        col("Unit", "unit", Cell::Text, "what one counts, such as cases"),
        col("Place id", "place", Cell::Text, PLACE_ID),
        opt("Fiscal year", "fiscal_year", Cell::YesNo, "yes when periods are fiscal years"),
        col("Definition", "definition", Cell::Text, "what exactly is counted"),
    ],
};

#[rustfmt::skip]
pub const CAVEATS: Table = Table {
    name: "series-caveats", aliases: &["caveats", "caveat", "series caveat"], needed: false, list_optional: false,
    shape: Shape::Children { parent: "series", field: "caveats" },
    columns: &[
        col("Series id", PARENT, Cell::Text, "a series id from series.csv"),
        col("Caveat", "", Cell::Text, "one caveat, in a sentence or two"),
    ],
};

#[rustfmt::skip]
pub const OBSERVATIONS: Table = Table {
    name: "observations", aliases: &["observation", "series observations", "figures by year"], needed: true, list_optional: false,
    shape: Shape::Children { parent: "series", field: "observations" },
    columns: &[
        col("Series id", PARENT, Cell::Text, "a series id from series.csv"),
        col("Year", "period", Cell::Year, "the year (or fiscal year) of the figure"),
        col("Value", "value", Cell::Count, "a whole number"),
        col("Source", "source", Cell::Text, SOURCE_ID),
        opt("Note", "note", Cell::Text, "a note on the figure"),
    ],
};

#[rustfmt::skip]
pub const EVENTS: Table = Table {
    name: "events", aliases: &["event"], needed: true, list_optional: false,
    shape: Shape::Entries { collection: "events" },
    columns: &[
        col("Event id", "id", Cell::Text, ID),
        col("Date", "date", Cell::Date, DATE),
        opt("Date basis", "date_basis", Cell::Word(DATE_BASES), "Estimated when the date is your estimate"),
        col("Kind", "kind", Cell::Word(EVENT_KINDS), "Law, Sting, Operation, Training, Task force or Other"),
        col("Place id", "place", Cell::Text, PLACE_ID),
        col("Title", "title", Cell::Text, "a short title"),
        col("Description", "description", Cell::Text, "what happened"),
        opt("Tactics", "tactics", Cell::TacticList, "tactic ids or names, separated by \"; \""),
        opt("Arrests", "arrests", Cell::Count, "a whole number"),
        col("Sources", "sources", Cell::List, SOURCE_IDS),
    ],
};

#[rustfmt::skip]
pub const RESOURCES: Table = Table {
    name: "resources", aliases: &["resource", "help"], needed: false, list_optional: false,
    shape: Shape::Entries { collection: "resources" },
    columns: &[
        col("Resource id", "id", Cell::Text, ID),
        col("Name", "name", Cell::Text, "the name people know it by"),
        col("Kind", "kind", Cell::Word(RESOURCE_KINDS), "Hotline, Emergency or Local"),
        opt("Phone", "phone", Cell::Text, "a phone number"),
        opt("Text", "text", Cell::Text, "a number to text"),
        opt("URL", "url", Cell::Text, "an http(s) address"),
        opt("Place id", "place", Cell::Text, PLACE_ID),
        col("Description", "description", Cell::Text, "who it helps and how"),
    ],
};

/// Every table, in the order files are written and problems are listed.
pub const TABLES: [&Table; 13] = [
    &META,
    &SOURCES,
    &TACTICS,
    &NATIONAL,
    &PLACES,
    &PLACE_SOURCES,
    &USES,
    &SEARCHES,
    &SERIES,
    &OBSERVATIONS,
    &CAVEATS,
    &EVENTS,
    &RESOURCES,
];

/// The table of a name such as "places" (a table name, not a file name).
pub fn table(name: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(|t| t.name == name)
}

/// The table whose rows are entries of `collection` (such as "jurisdictions").
pub fn table_of_collection(collection: &str) -> Option<&'static Table> {
    TABLES
        .iter()
        .copied()
        .find(|t| matches!(t.shape, Shape::Entries { collection: c } if c == collection))
}

/// The child table that fills `field` of the entries of `parent`.
pub fn child_table(parent: &str, field: &str) -> Option<&'static Table> {
    TABLES.iter().copied().find(
        |t| matches!(t.shape, Shape::Children { parent: p, field: f } if p == parent && f == field),
    )
}
