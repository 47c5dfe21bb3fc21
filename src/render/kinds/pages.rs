//! Content pages (`content/pages/*.md`): each page's Markdown in, its page out. Every page's
//! template also sees the data files with their sizes (the data page lists them) and the
//! dataset's `CITATION.cff` (the citation page shows it); which page shows what is the theme's
//! choice, by the page's slug.

use anyhow::Result;
use serde::Serialize;

use super::data::Download;
use crate::markdown::{self, values};
use crate::model::CitationFormat;
use crate::model::Page;
use crate::model::facts::Facts;
use crate::output::OutFile;
use crate::render::Renderer;
use crate::render::views::{Meta, OfflineOffer};

/// A content page: its Markdown rendered by us.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ContentView<'a> {
    slug: &'a str,
    title: &'a str,
    html: String,
    /// The same, split before its first `<h2>`: a page may put a block of the theme's after
    /// its opening paragraphs (the citation page, its example).
    lead_html: String,
    rest_html: String,
    /// Whether the page has code blocks, so it links the highlighting stylesheet.
    has_code: bool,
    /// The data files, once they are written.
    downloads: &'a [Download],
    /// The dataset's citation file, and its text.
    cff_url: String,
    cff: &'a str,
    /// Every recommendation's citation, as CSL-JSON.
    csl_url: String,
    /// The offline edition's ZIP, on the page that offers it, once the ZIP is made.
    offline: Option<&'a OfflineOffer>,
    /// A recommendation whose citation the citation page shows as its example, made by the
    /// same template as on the recommendation's page (none without recommendations).
    example: Option<CitationExample>,
}

/// The citation page's example: the first recommendation, its permalink and citation files.
#[derive(Debug, Serialize)]
struct CitationExample {
    id: String,
    permalink: String,
    bibtex_url: String,
    ris_url: String,
}

impl CitationExample {
    fn first(r: &Renderer) -> Option<CitationExample> {
        let (g, &i) = (r.site(), r.site().recs().first()?);
        let id = &g.item(i).id();
        Some(CitationExample {
            id: id.to_string(),
            permalink: r.items.permalink(i).to_string(),
            bibtex_url: g.urls().recommendation_citation(id, CitationFormat::Bibtex),
            ris_url: g.urls().recommendation_citation(id, CitationFormat::Ris),
        })
    }
}

/// Each content page's Markdown rendered (the slow part: code blocks are highlighted), in the
/// dataset's page order.
pub(in crate::render) fn content_page_views<'a>(r: &Renderer<'_, 'a>) -> Vec<(&'a Page, String)> {
    let facts = r.site().facts();
    let pages = r.site().pages().iter();
    pages.map(|p| (p, page_html(r, p, &facts))).collect()
}

/// A content page's HTML: its Markdown with the values it names (`{{ recommendations }}`)
/// from the data, rendered. Content pages are rendered again in every rebuild, so a count
/// that changes is never stale.
fn page_html(r: &Renderer, p: &Page, facts: &Facts) -> String {
    let md = values::expand(&p.body, |name| facts.value(name).flatten());
    markdown::to_html_with(&md, r.site().urls().base(), r.code)
}

/// Renders the content pages (about, how to cite, data, accessibility) from their rendered
/// Markdown, with the data files written so far. When the build zips the offline edition, the
/// page that offers it goes into the ZIP only, without the offer; [`render_offer_page`] adds
/// the site's version once the ZIP's size is known.
pub(in crate::render) fn render_content_pages(
    r: &Renderer,
    pages: Vec<(&Page, String)>,
    downloads: &[Download],
) -> Result<()> {
    let cff = super::cff::citation_cff(r)?;
    for (p, html) in pages {
        let (meta, view) = page_view(r, p, html, downloads, &cff, None)?;
        if p.slug != crate::render::OFFLINE_OFFER_PAGE || r.out.zip().is_none() {
            r.page("page.html", meta, &view)?;
            continue;
        }
        let html = r.render_html("page.html", &meta, &view)?;
        let path = r.site().urls().output_path(&meta.path).unwrap_or_default();
        r.sitemap().push(meta.canonical);
        r.out.put(OutFile::new(path, html).offline_only())?;
    }
    Ok(())
}

/// The site's version of the page that offers the offline edition: with the offer, and not
/// zipped.
pub(in crate::render) fn render_offer_page(
    r: &Renderer,
    p: &Page,
    downloads: &[Download],
    offer: &OfflineOffer,
) -> Result<()> {
    let cff = super::cff::citation_cff(r)?;
    let html = page_html(r, p, &r.site().facts());
    let (meta, view) = page_view(r, p, html, downloads, &cff, Some(offer))?;
    let html = r.render_html("page.html", &meta, &view)?;
    let path = r.site().urls().output_path(&meta.path).unwrap_or_default();
    r.out.put(OutFile::new(path, html).online_only())
}

/// One content page's metadata (the data page's with its `Dataset` JSON-LD) and view.
fn page_view<'a>(
    r: &Renderer,
    p: &'a Page,
    html: String,
    downloads: &'a [Download],
    cff: &'a str,
    offline: Option<&'a OfflineOffer>,
) -> Result<(Meta, ContentView<'a>)> {
    let g = r.site();
    let (lead, rest) = html.split_at(html.find("<h2").unwrap_or(html.len()));
    let (lead_html, rest_html) = (lead.to_string(), rest.to_string());
    let view = ContentView {
        slug: &p.slug,
        title: &p.title,
        lead_html,
        rest_html,
        html,
        has_code: markdown::has_code(&p.body),
        downloads,
        cff_url: g.urls().data_file("CITATION.cff"),
        cff,
        csl_url: g.urls().data_file("recommendations.csl.json"),
        offline,
        example: CitationExample::first(r),
    };
    let mut meta = Meta::new(
        g,
        g.urls().page(&p.slug),
        p.title.clone(),
        p.description.clone(),
    );
    if p.slug == super::jsonld::DATA_PAGE {
        let dataset = super::jsonld::dataset(g, &meta.canonical, &p.description, downloads)?;
        meta.jsonld = Some(dataset);
    }
    Ok((meta, view))
}
