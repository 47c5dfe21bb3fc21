//! The output swap under interference, through the binary: files written into an empty
//! `--out` while a build runs survive it (the build refuses at the swap), and builds killed
//! at several moments always leave an output folder, whose leftovers the next good build
//! clears. Every wait is bounded; what is asserted never depends on timing, only when a kill
//! lands does.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(30);

/// `recpub build --out OUT` from the crate root (the real content and theme).
fn spawn_build(out: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(["build", "--quiet", "--out", out.to_str().unwrap()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the build's staging folder exists, and returns it.
fn wait_for_staging(child: &Child, out: &Path) -> PathBuf {
    let name = out.file_name().unwrap().to_str().unwrap();
    let staging = out.with_file_name(format!(".{name}.recpub-new-{}", child.id()));
    let started = Instant::now();
    while !staging.exists() {
        assert!(started.elapsed() < WAIT, "no staging folder appeared");
        thread::sleep(Duration::from_millis(1));
    }
    staging
}

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn files_written_into_an_empty_out_during_a_build_survive() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    fs::create_dir(&out).unwrap();
    let child = spawn_build(&out);
    // The folder was empty when the build started; now someone saves a file into it.
    wait_for_staging(&child, &out);
    fs::write(out.join("thesis.tex"), "keep me").unwrap();
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("refusing to replace") && stderr.contains("during the build"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(out.join("thesis.tex")).unwrap(),
        "keep me"
    );
    assert_eq!(names(&out), ["thesis.tex"]);
    assert_eq!(
        names(tmp.path()),
        ["site"],
        "the new site is not left beside it"
    );
}

#[test]
fn killed_builds_always_leave_an_output_and_the_next_build_clears_their_leftovers() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let started = Instant::now();
    assert!(spawn_build(&out).wait().unwrap().success());
    let full = started.elapsed();
    let check_output = |when: &str| {
        assert!(
            out.join(".recpub-output").is_file() && out.join("index.html").is_file(),
            "no output after a kill {when}"
        );
    };
    // Killed as soon as its staging folder exists: that folder is left behind.
    let mut child = spawn_build(&out);
    wait_for_staging(&child, &out);
    child.kill().unwrap();
    child.wait().unwrap();
    check_output("at the start");
    assert!(
        names(tmp.path()).len() > 1,
        "the killed build left its folder"
    );
    // Killed at moments spread over a build's length, the swap included.
    for step in 0..10 {
        let mut child = spawn_build(&out);
        thread::sleep(full * step / 8);
        let _ = child.kill();
        child.wait().unwrap();
        check_output(&format!("at step {step}"));
    }
    let result = spawn_build(&out).wait_with_output().unwrap();
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(names(tmp.path()), ["site"], "leftovers beside the output");
    check_output("and a good build");
}

/// Leftovers of a build that is still running are not touched by another build.
#[cfg(unix)]
#[test]
fn a_running_builds_folder_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let mut sleeper = Command::new("sleep").arg("30").spawn().unwrap();
    let theirs = tmp
        .path()
        .join(format!(".site.recpub-new-{}", sleeper.id()));
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join(".recpub-output"), "").unwrap();
    let ok = spawn_build(&out).wait().unwrap().success();
    sleeper.kill().unwrap();
    sleeper.wait().unwrap();
    assert!(ok);
    assert!(
        theirs.is_dir(),
        "a live process's staging folder was deleted"
    );
}
