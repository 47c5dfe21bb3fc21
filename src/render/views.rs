//! Views shared by several page kinds: typed, borrowed `Serialize` structs built from the site
//! graph. Templates see only these; every URL in them comes from `graph::urls`.

use serde::Serialize;

use crate::graph::SiteGraph;
use crate::model::{Completeness, Dataset, Level, Recommendation, Scope};

/// A link with its text.
#[derive(Debug, Serialize)]
pub struct Link {
    pub url: String,
    pub label: String,
}

/// What every page's layout needs about the publication.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub language: &'a str,
    pub report_title: &'a str,
    pub report_url: &'a str,
    pub home: String,
    pub stylesheet: String,
    pub favicon: String,
    /// The code highlighting stylesheet, linked by pages with code blocks.
    pub syntax_stylesheet: String,
    /// The search page, where the header's search box sends its query.
    pub search: String,
    /// Main navigation: the index pages, then the content pages.
    pub nav: Vec<Link>,
}

impl<'a> SiteView<'a> {
    pub fn new(g: &SiteGraph<'a>) -> SiteView<'a> {
        let ds = g.ds;
        let u = &g.urls;
        let mut nav: Vec<Link> = [
            ("recommendations", "Recommendations"),
            ("parties", "Parties"),
            ("sections", "Sections"),
            ("levels", "Levels"),
        ]
        .iter()
        .map(|(kind, label)| Link {
            url: u.index(kind),
            label: label.to_string(),
        })
        .collect();
        nav.extend(ds.pages.iter().map(|p| Link {
            url: u.page(&p.slug),
            label: p.title.clone(),
        }));
        SiteView {
            title: &ds.site.title,
            description: &ds.site.description,
            language: &ds.site.language,
            report_title: &ds.site.report.title,
            report_url: &ds.site.report.url,
            home: u.home(),
            stylesheet: u.at("style.css"),
            favicon: u.at("favicon.svg"),
            syntax_stylesheet: u.at("syntax.css"),
            search: u.search(),
            nav,
        }
    }
}

/// Per-page head data: title, description, canonical URL (the permalink).
#[derive(Debug, Serialize)]
pub struct Meta {
    pub title: String,
    pub description: String,
    /// The page's own URL path, for `aria-current` in the navigation.
    pub path: String,
    pub canonical: String,
    pub og_type: &'static str,
}

impl Meta {
    /// Meta for the page at site path `path`.
    pub fn new(g: &SiteGraph, path: String, title: String, description: String) -> Meta {
        Meta {
            title,
            description,
            canonical: g.urls.absolute(&path),
            path,
            og_type: "website",
        }
    }
}

/// A recommendation in a listing: id link, level, short title, addressees in brief. Rendered
/// by the theme's `rec_item.html` once per recommendation (`render::items`); also the
/// previous/next links of a recommendation page.
#[derive(Debug, Serialize)]
pub struct RecItem<'a> {
    pub id: String,
    pub url: String,
    pub title: &'a str,
    pub level: &'static str,
    pub level_label: &'a str,
    pub addressees: String,
    /// Extra words for this listing (a Party's qualifier or sectors).
    pub note: Option<String>,
}

impl<'a> RecItem<'a> {
    pub fn new(g: &SiteGraph<'a>, r: &'a Recommendation) -> RecItem<'a> {
        RecItem {
            id: r.id.to_string(),
            url: g.urls.recommendation(&r.id),
            title: &r.title,
            level: r.level.as_str(),
            level_label: &g.ds.level_info(r.level).label,
            addressees: addressees_summary(r),
            note: None,
        }
    }
}

/// One level with how many recommendations of a listing have it.
#[derive(Debug, Serialize)]
pub struct LevelCount<'a> {
    pub level: &'static str,
    pub label: &'a str,
    pub url: String,
    pub count: usize,
}

/// Counts by level, strongest first, every level present (zero included).
pub fn level_counts<'a>(g: &SiteGraph<'a>, recs: &[&Recommendation]) -> Vec<LevelCount<'a>> {
    Level::ALL
        .iter()
        .rev()
        .map(|&level| LevelCount {
            level: level.as_str(),
            label: &g.ds.level_info(level).label,
            url: g.urls.level(level),
            count: recs.iter().filter(|r| r.level == level).count(),
        })
        .collect()
}

/// The addressees in a few words, for listings.
pub fn addressees_summary(r: &Recommendation) -> String {
    let a = &r.addressees;
    let n = a.named_parties().len();
    let parties = if n == 1 {
        "1 designated Party".to_string()
    } else {
        format!("{n} designated Parties")
    };
    match (a.scope, a.completeness()) {
        (Scope::All, _) => "All Parties".to_string(),
        (Scope::Open, _) => "Parties not already doing so".to_string(),
        (Scope::Designated, Completeness::Complete) => parties,
        (Scope::Designated, Completeness::Partial) => {
            format!("{parties} (list incomplete in the source)")
        }
        (Scope::Designated, Completeness::Unknown) => {
            "Designated Parties (list missing from the source)".to_string()
        }
    }
}

/// The name of a Party as listed, with the source's qualifier: "Belgium (French community)".
pub fn party_label(
    ds: &Dataset,
    slug: &crate::model::PartySlug,
    qualifier: Option<&str>,
) -> String {
    let name = ds.party(slug).map_or(slug.as_str(), |p| p.name.as_str());
    match qualifier {
        Some(q) => format!("{name} ({q})"),
        None => name.to_string(),
    }
}

/// The plain-text citation of a recommendation.
pub fn citation(ds: &Dataset, r: &Recommendation, permalink: &str) -> String {
    let rep = &ds.site.report;
    format!(
        "{}, {}, implementation report, {} (adopted {}), Recommendation {}. {}",
        rep.author, rep.title, rep.round, rep.adopted, r.id, permalink
    )
}
