//! Entry point: parse arguments, run one subcommand, print plumbing errors with their causes,
//! choose the exit code.

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use recpub::cli::{Cli, Command};
use recpub::cmd;
use recpub::diag::visible;

// Rendering allocates many short strings on every thread; glibc's malloc spent a sixth of a
// build's instructions on them (docs/performance.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Check { content, theme } => cmd::check::run(content, theme),
        Command::Build {
            content,
            out,
            base_url,
            theme,
            cache_dir,
            quiet,
            offline,
            no_zip,
        } => cmd::build::run(&cmd::build::BuildOptions {
            content,
            out,
            base_url: base_url.as_deref(),
            theme,
            cache_dir,
            quiet: *quiet,
            offline: *offline,
            no_zip: *no_zip,
        }),
        Command::Serve {
            content,
            theme,
            port,
            bind,
            poll,
            header_timeout,
            idle_timeout,
            max_connections,
        } => cmd::serve::run(&cmd::serve::ServeOptions {
            content,
            theme,
            bind: *bind,
            port: *port,
            poll: *poll,
            header_timeout: Duration::from_secs(*header_timeout),
            idle_timeout: Duration::from_secs(*idle_timeout),
            max_connections: max_connections.map(|n| n as usize),
        }),
        Command::Release {
            version,
            note,
            date,
            content,
        } => cmd::release::run(&cmd::release::ReleaseOptions {
            content,
            version,
            note,
            date: date.as_deref(),
        }),
        Command::Synth {
            content,
            out,
            scale,
            seed,
        } => cmd::synth::run(&cmd::synth::SynthOptions {
            content,
            out,
            scale: *scale,
            seed: *seed,
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            // Paths and names in the message are the user's: shown, never obeyed.
            eprintln!("error: {}", visible(&e.to_string()));
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {}", visible(&cause.to_string()));
            }
            ExitCode::from(2)
        }
    }
}
