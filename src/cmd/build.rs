//! `build`: content folder and theme in, the static site in the output folder out; content
//! errors are printed as `check` prints them and leave the output untouched.

use std::path::Path;
use std::time::Instant;

use anyhow::{Result, bail};

use crate::graph::{SiteGraph, Urls};
use crate::{LoadError, output, render};

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
    let urls = Urls::parse(opts.base_url)?;
    let ds = match crate::load_dataset(opts.content) {
        Ok(ds) => ds,
        Err(LoadError::Content(diags)) => {
            super::print_content_errors(&diags, opts.content)?;
            return Ok(1);
        }
        Err(LoadError::Io(e)) => return Err(e),
    };
    let theme_ok = !opts.theme.is_empty()
        && opts
            .theme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !theme_ok {
        bail!(
            "theme {:?}: a theme is named by its folder under themes/",
            opts.theme
        );
    }
    let theme = render::load_theme(&Path::new("themes").join(opts.theme))?;
    let graph = SiteGraph::build(&ds, urls);
    let files = render::render_site(&graph, &theme)?;
    let broken = output::check_links(&files, &graph.urls);
    if !broken.is_empty() {
        for b in &broken {
            eprintln!(
                "error: broken link in {}: {} ({})",
                b.page, b.link, b.reason
            );
        }
        bail!("{} broken link(s); nothing was written", broken.len());
    }
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
