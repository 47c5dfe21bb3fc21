//! Views shared by several page kinds: typed, borrowed `Serialize` structs built from the site
//! graph. Templates see only these; every URL in them comes from `model::urls`.

use crate::render::engine::{Shown, Site};
use serde::Serialize;

use crate::graph::RecIdx;

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Link {
    pub url: String,
    pub label: String,
}

/// A navigation link: a built-in index named by its strings key (`nav.<key>`), or a content
/// page with its own title as `label`.
#[derive(Debug, Serialize)]
pub(crate) struct NavLink {
    pub url: String,
    pub key: &'static str,
    pub label: String,
}

/// This edition of the dataset, as printed.
#[derive(Debug, Serialize)]
pub(crate) struct EditionView<'a> {
    pub version: &'a str,
    pub date: &'a str,
}

/// The publisher of this edition, as the footer and the About page name it.
#[derive(Debug, Serialize)]
pub(crate) struct PublisherView<'a> {
    pub name: &'a str,
    pub url: Option<&'a str>,
    /// A `mailto:` address or an issue tracker: where to report an error.
    pub contact: &'a str,
    /// The contact as shown: a `mailto:` address without its scheme.
    pub contact_label: &'a str,
}

/// What every page's layout needs about the publication.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub title: &'a str,
    pub short_title: &'a str,
    pub description: &'a str,
    /// The interface language: the theme's wording, and each page's `<html lang>`.
    pub language: &'a str,
    /// The content's language (the Committee's text, titles, notes, content pages) when it
    /// differs from the interface language, for the `lang` of the elements that hold it
    /// (`macros.html`'s `content_lang`); `None` when the two agree, so nothing is repeated.
    pub content_lang: Option<&'a str>,
    pub report_title: &'a str,
    /// The body's page, when site.toml gives it.
    pub committee_url: Option<&'a str>,
    pub report_author: &'a str,
    pub report_round: &'a str,
    pub report_adopted: &'a str,
    pub edition: Option<EditionView<'a>>,
    /// What this edition is (unofficial, for example), in every footer and on About.
    pub notice: Option<&'a str>,
    /// Who publishes this edition, and where to report an error.
    pub publisher: Option<PublisherView<'a>>,
    /// The licence of the editorial additions and the data structure.
    pub licence: Option<Link>,
    /// On a further report's pages, the report (its short title, else its title) and its
    /// listing: the breadcrumb trail's first step after the home page.
    pub report_crumb: Option<Link>,
    /// Whether permalinks are absolute; when not, the citation script completes them.
    pub absolute: bool,
    /// Content pages kept out of the main navigation (the footer links them).
    pub footer_links: Vec<Link>,
    /// The citation script.
    pub cite_script: String,
    pub home: String,
    pub stylesheet: String,
    pub favicon: String,
    pub favicon_ico: String,
    pub touch_icon: String,
    /// The code highlighting stylesheet, linked by pages with code blocks.
    pub syntax_stylesheet: String,
    /// The search page, where the header's search box sends its query.
    pub search: String,
    /// Main navigation: the index pages, the content pages, then the change history.
    pub nav: Vec<NavLink>,
    /// The change history and its Atom feed, when the site has releases.
    pub changes: Option<String>,
    pub changes_feed: Option<String>,
}

