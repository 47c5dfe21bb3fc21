//! `release`: the working content, a version, the maintainer's note (Markdown) and a date in;
//! out, `releases/<version>/` (the note with its version and date, and a copy of every file
//! that defines what a reader sees of a recommendation), and `site.toml`'s edition set to the
//! new release. It refuses a version that exists or does not come after the last one, content
//! with errors, and a note that does not name every changed recommendation.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::content::releases::{DRAFT_FILE, NOTE_FILE, ReleaseFiles, TABLES};
use crate::content::{ContentFiles, SourceFile, read_source};
use crate::diag::Diagnostics;
use crate::failure::Failure;
use crate::model::Date;
use crate::model::releases::record::{self, ReleaseLock, Snapshot};
use crate::model::releases::version::VERSION_RULE;
use crate::model::releases::{self, Release, Version};
use crate::output::BrokenLink;
use crate::project::Project;

mod reports;

/// What `release` needs to know.
#[derive(Debug, Clone)]
pub struct ReleaseOptions<'a> {
    /// The content folder and the theme its pages are checked with.
    pub project: &'a Project,
    pub version: &'a str,
    pub note: &'a Path,
    /// `YYYY-MM-DD`; today's date (UTC) when absent.
    pub date: Option<&'a str>,
}

/// Runs `release`: content or note errors, and anything that stops it, come back as the
/// [`Failure`] to report. One release runs at a time (a lock in the releases folder); the
/// snapshot is written aside and renamed into place whole, and `site.toml` replaced in one
/// step, so a release that fails or is killed leaves the content as it was (at worst, a
/// hidden staging folder that every command skips and the next release deletes).
pub fn run(opts: &ReleaseOptions) -> Result<(), Failure> {
    let Some(version) = Version::parse(opts.version) else {
        let message = format!("version {:?} is not allowed: {VERSION_RULE}", opts.version);
        return Err(anyhow!(message).into());
    };
    let date = match opts.date.map_or_else(|| Ok(today()), Date::parse) {
        Ok(date) => date.to_string(),
        Err(why) => {
            let given = opts.date.unwrap_or_default();
            return Err(anyhow!("date {given:?} {}", why.says("2026-12-01")).into());
        }
    };
    let content = opts.project.content.as_path();
    if !content.is_dir() {
        // The loader says why; the lock would make the folder.
        crate::content::load_content(content)?;
    }
    let releases_dir = content.join("releases");
    let _lock = ReleaseLock::take(&releases_dir)?;
    for kept in record::clear_leftovers(&releases_dir) {
        eprintln!("warning: {kept}");
    }
    let (files, note) = checked(opts, &version, &date)?;
    let folder = releases_dir.join(opts.version);
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).with_context(|| format!("reading {}", site.display()))?;
    let site_text = with_edition(&text, opts.version, &date);
    let draft = releases_dir.join(DRAFT_FILE);
    let released = Released {
        folder: &folder,
        note_text: note_text(&version, &date, &note),
        site_text: site_text.clone(),
        drops_draft: same_file(opts.note, &draft),
    };
    check_as_released(opts.project, &files, &note, released)?;
    let snapshot = write_snapshot(&files, &folder, &version, &date, &note)?;
    snapshot.commit()?;
    record::write_atomic(&site, site_text.as_bytes())?;
    if same_file(opts.note, &draft) {
        // The draft has become the release's note; the next release starts a new one.
        fs::remove_file(&draft).with_context(|| format!("removing {}", draft.display()))?;
    }
    println!("released {version} ({date}) into {}", folder.display());
    Ok(())
}

