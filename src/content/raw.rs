//! RAW: the content files' TOML as written (`RawX` types, every value with its byte span);
//! `super::parse` turns TOML text into them.

use serde::Deserialize;
use toml::Spanned;

/// A string value with its byte span in the file.
pub(crate) type S = Spanned<String>;

/// `content/site.toml`: the publication's identity and the report it publishes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub title: S,
    /// The name in every page's header and `<title>`; `title` when absent.
    pub short_title: Option<S>,
    pub description: S,
    /// The language of the content (the Committee's text, titles, notes, pages); `en` when
    /// absent.
    pub language: Option<S>,
    /// The language of the theme's wording (`i18n/<language>.toml`); `language` when absent.
    pub interface_language: Option<S>,
    /// The address where the site is published (absolute); `build --base-url` overrides it.
    pub base_url: Option<S>,
    /// What this edition is, said on every page (that it is unofficial, for example).
    pub notice: Option<S>,
    /// Required (its title is), but checked by validation so that the error says so.
    pub report: Option<RawReport>,
    pub edition: Option<RawEdition>,
    pub publisher: Option<RawPublisher>,
    pub licence: Option<RawLicence>,
    /// The names the theme's wording gives the body, its treaty and its report.
    pub names: Option<RawNames>,
}

/// `[names]`: how the theme's sentences name the body whose recommendations these are, the
/// treaty and the kind of report; each one left out is the theme's neutral word.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNames {
    pub body: Option<S>,
    pub body_short: Option<S>,
    pub treaty: Option<S>,
    pub report_kind: Option<S>,
    pub rights_holder: Option<S>,
    pub open_parties: Option<S>,
}

/// Who publishes this edition, and where readers report an error in it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPublisher {
    pub name: S,
    /// The publisher's web page.
    pub url: Option<S>,
    /// Where to report an error: a `mailto:` address or an issue tracker's page.
    pub contact: S,
}

/// The licence of the editorial additions and of the data structure (not of the Committee's
/// words).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLicence {
    pub name: S,
    pub url: S,
}

/// This edition of the dataset: printed on paper and cited.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEdition {
    pub version: S,
    /// The date of the dataset, `YYYY-MM-DD`.
    pub date: S,
}

/// The report the recommendations come from, as cited: only its title is required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReport {
    pub title: S,
    /// In site.toml, the slug the data files give the first report in a site of several
    /// (`main` when absent); a further report's is its folder's name.
    pub slug: Option<S>,
    pub short_title: Option<S>,
    /// The monitoring body that adopted the report; `author` is its older name.
    #[serde(alias = "author")]
    pub body: Option<S>,
    pub round: Option<S>,
    /// A date or a text ("March 2022").
    pub adopted: Option<S>,
    /// The body's reference of the document ("T-ES(2022)01").
    /// The day the body adopted the report, `YYYY-MM-DD`: needed only to compare with a
    /// Party's `joined` (`adopted` is the free text citations print).
    pub adopted_on: Option<S>,
    pub reference: Option<S>,
    /// The report's own address.
    pub url: Option<S>,
    /// The language of the report's text, a BCP 47 tag.
    pub language: Option<S>,
    /// The body's web page, where its reports are published (not the report itself).
    pub committee_url: Option<S>,
}

/// `content/legend.toml`: levels, the ways a recommendation concerns a Party, and sectors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLegend {
    /// Where the levels' labels come from, when the source gives none (editorial).
    #[serde(default)]
    pub labels_note: Option<S>,
    /// The word the texts name the body by just before its verb ("Committee" in "The
    /// Committee invites"): a level is read only after it. Without it, at the first phrase.
    #[serde(default)]
    pub speaker: Option<S>,
    #[serde(default)]
    pub level: Vec<RawLevel>,
    pub concern: Vec<RawConcern>,
    #[serde(default)]
    pub sector: Vec<RawSector>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLevel {
    pub id: S,
    pub label: S,
    /// One phrase: the same as `verbs = [phrase]` (the form of legends before `verbs`).
    #[serde(default)]
    pub verb: Option<S>,
    /// The phrases that mark the level in a text ("strongly encourages").
    #[serde(default)]
    pub verbs: Vec<S>,
    pub description: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConcern {
    pub id: S,
    pub label: S,
    pub description: S,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSector {
    pub id: S,
    pub label: S,
}

/// `content/sections.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSections {
    /// How recommendation ids are written (`"{section}-{n}"` unless given).
    pub id_pattern: Option<S>,
    pub section: Vec<RawSection>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSection {
    pub id: S,
    pub title: S,
}

/// `content/parties.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParties {
    pub party: Vec<RawParty>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawParty {
    pub slug: S,
    pub name: S,
    pub iso: S,
    /// The day it became a Party, `YYYY-MM-DD`, when that matters: after the report was
    /// adopted, the Committee's lists could not name it.
    pub joined: Option<S>,
}

/// Front matter of `content/recommendations/<ID>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRecommendation {
    pub id: S,
    pub title: S,
    pub level: S,
    pub addressees: Spanned<RawAddressees>,
    #[serde(default)]
    pub references: RawReferences,
    pub source_marker: Option<S>,
    #[serde(default)]
    pub editorial: Vec<RawEditorial>,
}

/// Who a recommendation is addressed to. `footnote`, `parties` and `list` describe one list;
/// `sectors` replaces them where the source gives a list per sector.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAddressees {
    pub scope: S,
    pub footnote: Option<S>,
    #[serde(default)]
    pub parties: Vec<S>,
    pub list: Option<S>,
    #[serde(default)]
    pub sectors: Vec<RawSectorList>,
}

/// One sector's list of Parties.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSectorList {
    pub sector: S,
    pub footnote: Option<S>,
    #[serde(default)]
    pub parties: Vec<S>,
    pub list: Option<S>,
}

/// References declared by a recommendation; checked against its text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawReferences {
    #[serde(default)]
    pub recommendations: Vec<S>,
    #[serde(default)]
    pub articles: Vec<S>,
    #[serde(default)]
    pub explanatory_report: Vec<S>,
}

/// An editorial note: what was restored or corrected where the source is damaged, and why.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEditorial {
    pub kind: S,
    pub note: S,
    #[serde(default)]
    pub corrections: Vec<RawCorrection>,
}

/// One change from the source: `source` (as extracted) became `text` (as published).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorrection {
    pub footnote: Option<S>,
    pub source: S,
    pub text: S,
}

/// Front matter of `content/pages/<slug>.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPage {
    pub title: S,
    pub description: S,
    #[serde(default)]
    pub weight: i64,
    /// Whether the main navigation links to the page (default: yes).
    #[serde(default = "yes")]
    pub menu: bool,
}

fn yes() -> bool {
    true
}

/// Shifts a span of the front matter into file offsets.
pub(crate) fn at<T>(v: &Spanned<T>, base: usize) -> usize {
    base + v.span().start
}

/// What a valid slug looks like, for `help:` lines.
pub(crate) const SLUG_HELP: &str =
    "use lower-case letters, digits and single hyphens, like \"north-macedonia\"";
