//! One HTML page in, the link targets and `id`s of its start tags out: a small tokenizer for
//! the part of HTML's syntax that carries attributes, following the standard's attribute
//! states, so that every form a theme may write is seen: `href="…"`, `href='…'`,
//! `href=…` unquoted, `HREF = "…"` with any case and spaces around `=`. Comments, the
//! doctype, end tags and the raw text of `<script>` and `<style>` are skipped, so a
//! `href="…"` inside a script or a comment is not taken for a link.
//!
//! A page is walked from `<` to `<` (a byte search): text between tags costs nothing more,
//! which keeps the check as quick as a search for `href="` alone.

use std::borrow::Cow;
use std::hash::Hasher;

use memchr::{memchr, memmem};
use siphasher::sip128::{Hasher128, SipHasher13};

/// The links and ids of one page, borrowed from its HTML unless an entity had to be decoded.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct PageScan<'h> {
    /// Link targets in page order: `href`, `src`, `action`, `poster`, `xlink:href`, and each
    /// candidate of a `srcset`.
    pub(super) links: Vec<Cow<'h, str>>,
    /// The values of `id` attributes, in page order.
    pub(super) ids: Vec<Cow<'h, str>>,
}

impl<'h> PageScan<'h> {
    /// Makes room for `links` more links and `ids` more ids.
    pub(crate) fn reserve(&mut self, links: usize, ids: usize) {
        self.links.reserve(links);
        self.ids.reserve(ids);
    }

    /// How many links and ids.
    pub(crate) fn counts(&self) -> (usize, usize) {
        (self.links.len(), self.ids.len())
    }

    /// Appends the scan of the HTML that follows.
    pub(crate) fn append(&mut self, next: PageScan<'h>) {
        self.links.extend(next.links);
        self.ids.extend(next.ids);
    }

    /// Appends a kept scan of the HTML that follows, borrowing its strings.
    pub(crate) fn extend_borrowed(&mut self, next: &'h PageScan<'_>) {
        self.links
            .extend(next.links.iter().map(|l| Cow::Borrowed(&**l)));
        self.ids
            .extend(next.ids.iter().map(|i| Cow::Borrowed(&**i)));
    }

    /// A digest of the links and of the ids, whatever their order: two scans with the same
    /// links and the same ids, each as many times, have the same digest (anything else a
    /// different one, but by a 2^-128 chance). A rebuilt page whose digest is the last one's
    /// leaves the link check's entry for it as it was (a list item that moved to another
    /// group of a Party page moves its link, and changes nothing the check knows).
    pub(crate) fn digest(&self) -> u128 {
        let one = |tag: u8, s: &str| {
            let mut h = SipHasher13::new();
            h.write_u8(tag);
            h.write(s.as_bytes());
            h.finish128().as_u128()
        };
        let links = self.links.iter().map(|l| one(0, l));
        let ids = self.ids.iter().map(|i| one(1, i));
        links.chain(ids).fold(0, u128::wrapping_add)
    }

    /// A scan that borrows this one's strings.
    pub(crate) fn borrowed(&self) -> PageScan<'_> {
        let mut scan = PageScan::default();
        scan.extend_borrowed(self);
        scan
    }

    /// A copy that borrows nothing, to keep beside the HTML it was read from.
    pub(crate) fn into_owned(self) -> PageScan<'static> {
        let own =
            |v: Vec<Cow<'h, str>>| v.into_iter().map(|c| Cow::Owned(c.into_owned())).collect();
        PageScan {
            links: own(self.links),
            ids: own(self.ids),
        }
    }
}

/// What an attribute's value is to the link check.
enum Kind {
    Link,
    SrcSet,
    Id,
}

/// The attribute names the check reads, told apart by length first: most attributes of a page
/// (`class`, `aria-*`, `rel`…) are rejected by one comparison.
fn kind(name: &[u8]) -> Option<Kind> {
    let is = |want: &str| name.eq_ignore_ascii_case(want.as_bytes());
    match name.len() {
        2 if is("id") => Some(Kind::Id),
        3 if is("src") => Some(Kind::Link),
        4 if is("href") => Some(Kind::Link),
        6 if is("srcset") => Some(Kind::SrcSet),
        6 if is("action") || is("poster") => Some(Kind::Link),
        10 if is("xlink:href") => Some(Kind::Link),
        _ => None,
    }
}

