//! What the renderer records for rebuilds: each unit (a page and the files beside it) run or
//! kept as the last build's record says, and what it reads, writes and lists in
//! the sitemap, in the unit open on the thread (see `deps`).

use std::sync::PoisonError;

use anyhow::Result;

use super::Renderer;
use super::compose::ListHtml;
use super::deps::{self, Node};
use crate::graph::RecIdx;
use crate::model::Recommendation;

impl<'a> Renderer<'_, 'a> {
    /// Lists a canonical address in the sitemap.
    pub(super) fn list_in_sitemap(&self, url: String) {
        deps::listed(&url);
        self.sitemap
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(url);
    }

    /// Renders one unit (a page and the files made beside it) with `f`, recording what it
    /// reads; on a rebuild, keeps the last render's files instead when it read nothing that
    /// changed. `key` names the unit: its page's address.
    pub(super) fn unit(&self, key: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
        let Some(t) = self.tracking else {
            return f();
        };
        let Some(kept) = t.keep(key) else {
            return t.render(key.to_string(), f);
        };
        t.kept(key.to_string());
        let mut all = self.sitemap.lock().unwrap_or_else(PoisonError::into_inner);
        all.extend(kept.sitemap().iter().cloned());
        Ok(())
    }

    /// Whether the composed page at `path`, whose links and ids have `digest`, links and names
    /// exactly what the last render's page there did; the digest is kept for the next render.
    pub(super) fn same_links_as_last(&self, path: &str, digest: u128) -> bool {
        self.tracking.is_some_and(|t| t.composed(path, digest))
    }

    /// Records the file at `path` as the open unit's, or as written outside any unit.
    pub(super) fn wrote(&self, path: &str) {
        if let Some(t) = self.tracking
            && !deps::wrote(path)
        {
            t.loose(path);
        }
    }

    /// Records that the open unit read `node`.
    pub(super) fn read(&self, node: Node) {
        if self.tracking.is_some() {
            deps::read(node);
        }
    }

    /// Records that the open unit read `node` of recommendation `i` (`Node::Neighbours`…).
    pub(super) fn read_of(&self, i: RecIdx, node: fn(deps::RecKey) -> Node) {
        if let Some(t) = self.tracking {
            deps::read(node(t.key(i)));
        }
    }

    /// Recommendation `i`, all of it: recorded as read.
    pub(super) fn read_rec(&self, i: RecIdx) -> &'a Recommendation {
        self.read_of(i, Node::Rec);
        self.g.rec(i)
    }

    /// Records that the open unit shows the ids, titles, levels or addressees of `recs`
    /// otherwise than by their list items as rendered.
    pub(super) fn read_items(&self, recs: &[RecIdx]) {
        if let Some(t) = self.tracking {
            deps::read_all(recs.iter().map(|&i| Node::Item(t.key(i))));
        }
    }

    /// Records that the open unit includes the list items of `recs` as rendered.
    pub(super) fn read_listed(&self, recs: &[RecIdx]) {
        if let Some(t) = self.tracking {
            deps::read_all(recs.iter().map(|&i| Node::Item(t.key(i))));
        }
    }

    /// Records that the open unit includes every recommendation's list item as rendered, and
    /// reads which recommendations there are.
    pub(super) fn read_all_listed(&self) {
        self.read(Node::Counts);
        self.read(Node::EveryItem);
    }

    /// The items of `recs`, joined, recorded as read.
    pub(super) fn list(&self, recs: &[RecIdx]) -> ListHtml {
        self.read_listed(recs);
        self.items.list(recs)
    }
}
