//! MODEL: the validated, typed dataset (`X` types) that every later stage reads, and the URL
//! of everything in it ([`Urls`], made from its ids and the base URL). Ids are newtypes; every
//! listing is kept in a documented, explicit order.

pub mod date;
pub(crate) mod facts;
pub mod ids;
mod named;
pub mod refs;
pub(crate) mod releases;
pub mod reports;
mod site;
pub(crate) mod url;
pub mod urls;
pub(crate) mod validate;

use std::path::PathBuf;

pub use date::Date;
pub use ids::{IdPattern, IdScheme, PartySlug, RecId, SectionId};
pub(crate) use named::named_enum;
pub use reports::{FurtherReport, ReportSlug};
pub use site::{Edition, Licence, Names, Publisher, Report, Site};
pub use urls::{CitationFormat, Urls, content_hash, hashed_name, is_hashed_name};
pub use validate::faithfulness::{Difference, source_differences};
pub use validate::thesaurus::{Thesaurus, ThesaurusTerm};
pub use validate::validate;
pub(crate) use validate::{Kept, validate_edit};
pub(crate) use validate::{id_scheme, validate_with};

/// The whole dataset, validated.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub site: Site,
    /// In strength order, weakest first (the legend's order); a [`Level`] indexes it.
    pub levels: Vec<LevelInfo>,
    /// The legend's note on where the levels' labels come from (editorial), if any.
    pub labels_note: Option<String>,
    /// The word the texts name the body by before its verb (`speaker` in legend.toml).
    pub speaker: Option<String>,
    /// In legend order: all, open, designated.
    pub concerns: Vec<ConcernInfo>,
    /// In legend order.
    pub sectors: Vec<Sector>,
    /// In report order: the order of `sections.toml`.
    pub sections: Vec<Section>,
    /// How ids are read: the sections in order and the recommendation id pattern.
    pub ids: IdScheme,
    /// Sorted by name.
    pub parties: Vec<Party>,
    /// In report order: by section, then number.
    pub recommendations: Vec<Recommendation>,
    /// Sorted by weight, then slug.
    pub pages: Vec<Page>,
    /// Readers' words for the Committee's, for search (`content/thesaurus.toml`).
    pub thesaurus: Thesaurus,
    /// The recorded releases and what each changed (`content/releases/`).
    pub history: releases::History,
    /// What validation warns about (a number the data knows, written by hand): `check` and
    /// `build` print it.
    pub warnings: crate::diag::Diagnostics,
    /// The site's further reports (`content/reports/<slug>/`), in slug order, each validated
    /// as a dataset of its own; this dataset is the site's first report. Empty for a site of
    /// one report, and in a further report's own dataset.
    pub further: Vec<reports::FurtherReport>,
}

/// The most levels a legend may define: the search index codes a level as one character of
/// base 36.
pub const MAX_LEVELS: usize = 36;

/// How strongly the Committee words a recommendation: the place of its level among the
/// dataset's levels ([`Dataset::levels`]), weakest first, so a greater level is a stronger one.
/// The level's id (for content, URLs, CSS and data) is its [`LevelInfo::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Level(pub u16);

impl Level {
    /// Its place in [`Dataset::levels`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// The legend's wording for a level.
#[derive(Debug, Clone)]
pub struct LevelInfo {
    pub level: Level,
    /// The id used in content, URLs, CSS and data ("invite").
    pub id: String,
    pub label: String,
    /// The Committee's phrases that mark this level ("invites"), at least one; the first is
    /// the one pages show. In a text, the longest phrase found wins.
    pub verbs: Vec<String>,
    pub description: String,
}

impl LevelInfo {
    /// The phrase pages show for this level: the first of its verbs.
    pub fn verb(&self) -> &str {
        &self.verbs[0]
    }
}

named_enum! {
    /// To whom a recommendation is addressed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Scope {
        /// All Parties, or "Parties" in general.
        All = "all",
        /// "Parties not already doing so", with no list: each Party assesses whether it applies.
        Open = "open",
        /// Parties named in the text or in a footnote.
        Designated = "designated",
    }
}

/// The legend's wording for one way a recommendation can concern a Party.
#[derive(Debug, Clone)]
pub struct ConcernInfo {
    pub scope: Scope,
    pub label: String,
    pub description: String,
}

/// A sector for which the source gives its own list.
#[derive(Debug, Clone)]
pub struct Sector {
    pub id: String,
    pub label: String,
}

/// A chapter of the report's recommendations.
#[derive(Debug, Clone)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
}

/// A Party to the Convention named by the source.
#[derive(Debug, Clone)]
pub struct Party {
    pub slug: PartySlug,
    /// As the source spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub iso: String,
    /// The day it became a Party, when `parties.toml` gives it.
    pub joined: Option<Date>,
}

impl Party {
    /// The day it became a Party, when that was after the report was adopted (`adopted_on`):
    /// the Committee's lists could not name it, and its page says so. A Party that joined on
    /// the day of adoption was one when the report was adopted.
    pub fn joined_after(&self, adopted_on: Option<Date>) -> Option<Date> {
        let adopted = adopted_on?;
        self.joined.filter(|j| *j > adopted)
    }
}

named_enum! {
    /// How much of a Party list the source preserves.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum Completeness {
        Complete = "complete",
        /// Some names are lost: the named Parties are addressed, others may be.
        Partial = "partial",
        /// The list is lost entirely.
        Unknown = "unknown",
    }
}

/// One named Party in a list, with the source's qualifier ("French community") if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressee {
    pub party: PartySlug,
    pub qualifier: Option<String>,
}

