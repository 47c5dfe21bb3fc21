//! Watching: file-system events from `notify` in, debounced batches of classified changes out.
//! Folders are watched recursively, not files, so saves by rename and by delete + create are
//! seen. Events that arrive while a batch is being handled queue up and make exactly one more
//! batch after it.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};

use crate::inputs::{self, Input};

/// A batch ends after this long without an event ... (a `git checkout` or an editor's save
/// sends its events within a few milliseconds; every millisecond here is added to every
/// save → reload, which at 1× is otherwise under 10 ms).
const QUIET: Duration = Duration::from_millis(20);
/// ... or this long after its first event, so a never-ending stream still rebuilds.
const MAX_BATCH: Duration = Duration::from_millis(500);
/// How often `--poll` looks at the files.
const POLL_INTERVAL: Duration = Duration::from_millis(300);

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

/// Which input of the build a changed path is: by [`inputs::classify`], the rule the loaders
/// read by (so a file a build reads always rebuilds), but never in the output folder or a
/// build's staging folder beside it, even inside the content folder. `None`: no rebuild.
pub(super) fn classify(path: &Path, roots: &Roots) -> Option<Input> {
    if roots.ignore.iter().any(|dir| in_output(path, dir)) {
        return None;
    }
    inputs::classify(path, &roots.content, &roots.theme)
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
pub(super) fn css_only(changes: &[(PathBuf, Input)]) -> bool {
    !changes.is_empty()
        && changes.iter().all(|(p, k)| {
            *k == Input::Static && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("css"))
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
    pub(super) fn run(self, on_batch: impl FnMut(&[(PathBuf, Input)])) {
        debounce(&self.events, &self.roots, on_batch);
    }
}

/// Groups events into batches (a batch ends after [`QUIET`] without events, or [`MAX_BATCH`]
/// after it began) and hands each batch that matters to `on_batch`. Handling a batch blocks;
/// what changes meanwhile waits in the channel and forms exactly one next batch.
fn debounce(
    events: &Receiver<notify::Result<Event>>,
    roots: &Roots,
    mut on_batch: impl FnMut(&[(PathBuf, Input)]),
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
fn collect(event: notify::Result<Event>, roots: &Roots, changes: &mut Vec<(PathBuf, Input)>) {
    let event = match event {
        Ok(e) => e,
        Err(e) => {
            // Events may have been lost: rebuild everything from disk rather than trust an
            // incremental path built on what was seen.
            let message = format!("watching: {e}; rebuilding everything");
            crate::report::print_warning(&crate::diag::Diagnostic::warning(message));
            changes.push((roots.content.clone(), Input::Folder));
            return;
        }
    };
    // The kernel dropped events (queue overflow): same as above.
    if event.need_rescan() {
        changes.push((roots.content.clone(), Input::Folder));
    }
    // Reads and opens change nothing; the loader's own reads must not retrigger builds.
    if matches!(event.kind, EventKind::Access(_)) {
        return;
    }
    for path in event.paths {
        if let Some(kind) = classify(&path, roots) {
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

    fn kind(p: &str) -> Option<Input> {
        classify(Path::new(p), &roots())
    }

    #[test]
    fn watches_every_input_but_never_the_output_folder() {
        use Input::*;
        for (path, want) in [
            ("/s/content/recommendations/III-16.md", Some(Recommendation)),
            ("/s/content/thesaurus.toml", Some(Thesaurus)),
            ("/s/content/site.toml", Some(Config)),
            ("/s/themes/default/i18n/en.toml", Some(Strings)),
            ("/s/themes/default/fonts/NotoSans-Regular.ttf", Some(Font)),
            ("/s/themes/default/templates/base.html", Some(Template)),
            ("/s/themes/default/static/style.css", Some(Static)),
            ("/s/content/notes.txt", None),
            ("/s/content/recommendations/.III-16.md.swp", None),
            ("/s/content/output/index.html", None),
            ("/s/content/output/notes/a.md", None),
            // A build's staging and set-aside folders beside the output folder.
            ("/s/content/.output.recpub-new-12/notes/a.md", None),
            ("/s/content/.output.recpub-old-12/notes/a.md", None),
            (
                "/s/content/.other.recpub-new-12/notes/a.md",
                Some(LinkTarget),
            ),
            ("/s/content/outputs/notes/a.md", Some(LinkTarget)),
        ] {
            assert_eq!(kind(path), want, "{path}");
        }
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
        assert_eq!(batches[0][0].1, Input::Config);
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
        let css = (PathBuf::from("/t/static/style.css"), Input::Static);
        let js = (PathBuf::from("/t/static/search.js"), Input::Static);
        let md = (
            PathBuf::from("/c/recommendations/I-1.md"),
            Input::Recommendation,
        );
        assert!(css_only(std::slice::from_ref(&css)));
        assert!(!css_only(&[css.clone(), js]));
        assert!(!css_only(&[css, md]));
        assert!(!css_only(&[]));
    }
}
