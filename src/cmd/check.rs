//! `check`: content folder and theme in, diagnostics on stderr and a summary on stdout out.
//! It runs every stage `build` runs (load, validate, render in memory, output collisions,
//! link check), writing nothing, so content that passes `check` builds.

use std::path::Path;

use anyhow::bail;

use crate::site::{self, BuildFailure};

/// Runs `check`; returns the process exit code (0 clean, 1 content errors). Broken links from
/// the theme and plumbing errors come back as `Err` for `main` to print with their causes.
pub fn run(content: &Path, theme: &str) -> anyhow::Result<i32> {
    let theme_dir = site::theme_dir(theme)?;
    let ds = match site::check_site(content, &theme_dir) {
        Ok(ds) => ds,
        Err(BuildFailure::Content(diags)) => {
            super::print_content_errors(&diags, content)?;
            return Ok(1);
        }
        Err(BuildFailure::BrokenLinks(broken)) => {
            eprint!("{}", site::broken_link_lines(&broken));
            bail!("{} broken link(s)", broken.len());
        }
        Err(BuildFailure::Other(e)) => return Err(e),
    };
    let designated = ds
        .recommendations
        .iter()
        .filter(|r| !r.addressees.lists.is_empty())
        .count();
    println!(
        "ok: {} recommendations in {} sections, {} Parties, {} pages ({} with designated Parties)",
        ds.recommendations.len(),
        ds.sections.len(),
        ds.parties.len(),
        ds.pages.len(),
        designated
    );
    Ok(0)
}