impl<'a> SiteView<'a> {
    pub(crate) fn new(g: Site<'_, 'a>) -> SiteView<'a> {
        let u = g.urls();
        let mut nav: Vec<NavLink> = ["recommendations", "parties", "sections", "levels"]
            .into_iter()
            .map(|key| NavLink {
                url: u.index(key),
                key,
                label: String::new(),
            })
            .collect();
        // A site of several reports: the index of reports first, on every report's pages.
        if !g.further().is_empty() || u.is_further_report() {
            let key = "reports";
            let url = u.reports();
            nav.insert(
                0,
                NavLink {
                    url,
                    key,
                    label: String::new(),
                },
            );
        }
        nav.extend(g.pages().iter().filter(|p| p.menu).map(|p| NavLink {
            url: u.page(&p.slug),
            key: "",
            label: p.title.clone(),
        }));
        // The change history, when there is one, last (it is also in the footer).
        if !g.history().releases.is_empty() {
            nav.push(NavLink {
                url: u.changes(),
                key: "changes",
                label: String::new(),
            });
        }
        SiteView {
            title: &g.meta().title,
            short_title: &g.meta().short_title,
            description: &g.meta().description,
            language: &g.meta().interface_language,
            content_lang: g.meta().content_lang(),
            report_title: &g.meta().report.title,
            committee_url: g.meta().report.committee_url.as_deref(),
            // Empty when absent: the theme's words leave them out with their clause.
            report_author: g.meta().report.body.as_deref().unwrap_or_default(),
            report_round: g.meta().report.round.as_deref().unwrap_or_default(),
            report_adopted: g.meta().report.adopted.as_deref().unwrap_or_default(),
            edition: g.meta().edition.as_ref().map(|e| EditionView {
                version: &e.version,
                date: &e.date,
            }),
            notice: g.meta().notice.as_deref(),
            publisher: g.meta().publisher.as_ref().map(|p| PublisherView {
                name: &p.name,
                url: p.url.as_deref(),
                contact: &p.contact,
                contact_label: p.contact.strip_prefix("mailto:").unwrap_or(&p.contact),
            }),
            licence: g.meta().licence.as_ref().map(|l| Link {
                url: l.url.clone(),
                label: l.name.clone(),
            }),
            report_crumb: u.is_further_report().then(|| {
                let report = &g.meta().report;
                Link {
                    url: u.index("recommendations"),
                    label: report.name().to_string(),
                }
            }),
            absolute: u.is_absolute(),
            footer_links: g
                .pages()
                .iter()
                .filter(|p| !p.menu)
                .map(|p| Link {
                    url: u.page(&p.slug),
                    label: p.title.clone(),
                })
                .collect(),
            cite_script: u.at("cite.js"),
            home: u.home(),
            stylesheet: u.at("style.css"),
            favicon: u.at("favicon.svg"),
            favicon_ico: u.at("favicon.ico"),
            touch_icon: u.at("apple-touch-icon.png"),
            syntax_stylesheet: u.at("syntax.css"),
            search: u.search(),
            nav,
            changes: (!g.history().releases.is_empty()).then(|| u.changes()),
            changes_feed: (!g.history().releases.is_empty()).then(|| u.changes_feed()),
        }
    }
}

/// Per-page head data: title, description, canonical URL (the permalink), the preview image
/// and structured data.
#[derive(Debug, Serialize)]
pub(crate) struct Meta {
    pub title: String,
    pub description: String,
    /// The page's own URL path, for `aria-current` in the navigation.
    pub path: String,
    pub canonical: String,
    pub og_type: &'static str,
    /// The preview image: only with an absolute base URL, as `og:image` must be absolute.
    pub image: Option<ImageView>,
    /// JSON-LD, serialised and made safe inside `<script>` by `render::kinds::jsonld`.
    pub jsonld: Option<String>,
}

/// A page's preview image as `og:image` gives it.
#[derive(Debug, Serialize)]
pub(crate) struct ImageView {
    /// Absolute.
    pub url: String,
    pub width: u32,
    pub height: u32,
    /// What the image shows, for readers who cannot see it.
    pub alt: String,
}

impl ImageView {
    /// The image at site path `path`, or `None` when the base URL is not absolute.
    pub(crate) fn at(g: Site, path: &str, alt: String) -> Option<ImageView> {
        g.urls().is_absolute().then(|| ImageView {
            url: g.urls().absolute(path),
            width: crate::preview::WIDTH,
            height: crate::preview::HEIGHT,
            alt,
        })
    }
}

