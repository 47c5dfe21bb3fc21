//! Content pages (`content/pages/*.md`): each page's Markdown in, its page out. Every page's
//! template also sees the data files with their sizes (the data page lists them) and the
//! dataset's `CITATION.cff` (the citation page shows it); which page shows what is the theme's
//! choice, by the page's slug.

use anyhow::Result;
use serde::Serialize;

use super::Renderer;
use super::data::Download;
use super::views::Meta;
use crate::markdown;
use crate::model::Page;

/// A content page: its Markdown rendered by us.
#[derive(Debug, Serialize)]
pub(super) struct ContentView<'a> {
    slug: &'a str,
    title: &'a str,
    html: String,
    /// Whether the page has code blocks, so it links the highlighting stylesheet.
    has_code: bool,
    /// The data files, once they are written.
    downloads: &'a [Download],
    /// The dataset's citation file, and its text.
    cff_url: String,
    cff: &'a str,
    /// Every recommendation's citation, as CSL-JSON.
    csl_url: String,
}

/// Each content page's Markdown rendered (the slow part: code blocks are highlighted), in the
/// dataset's page order.
pub(super) fn content_page_views<'a>(r: &Renderer<'_, 'a>) -> Vec<(&'a Page, String)> {
    let g = r.g;
    g.ds.pages
        .iter()
        .map(|p| (p, markdown::to_html(&p.body, g.urls.base())))
        .collect()
}

/// Renders the content pages (about, how to cite, data, accessibility) from their rendered
/// Markdown, with the data files written so far.
pub(super) fn render_content_pages(
    r: &Renderer,
    pages: Vec<(&Page, String)>,
    downloads: &[Download],
) -> Result<()> {
    let g = r.g;
    let cff = super::cff::citation_cff(r)?;
    for (p, html) in pages {
        let view = ContentView {
            slug: &p.slug,
            title: &p.title,
            html,
            has_code: markdown::has_code(&p.body),
            downloads,
            cff_url: g.urls.data_file("CITATION.cff"),
            cff: &cff,
            csl_url: g.urls.data_file("recommendations.csl.json"),
        };
        let meta = Meta::new(
            g,
            g.urls.page(&p.slug),
            p.title.clone(),
            p.description.clone(),
        );
        r.page("page.html", meta, &view)?;
    }
    Ok(())
}
