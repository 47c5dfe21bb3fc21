//! Listing items: each recommendation's `<li>` rendered once by the theme's `rec_item.html`,
//! then joined into every list that shows it (Party, section, level and index pages,
//! references). At 100× the 43 Party pages alone list 477,300 items: rendering 11,100 and
//! copying bytes is most of what makes listings cheap. Also made once per recommendation: its
//! permalink, which every Party's CSV repeats.

use std::borrow::Cow;
use std::collections::HashMap;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use super::Theme;
use super::views::RecItem;
use crate::graph::SiteGraph;
use crate::model::{RecId, Recommendation};

/// The template that renders one item.
pub(super) const ITEM_TEMPLATE: &str = "rec_item.html";

/// Each recommendation's item and permalink, by position in report order.
pub(super) struct Items<'a> {
    recs: &'a [Recommendation],
    html: Vec<String>,
    permalinks: Vec<String>,
    by_id: HashMap<&'a RecId, usize>,
}

/// A list of recommendations as templates see it: how many, and their items' HTML (ours,
/// escaped when each item was rendered; the template marks it `safe`).
#[derive(Debug, Serialize)]
pub(super) struct ListHtml<'h> {
    pub count: usize,
    pub html: Cow<'h, str>,
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

impl<'a> Items<'a> {
    /// Renders every recommendation's item, on all cores.
    pub fn render(g: &SiteGraph<'a>, theme: &Theme) -> Result<Items<'a>> {
        let recs = g.ds.recommendations.as_slice();
        let html = recs
            .par_iter()
            .map(|r| render_item(theme, &RecItem::new(g, r)))
            .collect::<Result<Vec<_>>>()?;
        Ok(Items::from_html(g, html))
    }

    fn from_html(g: &SiteGraph<'a>, html: Vec<String>) -> Items<'a> {
        let recs = g.ds.recommendations.as_slice();
        let permalinks = recs
            .iter()
            .map(|r| g.urls.absolute(&g.urls.recommendation(&r.id)))
            .collect();
        let by_id = recs.iter().enumerate().map(|(i, r)| (&r.id, i)).collect();
        Items {
            recs,
            html,
            permalinks,
            by_id,
        }
    }

    /// Like [`Items::render`], but renders only the items of `recs` (the others are empty):
    /// for a rebuild that renders one recommendation's page.
    pub fn render_some(
        g: &SiteGraph<'a>,
        theme: &Theme,
        recs: &[&Recommendation],
    ) -> Result<Items<'a>> {
        let mut items = Items::from_html(g, vec![String::new(); g.ds.recommendations.len()]);
        for rec in recs {
            let i = items.position(rec);
            items.html[i] = render_item(theme, &RecItem::new(g, &items.recs[i]))?;
        }
        Ok(items)
    }

    /// Where `rec` (one of the dataset's) is in report order: found by its address, which
    /// is much cheaper than hashing its id half a million times.
    fn position(&self, rec: &Recommendation) -> usize {
        let size = std::mem::size_of::<Recommendation>().max(1);
        let start = self.recs.as_ptr() as usize;
        let i = (rec as *const Recommendation as usize).wrapping_sub(start) / size;
        match self.recs.get(i) {
            Some(r) if std::ptr::eq(r, rec) => i,
            _ => self.by_id[&rec.id],
        }
    }

    /// The recommendation with this id.
    pub fn get(&self, id: &RecId) -> Option<&'a Recommendation> {
        self.by_id.get(id).map(|&i| &self.recs[i])
    }

    /// `rec`'s item, without a note.
    pub fn html(&self, rec: &Recommendation) -> &str {
        &self.html[self.position(rec)]
    }

    /// `rec`'s permalink.
    pub fn permalink(&self, rec: &Recommendation) -> &str {
        &self.permalinks[self.position(rec)]
    }

    /// The items of `recs`, in the given order, joined.
    pub fn list(&self, recs: &[&Recommendation]) -> ListHtml<'static> {
        let len = recs.iter().map(|r| self.html(r).len()).sum();
        let mut html = String::with_capacity(len);
        for r in recs {
            html.push_str(self.html(r));
        }
        ListHtml {
            count: recs.len(),
            html: Cow::Owned(html),
        }
    }
}
