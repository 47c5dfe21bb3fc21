//! `synth` as a user runs it: the synthetic folder passes `check`, is byte-identical for a
//! seed, replaces only its own earlier output, and refuses a folder it did not write.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{root, run};

fn synth(out: &Path, extra: &[&str]) -> common::Output {
    let out = out.to_str().unwrap();
    let mut args = vec!["synth", "--out", out];
    args.extend_from_slice(extra);
    run(&root(), &args)
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn scale_two_passes_check() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("synthetic");
    let made = synth(&out, &["--scale", "2"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(
        made.stdout.contains("222 recommendations"),
        "{}",
        made.stdout
    );
    let checked = run(&root(), &["check", "--content", out.to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert_eq!(checked.stderr, "");
    assert_eq!(
        checked.stdout,
        "ok: 222 recommendations in 10 sections, 43 Parties, 4 pages (70 with designated Parties)\n"
    );
    // Section III has 32 real recommendations: 64 at scale 2, numbered without gaps.
    assert!(out.join("recommendations/III-64.md").is_file());
    assert!(!out.join("recommendations/III-65.md").exists());
    assert!(out.join(".recpub-synth").is_file());
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("c"),
    );
    for (dir, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let made = synth(dir, &["--scale", "2", "--seed", seed]);
        assert_eq!(made.code, 0, "{}", made.stderr);
    }
    assert_eq!(tree(&a), tree(&b));
    assert_ne!(tree(&a), tree(&c));
}

#[test]
fn a_rerun_replaces_its_own_output() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("synthetic");
    assert_eq!(synth(&out, &["--scale", "2"]).code, 0);
    let made = synth(&out, &["--scale", "1"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(
        !out.join("recommendations/III-33.md").exists(),
        "stale file left"
    );
    let checked = run(&root(), &["check", "--content", out.to_str().unwrap()]);
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(checked.stdout.starts_with("ok: 111 recommendations"));
}

#[test]
fn refuses_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let before = tree(tmp.path());
    let made = synth(tmp.path(), &["--scale", "1"]);
    assert_eq!(made.code, 2);
    assert!(
        made.stderr.contains("refusing to write into")
            && made.stderr.contains("not written by `recpub synth`"),
        "{}",
        made.stderr
    );
    assert_eq!(tree(tmp.path()), before, "nothing written or deleted");
}

#[test]
fn scale_out_of_range_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("synthetic");
    let zero = synth(&out, &["--scale", "0"]);
    assert_eq!(zero.code, 2);
    let huge = synth(&out, &["--scale", "1000"]);
    assert_eq!(huge.code, 2);
    assert!(huge.stderr.contains("at most 312"), "{}", huge.stderr);
    assert!(!out.exists());
}
