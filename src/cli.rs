//! Command-line arguments only: what each subcommand accepts.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Publishes human-rights recommendations as a cross-linked static website.
#[derive(Debug, Parser)]
#[command(name = "recpub", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the content; print every problem; exit 1 if there is any error.
    Check {
        /// The content folder.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}
