//! `build`: content folder and theme in, the static site in the output folder out; content
//! errors are printed as `check` prints them and leave the output untouched. A long build
//! shows a progress bar on a terminal; every build ends with one summary line.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Result, bail};

use super::progress::Bar;
use crate::site::{self, BuildFailure, Edition, Progress};

/// What `build` needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    /// `None`: the content's `base_url`, or `/`.
    pub base_url: Option<&'a str>,
    pub theme: &'a str,
    /// The cache folder (preview images).
    pub cache_dir: &'a Path,
    /// No progress bar (the summary line is still printed).
    pub quiet: bool,
    /// The offline edition, which works opened from a folder, instead of the site.
    pub offline: bool,
    /// No ZIP of the offline edition (nor its offer on the data page).
    pub no_zip: bool,
}

/// Printed once by a build whose addresses are relative: a citation or a sitemap needs the
/// publication's full address, which only `base_url` or `--base-url` can give.
pub const NOT_ABSOLUTE_WARNING: &str = "warning: no absolute base URL (`base_url` in site.toml, or --base-url https://…): citations and data carry relative addresses, and no sitemap is written";

/// Runs `build`; returns the exit code (0 built, 1 content errors). Broken links, template and
/// I/O problems come back as `Err`.
pub fn run(opts: &BuildOptions) -> Result<i32> {
    let started = Instant::now();
    let theme_dir = site::theme_dir(opts.theme)?;
    let progress = Arc::new(Progress::default());
    let bar = Bar::start(progress.clone(), opts.quiet);
    let edition = match (opts.offline, opts.no_zip) {
        (true, _) => Edition::Offline,
        (false, true) => Edition::Online,
        (false, false) => Edition::OnlineWithZip,
    };
    let site = (opts.base_url, edition);
    let cache = site::previews_cache(opts.cache_dir);
    let result = site::build_to_disk(opts.content, &theme_dir, site, opts.out, &progress, cache);
    bar.finish();
    let built = match result {
        Ok(built) => built,
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
    if !built.absolute {
        eprintln!("{NOT_ABSOLUTE_WARNING}");
    }
    println!(
        "built {} pages, {} files in {:.2}s into {}",
        built.pages,
        built.files,
        started.elapsed().as_secs_f64(),
        opts.out.display()
    );
    Ok(0)
}
