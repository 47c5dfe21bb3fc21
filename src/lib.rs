//! recpub: curated recommendations in `content/`, a cross-linked static website out.
//! The pipeline, one module per stage: `content` (load) → `model` (validate; the URL of every
//! page) → `graph` (reverse indexes) → `render` (Tera, views) → `output` (link check, swap into
//! place). Around it: `compact` (theme scripts and stylesheets
//! without comments), `project` (the folders a run reads and writes, resolved once), `inputs` (which files
//! of those folders a build reads: the loaders' list, which `serve` watches), `site`
//! (the stages run as one build), `failure` (why a run failed, its exit code) and `report`
//! (how failures and warnings read).
//!
//! The modules are layered (foundation leaves, content, model, derived data, output, render,
//! runs, front ends), each importing only lower ones. Which module is in which layer is
//! written once, in the table of ARCHITECTURE.md ("Layers"); `tests/layers.rs` reads it and
//! fails on an import up the table or on any import cycle between top-level modules.
//!
//! Public are only the modules the `recpub` binary (`cli`, `cmd`, `failure`, `report`) and the
//! integration tests and benchmarks (`model`, `graph`, `inputs`, `search`, `preview`, `project`,
//! `site`, `compact`) use; every other module is private, and `unreachable_pub` keeps its items `pub(crate)`, so
//! that `dead_code` sees what nothing uses.

#![warn(unreachable_pub)]

mod cache;
pub mod cli;
pub mod cmd;
pub mod compact;
mod content;
mod diag;
pub mod failure;
mod fx;
pub mod graph;
mod html_scan;
pub mod inputs;
mod markdown;
pub mod model;
mod offline;
mod os;
mod output;
pub mod preview;
pub mod project;
mod render;
pub mod report;
pub mod search;
mod serve;
pub mod site;
mod synth;
mod text;

use std::path::Path;

use failure::Failure;
use model::Dataset;

/// LOAD + VALIDATE: reads `content_dir` into a typed dataset; content errors come back as
/// [`Failure::Content`].
pub fn load_dataset(content_dir: &Path) -> Result<Dataset, Failure> {
    let (files, diags) = content::load_content(content_dir)?;
    model::validate(&files, diags).map_err(|d| Failure::content(content_dir, d))
}
