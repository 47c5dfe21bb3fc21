//! LOAD: walks a content folder (sorted) and reads every file as text, keeping its path, so the
//! later stages can point at `path:line:col`. Decoding problems become diagnostics here.

mod frontmatter;
pub mod raw;

use std::path::{Path, PathBuf};

use anyhow::Context;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics, LineIndex};
pub use frontmatter::{FrontMatter, split_front_matter};

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
        LineIndex::new(&self.text).line_col(offset)
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
}

/// Reads the content folder. I/O failures are plumbing errors (`Err`); undecodable or empty
/// files are content errors, collected in the returned diagnostics.
pub fn load_content(root: &Path) -> anyhow::Result<(ContentFiles, Diagnostics)> {
    if !root.is_dir() {
        anyhow::bail!("content folder {} does not exist", root.display());
    }
    let mut files = ContentFiles::default();
    let mut diags = Diagnostics::default();
    for (name, slot) in [
        ("site.toml", &mut files.site),
        ("legend.toml", &mut files.legend),
        ("sections.toml", &mut files.sections),
        ("parties.toml", &mut files.parties),
    ] {
        let path = root.join(name);
        if path.is_file() {
            *slot = read_source(&path, &mut diags)?;
        } else {
            diags.push(Diagnostic::error(
                &path,
                (1, 1),
                format!("missing file {name}"),
            ));
        }
    }
    let (recs, unreadable) = read_markdown_dir(&root.join("recommendations"), &mut diags)?;
    files.recommendations = recs;
    files.unreadable_recommendations = unreadable;
    files.pages = read_markdown_dir(&root.join("pages"), &mut diags)?.0;
    let thesaurus = root.join("thesaurus.toml");
    if thesaurus.is_file() {
        files.thesaurus = read_source(&thesaurus, &mut diags)?;
    }
    Ok((files, diags))
}

/// All `*.md` files under `dir`, sorted by path (other files, such as editor backups, are
/// ignored); and the paths of those that could not be decoded.
fn read_markdown_dir(
    dir: &Path,
    diags: &mut Diagnostics,
) -> anyhow::Result<(Vec<SourceFile>, Vec<PathBuf>)> {
    let (mut out, mut unreadable) = (Vec::new(), Vec::new());
    if !dir.is_dir() {
        return Ok((out, unreadable));
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot walk {}", dir.display()))?;
        let is_md = entry.path().extension().is_some_and(|e| e == "md");
        if entry.file_type().is_file() && is_md {
            match read_source(entry.path(), diags)? {
                Some(file) => out.push(file),
                None => unreadable.push(entry.path().to_path_buf()),
            }
        }
    }
    Ok((out, unreadable))
}

/// Reads one file; invalid UTF-8 and empty files are diagnostics, not failures.
pub fn read_source(path: &Path, diags: &mut Diagnostics) -> anyhow::Result<Option<SourceFile>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match decode(path, bytes) {
        Ok(file) => Ok(Some(file)),
        Err(d) => {
            diags.push(*d);
            Ok(None)
        }
    }
}

/// Decodes file bytes: strips a UTF-8 BOM, rejects invalid UTF-8 (at its line and column) and
/// files with nothing but white space.
pub fn decode(path: &Path, mut bytes: Vec<u8>) -> Result<SourceFile, Box<Diagnostic>> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = std::str::from_utf8(&e.as_bytes()[..valid]).unwrap_or_default();
        let at = LineIndex::new(prefix).line_col(valid);
        Box::new(Diagnostic::error(path, at, "file is not valid UTF-8"))
    })?;
    if text.trim().is_empty() {
        return Err(Box::new(Diagnostic::error(path, (1, 1), "file is empty")));
    }
    Ok(SourceFile {
        path: path.to_path_buf(),
        text,
    })
}
