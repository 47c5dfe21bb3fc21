//! Hashed assets have one naming scheme: every script, stylesheet and index file a built page or
//! module refers to is a file of the site, named without a query string; a name that carries a
//! hash (`name.<hash>.ext`, `recpub::model::hashed_name`) is the hash of that file's bytes; the
//! search modules and the index are hashed, and their theme names are neither written nor linked.

use crate::common;

use std::collections::BTreeMap;

use common::site::SiteTest;
use recpub::model::{content_hash, is_hashed_name};

/// The values of `attr="…"` in `text`.
fn attr_values<'t>(text: &'t str, attr: &str) -> Vec<&'t str> {
    let pat = format!(" {attr}=\"");
    text.match_indices(&pat)
        .filter_map(|(at, _)| {
            let rest = &text[at + pat.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// The module specifiers of static imports (`from '…'`) and dynamic ones (`import('…')`).
fn import_specifiers(js: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for pat in ["from '", "from \"", "import('", "import(\""] {
        for (at, _) in js.match_indices(pat) {
            let rest = &js[at + pat.len()..];
            let quote = pat.chars().last().unwrap();
            if let Some(end) = rest.find(quote) {
                out.push(&rest[..end]);
            }
        }
    }
    out
}

/// The site-relative path of a URL under `base`, resolved from `dir` when relative (`./x`);
/// `None` for another site's address, a fragment or a page.
fn local_path(url: &str, base: &str, dir: &str) -> Option<String> {
    let path = if let Some(rel) = url.strip_prefix(base) {
        rel.to_string()
    } else if let Some(rel) = url.strip_prefix("./") {
        format!("{dir}{rel}")
    } else {
        return None;
    };
    let name = path.split(['?', '#']).next().unwrap_or("");
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    matches!(ext, Some("js" | "css" | "json")).then_some(path)
}

/// Checks one reference: no query string, an existing file, a hash that is its content's.
fn check_reference(files: &BTreeMap<String, Vec<u8>>, from: &str, path: &str) {
    assert!(
        !path.contains('?') && !path.contains('#'),
        "{from} refers to {path}: an asset is named by its file, never by a query string"
    );
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{from} refers to {path}, which the site does not have"));
    if is_hashed_name(path) {
        let stem = path.rsplitn(3, '.').nth(2).unwrap();
        let ext = path.rsplit('.').next().unwrap();
        assert_eq!(
            path,
            format!("{stem}.{}.{ext}", content_hash(bytes)),
            "{from} refers to {path}, whose name is not its content's hash"
        );
    }
}

#[test]
fn every_asset_reference_uses_one_naming_scheme_and_exists() {
    let site = SiteTest::small()
        .with_args(&["--base-url", "/small/"])
        .build();
    let files = common::tree(&site.out());
    let mut hashed = Vec::new();
    for (rel, bytes) in &files {
        let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
        let dir = if dir.is_empty() {
            String::new()
        } else {
            format!("{dir}/")
        };
        let text = String::from_utf8_lossy(bytes);
        let refs: Vec<&str> = if rel.ends_with(".html") {
            ["src", "href", "data-index"]
                .iter()
                .flat_map(|a| attr_values(&text, a))
                .collect()
        } else if rel.ends_with(".js") {
            import_specifiers(&text)
        } else {
            continue;
        };
        for url in refs {
            if let Some(path) = local_path(url, "/small/", &dir) {
                check_reference(&files, rel, &path);
                if is_hashed_name(&path) {
                    hashed.push(path);
                }
            }
        }
    }
    // The search page's module, the engine it imports and the index entry are hashed …
    for stem in ["search.", "search-engine.", "search/index."] {
        assert!(
            hashed.iter().any(|p| p.starts_with(stem)),
            "no hashed {stem}…: {hashed:?}"
        );
    }
    // … and so is every file the entry names (shards, fragments, Party concerns at scale).
    let entry = hashed
        .iter()
        .find(|p| p.starts_with("search/index."))
        .unwrap();
    let entry: serde_json::Value = serde_json::from_slice(&files[entry]).unwrap();
    for field in ["shards", "frags"] {
        for name in entry[field].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap();
            assert!(is_hashed_name(name), "{name}");
            check_reference(&files, "the index entry", name);
        }
    }
    // The theme's names of hashed files are not written, so nothing can link them.
    for old in ["search.js", "search-engine.js"] {
        assert!(
            !files.contains_key(old),
            "{old} written under its theme name"
        );
    }
}

#[test]
fn reference_scanning_finds_what_it_must() {
    let html = r#"<link rel="stylesheet" href="/b/style.css"><script type="module" src="/b/s.js?h=1"></script><a href="/b/about/">"#;
    let hrefs = attr_values(html, "href");
    assert_eq!(hrefs, ["/b/style.css", "/b/about/"]);
    let local: Vec<_> = [hrefs, attr_values(html, "src")]
        .concat()
        .into_iter()
        .filter_map(|u| local_path(u, "/b/", ""))
        .collect();
    assert_eq!(local, ["style.css", "s.js?h=1"]);
    let js = "import { a } from './e.0123456789.js';\nconst m = await import(\"./x.js\");";
    assert_eq!(import_specifiers(js), ["./e.0123456789.js", "./x.js"]);
    assert_eq!(
        local_path("./e.0123456789.js", "/b/", "search/").as_deref(),
        Some("search/e.0123456789.js")
    );
}
