//! Golden output: the whole site built from `tests/fixtures/site-small/content` must equal
//! `tests/fixtures/site-small/expected/`, file for file. Re-bless with `BLESS=1 cargo test`.
//! The theme's static files are copied as they are: they are compared with the theme's own
//! files instead of being stored twice (so editing the CSS needs no re-bless).

mod common;

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
    let mut actual = tree(&out);
    for (rel, bytes) in tree(&root.join("themes/default/static")) {
        // The search module is written under a content-hashed name.
        let rel = match rel.as_str() {
            "search.js" => format!("search.{}.js", recpub::search::content_hash(&bytes)),
            _ => rel,
        };
        let copied = actual.remove(&rel);
        assert!(
            copied.as_ref() == Some(&bytes),
            "static file {rel} not copied as it is"
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
