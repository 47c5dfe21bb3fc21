//! Link checking: each rendered HTML page's link targets and `id`s in (read by `html_scan` as
//! the page is rendered, so the page itself need not be kept), every internal link that points at no file,
//! or at an `#anchor` no element has, out. External links are not checked.
//!
//! A site links to few distinct places many times (at 100×: 1.05M links, 42k distinct), so
//! link strings are interned and a page keeps only their numbers, and a root-relative link's
//! verdict is worked out once. After a batch of replaced files (`replace`), `check_after`
//! checks only the links the batch can break.

use std::collections::HashMap;
use std::sync::Arc;

use crate::fx::FxHashMap;
use crate::html_scan::PageScan;
use crate::model::Urls;
use inverse::Inverse;

mod inverse;
mod replace;

/// One broken internal link: the page it is on and the link as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub link: String,
    pub reason: &'static str,
}

/// What the link check keeps of one HTML page.
#[derive(Debug, Default)]
struct PageLinks {
    /// Interned links in page order.
    links: Vec<u32>,
    /// The values of its `id` attributes, sorted.
    ids: Vec<Box<str>>,
}

impl PageLinks {
    /// Links without ids.
    fn of(links: Vec<u32>) -> PageLinks {
        PageLinks {
            links,
            ids: Vec::new(),
        }
    }
}

/// Every output path, with the links and ids of the HTML pages among them.
#[derive(Debug, Default)]
pub(crate) struct LinkIndex {
    /// Output path → its links and ids (`None` for files that are not HTML).
    files: HashMap<String, Option<PageLinks>>,
    /// Shared with a rebuild's output, which looks its pages' links up while they render.
    interner: Arc<Interner>,
    /// Which pages link to which file, made by the first [`LinkIndex::replace`] and kept up
    /// to date by it (full builds never need it); `add` and `remove` drop it.
    inverse: Option<Inverse>,
}

/// The distinct links of a site, each with its number.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interner {
    numbers: FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    fn get(&self, link: &str) -> Option<u32> {
        self.numbers.get(link).copied()
    }

    fn add(&mut self, link: &str) -> u32 {
        let n = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct links");
        self.strings.push(link.into());
        self.numbers.insert(link.into(), n);
        n
    }

    /// A page's links as numbers where they are known (links new to the site as text), and
    /// its ids: what [`LinkIndex::replace`] records, made on the thread that rendered the page.
    pub(crate) fn prepare(&self, page: PageScan) -> Prepared {
        let known = |l: &str| match self.get(l) {
            Some(n) => LinkRef::Known(n),
            None => LinkRef::New(l.into()),
        };
        Prepared {
            links: page.links.iter().map(|l| known(l)).collect(),
            ids: sorted_ids(page.ids.into_iter().map(|i| i.into()).collect()),
        }
    }
}

/// A page's links and ids, looked up in an [`Interner`].
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Prepared {
    links: Vec<LinkRef>,
    ids: Vec<Box<str>>,
}

impl Prepared {
    /// Makes room for `links` more links.
    pub(crate) fn reserve(&mut self, links: usize) {
        self.links.reserve(links);
    }

    /// Appends the links and ids of the part of the page that follows.
    pub(crate) fn extend(&mut self, next: &Prepared) {
        self.links.extend(next.links.iter().cloned());
        self.ids.extend(next.ids.iter().cloned());
    }

    /// The page's, once every part is in (its ids sorted, each once).
    pub(crate) fn finish(mut self) -> Prepared {
        self.ids = sorted_ids(self.ids);
        self
    }
}

/// A link by number, or, when the interner did not have it, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LinkRef {
    Known(u32),
    New(Box<str>),
}

fn sorted_ids(mut ids: Vec<Box<str>>) -> Vec<Box<str>> {
    ids.sort_unstable();
    ids.dedup();
    ids
}

impl LinkIndex {
    /// Records a file; `false` if a file was already recorded at `path`.
    pub(crate) fn add(&mut self, path: String, page: Option<PageScan>) -> bool {
        if self.files.contains_key(&path) {
            return false;
        }
        self.inverse = None;
        let page = page.map(|p| self.page_links(p));
        self.files.insert(path, page);
        true
    }

    fn page_links(&mut self, page: PageScan) -> PageLinks {
        let links = page.links.iter().map(|l| self.intern(l)).collect();
        PageLinks {
            links,
            ids: sorted_ids(page.ids.into_iter().map(|i| i.into()).collect()),
        }
    }

    fn intern(&mut self, link: &str) -> u32 {
        match self.interner.get(link) {
            Some(n) => n,
            None => Arc::make_mut(&mut self.interner).add(link),
        }
    }

    /// The interned links, for a rebuild's output to look its pages' links up in
    /// ([`Interner::prepare`]); let go of it before the index is changed, or the index copies
    /// it.
    pub(crate) fn interner(&self) -> Arc<Interner> {
        self.interner.clone()
    }

