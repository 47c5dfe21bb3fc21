//! The change history of a very long recommendation: a 60,000-word text (a 180 KB file, inside
//! the 256 KiB limit) released, then edited at its start, middle and end, which leaves the whole
//! text to compare word by word. `check`, which renders the release's page, succeeds and its
//! peak memory stays under 500 MB (the comparison once needed a table of 60,000 × 60,000
//! numbers: 14 GB). The peak is the kernel's figure for that one `check` process. Its time is
//! measured by `bench/release-diff.sh`.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, root, run};

/// 60,000 two-letter words (676 distinct), three bytes each with its space.
fn long_text() -> Vec<String> {
    let letters: Vec<char> = ('a'..='z').collect();
    (0..60_000)
        .map(|i: usize| format!("{}{}", letters[(i * 7) % 26], letters[(i / 26 + i) % 26]))
        .collect()
}

/// Replaces the body of the recommendation at `path` with its first paragraph and `words`.
fn set_body(path: &Path, words: &[String]) {
    let text = fs::read_to_string(path).unwrap();
    let end = text[3..].find("+++").unwrap() + 6;
    let body = &text[end..];
    let first = body.trim().split("\n\n").next().unwrap();
    fs::write(
        path,
        format!("{}\n{first}\n\n{}\n", &text[..end], words.join(" ")),
    )
    .unwrap();
}

/// Runs `recpub <args>` in `cwd` and returns its exit code, its error output and, where the
/// kernel reports it, its own peak resident memory in bytes. The figure is read from `wait4` on
/// that one child: the test binary runs other tests' commands at the same time, and the
/// figure for all children (`RUSAGE_CHILDREN`) would be the largest of any of them.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn run_measured(cwd: &Path, args: &[&str]) -> (i32, String, Option<u64>) {
    use std::io::Read;
    use std::process::{Command, Stdio};
    // Reaped by wait4 below, not by `Child::wait`, which would not give the figure.
    #[allow(clippy::zombie_processes)]
    let mut child = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(args)
        .current_dir(cwd)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: `pid` is our own child, not yet waited for (std's `Child` is never waited on
    // here); wait4 fills `status` and `usage`, both valid for writes.
    let got = unsafe { libc::wait4(pid, &mut status, 0, usage.as_mut_ptr()) };
    assert_eq!(got, pid, "wait4 failed");
    // SAFETY: initialised by the successful call (and zeroed before).
    let peak = unsafe { usage.assume_init() }.ru_maxrss as u64 * 1024;
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, stderr, Some(peak))
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn run_measured(cwd: &Path, args: &[&str]) -> (i32, String, Option<u64>) {
    let out = run(cwd, args);
    (out.code, out.stderr, None)
}

#[test]
fn a_60000_word_edit_is_compared_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_tree(&root().join("content"), &d.join("content"));
    copy_tree(&root().join("themes"), &d.join("themes"));
    let rec = d.join("content/recommendations/II-1.md");
    let note = d.join("content/releases/next.md");
    // The long text is no longer the report's: without the source copy, `check` does not
    // compare it. The draft's own changes stay named in each note.
    fs::remove_dir_all(d.join("content/source")).unwrap();
    let draft = fs::read_to_string(&note).unwrap();
    let mut words = long_text();
    set_body(&rec, &words);
    assert!(fs::metadata(&rec).unwrap().len() > 170_000);
    fs::write(&note, format!("II-1: the text made long.\n\n{draft}")).unwrap();
    let args = [
        "release",
        "1.2",
        "--note",
        "content/releases/next.md",
        "--date",
        "2026-12-02",
    ];
    let first = run(d, &args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    words[0] = "start".into();
    words[30_000] = "middle".into();
    words[59_999] = "end".into();
    set_body(&rec, &words);
    fs::write(&note, "II-1: three words changed.\n").unwrap();
    let second = run(
        d,
        &[
            "release",
            "1.3",
            "--note",
            "content/releases/next.md",
            "--date",
            "2026-12-03",
        ],
    );
    assert_eq!(second.code, 0, "{}", second.stderr);
    let (code, stderr, peak) = run_measured(d, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    if let Some(peak) = peak {
        assert!(peak < 500_000_000, "peak memory {peak} bytes");
    }
    // The release page marks the three words, and only them.
    let built = run(d, &["build", "-q", "--out", "site"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = fs::read_to_string(d.join("site/changes/1.3/index.html")).unwrap();
    assert_eq!(page.matches("<ins>").count(), 3);
    assert!(page.contains("</span>middle</ins>"));
}
