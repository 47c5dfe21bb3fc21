//! Composed pages: a page's template output, in which each list of recommendations is a short
//! mark that the templates' `list_items(list=…)` function wrote, and the lists (items by id, or
//! items of the page's own) in; the page's bytes, and its
//! links and ids for the link check, out. A list's items are written straight into the page,
//! never joined into a string nor copied through the template context, and their links and ids
//! come from each item's scan, made once per build: at 100× the 43 Party pages are 158 MB, of
//! which only the few kilobytes around the lists are scanned.
//!
//! Lists sit between tags (`<ul>…</ul>` in `macros.html`), where the scanner reads text: the
//! page's scan is the scan of each piece of template output between lists, and each list's
//! items' scans, in page order. Debug builds check this against a scan of the whole page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use anyhow::{Result, bail};
use memchr::memmem;
use serde::{Serialize, Serializer};

use crate::graph::RecIdx;
use crate::html_scan::PageScan;
use crate::output::{Interner, LinkSource, Piece, Prepared};

/// One entry of a list: a recommendation's item as rendered once for every list, or an item
/// of this page's own (a Party page's item that says how the source names the Party).
#[derive(Debug, Clone)]
pub(super) enum Part {
    Item(RecIdx),
    Own(Arc<str>),
    /// Items that many pages list alike, shared by those pages as one run.
    Run(Arc<Run>),
}

/// Items that many pages list alike (every Party page's "all" and "open" groups): in a page,
/// one piece that is the run of their items, shared by every page that lists them, with the
/// sum of their digests; made once per render, by the first page that wants it. At 100× that
/// is 7,600 of a Party page's 11,100 items: one pointer instead of one per item.
#[derive(Debug)]
pub(super) struct Run {
    recs: Vec<RecIdx>,
    made: OnceLock<(Arc<[Arc<str>]>, u128)>,
}

impl Run {
    /// The run of `recs`' items, in this order.
    pub(super) fn new(recs: &[RecIdx]) -> Run {
        Run {
            recs: recs.to_vec(),
            made: OnceLock::new(),
        }
    }

    /// The recommendations whose items the run holds, in order.
    pub(super) fn recs(&self) -> &[RecIdx] {
        &self.recs
    }

    /// The items as one piece, and the sum of their digests (`items`: the render's, the same
    /// for every page).
    fn made(&self, items: &impl ItemSource) -> &(Arc<[Arc<str>]>, u128) {
        self.made.get_or_init(|| {
            let html = self.recs.iter().map(|&i| items.html(i).clone()).collect();
            let digest = self.recs.iter().map(|&i| items.digest(i));
            (html, digest.fold(0, u128::wrapping_add))
        })
    }
}

/// A list of recommendations as templates see it: `count`, how many, and the list itself,
/// which a template hands to `list_items(list=…)` to place its items (see [`ListItems`]).
#[derive(Debug, Clone, Serialize)]
pub(super) struct ListHtml {
    pub count: usize,
    /// Serialised as the list's number among the page's lists, registered as it is.
    #[serde(rename = "ref", serialize_with = "register")]
    pub parts: Arc<[Part]>,
}

thread_local! {
    /// The lists of the page being rendered on this thread, by number.
    static LISTS: RefCell<Option<Vec<Arc<[Part]>>>> = const { RefCell::new(None) };
}

/// What marks a list in template output: `\u{F8FF}list<n>\u{F8FF}` (a private-use character,
/// which no escaping changes and no content of ours holds).
const MARK: &str = "\u{F8FF}";
const OPEN: &str = "\u{F8FF}list";

/// The field of a serialised [`ListHtml`] that holds its number.
const REF: &str = "ref";

/// Serialises a list as its number, registering it with the page being rendered.
fn register<S: Serializer>(parts: &Arc<[Part]>, s: S) -> Result<S::Ok, S::Error> {
    let n = LISTS.with(|lists| {
        let mut lists = lists.borrow_mut();
        let lists = lists.as_mut()?;
        lists.push(parts.clone());
        Some(lists.len() - 1)
    });
    match n {
        Some(n) => s.serialize_u64(n as u64),
        None => Err(serde::ser::Error::custom("a list outside a page")),
    }
}

/// The templates' `list_items(list=…)`: where a list's items go in the page. Its output is
/// the list's mark, which [`compose`] replaces with the items' HTML (ours, escaped when each
/// item was rendered), written straight into the page rather than copied through Tera.
pub(super) struct ListItems;

