//! The in-memory site build shared by `build` and `serve`: content folder, theme folder and base
//! URL in, every output file (path → bytes) out, with the link check passed. Nothing is written
//! to disk here; `build` writes the files, `serve` serves them from memory.

use std::path::{Path, PathBuf};

use anyhow::bail;

use crate::diag::Diagnostics;
use crate::graph::{SiteGraph, Urls};
use crate::output::{self, BrokenLink, SiteFiles};
use crate::{LoadError, render};

/// Why an in-memory build produced no site.
#[derive(Debug)]
pub enum BuildFailure {
    /// The content has errors, each located at `file:line:col`.
    Content(Diagnostics),
    /// The rendered pages link to pages, files or anchors that do not exist.
    BrokenLinks(Vec<BrokenLink>),
    /// Plumbing: I/O, the base URL, the theme, a template.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for BuildFailure {
    fn from(e: anyhow::Error) -> Self {
        BuildFailure::Other(e)
    }
}

/// LOAD → VALIDATE → GRAPH → RENDER → LINK CHECK, all in memory.
pub fn build_in_memory(
    content: &Path,
    theme_dir: &Path,
    base_url: &str,
) -> Result<SiteFiles, BuildFailure> {
    let urls = Urls::parse(base_url)?;
    let ds = match crate::load_dataset(content) {
        Ok(ds) => ds,
        Err(LoadError::Content(diags)) => return Err(BuildFailure::Content(diags)),
        Err(LoadError::Io(e)) => return Err(BuildFailure::Other(e)),
    };
    let theme = render::load_theme(theme_dir)?;
    let graph = SiteGraph::build(&ds, urls);
    let files = render::render_site(&graph, &theme)?;
    let broken = output::check_links(&files, &graph.urls);
    if !broken.is_empty() {
        return Err(BuildFailure::BrokenLinks(broken));
    }
    Ok(files)
}

/// The folder of the theme called `name`: `themes/<name>`, relative to the working directory.
/// Only a plain folder name is accepted, so a theme name cannot point elsewhere.
pub fn theme_dir(name: &str) -> anyhow::Result<PathBuf> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!("theme {name:?}: a theme is named by its folder under themes/");
    }
    Ok(Path::new("themes").join(name))
}

/// One line per broken link, naming the page it is on: `error: broken link in …`.
pub fn broken_link_lines(broken: &[BrokenLink]) -> String {
    broken
        .iter()
        .map(|b| {
            format!(
                "error: broken link in {}: {} ({})\n",
                b.page, b.link, b.reason
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_plain_folder_names() {
        assert_eq!(theme_dir("default").unwrap(), Path::new("themes/default"));
        for bad in ["", "../x", "a/b", "a\\b", "."] {
            assert!(theme_dir(bad).is_err(), "{bad:?} accepted");
        }
    }
}
