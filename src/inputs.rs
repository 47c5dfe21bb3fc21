//! INPUTS: a path in the content folder or the theme folder in; out, which input of a build it
//! is ([`Input`]), or that it is none (an editor's scratch file, a note beside the content).
//! The one list of what a build reads: the content loader and the theme loader name their files
//! and folders with these constants and rules, `serve` watches by [`classify`], so a file the
//! build reads can never be one `serve` ignores (`tests/inputs.rs` records every file a build
//! opens and asks [`classify`] about each).

use std::path::{Component, Path};

/// The publication's settings, in the content folder.
pub(crate) const SITE: &str = "site.toml";
/// The tables recommendations are checked against, in the content folder (and in each
/// release's snapshot).
pub(crate) const TABLES: [&str; 3] = ["legend.toml", "sections.toml", "parties.toml"];
/// The reader's words for the Committee's terms (search), in the content folder; optional.
pub(crate) const THESAURUS: &str = "thesaurus.toml";
/// The folder of recommendation files (`*.md`, at any depth), in the content folder and in each
/// release's snapshot.
pub(crate) const RECOMMENDATIONS: &str = "recommendations";
/// The folder of content pages (`*.md`, at any depth).
pub(crate) const PAGES: &str = "pages";
/// The folder of releases: `<version>/` folders and the draft note.
pub(crate) const RELEASES: &str = "releases";
/// A release's note, in its folder.
pub(crate) const NOTE_FILE: &str = "release.md";
/// The draft note of the next release, in the releases folder.
pub(crate) const DRAFT_FILE: &str = "next.md";
/// The folder of the report's text (`*.txt` directly in it).
pub(crate) const SOURCE: &str = "source";

/// The folder of the site's further reports: `reports/<slug>/`, each with [`REPORT_FILE`],
/// its own `legend.toml` and `sections.toml` ([`REPORT_TABLES`]), `recommendations/` and
/// `source/` (the first report is the content folder's own).
pub(crate) const REPORTS: &str = "reports";
/// A further report's facts (the fields of `site.toml`'s `[report]`), in its folder.
pub(crate) const REPORT_FILE: &str = "report.toml";
/// The tables of [`TABLES`] each further report has of its own, in its folder (the Parties
/// are the site's).
pub(crate) const REPORT_TABLES: [&str; 2] = ["legend.toml", "sections.toml"];

/// The theme's templates (`*.html`, at any depth).
pub(crate) const TEMPLATES: &str = "templates";
/// The theme's strings, one `<language>.toml` per language.
pub(crate) const STRINGS: &str = "i18n";
/// The theme's static files, copied to the site as they are (every file but scratch files).
pub(crate) const STATIC: &str = "static";
/// The theme's stylesheet, in its static folder: copied like every static file, and read by
/// the build for the accent colour it declares (`render::theme::accent`).
pub(crate) const STYLESHEET: &str = "style.css";
/// The theme's fonts, which preview images are drawn with.
pub(crate) const FONTS: &str = "fonts";

/// One kind of input of a build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// `site.toml`.
    Config,
    /// `legend.toml`, `sections.toml`, `parties.toml`.
    Table,
    /// A recommendation file, or a folder under `recommendations/`.
    Recommendation,
    /// A content page, or a folder under `pages/`.
    Page,
    /// `thesaurus.toml`.
    Thesaurus,
    /// A release's note, tables or recommendations, or the draft note.
    Release,
    /// A further report's file (`reports/<slug>/`: its `report.toml`, tables,
    /// recommendations or source text), or one of its folders.
    Report,
    /// The report's text, `source/*.txt`.
    Source,
    /// A `*.md` or `*.toml` file elsewhere in the content folder: a symbolic link the loader
    /// follows may lead to it.
    LinkTarget,
    /// A theme template.
    Template,
    /// The theme's strings, `i18n/*.toml`.
    Strings,
    /// A theme static file.
    Static,
    /// A theme font.
    Font,
    /// A folder that holds inputs (the content or theme folder itself, `recommendations/`,
    /// `releases/<version>/` …): created, moved or deleted as a whole.
    Folder,
}

