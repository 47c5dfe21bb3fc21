//! `serve`: the content folder and a theme in, a local preview server out that rebuilds on
//! every change; see `crate::serve`.

use anyhow::Result;

pub use crate::serve::ServeOptions;

/// Runs `serve` until the process is stopped; `Err` (exit 2) when it cannot start.
pub fn run(opts: &ServeOptions) -> Result<i32> {
    crate::serve::serve(opts)?;
    Ok(0)
}
