//! Entry point: parse arguments, run one subcommand, report its failure, choose the exit code
//! (`recpub::failure::Exit`).

use std::process::ExitCode;

use clap::Parser;
use recpub::cli::Cli;
use recpub::failure::Exit;
use recpub::{cmd, report};

// Rendering allocates many short strings on every thread; glibc's malloc spent a sixth of a
// build's instructions on them (docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cmd::run(&cli.command) {
        Ok(()) => Exit::Success.into(),
        Err(failure) => {
            report::print_failure(&failure);
            failure.exit().into()
        }
    }
}
