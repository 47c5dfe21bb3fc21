//! SERVE: the project (content folder, theme, and the output folder to leave alone) in, the
//! site served from memory on a local port out, rebuilt on every change. Pages reload
//! themselves (or swap their stylesheets); a bad edit keeps the last good build up and shows
//! its diagnostics in the terminal and in every open page (the text `crate::report` makes).
//! Nothing is written to disk.

mod conn;
mod http;
mod memory;
mod resolve;
mod state;
mod stream;
mod watch;

use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow};

use state::{Good, Shared};
use watch::{Roots, css_only};

use crate::inputs::Input;

use crate::diag::Diagnostic;
use crate::project::Project;
use crate::{report, site};

/// What `serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions<'a> {
    /// The content and theme folders, and the output folder `build` writes, whose changes
    /// never rebuild.
    pub project: &'a Project,
    /// The address to listen on (loopback unless asked).
    pub bind: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Scan the files instead of asking the kernel for changes.
    pub poll: bool,
    /// How long a client may take to send a request's headers (and to start its next one).
    pub header_timeout: Duration,
    /// How long a connection may move no byte before it is closed.
    pub idle_timeout: Duration,
    /// At most this many open connections; `None`: from the open-file limit.
    pub max_connections: Option<usize>,
}

/// Builds, serves and rebuilds until the process is stopped. Errors only when the server
/// cannot start (port taken, a folder that cannot be watched).
pub(crate) fn serve(opts: &ServeOptions) -> Result<()> {
    let project = opts.project;
    let listener = listen(SocketAddr::new(opts.bind, opts.port))?;
    let local = listener
        .local_addr()
        .context("cannot read the bound address")?;
    if !opts.bind.is_loopback() {
        report::print_warning(&Diagnostic::warning(format!(
            "listening on {local}, beyond this machine: anyone who can reach it can read the site"
        )));
    }
    let roots = roots(project)?;
    let mut builder = Builder {
        project: project.clone(),
        last: None,
    };
    // Watching starts first, so a save during the first build makes one more.
    let watch = watch::start(roots, opts.poll)?;
    let shared = Shared::new();
    builder.rebuild(&shared, &[], "first build");
    let watcher_shared = shared.clone();
    std::thread::spawn(move || {
        watch.run(|changes| builder.rebuild(&watcher_shared, changes, &describe(changes)))
    });
    println!(
        "serving http://{local}/ (watching {} and {}; Ctrl-C stops)",
        project.content.display(),
        project.theme.display()
    );
    let app = Arc::new(http::App {
        shared,
        hosts: allowed_hosts(local),
        // On loopback, pages too answer only to loopback names: a web page elsewhere cannot
        // read unpublished drafts through DNS rebinding. Bound wider, other machines must work.
        pages_need_known_host: local.ip().is_loopback(),
    });
    let limits = conn::Limits {
        header_read: opts.header_timeout,
        idle: opts.idle_timeout,
        max_connections: opts
            .max_connections
            .unwrap_or_else(conn::default_max_connections),
    };
    run_server(listener, app, limits)
}

/// Connections the kernel queues before they are accepted.
#[cfg(unix)]
const BACKLOG: i32 = 1024;

/// Binds the address; a port in use is one clear line.
fn listen(addr: SocketAddr) -> Result<TcpListener> {
    let listener = TcpListener::bind(addr).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow!("cannot listen on {addr}: address in use"),
        _ => anyhow!("cannot listen on {addr}: {e}"),
    })?;
    listener
        .set_nonblocking(true)
        .context("cannot configure the listening socket")?;
    // The standard library listens with a backlog of 128: a burst of more connections (a
    // page's assets in many tabs, a load test) had some wait 1, 3 or 7 s for the kernel to
    // retry them. The kernel caps this at its own limit (`somaxconn`).
    #[cfg(unix)]
    let _ = rustix::net::listen(&listener, BACKLOG);
    Ok(listener)
}

/// One thread is plenty for a local preview: handlers only hand out views of bytes in memory.
fn run_server(listener: TcpListener, app: Arc<http::App>, limits: conn::Limits) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        conn::serve(listener, http::router(app), limits).await
    })?;
    Ok(())
}

