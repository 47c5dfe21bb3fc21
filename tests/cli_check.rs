//! `check` as a user runs it: exit codes, stdout summary and stderr on the bundled content, the
//! small fixture, and broken copies of the bundled content.

use crate::common;

use std::fs;

use common::{copy_tree, root, run};

#[test]
fn bundled_content_is_clean() {
    let out = run(&root(), &["check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "", "no warnings either");
    // Its counts are the dataset's (tests/dataset_*.rs check them against the source).
    assert!(out.stdout.starts_with("ok: "), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 1, "{}", out.stdout);
}

/// The summary counts what the content has: the small fixture's five recommendations of two
/// sections, three Parties, one page; three recommendations name their Parties.
#[test]
fn the_summary_counts_the_content() {
    let content = common::fixtures().join("site-small/content");
    let out = run(&root(), &["check", "--content", content.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "ok: 5 recommendations in 2 sections, 3 Parties, 1 page (3 with designated Parties)\n"
    );
}

#[test]
fn errors_in_several_files_are_all_reported_then_counted() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    let recs = dir.path().join("content/recommendations");
    let edit = |file: &str, from: &str, to: &str| {
        let path = recs.join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} lacks {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    edit("III-14.md", "level = \"invite\"", "level = \"requires\"");
    edit("VI-3.md", "\"Finland\", ", "\"Finnland\", ");
    fs::remove_file(recs.join("IX-4.md")).unwrap();
    let out = run(dir.path(), &["check", "--content", "content"]);
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            "content/recommendations/III-14.md:4:9: error: unknown level \"requires\"",
            "  help: did you mean \"require\"?",
            "content/recommendations/IX-5.md:2:6: error: gap in the numbering of section IX: IX-4 is missing",
            "content/recommendations/VI-3.md:9:68: error: unknown Party \"Finnland\"",
            "  help: did you mean \"Finland\"?",
            "content/recommendations/VI-3.md:18:1: error: `parties` does not match footnote [^199] (footnote only: Finland; `parties` only: Finnland)",
            "error: 4 error(s) in content",
        ]
    );
}

#[test]
fn usage_errors_and_help() {
    let out = run(&root(), &["check", "--nope"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("unexpected argument '--nope'"),
        "{}",
        out.stderr
    );
    let help = run(&root(), &["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("check"), "{}", help.stdout);
}
