//! The offline edition: `build --offline` on the small fixture (with a `data` page added, the
//! page that offers the ZIP) gives pages whose every link is relative and leads to a file; the
//! online `build` zips exactly those files, byte for byte, into a ZIP that two builds make
//! identical, and its `data` page gives the ZIP's size.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Read};
use std::path::Path;

use common::{copy_tree, root, run, tree};

const BASE: &str = "/small/";
const FOLDER: &str = "small-site-2.1";

/// The fixture's content with a `data` page, in `dir/content`.
fn content(dir: &Path) -> String {
    let content = dir.join("content");
    copy_tree(&common::fixtures().join("site-small/content"), &content);
    fs::write(
        content.join("pages/data.md"),
        "+++\ntitle = \"Data\"\ndescription = \"The data.\"\nweight = 2\n+++\nThe [records](/data/recommendations.json).\n",
    )
    .unwrap();
    content.to_string_lossy().into_owned()
}

fn build(content: &str, out: &Path, offline: bool) {
    let cache = out.with_extension("cache");
    build_with(content, out, &cache, BASE, offline);
}

/// Builds with the cache folder `cache` and the base URL `base`.
fn build_with(content: &str, out: &Path, cache: &Path, base: &str, offline: bool) {
    let (out, cache) = (out.to_string_lossy(), cache.to_string_lossy());
    let mut args = vec!["build", "--content", content, "--out", &out];
    args.extend(["--cache-dir", &cache, "--base-url", base]);
    if offline {
        args.push("--offline");
    }
    let o = run(&root(), &args);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

/// The ZIP's files, by path under its top folder.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut files = BTreeMap::new();
    let mut names = Vec::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().to_string();
        let rel = name
            .strip_prefix(&format!("{FOLDER}/"))
            .unwrap_or_else(|| panic!("{name} is not under {FOLDER}/"));
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        assert_eq!(f.unix_mode(), Some(0o100644), "{name}");
        names.push(name.clone());
        files.insert(rel.to_string(), data);
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    files
}

#[test]
fn the_zip_is_the_offline_build_and_the_same_every_time() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let (a, b, off) = (
        tmp.path().join("a"),
        tmp.path().join("b"),
        tmp.path().join("off"),
    );
    build(&content, &a, false);
    build(&content, &b, false);
    build(&content, &off, true);
    let zip = fs::read(a.join("data/offline.zip")).unwrap();
    assert_eq!(zip, fs::read(b.join("data/offline.zip")).unwrap());
    let mut offline = tree(&off);
    assert!(offline.remove(".recpub-output").is_some());
    let zipped = unzip(&zip);
    assert_eq!(
        zipped.keys().collect::<Vec<_>>(),
        offline.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &offline {
        assert!(zipped[path] == *bytes, "{path} differs in the ZIP");
    }
    // Only a server uses these; the ZIP does not hold itself.
    for gone in ["sitemap.xml", "robots.txt", "404.html", "data/offline.zip"] {
        assert!(!offline.contains_key(gone), "{gone}");
    }
    let data = fs::read_to_string(a.join("data/index.html")).unwrap();
    let size = format!("ZIP, {:.1} MB", zip.len() as f64 / 1e6);
    assert!(data.contains(&size), "the data page gives {size}");
    assert!(data.contains(&format!(
        "<a href=\"{BASE}data/offline.zip\" download=\"{FOLDER}.zip\">"
    )));
    assert!(!String::from_utf8_lossy(&zipped["data/index.html"]).contains("offline.zip"));
}

