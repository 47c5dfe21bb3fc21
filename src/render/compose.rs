//! Composed pages: a page's template output, in which each list of recommendations is a short
//! mark that the templates' `list_items(list=…)` function wrote, and the lists' [`Part`]s
//! (items by id, or pieces of the page's own) in; the page's pieces, and its links and ids for
//! the link check, out. A list's items are written straight into the page,
//! never joined into a string nor copied through the template context, and their links and ids
//! come from each item's scan, made once per build: at 100× the 43 Party pages are 158 MB, of
//! which only the few kilobytes around the lists are scanned.
//!
//! Lists sit between tags (`<ul>…</ul>` in `macros.html`), where the scanner reads text: the
//! page's scan is the scan of each piece of template output between lists, and each list's
//! items' scans, in page order. Debug builds check this against a scan of the whole page.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use memchr::memmem;
use serde::{Serialize, Serializer};

use crate::graph::RecIdx;
use crate::html_scan::PageScan;
use crate::output::{Interner, LinkSource, Piece, Prepared};

/// One part of a composed page: a recommendation's item, the piece every list shows, or a
/// piece of this page's own (the template's text between lists, a Party page's item that says
/// how the source names the Party).
#[derive(Debug, Clone)]
pub(super) enum Part {
    Item(RecIdx),
    Own(Piece),
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

/// Each item's piece and scan, by [`RecIdx`].
pub(super) trait ItemSource {
    fn piece(&self, i: RecIdx) -> &Piece;
    fn scan(&self, i: RecIdx) -> &PageScan<'static>;
    /// Its scan's [`PageScan::digest`].
    fn digest(&self, i: RecIdx) -> u128;
    /// Its scan looked up in `interner` (the same for every call of a render).
    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared;
}

/// The parts of the page `skeleton`: the template's text between marks, each a piece of its
/// own, with each mark replaced by its list's parts.
pub(super) fn parts(skeleton: &str, lists: &[Arc<[Part]>]) -> Result<Vec<Part>> {
    let listed = lists.iter().map(|l| l.len()).sum::<usize>();
    let mut parts = Vec::with_capacity(2 * lists.len() + 1 + listed);
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
        parts.push(Part::Own(Piece::copy(text)));
        parts.extend(list.iter().cloned());
        rest = &after[end + MARK.len()..];
    }
    parts.push(Part::Own(Piece::copy(rest)));
    Ok(parts)
}

/// A composed page: its pieces (each item's shared with every page that lists it), and the
/// [`PageScan::digest`] of its links and ids, whose scan [`Composed::take_scan`] makes only
/// when it is wanted (a rebuilt page with the last page's digest needs none).
pub(super) struct Composed<'s> {
    pub pieces: Vec<Piece>,
    pub digest: u128,
    parts: &'s [Part],
    /// The scans of the page's own pieces, in order.
    texts: Vec<PageScan<'s>>,
}

/// A composed page's links and ids, made from its parts when the output wants them: looked up
/// in a rebuild's interner, or scanned.
pub(super) struct PageLinks<'c, 's, I> {
    page: &'c mut Composed<'s>,
    items: &'s I,
}

impl<'c, 's, I: ItemSource> PageLinks<'c, 's, I> {
    /// The links and ids of `page`, whose items are `items`'.
    pub(super) fn new(page: &'c mut Composed<'s>, items: &'s I) -> PageLinks<'c, 's, I> {
        PageLinks { page, items }
    }
}

impl<I: ItemSource> LinkSource for PageLinks<'_, '_, I> {
    fn scan(&mut self) -> Result<PageScan<'_>> {
        Ok(self.page.take_scan(self.items))
    }

    fn prepared(&mut self, interner: &Interner) -> Result<Prepared> {
        Ok(self.page.take_prepared(self.items, interner))
    }
}

