//! The publication's settings from `content/site.toml`, validated: who publishes the edition,
//! which report it publishes, its version, address and licence.

/// The publication and the report it publishes.
#[derive(Debug, Clone)]
pub struct Site {
    pub title: String,
    /// The short name in page headers and titles.
    pub short_title: String,
    pub description: String,
    /// The language of the content: the Committee's text, titles, notes and content pages.
    pub language: String,
    /// The language of the theme's wording and of each page as a whole (`<html lang>`);
    /// `language` unless site.toml says otherwise.
    pub interface_language: String,
    /// Where site.toml sets the interface language (`interface_language`, else `language`),
    /// for an error when the theme has no strings for it.
    pub interface_language_at: Option<crate::diag::Location>,
    pub report: Report,
    pub edition: Option<Edition>,
    /// Where the site is published, absolute (`https://x.org/lanzarote/`), when site.toml
    /// says; `build --base-url` overrides it.
    pub base_url: Option<String>,
    /// A sentence about what this edition is (that it is unofficial, and not published by
    /// the body whose words it holds), shown in every page's footer and on the About page.
    pub notice: Option<String>,
    pub publisher: Option<Publisher>,
    pub licence: Option<Licence>,
    /// How the theme's sentences name the body, its treaty and its report.
    pub names: Names,
}

impl Site {
    /// The content's language when it differs from the interface language: what the elements
    /// holding content say in their `lang`; `None` when the page's own `lang` already says it.
    pub fn content_lang(&self) -> Option<&str> {
        (self.language != self.interface_language).then_some(self.language.as_str())
    }
}

/// The names the theme's sentences give the body whose recommendations these are, its treaty
/// and its report (`[names]` in site.toml). Each is written as it reads inside a sentence; a
/// name left out is the theme's neutral word (`[names]` in its strings: "the monitoring
/// body", "treaty", "report").
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// The body, with its article if it takes one: "the Lanzarote Committee", "GREVIO".
    pub body: Option<String>,
    /// The body named again within a text: "the Committee"; `body` when absent.
    pub body_short: Option<String>,
    /// The treaty the Parties are bound by, without its article: "Convention".
    pub treaty: Option<String>,
    /// What the report is, as cited: "implementation report".
    pub report_kind: Option<String>,
    /// Who holds the rights in the body's words: "the Council of Europe".
    pub rights_holder: Option<String>,
    /// Whom an open recommendation addresses, in the body's own words, quoted: "Parties “not
    /// already doing so”" (the theme's neutral words: "some Parties").
    pub open_parties: Option<String>,
}

impl Names {
    /// Each name by the placeholder the theme writes it with (`{body}`), in a fixed order;
    /// `None` where site.toml leaves it to the theme.
    pub fn by_placeholder(&self) -> [(&'static str, Option<&str>); 6] {
        [
            ("body", self.body.as_deref()),
            (
                "body_short",
                self.body_short.as_deref().or(self.body.as_deref()),
            ),
            ("treaty", self.treaty.as_deref()),
            ("report_kind", self.report_kind.as_deref()),
            ("rights_holder", self.rights_holder.as_deref()),
            ("open_parties", self.open_parties.as_deref()),
        ]
    }
}

/// Who publishes this edition, and where readers report an error in it.
#[derive(Debug, Clone)]
pub struct Publisher {
    pub name: String,
    /// The publisher's web page.
    pub url: Option<String>,
    /// A `mailto:` address or an issue tracker's page.
    pub contact: String,
}

/// The licence of the editorial additions and the data structure.
#[derive(Debug, Clone)]
pub struct Licence {
    pub name: String,
    pub url: String,
}

/// This edition of the dataset: its version and the date of its content.
#[derive(Debug, Clone)]
pub struct Edition {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// Bibliographic facts about the report, used in citations; only the title is required, and
/// what is absent is left out of every citation and page.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub title: String,
    /// The first report's slug in the data files of a site of several reports, when
    /// site.toml gives one (`crate::model::Dataset::first_report_slug`).
    pub slug: Option<crate::model::ReportSlug>,
    pub short_title: Option<String>,
    /// The monitoring body that adopted the report (`body`, or `author`, in site.toml).
    pub body: Option<String>,
    /// The monitoring round or cycle ("2nd monitoring round").
    pub round: Option<String>,
    /// The adoption date, as a date or a text ("March 2022").
    pub adopted: Option<String>,
    /// The body's reference of the document ("T-ES(2022)01").
    /// The day it was adopted, when site.toml gives it (`adopted_on`): what a Party's
    /// `joined` is compared with.
    pub adopted_on: Option<crate::model::Date>,
    pub reference: Option<String>,
    /// The report's own address.
    pub url: Option<String>,
    /// The language of the report's text, a BCP 47 tag.
    pub language: Option<String>,
    /// The body's web page, where its reports are published (not the report itself).
    pub committee_url: Option<String>,
}

impl Report {
    /// What pages and the search call the report: its short title, else its title.
    pub fn name(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// The slug the data files give this report when it is a site's first of several: its
    /// `slug`, else [`crate::model::reports::FIRST_REPORT`].
    pub fn first_slug(&self) -> &str {
        self.slug
            .as_ref()
            .map_or(crate::model::reports::FIRST_REPORT, |s| s.as_str())
    }
}
