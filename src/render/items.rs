//! Listing items: each recommendation's `<li>` rendered once by the theme's `rec_item.html`,
//! then joined into every list that shows it (Party, section, level and index pages,
//! references). At 100× the 43 Party pages alone list 477,300 items: rendering 11,100 and
//! copying bytes is most of what makes listings cheap. Also made once per recommendation: its
//! permalink, which every Party's CSV repeats. A rebuild takes each item whose recommendation
//! did not change as the last render made it, scanned.

use crate::render::engine::Site;
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use super::Theme;
use super::compose::{ItemSource, ListHtml, Part};
use super::deps::Tracking;
use super::views::RecItem;
use crate::graph::RecIdx;
use crate::html_scan::{PageScan, scan as scan_page};
use crate::output::{Interner, Piece, Prepared};

/// The template that renders one item.
pub(super) const ITEM_TEMPLATE: &str = "rec_item.html";

/// Each recommendation's item, its links and ids, and its permalink, by [`RecIdx`].
pub(super) struct Items {
    made: Vec<MadeItem>,
    /// Each scan looked up in a rebuild's interner, made the first time a page wants it.
    prepared: OnceLock<Vec<Prepared>>,
}

/// One recommendation's item as a render made it, with what is made from it once per build:
/// its links and ids, their [`PageScan::digest`], and the recommendation's permalink. A
/// rebuild takes it whole from the last render while the item did not change.
#[derive(Debug, Clone)]
pub(crate) struct MadeItem {
    html: Piece,
    scan: Arc<PageScan<'static>>,
    digest: u128,
    permalink: Arc<str>,
}

impl MadeItem {
    /// Recommendation `i`'s item `html`, scanned.
    fn new(g: Site, i: RecIdx, html: String) -> MadeItem {
        // Each item is scanned once; every page that lists it takes its links from here.
        let scan = scan_page(&html).into_owned();
        let permalink = g.urls().permalink(g.item(i).id());
        MadeItem {
            digest: scan.digest(),
            scan: Arc::new(scan),
            html: Piece::from(html),
            permalink: Arc::from(permalink),
        }
    }
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
    pub(super) fn render(g: Site, theme: &Theme, tracking: Option<&Tracking>) -> Result<Items> {
        let made = g
            .recs()
            .par_iter()
            .map(|&i| match tracking.and_then(|t| t.cached_item(i)) {
                Some(kept) => Ok(kept.clone()),
                None => render_item(theme, &RecItem::new(g, g.item(i)))
                    .map(|html| MadeItem::new(g, i, html)),
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Items {
            made,
            prepared: OnceLock::new(),
        })
    }

    /// Every item as made, by [`RecIdx`], for the next render to reuse.
    pub(super) fn into_made(self) -> Vec<MadeItem> {
        self.made
    }

    /// No item rendered (every one is empty), with every permalink: for a page that lists
    /// no recommendation.
    pub(super) fn permalinks_only(g: Site) -> Items {
        let made = g.recs().par_iter();
        Items {
            made: made.map(|&i| MadeItem::new(g, i, String::new())).collect(),
            prepared: OnceLock::new(),
        }
    }

    /// A recommendation's permalink.
    pub(super) fn permalink(&self, i: RecIdx) -> &str {
        &self.made[i.index()].permalink
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
    fn piece(&self, i: RecIdx) -> &Piece {
        &self.made[i.index()].html
    }

    fn scan(&self, i: RecIdx) -> &PageScan<'static> {
        &self.made[i.index()].scan
    }

    fn digest(&self, i: RecIdx) -> u128 {
        self.made[i.index()].digest
    }

    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared {
        // Made on one thread: a parallel pass could lend it to another page that waits on
        // the same cell. 11,100 items at 100× are a millisecond's lookups.
        let all = self.prepared.get_or_init(|| {
            let prepare = |m: &MadeItem| interner.prepare(m.scan.borrowed());
            self.made.iter().map(prepare).collect()
        });
        &all[i.index()]
    }
}