/// Scans an HTML page for its links and ids.
pub(crate) fn scan(html: &str) -> PageScan<'_> {
    let mut page = PageScan::default();
    for_each_attribute(html, |name, value, _| match kind(name.as_bytes()) {
        Some(Kind::Link) => page.links.push(unescape(value)),
        Some(Kind::SrcSet) => page.links.extend(srcset(value)),
        Some(Kind::Id) => page.ids.push(unescape(value)),
        None => {}
    });
    page
}

/// Calls `visit(name, value, at)` for every attribute that has a value, of every start tag of
/// the page, in page order: `value` as written (quotes off, references not decoded), `at` its
/// byte offset in `html`. The one reading of HTML's attribute syntax that the link check and
/// the offline edition's rewriting share.
pub(crate) fn for_each_attribute<'h>(
    html: &'h str,
    mut visit: impl FnMut(&'h str, &'h str, usize),
) {
    let b = html.as_bytes();
    let mut at = 0;
    while let Some(off) = memchr(b'<', &b[at..]) {
        let lt = at + off;
        let rest = &b[lt + 1..];
        at = if rest.starts_with(b"!--") {
            // A comment ends at the first `-->` (or runs to the end of the page).
            memmem::find(&rest[3..], b"-->").map_or(b.len(), |e| lt + 4 + e + 3)
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic) {
            start_tag(html, lt + 1, &mut visit)
        } else {
            // An end tag, the doctype, or a `<` in text: nothing to read.
            lt + 1
        };
    }
}

/// Reads the start tag whose name begins at `from`; returns where scanning goes on (after the
/// tag, or after the raw text of a script or style element).
fn start_tag<'h>(
    html: &'h str,
    from: usize,
    visit: &mut impl FnMut(&'h str, &'h str, usize),
) -> usize {
    let b = html.as_bytes();
    let mut i = from;
    while i < b.len() && !is_name_end(b[i]) {
        i += 1;
    }
    let name = &b[from..i];
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return i;
        }
        if b[i] == b'>' {
            i += 1;
            break;
        }
        i = attribute(html, i, visit);
    }
    if name.eq_ignore_ascii_case(b"script") || name.eq_ignore_ascii_case(b"style") {
        return raw_text_end(b, i, name);
    }
    i
}

/// Reads one attribute starting at `i` (not whitespace, not `>`); returns the index after it.
fn attribute<'h>(
    html: &'h str,
    mut i: usize,
    visit: &mut impl FnMut(&'h str, &'h str, usize),
) -> usize {
    let b = html.as_bytes();
    let start = i;
    // A name may begin with `=` (the standard's "unexpected equals sign" case).
    i += 1;
    while i < b.len() && b[i] != b'=' && !is_name_end(b[i]) {
        i += 1;
    }
    let name = &html[start..i];
    let mut j = skip_space(b, i);
    if b.get(j) != Some(&b'=') {
        // No value: `i` is whitespace, `/`, `>` or the end, all handled by the caller.
        return i;
    }
    j = skip_space(b, j + 1);
    let (at, end, next) = match b.get(j) {
        Some(&q @ (b'"' | b'\'')) => match memchr(q, &b[j + 1..]) {
            Some(e) => (j + 1, j + 1 + e, j + 1 + e + 1),
            None => (j + 1, b.len(), b.len()),
        },
        Some(_) => {
            let mut e = j;
            while e < b.len() && !b[e].is_ascii_whitespace() && b[e] != b'>' {
                e += 1;
            }
            (j, e, e)
        }
        None => (j, j, j),
    };
    visit(name, &html[at..end], at);
    next
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn is_name_end(c: u8) -> bool {
    c.is_ascii_whitespace() || c == b'/' || c == b'>'
}

/// Where the raw text of a `<script>` or `<style>` element that started at `from` ends: after
/// its end tag, whatever its case.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    let mut at = from;
    while let Some(off) = memmem::find(&b[at..], b"</") {
        let tag = at + off + 2;
        let candidate = b.get(tag..tag + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return tag;
        }
        at = tag;
    }
    b.len()
}

/// The URLs of a `srcset`: comma-separated candidates, each a URL and an optional descriptor.
fn srcset(value: &str) -> impl Iterator<Item = Cow<'_, str>> {
    value
        .split(',')
        .filter_map(|c| c.split_ascii_whitespace().next())
        .map(unescape)
}

