//! Link checking: the rendered site (path → bytes) in, every internal `href`/`src` that points
//! at no file, or at an `#anchor` no element has, out. External links are not checked.

use std::collections::{BTreeMap, BTreeSet};

use crate::graph::Urls;

/// One broken internal link: the page it is on and the link as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub link: String,
    pub reason: &'static str,
}

/// Checks every HTML page's `href` and `src` attributes against the files and their ids.
pub fn check_links(files: &BTreeMap<String, Vec<u8>>, urls: &Urls) -> Vec<BrokenLink> {
    let html: BTreeMap<&str, &str> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| Some((p.as_str(), std::str::from_utf8(b).ok()?)))
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = html
        .iter()
        .map(|(p, h)| (*p, attr_values(h, "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, text) in &html {
        let mut links = attr_values(text, "href");
        links.extend(attr_values(text, "src"));
        for link in links {
            let Some((target, anchor)) = resolve(page, &link, urls) else {
                continue;
            };
            let reason = match (target.as_deref(), anchor) {
                (None, _) => Some("outside the site"),
                (Some(t), _) if !files.contains_key(t) => Some("no such page or file"),
                (Some(t), Some(a)) if !ids.get(t).is_some_and(|s| s.contains(a)) => {
                    Some("no such #anchor")
                }
                _ => None,
            };
            if let Some(reason) = reason {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    link: link.clone(),
                    reason,
                });
            }
        }
    }
    broken
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

/// Values of attribute `name` (`href="…"`) in HTML we rendered ourselves (double quotes).
pub fn attr_values(html: &str, name: &str) -> Vec<String> {
    let pat = format!("{name}=\"");
    let bytes = html.as_bytes();
    html.match_indices(&pat)
        .filter(|(i, _)| *i > 0 && bytes[i - 1].is_ascii_whitespace())
        .filter_map(|(i, m)| {
            let rest = &html[i + m.len()..];
            rest.find('"').map(|end| unescape(&rest[..end]))
        })
        .collect()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pages
            .iter()
            .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn finds_missing_pages_anchors_and_escapes() {
        let urls = Urls::parse("https://x.org/l/").unwrap();
        let files = site(&[
            (
                "index.html",
                r##"<a href="/l/a/#top">a</a> <a href="#me" id="me">x</a> <a data-href="/nope/">"##,
            ),
            (
                "a/index.html",
                r##"<p id="top"></p><a href="/l/a/#gone"></a><a href="https://x.org/l/b/"></a>"##,
            ),
            ("b.css", ""),
            (
                "c/index.html",
                r#"<a href="../b.css"></a><img src="/other/x.png"><a href="https://y.org/">"#,
            ),
        ]);
        let found: Vec<_> = check_links(&files, &urls)
            .into_iter()
            .map(|b| (b.page, b.link, b.reason))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "a/index.html".into(),
                    "/l/a/#gone".into(),
                    "no such #anchor"
                ),
                (
                    "a/index.html".into(),
                    "https://x.org/l/b/".into(),
                    "no such page or file"
                ),
                (
                    "c/index.html".into(),
                    "/other/x.png".into(),
                    "outside the site"
                ),
            ]
        );
    }
}
