//! Shared helpers for integration tests: fixture paths, tree copies, running the binary.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The project root (where `content/` is).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to`, overwriting files that exist.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`: path relative to it (with `/`) → bytes, sorted.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// What a run of the binary printed, and its exit code.
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `recpub <args>` in `cwd`.
pub fn run(cwd: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(args)
        .current_dir(cwd)
        .output()
        .unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `recpub synth --scale <scale>` into `tmp/content`, built without its ZIP into `tmp/site`
/// (cache in `tmp/cache`); gives the site's folder. Fails the test if either step fails.
pub fn synth_site(tmp: &Path, scale: &str) -> PathBuf {
    let s = |name: &str| tmp.join(name).to_str().unwrap().to_string();
    let (content, site, cache) = (s("content"), s("site"), s("cache"));
    let made = run(&root(), &["synth", "--scale", scale, "--out", &content]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let args = ["build", "--no-zip", "--content", &content, "--out", &site];
    let built = run(&root(), &[&args[..], &["--cache-dir", &cache]].concat());
    assert_eq!(built.code, 0, "{}", built.stderr);
    tmp.join("site")
}

/// Runs `recpub check --content content` in `cwd`, with the real `themes/` copied in unless
/// `cwd` has one (`check` renders the site in memory, as `build` does).
pub fn run_check(cwd: &Path) -> Output {
    if !cwd.join("themes").exists() {
        copy_tree(&root().join("themes"), &cwd.join("themes"));
    }
    run(cwd, &["check", "--content", "content"])
}

/// Adds to the draft note of the next release (`releases/next.md`) a line naming `ids`, so
/// that a test may edit those recommendations in a copy of the real content (the release rule
/// requires every changed recommendation to be named there). What the draft already names
/// stays named.
pub fn name_in_draft_note(content: &Path, ids: &[&str]) {
    let path = content.join("releases/next.md");
    let mut text = fs::read_to_string(&path).unwrap_or_default();
    text.push_str(&format!("\nEdited for a test: {}.\n", ids.join(", ")));
    fs::write(path, text).unwrap();
}

/// [`name_in_draft_note`] with every recommendation of `content`.
pub fn name_all_in_draft_note(content: &Path) {
    let mut ids: Vec<String> = fs::read_dir(content.join("recommendations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    ids.sort();
    let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    name_in_draft_note(content, &ids);
}
pub mod site;

/// File `rel` of a built site (as [`tree`] reads it), as text; fails the test when absent.
pub fn text(site: &std::collections::BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    let bytes = site.get(rel).unwrap_or_else(|| panic!("no {rel}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// Compares `files` of a built `site` with `tests/fixtures/<fixture>/golden/` (each path's `/`
/// written `__`); `BLESS=1` rewrites them instead.
pub fn compare_golden(
    fixture: &str,
    site: &std::collections::BTreeMap<String, Vec<u8>>,
    files: &[&str],
) {
    let golden = fixtures().join(fixture).join("golden");
    let bless = std::env::var_os("BLESS").is_some();
    for rel in files {
        let path = golden.join(rel.replace('/', "__"));
        let actual = text(site, rel);
        if bless {
            fs::create_dir_all(&golden).unwrap();
            fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = fs::read_to_string(&path).unwrap_or_default();
        assert!(
            actual == expected,
            "{fixture}: {rel} differs from {} (BLESS=1 rewrites it)",
            path.display()
        );
    }
}

/// Whether `rel`, a path in a built site, is one of its pages. A Party brief's file
/// (`parties/<slug>/<slug>-brief.html`) is HTML too, but a download: one document with its
/// styles inside, without the pages' navigation, sharing tags or feed link.
pub fn is_page(rel: &str) -> bool {
    rel.ends_with(".html") && !rel.ends_with("-brief.html")
}
