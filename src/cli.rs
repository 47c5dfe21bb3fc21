//! Command-line arguments only: what each subcommand accepts.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Publishes human-rights recommendations as a cross-linked static website.
#[derive(Debug, Parser)]
#[command(name = "recpub", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load and validate the content, and render it in memory as `build` would (links checked,
    /// nothing written); print every problem; exit 1 if there is any error.
    Check {
        #[command(flatten)]
        project: ProjectArgs,
        /// The theme: a folder under the project root's `themes/`.
        #[arg(long, default_value = "default")]
        theme: String,
    },
    /// Render the content to a static site; exit 1 on content errors, leaving the output as it was.
    Build(BuildArgs),
    /// Serve the site from memory on a local port, rebuilding on every change: pages reload
    /// themselves, and a bad edit shows its errors in the page while the last good build stays.
    Serve(ServeArgs),
    /// Record a release: a snapshot of the recommendations under `releases/<VERSION>/` with the
    /// note and date, and `site.toml`'s edition set to it. The note must name every
    /// recommendation changed since the last release.
    Release {
        /// The new version, after the last release's: `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`
        /// without leading zeros, like `1.2`.
        version: String,
        /// The maintainer's note (Markdown), usually `content/releases/next.md`.
        #[arg(long)]
        note: PathBuf,
        /// The release date, `YYYY-MM-DD`; today's (UTC) when absent.
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        project: ProjectArgs,
    },
    /// Write a new content folder to start from: a report, its legend, one section, two
    /// Parties, two recommendations and one page, with comments that explain the format. It
    /// passes `check` and builds as it is.
    New {
        /// The content folder to write: new, or empty.
        dir: PathBuf,
    },
    /// Write a synthetic content folder N times the size of the real one, deterministic for a
    /// seed, for load and scale testing.
    Synth {
        /// The real content folder it learns from.
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder: new, empty, or written by an earlier `synth`.
        #[arg(long)]
        out: PathBuf,
        /// How many times the real number of recommendations.
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
        scale: u32,
        /// The seed: the same seed gives byte-identical files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Where the project is, for every command that reads it.
#[derive(Debug, Args)]
pub struct ProjectArgs {
    /// The project root: the folder that holds `content/` and `themes/`, where `output/` and
    /// `.recpub-cache/` go by default. Default: the folder holding `--content` if it also holds
    /// `themes/`, else the working directory.
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// The content folder (default: `content` in the project root).
    #[arg(long)]
    pub content: Option<PathBuf>,
}

/// What `build` accepts.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The output folder (default: `output` in the project root); replaced only if it is
    /// an earlier output or empty.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Where the site will be served: `/`, a sub-path `/lanzarote/`, or an absolute URL
    /// `https://example.org/lanzarote/` (permalinks, sitemap and data are then absolute).
    /// Default: `base_url` in the content's site.toml, or `/`.
    #[arg(long, value_parser = base_url)]
    pub base_url: Option<String>,
    /// The theme: a folder under the project root's `themes/`.
    #[arg(long, default_value = "default")]
    pub theme: String,
    /// Where preview images and the offline ZIP are kept between builds (`previews/`,
    /// `offline/` inside it), so that a rebuild remakes only what changed; safe to delete.
    /// Default: `.recpub-cache` in the project root.
    #[arg(long)]
    pub cache_dir: Option<PathBuf>,
    /// No progress bar (it is shown only on a terminal anyway); the summary line stays.
    #[arg(long, short)]
    pub quiet: bool,
    /// Build the offline edition instead: relative links, search without a server, for
    /// opening from a folder or a ZIP.
    #[arg(long)]
    pub offline: bool,
    /// No offline edition ZIP on the data page: quicker builds while editing (a first
    /// build deflates the whole site once more; later ones only the files that changed).
    #[arg(long)]
    pub no_zip: bool,
}

/// What `serve` accepts.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub project: ProjectArgs,
    /// The theme: a folder under the project root's `themes/`.
    #[arg(long, default_value = "default")]
    pub theme: String,
    /// The output folder `build` writes (default: `output` in the project root): changes
    /// in it never rebuild, wherever it is.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// The port; 0 picks a free one (the address is printed).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on; anything but loopback exposes the site to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Scan the files for changes instead of asking the kernel (network file systems).
    #[arg(long)]
    pub poll: bool,
    /// Seconds a client may take to send a request's headers, or to start its next
    /// request on a kept-alive connection.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
    pub header_timeout: u64,
    /// Seconds a connection may move no byte before it is closed (at least 20: event
    /// streams send a keep-alive comment every 15 s).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(20..))]
    pub idle_timeout: u64,
    /// At most this many open connections (default: from the open-file limit, at most
    /// 1,024); more wait until one closes.
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: Option<u64>,
}

/// `--base-url`, checked before anything is read by the URL rules `check` applies to
/// `base_url` in site.toml, and given on with its scheme and host in lower case.
fn base_url(given: &str) -> Result<String, String> {
    crate::model::Urls::check(given)
        .map(|u| u.base_url())
        .map_err(|e| e.to_string())
}
