//! Faithfulness: every recommendation's text and every footnote, with the corrections its
//! editorial notes declare undone, equals the project's copy of the source text
//! (`content/source/`). The rule is the library's (`recpub::model::source_differences`, which
//! `check` and `build` apply); these tests hold the bundled content to it and show that it
//! catches a changed word, a shortened footnote and a correction no longer declared, at the
//! first differing word of the file.

use crate::common;

use std::path::Path;

use common::{copy_tree, root, run_check};
use recpub::model::{Dataset, Difference, source_differences};

const SOURCE: &str = "content/source/lanzarote-ict-recommendations.txt";

fn dataset() -> Dataset {
    recpub::load_dataset(&root().join("content")).expect("the bundled content is valid")
}

fn source() -> String {
    std::fs::read_to_string(root().join(SOURCE)).unwrap()
}

fn differences(ds: &Dataset) -> Vec<Difference> {
    let recs: Vec<_> = ds.recommendations.iter().collect();
    source_differences(&recs, &ds.sections, &source())
}

fn index(ds: &Dataset, id: &str) -> usize {
    ds.recommendations
        .iter()
        .position(|r| r.id.to_string() == id)
        .unwrap()
}

/// The offset of the first `word` in the body after `after`.
fn offset(body: &str, after: &str, word: &str) -> usize {
    let from = body.find(after).unwrap();
    from + body[from..].find(word).unwrap()
}

#[test]
fn every_recommendation_matches_the_source_text() {
    let diffs = differences(&dataset());
    assert!(
        diffs.is_empty(),
        "{} difference(s): {diffs:#?}",
        diffs.len()
    );
}

#[test]
fn a_changed_word_and_a_dropped_party_are_caught_where_they_are() {
    let mut ds = dataset();
    let (i, j) = (index(&ds, "III-16"), index(&ds, "X-6"));
    let r = &mut ds.recommendations[i];
    r.body = r.body.replacen("for prosecutors who", "for judges who", 1);
    let judges = offset(&r.body, "available for", "judges");
    let r = &mut ds.recommendations[j];
    let line = r.body.find("[^292]:").unwrap();
    r.body
        .replace_range(line.., &r.body[line..].replacen("Andorra, ", "", 1));
    let austria = offset(&r.body, "[^292]:", "Austria");
    let diffs = differences(&ds);
    // The changed word; the shortened footnote (its full text, left over in X-6's stretch of the
    // source, is not reported again as X-6's text running short).
    assert_eq!(diffs.len(), 2, "{diffs:#?}");
    assert_eq!(
        (diffs[0].id.to_string(), diffs[0].at),
        ("III-16".into(), judges)
    );
    assert!(
        diffs[0]
            .message
            .contains("here \"judges who are or will be …\"")
            && diffs[0].message.contains("in the source \"prosecutors who"),
        "{}",
        diffs[0].message
    );
    assert_eq!(
        (diffs[1].id.to_string(), diffs[1].at),
        ("X-6".into(), austria)
    );
    assert!(
        diffs[1]
            .message
            .starts_with("footnote 292 differs from the source")
            && diffs[1]
                .message
                .contains("in the source \"Andorra, Austria,"),
        "{}",
        diffs[1].message
    );
}

#[test]
fn a_correction_no_longer_declared_is_a_difference() {
    let mut ds = dataset();
    let i = index(&ds, "II-4");
    ds.recommendations[i].editorial.clear();
    let hyphen = offset(&ds.recommendations[i].body, "non-visual", "self-generated");
    let diffs = differences(&ds);
    assert_eq!(diffs.len(), 1, "{diffs:#?}");
    assert_eq!(
        (diffs[0].id.to_string(), diffs[0].at),
        ("II-4".into(), hyphen)
    );
    assert!(
        diffs[0].message.contains("in the source \"selfgenerated"),
        "{}",
        diffs[0].message
    );
}

#[test]
fn a_recommendation_whose_marker_is_not_in_the_source_is_reported_alone() {
    let mut ds = dataset();
    let i = index(&ds, "V-3");
    ds.recommendations[i].source_marker = Some("Recommendation V-99".into());
    let diffs = differences(&ds);
    // Not also V-2, whose stretch of the source now runs on over V-3's text.
    assert_eq!(diffs.len(), 1, "{diffs:#?}");
    assert_eq!(diffs[0].id.to_string(), "V-3");
    assert_eq!(
        diffs[0].message,
        "V-3's text is not in the source: no \"Recommendation V-99\" after that of V-2"
    );
}

/// Copies the bundled content into a temporary folder, with `edit` applied to III-16's file.
fn content_with(edit: impl Fn(&str) -> String, keep_source: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    if !keep_source {
        std::fs::remove_dir_all(dir.path().join("content/source")).unwrap();
    }
    let file = dir.path().join("content/recommendations/III-16.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(&text)).unwrap();
    dir
}

fn check(dir: &Path) -> common::Output {
    run_check(dir)
}

#[test]
fn check_fails_on_an_undeclared_change_at_its_line_and_column() {
    let edit = |t: &str| t.replacen("for prosecutors who", "for judges who", 1);
    let dir = content_with(edit, true);
    let text =
        std::fs::read_to_string(dir.path().join("content/recommendations/III-16.md")).unwrap();
    let at = offset(&text, "available for", "judges");
    let line = text[..at].lines().count();
    let col = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + 1;
    let out = check(dir.path());
    assert_eq!(out.code, 1, "{}", out.stderr);
    let want = format!(
        "content/recommendations/III-16.md:{line}:{col}: error: III-16's text differs from the source"
    );
    assert!(out.stderr.contains(&want), "want {want}\n{}", out.stderr);
    assert!(
        out.stderr.contains("help: restore the source's words"),
        "{}",
        out.stderr
    );
}

#[test]
fn content_without_a_source_copy_is_not_compared() {
    let edit = |t: &str| t.replacen("for prosecutors who", "for judges who", 1);
    // The content has a draft note naming III-16, so that the release rule does not object.
    let dir = content_with(edit, false);
    let next = dir.path().join("content/releases/next.md");
    let mut note = std::fs::read_to_string(&next).unwrap_or_default();
    note.push_str("\nIII-16: test edit.\n");
    std::fs::write(&next, note).unwrap();
    let out = check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn the_dataset_has_every_recommendation_of_every_section() {
    let ds = dataset();
    let counts: Vec<(String, usize)> = ds
        .sections
        .iter()
        .map(|s| {
            (
                s.id.to_string(),
                ds.recommendations
                    .iter()
                    .filter(|r| r.id.section == s.id)
                    .count(),
            )
        })
        .collect();
    let want = [
        ("II", 12),
        ("III", 32),
        ("IV", 9),
        ("V", 19),
        ("VI", 4),
        ("VII", 7),
        ("VIII", 9),
        ("IX", 8),
        ("X", 7),
        ("XI", 4),
    ];
    assert_eq!(counts, want.map(|(s, n)| (s.to_string(), n)));
    assert_eq!(ds.recommendations.len(), 111);
}
