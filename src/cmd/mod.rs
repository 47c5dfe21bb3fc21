//! Subcommands: the parsed command line in, one run out (`Ok` or the [`Failure`] `main`
//! reports). Each command starts from a [`Project`] resolved here, once; the glue between the
//! CLI and the pipeline stages, no more.

pub mod build;
pub mod check;
pub mod new;
mod progress;
pub mod release;
pub mod serve;
pub mod synth;

use std::time::Duration;

use crate::cli::{BuildArgs, Command, ProjectArgs, ServeArgs};
use crate::failure::Failure;
use crate::project::{Given, Project};

/// Runs one subcommand.
pub fn run(command: &Command) -> Result<(), Failure> {
    match command {
        Command::Check { project, theme } => {
            check::run(&resolve(project, theme, Given::default())?)
        }
        Command::Build(args) => run_build(args),
        Command::Serve(args) => run_serve(args),
        Command::Release {
            version,
            note,
            date,
            project,
        } => release::run(&release::ReleaseOptions {
            project: &resolve(project, "default", Given::default())?,
            version,
            note,
            date: date.as_deref(),
        }),
        Command::New { dir } => new::run(dir),
        Command::Synth {
            content,
            out,
            scale,
            seed,
        } => synth::run(&synth::SynthOptions {
            content,
            out,
            scale: *scale,
            seed: *seed,
        }),
    }
}

/// `build`: the project with its output and cache folders and base URL, then the build.
fn run_build(args: &BuildArgs) -> Result<(), Failure> {
    let BuildArgs {
        project,
        out,
        base_url,
        theme,
        cache_dir,
        quiet,
        offline,
        no_zip,
    } = args;
    let more = Given {
        out: out.as_deref(),
        cache: cache_dir.as_deref(),
        base_url: base_url.as_deref(),
        ..Given::default()
    };
    let opts = build::BuildOptions {
        quiet: *quiet,
        offline: *offline,
        no_zip: *no_zip,
    };
    build::run(&resolve(project, theme, more)?, &opts)
}

/// `serve`: the project with the output folder to leave alone, then the server.
fn run_serve(args: &ServeArgs) -> Result<(), Failure> {
    let ServeArgs {
        project,
        theme,
        out,
        port,
        bind,
        poll,
        header_timeout,
        idle_timeout,
        max_connections,
    } = args;
    let more = Given {
        out: out.as_deref(),
        ..Given::default()
    };
    serve::run(&serve::ServeOptions {
        project: &resolve(project, theme, more)?,
        bind: *bind,
        port: *port,
        poll: *poll,
        header_timeout: Duration::from_secs(*header_timeout),
        idle_timeout: Duration::from_secs(*idle_timeout),
        max_connections: max_connections.map(|n| n as usize),
    })
}

/// The project the command line names: `--root` and `--content`, the theme, and what else the
/// command was given (`more`).
fn resolve(args: &ProjectArgs, theme: &str, more: Given) -> Result<Project, Failure> {
    let given = Given {
        root: args.root.as_deref(),
        content: args.content.as_deref(),
        theme,
        ..more
    };
    Ok(Project::resolve(&given)?)
}
