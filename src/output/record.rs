//! What every store shares: each file's path recorded (two files at one path refused), each
//! page's links and ids read (from its bytes, or from a composed page's parts) into the link
//! index, and the files and pages counted. A rebuild's record looks the links up in the kept
//! index's interner and keeps them for that index, rather than recording them in a new one.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Result, bail};

use super::{BrokenLink, FileBody, Interner, LinkIndex, Links, Prepared};
use crate::html_scan::{self, PageScan};
use crate::model::Urls;

/// A file's path and, for a page, its links and ids.
pub(crate) type FileScan = (String, Option<Prepared>);

/// The files put so far: their paths, the pages' links and ids, how many.
#[derive(Default)]
pub(crate) struct Record {
    index: Mutex<LinkIndex>,
    pages: AtomicUsize,
    /// Files so far, shared with whoever shows progress.
    done: Arc<AtomicUsize>,
    /// A rebuild's: its pages' links looked up in the kept index's interner, kept for it.
    rebuild: Option<(Arc<Interner>, Mutex<Vec<FileScan>>)>,
}

impl Record {
    /// Counts the files it records in `done` as well, for a progress bar.
    pub(crate) fn counting(done: Arc<AtomicUsize>) -> Record {
        Record {
            done,
            ..Record::default()
        }
    }

    /// A rebuild's record: each page's links looked up in `interner` (the kept link index's)
    /// and kept for [`Record::take_scans`].
    pub(super) fn rebuilding(interner: Arc<Interner>) -> Record {
        Record {
            rebuild: Some((interner, Mutex::default())),
            ..Record::default()
        }
    }

    /// The interner pages' links are looked up in, when this is a rebuild's record.
    pub(crate) fn interner(&self) -> Option<&Interner> {
        self.rebuild.as_ref().map(|(interner, _)| &**interner)
    }

    /// The scans kept so far (see [`Record::rebuilding`]), by path.
    pub(super) fn take_scans(&self) -> Vec<FileScan> {
        self.rebuild
            .as_ref()
            .map(|(_, s)| std::mem::take(&mut *lock(s)))
            .unwrap_or_default()
    }

    /// Records the file `body` at `path`, its links known as `links` says.
    pub(super) fn add(&self, path: &str, body: &FileBody, links: Links<'_>) -> Result<()> {
        // Reading links is the costly part: done before taking a lock.
        let bytes;
        let scan = match links {
            Links::Same => None,
            Links::Read if !path.ends_with(".html") => None,
            Links::Read => {
                bytes = body.bytes();
                std::str::from_utf8(&bytes).ok().map(html_scan::scan)
            }
            Links::Parts(source) => {
                if let Some((interner, kept)) = &self.rebuild {
                    let links = source.prepared(interner)?;
                    lock(kept).push((path.to_string(), Some(links)));
                    return self.count(path, None);
                }
                let scan = source.scan()?;
                debug_assert!(
                    std::str::from_utf8(&body.bytes())
                        .is_ok_and(|html| html_scan::scan(html) == scan),
                    "{path}: the composed scan differs from the page's"
                );
                return self.count(path, Some(scan));
            }
        };
        match &self.rebuild {
            Some((interner, kept)) => {
                let links = scan.map(|s| interner.prepare(s));
                lock(kept).push((path.to_string(), links));
                self.count(path, None)
            }
            None => self.count(path, scan),
        }
    }

    /// Counts a file, refused if its path is taken, and records its links in this record's
    /// own index (a rebuild's holds paths only).
    fn count(&self, path: &str, scan: Option<PageScan>) -> Result<()> {
        let added = lock(&self.index).add(path.to_string(), scan);
        if !added {
            bail!("two outputs at {path}: a content page's slug collides with a generated page");
        }
        if path.ends_with(".html") {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// HTML pages so far (for progress).
    pub(crate) fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    /// Files so far, the marker excluded.
    pub(crate) fn files(&self) -> usize {
        lock(&self.index).len()
    }

    /// Every broken internal link of the files recorded.
    pub(crate) fn check_links(&self, urls: &Urls) -> Vec<BrokenLink> {
        lock(&self.index).check(urls)
    }

    /// The link index of the files recorded.
    pub(super) fn into_index(self) -> LinkIndex {
        self.index
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

pub(super) fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