/// The content and the note, checked (under the lock): the content as `check` checks it, a
/// version not yet recorded that comes after the last, and a note whose Markdown is that of a
/// page and which names every changed recommendation in its text.
fn checked(
    opts: &ReleaseOptions,
    version: &Version,
    date: &str,
) -> Result<(ContentFiles, SourceFile), Failure> {
    let content = opts.project.content.as_path();
    let (files, mut diags) = crate::content::load_content(content)?;
    let history = releases::read_history(&files, &mut diags);
    // Each further report's releases, as they recorded it (their notes' errors are the
    // site's, reported above).
    let further = reports::histories(&files);
    let unreleased = ContentFiles {
        releases: Vec::new(),
        draft_note: None,
        ..files
    };
    if let Err(d) = crate::model::validate(&unreleased, std::mem::take(&mut diags)) {
        return Err(Failure::content(content, d));
    }
    let folder = content.join("releases").join(opts.version);
    if folder.exists() {
        let message = format!(
            "release {} exists already: {}",
            opts.version,
            folder.display()
        );
        return Err(anyhow!(message).into());
    }
    let note = read_source(opts.note, &mut diags)?;
    if let Some(note) = &note {
        releases::check_note_markdown(note, 0, &note.text, &mut diags);
    }
    if let Some(last) = history.last() {
        check_after(last, version, date, &unreleased, note.as_ref(), &mut diags)?;
    }
    if let Some(note) = &note {
        reports::check_further(&further, &unreleased, note, &mut diags);
    }
    match note.filter(|_| diags.error_count() == 0) {
        Some(note) => Ok((unreleased, note)),
        None => Err(Failure::content(content, diags.sorted())),
    }
}

/// The new release against the last: a later version, no earlier date (plumbing errors), and a
/// note that names every changed recommendation (diagnostics at the note).
fn check_after(
    last: &Release,
    version: &Version,
    date: &str,
    working: &ContentFiles,
    note: Option<&SourceFile>,
    diags: &mut Diagnostics,
) -> Result<()> {
    if *version <= last.version {
        bail!(
            "version {version} does not come after the last release, {}",
            last.version
        );
    }
    if date < last.date.as_str() {
        bail!("date {date} is before the last release's ({})", last.date);
    }
    if let Some(note) = note {
        check_named(note, last, working, None, diags);
    }
    Ok(())
}

/// The note names every recommendation of `report_files` (a report's files: its
/// recommendations and the sections its ids are read by) that changed since `last`; `report`,
/// the further report's slug, names it in the errors (`None`: the first report).
fn check_named(
    note: &SourceFile,
    last: &Release,
    report_files: &ContentFiles,
    report: Option<&str>,
    diags: &mut Diagnostics,
) {
    let ids = crate::model::id_scheme(report_files);
    let states = releases::read_states(&report_files.recommendations, &ids, diags);
    let changes = releases::compare(&last.recs, &states);
    releases::check_note_names(note, &changes, &last.version, &ids, report, diags);
}

/// Writes the snapshot into its staging folder, complete; [`Snapshot::commit`] then renames it
/// into place.
fn write_snapshot(
    files: &ContentFiles,
    folder: &Path,
    version: &Version,
    date: &str,
    note: &SourceFile,
) -> Result<Snapshot> {
    let snapshot = Snapshot::create(folder)?;
    let tmp = snapshot.dir();
    let recs = tmp.join("recommendations");
    fs::create_dir_all(&recs).with_context(|| format!("creating {}", recs.display()))?;
    for f in &files.recommendations {
        let name = f
            .path
            .file_name()
            .context("recommendation without a file name")?;
        copy(&f.path, &recs.join(name))?;
    }
    let root = folder
        .parent()
        .and_then(Path::parent)
        .context("content folder")?;
    for table in TABLES {
        if root.join(table).is_file() {
            copy(&root.join(table), &tmp.join(table))?;
        }
    }
    reports::write_snapshots(files, tmp)?;
    fs::write(tmp.join(NOTE_FILE), note_text(version, date, note))
        .with_context(|| format!("writing {}", tmp.join(NOTE_FILE).display()))?;
    Ok(snapshot)
}

/// `release.md`: the note with its version and date.
fn note_text(version: &Version, date: &str, note: &SourceFile) -> String {
    format!(
        "+++\nversion = \"{version}\"\ndate = \"{date}\"\n+++\n{}\n",
        note.text.trim()
    )
}

/// What the content will hold once the release is recorded.
struct Released<'a> {
    /// `releases/VERSION`.
    folder: &'a Path,
    note_text: String,
    site_text: String,
    /// Whether the note is the draft, which the release removes.
    drops_draft: bool,
}

