//! The canonical address: `base_url` in site.toml, `build --base-url` overriding it. With an
//! absolute base every address a citation, the sitemap or robots.txt carries is absolute;
//! without one `build` warns once, and writes no relative sitemap location.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, fixtures, root, run, tree};

/// A copy of the small fixture's content and the real theme, with `base_url_line` put at the
/// top of its site.toml (before any table).
fn project(base_url_line: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &fixtures().join("site-small/content"),
        &dir.path().join("content"),
    );
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    if let Some(line) = base_url_line {
        let path = dir.path().join("content/site.toml");
        let toml = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{line}\n{toml}")).unwrap();
    }
    dir
}

fn build(dir: &Path, extra: &[&str]) -> common::Output {
    let mut args = vec!["build", "--content", "content", "--out", "site"];
    args.extend_from_slice(extra);
    let out = run(dir, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out
}

/// Every `<loc>` of the sitemap, if there is one.
fn locs(site: &Path) -> Option<Vec<String>> {
    let xml = fs::read_to_string(site.join("sitemap.xml")).ok()?;
    Some(
        xml.split("<loc>")
            .skip(1)
            .map(|s| s.split("</loc>").next().unwrap().to_string())
            .collect(),
    )
}

fn warnings(stderr: &str) -> usize {
    stderr.lines().filter(|l| l.starts_with("warning:")).count()
}

#[test]
fn without_an_absolute_base_the_build_warns_once_and_no_location_is_relative() {
    let dir = project(None);
    let out = build(dir.path(), &["--base-url", "/small/"]);
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
    let warning = out
        .stderr
        .lines()
        .find(|l| l.starts_with("warning:"))
        .unwrap();
    assert!(
        warning.contains("citations") && warning.contains("sitemap"),
        "{warning}"
    );
    let site = dir.path().join("site");
    for (rel, bytes) in tree(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<loc>"), "{rel} has a sitemap location");
        assert!(!text.contains("Sitemap:"), "{rel} names a sitemap");
    }
    assert_eq!(locs(&site), None);
    let page = fs::read_to_string(site.join("recommendations/iii-1/index.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="/small/recommendations/iii-1/">"#));
    // The same without any base: the default `/` is relative too.
    let out = build(dir.path(), &[]);
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
}

#[test]
fn the_site_toml_base_url_makes_every_address_absolute_and_the_flag_overrides_it() {
    let dir = project(Some(r#"base_url = "https://example.com/small/""#));
    let out = build(dir.path(), &[]);
    assert_eq!(warnings(&out.stderr), 0, "{}", out.stderr);
    let site = dir.path().join("site");
    let all = locs(&site).expect("a sitemap");
    assert!(all.len() >= 10, "{all:?}");
    assert!(all.contains(&"https://example.com/small/recommendations/iii-1/".to_string()));
    for loc in &all {
        assert!(loc.starts_with("https://example.com/small/"), "{loc}");
    }
    let robots = fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://example.com/small/sitemap.xml\n"));
    let page = fs::read_to_string(site.join("recommendations/iii-1/index.html")).unwrap();
    let canonical = "https://example.com/small/recommendations/iii-1/";
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{canonical}">"#)));
    assert!(page.contains(&format!(
        r#"<meta property="og:url" content="{canonical}">"#
    )));
    // Links within the site keep the path only.
    assert!(page.contains(r#"href="/small/style.css""#));
    let data = fs::read_to_string(site.join("data/recommendations.json")).unwrap();
    assert!(data.contains(&format!(r#""url": "{canonical}""#)));

    // `--base-url` wins over site.toml, even when it is relative.
    let out = build(dir.path(), &["--base-url", "/elsewhere/"]);
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
    let page = fs::read_to_string(site.join("recommendations/iii-1/index.html")).unwrap();
    assert!(page.contains(r#"<link rel="canonical" href="/elsewhere/recommendations/iii-1/">"#));
    assert_eq!(locs(&site), None);
}

/// site.toml of `dir` without its `[publisher]` table (name, url and contact).
fn drop_publisher(dir: &Path) {
    let path = dir.join("content/site.toml");
    let toml = fs::read_to_string(&path).unwrap();
    let start = toml
        .find("[publisher]")
        .expect("the fixture names a publisher");
    let end = start + toml[start..].find("\n\n").expect("a table after it");
    fs::write(&path, format!("{}{}", &toml[..start], &toml[end + 2..])).unwrap();
}

#[test]
fn an_absolute_build_without_a_publisher_warns_once_and_pages_say_nothing_about_it() {
    let dir = project(Some(r#"base_url = "https://example.com/small/""#));
    drop_publisher(dir.path());
    let out = build(dir.path(), &[]);
    let lines: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        lines,
        [format!("warning: {}", recpub::site::NO_PUBLISHER_WARNING)],
        "{}",
        out.stderr
    );
    let site = dir.path().join("site");
    for (rel, bytes) in tree(&site) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        // Nothing stands in for the missing facts: no placeholder, no empty row or link.
        for absent in [
            "stated yet",
            "Not stated",
            "publisher.example.net",
            "Report an error",
        ] {
            assert!(!html.contains(absent), "{rel} says {absent:?}");
        }
        // The licence and the Committee's rights are still stated in every footer.
        let footer = html.split_once("<footer").map_or("", |(_, f)| f);
        assert!(
            footer.contains(r#"rel="license""#)
                && footer.contains("remain the Council of Europe&#39;s"),
            "{rel}: footer"
        );
    }
    let about = fs::read_to_string(site.join("about/index.html")).unwrap();
    assert!(!about.contains("<dt>Publisher</dt>"), "{about}");
    // A relative build (a preview) warns about its address, not about the publisher.
    let out = build(dir.path(), &["--base-url", "/small/"]);
    assert_eq!(warnings(&out.stderr), 1, "{}", out.stderr);
    assert!(!out.stderr.contains("publisher"), "{}", out.stderr);
}

/// `--base-url` is checked by the URL rules `check` applies to site.toml, before anything is
/// read: each refusal says what to write instead, and nothing is built.
#[test]
fn a_bad_base_url_flag_says_what_to_write_and_builds_nothing() {
    let dir = project(None);
    for (given, want) in [
        (
            "//example.org/lz/",
            "has no scheme; write the scheme too: \"https://example.org/lz/\"",
        ),
        (
            "https://example.org:99999/lz/",
            "not a number from 1 to 65535",
        ),
        (
            "https://example.org/lz/index.html",
            "not a folder; write the folder: \"https://example.org/lz/\"",
        ),
        (
            "https://bücher.example/lz/",
            "(punycode) form: \"https://xn--bcher-kva.example/lz/\"",
        ),
        ("http://[::1/", "has an unclosed \"[\" in its host"),
    ] {
        let args = ["build", "--content", "content", "--out", "site"];
        let out = run(dir.path(), &[&args[..], &["--base-url", given]].concat());
        assert_eq!(out.code, 2, "{given}: {}", out.stderr);
        let line = out.stderr.lines().next().unwrap_or_default();
        assert!(line.contains(&format!("base URL {given:?} ")), "{line}");
        assert!(line.contains(want), "{given}: {line}");
        assert!(!dir.path().join("site").exists(), "{given}: built");
    }
    // A scheme and host in capitals are accepted, and written in lower case.
    let out = build(dir.path(), &["--base-url", "HTTPS://Example.COM/small/"]);
    assert_eq!(warnings(&out.stderr), 0, "{}", out.stderr);
    let page =
        fs::read_to_string(dir.path().join("site/recommendations/iii-1/index.html")).unwrap();
    let canonical = "https://example.com/small/recommendations/iii-1/";
    assert!(page.contains(&format!(r#"<link rel="canonical" href="{canonical}">"#)));
}
