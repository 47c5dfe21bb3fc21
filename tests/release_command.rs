//! `recpub release` on temp copies of the real content, where it can go wrong: dates that do
//! not exist; versions without one spelling.

mod common;

use std::fs;
use std::path::Path;

use common::{copy_tree, root, run};

/// A copy of the real content and theme in a temp folder.
fn copy_real() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    dir
}

/// `recpub release VERSION --note NOTE --date DATE` in `dir`.
fn release(dir: &Path, version: &str, note: &str, date: &str) -> common::Output {
    run(dir, &["release", version, "--note", note, "--date", date])
}

#[test]
fn a_release_date_must_exist() {
    let dir = copy_real();
    let d = dir.path();
    fs::write(d.join("note.md"), "Nothing changed.\n").unwrap();
    for (date, why) in [
        ("2027-02-30", "February 2027 has 28 days"),
        ("2027-02-29", "February 2027 has 28 days"),
        ("2027-04-31", "April 2027 has 30 days"),
    ] {
        let out = release(d, "1.2", "note.md", date);
        assert_eq!(out.code, 2, "{date}");
        assert_eq!(
            out.stderr,
            format!("error: date \"{date}\" is not a date: {why}\n")
        );
    }
    let out = release(d, "1.2", "note.md", "2026-12-2");
    assert_eq!(
        out.stderr,
        "error: date \"2026-12-2\" is not a date like 2026-12-01\n"
    );
    assert!(!d.join("content/releases/1.2").exists());
    // A leap day in a leap year is a date.
    let out = release(d, "1.2", "note.md", "2028-02-29");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let site = fs::read_to_string(d.join("content/site.toml")).unwrap();
    assert!(site.contains("date = \"2028-02-29\"\n"), "{site}");
}

#[test]
fn a_version_has_one_spelling_and_the_refusal_says_which() {
    let dir = copy_real();
    let d = dir.path();
    fs::write(d.join("note.md"), "Nothing changed.\n").unwrap();
    for version in ["01.2", "1.2.3.4.5.6.7.8.9.10", "2", "1.02"] {
        let out = release(d, version, "note.md", "2026-12-02");
        assert_eq!(out.code, 2, "{version}");
        assert_eq!(
            out.stderr,
            format!(
                "error: version \"{version}\" is not allowed: a version is MAJOR.MINOR or MAJOR.MINOR.PATCH, numbers without leading zeros, like 1.2 or 1.2.1\n"
            )
        );
        assert!(!d.join("content/releases").join(version).exists());
    }
    let out = release(d, "1.1.1", "note.md", "2026-12-02");
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn a_hand_set_impossible_edition_date_fails_check() {
    let dir = copy_real();
    let d = dir.path();
    let path = d.join("content/site.toml");
    let site = fs::read_to_string(&path).unwrap();
    fs::write(
        &path,
        site.replace("date = \"2026-12-01\"", "date = \"2026-11-31\""),
    )
    .unwrap();
    let out = run(d, &["check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "error: edition date \"2026-11-31\" is not a date: November 2026 has 30 days\n"
        ),
        "{}",
        out.stderr
    );
}
