//! Paginated listings: a list of recommendations and its first page's URL in, the pages that
//! hold it out, at most [`PAGE_SIZE`] items each (page 1 at the URL itself, page n at
//! `page/n/`), each with links to every page of the list (`rel="prev"`, `rel="next"`,
//! `aria-current`). So no listing grows with the dataset: at 100× the largest is 200 items.

use crate::render::engine::Site;
use std::sync::Arc;

use anyhow::Result;
use serde::Serialize;

use super::Renderer;
use super::compose::{ListHtml, Part};
use super::kinds::listings::{ListingGroup, ListingView};
use super::views::{LevelCount, Link, Meta};
use crate::graph::RecIdx;

/// The most items a listing page holds; a longer list is paginated. The bundled content's
/// longest list, the 111 recommendations, fits on one page.
pub(crate) const PAGE_SIZE: usize = 200;

/// The most items a Party page lists in one group; a longer group shows its count per
/// section, with links to the list's own pages. The bundled content's longest group is 52
/// (the recommendations to all Parties), so its Party pages list every group in full.
pub(crate) const INLINE_MAX: usize = 200;

/// How many pages a list of `n` items takes (an empty list still has its one page).
pub(super) fn page_count(n: usize) -> usize {
    n.div_ceil(PAGE_SIZE).max(1)
}

/// The page (from 1) that holds the item at position `k` (from 0) of a list.
pub(super) fn page_of(k: usize) -> usize {
    k / PAGE_SIZE + 1
}

/// The links between the pages of one list, for the page `current` of `total`.
#[derive(Debug, Serialize)]
pub(super) struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    pages: Vec<PageLink>,
}

/// One page of a list in its pagination.
#[derive(Debug, Serialize)]
struct PageLink {
    n: usize,
    url: String,
    current: bool,
}

/// The pagination of page `current` of a list of `total` pages at `first`; `None` for a list
/// of one page.
pub(super) fn pagination(g: Site, first: &str, current: usize, total: usize) -> Option<Pagination> {
    let url = |n| g.urls().paged(first, n);
    (total > 1).then(|| Pagination {
        current,
        total,
        prev: (current > 1).then(|| url(current - 1)),
        next: (current < total).then(|| url(current + 1)),
        pages: (1..=total)
            .map(|n| PageLink {
                n,
                url: url(n),
                current: n == current,
            })
            .collect(),
    })
}

/// What a paginated listing says on each of its pages.
pub(super) struct Paged<'a> {
    /// The URL of page 1.
    pub first: String,
    pub heading: String,
    pub intro: String,
    pub description: String,
    pub crumb: Option<Link>,
    pub counts: Vec<LevelCount<'a>>,
    /// Under a heading per section (each `#section-<id>`), or one plain list.
    pub by_section: bool,
}

/// Renders the pages of `recs`, whose items are `parts` (one per recommendation, same order),
/// with `listing.html`. The caller records what the items read.
pub(super) fn render(r: &Renderer, p: &Paged, recs: &[RecIdx], parts: Vec<Part>) -> Result<()> {
    let g = r.site();
    let total = page_count(recs.len());
    let mut parts = parts.into_iter();
    for n in 1..=total {
        let start = (n - 1) * PAGE_SIZE;
        let chunk = &recs[start.min(recs.len())..(n * PAGE_SIZE).min(recs.len())];
        let page_parts: Vec<Part> = parts.by_ref().take(chunk.len()).collect();
        let groups = if p.by_section {
            section_groups(r, chunk, page_parts)?
        } else {
            vec![ListingGroup::plain(list_of(page_parts))]
        };
        let heading = if total > 1 {
            let (n, of) = (n.to_string(), total.to_string());
            let args = [("title", p.heading.as_str()), ("n", &n), ("total", &of)];
            r.strings().fill("listing.paged_title", &args)?
        } else {
            p.heading.clone()
        };
        let url = g.urls().paged(&p.first, n);
        let view = ListingView {
            heading,
            intro: p.intro.clone(),
            crumb: p.crumb.clone(),
            counts: p.counts.clone(),
            groups,
            groupings: Vec::new(),
            pagination: pagination(g, &p.first, n, total),
        };
        let meta = Meta::new(g, url, view.heading.clone(), p.description.clone());
        r.page("listing.html", meta, &view)?;
    }
    Ok(())
}

fn list_of(parts: Vec<Part>) -> ListHtml {
    ListHtml {
        count: parts.len(),
        parts: Arc::from(parts),
    }
}

/// `recs` under a heading per section, linking to the section's page.
fn section_groups(r: &Renderer, recs: &[RecIdx], parts: Vec<Part>) -> Result<Vec<ListingGroup>> {
    let g = r.site();
    let mut out: Vec<ListingGroup> = Vec::new();
    let mut run: Vec<Part> = Vec::new();
    let mut parts = parts.into_iter();
    for (k, &i) in recs.iter().enumerate() {
        run.extend(parts.next());
        let section = g.section_of(i);
        if recs.get(k + 1).and_then(|&j| g.section_of(j)) == section {
            continue;
        }
        let Some(s) = section.map(|s| g.section(s)) else {
            out.push(ListingGroup::plain(list_of(std::mem::take(&mut run))));
            continue;
        };
        let args = [("id", s.id.as_str()), ("title", s.title.as_str())];
        out.push(ListingGroup {
            heading: Some(Link {
                url: g.urls().section(&s.id),
                label: r.strings().fill("listing.section_title", &args)?,
            }),
            anchor: Some(section_anchor(&s.id)),
            list: list_of(std::mem::take(&mut run)),
            elsewhere: None,
        });
    }
    Ok(out)
}

/// A section's anchor on a paginated listing: `section-iii`.
pub(super) fn section_anchor(id: &crate::model::SectionId) -> String {
    format!("section-{}", id.slug())
}

/// Where section `s`'s first item of `recs` is on the list's pages at `first`:
/// `…/page/3/#section-iii`; `None` when no item of `recs` is in it.
pub(super) fn section_link(
    g: Site,
    first: &str,
    recs: &[RecIdx],
    s: crate::graph::SectionIdx,
) -> Option<String> {
    let k = recs.iter().position(|&i| g.section_of(i) == Some(s))?;
    let page = g.urls().paged(first, page_of(k));
    Some(format!("{page}#{}", section_anchor(&g.section(s).id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_hold_page_size_items() {
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(PAGE_SIZE), 1);
        assert_eq!(page_count(PAGE_SIZE + 1), 2);
        assert_eq!(page_of(0), 1);
        assert_eq!(page_of(PAGE_SIZE - 1), 1);
        assert_eq!(page_of(PAGE_SIZE), 2);
    }
}
