//! Watching: file-system events from `notify` in, debounced batches of classified changes out.
//! Folders are watched recursively, not files, so saves by rename and by delete + create are
//! seen. Events that arrive while a batch is being handled queue up and make exactly one more
//! batch after it.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};

use crate::content::is_editor_scratch;

/// A batch ends after this long without an event ... (a `git checkout` or an editor's save
/// sends its events within a few milliseconds; every millisecond here is added to every
/// save → reload, which at 1× is otherwise under 10 ms).
const QUIET: Duration = Duration::from_millis(20);
/// ... or this long after its first event, so a never-ending stream still rebuilds.
const MAX_BATCH: Duration = Duration::from_millis(500);
/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

/// What a changed path is, which decides whether and how to rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChangeKind {
    /// Recommendations, pages, the tables (`parties.toml`, `sections.toml`, `legend.toml`).
    Content,
    /// `site.toml`: the publication's settings.
    Config,
    /// A theme template.
    Template,
    /// A theme static file (CSS, JS, SVG …).
    Static,
    /// Not read by the build: editor temp files, the output folder.
    Ignored,
}

/// The watched folders, as absolute paths, and folders whose changes never matter.
#[derive(Debug, Clone)]
pub(super) struct Roots {
    /// The content folder.
    pub content: PathBuf,
    /// The theme folder, `themes/<name>`.
    pub theme: PathBuf,
    /// Folders whose changes never rebuild (the output folder `build` writes, absolute), with
    /// the staging folders a build makes beside each (`.NAME.recpub-new-PID`).
    pub ignore: Vec<PathBuf>,
}

/// Classifies one changed path: by its place and name (and, in the content folder, whether an
/// extension-less path is a folder).
pub(super) fn classify(path: &Path, roots: &Roots) -> ChangeKind {
    let scratch = path.components().any(|c| match c {
        Component::Normal(name) => is_editor_scratch(&name.to_string_lossy()),
        _ => false,
    });
    if scratch || roots.ignore.iter().any(|dir| in_output(path, dir)) {
        return ChangeKind::Ignored;
    }
    if let Ok(rel) = path.strip_prefix(&roots.theme) {
        return match first(rel).as_deref() {
            Some("static") => ChangeKind::Static,
            // The templates folder, or the theme folder itself (moved, recreated).
            Some("templates") | None => ChangeKind::Template,
            Some(_) => ChangeKind::Ignored,
        };
    }
    if let Ok(rel) = path.strip_prefix(&roots.content) {
        return classify_content(path, rel);
    }
    ChangeKind::Ignored
}

/// A path in the content folder matters only if the loader reads it (the same rule as
/// `content::load_content`): the four tables, `*.md` files under `recommendations/` and
/// `pages/` (or a folder there, which may hold some), and `source/*.txt`. Notes, backups and an
/// editor's or `sed -i`'s temporary files beside them are not read, so they never rebuild. A `*.md` or
/// `*.toml` file in another folder of the content may be the target of a link the loader
/// follows, so it rebuilds too.
fn classify_content(path: &Path, rel: &Path) -> ChangeKind {
    let depth = rel.components().count();
    let ext = path.extension().and_then(|e| e.to_str());
    match first(rel).as_deref() {
        None => ChangeKind::Content,
        Some("site.toml") if depth == 1 => ChangeKind::Config,
        Some("legend.toml" | "sections.toml" | "parties.toml") if depth == 1 => ChangeKind::Content,
        Some("recommendations" | "pages") if depth == 1 || ext == Some("md") || path.is_dir() => {
            ChangeKind::Content
        }
        // The source text the recommendations are compared with: `source/*.txt`.
        Some("source") if depth == 1 || (depth == 2 && ext == Some("txt")) => ChangeKind::Content,
        Some("source" | "recommendations" | "pages") => ChangeKind::Ignored,
        Some(_) if depth > 1 && matches!(ext, Some("md" | "toml")) => ChangeKind::Content,
        _ => ChangeKind::Ignored,
    }
}

/// Whether `path` is in the output folder `out`, or in a staging or set-aside folder a build
/// into `out` makes beside it.
fn in_output(path: &Path, out: &Path) -> bool {
    if path.starts_with(out) {
        return true;
    }
    let (Some(parent), Some(name)) = (out.parent(), out.file_name()) else {
        return false;
    };
    let prefix = format!(".{}.recpub-", name.to_string_lossy());
    path.strip_prefix(parent)
        .ok()
        .and_then(first)
        .is_some_and(|f| f.starts_with(&prefix))
}

fn first(rel: &Path) -> Option<String> {
    rel.components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
}

/// Whether a batch only touched stylesheets (then pages swap them instead of reloading).
pub(super) fn css_only(changes: &[(PathBuf, ChangeKind)]) -> bool {
    !changes.is_empty()
        && changes.iter().all(|(p, k)| {
            *k == ChangeKind::Static && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css"))
        })
}

