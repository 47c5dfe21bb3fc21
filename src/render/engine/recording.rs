//! What the renderer records for rebuilds: each unit (a page and the files beside it) run or
//! kept as the last build's record says, and what it reads, writes and lists in
//! the sitemap, in the unit open on the thread (see `deps`).

use std::sync::PoisonError;

use anyhow::Result;

use super::Renderer;
use super::deps;
use crate::graph::RecIdx;
use crate::render::compose::{ListHtml, Part};

impl Renderer<'_, '_> {
    /// Lists a canonical address in the sitemap.
    pub(in crate::render) fn list_in_sitemap(&self, url: String) {
        deps::listed(&url);
        self.sitemap
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(url);
    }

    /// Renders one unit (a page and the files made beside it) with `f`, recording what it
    /// reads; on a rebuild, keeps the last render's files instead when it read nothing that
    /// changed. `key` names the unit: its page's address.
    pub(in crate::render) fn unit(&self, key: &str, f: impl FnOnce() -> Result<()>) -> Result<()> {
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
    pub(in crate::render) fn same_links_as_last(&self, path: &str, digest: u128) -> bool {
        self.tracking.is_some_and(|t| t.composed(path, digest))
    }

    /// Every address listed in the sitemap so far.
    pub(in crate::render) fn sitemap(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.sitemap.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records the file at `path` as the open unit's, or as written outside any unit.
    pub(in crate::render) fn wrote(&self, path: &str) {
        if let Some(t) = self.tracking
            && !deps::wrote(path)
        {
            t.loose(path);
        }
    }

    /// The parts of a page that lists `recs` by their items, recorded as read.
    pub(in crate::render) fn item_parts(&self, recs: &[RecIdx]) -> Vec<Part> {
        self.site().read_items(recs);
        recs.iter().map(|&i| Part::Item(i)).collect()
    }

    /// The items of `recs`, joined, recorded as read.
    pub(in crate::render) fn list(&self, recs: &[RecIdx]) -> ListHtml {
        self.site().read_items(recs);
        self.items.list(recs)
    }
}
