//! recpub: curated recommendations in `content/`, a cross-linked static website out.
//! The pipeline, one module per stage: `content` (load) → `model` (validate) → `graph`
//! (reverse indexes, URLs) → `render` (Tera, views) → `output` (link check, swap into place).
//! Around it: `project` (the folders a run reads and writes, resolved once), `inputs` (which
//! files of those folders a build reads: the loaders' list, which `serve` watches), `site` (the
//! stages run as one build), `failure` (why a run failed, its exit code) and `report` (how
//! failures and warnings read).
//!
//! Public are only the modules the `recpub` binary (`cli`, `cmd`, `failure`, `report`) and the
//! integration tests and benchmarks (`model`, `graph`, `inputs`, `search`, `preview`, `project`,
//! `site`)
//! use; every other module is private, and `unreachable_pub` keeps its items `pub(crate)`, so
//! that `dead_code` sees what nothing uses.

#![warn(unreachable_pub)]

pub mod cli;
pub mod cmd;
mod content;
mod diag;
pub mod failure;
pub mod graph;
pub mod inputs;
mod markdown;
pub mod model;
mod offline;
mod output;
pub mod preview;
pub mod project;
mod releases;
mod render;
pub mod report;
pub mod search;
mod serve;
pub mod site;
mod synth;

use std::path::Path;

use failure::Failure;
use model::Dataset;

/// LOAD + VALIDATE: reads `content_dir` into a typed dataset; content errors come back as
/// [`Failure::Content`].
pub fn load_dataset(content_dir: &Path) -> Result<Dataset, Failure> {
    let (files, diags) = content::load_content(content_dir)?;
    model::validate(&files, diags).map_err(|d| Failure::content(content_dir, d))
}