    /// Forgets a file, so that a new version can be recorded.
    #[cfg(test)]
    pub(crate) fn remove(&mut self, path: &str) {
        self.inverse = None;
        self.files.remove(path);
    }

    /// How many files were recorded.
    pub(crate) fn len(&self) -> usize {
        self.files.len()
    }

    /// Every broken link, by page path, then in page order.
    pub(crate) fn check(&self, urls: &Urls) -> Vec<BrokenLink> {
        let pages = self
            .files
            .iter()
            .filter_map(|(p, l)| Some((p.as_str(), l.as_ref()?, true)))
            .collect();
        self.check_pages(pages, &[], urls)
    }

    /// The broken links of `pages`, by page path, then in page order. On a page given with
    /// `false`, only the links `only` marks (by interned number) are checked.
    fn check_pages(
        &self,
        mut pages: Vec<(&str, &PageLinks, bool)>,
        only: &[bool],
        urls: &Urls,
    ) -> Vec<BrokenLink> {
        pages.sort_unstable_by_key(|(p, _, _)| *p);
        let mut known = vec![Known::Unseen; self.interner.strings.len()];
        let mut broken = Vec::new();
        for (page, links, all) in pages {
            for &n in &links.links {
                let link = &*self.interner.strings[n as usize];
                if !all && !only[n as usize] {
                    continue;
                }
                let known = &mut known[n as usize];
                if let Known::Unseen = known {
                    *known = self.classify(page, link, urls);
                }
                let reason = match *known {
                    Known::Everywhere(reason) => reason,
                    Known::Anchor => (!has_id(&links.ids, &link[1..])).then_some(NO_ANCHOR),
                    Known::Relative | Known::Unseen => self.verdict(page, link, urls),
                };
                if let Some(reason) = reason {
                    broken.push(BrokenLink {
                        page: page.to_string(),
                        link: link.to_string(),
                        reason,
                    });
                }
            }
        }
        broken
    }

    /// What can be known of `link` (first met on `page`) whatever page it is on.
    fn classify(&self, page: &str, link: &str, urls: &Urls) -> Known {
        if link.starts_with('#') {
            Known::Anchor
        } else if page_relative(link) {
            Known::Relative
        } else {
            Known::Everywhere(self.verdict(page, link, urls))
        }
    }

    /// Why `link` on `page` is broken, or `None` when it is fine or external.
    fn verdict(&self, page: &str, link: &str, urls: &Urls) -> Option<&'static str> {
        let (target, anchor) = resolve(page, link, urls)?;
        let Some(target) = target else {
            return Some("outside the site");
        };
        let Some(file) = self.files.get(&target) else {
            return Some("no such page or file");
        };
        match anchor {
            Some(a) if !file.as_ref().is_some_and(|f| has_id(&f.ids, a)) => Some(NO_ANCHOR),
            _ => None,
        }
    }
}

/// What the check knows of an interned link before it reads the page the link is on.
#[derive(Clone, Copy)]
enum Known {
    /// Not met yet.
    Unseen,
    /// `#x`: an anchor of the page itself, the commonest page-relative link.
    Anchor,
    /// Another page-relative link (`?q`, `a/b`, `../x`): resolved on each page.
    Relative,
    /// A link that means the same on every page, and its verdict, worked out once.
    Everywhere(Option<&'static str>),
}

/// The reason given for a link to an id that its page does not have.
const NO_ANCHOR: &str = "no such #anchor";

fn has_id(ids: &[Box<str>], id: &str) -> bool {
    ids.binary_search_by(|i| (**i).cmp(id)).is_ok()
}

/// Whether a link's target depends on the page it is on: `#x`, `?q`, `a/b`, `../x`.
fn page_relative(link: &str) -> bool {
    let path = link.split(['#', '?']).next().unwrap_or("");
    path.is_empty() || !(path.starts_with('/') || path.contains(':'))
}

/// The output file and anchor a link points to; `None` for an external link, `Some((None, _))`
/// for a root-relative link outside the base path.
fn resolve<'l>(
    page: &str,
    link: &'l str,
    urls: &Urls,
) -> Option<(Option<String>, Option<&'l str>)> {
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a)),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((Some(page.to_string()), anchor));
    }
    let site_path = if let Some(p) = urls.strip_origin(path) {
        // An absolute URL on the site's host but outside its base path (the publisher's other
        // pages, the report beside the site) is another site's page: not checked.
        urls.output_path(p)?;
        p.to_string()
    } else if path.starts_with("//") || path.contains(':') {
        return None;
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        join_relative(page, path, urls)
    };
    Some((urls.output_path(&site_path), anchor))
}

/// `rel` resolved against the folder of output file `page`, as a site path.
fn join_relative(page: &str, rel: &str, urls: &Urls) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in rel.split('/') {
        match seg {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    urls.at(&parts.join("/"))
}

#[cfg(test)]
mod random_edits;
#[cfg(test)]
mod scale;
#[cfg(test)]
mod tests;
