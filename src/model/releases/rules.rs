//! The release rules, as located diagnostics: a release note's version and date are well formed
//! and match its folder; versions and dates go forward together; the edition `site.toml` names
//! is the last release; and every recommendation that differs from the last release is named
//! in the draft note of the next one (`releases/next.md`), so no change reaches readers
//! unannounced. `recpub release` checks its note against the same rule.

use std::path::{Path, PathBuf};

use std::collections::BTreeMap;

use super::version::VERSION_RULE;
use super::{Change, RecState, Release, Version, compare};
use crate::content::raw::{RawSite, S, at};
use crate::content::releases::DRAFT_FILE;
use crate::content::{ContentFiles, SourceFile, parse_toml};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::Date;
use crate::model::{IdScheme, RecId};

/// Checks a note's `version` and `date` (the front matter starts at byte `base`); the version
/// when both are right.
pub(super) fn check_header(
    note: &SourceFile,
    base: usize,
    version: &S,
    date: &S,
    folder: &str,
    diags: &mut Diagnostics,
) -> Option<Version> {
    let before = diags.error_count();
    let v = Version::parse(version.get_ref());
    if v.is_none() {
        let msg = format!("release version \"{}\" is not allowed", version.get_ref());
        diags.push(
            note.error_at(at(version, base), msg)
                .with_help(VERSION_RULE),
        );
    } else if version.get_ref() != folder {
        let msg = format!(
            "release version \"{}\" is not the name of its folder \"{folder}\"",
            version.get_ref()
        );
        diags.push(note.error_at(at(version, base), msg));
    }
    if let Err(why) = Date::parse(date.get_ref()) {
        let msg = format!(
            "release date \"{}\" {}",
            date.get_ref(),
            why.says("2026-12-01")
        );
        diags.push(note.error_at(at(date, base), msg));
    }
    if diags.error_count() > before {
        None
    } else {
        v
    }
}

/// Two folders for one version (`1` and `1.0`), and a later version with an earlier date.
pub(super) fn check_dates(releases: &[Release], diags: &mut Diagnostics) {
    for pair in releases.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let problem = if a.version == b.version {
            format!(
                "release {} is the same version as release {}",
                b.version, a.version
            )
        } else if b.date < a.date {
            format!(
                "release {} is dated {}, before release {} ({})",
                b.version, b.date, a.version, a.date
            )
        } else {
            continue;
        };
        diags.push(Diagnostic::error(&b.note_path, (1, 1), problem));
    }
}

/// The working content against the last release: the edition it names (its errors pushed to
/// `diags`), and every changed recommendation named in the draft note (an error returned for
/// each one it does not name, which the caller refuses or, in a preview, turns into a warning).
pub(super) fn check_working(
    files: &ContentFiles,
    last: &Release,
    working: &BTreeMap<RecId, RecState>,
    ids: &IdScheme,
    diags: &mut Diagnostics,
) -> Vec<Diagnostic> {
    // The edition is the site's: a further report's files (with a `report.toml`) leave it to
    // the first report, whose last release is the site's.
    if let (Some(site), None) = (&files.site, &files.report) {
        check_edition(site, last, diags);
    }
    let draft = files.draft_note.as_ref();
    let draft_text = draft.map_or_else(String::new, |d| visible_text(&d.text));
    let draft_path = draft.map_or_else(|| draft_path(files), |d| d.path.clone());
    compare(&last.recs, working)
        .iter()
        .filter(|change| !names_id(&draft_text, &change.id, ids))
        .map(|change| unnamed(change, last, &draft_path, files))
        .collect()
}

/// Where the draft note goes: `releases/next.md` beside the content's other files.
fn draft_path(files: &ContentFiles) -> PathBuf {
    let root = files
        .site
        .as_ref()
        .and_then(|s| s.path.parent())
        .unwrap_or(Path::new(""));
    root.join("releases").join(DRAFT_FILE)
}

/// The error for a changed recommendation the draft does not name: at the first changed field
/// of its file, or, for one no longer in the content, at its copy in the last release.
fn unnamed(change: &Change, last: &Release, draft: &Path, files: &ContentFiles) -> Diagnostic {
    let id = &change.id;
    let fields: Vec<&str> = change.fields.iter().map(|f| f.as_str()).collect();
    let help = format!(
        "name {id} in {}, saying what changed; `recpub release` records it",
        draft.display()
    );
    let d = match &change.after {
        Some(after) => {
            let file = files.recommendations.iter().find(|f| {
                f.path
                    .file_stem()
                    .is_some_and(|s| s.to_string_lossy() == after.id)
            });
            let at = file.map_or((1, 1), |f| {
                f.line_col(after.offset(change.fields[0], change.before.as_ref()))
            });
            let path = file.map_or_else(|| PathBuf::from(&after.id), |f| f.path.clone());
            let what = if change.before.is_some() {
                format!(
                    "has changed since release {} ({})",
                    last.version,
                    fields.join(", ")
                )
            } else {
                format!("is new since release {}", last.version)
            };
            Diagnostic::error(
                &path,
                at,
                format!("{id} {what} and the note of the next release does not name it"),
            )
        }
        None => Diagnostic::error(
            &last.note_path,
            (1, 1),
            format!(
                "{id} was in release {} and is gone, and the note of the next release does not name it",
                last.version
            ),
        ),
    };
    d.with_help(help)
}

