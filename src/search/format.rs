//! The search index's file format, as types: what `build` writes under `search/` and
//! `search-engine.js` reads. Every field is named here once; enums travel as codes listed in a
//! table inside the entry file (never as a variant's position), and the entry file carries
//! [`FORMAT_VERSION`], which the browser checks before reading anything else.

use std::collections::BTreeMap;

use serde::Serialize;

/// The version of this format. Bump it on any change a reader of the old format would
/// misread; `search-engine.js` refuses an entry file with another version (its
/// `FORMAT_VERSION` must say the same).
pub const FORMAT_VERSION: u32 = 4;

/// The entry file, `search/index.<hash>.json`: what the first query needs.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Entry<'a> {
    /// [`FORMAT_VERSION`].
    pub v: u32,
    /// Number of documents (recommendations), numbered 0… in report order: the first
    /// report's, then each further report's, in `reports` order.
    pub n: usize,
    /// A recommendation's URL, with `{slug}` for its lower-case id: the first report's.
    pub rec_url: String,
    /// In a site of several reports, each report: a document's report is its section's
    /// (absent in a site of one, whose documents are all the first report's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports: Option<Vec<ReportRow<'a>>>,
    /// With `reports`: each report's recommendation URL, as `recUrl`, by report number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rec_urls: Option<Vec<String>>,
    /// Facet values and each document's.
    #[serde(flatten)]
    pub facets: Facets<'a>,
    /// The vocabulary.
    #[serde(flatten)]
    pub vocabulary: &'a Vocabulary,
    /// What lets the page understand readers' words.
    #[serde(flatten)]
    pub readers: Readers<'a>,
    /// How each document concerns each Party: here at small scale…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pc: Option<PartyConcerns>,
    /// …or in this file (a [`PartyConcerns`]) above the split, loaded with the Party facet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pc_file: Option<String>,
    /// Postings and texts: inline, or where to find them.
    #[serde(flatten)]
    pub body: Body,
}

/// One report of a site of several, as the Report filter and each result name it.
#[derive(Serialize)]
pub(super) struct ReportRow<'a> {
    /// Its slug in the filter's URLs and in the data files: `main` for the first report
    /// (`crate::model::Dataset::first_report_slug`), its folder's name for a further one.
    pub slug: &'a str,
    /// What the pages call it: its short title, else its title.
    pub name: &'a str,
    /// How many rows of `sections`, after those of the reports before it, are its own.
    pub sections: usize,
}

/// The facets: code tables, in the order the page lists them, and each document's values.
#[derive(Serialize)]
pub(super) struct Facets<'a> {
    /// Levels: every report's, one value for the levels of several reports that have the same
    /// id and label, the first report's first.
    pub levels: Vec<Code<'a>>,
    /// Addressees (scope) values.
    pub scopes: Vec<Code<'a>>,
    /// How a recommendation may concern a Party (`crate::graph::Concern`).
    pub concerns: Vec<ConcernCode>,
    /// Sections in report order, report after report, with how many documents each holds
    /// (documents are sorted by report, then section, so this also says which section a
    /// document is in).
    pub sections: Vec<SectionRow<'a>>,
    /// Parties: slug and name, sorted by name; a Party's number is its position here.
    pub parties: Vec<(&'a str, &'a str)>,
    /// Per document, one character: its level's code.
    pub lv: String,
    /// Per document, one character: its scope's code.
    pub sc: String,
}

/// What lets the page understand readers' words, link Parties' pages and export results.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct Readers<'a> {
    /// Stop words: not indexed, ignored in queries.
    pub stop: &'static [&'static str],
    /// The thesaurus: readers' words, then the Committee's terms they find.
    pub thes: Vec<(&'a [String], &'a [String])>,
    /// Parties' other names: Party number and name.
    pub aliases: Vec<(u32, &'a str)>,
    /// Each Party's page, by Party number.
    pub party_urls: Vec<String>,
    /// The data file results are exported from.
    pub data_url: String,
    /// Convention articles cited, by number, sorted.
    pub art: Vec<String>,
    /// Per document: a count, then that many article numbers (positions in `art`), as varints.
    pub da: String,
}

/// One value of a coded facet: its one-character code in the per-document strings, its id
/// (in URLs and CSS) and its label.
#[derive(Serialize)]
pub(super) struct Code<'a> {
    pub code: char,
    pub id: &'a str,
    pub label: &'a str,
    /// The value in the filter's URLs when not `id`: `<report slug>:<id>`, for a further
    /// report's level whose id an earlier level of another label has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// One section: `[id, title, count]`, and for a further report's section a fourth element,
/// its value in the filter's URLs, `<report slug>:<id>` (section `1` of one report is not
/// section `1` of another).
pub(super) struct SectionRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// How many documents it holds.
    pub count: usize,
    pub key: Option<String>,
}

impl Serialize for SectionRow<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        let mut t = s.serialize_tuple(3 + usize::from(self.key.is_some()))?;
        t.serialize_element(self.id)?;
        t.serialize_element(self.title)?;
        t.serialize_element(&self.count)?;
        if let Some(key) = &self.key {
            t.serialize_element(key)?;
        }
        t.end()
    }
}

/// One way a recommendation may concern a Party, with which Party filters it passes.
#[derive(Serialize)]
pub(super) struct ConcernCode {
    pub code: char,
    pub id: &'static str,
    /// Whether it counts for "Concerns this Party".
    pub concerns: bool,
    /// Whether it counts for "Designates this Party by name" (and for the boost a Party
    /// named in the query gives).
    pub named: bool,
}

/// How each document concerns each Party, as a default and exceptions.
#[derive(Serialize)]
pub(super) struct PartyConcerns {
    /// Per document, one character: the concern code of every Party not listed in `ex`.
    pub def: String,
    /// By concern code: per document, a count of Parties, then their numbers (varints): the
    /// Parties whose concern is that code rather than `def`.
    pub ex: BTreeMap<char, String>,
}

/// The vocabulary: surface words, their stems, and the stems, compacted
/// (`encode::vocabulary`).
#[derive(Debug, Default, Serialize)]
pub(super) struct Vocabulary {
    /// Every indexed word, sorted, space-separated, each as a varint (how many characters it
    /// shares with the word before) then the rest of it.
    pub words: String,
    /// For each word, the position of its stem among the sorted stems, as zigzag varints of the
    /// difference from the word before's.
    pub ws: String,
    /// For each stem, sorted: its length in characters when it starts the first word that has
    /// it, else 0 (varints).
    pub sl: String,
    /// The stems of `sl` 0, in order, space-separated.
    pub sx: String,
}

/// A document as the page shows it: id, title, text (with footnotes).
pub(super) type Doc = (String, String, String);

/// Where postings and texts are.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Body {
    /// At small scale, in the entry file.
    Whole {
        /// Per stem, its posting list (document deltas and weights, interleaved, as varints).
        post: Vec<String>,
        docs: Vec<Doc>,
    },
    /// Above the split, in files: shards of posting lists by stem ranges, fragments of
    /// `fragSize` documents.
    #[serde(rename_all = "camelCase")]
    Split {
        /// Each shard's first stem.
        shard_starts: Vec<usize>,
        /// Each shard's file: a list of posting lists.
        shards: Vec<String>,
        frag_size: usize,
        /// Each fragment's file: a list of [`Doc`]s.
        frags: Vec<String>,
    },
}
