//! LOAD: walks a content folder (sorted) and reads every file as text, keeping its path, so the
//! later stages can point at `path:line:col`. Decoding problems become diagnostics here. Which
//! files it reads is `crate::inputs`' list, the one `serve` watches.

pub(crate) mod chars;
mod frontmatter;
mod parse;
pub(crate) mod raw;
pub(crate) mod releases;
pub(crate) mod reports;
mod walk;

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::diag::{Diagnostic, Diagnostics, LineIndex};
use crate::inputs::{self, PAGES, RECOMMENDATIONS, SITE, SOURCE, TABLES, THESAURUS};
pub(crate) use frontmatter::split_front_matter;
pub(crate) use parse::parse_toml;
use walk::Entry;

/// One content file, decoded: the UTF-8 BOM removed, line endings left as they are (offsets must
/// match the file an editor shows).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown in diagnostics: relative to the working directory when given so.
    pub path: PathBuf,
    pub text: String,
}

impl SourceFile {
    /// Line and column of a byte offset in this file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        crate::diag::line_col(&self.text, offset)
    }

    /// An error at a byte offset of this file.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, self.line_col(offset), message)
    }
}

/// Everything read from a content folder, before any parsing.
#[derive(Debug, Default)]
pub struct ContentFiles {
    pub site: Option<SourceFile>,
    pub legend: Option<SourceFile>,
    pub sections: Option<SourceFile>,
    pub parties: Option<SourceFile>,
    /// `recommendations/*.md`, sorted by path.
    pub recommendations: Vec<SourceFile>,
    /// `recommendations/*.md` that could not be decoded (already reported): their names still
    /// count for the numbering checks.
    pub unreadable_recommendations: Vec<PathBuf>,
    /// `pages/*.md`, sorted by path.
    pub pages: Vec<SourceFile>,
    /// `thesaurus.toml`, when there is one (search only).
    pub thesaurus: Option<SourceFile>,
    /// `releases/<version>/`, sorted by folder name.
    pub releases: Vec<releases::ReleaseFiles>,
    /// `releases/next.md`: the draft note of the next release.
    pub draft_note: Option<SourceFile>,
    /// `source/*.txt`, sorted by path: the report's text, which the recommendations must
    /// match (none: they are not compared).
    pub source: Vec<SourceFile>,
    /// A further report's `report.toml`, whose facts stand for `site.toml`'s `[report]`: set
    /// only in the files of a further report (`crate::model::reports`), never by the loader.
    pub report: Option<SourceFile>,
    /// `reports/<slug>/`, sorted by folder name: the site's further reports (none: the site
    /// holds one report, the content folder's own).
    pub reports: Vec<reports::ReportFiles>,
}

/// The largest content file read, in bytes: the largest recommendation is about 5 KB, and a
/// file a hundred times larger is a mistake (a pasted document) that would multiply into
/// every listing of the site.
pub(crate) const MAX_FILE_BYTES: u64 = 256 * 1024;

