//! Who links where: the pages of a link index in, for each output file the pages whose links
//! resolve to it out, so that a change to a few files is checked by reading only the pages that
//! link to them. Kept up to date page by page as pages come and go.
//!
//! A link that means the same on every page (`/a/`, `https://x.org/a/`) is resolved once and
//! keeps the list of pages that hold it; only page-relative links with a path (`../a/`) are
//! resolved per page. `#x` and `?q` point at their own page, which is checked again whenever
//! it changes, so they need no list.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::{PageLinks, page_relative, resolve};
use crate::fx::FxHasher;
use crate::model::Urls;

type FxMap<V> = HashMap<Box<str>, V, BuildHasherDefault<FxHasher>>;

/// Where an interned link points, worked out the first time a page holds it.
#[derive(Debug)]
enum Reach {
    /// Not met yet.
    Unknown,
    /// `#x`, `?q`: the page itself.
    Itself,
    /// `a/b`, `../x`: depends on the page; resolved per page, kept in `Inverse::relative`.
    Relative,
    /// External, or outside the site: no file's change alters its verdict.
    Nowhere,
    /// One file of the site from every page: the pages that hold the link (sorted numbers).
    File(Vec<u32>),
}

/// For each output file, the pages that link to it.
#[derive(Debug)]
pub(super) struct Inverse {
    urls: Urls,
    /// Page path → dense number, and back. Numbers are never reused for another path.
    numbers: FxMap<u32>,
    names: Vec<Box<str>>,
    /// By interned link number.
    reach: Vec<Reach>,
    /// Target file → the interned links (not page-relative) that resolve to it.
    by_target: FxMap<Vec<u32>>,
    /// Target file → the pages (sorted numbers) that reach it through a page-relative link.
    relative: FxMap<Vec<u32>>,
}

impl Inverse {
    /// An empty index for a site at `urls`.
    pub(super) fn new(urls: &Urls) -> Inverse {
        Inverse {
            urls: urls.clone(),
            numbers: FxMap::default(),
            names: Vec::new(),
            reach: Vec::new(),
            by_target: FxMap::default(),
            relative: FxMap::default(),
        }
    }

