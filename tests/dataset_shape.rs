//! A dataset of another shape than the bundled one (`tests/fixtures/site-four-levels`: four
//! levels, one of them marked by two phrases that contain another level's, every list of
//! Parties complete and no open recommendation) passes `check` and builds; a few of its pages
//! equal `expected/` (`BLESS=1` rewrites them; review the diff): the home page, the levels
//! page, one level's page, a Party page and its brief, and the list by addressees.

use crate::common;

use std::fs;

use common::{copy_tree, fixtures, run, run_check, tree};

/// The pages kept as golden copies, as the build names them.
const PAGES: [&str; 6] = [
    "parties/albania/brief/index.html",
    "index.html",
    "levels/index.html",
    "levels/strongly-encourage/index.html",
    "parties/albania/index.html",
    "recommendations/by-addressees/index.html",
];

fn fixture() -> std::path::PathBuf {
    fixtures().join("site-four-levels")
}

#[test]
fn the_four_level_fixture_checks_builds_and_its_pages_are_as_expected() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture().join("content"), &dir.path().join("content"));
    let out = run_check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let o = run(
        dir.path(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "site",
            "--base-url",
            "/four/",
        ],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let site = tree(&dir.path().join("site"));
    let expected = fixture().join("expected");
    let bless = std::env::var_os("BLESS").is_some();
    for page in PAGES {
        let built = String::from_utf8(site[page].clone()).unwrap();
        let path = expected.join(page);
        if bless {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &built).unwrap();
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            built == want,
            "{page} differs from {} (BLESS=1 to accept)",
            path.display()
        );
    }
    // Every level has its page; no Party page or brief shows a group that no recommendation
    // has.
    for id in ["invite", "encourage", "strongly-encourage", "urge"] {
        assert!(
            site.contains_key(&format!("levels/{id}/index.html")),
            "{id}"
        );
    }
    for (rel, bytes) in &site {
        // A Party's page and its brief.
        let parts: Vec<&str> = rel.split('/').collect();
        let party_page = matches!(parts[..], ["parties", _, "index.html"])
            || matches!(parts[..], ["parties", _, "brief", "index.html"]);
        if party_page {
            let html = String::from_utf8_lossy(bytes);
            assert!(
                !html.contains("id=\"uncertain\""),
                "{rel}: a group of lost lists"
            );
            assert!(
                !html.contains("id=\"open\""),
                "{rel}: a group of open recommendations"
            );
            assert!(
                html.contains("id=\"all\""),
                "{rel}: the group of all Parties"
            );
        }
    }
}

#[test]
fn a_text_that_strongly_encourages_is_at_that_level_not_at_encourages() {
    let ds = recpub::load_dataset(&fixture().join("content")).unwrap();
    let ids: Vec<&str> = ds.levels.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        ["invite", "encourage", "strongly-encourage", "urge"],
        "file order"
    );
    let level_of = |id: &str| {
        let r = ds
            .recommendations
            .iter()
            .find(|r| r.id.to_string() == id)
            .unwrap();
        (ds.level_id(r.level), r.text.clone())
    };
    // Both of its phrases: "strongly encourages", and "encourages strongly" that starts as
    // the level "encourage"'s own phrase does.
    for id in ["A-2", "B-2"] {
        let (level, text) = level_of(id);
        assert_eq!(level, "strongly-encourage", "{id}: {text}");
    }
    assert_eq!(level_of("A-3").0, "encourage");
    // A greater level is a stronger one.
    let (weak, strong) = (
        ds.level_by_id("encourage"),
        ds.level_by_id("strongly-encourage"),
    );
    assert!(weak < strong);

    // The same text filed under "encourage" is refused, with the phrase it uses.
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixture().join("content"), &dir.path().join("content"));
    let file = dir.path().join("content/recommendations/B-2.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("level = \"strongly-encourage\"", "level = \"encourage\""),
    )
    .unwrap();
    let out = run_check(dir.path());
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(
            "B-2.md:4:9: error: level \"encourage\" does not match the verb its text uses \"encourages strongly\""
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("help: did you mean \"strongly-encourage\"?")
    );
}
