//! `build`: content folder and theme in, the static site in the output folder out; content
//! errors are printed as `check` prints them and leave the output untouched.

use std::path::Path;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::output;
use crate::site::{self, BuildFailure};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    pub base_url: &'a str,
    pub theme: &'a str,
}

/// Runs `build`; returns the exit code (0 built, 1 content errors). Broken links, template and
/// I/O problems come back as `Err`.
pub fn run(opts: &BuildOptions) -> Result<i32> {
    let started = Instant::now();
    let theme_dir = site::theme_dir(opts.theme)?;
    let files = match site::build_in_memory(opts.content, &theme_dir, opts.base_url) {
        Ok(files) => files,
        Err(BuildFailure::Content(diags)) => {
            super::print_content_errors(&diags, opts.content)?;
            return Ok(1);
        }
        Err(BuildFailure::BrokenLinks(broken)) => {
            eprint!("{}", site::broken_link_lines(&broken));
            bail!("{} broken link(s); nothing was written", broken.len());
        }
        Err(BuildFailure::Other(e)) => return Err(e),
    };
    output::write_site(&files, opts.out)?;
    let pages = files.keys().filter(|p| p.ends_with(".html")).count();
    println!(
        "built {pages} pages, {} files in {:.2}s into {}",
        files.len() + 1,
        started.elapsed().as_secs_f64(),
        opts.out.display()
    );
    Ok(0)
}
