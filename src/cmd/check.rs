//! `check`: content folder in, diagnostics on stderr and a summary on stdout out.

use std::path::Path;

use crate::LoadError;

/// Runs `check`; returns the process exit code (0 clean, 1 content errors). Plumbing errors
/// come back as `Err` for `main` to print with their causes.
pub fn run(content: &Path) -> anyhow::Result<i32> {
    match crate::load_dataset(content) {
        Ok(ds) => {
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
        Err(LoadError::Content(diags)) => {
            super::print_content_errors(&diags, content)?;
            Ok(1)
        }
        Err(LoadError::Io(e)) => Err(e),
    }
}