/// An attribute value with its character references decoded; borrowed unless it holds one.
/// Our templates escape with Tera's set (`&amp; &lt; &gt; &quot; &#x27; &#x2F;`); any numeric
/// reference and the other named ones a hand-written theme is likely to use are decoded too.
pub(super) fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character a reference at the start of `s` (which starts with `&`) stands for, and the
/// reference's length.
fn reference(s: &str) -> Option<(char, usize)> {
    let end = s.find(';')?;
    let body = &s[1..end];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        char::from_u32(code)?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "sol" => '/',
            "num" => '#',
            "quest" => '?',
            "equals" => '=',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_is_the_same_for_the_same_links_and_ids_in_any_order() {
        let a = scan(r#"<a href="/x/">x</a><h2 id="g1">g</h2><a href="/y/">y</a>"#);
        let moved = scan(r#"<a href="/y/">y</a><h2 id="g1">g</h2><p><a href="/x/">x</a></p>"#);
        assert_eq!(a.digest(), moved.digest());
        // Another link, one more of a link, a link taken for an id: each differs.
        let other = scan(r#"<a href="/z/">x</a><h2 id="g1">g</h2><a href="/y/">y</a>"#);
        let twice =
            scan(r#"<a href="/x/">x</a><a href="/x/">x</a><h2 id="g1">g</h2><a href="/y/">y</a>"#);
        let as_id = scan(r#"<a id="/x/">x</a><h2 id="g1">g</h2><a href="/y/">y</a>"#);
        for b in [other, twice, as_id] {
            assert_ne!(a.digest(), b.digest());
        }
        // A page is the sum of its parts.
        let (first, rest) = (
            scan(r#"<a href="/x/">x</a><h2 id="g1">g</h2>"#),
            scan(r#"<a href="/y/">y</a>"#),
        );
        assert_eq!(first.digest().wrapping_add(rest.digest()), a.digest());
    }

    fn links(html: &str) -> Vec<String> {
        scan(html)
            .links
            .into_iter()
            .map(|l| l.into_owned())
            .collect()
    }

    #[test]
    fn every_quoting_form_and_case_is_read() {
        let html = concat!(
            r#"<a href="/a/">a</a><a href='/b/'>b</a><a href=/c/>c</a>"#,
            r#"<a HREF = "/d/" class=x>d</a><a class="x" href = '/e/' >e</a>"#,
            "<a\thref\n=\n/f/>f</a><img src=/g.png alt=''><IMG SRC='/h.png'/>",
            r#"<form action="/i/"></form><video poster=/j.png></video>"#,
            r##"<img srcset="/k.png 1x, /l.png 2x"><svg><use xlink:href="#m"/></svg>"##,
        );
        let want = [
            "/a/", "/b/", "/c/", "/d/", "/e/", "/f/", "/g.png", "/h.png", "/i/", "/j.png",
            "/k.png", "/l.png", "#m",
        ];
        assert_eq!(links(html), want);
    }

    #[test]
    fn ids_in_every_form() {
        let page = scan(r#"<p id="a"></p><p ID='b'></p><p id=c></p><p data-id="no" id = d>"#);
        assert_eq!(page.ids, ["a", "b", "c", "d"]);
    }

    #[test]
    fn names_that_only_end_like_a_link_attribute_are_not_links() {
        let html = r#"<a data-href="/x/" hreflang="en" xhref=/y/ data-src='/z'>"#;
        assert!(links(html).is_empty());
    }

    #[test]
    fn comments_scripts_styles_and_text_are_not_read() {
        let html = concat!(
            r#"<!-- <a href="/comment/"> --><p>write href="/text/" here</p>"#,
            r#"<script>a.innerHTML = '<a href="/script/">';</script>"#,
            r#"<STYLE>.x{background:url("/style.png")} a[href="/sel/"]{}</style>"#,
            r#"<a href="/after/">after</a>"#,
        );
        assert_eq!(links(html), ["/after/"]);
    }

    #[test]
    fn a_value_may_hold_the_other_quote_and_greater_than() {
        let html = r#"<a title="it's > that" href='/a/?q="x"'>"#;
        assert_eq!(links(html), [r#"/a/?q="x""#]);
    }

    #[test]
    fn cut_pages_end_without_panicking() {
        for html in [
            "<a href=",
            "<a href=\"/x",
            "<a href",
            "<a ",
            "<!-- x",
            "<script>x",
            "<",
        ] {
            let _ = scan(html);
        }
        assert_eq!(links("<a href=\"/x"), ["/x"]);
    }

    #[test]
    fn references_are_decoded_only_when_present() {
        let v = unescape("/a?x=1&amp;y=2&#x2F;&#47;&unknown;&");
        assert!(matches!(v, Cow::Owned(_)));
        assert_eq!(v, "/a?x=1&y=2//&unknown;&");
        assert!(matches!(unescape("/b/"), Cow::Borrowed("/b/")));
    }
}