/// A list of designated Parties, as one footnote or sentence gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyList {
    /// Sector id, where the source lists Parties per sector.
    pub sector: Option<String>,
    /// Label of the footnote that holds the list, when it is in a footnote.
    pub footnote: Option<String>,
    /// In the source's order.
    pub parties: Vec<Addressee>,
    pub completeness: Completeness,
}

/// To whom a recommendation is addressed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Addressees {
    pub scope: Scope,
    /// Empty unless `scope` is `Designated`; one list, or one per sector.
    pub lists: Vec<PartyList>,
}

impl Addressees {
    /// Whether the source names this Party among the addressees (in any sector's list).
    pub fn names(&self, party: &PartySlug) -> bool {
        self.lists
            .iter()
            .any(|l| l.parties.iter().any(|a| &a.party == party))
    }

    /// The weakest completeness of the lists: a Party not named may still be addressed unless
    /// this is `Complete`.
    pub fn completeness(&self) -> Completeness {
        self.lists
            .iter()
            .map(|l| l.completeness)
            .max()
            .unwrap_or(Completeness::Complete)
    }

    /// Named Parties across lists, each once, in first-seen order.
    pub fn named_parties(&self) -> Vec<&PartySlug> {
        let mut out: Vec<&PartySlug> = Vec::new();
        for a in self.lists.iter().flat_map(|l| &l.parties) {
            if !out.contains(&&a.party) {
                out.push(&a.party);
            }
        }
        out
    }
}

/// A footnote, with the report's own number as its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    pub label: String,
    /// Plain text.
    pub text: String,
}

/// References a recommendation makes, as declared and checked against its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct References {
    pub recommendations: Vec<RecId>,
    /// Articles of the Convention, normalised: `20(1)(a)`.
    pub articles: Vec<String>,
    /// Paragraphs of the Explanatory Report.
    pub explanatory_report: Vec<String>,
}

named_enum! {
    /// Kinds of editorial note.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
    pub enum EditorialKind {
        /// Words lost in the source and restored.
        Restored = "restored",
        /// Extraction damage (lost hyphens, split words) corrected.
        Corrected = "corrected",
        /// Something the source lost that could not be restored.
        Incomplete = "incomplete",
        /// Text printed in the wrong place in the source and moved back.
        Relocated = "relocated",
        /// Typography only (a space before a comma, bold type): the words are the source's.
        Typographic = "typographic",
    }
}

/// An editorial note where the source is damaged.
#[derive(Debug, Clone)]
pub struct EditorialNote {
    pub kind: EditorialKind,
    /// Markdown.
    pub note: String,
    pub corrections: Vec<Correction>,
}

/// One documented change from the source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The footnote it applies to; `None` for the main text.
    pub footnote: Option<String>,
    /// As the source has it ("" where the source has nothing).
    pub source: String,
    /// As published.
    pub text: String,
}

/// One recommendation.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub id: RecId,
    /// The file it was loaded from.
    pub path: PathBuf,
    /// Editorial short title (not the Committee's words).
    pub title: String,
    pub level: Level,
    pub addressees: Addressees,
    /// The Committee's wording, as Markdown with `[^n]` footnotes.
    pub body: String,
    /// Plain text of the main text (no footnotes).
    pub text: String,
    pub footnotes: Vec<Footnote>,
    pub references: References,
    /// Where its text starts in the source when not at "Recommendation <id>".
    pub source_marker: Option<String>,
    pub editorial: Vec<EditorialNote>,
}

impl Recommendation {
    /// Corrections that apply to the main text or to one footnote.
    pub fn corrections_for<'a>(
        &'a self,
        footnote: Option<&'a str>,
    ) -> impl Iterator<Item = &'a Correction> {
        self.editorial
            .iter()
            .flat_map(|e| &e.corrections)
            .filter(move |c| c.footnote.as_deref() == footnote)
    }
}

/// A free-standing content page (about, how to cite, data).
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub path: PathBuf,
    pub title: String,
    pub description: String,
    pub weight: i64,
    /// Whether the main navigation links to it (the footer links to the others).
    pub menu: bool,
    /// Markdown.
    pub body: String,
}

impl Dataset {
    /// The slug the data files give this, the site's first report, in a site of several:
    /// site.toml's `[report] slug`, else [`reports::FIRST_REPORT`].
    pub fn first_report_slug(&self) -> &str {
        self.site.report.first_slug()
    }

    /// A preview's warnings for the recommendations of every report changed since the last
    /// release that the draft note does not name ([`releases::History::unannounced`]).
    pub fn unannounced(&self) -> Vec<crate::diag::Diagnostic> {
        let further = self.further.iter().map(|f| &f.ds.history);
        let all = std::iter::once(&self.history).chain(further);
        all.flat_map(|h| h.unannounced.iter().cloned()).collect()
    }

    /// The Party with `slug` (a scan: the site graph's lookup is the one pages use).
    pub fn party(&self, slug: &PartySlug) -> Option<&Party> {
        self.parties.iter().find(|p| &p.slug == slug)
    }

    /// What the legend says about `level`.
    pub fn level_info(&self, level: Level) -> &LevelInfo {
        &self.levels[level.index()]
    }

    /// The id of `level` ("invite"), for URLs, CSS and data.
    pub fn level_id(&self, level: Level) -> &str {
        &self.level_info(level).id
    }

    /// The level with id `id`.
    pub fn level_by_id(&self, id: &str) -> Option<Level> {
        self.levels.iter().find(|l| l.id == id).map(|l| l.level)
    }
}