impl Meta {
    /// Meta for the page at site path `path`, with the site's preview image.
    pub(crate) fn new(g: Site, path: String, title: String, description: String) -> Meta {
        Meta {
            image: ImageView::at(g, &g.urls().site_preview(), g.meta().title.clone()),
            title,
            description,
            canonical: g.urls().absolute(&path),
            path,
            og_type: "website",
            jsonld: None,
        }
    }
}

/// The offline edition's ZIP, as the page that offers it shows it.
#[derive(Debug, Serialize)]
pub(crate) struct OfflineOffer {
    pub url: String,
    /// The name a browser saves it under (`download`): the archive's top folder, `.zip`.
    pub file_name: String,
    pub bytes: usize,
    /// The size in megabytes (10⁶ bytes), one decimal.
    pub megabytes: String,
}

/// A recommendation in a listing: id, level, short title (the link), addressees in brief.
/// Rendered by the theme's `rec_item.html` once per recommendation (`render::items`); also the
/// previous/next links of a recommendation page.
#[derive(Debug, Serialize)]
pub(crate) struct RecItem<'a> {
    pub id: String,
    pub url: String,
    pub title: &'a str,
    pub level: &'a str,
    pub level_label: &'a str,
    /// `all`, `open` or `designated`.
    pub scope: &'static str,
    /// How many Parties the source names (designated recommendations).
    pub named: usize,
    /// `complete`, `partial` or `unknown`: whether the source keeps the whole list.
    pub list_status: &'static str,
    /// How the source names the Party of this listing: "Belgium (French community)",
    /// "Health sector" (Party pages only).
    pub named_as: Vec<String>,
    /// The content's language when it differs from the interface language (the title is in
    /// it), as [`SiteView::content_lang`].
    pub content_lang: Option<&'a str>,
}

impl<'a> RecItem<'a> {
    pub(crate) fn new(g: Site<'_, 'a>, r: Shown<'a>) -> RecItem<'a> {
        let a = r.addressees();
        RecItem {
            id: r.id().to_string(),
            url: g.urls().recommendation(r.id()),
            title: r.title(),
            level: g.level_id(r.level()),
            level_label: &g.level_info(r.level()).label,
            scope: a.scope.as_str(),
            named: a.named_parties().len(),
            list_status: a.completeness().as_str(),
            named_as: Vec::new(),
            content_lang: g.meta().content_lang(),
        }
    }
}

/// A section as listings and breadcrumbs show it; the theme words it.
#[derive(Debug, Serialize)]
pub(crate) struct SectionRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: String,
}

impl<'a> SectionRef<'a> {
    pub(crate) fn new(g: Site<'_, 'a>, s: &'a crate::model::Section) -> SectionRef<'a> {
        SectionRef {
            id: s.id.as_str(),
            title: &s.title,
            url: g.urls().section(&s.id),
        }
    }
}

/// One level with how many recommendations of a listing have it.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LevelCount<'a> {
    pub level: &'a str,
    pub label: &'a str,
    pub url: String,
    pub count: usize,
}

/// Counts by level, strongest first, every level present (zero included).
pub(crate) fn level_counts<'a>(g: Site<'_, 'a>, recs: &[RecIdx]) -> Vec<LevelCount<'a>> {
    let counts = g.count_by_level(recs);
    g.levels()
        .iter()
        .rev()
        .map(|l| LevelCount {
            level: &l.id,
            label: &l.label,
            url: g.urls().level(&l.id),
            count: counts[l.level.index()],
        })
        .collect()
}

/// The name of a Party as listed, with the source's qualifier: "Belgium (French community)".
pub(crate) fn party_label(
    g: Site,
    slug: &crate::model::PartySlug,
    qualifier: Option<&str>,
) -> String {
    let name = g.party_name(slug);
    match qualifier {
        Some(q) => format!("{name} ({q})"),
        None => name.to_string(),
    }
}
