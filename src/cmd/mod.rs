//! Subcommands: thin glue between the CLI and the pipeline stages, plus the one way content
//! errors are printed.

pub mod build;
pub mod check;
mod progress;
pub mod release;
pub mod serve;
pub mod synth;

use std::io::Write;
use std::path::Path;

use crate::diag::Diagnostics;

/// Prints content diagnostics GNU style on stderr, then the count: `check` and `build` alike.
pub fn print_content_errors(diags: &Diagnostics, content: &Path) -> std::io::Result<()> {
    std::io::stderr()
        .lock()
        .write_all(content_errors_text(diags, content).as_bytes())
}

/// The text [`print_content_errors`] prints: `serve` also sends it to the browser's overlay.
pub fn content_errors_text(diags: &Diagnostics, content: &Path) -> String {
    format!(
        "{diags}error: {} error(s) in {}\n",
        diags.error_count(),
        content.display()
    )
}
