//! Releases of a site of several reports, on temp copies of `tests/fixtures/site-two-reports`:
//! a release records every report; a further report's recommendation changed since the last
//! release is refused by `check` and `release` until the note names it, and only warned about
//! in a preview; the change history, the report's pages and the feeds show its changes,
//! anchored apart from the first report's recommendation of the same id. What each test
//! expects is read from the fixture's files (their text, `report.toml`), not from the code.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_tree, fixtures, run, tree};
use recpub::project::{Given, Project};
use recpub::site::Build;

const SPECIAL: &str = "content/reports/special";

/// A copy of the two-report fixture with the theme, as a project folder.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &fixtures().join("site-two-reports/content"),
        &dir.path().join("content"),
    );
    copy_tree(&common::root().join("themes"), &dir.path().join("themes"));
    dir
}

fn release(dir: &Path, version: &str, note: &str, date: &str) -> common::Output {
    fs::write(dir.join("note.md"), note).unwrap();
    run(
        dir,
        &["release", version, "--note", "note.md", "--date", date],
    )
}

/// The special report's `1.1`, its Committee's text changed: the last word of its body gone.
fn edit_special_text(dir: &Path) -> PathBuf {
    let path = dir.join(SPECIAL).join("recommendations/1.1.md");
    let text = fs::read_to_string(&path).unwrap();
    let body = text.rsplit("+++\n").next().unwrap().trim_end();
    let shorter = body.rsplit_once(' ').unwrap().0;
    fs::write(&path, text.replace(body, &format!("{shorter}."))).unwrap();
    path
}

/// The report's name as pages give it: `short_title` in its `report.toml`, else `title`.
fn special_name(dir: &Path) -> String {
    let toml = fs::read_to_string(dir.join(SPECIAL).join("report.toml")).unwrap();
    let field = |key: &str| {
        toml.lines()
            .find_map(|l| l.strip_prefix(&format!("{key} = \"")))
            .map(|v| v.trim_end_matches('"').to_string())
    };
    field("short_title").or_else(|| field("title")).unwrap()
}