/// Preview images drawn now or linked from the cache, ZIP entries deflated now or copied from
/// the last build's archive: the output is the same, before and after an edit, and the ZIP
/// never holds the preview images (they serve links shared online).
#[test]
fn what_the_cache_holds_never_changes_the_output() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let base = "https://site.example/small/";
    let (cache, out) = (tmp.path().join("cache"), |n: &str| tmp.path().join(n));
    build_with(&content, &out("cold"), &cache, base, false);
    build_with(&content, &out("warm"), &cache, base, false);
    let cold = tree(&out("cold"));
    assert!(cold.keys().any(|p| p.starts_with("previews/")));
    assert!(
        cold == tree(&out("warm")),
        "a warm cache changes the output"
    );
    let zip = unzip(&cold["data/offline.zip"]);
    assert!(
        !zip.keys().any(|p| p.contains("previews")),
        "{:?}",
        zip.keys()
    );
    assert!(cache.join("offline/edition.zip").is_file());

    let rec = Path::new(&content).join("recommendations/II-1.md");
    let text = fs::read_to_string(&rec).unwrap();
    let edited = text.replacen("Parties", "Parties (edited)", 1);
    assert_ne!(text, edited);
    fs::write(&rec, edited).unwrap();
    common::name_all_in_draft_note(Path::new(&content));
    build_with(&content, &out("edited"), &cache, base, false);
    build_with(
        &content,
        &out("fresh"),
        &tmp.path().join("empty"),
        base,
        false,
    );
    let edited = tree(&out("edited"));
    assert!(
        edited == tree(&out("fresh")),
        "a warm cache changes the output after an edit"
    );
    assert_ne!(edited["data/offline.zip"], cold["data/offline.zip"]);
}

/// Rewrites the entry `name` of the ZIP kept in `cache` to hold `text`, stored as a build
/// stores it (deflated, the fixed stamp and mode, a right CRC); the other entries copied.
fn tamper_kept_zip(cache: &Path, name: &str, text: &str) {
    use std::io::Write;
    let zips: Vec<_> = fs::read_dir(cache.join("offline"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "zip"))
        .collect();
    assert_eq!(zips.len(), 1, "one kept ZIP: {zips:?}");
    let path = &zips[0];
    let mut old = zip::ZipArchive::new(fs::File::open(path).unwrap()).unwrap();
    let mut new = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    let mut found = false;
    for i in 0..old.len() {
        let entry = old.by_index_raw(i).unwrap();
        if entry.name() == name {
            drop(entry);
            new.start_file(name, options).unwrap();
            new.write_all(text.as_bytes()).unwrap();
            found = true;
        } else {
            new.raw_copy_file(entry).unwrap();
        }
    }
    assert!(found, "no {name} in the kept ZIP");
    fs::write(path, new.finish().unwrap().into_inner()).unwrap();
}

#[test]
fn an_entry_rewritten_in_the_kept_zip_is_not_published() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let (cache, out) = (tmp.path().join("cache"), |n: &str| tmp.path().join(n));
    build_with(&content, &out("cold"), &cache, BASE, false);
    let cold = fs::read(out("cold").join("data/offline.zip")).unwrap();
    let payload = "<script>alert('kept zip')</script>";
    tamper_kept_zip(&cache, &format!("{FOLDER}/index.html"), payload);
    build_with(&content, &out("warm"), &cache, BASE, false);
    let warm = fs::read(out("warm").join("data/offline.zip")).unwrap();
    assert!(warm == cold, "the rewritten entry was published");
    assert!(!String::from_utf8_lossy(&unzip(&warm)["index.html"]).contains(payload));
}

