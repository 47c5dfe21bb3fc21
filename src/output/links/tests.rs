//! The link check against small sites: what full checks find, and what a replacement breaks.

use super::*;
use crate::html_scan::scan;
use crate::output::SiteFiles;

/// Checks every HTML page's links against the files and their ids (as the output's record does
/// while files come in).
fn check_links(files: &SiteFiles, urls: &Urls) -> Vec<BrokenLink> {
    // Scans borrow the pages' text, which a file in pieces has only once joined.
    let pages: Vec<(&Arc<str>, Option<String>)> = files
        .iter()
        .map(|(path, body)| {
            let html = path.ends_with(".html");
            (
                path,
                html.then(|| String::from_utf8(body.to_vec()).ok())
                    .flatten(),
            )
        })
        .collect();
    let mut index = LinkIndex::default();
    for (path, html) in &pages {
        index.add(path.to_string(), html.as_deref().map(scan));
    }
    index.check(urls)
}

fn site(pages: &[(&str, &str)]) -> SiteFiles {
    pages
        .iter()
        .map(|(p, h)| (Arc::from(*p), h.as_bytes().to_vec().into()))
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

/// An index of `pages` (path, HTML; `None` for a file that is not a page).
fn index_of(pages: &[(&str, Option<&str>)]) -> LinkIndex {
    let mut index = LinkIndex::default();
    for (path, html) in pages {
        index.add(path.to_string(), html.map(scan));
    }
    index
}

fn found(broken: Vec<BrokenLink>) -> Vec<(String, String, &'static str)> {
    broken
        .into_iter()
        .map(|b| (b.page, b.link, b.reason))
        .collect()
}

fn triple(page: &str, link: &str, reason: &'static str) -> (String, String, &'static str) {
    (page.to_string(), link.to_string(), reason)
}

#[test]
fn replacing_breaks_links_to_lost_anchors_and_removed_files() {
    let urls = Urls::parse("/").unwrap();
    let a = r##"<a href="/b/#x"></a><a href="/s.css"></a><a href="../c/"></a><a href="#top" id="top">"##;
    let mut index = index_of(&[
        ("a/index.html", Some(a)),
        ("b/index.html", Some(r#"<h2 id="x"></h2><p id="top">"#)),
        (
            "c/index.html",
            Some(r##"<a href="/a/#top"></a><p id="top">"##),
        ),
        ("s.css", None),
    ]);
    assert_eq!(index.check(&urls), []);
    // b loses its id x; c starts linking to a page that does not exist.
    let b = scan(r#"<p id="top">"#);
    let c = scan(r##"<a href="/nope/"></a><a href="/a/#top">"##);
    let touched = index.replace(
        &urls,
        vec![
            ("b/index.html".into(), Some(b)),
            ("c/index.html".into(), Some(c)),
        ],
        &[],
    );
    let want = [
        triple("a/index.html", "/b/#x", NO_ANCHOR),
        triple("c/index.html", "/nope/", "no such page or file"),
    ];
    assert_eq!(found(index.check_after(&urls, &touched)), want);
    assert_eq!(found(index.check(&urls)), want);
    // a no longer links to b; the style sheet and c go, so a's links to them break.
    let a = r#"<a href="/s.css"></a><a href="../c/"></a><p id="top">"#;
    let touched = index.replace(
        &urls,
        vec![("a/index.html".into(), Some(scan(a)))],
        &["s.css".into(), "c/index.html".into()],
    );
    let want = [
        triple("a/index.html", "/s.css", "no such page or file"),
        triple("a/index.html", "../c/", "no such page or file"),
    ];
    assert_eq!(found(index.check_after(&urls, &touched)), want);
    let inverse = index.inverse.as_ref().expect("kept by replace");
    let mut linkers: Vec<u32> = Vec::new();
    inverse.linkers(
        "b/index.html",
        false,
        &index.interner.strings,
        &mut linkers,
        &mut Vec::new(),
    );
    assert!(linkers.is_empty(), "a's old link to b is forgotten");
}

#[test]
fn without_the_index_of_linkers_the_whole_site_is_checked() {
    let urls = Urls::parse("/").unwrap();
    let mut index = index_of(&[
        ("a/index.html", Some(r#"<a href="/b/">"#)),
        ("b/index.html", Some("")),
    ]);
    let touched = index.replace(&urls, vec![("c.css".into(), None)], &[]);
    // `remove` drops the index of who links where: the next check reads every page.
    index.remove("b/index.html");
    let want = [triple("a/index.html", "/b/", "no such page or file")];
    assert_eq!(found(index.check_after(&urls, &touched)), want);
}
