//! LOAD, further reports: `content/reports/<slug>/` folders (each a `report.toml`, its own
//! `legend.toml` and `sections.toml`, `recommendations/*.md` and `source/*.txt`) in, their files
//! as text out, sorted by folder name. Only read here; `crate::model::reports` checks the slug
//! and validates each report as a dataset of its own.

use std::path::{Path, PathBuf};

use super::walk::{Entry, Walk};
use super::{SourceFile, read_markdown_dir, read_source, read_text_dir};
use crate::diag::{Diagnostic, Diagnostics};
use crate::inputs::{RECOMMENDATIONS, REPORT_FILE, REPORT_TABLES, REPORTS, SOURCE};

/// One further report's folder as read.
#[derive(Debug, Clone)]
pub struct ReportFiles {
    /// The folder's name: the report's slug, as written (the model checks it).
    pub folder: String,
    /// The folder, as diagnostics show it.
    pub dir: PathBuf,
    /// `report.toml`, when readable.
    pub report: Option<SourceFile>,
    pub legend: Option<SourceFile>,
    pub sections: Option<SourceFile>,
    /// `recommendations/*.md`, sorted by path.
    pub recommendations: Vec<SourceFile>,
    /// `recommendations/*.md` that could not be decoded (already reported).
    pub unreadable_recommendations: Vec<PathBuf>,
    /// `source/*.txt`, sorted by path: the report's text.
    pub source: Vec<SourceFile>,
}

/// Every folder of `root/reports/`, sorted by name; a missing `report.toml`, `legend.toml` or
/// `sections.toml` is an error at the path it should have. Names starting with a dot are no
/// report (an editor's or a copy's scratch folder).
pub(super) fn read_reports(
    walk: &Walk,
    root: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<ReportFiles>> {
    let dir = root.join(REPORTS);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let folders = super::walk::sorted_entries(&dir)?;
    let mut out = Vec::new();
    for path in folders {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !path.is_dir() || name.starts_with('.') {
            continue;
        }
        out.push(read_report(walk, &path, name, diags)?);
    }
    Ok(out)
}

/// One report's folder.
fn read_report(
    walk: &Walk,
    dir: &Path,
    folder: String,
    diags: &mut Diagnostics,
) -> anyhow::Result<ReportFiles> {
    let [legend, sections] = REPORT_TABLES;
    let mut tables = [None, None, None];
    for (name, slot) in [REPORT_FILE, legend, sections].into_iter().zip(&mut tables) {
        let path = dir.join(name);
        match walk.table(&path, diags)? {
            Entry::File => *slot = read_source(&path, diags)?,
            Entry::Refused => {}
            Entry::Missing => diags.push(Diagnostic::error(
                &path,
                (1, 1),
                format!("missing file {name}: every report folder has one"),
            )),
        }
    }
    let [report, legend, sections] = tables;
    let (recommendations, unreadable) = read_markdown_dir(walk, &dir.join(RECOMMENDATIONS), diags)?;
    Ok(ReportFiles {
        folder,
        dir: dir.to_path_buf(),
        report,
        legend,
        sections,
        recommendations,
        unreadable_recommendations: unreadable,
        source: read_text_dir(walk, &dir.join(SOURCE), diags)?,
    })
}
