//! Which paths of a content folder the loader reads: a content folder in, the table files and
//! the sorted `*.md` files of a folder out. The rule for links: a symbolic link is followed
//! when its target (resolved fully) is inside the content folder, and refused with an error
//! otherwise, as is a link that leads nowhere; a folder where a file belongs (`II-9.md/`,
//! `site.toml/`) is an error too. Nothing the rule refuses is skipped silently. Editors' scratch
//! files ([`crate::inputs::is_editor_scratch`]: swap files, backups, Emacs' lock links) are not
//! content: the walk never looks at them, and `serve`'s watcher ignores them by the same rule.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use walkdir::WalkDir;

use crate::diag::{Diagnostic, Diagnostics};
use crate::inputs::{is_markdown, is_scratch_path};

/// What stands at a path where a file is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entry {
    /// Nothing.
    Missing,
    /// Something the rule refuses (already reported).
    Refused,
    /// A file (or a link to one inside the content folder) to read.
    File,
}

/// The content folder, resolved once, so that link targets can be compared with it.
pub(super) struct Walk {
    root: PathBuf,
}

impl Walk {
    /// Resolves the content folder (itself possibly reached through a link).
    pub(super) fn new(root: &Path) -> anyhow::Result<Walk> {
        let root =
            fs::canonicalize(root).with_context(|| format!("cannot read {}", root.display()))?;
        Ok(Walk { root })
    }

    /// What is at `path`, a table file such as `site.toml`.
    pub(super) fn table(&self, path: &Path, diags: &mut Diagnostics) -> anyhow::Result<Entry> {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return Ok(Entry::Missing);
        };
        if meta.file_type().is_symlink() && !self.link_ok(path, diags) {
            return Ok(Entry::Refused);
        }
        if path.is_dir() {
            diags.push(not_a_file(path));
            return Ok(Entry::Refused);
        }
        Ok(Entry::File)
    }

    /// Every `*.md` file under `dir`, sorted by path, links followed by the rule; other files
    /// (editor backups, notes) are not read. A missing `dir` has none.
    pub(super) fn markdown_files(
        &self,
        dir: &Path,
        diags: &mut Diagnostics,
    ) -> anyhow::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let Ok(meta) = fs::symlink_metadata(dir) else {
            return Ok(out);
        };
        if (meta.file_type().is_symlink() && !self.link_ok(dir, diags)) || !dir.is_dir() {
            return Ok(out);
        }
        // A scratch entry is never followed (Emacs' `.#II-1.md` is a link to nowhere while a
        // buffer has unsaved changes) nor entered (`.git`).
        let mut entries = WalkDir::new(dir)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_scratch_path(e.path()));
        while let Some(entry) = entries.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    self.walk_error(e, dir, diags)?;
                    continue;
                }
            };
            let path = entry.path();
            let is_dir = entry.file_type().is_dir();
            if entry.path_is_symlink() && entry.depth() > 0 && !self.link_ok(path, diags) {
                if is_dir {
                    entries.skip_current_dir();
                }
                continue;
            }
            let is_md = is_markdown(path);
            if is_md && is_dir {
                diags.push(not_a_file(path));
                entries.skip_current_dir();
            } else if is_md && entry.file_type().is_file() {
                out.push(path.to_path_buf());
            }
        }
        Ok(out)
    }

    /// Whether the link at `path` leads inside the content folder; reports it if not.
    fn link_ok(&self, path: &Path, diags: &mut Diagnostics) -> bool {
        let message = match fs::canonicalize(path) {
            Ok(target) if target.starts_with(&self.root) => return true,
            Ok(_) => "symbolic link to a target outside the content folder",
            Err(_) => "symbolic link to a target that does not exist",
        };
        diags.push(Diagnostic::error(path, (1, 1), message).with_help(LINK_HELP));
        false
    }

    /// A link that leads nowhere or round in a loop is the content's fault; anything else
    /// (permissions, I/O) is plumbing.
    fn walk_error(
        &self,
        e: walkdir::Error,
        dir: &Path,
        diags: &mut Diagnostics,
    ) -> anyhow::Result<()> {
        let Some(path) = e.path().map(Path::to_path_buf) else {
            return Err(e).with_context(|| format!("cannot walk {}", dir.display()));
        };
        // Following a link fails before `filter_entry` sees it.
        if is_scratch_path(&path) {
            return Ok(());
        }
        if e.loop_ancestor().is_some() {
            let d = Diagnostic::error(&path, (1, 1), "symbolic link to a folder that contains it");
            diags.push(d.with_help(LINK_HELP));
            return Ok(());
        }
        let dangling = fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if dangling {
            self.link_ok(&path, diags);
            return Ok(());
        }
        Err(e).with_context(|| format!("cannot walk {}", dir.display()))
    }
}

const LINK_HELP: &str = "links are followed only to files and folders inside the content folder; copy the file in instead";

fn not_a_file(path: &Path) -> Diagnostic {
    Diagnostic::error(path, (1, 1), "a folder where a file belongs")
        .with_help("only files named like this are read; rename or remove the folder")
}

/// The entries of folder `dir`, sorted by path: the folders of releases or of further
/// reports, which their readers then filter by their own rule.
pub(super) fn sorted_entries(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("cannot read {}", dir.display()))?;
    entries.sort();
    Ok(entries)
}
