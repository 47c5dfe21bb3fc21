//! `recpub release` on temp copies of the real content, where it can go wrong: two releases at
//! once (one records, the other refuses, the record complete); a release killed half-way (it
//! leaves nothing that `check` or `build` reads, and the next release clears it); dates that do
//! not exist; versions without one spelling; notes whose links or naming a page would refuse.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{copy_tree, root, run, tree};

/// A copy of the real content and theme in a temp folder.
fn copy_real() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    dir
}

/// Writes a release note `name` in `dir`: `text`, then the draft note's, which names what the
/// working content changed since the last release, so that each test's note is refused or
/// accepted for what its own text says.
fn write_note(dir: &Path, name: &str, text: &str) {
    let draft = fs::read_to_string(dir.join("content/releases/next.md")).unwrap_or_default();
    fs::write(dir.join(name), format!("{text}\n{draft}")).unwrap();
}

/// `recpub release VERSION --note NOTE --date DATE` in `dir`.
fn release(dir: &Path, version: &str, note: &str, date: &str) -> common::Output {
    run(dir, &["release", version, "--note", note, "--date", date])
}

/// The names in `content/releases/` that start with a dot (staging folders, the lock).
fn hidden_entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir.join("content/releases"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    names.sort();
    names
}

/// Release `version`'s folder holds the note, the tables and every working recommendation.
fn assert_complete(dir: &Path, version: &str, notes: &[&str]) {
    let rel = dir.join("content/releases").join(version);
    let note = fs::read_to_string(rel.join("release.md")).unwrap();
    assert!(
        notes.iter().any(|n| note.contains(&format!("+++\n{n}\n"))),
        "{note}"
    );
    for table in ["legend.toml", "sections.toml", "parties.toml"] {
        assert_eq!(
            fs::read(rel.join(table)).unwrap(),
            fs::read(dir.join("content").join(table)).unwrap()
        );
    }
    assert_eq!(
        tree(&rel.join("recommendations")),
        tree(&dir.join("content/recommendations"))
    );
    let site = fs::read_to_string(dir.join("content/site.toml")).unwrap();
    assert!(
        site.contains(&format!("version = \"{version}\"\n")),
        "{site}"
    );
}

#[test]
fn of_two_releases_at_once_exactly_one_records_and_the_record_is_complete() {
    for round in 0..6 {
        let dir = copy_real();
        let d = dir.path();
        write_note(d, "a.md", "Note a.\n");
        write_note(d, "b.md", "Note b.\n");
        let spawn = |note: &str| {
            Command::new(env!("CARGO_BIN_EXE_recpub"))
                .args(["release", "1.2", "--note", note, "--date", "2026-12-02"])
                .current_dir(d)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn("a.md"), spawn("b.md"));
        let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
        let ok = outs.iter().filter(|o| o.status.success()).count();
        assert_eq!(ok, 1, "round {round}: exactly one release records");
        let refused = outs.iter().find(|o| !o.status.success()).unwrap();
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert_eq!(refused.status.code(), Some(2), "{stderr}");
        // Refused while the other ran, naming it, or after it, finding its release.
        assert!(
            stderr.starts_with("error: another release is running (process ")
                || stderr.starts_with("error: release 1.2 exists already"),
            "{stderr}"
        );
        assert_complete(d, "1.2", &["Note a.", "Note b."]);
        assert_eq!(hidden_entries(d), Vec::<String>::new());
        assert_eq!(run(d, &["check"]).code, 0);
    }
}

