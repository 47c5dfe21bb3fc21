//! The project is found from the command line, never from the working directory: `check`,
//! `build` and `serve` run from an unrelated, empty folder, with the project named by `--root`
//! or by its content folder, find the project's theme, write where `--out` says (defaults in
//! the project root), and `serve` never rebuilds for the output folder `--out` names.

use crate::common;
use crate::server;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{copy_tree, fixtures, root, run, tree};
use server::Server;

/// A project in a temp folder: the small fixture's content and the real themes.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &fixtures().join("site-small/content"),
        &dir.path().join("content"),
    );
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    dir
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// An empty working directory, which must stay empty.
fn elsewhere() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn assert_empty(dir: &Path) {
    let left: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(left.is_empty(), "the working directory got {left:?}");
}

#[test]
fn build_and_check_from_elsewhere_with_the_root_given() {
    let (proj, cwd) = (project(), elsewhere());
    let out = proj.path().join("public");
    let o = run(cwd.path(), &["check", "--root", s(proj.path())]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.starts_with("ok: 5 recommendations"),
        "{}",
        o.stdout
    );
    let base = "https://publication.example.net/small/";
    let args = ["build", "-q", "--root", s(proj.path()), "--base-url", base];
    let o = run(cwd.path(), &[&args[..], &["--out", s(&out)]].concat());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(out.join("index.html").is_file(), "no site in --out");
    assert!(
        o.stdout.ends_with(&format!("into {}\n", out.display())),
        "{}",
        o.stdout
    );
    // Without --out and --cache-dir: the project root's `output/` and `.recpub-cache/`.
    let o = run(cwd.path(), &args);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        tree(&proj.path().join("output")) == tree(&out),
        "output/ differs from --out"
    );
    let previews = proj.path().join(".recpub-cache/previews");
    assert!(
        fs::read_dir(&previews).unwrap().count() > 0,
        "no cached previews"
    );
    assert_empty(cwd.path());
}

#[test]
fn a_content_folder_given_by_path_finds_the_themes_beside_it() {
    let (proj, cwd) = (project(), elsewhere());
    let content = proj.path().join("content");
    let o = run(cwd.path(), &["check", "--content", s(&content)]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // A relative --out is where the command runs, as a shell means it.
    let o = run(
        cwd.path(),
        &["build", "-q", "--content", s(&content), "--out", "site"],
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = fs::read_to_string(cwd.path().join("site/index.html")).unwrap();
    assert!(page.contains("</html>"));
    // The relative base URL's warning, once, word for word (the report prints it).
    let warnings: Vec<_> = o
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(
        warnings,
        [format!("warning: {}", recpub::site::NOT_ABSOLUTE_WARNING)]
    );
    // Content errors keep their exit code and name the content folder as given.
    fs::write(content.join("recommendations/II-1.md"), "no front matter\n").unwrap();
    let o = run(cwd.path(), &["check", "--content", s(&content)]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    let summary = format!("error: 1 error(s) in {}\n", content.display());
    assert!(o.stderr.ends_with(&summary), "{}", o.stderr);
}

#[test]
fn a_missing_root_or_theme_is_plumbing() {
    let (proj, cwd) = (project(), elsewhere());
    let o = run(
        cwd.path(),
        &["check", "--root", s(&proj.path().join("nope"))],
    );
    assert_eq!(o.code, 2);
    assert!(o.stderr.starts_with("error: project root "), "{}", o.stderr);
    let args = ["check", "--root", s(proj.path()), "--theme", "other"];
    let o = run(cwd.path(), &args);
    assert_eq!(o.code, 2);
    assert!(o.stderr.contains("themes/other"), "{}", o.stderr);
}

#[test]
fn serve_from_elsewhere_finds_the_theme_and_never_rebuilds_for_its_out() {
    // The output folder inside the content folder: there, without --out honoured, a build's
    // Markdown-named files would read as content changes.
    let server = Server::start_elsewhere(
        |proj| {
            let out = proj.join("content/site");
            ["--root", s(proj), "--out", s(&out)]
                .map(String::from)
                .to_vec()
        },
        // The small site: quick builds, so a rebuild shows within the waits below.
        |proj| {
            fs::remove_dir_all(proj.join("content")).unwrap();
            copy_tree(
                &fixtures().join("site-small/content"),
                &proj.join("content"),
            );
        },
    );
    let (status, body) = server.get("/");
    assert!(
        status == 200 && body.contains("__recpub/live.js"),
        "{status}"
    );
    let mut events = server.events();
    let before = server.builds();
    let dirs = [
        "content/site",
        "content/.site.recpub-new-1",
        "content/notes",
    ];
    for dir in dirs {
        fs::create_dir_all(server.path(dir)).unwrap();
    }
    // New folders alone rebuild nothing; the wait lets the watcher see them before files
    // appear in them.
    assert_eq!(events.next(Duration::from_millis(500)), None);
    for dir in &dirs[..2] {
        fs::write(server.path(dir).join("index.md"), "built").unwrap();
    }
    assert_eq!(events.next(Duration::from_millis(800)), None);
    // The same write beside them is read as content (the watcher is not simply deaf there):
    // one rebuild, and only one.
    fs::write(server.path(dirs[2]).join("index.md"), "notes").unwrap();
    events.expect("reload");
    assert_eq!(events.next(Duration::from_millis(1500)), None);
    assert_eq!(server.builds() - before, 1);
}

#[test]
fn an_output_folder_inside_the_content_or_the_theme_is_refused() {
    let (proj, cwd) = (project(), elsewhere());
    let root = proj.path();
    let build = |out: &Path| {
        run(
            cwd.path(),
            &["build", "-q", "--root", s(root), "--out", s(out)],
        )
    };
    let theme = root.join("themes/default");
    let static_site = theme.join("static/site");
    let o = build(&static_site);
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "error: refusing to build into {}: it is inside the theme folder {}, which the build reads (each build would publish the previous one again); choose an output folder outside it\n",
            static_site.display(),
            theme.display()
        )
    );
    assert!(!static_site.exists(), "nothing written there");
    // Through a symbolic link, and by `..`, the content folder itself included.
    let content = root.join("content");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&content, root.join("words")).unwrap();
    #[cfg(unix)]
    let outs = [
        root.join("words/site"),
        root.join("public/../content"),
        content.clone(),
    ];
    #[cfg(not(unix))]
    let outs = [root.join("public/../content"), content.clone()];
    for out in outs {
        let o = build(&out);
        assert_eq!(o.code, 2, "{}: {}", out.display(), o.stderr);
        let inside = format!("it is inside the content folder {}, ", content.display());
        assert!(o.stderr.contains(&inside), "{}", o.stderr);
    }
    // Beside them is fine.
    let o = build(&root.join("public"));
    assert_eq!(o.code, 0, "{}", o.stderr);
}