impl tera::Function for ListItems {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let n = args
            .get("list")
            .and_then(|list| list.get(REF))
            .and_then(tera::Value::as_u64)
            .ok_or("list_items() needs a list of recommendations: `list_items(list=page.list)`")?;
        Ok(tera::Value::String(format!("{OPEN}{n}{MARK}")))
    }

    /// The mark stands for HTML we rendered; escaping would not change it either.
    fn is_safe(&self) -> bool {
        true
    }
}

/// Runs `render` (which builds the template context and renders it) with lists registered;
/// returns its output and the lists its marks stand for.
pub(super) fn with_lists(
    render: impl FnOnce() -> Result<String>,
) -> Result<(String, Vec<Arc<[Part]>>)> {
    let outer = LISTS.with(|l| l.borrow_mut().replace(Vec::new()));
    let html = render();
    let lists = LISTS.with(|l| std::mem::replace(&mut *l.borrow_mut(), outer));
    Ok((html?, lists.unwrap_or_default()))
}

/// Each item's HTML and scan, by [`RecIdx`].
pub(super) trait ItemSource {
    fn html(&self, i: RecIdx) -> &Arc<str>;
    fn scan(&self, i: RecIdx) -> &PageScan<'static>;
    /// Its scan's [`PageScan::digest`].
    fn digest(&self, i: RecIdx) -> u128;
    /// Its scan looked up in `interner` (the same for every call of a render).
    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared;
}

/// A composed page: its bytes in pieces (each item's shared with every page that lists it),
/// and the [`PageScan::digest`] of its links and ids, whose scan [`Composed::take_scan`]
/// makes only when it is wanted (a rebuilt page with the last page's digest needs none).
pub(super) struct Composed<'s> {
    pub pieces: Vec<Piece>,
    pub digest: u128,
    skeleton: &'s str,
    lists: &'s [Arc<[Part]>],
    /// The scans of the template's text between lists and of the page's own items, in order.
    texts: Vec<PageScan<'s>>,
}

/// A composed page's links and ids, made from its parts when the output wants them: looked up
/// in a rebuild's interner, or scanned.
pub(super) struct Parts<'c, 's, I> {
    page: &'c mut Composed<'s>,
    items: &'s I,
}

impl<'c, 's, I: ItemSource> Parts<'c, 's, I> {
    /// The links and ids of `page`, whose items are `items`'.
    pub(super) fn new(page: &'c mut Composed<'s>, items: &'s I) -> Parts<'c, 's, I> {
        Parts { page, items }
    }
}

impl<I: ItemSource> LinkSource for Parts<'_, '_, I> {
    fn scan(&mut self) -> Result<PageScan<'_>> {
        self.page.take_scan(self.items)
    }

    fn prepared(&mut self, interner: &Interner) -> Result<Prepared> {
        self.page.take_prepared(self.items, interner)
    }
}

/// One piece of a composed page.
enum Seg<'s> {
    Text(&'s str),
    Item(RecIdx),
    Own(&'s Arc<str>),
    Run(&'s Run),
}

/// Calls `f` with each piece of `skeleton` with its marks replaced by `lists`, in order.
fn walk<'s>(skeleton: &'s str, lists: &'s [Arc<[Part]>], mut f: impl FnMut(Seg<'s>)) -> Result<()> {
    let mut rest = skeleton;
    while let Some(at) = memmem::find(rest.as_bytes(), OPEN.as_bytes()) {
        let (text, after) = rest.split_at(at);
        let after = &after[OPEN.len()..];
        let Some(end) = after.find(MARK) else {
            bail!("a list mark without its end");
        };
        let Some(list) = after[..end]
            .parse::<usize>()
            .ok()
            .and_then(|n| lists.get(n))
        else {
            bail!("a list mark that stands for no list");
        };
        f(Seg::Text(text));
        for part in list.iter() {
            f(match part {
                Part::Item(i) => Seg::Item(*i),
                Part::Own(html) => Seg::Own(html),
                Part::Run(run) => Seg::Run(run),
            });
        }
        rest = &after[end + MARK.len()..];
    }
    f(Seg::Text(rest));
    Ok(())
}

