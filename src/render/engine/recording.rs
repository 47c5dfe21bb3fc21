//! What the renderer records for rebuilds: each unit (a page and the files beside it) run or
//! kept as the last build's record says, and what it reads, writes and lists in
//! the sitemap, in the unit open on the thread (see `deps`).

use std::sync::PoisonError;

use anyhow::Result;

use super::Renderer;
use super::deps;
use crate::graph::{PartyIdx, RecIdx};
use crate::output::{OutFile, Piece};
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

    /// Takes the last render's page at `meta`'s address whole when it was made from the same
    /// `shape` (a digest of all its template saw, the entries it lists only by which they are)
    /// and none of `reads` changed: a brief's part that an edit of another part leaves as it
    /// was. Whether it did; when not, the caller renders the page.
    pub(in crate::render) fn kept_page(
        &self,
        meta: &crate::render::views::Meta,
        shape: u128,
        reads: &[deps::Node],
    ) -> Result<bool> {
        let Some(t) = self.tracking else {
            return Ok(false);
        };
        let Some(path) = self.site().urls().output_path(&meta.path) else {
            anyhow::bail!("internal error: URL {} is outside the base path", meta.path);
        };
        let Some((body, digest)) = t.same_page(&path, shape, reads) else {
            return Ok(false);
        };
        self.wrote(&path);
        self.same_links_as_last(&path, digest);
        self.list_in_sitemap(meta.canonical.clone());
        let file = OutFile::composed(path, Vec::new(), None);
        self.out.put(OutFile {
            body: body.clone(),
            ..file
        })?;
        Ok(true)
    }

    /// Party `p`'s own HTML of kind `own` for each of `recs`, in order: kept from the last
    /// render while what it shows of the recommendation did not change, else made by `make`
    /// (`None`: the recommendation names the Party plainly) and kept for the next render.
    pub(in crate::render) fn own_html(
        &self,
        own: deps::Own,
        p: PartyIdx,
        recs: &[RecIdx],
        make: impl Fn(RecIdx) -> Result<Option<Piece>>,
    ) -> Result<Vec<Option<Piece>>> {
        let mut made = Vec::new();
        let mut out = Vec::with_capacity(recs.len());
        for &i in recs {
            let html = match self.tracking.and_then(|t| t.cached_own(own, i, p)) {
                Some(kept) => kept.cloned(),
                None => {
                    let html = make(i)?;
                    made.push((i, html.clone()));
                    html
                }
            };
            out.push(html);
        }
        if let Some(t) = self.tracking {
            t.keep_own(own, p, made);
        }
        Ok(out)
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
