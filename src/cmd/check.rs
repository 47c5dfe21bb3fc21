//! `check`: the project (content folder and theme) in, diagnostics on stderr and a summary on
//! stdout out. It runs every stage `build` runs (load, validate, render in memory, output
//! collisions, link check), writing nothing, so content that passes `check` builds.

use crate::failure::Failure;
use crate::project::Project;
use crate::site;

/// Runs `check`: content errors, broken links from the theme and plumbing errors come back as
/// the [`Failure`] to report.
pub fn run(project: &Project) -> Result<(), Failure> {
    let ds = site::check_site(project)?;
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
    Ok(())
}
