//! Several reports in one site: `tests/fixtures/site-two-reports` (a first monitoring round,
//! the content folder's own, and a special report in `reports/special/`, each with its own
//! levels and Arabic-numbered sections, Parties shared). What each test expects is read from
//! the fixture's files (its recommendation files, its `report.toml`), not from what the code
//! prints.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{fixtures, run};

fn content() -> PathBuf {
    fixtures().join("site-two-reports/content")
}

/// The `*.md` files of `dir`: the recommendations of one report.
fn rec_files(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn check_accepts_two_reports_and_counts_each() {
    let c = content();
    let out = run(
        &common::root(),
        &["check", "--content", c.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let first = rec_files(&c.join("recommendations")).len();
    let special = rec_files(&c.join("reports/special/recommendations")).len();
    assert!(
        out.stdout
            .starts_with(&format!("ok: {first} recommendations in 2 sections")),
        "{}",
        out.stdout
    );
    let line = format!("ok: report special: {special} recommendations in 2 sections\n");
    assert!(out.stdout.contains(&line), "{}", out.stdout);
}

/// A recommendation id is unique within its report only: both reports have a `1.1`, and a
/// cross-reference resolves in its own report (the special report's `2.1` cites its `1.1`).
#[test]
fn ids_are_unique_within_a_report_not_across() {
    let c = content();
    for dir in ["recommendations", "reports/special/recommendations"] {
        assert!(
            rec_files(&c.join(dir)).contains(&"1.1".to_string()),
            "{dir}"
        );
    }
    let ds = recpub::load_dataset(&c).expect("the fixture is valid");
    assert_eq!(ds.further.len(), 1);
    let special = &ds.further[0];
    assert_eq!(special.slug.as_str(), "special");
    // The special report's own facts and levels, not the first report's.
    let toml = fs::read_to_string(c.join("reports/special/report.toml")).unwrap();
    assert!(toml.contains(&format!(
        "short_title = \"{}\"",
        special.ds.site.report.short_title.as_deref().unwrap()
    )));
    let legend = fs::read_to_string(c.join("reports/special/legend.toml")).unwrap();
    for l in &special.ds.levels {
        assert!(legend.contains(&format!("id = \"{}\"", l.id)), "{}", l.id);
    }
    assert_ne!(special.ds.levels.len(), ds.levels.len());
    // A cross-reference to an id the report lacks is refused in the report's own file.
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&c, &tmp.path().join("content"));
    let rel = "content/reports/special/recommendations/2.1.md";
    let text = fs::read_to_string(tmp.path().join(rel)).unwrap();
    fs::write(tmp.path().join(rel), text.replace("1.1", "1.2")).unwrap();
    let out = common::run_check(tmp.path());
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{rel}:10:20: error: reference to unknown recommendation \"1.2\""
        )),
        "{}",
        out.stderr
    );
}
