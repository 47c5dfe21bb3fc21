//! `recpub new DIR`: the content folder it writes passes `check` and builds (from the project
//! root, with the real theme), its pages are there with the Committee's words, every file
//! teaches with comments, and a folder that holds anything is refused and left as it was.

use crate::common;

use std::fs;

use common::{root, run};

#[test]
fn a_new_content_folder_checks_and_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let (site, cache) = (tmp.path().join("site"), tmp.path().join("cache"));
    let path = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let new = run(tmp.path(), &["new", &path(&content)]);
    assert_eq!(new.code, 0, "new failed: {}", new.stderr);
    let check = run(&root(), &["check", "--content", &path(&content)]);
    assert_eq!(check.code, 0, "check failed: {}", check.stderr);
    assert_eq!(check.stderr, "", "check warns");
    assert!(
        check
            .stdout
            .starts_with("ok: 2 recommendations in 1 section, 2 Parties, 1 page"),
        "{}",
        check.stdout
    );
    let args = ["build", "--content", &path(&content), "--out", &path(&site)];
    let build = run(
        &root(),
        &[&args[..], &["--cache-dir", &path(&cache)]].concat(),
    );
    assert_eq!(build.code, 0, "build failed: {}", build.stderr);
    let page =
        |rel: &str| fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    assert!(page("recommendations/i-1/index.html").contains("child sexual abuse material"));
    assert!(page("recommendations/i-2/index.html").contains("to train prosecutors"));
    assert!(page("about/index.html").contains("The recommendations are the Committee's words"));
}

#[test]
fn every_file_written_explains_itself_with_comments() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let new = run(tmp.path(), &["new", content.to_str().unwrap()]);
    assert_eq!(new.code, 0, "new failed: {}", new.stderr);
    let files = common::tree(&content);
    assert_eq!(files.len(), 7, "{:?}", files.keys());
    for (rel, bytes) in &files {
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.lines().any(|l| l.starts_with("# ")),
            "{rel} has no comment"
        );
    }
}

#[test]
fn a_folder_that_holds_anything_is_refused_and_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let dir = tmp.path().to_str().unwrap();
    let new = run(tmp.path(), &["new", dir]);
    assert_eq!(new.code, 2, "{}", new.stdout);
    assert_eq!(
        new.stderr,
        format!(
            "error: refusing to write into {dir}: it is not empty; choose a new or empty folder\n"
        )
    );
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "files were written");
}
