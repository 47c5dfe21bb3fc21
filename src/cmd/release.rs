//! `release`: the working content, a version, the maintainer's note (Markdown) and a date in;
//! out, `releases/<version>/` (the note with its version and date, and a copy of every file
//! that defines what a reader sees of a recommendation), and `site.toml`'s edition set to the
//! new release. It refuses a version that exists or does not come after the last one, content
//! with errors, and a note that does not name every changed recommendation.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

use crate::content::releases::{DRAFT_FILE, NOTE_FILE};
use crate::content::{ContentFiles, SourceFile, read_source};
use crate::diag::Diagnostics;
use crate::failure::Failure;
use crate::model::validate::site::is_iso_date;
use crate::releases::{self, Release, Version};

/// What `release` needs to know.
#[derive(Debug, Clone)]
pub struct ReleaseOptions<'a> {
    pub content: &'a Path,
    pub version: &'a str,
    pub note: &'a Path,
    /// `YYYY-MM-DD`; today's date (UTC) when absent.
    pub date: Option<&'a str>,
}

/// The table files copied into a snapshot beside the recommendations.
const TABLES: [&str; 3] = ["legend.toml", "sections.toml", "parties.toml"];

/// Runs `release`: content or note errors, and anything that stops it, come back as the
/// [`Failure`] to report.
pub fn run(opts: &ReleaseOptions) -> Result<(), Failure> {
    let Some(version) = Version::parse(opts.version) else {
        let message = format!(
            "version {:?} is not like 1.1 (numbers separated by dots)",
            opts.version
        );
        return Err(anyhow!(message).into());
    };
    let date = opts.date.map_or_else(today, str::to_string);
    if !is_iso_date(&date) {
        return Err(anyhow!("date {date:?} is not a date like 2026-12-01").into());
    }
    let (files, mut diags) = crate::content::load_content(opts.content)?;
    let history = releases::read_history(&files, &mut diags);
    let mut unreleased = ContentFiles {
        releases: Vec::new(),
        draft_note: None,
        ..files
    };
    if let Err(d) = crate::model::validate(&unreleased, std::mem::take(&mut diags)) {
        return Err(Failure::content(opts.content, d));
    }
    let folder = opts.content.join("releases").join(opts.version);
    if folder.exists() {
        let message = format!(
            "release {} exists already: {}",
            opts.version,
            folder.display()
        );
        return Err(anyhow!(message).into());
    }
    let note = read_source(opts.note, &mut diags)?;
    if let Some(last) = history.last() {
        check_after(
            last,
            &version,
            &date,
            &unreleased,
            note.as_ref(),
            &mut diags,
        )?;
    }
    let Some(note) = note.filter(|_| diags.error_count() == 0) else {
        return Err(Failure::content(opts.content, diags.sorted()));
    };
    write_snapshot(&mut unreleased, &folder, &version, &date, &note)?;
    set_edition(opts.content, opts.version, &date)?;
    let draft = opts.content.join("releases").join(DRAFT_FILE);
    if same_file(opts.note, &draft) {
        // The draft has become the release's note; the next release starts a new one.
        fs::remove_file(&draft).with_context(|| format!("removing {}", draft.display()))?;
    }
    println!("released {version} ({date}) into {}", folder.display());
    Ok(())
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
    let states = releases::read_states(&working.recommendations, diags);
    let changes = releases::compare(&last.recs, &states);
    if let Some(note) = note {
        releases::check_note_names(note, &changes, &last.version, diags);
    }
    Ok(())
}

/// Writes the snapshot into a temporary folder, then renames it into place, so a failed
/// release leaves no half-written folder that later builds would read.
fn write_snapshot(
    files: &mut ContentFiles,
    folder: &Path,
    version: &Version,
    date: &str,
    note: &SourceFile,
) -> Result<()> {
    let parent = folder.parent().context("release folder without a parent")?;
    let tmp = parent.join(format!(".{version}.partial"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).with_context(|| format!("removing {}", tmp.display()))?;
    }
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
    let text = format!(
        "+++\nversion = \"{version}\"\ndate = \"{date}\"\n+++\n{}\n",
        note.text.trim()
    );
    write(&tmp.join(NOTE_FILE), &text)?;
    fs::rename(&tmp, folder).with_context(|| format!("moving {} into place", tmp.display()))
}

/// Sets `version` and `date` in `site.toml`'s `[edition]`, leaving every other line as it is.
fn set_edition(content: &Path, version: &str, date: &str) -> Result<()> {
    let path = content.join("site.toml");
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    write(&path, &with_edition(&text, version, date))
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
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_date((secs / 86_400) as i64)
}

/// The `YYYY-MM-DD` of a day counted from 1970-01-01 (H. Hinnant's civil-from-days).
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn same_file(a: &Path, b: &Path) -> bool {
    let canon = |p: &Path| fs::canonicalize(p).ok();
    canon(a).is_some() && canon(a) == canon(b)
}

fn copy(from: &Path, to: &PathBuf) -> Result<()> {
    fs::copy(from, to)
        .with_context(|| format!("copying {} to {}", from.display(), to.display()))?;
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    fs::write(path, text).with_context(|| format!("writing {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(20_423), "2025-12-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

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
