//! The content's language and the interface's: a site whose theme speaks another language than
//! its content (`interface_language` in site.toml) says so in `<html lang>`, and marks every
//! element holding the Committee's text, titles or content pages with the content's `lang`;
//! with one language, the page's own `lang` is the only one.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, fixtures, root, run};

/// The base fixture built with `site.toml` changed by `edit`, and a theme that also has French
/// strings (a copy of the English ones: only the file's name matters here).
fn build(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    build_fixture("base", edit)
}

/// [`build`] with the fixture `name`'s content.
fn build_fixture(name: &str, edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(
        &fixtures().join(name).join("content"),
        &dir.path().join("content"),
    );
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    let i18n = dir.path().join("themes/default/i18n");
    fs::copy(i18n.join("en.toml"), i18n.join("fr.toml")).unwrap();
    let site = dir.path().join("content/site.toml");
    fs::write(&site, edit(&fs::read_to_string(&site).unwrap())).unwrap();
    let o = run(dir.path(), &["build", "--no-zip", "--out", "out"]);
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    dir
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join("out").join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The site.toml text with `lines` added after its description.
fn with(lines: &str) -> impl Fn(&str) -> String {
    move |text: &str| {
        let at = text
            .find("\n[")
            .expect("a table after the top-level fields");
        format!("{}\n{lines}{}", &text[..at], &text[at..])
    }
}

#[test]
fn an_interface_language_apart_marks_the_content_with_its_own() {
    let dir = build(with("language = \"en\"\ninterface_language = \"fr\"\n"));
    let d = dir.path();
    for page in [
        "index.html",
        "recommendations/ii-1/index.html",
        "about/index.html",
    ] {
        assert!(read(d, page).contains("<html lang=\"fr\">"), "{page}");
    }
    let rec = read(d, "recommendations/ii-1/index.html");
    assert!(
        rec.contains("<h1 class=\"rec-title\" lang=\"en\">"),
        "{rec}"
    );
    assert!(
        rec.contains("<blockquote class=\"committee-text\" lang=\"en\">"),
        "{rec}"
    );
    // The neighbour's title shares its link with the theme's "Next".
    assert!(rec.contains(": <span lang=\"en\">"), "{rec}");
    let list = read(d, "recommendations/index.html");
    assert_eq!(
        list.matches("<span class=\"rec-title\" lang=\"en\">")
            .count(),
        3,
        "every listed title: {list}"
    );
    let about = read(d, "about/index.html");
    assert!(about.contains("<h1 lang=\"en\">"), "{about}");
    assert!(
        about.contains("<div lang=\"en\">"),
        "the page's body: {about}"
    );
    // A Party's brief, as a page and as a file to download.
    for brief in [
        "parties/finland/brief/index.html",
        "parties/finland/finland-brief.html",
    ] {
        let html = read(d, brief);
        assert!(html.contains("<html lang=\"fr\">"), "{brief}");
        assert!(
            html.contains("<span class=\"rec-title\" lang=\"en\">"),
            "{brief}"
        );
        assert!(
            html.contains("<blockquote class=\"committee-text\" lang=\"en\">"),
            "{brief}"
        );
    }
    let search = read(d, "search/index.html");
    assert!(search.contains(" data-content-lang=\"en\""), "{search}");
}

#[test]
fn release_notes_and_the_changed_text_are_in_the_content_language() {
    let dir = build_fixture("site-small", with("interface_language = \"fr\"\n"));
    let release = read(dir.path(), "changes/2.1/index.html");
    assert!(release.contains("<html lang=\"fr\">"), "{release}");
    // The note, and each paragraph before and after a change.
    assert!(release.contains("<div lang=\"en\">"), "{release}");
    assert!(release.contains("<dd><p lang=\"en\">"), "{release}");
    let changes = read(dir.path(), "changes/index.html");
    assert!(changes.contains("<div lang=\"en\">"), "{changes}");
}

#[test]
fn one_language_is_said_once_per_page() {
    // The interface language given, and the same as the content's: nothing more is marked.
    let dir = build(with("language = \"fr\"\ninterface_language = \"fr\"\n"));
    let d = dir.path();
    let mut pages = 0;
    for rel in html_files(&d.join("out")) {
        let html = fs::read_to_string(&rel).unwrap();
        assert_eq!(html.matches(" lang=").count(), 1, "{}", rel.display());
        assert!(html.contains("<html lang=\"fr\">"), "{}", rel.display());
        assert!(!html.contains("data-content-lang"), "{}", rel.display());
        pages += 1;
    }
    assert!(pages > 10, "{pages} pages");
}

fn html_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(html_files(&p));
        } else if p.extension().is_some_and(|x| x == "html") {
            out.push(p);
        }
    }
    out
}