/// The content as the release will leave it, checked as `check` checks it (every page rendered
/// in memory, every link followed) before anything is written: a link of the note to a page
/// that does not exist is an error at the note, not a failure of every `check` after it.
fn check_as_released(
    project: &Project,
    files: &ContentFiles,
    note: &SourceFile,
    released: Released,
) -> Result<(), Failure> {
    let recs = released.folder.join("recommendations");
    let tables = [&files.legend, &files.sections, &files.parties];
    let release = ReleaseFiles {
        reports: reports::as_released(files, released.folder),
        folder: released
            .folder
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        note: Some(SourceFile {
            path: released.folder.join(NOTE_FILE),
            text: released.note_text,
        }),
        recommendations: files
            .recommendations
            .iter()
            .map(|f| copied(f, &recs))
            .collect(),
        tables: tables
            .into_iter()
            .flatten()
            .map(|f| copied(f, released.folder))
            .collect(),
    };
    let (site_text, drops_draft) = (released.site_text, released.drops_draft);
    let adjust = move |content: &mut ContentFiles| {
        content.releases.push(release);
        if let Some(site) = &mut content.site {
            site.text = site_text;
        }
        if drops_draft {
            content.draft_note = None;
        }
    };
    match crate::site::check_site_adjusted(project, adjust) {
        Ok(_) => Ok(()),
        Err(Failure::BrokenLinks { links, to_disk }) => Err(at_note(project, note, links, to_disk)),
        Err(other) => Err(other),
    }
}

/// Broken links as errors at the note, when the note made every one of them.
fn at_note(project: &Project, note: &SourceFile, links: Vec<BrokenLink>, to_disk: bool) -> Failure {
    let written = crate::markdown::links(&note.text);
    let mut found = std::collections::BTreeSet::new();
    for b in &links {
        let at = written
            .iter()
            .find(|(_, url)| crate::markdown::rendered_link(url, "/") == b.link);
        match at {
            Some((at, _)) => found.insert((*at, format!("broken link {} ({})", b.link, b.reason))),
            None => return Failure::BrokenLinks { links, to_disk },
        };
    }
    let mut diags = Diagnostics::default();
    for (at, message) in found {
        diags.push(note.error_at(at, message));
    }
    Failure::content(&project.content, diags)
}

/// `site.toml`'s text with its edition set (a table added at the end when there is none).
fn with_edition(text: &str, version: &str, date: &str) -> String {
    let mut out = Vec::new();
    let (mut in_edition, mut seen) = (false, false);
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_edition = t.starts_with("[edition]");
            seen |= in_edition;
        }
        let key = t.split('=').next().unwrap_or("").trim();
        out.push(match (in_edition, key) {
            (true, "version") => format!("version = \"{version}\""),
            (true, "date") => format!("date = \"{date}\""),
            _ => line.to_string(),
        });
    }
    if !seen {
        out.push(format!(
            "\n[edition]\nversion = \"{version}\"\ndate = \"{date}\""
        ));
    }
    out.join("\n") + "\n"
}

/// Today's date in UTC, for a release made without `--date` (builds never read the clock).
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_unix_days((secs / 86_400) as i64)
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| fs::canonicalize(p).ok();
    canon(a).is_some() && canon(a) == canon(b)
}

/// `f` as the release being checked will hold it, in folder `dir`.
fn copied(f: &SourceFile, dir: &Path) -> SourceFile {
    SourceFile {
        path: dir.join(f.path.file_name().unwrap_or_default()),
        text: f.text.clone(),
    }
}

fn copy(from: &Path, to: &PathBuf) -> Result<()> {
    fs::copy(from, to)
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edition_is_set_and_nothing_else_moves() {
        let site = "title = \"x\"\n# keep\n[edition]\nversion = \"1.0\"\ndate = \"2026-11-29\"\n\n[report]\ndate = \"kept\"\n";
        let out = with_edition(site, "1.1", "2026-12-01");
        assert_eq!(
            out,
            site.replace("1.0", "1.1")
                .replace("2026-11-29", "2026-12-01")
        );
        let none = with_edition("title = \"x\"\n", "1.0", "2026-11-29");
        assert!(
            none.ends_with("[edition]\nversion = \"1.0\"\ndate = \"2026-11-29\"\n"),
            "{none}"
        );
    }
}