/// Which input `path` is, `None` when no build reads it. `content` and `theme` are the
/// folders, in the same form as `path` (both absolute, or both relative). Scratch files and
/// folders ([`is_editor_scratch`]) are never inputs, anywhere.
pub fn classify(path: &Path, content: &Path, theme: &Path) -> Option<Input> {
    let scratch = path.components().any(|c| match c {
        Component::Normal(name) => is_editor_scratch(&name.to_string_lossy()),
        _ => false,
    });
    if scratch {
        return None;
    }
    // The theme first: a theme folder inside the content folder is the theme's.
    if let Ok(rel) = path.strip_prefix(theme) {
        return theme_input(rel, path);
    }
    let rel = path.strip_prefix(content).ok()?;
    content_input(rel, path)
}

/// A path in the content folder (`rel`, relative to it; `path` to ask whether it is a folder).
fn content_input(rel: &Path, path: &Path) -> Option<Input> {
    let parts: Vec<String> = names(rel);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let is_dir = || path.is_dir();
    match parts.as_slice() {
        [] => Some(Input::Folder),
        [SITE] => Some(Input::Config),
        [name] if TABLES.contains(name) => Some(Input::Table),
        [THESAURUS] => Some(Input::Thesaurus),
        [RECOMMENDATIONS | PAGES | RELEASES | SOURCE] => Some(Input::Folder),
        [RECOMMENDATIONS, ..] if is_markdown(path) || is_dir() => Some(Input::Recommendation),
        [PAGES, ..] if is_markdown(path) || is_dir() => Some(Input::Page),
        [SOURCE, _] if is_source_text(path) => Some(Input::Source),
        [RECOMMENDATIONS | PAGES | SOURCE, ..] => None,
        [RELEASES, rest @ ..] if release_input(rest, path) => Some(Input::Release),
        [RELEASES, ..] => None,
        [REPORTS] => Some(Input::Folder),
        [REPORTS, rest @ ..] if report_input(rest, path) => Some(Input::Report),
        [REPORTS, ..] => None,
        [_, _, ..] if matches!(extension(path), Some("md" | "toml")) => Some(Input::LinkTarget),
        _ => None,
    }
}

/// Whether `rest`, a path in the releases folder, is read: the draft note, a release folder,
/// its note, its tables and its recommendations. Folders named with a leading dot are a release
/// being written, not read.
fn release_input(rest: &[&str], path: &Path) -> bool {
    match rest {
        [DRAFT_FILE] => true,
        [folder, ..] if !is_release_folder(folder) => false,
        [_] => true,
        [_, NOTE_FILE | REPORTS] => true,
        [_, name] => TABLES.contains(name),
        [_, RECOMMENDATIONS, ..] => is_markdown(path) || path.is_dir(),
        [_, REPORTS, rest @ ..] => snapshot_report_input(rest, path),
        _ => false,
    }
}

/// Whether `rest`, a path in a release's `reports/` folder, is read: a further report's
/// snapshot, which holds its tables and recommendations as released (not its source text).
fn snapshot_report_input(rest: &[&str], path: &Path) -> bool {
    match rest {
        [_, SOURCE, ..] | [_, REPORT_FILE] => false,
        _ => report_input(rest, path),
    }
}

/// Whether `rest`, a path in the reports folder, is read: a report's folder, its
/// `report.toml` and tables, its recommendations and its source text, by the rules of the
/// content folder's own.
fn report_input(rest: &[&str], path: &Path) -> bool {
    match rest {
        // A report's folder, also once deleted (a file beside the folders is no report).
        [_] => path.is_dir() || extension(path).is_none(),
        [_, REPORT_FILE | RECOMMENDATIONS | SOURCE] => true,
        [_, name] => REPORT_TABLES.contains(name),
        [_, RECOMMENDATIONS, ..] => is_markdown(path) || path.is_dir(),
        [_, SOURCE, _] => is_source_text(path),
        _ => false,
    }
}