/// The page of `parts`, and the digest of its links and ids, the sum of its parts' (each
/// item's made once per build).
pub(super) fn compose<'s>(parts: &'s [Part], items: &impl ItemSource) -> Result<Composed<'s>> {
    let mut pieces = Vec::with_capacity(parts.len());
    let mut texts = Vec::new();
    let mut digest = 0u128;
    for part in parts {
        let (piece, part_digest) = match part {
            Part::Item(i) => (items.piece(*i), items.digest(*i)),
            Part::Own(piece) => {
                let html = piece
                    .as_str()
                    .context("internal error: a page that is not text")?;
                let scan = crate::html_scan::scan(html);
                let d = scan.digest();
                texts.push(scan);
                (piece, d)
            }
        };
        pieces.push(piece.clone());
        digest = digest.wrapping_add(part_digest);
    }
    Ok(Composed {
        pieces,
        digest,
        parts,
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
    ) -> Prepared {
        let mut page = Prepared::default();
        page.reserve(self.pieces.len());
        let mut texts = std::mem::take(&mut self.texts).into_iter();
        for part in self.parts {
            match part {
                Part::Own(_) => page.extend(&interner.prepare(texts.next().unwrap_or_default())),
                Part::Item(i) => page.extend(items.prepared(*i, interner)),
            }
        }
        page.finish()
    }

    /// The page's links and ids, in page order (once: the text's scans are taken).
    pub(super) fn take_scan(&mut self, items: &'s impl ItemSource) -> PageScan<'s> {
        let mut scan = PageScan::default();
        let (links, ids) = (self.parts.iter())
            .filter_map(|p| match p {
                Part::Item(i) => Some(items.scan(*i).counts()),
                Part::Own(_) => None,
            })
            .fold((0, 0), |(l, i), (dl, di)| (l + dl, i + di));
        scan.reserve(links + 64, ids + 16);
        let mut texts = std::mem::take(&mut self.texts).into_iter();
        for part in self.parts {
            match part {
                Part::Own(_) => scan.append(texts.next().unwrap_or_default()),
                Part::Item(i) => scan.extend_borrowed(items.scan(*i)),
            }
        }
        scan
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
        let own: Arc<[Part]> = Arc::from(vec![Part::Own(Piece::copy("<li>a</li>"))]);
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

    /// Items of a test page: each its piece and scan.
    struct Stub(Vec<(Piece, PageScan<'static>)>);

    impl ItemSource for Stub {
        fn piece(&self, i: RecIdx) -> &Piece {
            &self.0[i.index()].0
        }
        fn scan(&self, i: RecIdx) -> &PageScan<'static> {
            &self.0[i.index()].1
        }
        fn digest(&self, i: RecIdx) -> u128 {
            self.0[i.index()].1.digest()
        }
        fn prepared(&self, _: RecIdx, _: &Interner) -> &Prepared {
            unreachable!("a page outside a rebuild is scanned")
        }
    }

    #[test]
    fn a_page_is_its_text_and_the_very_pieces_of_its_items() {
        let item = |html: &str| (Piece::copy(html), crate::html_scan::scan(html).into_owned());
        let items = Stub(vec![
            item(r#"<li id="a"><a href="/x/">x</a></li>"#),
            item(r#"<li id="b"></li>"#),
        ]);
        let own = Piece::copy(r#"<li><a href="/own/">own</a></li>"#);
        let (a, b) = (RecIdx::from_index(0), RecIdx::from_index(1));
        let list = vec![Part::Item(b), Part::Own(own.clone()), Part::Item(a)];
        let lists: Vec<Arc<[Part]>> = vec![Arc::from(list)];
        let skeleton = format!(r#"<h1 id="top">T</h1><ul>{OPEN}0{MARK}</ul><a href="/y/">y</a>"#);
        let parts = parts(&skeleton, &lists).unwrap();
        let mut page = compose(&parts, &items).unwrap();
        let want = concat!(
            r#"<h1 id="top">T</h1><ul><li id="b"></li><li><a href="/own/">own</a></li>"#,
            r#"<li id="a"><a href="/x/">x</a></li></ul><a href="/y/">y</a>"#
        );
        let joined = crate::output::join(&page.pieces);
        assert_eq!(std::str::from_utf8(&joined).unwrap(), want);
        // The items and the page's own piece are shared, not copied.
        let same =
            |k: usize, p: &Piece| page.pieces[k].as_bytes().as_ptr() == p.as_bytes().as_ptr();
        assert!(same(1, &items.0[1].0) && same(2, &own) && same(3, &items.0[0].0));
        // Its links and ids, and their digest, are the whole page's.
        let whole = crate::html_scan::scan(want);
        assert_eq!(page.digest, whole.digest());
        assert_eq!(page.take_scan(&items), whole);
    }

    #[test]
    fn list_items_of_anything_but_a_list_is_an_error() {
        let context = tera::Context::from_serialize(serde_json::json!({ "l": "x" })).unwrap();
        let err = tera().render("t.html", &context).unwrap_err();
        let chain = format!("{err:?}");
        assert!(chain.contains("list_items() needs a list"), "{chain}");
    }
}
