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
    crate::report::print_warnings(&ds.warnings);
    let designated = ds
        .recommendations
        .iter()
        .filter(|r| !r.addressees.lists.is_empty())
        .count();
    println!(
        "ok: {} in {}, {}, {} ({designated} with designated Parties)",
        counted(
            ds.recommendations.len(),
            "recommendation",
            "recommendations"
        ),
        counted(ds.sections.len(), "section", "sections"),
        counted(ds.parties.len(), "Party", "Parties"),
        counted(ds.pages.len(), "page", "pages"),
    );
    for further in &ds.further {
        println!(
            "ok: report {}: {} in {}",
            further.slug,
            counted(
                further.ds.recommendations.len(),
                "recommendation",
                "recommendations"
            ),
            counted(further.ds.sections.len(), "section", "sections"),
        );
    }
    Ok(())
}

/// `1 page`, `4 pages`.
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
