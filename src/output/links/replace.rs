//! Replacing a batch of files (a rebuild that changes a few files): the new, changed and removed
//! files in, what the batch touched out, and then only the links the batch can break checked.
//!
//! A link's verdict depends on its page, its text, and whether its target file exists and has
//! the `id` it names. So after a batch, only three kinds of link can change verdict: the links
//! on the pages the batch added or replaced, the links to files the batch removed or added,
//! and the links to an anchor of a file the batch gave other ids. Given an index whose last check was clean, checking those gives what a
//! full [`LinkIndex::check`] of the new state gives, in the same order.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::{BrokenLink, Inverse, LinkIndex, LinkRef, PageLinks, Prepared};
#[cfg(test)]
use crate::html_scan::PageScan;
use crate::model::Urls;

/// What a batch of replacements changed, for [`LinkIndex::check_after`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Touched {
    /// HTML pages added or replaced: every link on them is checked again.
    pages: BTreeSet<String>,
    /// Files removed or added: every link to them is checked again.
    targets: BTreeSet<String>,
    /// Files kept with other `id`s: every link to an anchor of them is checked again.
    anchors: BTreeSet<String>,
}

impl Touched {
    /// Adds what another batch touched: when a state is kept although its check after a batch
    /// found broken links, the next check must look at both batches' links.
    #[cfg(test)]
    pub(crate) fn merge(&mut self, other: Touched) {
        self.pages.extend(other.pages);
        self.targets.extend(other.targets);
        self.anchors.extend(other.anchors);
    }
}

impl LinkIndex {
    /// Makes the index of which pages link to which file, unless it is made already for
    /// `urls`. [`LinkIndex::replace`] makes it when it must; calling this after a full build
    /// spares the first replacement the time (about one full check's).
    pub(crate) fn track_targets(&mut self, urls: &Urls) {
        if self.inverse.as_ref().is_some_and(|i| i.urls() == urls) {
            return;
        }
        let pages = self
            .files
            .iter()
            .filter_map(|(path, page)| Some((path.as_str(), page.as_ref()?)));
        self.inverse = Some(Inverse::build(urls, pages, &self.interner.strings));
    }

    /// Forgets the files at `removed` (paths not recorded are ignored), then records each file
    /// of `changed`, new or in place of the one at its path (`None` for a file that is not an
    /// HTML page, as for [`LinkIndex::add`]); returns what [`LinkIndex::check_after`] must look
    /// at. A path in both lists is replaced, as if it were only in `changed`.
    #[cfg(test)]
    pub(crate) fn replace(
        &mut self,
        urls: &Urls,
        changed: Vec<(String, Option<PageScan>)>,
        removed: &[String],
    ) -> Touched {
        let changed = changed
            .into_iter()
            .map(|(path, scan)| (path, scan.map(|s| self.interner.prepare(s))))
            .collect();
        self.replace_prepared(urls, changed, removed, true)
    }

    /// [`LinkIndex::replace`], each page's links looked up already ([`Interner::prepare`]);
    /// `track`: keeps the index of who links where (else forgets it, and
    /// [`LinkIndex::check_after`] checks every link).
    pub(crate) fn replace_prepared(
        &mut self,
        urls: &Urls,
        changed: Vec<(String, Option<Prepared>)>,
        removed: &[String],
        track: bool,
    ) -> Touched {
        match track {
            true => self.track_targets(urls),
            false => self.inverse = None,
        }
        let mut touched = Touched::default();
        // A file removed and made again is replaced: were it removed first, every link to it
        // would be checked again, though it is still there.
        let again: HashSet<&str> = changed.iter().map(|(p, _)| p.as_str()).collect();
        for path in removed.iter().filter(|p| !again.contains(p.as_str())) {
            if let Some(old) = self.files.remove(path) {
                self.forget(path, old.as_ref());
                touched.targets.insert(path.clone());
            }
        }
        drop(again);
        for (path, scan) in changed {
            let new = scan.map(|p| self.prepared_links(p));
            let old = self.files.remove(&path);
            // A new file can change the verdict of links to it; other ids, of links to its
            // anchors.
            match &old {
                None => touched.targets.insert(path.clone()),
                Some(old) if ids(old) != ids(&new) => touched.anchors.insert(path.clone()),
                Some(_) => false,
            };
            self.relink(&path, old.flatten().as_ref(), new.as_ref());
            if new.is_some() {
                touched.pages.insert(path.clone());
            }
            self.files.insert(path, new);
        }
        touched
    }

    fn prepared_links(&mut self, page: Prepared) -> PageLinks {
        let links = page.links.into_iter().map(|l| match l {
            LinkRef::Known(n) => n,
            LinkRef::New(link) => self.intern(&link),
        });
        PageLinks {
            links: links.collect(),
            ids: page.ids,
        }
    }

