//! Releases and the change history, on the real content and on temp copies: the Atom feeds
//! parse as XML with one entry per release; each release page lists exactly the recommendations
//! whose files differ (word for word) between the two snapshots; "Changed in" lines; the
//! `release` command's refusals and files; two builds byte-identical.

use crate::common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_tree, root, run, tree};

const ATOM: &str = "http://www.w3.org/2005/Atom";
const BASE: &str = "https://example.org/l/";

/// Builds the real content with an absolute base URL into a temp folder.
fn build_real() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let content = root().join("content");
    let (c, o) = (content.to_str().unwrap(), out.to_str().unwrap());
    let r = run(
        &root(),
        &[
            "build",
            "-q",
            "--content",
            c,
            "--out",
            o,
            "--base-url",
            BASE,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    (dir, out)
}

/// The release folders of the real content, oldest first, read from the file system.
fn release_dirs() -> Vec<(String, PathBuf)> {
    let mut dirs: Vec<(String, PathBuf)> = fs::read_dir(root().join("content/releases"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("release.md").is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    let key = |v: &str| {
        v.split('.')
            .map(|n| n.parse::<u32>().unwrap())
            .collect::<Vec<_>>()
    };
    dirs.sort_by_key(|(v, _)| key(v));
    dirs
}

/// The `date = "…"` of a release note.
fn release_date(dir: &Path) -> String {
    let text = fs::read_to_string(dir.join("release.md")).unwrap();
    let line = text.lines().find(|l| l.starts_with("date = ")).unwrap();
    line.trim_start_matches("date = ")
        .trim_matches('"')
        .to_string()
}

/// Ids of the recommendation files that differ, word for word, between two snapshots.
fn differing(a: &Path, b: &Path) -> BTreeSet<String> {
    let words = |p: &Path| -> Option<Vec<String>> {
        let text = fs::read_to_string(p).ok()?;
        Some(text.split_whitespace().map(str::to_string).collect())
    };
    let names: BTreeSet<String> = [a, b]
        .iter()
        .flat_map(|d| fs::read_dir(d.join("recommendations")).unwrap())
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names
        .into_iter()
        .filter(|n| {
            words(&a.join("recommendations").join(n)) != words(&b.join("recommendations").join(n))
        })
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect()
}

fn entries<'a>(doc: &'a roxmltree::Document) -> Vec<roxmltree::Node<'a, 'a>> {
    let feed = doc.root_element();
    assert_eq!(feed.tag_name().namespace(), Some(ATOM));
    assert_eq!(feed.tag_name().name(), "feed");
    feed.children()
        .filter(|n| n.has_tag_name((ATOM, "entry")))
        .collect()
}

fn child_text<'a>(n: roxmltree::Node<'a, 'a>, name: &str) -> &'a str {
    n.children()
        .find(|c| c.has_tag_name((ATOM, name)))
        .and_then(|c| c.text())
        .unwrap_or("")
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn the_release_feed_has_one_entry_per_release_with_absolute_links_and_release_dates() {
    let (_dir, out) = build_real();
    let releases = release_dirs();
    assert!(releases.len() >= 2, "releases 1.0 and 1.1 are recorded");
    let xml = read(&out, "changes/feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("the feed is well-formed XML");
    let entries = entries(&doc);
    assert_eq!(entries.len(), releases.len(), "one entry per release");
    // Newest first; each entry dated by its release and linking to its absolute page.
    for (entry, (version, dir)) in entries.iter().zip(releases.iter().rev()) {
        assert_eq!(
            child_text(*entry, "updated"),
            format!("{}T00:00:00Z", release_date(dir))
        );
        let link = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")))
            .unwrap();
        assert_eq!(
            link.attribute("href"),
            Some(format!("{BASE}changes/{version}/").as_str())
        );
        assert_eq!(
            child_text(*entry, "id"),
            format!("{BASE}changes/{version}/")
        );
    }
    let ids: BTreeSet<&str> = entries.iter().map(|e| child_text(*e, "id")).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
}

#[test]
fn party_feeds_parse_and_list_the_changes_that_concern_the_party() {
    let (_dir, out) = build_real();
    let parties = fs::read_dir(out.join("parties")).unwrap();
    let mut seen = 0;
    for p in parties.map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let xml = fs::read_to_string(p.join("changes.xml")).unwrap();
        let doc = roxmltree::Document::parse(&xml).expect("a Party feed is well-formed XML");
        let _ = entries(&doc);
        let page = fs::read_to_string(p.join("index.html")).unwrap();
        let slug = p.file_name().unwrap().to_string_lossy().into_owned();
        let link = format!(
            "<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/l/parties/{slug}/changes.xml\""
        );
        assert!(page.contains(&link), "{slug}'s page advertises its feed");
        seen += 1;
    }
    assert!(seen >= 40, "{seen} Party feeds");
    // II-10 is open to every Party, and changed in 1.1: Finland's feed lists it; III-6 names
    // only Lithuania, Monaco and Ukraine, so it is in Lithuania's feed and not in Finland's.
    let finland = read(&out, "parties/finland/changes.xml");
    let doc = roxmltree::Document::parse(&finland).unwrap();
    let content: String = entries(&doc)
        .iter()
        .map(|e| child_text(*e, "content").to_string())
        .collect();
    assert!(
        content.contains(&format!("{BASE}changes/1.1/#ii-10")),
        "{content}"
    );
    assert!(!content.contains("changes/1.1/#iii-6\""), "{content}");
    assert!(read(&out, "parties/lithuania/changes.xml").contains("changes/1.1/#iii-6&quot;"));
}

#[test]
fn each_release_page_lists_exactly_the_recommendations_whose_files_differ() {
    let (_dir, out) = build_real();
    let releases = release_dirs();
    for pair in releases.windows(2) {
        let ((_, before), (version, after)) = (&pair[0], &pair[1]);
        let want = differing(before, after);
        assert!(!want.is_empty());
        let page = read(&out, &format!("changes/{version}/index.html"));
        let listed: BTreeSet<String> = page
            .split("<article class=\"change change-")
            .skip(1)
            .map(|s| {
                let id = s.split("id=\"").nth(1).unwrap().split('"').next().unwrap();
                id.to_uppercase()
            })
            .collect();
        assert_eq!(listed, want, "release {version}");
        assert!(page.contains(&format!(
            "{} recommendations changed since edition",
            want.len()
        )));
    }
    // The first release is the first edition: nothing to compare.
    let first = read(&out, &format!("changes/{}/index.html", releases[0].0));
    assert!(!first.contains("<article class=\"change"));
}

#[test]
fn changed_recommendations_say_so_and_unchanged_ones_do_not() {
    let (_dir, out) = build_real();
    let ii10 = read(&out, "recommendations/ii-10/index.html");
    assert!(
        ii10.contains(
            "<p class=\"changed-in\"><a href=\"/l/changes/1.1/#ii-10\">Changed in 1.1</a></p>"
        ),
        "II-10's page links to its entry in 1.1"
    );
    let ii1 = read(&out, "recommendations/ii-1/index.html");
    assert!(!ii1.contains("changed-in"), "II-1 did not change");
    // The entry the line links to exists, with the old and the new title marked.
    let page = read(&out, "changes/1.1/index.html");
    let entry = page
        .split("id=\"ii-10\"")
        .nth(1)
        .unwrap()
        .split("</article>")
        .next()
        .unwrap();
    assert!(
        entry.contains("<del><span class=\"visually-hidden\">removed: </span>Criminalise</del>"),
        "{entry}"
    );
    assert!(
        entry.contains(
            "<ins><span class=\"visually-hidden\">added: </span>Consider criminalising</ins>"
        ),
        "{entry}"
    );
    // Every page advertises the release feed.
    for (rel, bytes) in tree(&out) {
        if common::is_page(&rel) {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"/l/changes/feed.xml\""),
                "{rel} does not advertise the feed"
            );
        }
    }
}

#[test]
fn two_builds_are_byte_identical() {
    let (_a, one) = build_real();
    let (_b, two) = build_real();
    let (one, two) = (tree(&one), tree(&two));
    assert!(one.keys().any(|k| k == "changes/feed.xml"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &one {
        assert!(two[path] == *bytes, "{path} differs between two builds");
    }
}

/// A copy of the real content and theme in a temp folder.
fn copy_real() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("content"), &dir.path().join("content"));
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    dir
}

#[test]
fn release_refuses_existing_earlier_and_unnamed_changes_then_records_a_release() {
    let dir = copy_real();
    let d = dir.path();
    fs::write(d.join("note.md"), "Nothing in particular.\n").unwrap();
    let exists = run(
        d,
        &[
            "release",
            "1.1",
            "--note",
            "note.md",
            "--date",
            "2026-12-02",
        ],
    );
    assert_eq!(exists.code, 2);
    assert!(
        exists.stderr.contains("release 1.1 exists already"),
        "{}",
        exists.stderr
    );
    let earlier = run(
        d,
        &[
            "release",
            "1.0.9",
            "--note",
            "note.md",
            "--date",
            "2026-12-02",
        ],
    );
    assert_eq!(earlier.code, 2);
    assert!(
        earlier
            .stderr
            .contains("does not come after the last release, 1.1"),
        "{}",
        earlier.stderr
    );
    let before = run(
        d,
        &[
            "release",
            "1.2",
            "--note",
            "note.md",
            "--date",
            "2026-11-30",
        ],
    );
    assert_eq!(before.code, 2);
    assert!(
        before
            .stderr
            .contains("before the last release's (2026-12-01)"),
        "{}",
        before.stderr
    );

    // A changed title: check fails at the title until the draft note names II-1.
    let path = d.join("content/recommendations/II-1.md");
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.starts_with("title = ")).unwrap();
    fs::write(
        &path,
        text.replacen(line, "title = \"A new short title\"", 1),
    )
    .unwrap();
    let check = run(d, &["check"]);
    assert_eq!(check.code, 1);
    assert!(check.stderr.starts_with("content/recommendations/II-1.md:3:9: error: II-1 has changed since release 1.1 (title) and the note of the next release does not name it\n"), "{}", check.stderr);
    let unnamed = run(
        d,
        &[
            "release",
            "1.2",
            "--note",
            "note.md",
            "--date",
            "2026-12-02",
        ],
    );
    assert_eq!(unnamed.code, 1);
    assert!(unnamed.stderr.starts_with("note.md:1:1: error: the note does not name II-1, which changed since release 1.1 (title)\n"), "{}", unnamed.stderr);
    assert!(!d.join("content/releases/1.2").exists());

    // The draft may already name the edits made since the last release: II-1 is added to it.
    let draft = d.join("content/releases/next.md");
    let mut note = fs::read_to_string(&draft).unwrap_or_default();
    note.push_str("II-1: a new short title.\n");
    fs::write(&draft, &note).unwrap();
    assert_eq!(run(d, &["check"]).code, 0);
    let ok = run(
        d,
        &[
            "release",
            "1.2",
            "--note",
            "content/releases/next.md",
            "--date",
            "2026-12-02",
        ],
    );
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    let rel = d.join("content/releases/1.2");
    assert_eq!(
        fs::read_to_string(rel.join("release.md")).unwrap(),
        format!("+++\nversion = \"1.2\"\ndate = \"2026-12-02\"\n+++\n{note}")
    );
    for name in ["legend.toml", "sections.toml", "parties.toml"] {
        assert_eq!(
            fs::read(rel.join(name)).unwrap(),
            fs::read(d.join("content").join(name)).unwrap(),
            "{name}"
        );
    }
    let snap = tree(&rel.join("recommendations"));
    let working = tree(&d.join("content/recommendations"));
    assert_eq!(snap, working, "the snapshot is the working recommendations");
    let site = fs::read_to_string(d.join("content/site.toml")).unwrap();
    assert!(
        site.contains("version = \"1.2\"\ndate = \"2026-12-02\""),
        "{site}"
    );
    assert!(!draft.exists(), "the draft became the release's note");
    assert_eq!(run(d, &["check"]).code, 0);
    let built = run(d, &["build", "-q", "--out", "site"]);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let page = fs::read_to_string(d.join("site/changes/1.2/index.html")).unwrap();
    assert!(page.contains("id=\"ii-1\""));
    assert!(
        fs::read_to_string(d.join("site/recommendations/ii-1/index.html"))
            .unwrap()
            .contains("Changed in 1.2")
    );
}
