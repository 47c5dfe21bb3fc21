//! `serve`: the project (content folder, theme, the output folder to leave alone) in, a local
//! preview server out that rebuilds on every change; see `crate::serve`.

use crate::failure::Failure;

pub use crate::serve::ServeOptions;

/// Runs `serve` until the process is stopped; a [`Failure`] when it cannot start.
pub fn run(opts: &ServeOptions) -> Result<(), Failure> {
    crate::serve::serve(opts)?;
    Ok(())
}
