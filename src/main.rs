//! Entry point: parse arguments, run one subcommand, report its failure, choose the exit code
//! (`recpub::failure::Exit`).

use std::process::ExitCode;

use clap::Parser;
use recpub::cli::Cli;
use recpub::failure::Exit;
use recpub::{cmd, report};

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