/// A running watcher; events stop when it is dropped.
pub(super) struct Watch {
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    roots: Roots,
}

/// Starts watching the content and theme folders, recursively; `poll` scans the files
/// instead of asking the kernel (network and container file systems).
pub(super) fn start(roots: Roots, poll: bool) -> Result<Watch> {
    let (tx, events) = channel();
    let mut watcher: Box<dyn Watcher + Send> = if poll {
        // The poller's mtimes have whole seconds, so two saves in one second would look like
        // one: comparing contents (a hash per file per scan) sees both.
        let config = notify::Config::default()
            .with_poll_interval(POLL_INTERVAL)
            .with_compare_contents(true);
        Box::new(PollWatcher::new(tx, config).context("cannot start the polling watcher")?)
    } else {
        Box::new(notify::recommended_watcher(tx).context("cannot start the file watcher")?)
    };
    for dir in [&roots.content, &roots.theme] {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
    }
    Ok(Watch {
        _watcher: watcher,
        events,
        roots,
    })
}

impl Watch {
    /// Calls `on_batch` with each debounced batch of changes that matter, until the watcher
    /// stops.
    pub(super) fn run(self, on_batch: impl FnMut(&[(PathBuf, ChangeKind)])) {
        debounce(&self.events, &self.roots, on_batch);
    }
}

/// Groups events into batches (a batch ends after [`QUIET`] without events, or [`MAX_BATCH`]
/// after it began) and hands each batch that matters to `on_batch`. Handling a batch blocks;
/// what changes meanwhile waits in the channel and forms exactly one next batch.
fn debounce(
    events: &Receiver<notify::Result<Event>>,
    roots: &Roots,
    mut on_batch: impl FnMut(&[(PathBuf, ChangeKind)]),
) {
    while let Ok(first) = events.recv() {
        let mut changes = Vec::new();
        collect(first, roots, &mut changes);
        let (started, mut closed) = (Instant::now(), false);
        while started.elapsed() < MAX_BATCH {
            match events.recv_timeout(QUIET) {
                Ok(event) => collect(event, roots, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    closed = true;
                    break;
                }
            }
        }
        // Each path once, in a stable order (sorting beats a search per event: a checkout
        // can touch thousands of files).
        changes.sort_by(|a, b| a.0.cmp(&b.0));
        changes.dedup();
        if !changes.is_empty() {
            on_batch(&changes);
        }
        if closed {
            return;
        }
    }
}