/// The page: `skeleton` with each mark replaced by its list's items; and the digest of its
/// links and ids, the sum of its parts' (each item's made once per build).
pub(super) fn compose<'s>(
    skeleton: &'s str,
    lists: &'s [Arc<[Part]>],
    items: &impl ItemSource,
    runs: bool,
) -> Result<Composed<'s>> {
    let parts = lists.iter().map(|l| l.len()).sum::<usize>();
    let mut pieces: Vec<Piece> = Vec::with_capacity(2 * lists.len() + 1 + parts);
    let mut texts = Vec::new();
    let mut digest = 0u128;
    let mut text = |html: &'s str, piece: Arc<str>, pieces: &mut Vec<Piece>| {
        let scan = crate::html_scan::scan(html);
        digest = digest.wrapping_add(scan.digest());
        texts.push(scan);
        pieces.push(Piece::Text(piece));
    };
    let mut item_digests = 0u128;
    walk(skeleton, lists, |seg| match seg {
        Seg::Text(t) => text(t, Arc::from(t), &mut pieces),
        Seg::Own(html) => text(html, html.clone(), &mut pieces),
        Seg::Item(i) => {
            pieces.push(Piece::Text(items.html(i).clone()));
            item_digests = item_digests.wrapping_add(items.digest(i));
        }
        Seg::Run(run) if !runs => {
            for &i in &run.recs {
                pieces.push(Piece::Text(items.html(i).clone()));
                item_digests = item_digests.wrapping_add(items.digest(i));
            }
        }
        Seg::Run(run) => {
            let (html, digests) = run.made(items);
            pieces.push(Piece::Run(html.clone()));
            item_digests = item_digests.wrapping_add(*digests);
        }
    })?;
    Ok(Composed {
        pieces,
        digest: digest.wrapping_add(item_digests),
        skeleton,
        lists,
        texts,
    })
}

impl<'s> Composed<'s> {
    /// The page's links and ids looked up in `interner`: each item's looked up once per
    /// render, not once per page that lists it.
    pub(super) fn take_prepared(
        &mut self,
        items: &impl ItemSource,
        interner: &Interner,
    ) -> Result<Prepared> {
        let mut page = Prepared::default();
        page.reserve(self.pieces.len());
        let mut texts = std::mem::take(&mut self.texts).into_iter();
        walk(self.skeleton, self.lists, |seg| match seg {
            Seg::Text(_) | Seg::Own(_) => {
                page.extend(&interner.prepare(texts.next().unwrap_or_default()));
            }
            Seg::Item(i) => page.extend(items.prepared(i, interner)),
            Seg::Run(run) => run
                .recs
                .iter()
                .for_each(|&i| page.extend(items.prepared(i, interner))),
        })?;
        Ok(page.finish())
    }

    /// The page's links and ids, in page order (once: the text's scans are taken).
    pub(super) fn take_scan(&mut self, items: &'s impl ItemSource) -> Result<PageScan<'s>> {
        let mut scan = PageScan::default();
        let (links, ids) = self
            .lists
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|p| match p {
                Part::Item(i) => std::slice::from_ref(i),
                Part::Own(_) => &[],
                Part::Run(run) => &run.recs[..],
            })
            .map(|&i| items.scan(i).counts())
            .fold((0, 0), |(l, i), (dl, di)| (l + dl, i + di));
        scan.reserve(links + 64, ids + 16);
        let mut texts = std::mem::take(&mut self.texts).into_iter();
        walk(self.skeleton, self.lists, |seg| match seg {
            Seg::Text(_) | Seg::Own(_) => scan.append(texts.next().unwrap_or_default()),
            Seg::Item(i) => scan.extend_borrowed(items.scan(i)),
            Seg::Run(run) => run
                .recs
                .iter()
                .for_each(|&i| scan.extend_borrowed(items.scan(i))),
        })?;
        Ok(scan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera() -> tera::Tera {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_function("list_items", ListItems);
        tera.add_raw_template("t.html", "<ul>{{ list_items(list=l) }}</ul>{{ l.count }}")
            .unwrap();
        tera
    }

    #[test]
    fn list_items_marks_the_place_of_the_list_it_is_given_unescaped() {
        let own: Arc<[Part]> = Arc::from(vec![Part::Own(Arc::from("<li>a</li>"))]);
        let list = ListHtml {
            count: 1,
            parts: own,
        };
        let (html, lists) = with_lists(|| {
            let context = tera::Context::from_serialize(serde_json::json!({ "l": list }))?;
            Ok(tera().render("t.html", &context)?)
        })
        .unwrap();
        assert_eq!(html, format!("<ul>{OPEN}0{MARK}</ul>1"));
        assert_eq!(lists.len(), 1);
    }

    #[test]
    fn list_items_of_anything_but_a_list_is_an_error() {
        let context = tera::Context::from_serialize(serde_json::json!({ "l": "x" })).unwrap();
        let err = tera().render("t.html", &context).unwrap_err();
        let chain = format!("{err:?}");
        assert!(chain.contains("list_items() needs a list"), "{chain}");
    }
}
