//! Subcommands: thin glue between the CLI and the pipeline stages.

pub mod check;
