//! recpub: curated recommendations in `content/`, a cross-linked static website out.
//! The pipeline, one module per stage: `content` (load) → `model` (validate) → `graph`
//! (reverse indexes, URLs) → `render` (Tera, views) → `output` (link check, swap into place).

pub mod cli;
pub mod cmd;
pub mod content;
pub mod diag;
pub mod graph;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod output;
pub mod preview;
pub mod releases;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod synth;

use std::path::Path;

use diag::Diagnostics;
use model::Dataset;

/// Why loading a dataset failed: broken plumbing, or content with errors.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Io(#[from] anyhow::Error),
    #[error("{} error(s) in the content", .0.error_count())]
    Content(Diagnostics),
}

/// LOAD + VALIDATE: reads `content_dir` into a typed dataset.
pub fn load_dataset(content_dir: &Path) -> Result<Dataset, LoadError> {
    let (files, diags) = content::load_content(content_dir)?;
    model::validate(&files, diags).map_err(LoadError::Content)
}
