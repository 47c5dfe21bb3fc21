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

/// A page names the data's numbers (`{{ recommendations }}`) and shows them as the data has
/// them, after a recommendation is added too; a count written by hand in a page's prose or in
/// `site.toml`'s texts is a located warning, and `check` still passes. A number that is not
/// the count ("2 recommendations" of 3) and the syntax inside code are left alone.
#[test]
fn pages_name_the_data_and_counts_written_by_hand_are_warned() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&common::fixtures().join("base"), dir.path());
    let content = dir.path().join("content");
    let about = "+++\ntitle = \"About\"\ndescription = \"About the fixture.\"\n+++\n\
                 The {{ recommendations }} recommendations of {{ sections }} sections \
                 ({{ first_section }} to {{ last_section }}), to {{ parties }} Parties.\n\n\
                 Once there were 3 recommendations; 2 recommendations name a Party; \
                 `{{ sections }}` names the sections.\n";
    fs::write(content.join("pages/about.md"), about).unwrap();
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let site = site.replace("A small dataset for tests.", "The four Parties' dataset.");
    fs::write(content.join("site.toml"), site).unwrap();
    let out = common::run_check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        "content/pages/about.md:7:17: warning: \"3\" is a number the data knows, written by hand\n  \
         help: write {{ recommendations }}: the page then follows the data\n\
         content/site.toml:2:20: warning: \"four\" is a number the data knows, written by hand\n  \
         help: leave it out: the pages give it from the data, and it stays right when the data \
         changes\n"
    );
    let build = |out: &str| {
        let built = run(
            dir.path(),
            &["build", "-q", "--content", "content", "--out", out],
        );
        assert_eq!(built.code, 0, "{}", built.stderr);
        fs::read_to_string(dir.path().join(out).join("about/index.html")).unwrap()
    };
    let page = build("site");
    assert!(page.contains("The 3 recommendations of 2 sections (II to III), to 4 Parties."));
    assert!(page.contains("<code>{{ sections }}</code>"), "{page}");
    let rec = fs::read_to_string(content.join("recommendations/II-2.md")).unwrap();
    fs::write(
        content.join("recommendations/II-3.md"),
        rec.replace("II-2", "II-3"),
    )
    .unwrap();
    let page = build("site2");
    assert!(
        page.contains("The 4 recommendations of 2 sections"),
        "{page}"
    );
}
