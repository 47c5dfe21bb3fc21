//! One invalid fixture per diagnostic: `tests/fixtures/invalid/<name>/content/…` is laid over the
//! valid `tests/fixtures/base/content/`, `check` runs on the result, and its stderr must equal
//! `<name>/expected.stderr` exactly (file, line, column, message, help). `BLESS=1` rewrites the
//! expected files; review the diff before committing.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, fixtures, run_check};

#[test]
fn base_fixture_is_clean() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("base"), dir.path());
    let out = run_check(dir.path());
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    assert!(
        out.stdout
            .starts_with("ok: 3 recommendations in 2 sections, 4 Parties"),
        "{}",
        out.stdout
    );
}

#[test]
fn every_invalid_fixture_reports_its_exact_diagnostics() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    let mut names: Vec<_> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(
        names.len() >= 30,
        "expected one fixture per diagnostic, found {}",
        names.len()
    );
    for fixture in &names {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&fixtures().join("base"), dir.path());
        copy_tree(&fixture.join("content"), &dir.path().join("content"));
        let out = run_check(dir.path());
        let expected_path = fixture.join("expected.stderr");
        if bless {
            fs::write(&expected_path, &out.stderr).unwrap();
        }
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        let name = fixture.file_name().unwrap().to_string_lossy();
        if out.code != 1 {
            failures.push(format!(
                "{name}: exit code {} (want 1)\n{}",
                out.code, out.stderr
            ));
        } else if out.stderr != expected {
            failures.push(format!(
                "{name}:\n--- expected\n{expected}--- actual\n{}",
                out.stderr
            ));
        }
        assert!(
            out.stdout.is_empty(),
            "{name}: nothing on stdout when there are errors"
        );
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn bom_and_crlf_are_accepted_and_lines_stay_right() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("base"), dir.path());
    let path = dir.path().join("content/recommendations/II-1.md");
    let text = fs::read_to_string(&path).unwrap().replace('\n', "\r\n");
    fs::write(
        &path,
        [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
    )
    .unwrap();
    assert_eq!(run_check(dir.path()).code, 0);
    // An error after the BOM and CRLF lines is still reported at the right line and column.
    fs::write(
        &path,
        [
            b"\xEF\xBB\xBF".as_slice(),
            text.replace("\"invite\"", "\"invitee\"").as_bytes(),
        ]
        .concat(),
    )
    .unwrap();
    let out = run_check(dir.path());
    assert!(
        out.stderr
            .starts_with("content/recommendations/II-1.md:4:9: error: unknown level \"invitee\""),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_content_folder_is_a_plumbing_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_check(dir.path());
    assert_eq!(out.code, 2);
    assert_eq!(out.stderr, "error: content folder content does not exist\n");
    assert!(!Path::new(&dir.path().join("content")).exists());
}

#[test]
fn a_content_path_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("content"), "not a folder").unwrap();
    let out = run_check(dir.path());
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "error: content folder content is a file, not a folder (--content names the folder that holds site.toml)\n"
    );
}

/// Links are followed when they stay inside the content folder; any other link is an error at
/// its path, never skipped silently.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_inside_the_content_folder_and_refused_outside() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("base"), dir.path());
    let content = dir.path().join("content");
    // Inside: a recommendation kept in another folder of the content, linked into place.
    fs::create_dir(content.join("shared")).unwrap();
    fs::rename(
        content.join("recommendations/II-2.md"),
        content.join("shared/II-2.md"),
    )
    .unwrap();
    symlink("../shared/II-2.md", content.join("recommendations/II-2.md")).unwrap();
    let out = run_check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("ok: 3 recommendations"),
        "{}",
        out.stdout
    );
    // Outside: a pages folder elsewhere, a recommendation elsewhere, and a link to nothing.
    let elsewhere = dir.path().join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    fs::rename(content.join("pages"), elsewhere.join("pages")).unwrap();
    symlink(elsewhere.join("pages"), content.join("pages")).unwrap();
    fs::copy(content.join("shared/II-2.md"), elsewhere.join("III-2.md")).unwrap();
    symlink(
        elsewhere.join("III-2.md"),
        content.join("recommendations/III-2.md"),
    )
    .unwrap();
    symlink("III-9.md", content.join("recommendations/III-3.md")).unwrap();
    let out = run_check(dir.path());
    assert_eq!(out.code, 1);
    let help = "  help: links are followed only to files and folders inside the content folder; copy the file in instead\n";
    assert_eq!(
        out.stderr,
        format!(
            "content/pages:1:1: error: symbolic link to a target outside the content folder\n{help}\
             content/recommendations/III-2.md:1:1: error: symbolic link to a target outside the content folder\n{help}\
             content/recommendations/III-3.md:1:1: error: symbolic link to a target that does not exist\n{help}\
             error: 3 error(s) in content\n"
        )
    );
}

/// Editors' scratch files are not content: Emacs keeps a dangling `.#II-1.md` link while a
/// buffer has unsaved changes, and `check` and `build` must pass as `serve` does.
#[cfg(unix)]
#[test]
fn editor_lock_links_and_swap_files_are_not_content() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("base"), dir.path());
    let recs = dir.path().join("content/recommendations");
    symlink("user@host.12345:1700000000", recs.join(".#II-1.md")).unwrap();
    fs::write(recs.join(".II-1.md.swp"), b"\0\x01binary").unwrap();
    fs::create_dir(recs.join(".git")).unwrap();
    fs::write(recs.join(".git/II-9.md"), "not a recommendation").unwrap();
    let out = run_check(dir.path());
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert!(
        out.stdout.starts_with("ok: 3 recommendations"),
        "{}",
        out.stdout
    );
    let out = common::run(
        dir.path(),
        &["build", "--content", "content", "--no-zip", "-q"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Only the warning every build without an absolute base URL prints.
    assert!(
        out.stderr
            .lines()
            .all(|l| l.starts_with("warning: no absolute base URL")),
        "{}",
        out.stderr
    );
    assert!(
        dir.path()
            .join("output/recommendations/ii-1/index.html")
            .is_file()
    );
}