/// Reads the content folder. I/O failures are plumbing errors (`Err`); undecodable, empty or
/// oversized files, folders where files belong and links leading out of the folder are content
/// errors, collected in the returned diagnostics.
pub(crate) fn load_content(root: &Path) -> anyhow::Result<(ContentFiles, Diagnostics)> {
    if !root.exists() {
        anyhow::bail!("content folder {} does not exist", root.display());
    }
    if !root.is_dir() {
        anyhow::bail!(
            "content folder {} is a file, not a folder (--content names the folder that holds site.toml)",
            root.display()
        );
    }
    let walk = walk::Walk::new(root)?;
    let mut files = ContentFiles::default();
    let mut diags = Diagnostics::default();
    // The tables, by the names `crate::inputs` gives them (legend, sections, Parties).
    let [legend, sections, parties] = TABLES;
    for (name, slot) in [
        (SITE, &mut files.site),
        (legend, &mut files.legend),
        (sections, &mut files.sections),
        (parties, &mut files.parties),
    ] {
        let path = root.join(name);
        match walk.table(&path, &mut diags)? {
            Entry::File => *slot = read_source(&path, &mut diags)?,
            Entry::Refused => {}
            Entry::Missing => diags.push(Diagnostic::error(
                &path,
                (1, 1),
                format!("missing file {name}"),
            )),
        }
    }
    let (recs, unreadable) = read_markdown_dir(&walk, &root.join(RECOMMENDATIONS), &mut diags)?;
    files.recommendations = recs;
    files.unreadable_recommendations = unreadable;
    files.pages = read_markdown_dir(&walk, &root.join(PAGES), &mut diags)?.0;
    let thesaurus = root.join(THESAURUS);
    match walk.table(&thesaurus, &mut diags)? {
        Entry::File => files.thesaurus = read_source(&thesaurus, &mut diags)?,
        // Optional: no thesaurus, no expansion.
        Entry::Refused | Entry::Missing => {}
    }
    (files.releases, files.draft_note) = releases::read_releases(root, &mut diags)?;
    files.source = read_text_dir(&walk, &root.join(SOURCE), &mut diags)?;
    files.reports = reports::read_reports(&walk, root, &mut diags)?;
    Ok((files, diags))
}

/// All `*.md` files under `dir`, sorted by path (other files, such as editor backups, are
/// ignored); and the paths of those that could not be read or decoded.
fn read_markdown_dir(
    walk: &walk::Walk,
    dir: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<(Vec<SourceFile>, Vec<PathBuf>)> {
    let (mut out, mut unreadable) = (Vec::new(), Vec::new());
    for path in walk.markdown_files(dir, diags)? {
        match read_source(&path, diags)? {
            Some(file) => out.push(file),
            None => unreadable.push(path),
        }
    }
    Ok((out, unreadable))
}

/// The `*.txt` files directly in `dir`, sorted by name, each by the rule for a table file
/// (links inside the content folder followed); other files (such as a README) are not read. A
/// missing `dir` has none.
fn read_text_dir(
    walk: &walk::Walk,
    dir: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<Vec<SourceFile>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| inputs::is_source_text(p))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    for path in paths {
        if let Entry::File = walk.table(&path, diags)? {
            out.extend(read_source(&path, diags)?);
        }
    }
    Ok(out)
}

/// Reads one file; a file over [`MAX_FILE_BYTES`], invalid UTF-8, control characters,
/// noncharacters and empty files are diagnostics, not failures.
pub(crate) fn read_source(
    path: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<SourceFile>> {
    let size = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}", path.display()))?
        .len();
    if size > MAX_FILE_BYTES {
        diags.push(Diagnostic::error(
            path,
            (1, 1),
            format!("file is {size} bytes, over the limit of {MAX_FILE_BYTES} bytes (256 KiB)"),
        ));
        return Ok(None);
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match decode(path, bytes) {
        Ok(file) => Ok(Some(file)),
        Err(d) => {
            diags.push(*d);
            Ok(None)
        }
    }
}

/// Decodes file bytes: strips a UTF-8 BOM, rejects invalid UTF-8, control characters other
/// than tabs and line breaks and noncharacters (each at its line and column) and files with
/// nothing but white space.
pub(crate) fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<SourceFile, Box<Diagnostic>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
        let at = LineIndex::new(prefix).line_col(valid);
        Box::new(Diagnostic::error(path, at, "file is not valid UTF-8"))
    })?;
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| chars::is_refused(c) && !matches!(c, '\t' | '\n' | '\r'))
    {
        let at = LineIndex::new(&text).line_col(at);
        let message = format!("{} is not allowed", chars::describe(c));
        return Err(Box::new(
            Diagnostic::error(path, at, message).with_help(chars::help(c)),
        ));
    }
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::error(path, (1, 1), "file is empty")));
    }
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}