/// The ZIP that the program `bin` builds with the cache folder `cache`, on `threads` threads
/// (all the machine's when `None`).
fn zip_built(tmp: &Path, bin: &Path, content: &str, cache: &str, threads: Option<&str>) -> Vec<u8> {
    let out = tmp.join("out");
    let (out_s, cache) = (out.to_string_lossy(), tmp.join(cache));
    let cache = cache.to_string_lossy();
    let args = [
        "build",
        "--content",
        content,
        "--out",
        &out_s,
        "--cache-dir",
        &cache,
    ];
    let mut cmd = std::process::Command::new(bin);
    cmd.args(args)
        .args(["--base-url", BASE])
        .current_dir(root());
    if let Some(n) = threads {
        cmd.env("RAYON_NUM_THREADS", n);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    fs::read(out.join("data/offline.zip")).unwrap()
}

/// recpub, and a copy of it in `dir`: another program to the cache (another size or time),
/// as a rebuilt or upgraded recpub is, which copies kept entries by content only.
fn recpub_and_another(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let recpub = std::path::PathBuf::from(env!("CARGO_BIN_EXE_recpub"));
    let another = dir.join("recpub-copy");
    fs::copy(&recpub, &another).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let file = fs::File::options().write(true).open(&another).unwrap();
    file.set_modified(an_hour_ago).unwrap();
    (recpub, another)
}

/// Entries are deflated on every core, or copied from the kept archive (by online file, or
/// by content for another recpub): the ZIP is the same bytes whichever way it was made.
#[test]
fn the_zip_is_the_same_on_one_thread_or_many_from_any_cache() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let t = tmp.path();
    let (recpub, another) = recpub_and_another(t);
    let many = zip_built(t, &recpub, &content, "a", None);
    let cases = [
        ("one thread, cold", &recpub, "b", Some("1")),
        ("one thread, warm", &recpub, "a", Some("1")),
        ("three threads, warm", &recpub, "b", Some("3")),
        ("another recpub, by content", &another, "a", None),
        (
            "another recpub, by content, one thread",
            &another,
            "b",
            Some("1"),
        ),
        ("another recpub, cold", &another, "c", None),
    ];
    for (case, bin, cache, threads) in cases {
        assert!(
            zip_built(t, bin, &content, cache, threads) == many,
            "{case}"
        );
    }
}

/// An entry rewritten in the kept archive is neither copied for its online file nor for its
/// bytes (by another recpub, which copies entries by content only).
#[test]
fn an_entry_rewritten_in_the_kept_zip_is_not_copied_by_content() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let t = tmp.path();
    let (recpub, another) = recpub_and_another(t);
    let cold = zip_built(t, &recpub, &content, "kept", None);
    let payload = "<script>alert('kept zip')</script>";
    tamper_kept_zip(&t.join("kept"), &format!("{FOLDER}/index.html"), payload);
    let warm = zip_built(t, &another, &content, "kept", None);
    assert!(warm == cold, "the rewritten entry was published");
    assert!(!String::from_utf8_lossy(&unzip(&warm)["index.html"]).contains(payload));
}

/// Every `href` and `src` value of a page.
fn links(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            out.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    out
}

#[test]
fn offline_pages_link_relatively_to_files_that_exist() {
    let tmp = tempfile::tempdir().unwrap();
    let content = content(tmp.path());
    let off = tmp.path().join("off");
    build(&content, &off, true);
    let files = tree(&off);
    let mut checked = 0;
    for (page, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            assert!(!link.starts_with('/'), "{page}: {link} is root-relative");
            if link.starts_with('#') || link.contains(':') {
                continue;
            }
            let path = link.split(['#', '?']).next().unwrap();
            let target = Path::new(page).parent().unwrap().join(path);
            let mut resolved: Vec<String> = Vec::new();
            for part in target.components() {
                match part.as_os_str().to_str().unwrap() {
                    ".." => assert!(resolved.pop().is_some(), "{page}: {link} leaves the site"),
                    s => resolved.push(s.to_string()),
                }
            }
            let resolved = resolved.join("/");
            assert!(
                files.contains_key(&resolved),
                "{page}: {link} → {resolved}, no such file"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} links checked");
    // III-1's page links to a Party's page with the file name a folder cannot supply.
    let rec = String::from_utf8_lossy(&files["recommendations/iii-1/index.html"]).into_owned();
    assert!(rec.contains("href=\"../../parties/"), "{rec}");
    // The search page loads its index from a script beside it, and carries its script inline.
    let search = String::from_utf8_lossy(&files["search/index.html"]).into_owned();
    let entry = search
        .split("data-index=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(files.contains_key(&format!("search/{entry}.js")), "{entry}");
    assert!(search.contains("<script type=\"module\">\n"));
    assert!(!search.contains("<script type=\"module\" src="));
}
