//! Relative links: a rendered file's path and its root-relative URLs (`/l/recommendations/iii-16/`)
//! in, the same URLs relative to that file out (`../../recommendations/iii-16/index.html`), so
//! that the pages work opened from a folder (`file://`), where `/` is the disk's root and a
//! folder does not open its `index.html`. Only URLs under the base path change: external links,
//! absolute permalinks (`https://…`), `#anchors` and `?queries` alone stay as they are.

use std::borrow::Cow;

use crate::model::Urls;

/// Attributes whose value is one URL (or, for `srcset`, a list of them).
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "srcset"];

/// `url` (a site path under the base path, with an optional `?query` or `#anchor`) relative to
/// the output file `from`; a folder URL gets its `index.html`. `None` for any other URL.
pub(super) fn relative(urls: &Urls, from: &str, url: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(urls.base())?;
    let (path, tail) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
    let mut target: Vec<&str> = path.split('/').collect();
    if target.last() == Some(&"") {
        target.pop();
        target.push("index.html");
    }
    let mut folders: Vec<&str> = from.split('/').collect();
    folders.pop();
    let file = target.pop().unwrap_or("index.html");
    let common = folders
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(folders.len() - common);
    for seg in &target[common..] {
        out.push_str(seg);
        out.push('/');
    }
    out.push_str(file);
    out.push_str(tail);
    Some(out)
}

/// Rewrites the URL attributes of an HTML page at `from` (and `data-*` attributes holding a
/// site path, such as the search page's index address), read as the link check reads them
/// (any quoting; comments and the text of `<script>` and `<style>` left alone), then the CSS
/// `url()`s of its `<style>`s.
pub(super) fn rewrite_html(urls: &Urls, from: &str, html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut copied = 0;
    crate::html_scan::for_each_attribute(html, |name, value, at| {
        if let Some(new) = attribute(urls, from, name, value) {
            out.push_str(&html[copied..at]);
            out.push_str(&new);
            copied = at + value.len();
        }
    });
    out.push_str(&html[copied..]);
    if let Cow::Owned(css) = rewrite_css(urls, from, &out) {
        return css;
    }
    out
}

/// The new value of attribute `name`, when it holds a URL to rewrite.
fn attribute(urls: &Urls, from: &str, name: &str, value: &str) -> Option<String> {
    let data = name.len() > 5 && name.as_bytes()[..5].eq_ignore_ascii_case(b"data-");
    if name.eq_ignore_ascii_case("srcset") {
        rewrite_srcset(urls, from, value)
    } else if URL_ATTRIBUTES.iter().any(|a| name.eq_ignore_ascii_case(a))
        || (data && !value.contains(char::is_whitespace))
    {
        relative(urls, from, value)
    } else {
        None
    }
}

/// `srcset="/a.png 1x, /b.png 2x"`: each candidate's URL made relative.
fn rewrite_srcset(urls: &Urls, from: &str, value: &str) -> Option<String> {
    let parts: Vec<String> = value
        .split(',')
        .map(|c| {
            let c = c.trim();
            let (url, desc) = c.split_at(c.find(char::is_whitespace).unwrap_or(c.len()));
            relative(urls, from, url).map_or_else(|| c.to_string(), |u| format!("{u}{desc}"))
        })
        .collect();
    Some(parts.join(", "))
}

/// Rewrites `url(…)` references (quoted or not) in a stylesheet, or in a page's `<style>`.
pub(super) fn rewrite_css<'c>(urls: &Urls, from: &str, css: &'c str) -> Cow<'c, str> {
    // Most pages have none: one vectorised pass, and no copy.
    if memchr::memmem::find(css.as_bytes(), b"url(").is_none() {
        return Cow::Borrowed(css);
    }
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("url(") {
        let (before, after) = rest.split_at(i + 4);
        out.push_str(before);
        let quote = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .map_or("", |c| if c == '"' { "\"" } else { "'" });
        let inner = &after[quote.len()..];
        let end = if quote.is_empty() {
            inner.find(')')
        } else {
            inner.find(quote)
        }
        .unwrap_or(inner.len());
        let url = &inner[..end];
        out.push_str(quote);
        out.push_str(&relative(urls, from, url.trim()).unwrap_or_else(|| url.to_string()));
        rest = &inner[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(base: &str) -> Urls {
        Urls::parse(base).unwrap()
    }

    #[test]
    fn links_become_relative_with_their_index_html() {
        let u = urls("/l/");
        let rec = "recommendations/iii-16/index.html";
        let cases = [
            (
                "/l/parties/finland/#all",
                "../../parties/finland/index.html#all",
            ),
            ("/l/recommendations/iii-16/#fn-1", "index.html#fn-1"),
            ("/l/", "../../index.html"),
            ("/l/style.css", "../../style.css"),
            ("/l/search/?q=a&amp;b", "../../search/index.html?q=a&amp;b"),
            ("/l/recommendations/iii-17/", "../iii-17/index.html"),
            ("/l/recommendations/{slug}/", "../{slug}/index.html"),
        ];
        for (url, want) in cases {
            assert_eq!(relative(&u, rec, url).as_deref(), Some(want), "{url}");
        }
        assert_eq!(
            relative(&u, "index.html", "/l/data/x.csv").as_deref(),
            Some("data/x.csv")
        );
        for other in [
            "/other/",
            "//cdn.org/l/",
            "https://x.org/l/",
            "#top",
            "?q=1",
            "/l",
        ] {
            assert_eq!(relative(&u, rec, other), None, "{other}");
        }
        assert_eq!(
            relative(&urls("/"), "a/index.html", "/").as_deref(),
            Some("../index.html")
        );
    }

    #[test]
    fn html_attributes_and_css_are_rewritten_and_text_is_not() {
        let u = urls("/");
        let html = concat!(
            r#"<a href="/a/">/a/</a><img src="/i.png" srcset="/i.png 1x, /j.png 2x" alt="/x/">"#,
            r#"<form action="/search/"><div data-index="/search/i.json" data-t="/ not a path">"#,
            r#"<a href="https://x.org/a/" title="/a/"><style>p{background:url('/b.png')}</style>"#,
            r#"<a HREF='/c/'>c</a><img src=/k.png><!-- <a href="/d/"> -->"#,
            r#"<script>x = '<a href="/e/">';</script>"#
        );
        let want = concat!(
            r#"<a href="../a/index.html">/a/</a><img src="../i.png" srcset="../i.png 1x, ../j.png 2x" alt="/x/">"#,
            r#"<form action="../search/index.html"><div data-index="../search/i.json" data-t="/ not a path">"#,
            r#"<a href="https://x.org/a/" title="/a/"><style>p{background:url('../b.png')}</style>"#,
            r#"<a HREF='../c/index.html'>c</a><img src=../k.png><!-- <a href="/d/"> -->"#,
            r#"<script>x = '<a href="/e/">';</script>"#
        );
        assert_eq!(rewrite_html(&u, "p/index.html", html), want);
        assert_eq!(
            rewrite_css(&u, "style.css", "a{b:url(/f.svg)} c{d:url(\"/g/h.png\")}"),
            "a{b:url(f.svg)} c{d:url(\"g/h.png\")}"
        );
    }
}
