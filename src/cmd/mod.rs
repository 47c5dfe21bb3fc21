//! Subcommands: thin glue between the CLI and the pipeline stages, plus the one way content
//! errors are printed.

pub mod build;
pub mod check;
pub mod synth;

use std::io::Write;
use std::path::Path;

use crate::diag::Diagnostics;

/// Prints content diagnostics GNU style on stderr, then the count: `check` and `build` alike.
pub fn print_content_errors(diags: &Diagnostics, content: &Path) -> std::io::Result<()> {
    let mut err = std::io::stderr().lock();
    write!(err, "{diags}")?;
    writeln!(
        err,
        "error: {} error(s) in {}",
        diags.error_count(),
        content.display()
    )
}
