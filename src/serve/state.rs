//! What the server shares between the watcher thread and the HTTP handlers: the last good
//! build, the current build error, the live-reload channel and the open event streams.
//! Invariant: a failed rebuild never replaces the last good build; it only sets the error.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use tokio::sync::{broadcast, oneshot};

use crate::output::SiteFiles;

/// Open event streams beyond this many drop the oldest, so idle tabs cannot grow memory
/// without bound.
pub(super) const MAX_EVENT_CLIENTS: usize = 100;

/// What the browser is told after a rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LiveEvent {
    /// Reload the page (content, templates, scripts changed, or an error was fixed).
    Reload,
    /// Only stylesheets changed: swap them in place, keep the scroll position.
    Css,
    /// The rebuild failed: show this text (diagnostics as `check` prints them) in an overlay.
    Error(Arc<str>),
}

/// The site being served: the last good build (none if the first build failed), the
/// error of the latest build, if it failed, and the notice of the last good build, if it holds
/// something `check` would refuse (a change the draft release note does not name).
#[derive(Default, Clone)]
pub(super) struct Snapshot {
    pub files: Option<Arc<SiteFiles>>,
    pub error: Option<Arc<str>>,
    pub notice: Option<Arc<str>>,
}

/// A good build to serve, with its notice (warnings as `check`'s errors are printed), if any.
pub(super) struct Good {
    pub files: Arc<SiteFiles>,
    pub notice: Option<String>,
}

/// State shared by the watcher thread and the HTTP handlers.
pub(super) struct Shared {
    snapshot: RwLock<Snapshot>,
    events: broadcast::Sender<LiveEvent>,
    clients: Mutex<Clients>,
}

/// Open event streams, oldest first, each with the switch that closes it.
#[derive(Default)]
struct Clients {
    next_id: u64,
    open: VecDeque<(u64, oneshot::Sender<()>)>,
}

impl Shared {
    /// Nothing built yet, no page connected.
    pub(super) fn new() -> Arc<Shared> {
        // A slow client that misses this many events just reloads later; it never blocks us.
        let (events, _) = broadcast::channel(16);
        Arc::new(Shared {
            snapshot: RwLock::new(Snapshot::default()),
            events,
            clients: Mutex::new(Clients::default()),
        })
    }

    /// The current site and error.
    pub(super) fn snapshot(&self) -> Snapshot {
        self.snapshot
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Records a build's outcome and tells every open page. `css_only`: only stylesheets
    /// changed, so a good build after a good build swaps them instead of reloading. A page
    /// learns the notice when it connects (after the reload a good build makes).
    pub(super) fn publish(&self, result: Result<Good, String>, css_only: bool) {
        // The last site is let go of once the pages are told: freeing it takes milliseconds.
        let mut last = None;
        let event = {
            let mut snap = self
                .snapshot
                .write()
                .unwrap_or_else(PoisonError::into_inner);
            match result {
                Ok(Good { files, notice }) => {
                    let had_error = snap.error.take().is_some();
                    snap.notice = notice.map(|n| n.replace('\r', "").into());
                    last = snap.files.replace(files);
                    if css_only && !had_error {
                        LiveEvent::Css
                    } else {
                        LiveEvent::Reload
                    }
                }
                Err(text) => {
                    let text: Arc<str> = text.replace('\r', "").into();
                    snap.error = Some(text.clone());
                    LiveEvent::Error(text)
                }
            }
        };
        // No receiver (no page open) is not an error.
        let _ = self.events.send(event);
        drop(last);
    }

    /// Subscribes a new event stream; returns its id, its events and the switch that closes
    /// it when it becomes the oldest of too many.
    pub(super) fn subscribe(&self) -> (u64, broadcast::Receiver<LiveEvent>, oneshot::Receiver<()>) {
        let rx = self.events.subscribe();
        let (close_tx, close_rx) = oneshot::channel();
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        while clients.open.len() >= MAX_EVENT_CLIENTS {
            if let Some((_, oldest)) = clients.open.pop_front() {
                // The stream may already be gone; then there is nothing to close.
                let _ = oldest.send(());
            }
        }
        clients.next_id += 1;
        let id = clients.next_id;
        clients.open.push_back((id, close_tx));
        (id, rx, close_rx)
    }

    /// Forgets a stream that ended.
    pub(super) fn unsubscribe(&self, id: u64) {
        let mut clients = self.clients.lock().unwrap_or_else(PoisonError::into_inner);
        clients.open.retain(|(i, _)| *i != id);
    }

    /// How many event streams are open (the tests' view of the limit).
    #[cfg(test)]
    fn client_count(&self) -> usize {
        self.clients
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .open
            .len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_builds_keep_the_last_good_site() {
        let shared = Shared::new();
        let (_, mut rx, _) = shared.subscribe();
        let site: SiteFiles = [("index.html".into(), b"v1".to_vec().into())].into();
        let good = |files: SiteFiles| Good {
            files: Arc::new(files),
            notice: None,
        };
        shared.publish(Ok(good(site)), false);
        assert_eq!(rx.try_recv().unwrap(), LiveEvent::Reload);
        shared.publish(Err("bad\r\n".into()), false);
        assert_eq!(rx.try_recv().unwrap(), LiveEvent::Error("bad\n".into()));
        let snap = shared.snapshot();
        assert_eq!(&*snap.files.unwrap()["index.html"].bytes(), b"v1");
        // A stylesheet fix after an error reloads, so the overlay goes away.
        shared.publish(Ok(good(SiteFiles::default())), true);
        assert_eq!(rx.try_recv().unwrap(), LiveEvent::Reload);
        shared.publish(Ok(good(SiteFiles::default())), true);
        assert_eq!(rx.try_recv().unwrap(), LiveEvent::Css);
        assert!(shared.snapshot().error.is_none());
    }

    #[test]
    fn the_notice_is_the_last_good_builds() {
        let shared = Shared::new();
        let with = |notice: Option<&str>| Good {
            files: Arc::default(),
            notice: notice.map(str::to_string),
        };
        shared.publish(Ok(with(Some("II-1.md:3:9: warning: …\r\n"))), false);
        assert_eq!(
            shared.snapshot().notice.as_deref(),
            Some("II-1.md:3:9: warning: …\n")
        );
        // A failed build keeps serving the last good one, and so its notice.
        shared.publish(Err("bad".into()), false);
        assert!(shared.snapshot().notice.is_some());
        shared.publish(Ok(with(None)), false);
        assert!(shared.snapshot().notice.is_none());
    }

    #[test]
    fn too_many_clients_close_the_oldest() {
        let shared = Shared::new();
        let (first, _rx, mut first_close) = shared.subscribe();
        let mut keep = Vec::new();
        for _ in 0..MAX_EVENT_CLIENTS {
            keep.push(shared.subscribe());
        }
        assert_eq!(shared.client_count(), MAX_EVENT_CLIENTS);
        assert!(first_close.try_recv().is_ok(), "oldest not closed");
        shared.unsubscribe(first);
        shared.unsubscribe(keep[0].0);
        assert_eq!(shared.client_count(), MAX_EVENT_CLIENTS - 1);
    }
}