/// `site.toml`'s edition is the last release: its version and date.
fn check_edition(site: &SourceFile, last: &Release, diags: &mut Diagnostics) {
    let Some(raw) = parse_toml::<RawSite>(site, &site.text, 0, &mut Diagnostics::default()) else {
        return; // its errors are reported where site.toml is validated
    };
    let Some(e) = raw.edition else {
        let msg = format!(
            "there are releases but no [edition]; the last release is {}",
            last.version
        );
        diags.push(site.error_at(0, msg).with_help(edition_help(last)));
        return;
    };
    let version_ok = Version::parse(e.version.get_ref()).is_some_and(|v| v == last.version);
    for (ok, value, what, want) in [
        (version_ok, &e.version, "version", last.version.as_str()),
        (
            e.date.get_ref() == &last.date,
            &e.date,
            "date",
            last.date.as_str(),
        ),
    ] {
        if !ok {
            let msg = format!(
                "edition {what} \"{}\" is not that of the last release ({want})",
                value.get_ref()
            );
            diags.push(
                site.error_at(at(value, 0), msg)
                    .with_help(edition_help(last)),
            );
        }
    }
}

fn edition_help(last: &Release) -> String {
    format!(
        "the pages print the edition: set version = \"{}\" and date = \"{}\" (`recpub release` does)",
        last.version, last.date
    )
}

/// The words of a note a reader sees: its Markdown's text, without link targets, link
/// definitions or markup. A recommendation is named there, or not at all: `[](II-1)` shows
/// nothing, and `[II-1]: /x` defines a link no text uses.
pub(crate) fn visible_text(note: &str) -> String {
    crate::markdown::plain_text(note)
}

/// A release note's Markdown (`markdown`, at byte `offset` of `note`), before it is recorded and
/// whenever it is read: the rules of a page's Markdown, and every link a site path or an
/// address, since a note is shown on the change history, on its release's page and in the
/// feeds, where a relative link would lead to a different place each time.
pub(crate) fn check_note_markdown(
    note: &SourceFile,
    offset: usize,
    markdown: &str,
    diags: &mut Diagnostics,
) {
    crate::model::validate::check_page_markdown(note, offset, markdown, diags);
    for (at, url) in crate::markdown::links(markdown) {
        let lower = url.trim().to_ascii_lowercase();
        let rooted = lower.starts_with('/')
            || ["http:", "https:", "mailto:"]
                .iter()
                .any(|s| lower.starts_with(s));
        if crate::markdown::is_safe_link(&url) && !rooted {
            let msg = format!(
                "link target \"{url}\" is relative, and a release note is shown on several pages"
            );
            let help = "link to a site path such as /recommendations/ii-1/, or to an http, https or mailto address";
            diags.push(note.error_at(offset + at, msg).with_help(help));
        }
    }
}

/// Whether `note` names the recommendation `id` as a whole word, as the dataset's id scheme
/// reads ids: `II-1` is not named by `II-10` or `III-1`.
pub(crate) fn names_id(note: &str, id: &RecId, ids: &IdScheme) -> bool {
    ids.find_ids(note).any(|(_, found)| found == *id)
}

/// For `recpub release`: every change must be named in the note; an error at the note for each
/// one that is not. `report`: the further report's slug the changes are of (`None`: the first
/// report's), which the message names.
pub(crate) fn check_note_names(
    note: &SourceFile,
    changes: &[Change],
    since: &Version,
    ids: &IdScheme,
    report: Option<&str>,
    diags: &mut Diagnostics,
) {
    let text = visible_text(&note.text);
    let of = report.map_or_else(String::new, |slug| format!(" of report \"{slug}\""));
    for c in changes {
        if !names_id(&text, &c.id, ids) {
            let fields: Vec<&str> = c.fields.iter().map(|f| f.as_str()).collect();
            let msg = format!(
                "the note does not name {}{of}, which changed since release {since} ({})",
                c.id,
                fields.join(", ")
            );
            diags.push(
                note.error_at(0, msg)
                    .with_help("name every changed recommendation by its id, saying what changed"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::names_id;
    use crate::model::{IdPattern, IdScheme};

    #[test]
    fn ids_are_named_as_whole_words() {
        let ids = IdScheme::new(vec!["II".into(), "III".into()], IdPattern::Hyphen);
        let names = |note: &str, id: &str| names_id(note, &ids.rec(id).unwrap(), &ids);
        assert!(names("II-10: title softened.", "II-10"));
        assert!(names("(II-1)", "II-1"));
        assert!(names("II-1, II-2", "II-1"));
        assert!(!names("II-10 only", "II-1"));
        assert!(!names("III-1 only", "II-1"));
        assert!(!names("II-1-2", "II-1"));
        assert!(names("II-1-", "II-1"));
    }

    #[test]
    fn dotted_ids_are_named_by_their_pattern() {
        let ids = IdScheme::new(vec!["1".into(), "2".into()], IdPattern::Dot);
        let names = |note: &str, id: &str| names_id(note, &ids.rec(id).unwrap(), &ids);
        assert!(names("Softened 1.4.", "1.4"));
        assert!(!names("1.40 and 21.4 and 1.4.2", "1.4"));
        assert!(!names("1-4", "1.4"));
    }
}