    /// The index of `pages` (`strings` names the interned numbers), made in one go: each
    /// list is given its room first, so that none grows by copying.
    pub(super) fn build<'p>(
        urls: &Urls,
        pages: impl Iterator<Item = (&'p str, &'p PageLinks)> + Clone,
        strings: &[Box<str>],
    ) -> Inverse {
        let mut inverse = Inverse::new(urls);
        let mut uses = vec![0usize; strings.len()];
        for (_, page) in pages.clone() {
            for &n in &page.links {
                uses[n as usize] += 1;
            }
        }
        inverse.reach.resize_with(strings.len(), || Reach::Unknown);
        for (n, &count) in uses.iter().enumerate().filter(|(_, c)| **c > 0) {
            let mut reach = inverse.reach_of(n as u32, &strings[n]);
            if let Reach::File(pages) = &mut reach {
                pages.reserve_exact(count);
            }
            inverse.reach[n] = reach;
        }
        for (path, page) in pages {
            inverse.record(path, page, strings);
        }
        inverse
    }

    /// The base URL the links were resolved against.
    pub(super) fn urls(&self) -> &Urls {
        &self.urls
    }

    /// Records that `page` holds `links` (`strings` names the interned numbers).
    pub(super) fn record(&mut self, page: &str, links: &PageLinks, strings: &[Box<str>]) {
        self.update(page, links, strings, true);
    }

    /// Forgets that `page` holds `links`, as recorded before.
    pub(super) fn forget(&mut self, page: &str, links: &PageLinks, strings: &[Box<str>]) {
        self.update(page, links, strings, false);
    }

    fn update(&mut self, page: &str, links: &PageLinks, strings: &[Box<str>], add: bool) {
        let number = self.number(page);
        if self.reach.len() < strings.len() {
            self.reach.resize_with(strings.len(), || Reach::Unknown);
        }
        for &n in &links.links {
            let link = &*strings[n as usize];
            if matches!(self.reach[n as usize], Reach::Unknown) {
                self.reach[n as usize] = self.reach_of(n, link);
            }
            match &mut self.reach[n as usize] {
                Reach::File(pages) => set(pages, number, add),
                Reach::Relative => {
                    if let Some((Some(target), _)) = resolve(page, link, &self.urls) {
                        let pages = self.relative.entry(target.into()).or_default();
                        set(pages, number, add);
                    }
                }
                Reach::Itself | Reach::Nowhere | Reach::Unknown => {}
            }
        }
    }

    /// Where link number `n` points; registers it under its file when it has one.
    fn reach_of(&mut self, n: u32, link: &str) -> Reach {
        if page_relative(link) {
            let path = link.split(['#', '?']).next().unwrap_or("");
            return if path.is_empty() {
                Reach::Itself
            } else {
                Reach::Relative
            };
        }
        // Not page-relative: `resolve` never reads the page.
        match resolve("", link, &self.urls) {
            Some((Some(target), _)) => {
                self.by_target.entry(target.into()).or_default().push(n);
                Reach::File(Vec::new())
            }
            _ => Reach::Nowhere,
        }
    }

    fn number(&mut self, page: &str) -> u32 {
        if let Some(&n) = self.numbers.get(page) {
            return n;
        }
        let n = u32::try_from(self.names.len()).expect("fewer than 2^32 pages");
        self.names.push(page.into());
        self.numbers.insert(page.into(), n);
        n
    }

    /// Adds to `pages` the numbers of the pages that link to `target` (an output path), or
    /// only to its anchors when `anchored`, and to `links` the interned links they do it with:
    /// in no order, perhaps more than once. Pages that reach it through a page-relative link
    /// are all added (such links are checked on every page added).
    pub(super) fn linkers(
        &self,
        target: &str,
        anchored: bool,
        strings: &[Box<str>],
        pages: &mut Vec<u32>,
        links: &mut Vec<u32>,
    ) {
        for &n in self.by_target.get(target).into_iter().flatten() {
            if anchored && !strings[n as usize].contains('#') {
                continue;
            }
            if let Some(Reach::File(holders)) = self.reach.get(n as usize) {
                pages.extend(holders);
                links.push(n);
            }
        }
        pages.extend(self.relative.get(target).into_iter().flatten());
    }

    /// Whether interned link `n` is page-relative with a path (`../x`), as far as known.
    pub(super) fn is_relative(&self, n: u32) -> bool {
        matches!(self.reach.get(n as usize), Some(Reach::Relative))
    }

    /// By interned link number, whether the link is page-relative with a path (`../x`).
    pub(super) fn relative_links(&self) -> Vec<bool> {
        let relative = |r: &Reach| matches!(r, Reach::Relative);
        self.reach.iter().map(relative).collect()
    }

    /// How many pages have a number, and how many page numbers the lists hold (to measure).
    #[cfg(test)]
    pub(super) fn size(&self) -> (usize, usize) {
        let lists = self.reach.iter().filter_map(|r| match r {
            Reach::File(pages) => Some(pages.len()),
            _ => None,
        });
        let relative = self.relative.values().map(Vec::len);
        (self.names.len(), lists.chain(relative).sum())
    }

    /// The path of page number `n`.
    pub(super) fn name(&self, n: u32) -> &str {
        &self.names[n as usize]
    }
}

/// Puts `number` in the sorted list `pages`, or takes it out.
fn set(pages: &mut Vec<u32>, number: u32, add: bool) {
    // A full site is recorded in page-number order: most additions go at the end.
    if add && pages.last().is_none_or(|&last| last <= number) {
        if pages.last() != Some(&number) {
            pages.push(number);
        }
        return;
    }
    match (pages.binary_search(&number), add) {
        (Err(at), true) => pages.insert(at, number),
        (Ok(at), false) => {
            pages.remove(at);
        }
        _ => {}
    }
}
