//! Every input is watched: the kernel's file-system events record every file that builds of
//! the bundled content open in the content and theme folders (`build` with the offline ZIP and
//! preview images, `build --offline`, `check`), and `recpub::inputs::classify`, the rule
//! `serve` watches by, must call each of them an input. The files a build must read (the
//! thesaurus, the theme's strings and fonts, a release's snapshot …) must be among those seen,
//! so the test cannot pass by seeing nothing.

use crate::common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::event::AccessKind;
use notify::{Event, EventKind, RecursiveMode, Watcher};
use recpub::inputs::classify;
use recpub::project::{Given, Project};
use recpub::site::{Edition, Progress, build_to_disk, check_site};

/// Every file opened, from the events received until none came for a while.
fn opened(events: &Receiver<notify::Result<Event>>) -> BTreeSet<PathBuf> {
    let mut files = BTreeSet::new();
    while let Ok(event) = events.recv_timeout(Duration::from_millis(500)) {
        let event = event.expect("the watcher lost events");
        assert!(!event.need_rescan(), "the kernel dropped events");
        if matches!(event.kind, EventKind::Access(AccessKind::Open(_))) {
            files.extend(event.paths.into_iter().filter(|p| p.is_file()));
        }
    }
    files
}

#[cfg(target_os = "linux")]
#[test]
fn every_file_a_build_reads_is_an_input_serve_watches() {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    common::copy_tree(&common::root().join("content"), &root.join("content"));
    // A further report, so that its files are among those read.
    let reports = common::fixtures().join("site-two-reports/content/reports");
    common::copy_tree(&reports, &root.join("content/reports"));
    // Release 1.1 holds it as released, so that a release's snapshot of a further report is
    // read too.
    let snapshot = root.join("content/releases/1.1/reports/special");
    for part in ["recommendations", "legend.toml", "sections.toml"] {
        let from = reports.join("special").join(part);
        match from.is_dir() {
            true => common::copy_tree(&from, &snapshot.join(part)),
            false => {
                std::fs::create_dir_all(&snapshot).unwrap();
                std::fs::copy(&from, snapshot.join(part)).unwrap();
            }
        }
    }
    common::copy_tree(&common::root().join("themes"), &root.join("themes"));
    let (content, theme) = (root.join("content"), root.join("themes/default"));
    let (tx, events) = channel();
    let mut watcher = notify::recommended_watcher(tx).unwrap();
    for dir in [&content, &theme] {
        watcher.watch(dir, RecursiveMode::Recursive).unwrap();
    }
    // An absolute address: pages name preview images, so the fonts are read to draw them.
    let given = Given {
        root: Some(&root),
        base_url: Some("https://example.org/recs/"),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    for edition in [Edition::OnlineWithZip, Edition::Offline] {
        build_to_disk(&project, edition, &Progress::default()).expect("the bundled content builds");
    }
    check_site(&project).expect("the bundled content checks");
    let files = opened(&events);
    let rel = |p: &Path| {
        p.strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let ignored: Vec<String> = files
        .iter()
        .filter(|p| classify(p, &content, &theme).is_none())
        .map(|p| rel(p))
        .collect();
    assert!(
        ignored.is_empty(),
        "read by a build, ignored by serve: {ignored:?}"
    );
    let seen: BTreeSet<String> = files.iter().map(|p| rel(p)).collect();
    for must in [
        "content/site.toml",
        "content/parties.toml",
        "content/thesaurus.toml",
        "content/recommendations/III-16.md",
        "content/pages/about.md",
        "content/releases/next.md",
        "content/releases/1.1/release.md",
        "content/releases/1.1/recommendations/III-16.md",
        "content/source/lanzarote-ict-recommendations.txt",
        "content/reports/special/report.toml",
        "content/reports/special/legend.toml",
        "content/reports/special/sections.toml",
        "content/reports/special/recommendations/1.1.md",
        "content/releases/1.1/reports/special/sections.toml",
        "content/releases/1.1/reports/special/recommendations/1.1.md",
        "themes/default/templates/base.html",
        "themes/default/i18n/en.toml",
        "themes/default/static/style.css",
        "themes/default/fonts/NotoSans-Bold.ttf",
    ] {
        assert!(seen.contains(must), "{must} was not seen read: {seen:?}");
    }
}

/// What the build never reads is no input: notes beside the content, a README of the source,
/// editors' scratch files in the theme.
#[test]
fn what_no_build_reads_is_no_input() {
    let (content, theme) = (Path::new("/p/content"), Path::new("/p/themes/default"));
    for path in [
        "/p/content/notes.txt",
        "/p/content/source/README.md",
        "/p/content/recommendations/II-1.md.orig",
        "/p/themes/default/i18n/.en.toml.swp",
        "/p/themes/default/static/style.css~",
        "/p/themes/default/templates/.#base.html",
        "/p/themes/default/README.md",
    ] {
        assert_eq!(classify(Path::new(path), content, theme), None, "{path}");
    }
}
