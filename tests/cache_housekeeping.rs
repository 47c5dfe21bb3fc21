//! The cache folder is an optimisation, never a reason for a build to fail or to publish
//! less: through the `recpub` binary, a cache folder that cannot be written (a file where the
//! folder should be; entries whose names are taken, so every rename fails, as on a full disk)
//! gives one warning, a site equal to one built with a working cache, and no temporary file
//! left; temporaries of builds that died are deleted, those of running builds kept; and
//! builds running at once on one cache folder leave a kept ZIP whose index names only entries
//! it holds.

use crate::common;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use common::{copy_tree, fixtures, root, run, tree};

const BASE: &str = "https://publication.example.net/small/";

/// The small fixture in `dir/<name>`, with a `data` page (the ZIP's offer) holding a code
/// block: every kind of cache entry is made.
fn content(dir: &Path, name: &str) -> PathBuf {
    let content = dir.join(name);
    copy_tree(&fixtures().join("site-small/content"), &content);
    fs::write(
        content.join("pages/data.md"),
        "+++\ntitle = \"Data\"\ndescription = \"The data.\"\nweight = 2\n+++\nThe [records](/data/recommendations.json):\n\n```json\n{\"id\": \"II-1\"}\n```\n",
    )
    .unwrap();
    content
}

/// `build` of `content` into `out` with the cache folder `cache`: its warnings (stderr lines
/// starting `warning:`); the build must succeed.
fn build(content: &Path, out: &Path, cache: &Path) -> Vec<String> {
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let args = [
        "build",
        "-q",
        "--content",
        &s(content),
        "--out",
        &s(out),
        "--cache-dir",
        &s(cache),
        "--base-url",
        BASE,
    ];
    let o = run(&root(), &args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    o.stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .map(str::to_string)
        .collect()
}

/// Every file under `dir` whose name starts `.tmp-`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp-"))
        .map(|e| e.into_path())
        .collect()
}

const WARNING: &str = "warning: the cache could not be written (";

#[test]
fn a_cache_that_cannot_be_written_warns_once_and_the_site_is_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path(), "content");
    let good = tmp.path().join("good");
    assert!(build(&content, &good, &tmp.path().join("cache")).is_empty());

    // A file where the cache folder should be: no folder under it can be made.
    let file = tmp.path().join("not-a-folder");
    fs::write(&file, "").unwrap();
    let out = tmp.path().join("out");
    let warnings = build(&content, &out, &file);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with(WARNING), "{warnings:?}");
    assert!(tree(&out) == tree(&good), "the site differs");

    // Every entry's name taken by a folder, so each write fails at its rename, as when the
    // disk fills up: no temporary stays behind.
    let cache = tmp.path().join("full");
    copy_tree(&tmp.path().join("cache"), &cache);
    for kind in ["previews", "code", "templates", "offline"] {
        for entry in fs::read_dir(cache.join(kind)).unwrap() {
            let path = entry.unwrap().path();
            fs::remove_file(&path).unwrap();
            fs::create_dir_all(path.join("taken")).unwrap();
        }
    }
    let warnings = build(&content, &out, &cache);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with(WARNING), "{warnings:?}");
    assert!(tree(&out) == tree(&good), "the site differs");
    assert_eq!(temporaries(&cache), Vec::<PathBuf>::new());
}

#[cfg(unix)]
#[test]
fn temporaries_of_dead_builds_are_deleted() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path(), "content");
    let (cache, out) = (tmp.path().join("cache"), tmp.path().join("out"));
    build(&content, &out, &cache);
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let mut running = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let live = running.id();
    let mut stay = Vec::new();
    for kind in ["previews", "code", "templates", "offline"] {
        fs::write(cache.join(kind).join(format!(".tmp-{dead}-0")), "half").unwrap();
        let kept = cache.join(kind).join(format!(".tmp-{live}-0"));
        fs::write(&kept, "being written").unwrap();
        stay.push(kept);
    }
    // A warm build (nothing to write) clears them too.
    build(&content, &out, &cache);
    running.kill().unwrap();
    running.wait().unwrap();
    let mut left = temporaries(&cache);
    left.sort();
    stay.sort();
    assert_eq!(
        left, stay,
        "a dead build's temporary stays, or a live one's went"
    );
}

#[test]
fn builds_at_once_on_one_cache_keep_a_whole_zip() {
    let tmp = tempfile::tempdir().unwrap();
    let a = content(tmp.path(), "a");
    let b = content(tmp.path(), "b");
    // B differs from A in one recommendation's text, so their ZIPs and indexes differ.
    let rec = b.join("recommendations/II-1.md");
    let text = fs::read_to_string(&rec).unwrap();
    fs::write(
        &rec,
        text.replacen("+++\nThe Committee", "+++\nThe Lanzarote Committee", 1),
    )
    .unwrap();
    common::name_in_draft_note(&b, &["II-1"]);
    let cache = tmp.path().join("cache");
    for round in 0..4 {
        std::thread::scope(|s| {
            for (name, content) in [("a", &a), ("b", &b)] {
                let out = tmp.path().join(format!("out-{name}-{round}"));
                let cache = &cache;
                s.spawn(move || build(content, &out, cache));
            }
        });
        // The kept ZIP's index names only entries the archive holds.
        let kept = fs::File::open(cache.join("offline/edition.zip")).unwrap();
        let mut archive = zip::ZipArchive::new(kept).unwrap();
        let mut index = String::new();
        archive
            .by_name(".recpub-index")
            .unwrap()
            .read_to_string(&mut index)
            .unwrap();
        let mut named = 0;
        for line in index.lines().skip(1) {
            let fields: Vec<&str> = line.split('\t').collect();
            // Each entry: its name, its checksum, its content key.
            for name in fields[2..].iter().step_by(3) {
                assert!(archive.index_for_name(name).is_some(), "{name} is gone");
                named += 1;
            }
        }
        assert!(named > 50, "{named} entries named");
    }
    // And each content still builds to what an empty cache gives.
    for (name, content) in [("a", &a), ("b", &b)] {
        let fresh = tmp.path().join(format!("fresh-{name}"));
        build(content, &fresh, &tmp.path().join(format!("empty-{name}")));
        let warm = tmp.path().join(format!("warm-{name}"));
        build(content, &warm, &cache);
        assert!(
            tree(&warm) == tree(&fresh),
            "{name}: the warm build differs"
        );
    }
}
