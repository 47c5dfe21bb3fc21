//! `release` for a site's further reports: the content's `reports/<slug>/` folders and the
//! releases in; out, each report's history as the releases recorded it, the errors of a note
//! that does not name a further report's changed recommendation, and each report's snapshot
//! (its recommendations and tables under `reports/<slug>/` of the release's folder).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::{copied, copy};
use crate::content::releases::ReleasedReport;
use crate::content::reports::ReportFiles;
use crate::content::{ContentFiles, SourceFile};
use crate::diag::Diagnostics;
use crate::inputs::{RECOMMENDATIONS, REPORTS};
use crate::model::releases::{self, History};
use crate::model::reports::report_files;

/// Each further report's folder name and its history: the releases that hold it, as they
/// recorded it (their notes' errors are the site's, reported with the first report's).
pub(super) fn histories(files: &ContentFiles) -> Vec<(String, History)> {
    (files.reports.iter())
        .map(|rf| {
            let mine = report_files(files, rf);
            let history = releases::read_history(&mine, &mut Diagnostics::default());
            (rf.folder.clone(), history)
        })
        .collect()
}

/// The note names every recommendation of a further report that changed since the last
/// release holding the report (`further`: each report's folder and history); a report no
/// release holds yet starts its history with this one, as the first release starts the site's.
pub(super) fn check_further(
    further: &[(String, History)],
    working: &ContentFiles,
    note: &SourceFile,
    diags: &mut Diagnostics,
) {
    for (folder, history) in further {
        let (Some(last), Some(rf)) = (
            history.last(),
            working.reports.iter().find(|r| &r.folder == folder),
        ) else {
            continue;
        };
        let mine = report_files(working, rf);
        super::check_named(note, last, &mine, Some(folder.as_str()), diags);
    }
}

/// Copies each further report's recommendations and tables into `reports/<slug>/` of the
/// snapshot being written at `tmp`.
pub(super) fn write_snapshots(files: &ContentFiles, tmp: &Path) -> Result<()> {
    for rf in &files.reports {
        let dir = tmp.join(REPORTS).join(&rf.folder);
        let recs = dir.join(RECOMMENDATIONS);
        fs::create_dir_all(&recs).with_context(|| format!("creating {}", recs.display()))?;
        let name = |f: &SourceFile| f.path.file_name().unwrap_or_default().to_owned();
        for f in &rf.recommendations {
            copy(&f.path, &recs.join(name(f)))?;
        }
        for f in report_tables(rf) {
            copy(&f.path, &dir.join(name(f)))?;
        }
    }
    Ok(())
}

/// The further reports as the release being checked will record them, in its folder `folder`.
pub(super) fn as_released(files: &ContentFiles, folder: &Path) -> Vec<ReleasedReport> {
    (files.reports.iter())
        .map(|rf| {
            let dir = folder.join(REPORTS).join(&rf.folder);
            ReleasedReport {
                folder: rf.folder.clone(),
                recommendations: (rf.recommendations.iter())
                    .map(|f| copied(f, &dir.join(RECOMMENDATIONS)))
                    .collect(),
                tables: report_tables(rf).map(|f| copied(f, &dir)).collect(),
            }
        })
        .collect()
}

/// A further report's tables a release records: its legend and sections.
fn report_tables(rf: &ReportFiles) -> impl Iterator<Item = &SourceFile> {
    [&rf.legend, &rf.sections].into_iter().flatten()
}
