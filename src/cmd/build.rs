//! `build`: the project (content folder, theme, output and cache folders) in, the static site
//! in the output folder out; content errors are reported as `check` reports them and leave the
//! output untouched. A long build shows a progress bar on a terminal; every build ends with
//! one summary line, after its warnings.

use std::sync::Arc;
use std::time::Instant;

use super::progress::Bar;
use crate::failure::Failure;
use crate::project::Project;
use crate::report;
use crate::site::{self, Edition, Progress};

/// How `build` runs, beyond the project's folders.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// No progress bar (the summary line is still printed).
    pub quiet: bool,
    /// The offline edition, which works opened from a folder, instead of the site.
    pub offline: bool,
    /// No ZIP of the offline edition (nor its offer on the data page).
    pub no_zip: bool,
}

/// Runs `build`: content errors, broken links, template and I/O problems come back as the
/// [`Failure`] to report.
pub fn run(project: &Project, opts: &BuildOptions) -> Result<(), Failure> {
    project.check_out_outside_inputs()?;
    let started = Instant::now();
    let progress = Arc::new(Progress::default());
    let bar = Bar::start(progress.clone(), opts.quiet);
    let edition = match (opts.offline, opts.no_zip) {
        (true, _) => Edition::Offline,
        (false, true) => Edition::Online,
        (false, false) => Edition::OnlineWithZip,
    };
    let result = site::build_to_disk(project, edition, &progress);
    bar.finish();
    let built = result?;
    report::print_warnings(&built.warnings);
    println!(
        "built {} pages, {} files in {:.2}s into {}",
        built.pages,
        built.files,
        started.elapsed().as_secs_f64(),
        project.out.display()
    );
    Ok(())
}