/// Adds the paths of one event that matter to `changes` (duplicates are removed per batch).
fn collect(event: notify::Result<Event>, roots: &Roots, changes: &mut Vec<(PathBuf, ChangeKind)>) {
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            // Events may have been lost: rebuild everything from disk rather than trust an
            // incremental path built on what was seen.
            let message = format!("watching: {e}; rebuilding everything");
            crate::report::print_warning(&crate::diag::Diagnostic::warning(message));
            changes.push((roots.content.clone(), ChangeKind::Config));
            return;
        }
    };
    // The kernel dropped events (queue overflow): same as above.
    if event.need_rescan() {
        changes.push((roots.content.clone(), ChangeKind::Config));
    }
    // Reads and opens change nothing; the loader's own reads must not retrigger builds.
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in event.paths {
        let kind = classify(&path, roots);
        if kind != ChangeKind::Ignored {
            changes.push((path, kind));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roots() -> Roots {
        Roots {
            content: "/s/content".into(),
            theme: "/s/themes/default".into(),
            ignore: vec!["/s/content/output".into()],
        }
    }

    fn kind(p: &str) -> ChangeKind {
        classify(Path::new(p), &roots())
    }

    #[test]
    fn classifies_by_place() {
        use ChangeKind::*;
        for (path, want) in [
            ("/s/content/recommendations/III-16.md", Content),
            ("/s/content/recommendations", Content),
            ("/s/content/pages/about.md", Content),
            ("/s/content/parties.toml", Content),
            ("/s/content/legend.toml", Content),
            ("/s/content/site.toml", Config),
            ("/s/content", Content),
            ("/s/content/source/report.txt", Content),
            ("/s/content/source/README.md", Ignored),
            ("/s/content/source/old/report.txt", Ignored),
            ("/s/content/notes.txt", Ignored),
            ("/s/content/extra.toml", Ignored),
            ("/s/content/recommendations/notes.txt", Ignored),
            ("/s/content/recommendations/sedX4a9Qz", Ignored),
            ("/s/content/pages/sub/about.md", Content),
            ("/s/content/releases/next.md", Content),
            ("/s/content/releases/1.1/recommendations/II-1.md", Content),
            ("/s/content/recommendations/sub/site.toml", Ignored),
            ("/s/content/shared/II-2.md", Content),
            ("/s/content/shared/notes.txt", Ignored),
            ("/s/content/source/extra.md", Ignored),
            ("/s/content/output/index.html", Ignored),
            ("/s/content/output/notes/a.md", Ignored),
            // A build's staging and set-aside folders beside the output folder.
            ("/s/content/.output.recpub-new-12/notes/a.md", Ignored),
            ("/s/content/.output.recpub-old-12/notes/a.md", Ignored),
            ("/s/content/.other.recpub-new-12/notes/a.md", Content),
            ("/s/content/outputs/notes/a.md", Content),
            ("/s/themes/default/templates/base.html", Template),
            ("/s/themes/default/static/style.css", Static),
            ("/s/themes/default/static/search.js", Static),
            ("/s/themes/default/static/favicon.svg", Static),
            ("/s/themes/default/README", Ignored),
            ("/s/themes/other/templates/base.html", Ignored),
            ("/elsewhere/x.md", Ignored),
        ] {
            assert_eq!(kind(path), want, "{path}");
        }
    }

    #[test]
    fn ignores_editor_scratch_files() {
        for name in [
            ".III-16.md.swp",
            ".III-16.md.swx",
            "III-16.md~",
            "4913",
            ".#III-16.md",
            "#III-16.md#",
            ".DS_Store",
            "III-16.md.tmp",
            "III-16.md.orig",
            "III-16.md.bck",
            ".III-16.md.kate-swp",
            ".goutputstream-5XK2Q1",
            "III-16.md.crswap",
            "III-16.md___jb_tmp___",
            "III-16.md___jb_old___",
        ] {
            let path = format!("/s/content/recommendations/{name}");
            assert_eq!(kind(&path), ChangeKind::Ignored, "{name}");
        }
        assert_eq!(kind("/s/content/.git/index"), ChangeKind::Ignored);
        // In the theme, where any file under static/ is published, by name too.
        assert_eq!(
            kind("/s/themes/default/static/style.css.orig"),
            ChangeKind::Ignored
        );
        assert_eq!(
            kind("/s/content/recommendations/#1.md"),
            ChangeKind::Content
        );
    }

    fn modified(path: &str) -> notify::Result<Event> {
        let kind = EventKind::Modify(notify::event::ModifyKind::Any);
        Ok(Event::new(kind).add_path(path.into()))
    }

    #[test]
    fn a_burst_is_one_batch() {
        let (tx, rx) = channel();
        for i in 0..100 {
            tx.send(modified(&format!("/s/content/recommendations/II-{i}.md")))
                .unwrap();
            tx.send(modified("/s/content/recommendations/.II-1.md.swp"))
                .unwrap();
        }
        drop(tx);
        let mut sizes = Vec::new();
        debounce(&rx, &roots(), |changes| sizes.push(changes.len()));
        assert_eq!(sizes, [100]);
    }

    #[test]
    fn a_change_during_a_rebuild_makes_exactly_one_more() {
        let (tx, rx) = channel();
        tx.send(modified("/s/content/site.toml")).unwrap();
        let mut during = Some(tx);
        let mut batches = Vec::new();
        debounce(&rx, &roots(), |changes| {
            batches.push(changes.to_vec());
            // "Rebuilding": two saves arrive, then the sender goes, so the loop ends.
            if let Some(tx) = during.take() {
                tx.send(modified("/s/themes/default/static/style.css"))
                    .unwrap();
                tx.send(modified("/s/themes/default/templates/base.html"))
                    .unwrap();
            }
        });
        assert_eq!(batches.len(), 2);
        assert_eq!(batches[1].len(), 2);
        assert_eq!(batches[0][0].1, ChangeKind::Config);
    }

    #[test]
    fn scratch_only_batches_are_dropped() {
        let (tx, rx) = channel();
        tx.send(modified("/s/content/recommendations/III-16.md~"))
            .unwrap();
        let access = EventKind::Access(notify::event::AccessKind::Any);
        tx.send(Ok(
            Event::new(access).add_path("/s/content/site.toml".into())
        ))
        .unwrap();
        drop(tx);
        let mut calls = 0;
        debounce(&rx, &roots(), |_| calls += 1);
        assert_eq!(calls, 0);
    }

    #[test]
    fn css_only_batches() {
        let css = (PathBuf::from("/t/static/style.css"), ChangeKind::Static);
        let js = (PathBuf::from("/t/static/search.js"), ChangeKind::Static);
        let md = (
            PathBuf::from("/c/recommendations/I-1.md"),
            ChangeKind::Content,
        );
        assert!(css_only(std::slice::from_ref(&css)));
        assert!(!css_only(&[css.clone(), js]));
        assert!(!css_only(&[css, md]));
        assert!(!css_only(&[]));
    }
}
