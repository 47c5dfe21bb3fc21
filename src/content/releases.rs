//! LOAD, releases: `content/releases/<version>/` folders (each a `release.md` note and a copy of
//! the recommendation files as released) and the draft note `content/releases/next.md` in, their
//! files as text out, sorted by folder name. Folders whose names start with a dot are skipped:
//! they are a release being written, or one a killed release left (`crate::model::releases::record`).
//! Only read here; `crate::model::releases` parses them.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{SourceFile, read_source, walk::Walk};
use crate::diag::{Diagnostic, Diagnostics};

pub(crate) use crate::inputs::{DRAFT_FILE, NOTE_FILE};
use crate::inputs::{RECOMMENDATIONS, RELEASES, REPORT_TABLES, REPORTS, is_release_folder};

/// The table files a snapshot holds beside the recommendations: the content's tables.
pub(crate) use crate::inputs::TABLES;

/// One release folder as read.
#[derive(Debug, Clone)]
pub struct ReleaseFiles {
    /// The folder's name: the version.
    pub folder: String,
    /// `release.md`, when readable.
    pub note: Option<SourceFile>,
    /// `recommendations/*.md` of the snapshot, sorted by path.
    pub recommendations: Vec<SourceFile>,
    /// The snapshot's tables present, in [`TABLES`] order.
    pub tables: Vec<SourceFile>,
    /// `reports/<slug>/` of the snapshot, sorted by folder name: each further report as
    /// released (none in a release made before the site had further reports).
    pub reports: Vec<ReleasedReport>,
}

/// One further report in a release's snapshot: its recommendations and tables as released.
#[derive(Debug, Clone)]
pub struct ReleasedReport {
    /// The folder's name: the report's slug.
    pub folder: String,
    /// `recommendations/*.md`, sorted by path.
    pub recommendations: Vec<SourceFile>,
    /// Its tables present, in [`REPORT_TABLES`] order.
    pub tables: Vec<SourceFile>,
}

impl ReleaseFiles {
    /// The release as it recorded further report `folder`: its note, that report's
    /// recommendations and tables; `None` when the release does not hold the report (made
    /// before the report was added), so the report's own history starts at the release that
    /// first holds it.
    pub fn for_report(&self, folder: &str) -> Option<ReleaseFiles> {
        let r = self.reports.iter().find(|r| r.folder == folder)?;
        Some(ReleaseFiles {
            folder: self.folder.clone(),
            note: self.note.clone(),
            recommendations: r.recommendations.clone(),
            tables: r.tables.clone(),
            reports: Vec::new(),
        })
    }
}

/// The files at `paths`, read on all cores (a release holds a hundred), in the order given.
fn read_all(paths: &[PathBuf], diags: &mut Diagnostics) -> anyhow::Result<Vec<SourceFile>> {
    let read: Vec<anyhow::Result<(Option<SourceFile>, Diagnostics)>> = paths
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::default();
            Ok((read_source(p, &mut d)?, d))
        })
        .collect();
    let mut out = Vec::new();
    for r in read {
        let (file, d) = r?;
        diags.0.extend(d.0);
        out.extend(file);
    }
    Ok(out)
}

/// The files of `names` present in `dir`, in that order.
fn present(dir: &Path, names: &[&str]) -> Vec<PathBuf> {
    let paths = names.iter().map(|t| dir.join(t));
    paths.filter(|p| p.is_file()).collect()
}

fn folder_name(path: &Path) -> String {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    name.unwrap_or_default()
}

/// A snapshot's `reports/` folder: one [`ReleasedReport`] per folder (dot folders skipped).
fn read_released_reports(
    walk: &Walk,
    dir: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<ReleasedReport>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for path in super::walk::sorted_entries(dir)? {
        let folder = folder_name(&path);
        if !path.is_dir() || folder.starts_with('.') {
            continue;
        }
        let paths = walk.markdown_files(&path.join(RECOMMENDATIONS), diags)?;
        out.push(ReleasedReport {
            folder,
            recommendations: read_all(&paths, diags)?,
            tables: read_all(&present(&path, &REPORT_TABLES), diags)?,
        });
    }
    Ok(out)
}

/// Every `releases/<version>/` folder under `root` (sorted by name) and the draft note.
pub(crate) fn read_releases(
    root: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<(Vec<ReleaseFiles>, Option<SourceFile>)> {
    let dir = root.join(RELEASES);
    if !dir.is_dir() {
        return Ok((Vec::new(), None));
    }
    let walk = Walk::new(root)?;
    let folders = super::walk::sorted_entries(&dir)?;
    let mut out = Vec::new();
    // A name starting with a dot is no release: the folder a release is written into before it
    // is renamed into place (`.1.2.recpub-new-PID`), which a killed release leaves behind.
    let hidden = |p: &PathBuf| {
        p.file_name()
            .is_some_and(|n| !is_release_folder(&n.to_string_lossy()))
    };
    for path in folders.into_iter().filter(|p| p.is_dir() && !hidden(p)) {
        let note_path = path.join(NOTE_FILE);
        let note = if note_path.is_file() {
            read_source(&note_path, diags)?
        } else {
            let d = Diagnostic::error(&path, (1, 1), format!("release folder without {NOTE_FILE}"));
            diags.push(
                d.with_help("`recpub release` writes release folders; do not make them by hand"),
            );
            None
        };
        let paths = walk.markdown_files(&path.join(RECOMMENDATIONS), diags)?;
        let recommendations = read_all(&paths, diags)?;
        let tables = read_all(&present(&path, &TABLES), diags)?;
        out.push(ReleaseFiles {
            folder: folder_name(&path),
            note,
            recommendations,
            tables,
            reports: read_released_reports(&walk, &path.join(REPORTS), diags)?,
        });
    }
    let draft_path = dir.join(DRAFT_FILE);
    let draft = if draft_path.is_file() {
        read_source(&draft_path, diags)?
    } else {
        None
    };
    Ok((out, draft))
}