#[test]
fn a_release_held_by_a_running_process_is_refused_with_its_id() {
    let dir = copy_real();
    let d = dir.path();
    // A process that runs holds the lock: util-linux's `flock` takes the kernel's lock and
    // keeps it while it waits for `sleep` (`-o`: the lock is not handed down to `sleep`).
    let lock = d.join("content/releases/.recpub-release.lock");
    let mut holder = Command::new("flock")
        .arg("-o")
        .arg(&lock)
        .args(["sleep", "30"])
        .spawn()
        .unwrap();
    // Wait until the lock is taken (flock made the file).
    for _ in 0..100 {
        if lock.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    fs::write(&lock, format!("{}\n", holder.id())).unwrap();
    write_note(d, "note.md", "Nothing changed.\n");
    let out = release(d, "1.2", "note.md", "2026-12-02");
    holder.kill().unwrap();
    holder.wait().unwrap();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(
        out.stderr,
        format!(
            "error: another release is running (process {} holds content/releases/.recpub-release.lock); wait for it to finish\n",
            holder.id()
        )
    );
    assert!(!d.join("content/releases/1.2").exists());
    // Its process gone, the lock is taken over.
    let out = release(d, "1.2", "note.md", "2026-12-02");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(hidden_entries(d), Vec::<String>::new());
}

#[cfg(unix)]
#[test]
fn a_release_killed_half_way_blocks_nothing_and_the_next_one_clears_it() {
    let dir = copy_real();
    let d = dir.path();
    write_note(d, "note.md", "Nothing changed.\n");
    let site_before = fs::read(d.join("content/site.toml")).unwrap();
    // Files over 1,500 bytes cannot be written: the kernel stops the release (SIGXFSZ) as it
    // copies the first long recommendation into its staging folder.
    let killed = Command::new("prlimit")
        .args(["--fsize=1500", "--"])
        .arg(env!("CARGO_BIN_EXE_recpub"))
        .args([
            "release",
            "1.2",
            "--note",
            "note.md",
            "--date",
            "2026-12-02",
        ])
        .current_dir(d)
        .output()
        .unwrap();
    assert!(!killed.status.success(), "the release did not finish");
    assert!(!d.join("content/releases/1.2").exists());
    let left = hidden_entries(d);
    assert!(
        left.iter().any(|n| n.starts_with(".1.2.recpub-new-")),
        "the killed release left its staging folder: {left:?}"
    );
    assert_eq!(fs::read(d.join("content/site.toml")).unwrap(), site_before);
    // What an earlier version of recpub left when it failed (the reported case).
    let legacy = d.join("content/releases/.1.2.partial/recommendations");
    fs::create_dir_all(&legacy).unwrap();
    fs::write(legacy.join("II-1.md"), "half").unwrap();
    let check = run(d, &["check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    let build = run(d, &["build", "-q", "--out", "site"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let again = release(d, "1.2", "note.md", "2026-12-02");
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(again.stderr, "");
    assert_eq!(hidden_entries(d), Vec::<String>::new(), "leftovers cleared");
    assert_complete(d, "1.2", &["Nothing changed."]);
}

#[test]
fn a_release_date_must_exist() {
    let dir = copy_real();
    let d = dir.path();
    write_note(d, "note.md", "Nothing changed.\n");
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
    write_note(d, "note.md", "Nothing changed.\n");
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
fn a_note_is_checked_as_a_page_is_before_anything_is_written() {
    let dir = copy_real();
    let d = dir.path();
    let path = d.join("content/recommendations/II-1.md");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    fs::write(
        &path,
        text.replacen(line, "title = \"A new short title\"", 1),
    )
    .unwrap();
    let site_before = fs::read(d.join("content/site.toml")).unwrap();
    for (note, want) in [
        (
            "II-1: see [](II-1).\n",
            "note.md:1:11: error: link target \"II-1\" is relative, and a release note is shown on several pages\n  help: link to a site path such as /recommendations/ii-1/, or to an http, https or mailto address\n",
        ),
        (
            "II-1: [x](javascript:alert(1)).\n",
            "note.md:1:7: error: link target \"javascript:alert(1)\" is not allowed\n  help: link to a site path such as /about/, or to an http, https or mailto address\n",
        ),
        (
            "II-1: see [x](/recommendations/ii-99/).\n",
            "note.md:1:11: error: broken link /recommendations/ii-99/ (no such page or file)\n",
        ),
        (
            "The short title.\n\n[II-1]: /recommendations/ii-1/\n",
            "note.md:1:1: error: the note does not name II-1, which changed since release 1.1 (title)\n  help: name every changed recommendation by its id, saying what changed\n",
        ),
        (
            "Changed: [](/recommendations/ii-1/ \"II-1\").\n",
            "note.md:1:1: error: the note does not name II-1, which changed since release 1.1 (title)\n  help: name every changed recommendation by its id, saying what changed\n",
        ),
    ] {
        write_note(d, "note.md", note);
        let out = release(d, "1.2", "note.md", "2026-12-02");
        assert_eq!(out.code, 1, "{note}");
        assert_eq!(
            out.stderr,
            format!("{want}error: 1 error(s) in content\n"),
            "{note}"
        );
        assert!(!d.join("content/releases/1.2").exists());
        assert_eq!(fs::read(d.join("content/site.toml")).unwrap(), site_before);
    }
    write_note(
        d,
        "note.md",
        "[II-1](/recommendations/ii-1/): a new short title.\n",
    );
    let out = release(d, "1.2", "note.md", "2026-12-02");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(run(d, &["check"]).code, 0);
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

#[test]
fn a_release_leaves_no_temporary_file() {
    let dir = copy_real();
    let d = dir.path();
    write_note(d, "note.md", "Nothing changed.\n");
    let out = release(d, "1.2", "note.md", "2026-12-02");
    assert_eq!(out.code, 0, "{}", out.stderr);
    let left: Vec<String> = walkdir::WalkDir::new(d.join("content"))
        .into_iter()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.ends_with(".tmp"))
        .collect();
    assert_eq!(left, Vec::<String>::new());
}