    /// Tells the index of who links where that the page at `path` now holds the links of
    /// `new` instead of those of `old`: only the links one holds and the other does not are
    /// forgotten or recorded (a Party page with one more item changes one of 11,100 at 100×).
    fn relink(&mut self, path: &str, old: Option<&PageLinks>, new: Option<&PageLinks>) {
        let Some(inverse) = self.inverse.as_mut() else {
            return;
        };
        let distinct = |p: Option<&PageLinks>| {
            let mut links = p.map_or_else(Vec::new, |p| p.links.clone());
            links.sort_unstable();
            links.dedup();
            links
        };
        let (old, new) = (distinct(old), distinct(new));
        let (mut gone, mut came) = (difference(&old, &new), difference(&new, &old));
        // A page-relative link shares its target's list with the page's other links to the
        // same file: those are all forgotten, then recorded again.
        let kept_relative: Vec<u32> = old
            .iter()
            .copied()
            .filter(|n| inverse.is_relative(*n) && new.binary_search(n).is_ok())
            .collect();
        gone.extend(&kept_relative);
        came.extend(&kept_relative);
        inverse.forget(path, &PageLinks::of(gone), &self.interner.strings);
        inverse.record(path, &PageLinks::of(came), &self.interner.strings);
    }

    fn forget(&mut self, path: &str, old: Option<&PageLinks>) {
        if let (Some(old), Some(inverse)) = (old, self.inverse.as_mut()) {
            inverse.forget(path, old, &self.interner.strings);
        }
    }

    /// The broken links after the batches that returned `touched`, by page path, then in page
    /// order: the same as [`LinkIndex::check`] gives, provided that the index's check before
    /// those batches was clean. Without the index of who links where (after an `add` or a
    /// `remove`), the whole site is checked.
    pub(crate) fn check_after(&self, urls: &Urls, touched: &Touched) -> Vec<BrokenLink> {
        let Some(inverse) = self.inverse.as_ref().filter(|i| i.urls() == urls) else {
            return self.check(urls);
        };
        let (mut linkers, mut affected) = (Vec::new(), Vec::new());
        for target in &touched.targets {
            inverse.linkers(
                target,
                false,
                &self.interner.strings,
                &mut linkers,
                &mut affected,
            );
        }
        for target in &touched.anchors {
            inverse.linkers(
                target,
                true,
                &self.interner.strings,
                &mut linkers,
                &mut affected,
            );
        }
        // A page that links to what changed, but did not change itself, needs only its links
        // to what changed checked (and its page-relative ones, which may be how it links to
        // it): its other links keep their (clean) verdicts.
        let mut only = inverse.relative_links();
        only.resize(self.interner.strings.len(), false);
        for n in affected {
            only[n as usize] = true;
        }
        let mut pages: BTreeMap<&str, bool> = BTreeMap::new();
        pages.extend(linkers.into_iter().map(|n| (inverse.name(n), false)));
        pages.extend(touched.pages.iter().map(|p| (p.as_str(), true)));
        let pages = pages
            .into_iter()
            .filter_map(|(p, all)| Some((p, self.files.get(p)?.as_ref()?, all)))
            .collect();
        self.check_pages(pages, &only, urls)
    }
}

/// The ids a link to this file can name: none for a file that is not a page.
fn ids(page: &Option<PageLinks>) -> &[Box<str>] {
    page.as_ref().map_or(&[], |p| &p.ids)
}

/// The numbers of sorted `a` that sorted `b` does not hold.
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::new();
    let mut rest = b;
    for &n in a {
        while rest.first().is_some_and(|&m| m < n) {
            rest = &rest[1..];
        }
        if rest.first() != Some(&n) {
            out.push(n);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html_scan::scan;

    #[test]
    fn the_difference_of_sorted_lists() {
        assert_eq!(difference(&[1, 3, 5, 7], &[2, 3, 7, 9]), [1, 5]);
        assert_eq!(difference(&[2, 3], &[]), [2, 3]);
        assert_eq!(difference(&[], &[1]), Vec::<u32>::new());
    }

    #[test]
    fn a_file_removed_and_made_again_with_the_same_ids_touches_no_target() {
        let urls = Urls::parse("/").unwrap();
        let mut index = LinkIndex::default();
        index.add("a/index.html".into(), Some(scan(r##"<a href="/b/#x">"##)));
        index.add("b/index.html".into(), Some(scan(r#"<p id="x">"#)));
        index.add("s.css".into(), None);
        let b = scan(r#"<p id="x">other text"#);
        let removed = ["b/index.html".to_string(), "s.css".to_string()];
        let touched = index.replace(
            &urls,
            vec![("b/index.html".into(), Some(b)), ("s.css".into(), None)],
            &removed,
        );
        // Only b's own links are read again; no link to b or to the style sheet.
        assert_eq!(touched.pages, BTreeSet::from(["b/index.html".to_string()]));
        assert!(touched.targets.is_empty() && touched.anchors.is_empty());
        assert_eq!(index.check_after(&urls, &touched), []);
    }
}
