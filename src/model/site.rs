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
}

impl Site {
    /// The content's language when it differs from the interface language: what the elements
    /// holding content say in their `lang`; `None` when the page's own `lang` already says it.
    pub fn content_lang(&self) -> Option<&str> {
        (self.language != self.interface_language).then_some(self.language.as_str())
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

/// Bibliographic facts about the report, used in citations.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub short_title: String,
    pub author: String,
    pub round: String,
    /// When the Committee adopted it, as the source gives it ("March 2022"): citations print it.
    pub adopted: String,
    /// The day it was adopted, when site.toml gives it (`adopted_on`): what a Party's
    /// `joined` is compared with.
    pub adopted_on: Option<crate::model::Date>,
    /// The Committee's web page, where its reports are published (not the report itself).
    pub committee_url: String,
}
