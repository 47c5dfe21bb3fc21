//! `new`: a folder path in; out, a minimal content folder written there (a report, its legend,
//! one section, two Parties, two recommendations, one page), whose comments teach the format
//! and which `check` accepts and `build` builds as it is. Only a new or empty folder is written
//! to, so no one's content is overwritten.

use std::fs;
use std::path::Path;

use anyhow::{Context, bail};

use crate::failure::Failure;

/// The files of a new content folder: path inside it, text. Kept as files beside this one, so
/// that they read (and are edited) as a maintainer's content does.
pub const FILES: [(&str, &str); 7] = [
    ("site.toml", include_str!("new/site.toml")),
    ("legend.toml", include_str!("new/legend.toml")),
    ("sections.toml", include_str!("new/sections.toml")),
    ("parties.toml", include_str!("new/parties.toml")),
    (
        "recommendations/I-1.md",
        include_str!("new/recommendations/I-1.md"),
    ),
    (
        "recommendations/I-2.md",
        include_str!("new/recommendations/I-2.md"),
    ),
    ("pages/about.md", include_str!("new/pages/about.md")),
];

/// Runs `new`: writes [`FILES`] into `dir`, which must be missing or empty.
pub fn run(dir: &Path) -> Result<(), Failure> {
    refuse_non_empty(dir)?;
    for (rel, text) in FILES {
        let path = dir.join(rel);
        let parent = path.parent().expect("a file in the folder");
        fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!(
        "wrote a new content folder to {}: check it with `recpub check --content {0}`",
        dir.display()
    );
    Ok(())
}

/// A folder that holds anything, or a path that is not a folder, is refused.
fn refuse_non_empty(dir: &Path) -> anyhow::Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        bail!(
            "refusing to write into {}: it is not a folder",
            dir.display()
        );
    }
    let mut entries =
        fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    if entries.next().is_some() {
        bail!(
            "refusing to write into {}: it is not empty; choose a new or empty folder",
            dir.display()
        );
    }
    Ok(())
}
