//! The link check against small sites: full checks, and incremental checks against full ones.

use super::*;
use crate::output::SiteFiles;
use crate::output::html_scan::scan;

/// Checks every HTML page's links against the files and their ids (as the collector does
/// while files come in).
fn check_links(files: &SiteFiles, urls: &Urls) -> Vec<BrokenLink> {
    let mut index = LinkIndex::default();
    for (path, bytes) in files {
        let page = path
            .ends_with(".html")
            .then(|| std::str::from_utf8(bytes).ok().map(scan))
            .flatten();
        index.add(path.clone(), page);
    }
    index.check(urls)
}

fn site(pages: &[(&str, &str)]) -> SiteFiles {
    pages
        .iter()
        .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec().into()))
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
            r#"<a href="../b.css"></a><img src="/other/x.png"><a href="https://y.org/"><a href="https://x.org/report">"#,
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

#[test]
fn verdicts_are_per_page_where_the_page_matters() {
    let urls = Urls::parse("/").unwrap();
    let files = site(&[
        (
            "a/index.html",
            r##"<a href="#x" id="x"></a><a href="/b/#y"></a>"##,
        ),
        ("b/index.html", r##"<a href="#x"></a><a href="/b/#y"></a>"##),
    ]);
    let found: Vec<_> = check_links(&files, &urls)
        .into_iter()
        .map(|b| (b.page, b.link))
        .collect();
    let want = [
        ("a/index.html", "/b/#y"),
        ("b/index.html", "#x"),
        ("b/index.html", "/b/#y"),
    ];
    let want: Vec<_> = want
        .iter()
        .map(|(p, l)| (p.to_string(), l.to_string()))
        .collect();
    assert_eq!(found, want);
}