#[test]
fn a_release_records_every_report_and_a_further_reports_change_must_be_named() {
    let tmp = project();
    let d = tmp.path();
    let out = release(d, "1.0", "The first edition.\n", "2026-12-01");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let snap = d.join("content/releases/1.0/reports/special");
    assert_eq!(
        tree(&snap.join("recommendations")),
        tree(&d.join(SPECIAL).join("recommendations"))
    );
    for table in ["legend.toml", "sections.toml"] {
        assert_eq!(
            fs::read(snap.join(table)).unwrap(),
            fs::read(d.join(SPECIAL).join(table)).unwrap()
        );
    }

    let edited = edit_special_text(d);
    let check = run(d, &["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let at = format!("{}:", edited.strip_prefix(d).unwrap().display());
    let line = check.stderr.lines().find(|l| l.contains(&at));
    assert!(
        line.is_some_and(|l| l.ends_with(
            "error: 1.1 has changed since release 1.0 (text) and the note of the next release does not name it"
        )),
        "{}",
        check.stderr
    );

    let unnamed = release(d, "1.1", "Nothing to say.\n", "2026-12-02");
    assert_ne!(unnamed.code, 0);
    assert!(
        unnamed.stderr.contains(
            "the note does not name 1.1 of report \"special\", which changed since release 1.0 (text)"
        ),
        "{}",
        unnamed.stderr
    );
    assert!(!d.join("content/releases/1.1").exists());

    let named = release(d, "1.1", "1.1: a word removed.\n", "2026-12-02");
    assert_eq!(named.code, 0, "{}", named.stderr);
    assert_eq!(run(d, &["check"]).code, 0);
}

#[test]
fn a_preview_shows_a_further_reports_unnamed_change_as_a_warning() {
    let tmp = project();
    let d = tmp.path();
    assert_eq!(release(d, "1.0", "First.\n", "2026-12-01").code, 0);
    let edited = edit_special_text(d);
    let given = Given {
        root: Some(d),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    let build = Build::new(&project, "/").expect("a preview builds");
    let warnings = build.unannounced();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = warnings[0].to_string();
    assert!(w.contains(&edited.display().to_string()), "{w}");
    assert!(
        w.contains("1.1 has changed since release 1.0 (text)"),
        "{w}"
    );
}

#[test]
fn the_change_history_and_the_reports_pages_show_a_further_reports_changes() {
    let tmp = project();
    let d = tmp.path();
    assert_eq!(release(d, "1.0", "First.\n", "2026-12-01").code, 0);
    edit_special_text(d);
    let out = release(d, "1.1", "1.1 of the special report.\n", "2026-12-02");
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Then the first report's 1.1 changes: in a site of several reports, its entry names its
    // report too.
    let first_rec = d.join("content/recommendations/1.1.md");
    let text = fs::read_to_string(&first_rec).unwrap();
    fs::write(
        &first_rec,
        text.replacen("title = \"", "title = \"Now: ", 1),
    )
    .unwrap();
    let out = release(d, "1.2", "1.1 of each report.\n", "2026-12-03");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let built = run(d, &["build", "--base-url", "https://example.org/"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let read = |p: &str| fs::read_to_string(d.join("output").join(p)).unwrap();

    let page = read("changes/1.1/index.html");
    let name = special_name(d);
    assert!(page.contains("id=\"special-1.1\""), "{page}");
    assert!(
        page.contains("href=\"/reports/special/recommendations/1.1/\""),
        "{page}"
    );
    assert!(page.contains(&format!("({name})</a></h3>")), "{page}");
    // The first report's 1.1 did not change: no entry of its own.
    assert!(!page.contains("id=\"1.1\""), "{page}");
    let both = read("changes/1.2/index.html");
    let site: toml::Table =
        toml::from_str(&fs::read_to_string(d.join("content/site.toml")).unwrap()).unwrap();
    let first_name = site["report"]["short_title"].as_str().unwrap();
    let entry = both.split("id=\"1.1\"").nth(1).unwrap_or_default();
    let heading = entry.split("</h3>").next().unwrap();
    assert!(
        heading.ends_with(&format!("({first_name})</a>")),
        "{heading}"
    );
    assert!(!both.contains("id=\"special-1.1\""), "{both}");
    assert!(read("changes/index.html").contains("1 recommendation changed"));

    let rec = read("reports/special/recommendations/1.1/index.html");
    assert!(rec.contains("href=\"/changes/1.1/#special-1.1\""), "{rec}");
    let first = read("recommendations/1.1/index.html");
    assert!(!first.contains("/changes/1.1/#"), "{first}");

    let entry = "https://example.org/changes/1.1/#special-1.1";
    assert!(read("changes/feed.xml").contains(entry));
    // Named by the special report's 1.1: Finland's feed has it; a Party it does not
    // concern has no entry for release 1.1.
    assert!(read("parties/finland/changes.xml").contains(entry));
    let parties: toml::Table =
        toml::from_str(&fs::read_to_string(d.join("content/parties.toml")).unwrap()).unwrap();
    let special = fs::read_to_string(d.join(SPECIAL).join("recommendations/1.1.md")).unwrap();
    let other = parties["party"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| !special.contains(&format!("\"{}\"", p["name"].as_str().unwrap())))
        .map(|p| p["slug"].as_str().unwrap().to_string());
    if let Some(other) = other {
        let feed = read(&format!("parties/{other}/changes.xml"));
        assert!(!feed.contains(entry), "{other}: {feed}");
    }
}

#[test]
fn a_report_no_release_holds_starts_its_history_at_the_next() {
    let tmp = project();
    let d = tmp.path();
    let aside = d.join("special-aside");
    fs::rename(d.join(SPECIAL), &aside).unwrap();
    assert_eq!(release(d, "1.0", "First.\n", "2026-12-01").code, 0);
    fs::rename(&aside, d.join(SPECIAL)).unwrap();
    // The report is new since 1.0: nothing of it to name yet.
    let check = run(d, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(
        release(d, "1.1", "Adds the special report.\n", "2026-12-02").code,
        0
    );
    assert!(
        d.join("content/releases/1.1/reports/special/recommendations/1.1.md")
            .is_file()
    );
    // From 1.1 on, its changes must be named.
    edit_special_text(d);
    assert_eq!(run(d, &["check"]).code, 1);
}
