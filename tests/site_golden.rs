//! Golden output: the whole site built from `tests/fixtures/site-small/content` must equal
//! `tests/fixtures/site-small/expected/`, file for file. Re-bless with `BLESS=1 cargo test`.
//! The theme's static files are copied as they are (scripts and stylesheets compacted): they are
//! compared with the theme's own files instead of being stored twice (so editing the CSS needs
//! no re-bless; an SVG's `var(--accent)` is the default theme's accent, `#1f4e79`). The search
//! index's entry file is stored pretty-printed as `search/index.json` (the built file is one
//! line under a content-hashed name, which `search/index.html` names), so a change to it reads
//! line by line.

use crate::common;

use common::tree;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

#[test]
fn the_small_fixture_builds_to_the_expected_tree() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/site-small");
    let tmp = tempfile::TempDir::new().unwrap();
    let out = tmp.path().join("site");
    let o = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(["build", "--content"])
        .arg(fixture.join("content"))
        .arg("--out")
        .arg(&out)
        .args(["--base-url", "/small/"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let expected_dir = fixture.join("expected");
    let mut actual = readable_search_index(tree(&out));
    let static_dir = root.join("themes/default/static");
    for (rel, bytes) in tree(&static_dir) {
        // The search modules are written under content-hashed names, the page importing the
        // engine by its name.
        let m = || recpub::search::page_module(&static_dir).unwrap().unwrap();
        let (rel, bytes) = match rel.as_str() {
            "search.js" => (m().page.name, m().page.text.into_bytes()),
            "search-engine.js" => {
                let engine = m().engine.unwrap();
                (engine.name, engine.text.into_bytes())
            }
            _ => {
                // An SVG's `var(--accent)` is the accent `style.css` declares.
                let bytes = match rel.ends_with(".svg") {
                    true => String::from_utf8(bytes)
                        .unwrap()
                        .replace("var(--accent)", "#1f4e79")
                        .into_bytes(),
                    false => bytes,
                };
                let served = recpub::compact::static_file(&rel, bytes);
                (rel, served)
            }
        };
        let copied = actual.remove(&rel);
        assert!(
            copied.as_ref() == Some(&bytes),
            "static file {rel} not copied as the theme has it (compacted)"
        );
    }
    if std::env::var_os("BLESS").is_some() {
        if expected_dir.exists() {
            fs::remove_dir_all(&expected_dir).unwrap();
        }
        for (rel, bytes) in &actual {
            let path = expected_dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, bytes).unwrap();
        }
        return;
    }
    let expected = tree(&expected_dir);
    let names = |t: &BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(&actual),
        names(&expected),
        "file lists differ (BLESS=1 to accept)"
    );
    for (rel, bytes) in &actual {
        if bytes != &expected[rel] {
            let (a, e) = (
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&expected[rel]),
            );
            let line = a
                .lines()
                .zip(e.lines())
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            panic!(
                "{rel} differs from expected at line {} (BLESS=1 to accept):\n  actual:   {}\n  expected: {}",
                line + 1,
                a.lines().nth(line).unwrap_or(""),
                e.lines().nth(line).unwrap_or("")
            );
        }
    }
}

/// The site's files with the search entry file (`search/index.<hash>.json`, one line) stored as
/// `search/index.json`, pretty-printed: the golden copy diffs line by line. Checks the hash on
/// the way.
fn readable_search_index(mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let entries: Vec<String> = files
        .keys()
        .filter(|k| k.starts_with("search/index.") && k.ends_with(".json"))
        .cloned()
        .collect();
    assert_eq!(entries.len(), 1, "one entry file: {entries:?}");
    let bytes = files.remove(&entries[0]).unwrap();
    let hash = recpub::search::content_hash(&bytes);
    assert_eq!(entries[0], format!("search/index.{hash}.json"));
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    let mut pretty = serde_json::to_string_pretty(&value).unwrap();
    pretty.push('\n');
    files.insert("search/index.json".into(), pretty.into_bytes());
    files
}