/// `Host` values the event stream accepts: the bound address and, when it includes loopback
/// (`127.0.0.1`, `0.0.0.0`), the loopback names. Bound to `0.0.0.0`, other machines get pages
/// but no live reload: the address they use is not known here.
fn allowed_hosts(local: SocketAddr) -> Vec<String> {
    let port = local.port();
    let mut hosts = vec![local.to_string()];
    if local.ip().is_loopback() || local.ip().is_unspecified() {
        for name in ["localhost", "127.0.0.1", "[::1]"] {
            hosts.push(format!("{name}:{port}"));
        }
    }
    hosts
}

/// The watched folders as absolute paths (events name absolute paths), and the project's
/// output folder, whose writes (a `build` in another terminal) must never trigger a rebuild.
fn roots(project: &Project) -> Result<Roots> {
    let abs = |p: &Path| {
        p.canonicalize()
            .with_context(|| format!("cannot watch {}: no such folder", p.display()))
    };
    Ok(Roots {
        content: abs(&project.content)?,
        theme: abs(&project.theme)?,
        ignore: vec![absolute(&project.out)?],
    })
}

/// `path` made absolute without it having to exist: its nearest existing ancestor resolved
/// (symbolic links too, as the watched folders are), the rest appended.
fn absolute(path: &Path) -> Result<PathBuf> {
    let path =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let mut existing = path.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            return Ok(path);
        };
        rest.push(name);
        existing = parent;
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    Ok(resolved)
}

/// `III-16.md changed` or `III-16.md and 99 more changed`, for the terminal.
fn describe(changes: &[(PathBuf, Input)]) -> String {
    let name = changes
        .first()
        .and_then(|(p, _)| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match changes.len() {
        1 => format!("{name} changed"),
        n => format!("{name} and {} more changed", n - 1),
    }
}

/// The warnings of a build `check` would refuse, printed on the terminal now; their text for
/// the notice in the pages. `None` when there are none.
fn notice(unannounced: &[Diagnostic]) -> Option<String> {
    if unannounced.is_empty() {
        return None;
    }
    let mut text = String::new();
    for warning in unannounced {
        report::print_warning(warning);
        text.push_str(&format!("{warning}\n"));
    }
    eprintln!("{NOTICE_LINE}");
    Some(text)
}

/// What the terminal says after the warnings of a change the draft note does not name.
const NOTICE_LINE: &str = "served as a preview: `recpub check`, `recpub build` and `recpub release` refuse it until the note of the next release names every changed recommendation";

/// Rebuilds the site in memory with [`site::Build`]: an edit of recommendation files renders
/// only the pages that read what it changed; anything else rebuilds in full.
struct Builder {
    project: Project,
    /// The last good build, when nothing failed since.
    last: Option<site::Build>,
}

impl Builder {
    /// Builds, reports on the terminal, and publishes the result to the open pages.
    fn rebuild(&mut self, shared: &Shared, changes: &[(PathBuf, Input)], why: &str) {
        let started = Instant::now();
        let paths: Vec<PathBuf> = changes.iter().map(|(p, _)| p.clone()).collect();
        // A failed build is dropped: the next starts again from the files.
        let next = match self.last.take() {
            Some(last) => last.apply(&paths),
            None => site::Build::new(&self.project, "/"),
        };
        let ms = started.elapsed().as_millis();
        let result = match next {
            Ok(build) => {
                let good = Good {
                    files: build.files(),
                    notice: notice(&build.unannounced()),
                };
                self.last = Some(build);
                Ok(good)
            }
            Err(failure) => {
                report::print_failure(&failure);
                let text = report::failure_text(&failure);
                eprintln!("build failed in {ms} ms ({why}); still serving the last good build");
                Err(text)
            }
        };
        let built = result.as_ref().ok().map(|g| g.files.clone());
        shared.publish(result, css_only(changes));
        // Counted once the pages are told: at 100× that is a walk over 60,000 paths.
        if let Some(files) = built {
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            println!("built {pages} pages in {ms} ms ({why})");
        }
        // The last site's replaced files are gone with it (unless a request still holds them).
        memory::give_back();
    }
}