/// A path in the theme folder (`rel`, relative to it).
fn theme_input(rel: &Path, path: &Path) -> Option<Input> {
    let parts = names(rel);
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        // The theme folder, or one of its folders (moved, recreated).
        [] | [TEMPLATES | STRINGS | STATIC | FONTS] => Some(Input::Folder),
        [TEMPLATES, ..] if is_template(path) || path.is_dir() => Some(Input::Template),
        [STRINGS, _] if is_strings(path) => Some(Input::Strings),
        [STATIC, ..] => Some(Input::Static),
        [FONTS, ..] => Some(Input::Font),
        _ => None,
    }
}

fn names(rel: &Path) -> Vec<String> {
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

fn extension(path: &Path) -> Option<&str> {
    path.extension().and_then(|e| e.to_str())
}

/// A recommendation, page or release file: `*.md`.
pub(crate) fn is_markdown(path: &Path) -> bool {
    extension(path) == Some("md")
}

/// A file of the report's text: `*.txt`.
pub(crate) fn is_source_text(path: &Path) -> bool {
    extension(path) == Some("txt")
}

/// A template: `*.html`.
pub(crate) fn is_template(path: &Path) -> bool {
    extension(path) == Some("html")
}

/// A file of theme strings: `*.toml`.
fn is_strings(path: &Path) -> bool {
    extension(path) == Some("toml")
}

/// Whether a folder in `releases/` holds a release: a name starting with a dot is the folder
/// a release is written into before it is renamed into place (`.1.2.recpub-new-PID`), which a
/// killed release leaves behind.
pub(crate) fn is_release_folder(name: &str) -> bool {
    !name.starts_with('.')
}

/// The theme's strings for `language`, relative to the theme folder.
pub(crate) fn strings_file(language: &str) -> std::path::PathBuf {
    Path::new(STRINGS).join(format!("{language}.toml"))
}

/// Editor swap, backup, lock and temp files, and version-control folders: never an input,
/// wherever they are (in the theme too). Vim, Emacs, Kate, Helix, GNOME's gio, Chromium's
/// file system access, JetBrains' safe write, merge tools.
pub fn is_editor_scratch(name: &str) -> bool {
    const SUFFIXES: [&str; 12] = [
        ".orig",
        ".rej",
        ".bck",
        ".kate-swp",
        ".crswap",
        "___jb_tmp___",
        "___jb_old___",
        ".swp",
        ".swx",
        ".swo",
        ".tmp",
        "~",
    ];
    SUFFIXES.iter().any(|s| name.ends_with(s))
        || name.starts_with(".goutputstream-")
        || name.starts_with(".#")
        || matches!(name, "4913" | ".DS_Store" | ".git")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
}

/// Whether the last part of `path` is a scratch file or folder ([`is_editor_scratch`]).
pub(crate) fn is_scratch_path(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| is_editor_scratch(&n.to_string_lossy()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(p: &str) -> Option<Input> {
        classify(
            Path::new(p),
            Path::new("/s/content"),
            Path::new("/s/themes/default"),
        )
    }

    #[test]
    fn classifies_by_place() {
        use Input::*;
        for (path, want) in [
            ("/s/content/recommendations/III-16.md", Some(Recommendation)),
            ("/s/content/recommendations", Some(Folder)),
            (
                "/s/content/recommendations/sub/II-1.md",
                Some(Recommendation),
            ),
            ("/s/content/pages/about.md", Some(Page)),
            ("/s/content/pages/sub/about.md", Some(Page)),
            ("/s/content/parties.toml", Some(Table)),
            ("/s/content/legend.toml", Some(Table)),
            ("/s/content/sections.toml", Some(Table)),
            ("/s/content/site.toml", Some(Config)),
            ("/s/content/thesaurus.toml", Some(Thesaurus)),
            ("/s/content", Some(Folder)),
            ("/s/content/source/report.txt", Some(Source)),
            ("/s/content/source/README.md", None),
            ("/s/content/source/old/report.txt", None),
            ("/s/content/notes.txt", None),
            ("/s/content/extra.toml", None),
            ("/s/content/recommendations/notes.txt", None),
            ("/s/content/recommendations/sedX4a9Qz", None),
            ("/s/content/releases/next.md", Some(Release)),
            ("/s/content/releases/1.1", Some(Release)),
            ("/s/content/releases/1.1/release.md", Some(Release)),
            ("/s/content/releases/1.1/legend.toml", Some(Release)),
            (
                "/s/content/releases/1.1/recommendations/II-1.md",
                Some(Release),
            ),
            ("/s/content/releases/1.1/notes.txt", None),
            ("/s/content/releases/1.1/reports", Some(Release)),
            ("/s/content/releases/1.1/reports/special", Some(Release)),
            (
                "/s/content/releases/1.1/reports/special/sections.toml",
                Some(Release),
            ),
            (
                "/s/content/releases/1.1/reports/special/recommendations/1.1.md",
                Some(Release),
            ),
            ("/s/content/releases/1.1/reports/special/report.toml", None),
            ("/s/content/releases/1.1/reports/special/source/a.txt", None),
            ("/s/content/releases/1.1/reports/special/parties.toml", None),
            ("/s/content/releases/.1.2.recpub-new-7/release.md", None),
            ("/s/content/recommendations/sub/site.toml", None),
            ("/s/content/reports/special/report.toml", Some(Report)),
            ("/s/content/reports/special/legend.toml", Some(Report)),
            ("/s/content/reports/special/sections.toml", Some(Report)),
            ("/s/content/reports/special/parties.toml", None),
            (
                "/s/content/reports/special/recommendations/1.1.md",
                Some(Report),
            ),
            ("/s/content/reports/special/source/report.txt", Some(Report)),
            ("/s/content/reports/special/source/old/report.txt", None),
            ("/s/content/reports/special/notes.txt", None),
            ("/s/content/reports/README.md", None),
            ("/s/content/shared/II-2.md", Some(LinkTarget)),
            ("/s/content/shared/notes.txt", None),
            ("/s/themes/default", Some(Folder)),
            ("/s/themes/default/templates/base.html", Some(Template)),
            (
                "/s/themes/default/templates/parts/item.html",
                Some(Template),
            ),
            ("/s/themes/default/templates/notes.txt", None),
            ("/s/themes/default/i18n/en.toml", Some(Strings)),
            ("/s/themes/default/i18n/README.md", None),
            ("/s/themes/default/static/style.css", Some(Static)),
            ("/s/themes/default/static/img/logo.svg", Some(Static)),
            ("/s/themes/default/fonts/NotoSans-Bold.ttf", Some(Font)),
            ("/s/themes/default/README", None),
            ("/s/themes/other/templates/base.html", None),
            ("/elsewhere/x.md", None),
        ] {
            assert_eq!(kind(path), want, "{path}");
        }
    }

    #[test]
    fn editor_scratch_files_are_no_input_anywhere() {
        for name in [
            ".III-16.md.swp",
            ".III-16.md.swx",
            "III-16.md~",
            "4913",
            ".#III-16.md",
            "#III-16.md#",
            ".DS_Store",
            "III-16.md.tmp",
            "III-16.md.orig",
            "III-16.md.bck",
            ".III-16.md.kate-swp",
            ".goutputstream-5XK2Q1",
            "III-16.md.crswap",
            "III-16.md___jb_tmp___",
            "III-16.md___jb_old___",
        ] {
            assert!(is_editor_scratch(name), "{name}");
            for dir in [
                "/s/content/recommendations",
                "/s/themes/default/static",
                "/s/themes/default/i18n",
            ] {
                assert_eq!(kind(&format!("{dir}/{name}")), None, "{dir}/{name}");
            }
        }
        assert_eq!(kind("/s/content/.git/index"), None);
        assert_eq!(kind("/s/themes/default/static/.git/a.css"), None);
        assert_eq!(
            kind("/s/content/recommendations/#1.md"),
            Some(Input::Recommendation)
        );
    }
}
