//! Listing items: each recommendation's `<li>` rendered once by the theme's `rec_item.html`,
//! then joined into every list that shows it (Party, section, level and index pages,
//! references). At 100× the 43 Party pages alone list 477,300 items: rendering 11,100 and
//! copying bytes is most of what makes listings cheap. Also made once per recommendation: its
//! permalink, which every Party's CSV repeats.

use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use super::Theme;
use super::compose::{ItemSource, ListHtml, Part};
use super::deps::Tracking;
use super::views::RecItem;
use crate::graph::{RecIdx, SiteGraph};
use crate::output::{Interner, PageScan, Prepared, scan_page};

/// The template that renders one item.
pub(super) const ITEM_TEMPLATE: &str = "rec_item.html";

/// Each recommendation's item, its links and ids, and its permalink, by [`RecIdx`].
pub(super) struct Items {
    html: Vec<Arc<str>>,
    scans: Vec<PageScan<'static>>,
    /// Each scan's [`PageScan::digest`].
    digests: Vec<u128>,
    /// Each scan looked up in a rebuild's interner, made the first time a page wants it.
    prepared: OnceLock<Vec<Prepared>>,
    permalinks: Vec<String>,
}

/// What `rec_item.html` sees.
#[derive(Serialize)]
struct ItemContext<'i, 'a> {
    item: &'i RecItem<'a>,
}

/// Renders one item with the theme's `rec_item.html`.
pub(super) fn render_item(theme: &Theme, item: &RecItem) -> Result<String> {
    let ctx = tera::Context::from_serialize(ItemContext { item })
        .context("building the template context")?;
    theme
        .tera
        .render(ITEM_TEMPLATE, &ctx)
        .with_context(|| format!("rendering {ITEM_TEMPLATE} for {}", item.id))
}

impl Items {
    /// Renders every recommendation's item, on all cores; on a rebuild (`tracking`), only
    /// those whose item may have changed, the others as the last render made them.
    pub(super) fn render(
        g: &SiteGraph,
        theme: &Theme,
        tracking: Option<&Tracking>,
    ) -> Result<Items> {
        let html = g
            .recs()
            .par_iter()
            .map(|&i| match tracking.and_then(|t| t.cached_item(i)) {
                Some(kept) => Ok(kept.clone()),
                None => render_item(theme, &RecItem::new(g, g.rec(i))).map(Arc::from),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Items::from_html(g, html))
    }

    /// Every item's HTML, by [`RecIdx`], for the next render to reuse.
    pub(super) fn into_html(self) -> Vec<Arc<str>> {
        self.html
    }

    fn from_html(g: &SiteGraph, html: Vec<Arc<str>>) -> Items {
        let permalinks = g.ds.recommendations.par_iter();
        let permalinks = permalinks
            .map(|r| g.urls.absolute(&g.urls.recommendation(&r.id)))
            .collect();
        // Each item is scanned once; every page that lists it takes its links from here.
        let scans: Vec<PageScan> = html.par_iter().map(|h| scan_page(h).into_owned()).collect();
        let digests = scans.par_iter().map(PageScan::digest).collect();
        Items {
            html,
            scans,
            digests,
            prepared: OnceLock::new(),
            permalinks,
        }
    }

    /// No item rendered (every one is empty), with every permalink: for a page that lists
    /// no recommendation.
    pub(super) fn permalinks_only(g: &SiteGraph) -> Items {
        Items::from_html(g, vec![Arc::from(""); g.recs().len()])
    }

    /// A recommendation's item, without a note.
    pub(super) fn html(&self, i: RecIdx) -> &Arc<str> {
        &self.html[i.index()]
    }

    /// A recommendation's permalink.
    pub(super) fn permalink(&self, i: RecIdx) -> &str {
        &self.permalinks[i.index()]
    }

    /// The items of `recs`, in the given order.
    pub(super) fn list(&self, recs: &[RecIdx]) -> ListHtml {
        ListHtml {
            count: recs.len(),
            parts: recs.iter().map(|&i| Part::Item(i)).collect(),
        }
    }
}

impl ItemSource for Items {
    fn html(&self, i: RecIdx) -> &Arc<str> {
        &self.html[i.index()]
    }

    fn scan(&self, i: RecIdx) -> &PageScan<'static> {
        &self.scans[i.index()]
    }

    fn digest(&self, i: RecIdx) -> u128 {
        self.digests[i.index()]
    }

    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared {
        // Made on one thread: a parallel pass could lend it to another page that waits on
        // the same cell. 11,100 items at 100× are a millisecond's lookups.
        let all = self.prepared.get_or_init(|| {
            let prepare = |s: &PageScan| interner.prepare(s.borrowed());
            self.scans.iter().map(prepare).collect()
        });
        &all[i.index()]
    }
}
