//! recpub: curated recommendations in `content/`, a cross-linked static website out.
//! The pipeline, one module per stage: `content` (load) → `model` (validate) → `graph`
//! (reverse indexes, URLs) → `render` (Tera, views) → `output` (link check, swap into place).
//! Around it: `project` (the folders a run reads and writes, resolved once), `site` (the
//! stages run as one build), `failure` (why a run failed, its exit code) and `report` (how
//! failures and warnings read).

pub mod cli;
pub mod cmd;
pub mod content;
pub mod diag;
pub mod failure;
pub mod graph;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod output;
pub mod preview;
pub mod project;
pub mod releases;
pub mod render;
pub mod report;
pub mod search;
pub mod serve;
pub mod site;
pub mod synth;

use std::path::Path;

use failure::Failure;
use model::Dataset;

/// LOAD + VALIDATE: reads `content_dir` into a typed dataset; content errors come back as
/// [`Failure::Content`].
pub fn load_dataset(content_dir: &Path) -> Result<Dataset, Failure> {
    let (files, diags) = content::load_content(content_dir)?;
    model::validate(&files, diags).map_err(|d| Failure::content(content_dir, d))
}
