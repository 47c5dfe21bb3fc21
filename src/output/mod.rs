//! OUTPUT: rendered files in, one at a time and from any thread, a site out: either a map in
//! memory (`serve`) or a folder on disk (`build`). On disk, files are written as they are
//! rendered into a fresh folder beside the target, keeping only what the link check needs;
//! the folder is swapped in only once the links check out, so a failed build leaves the
//! previous output intact. Only a folder that recpub made (it holds [`MARKER`]) or an empty
//! one is ever replaced (see `staging`).

mod body;
mod links;
mod staging;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Result, bail};

use crate::html_scan::{self, PageScan};
use crate::model::Urls;
use crate::offline::{Rewriter, ZipSink};
pub(crate) use body::Chunks;
pub use body::FileBody;
pub(crate) use body::Piece;
pub(crate) use body::join;
pub(crate) use links::{BrokenLink, Interner, LinkIndex, Prepared};
pub(crate) use staging::Staging;

/// The file that marks a folder as recpub's output, safe to replace.
pub(crate) const MARKER: &str = ".recpub-output";

/// A rendered site: output path (relative, `/`-separated) → bytes. Sorted, so deterministic.
/// The bytes are shared, so that `serve` can make the next site from the last one cheaply.
pub(crate) type SiteFiles = BTreeMap<Arc<str>, FileBody>;

/// Where rendered files go.
enum Store {
    Memory(Mutex<SiteFiles>),
    Disk(Staging),
    /// Nowhere: `check` keeps only what the link check needs.
    Nowhere,
}

/// Takes rendered files from any thread: rejects two files at one path, remembers each
/// page's links and ids, and stores the bytes.
pub struct Collector {
    store: Store,
    links: Mutex<LinkIndex>,
    pages: AtomicUsize,
    /// Files so far, shared with whoever shows progress.
    done: Arc<AtomicUsize>,
    /// `build --offline`: each file is replaced by its offline version before it is kept.
    offline: Option<Rewriter>,
    /// `build`: each file's offline version also goes into the offline edition's ZIP.
    zip: Option<(Rewriter, ZipSink)>,
    /// A rebuild's collector keeps each file's links, looked up in the rebuild's own link
    /// index's interner, for that index, rather than recording them in a new one.
    scans: Option<(Arc<Interner>, Mutex<Vec<FileScan>>)>,
    /// Files made of pieces are joined before they are kept (to measure what pieces gain).
    whole: bool,
}

/// A composed page's links and ids: scanned, or looked up in a rebuild's interner.
pub(crate) enum ComposedLinks<'s> {
    Scan(PageScan<'s>),
    Prepared(Prepared),
}

/// A file's path and, for a page, its links and ids.
pub(crate) type FileScan = (String, Option<Prepared>);

impl Collector {
    /// Keeps every file in memory.
    pub fn in_memory() -> Collector {
        Collector::new(Store::Memory(Mutex::default()))
    }

    /// Keeps no file, only each page's links and ids (for `check`).
    pub fn discarding() -> Collector {
        Collector::new(Store::Nowhere)
    }

    /// Writes every file into `staging` as it comes.
    pub fn on_disk(staging: Staging) -> Collector {
        Collector::new(Store::Disk(staging))
    }

    fn new(store: Store) -> Collector {
        Collector {
            store,
            links: Mutex::default(),
            pages: AtomicUsize::new(0),
            done: Arc::default(),
            offline: None,
            zip: None,
            scans: None,
            whole: false,
        }
    }

    /// Keeps every file in memory as one buffer, never as pieces: what keeping pieces gains
    /// is measured against this.
    pub(crate) fn keeping_whole(mut self, whole: bool) -> Collector {
        self.whole = whole;
        self
    }

    /// Keeps every file in memory, and each page's links and ids (looked up in `interner`,
    /// the kept link index's) for [`Collector::take_scans`]: for a rebuild, which updates the
    /// link index it keeps.
    pub(crate) fn in_memory_keeping_scans(interner: Arc<Interner>) -> Collector {
        Collector {
            scans: Some((interner, Mutex::default())),
            ..Collector::in_memory()
        }
    }

    /// The scans kept so far (see [`Collector::in_memory_keeping_scans`]), by path.
    pub(crate) fn take_scans(&self) -> Vec<FileScan> {
        self.scans
            .as_ref()
            .map(|(_, s)| std::mem::take(&mut *lock(s)))
            .unwrap_or_default()
    }

    /// Keeps the offline edition of each file instead of the file (`build --offline`).
    pub fn offline(mut self, edition: Rewriter) -> Collector {
        self.offline = Some(edition);
        self
    }

    /// Also zips the offline edition of each file (see [`Collector::finish_zip`]).
    pub fn zipping(mut self, edition: Rewriter, zip: ZipSink) -> Collector {
        self.zip = Some((edition, zip));
        self
    }

    /// Whether the offline edition is being zipped.
    pub fn is_zipping(&self) -> bool {
        self.zip.is_some()
    }

    /// Adds a file that only the offline edition has: into the ZIP when zipping (the online
    /// version comes later), else as [`Collector::put`] does.
    pub fn put_offline_only(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        match &self.zip {
            Some(_) => self.zip_offline(&path, &bytes),
            None => self.put(path, bytes),
        }
    }

    /// Adds a file that only the online site has (the ZIP, the page that offers it, preview
    /// images): not zipped, and left out of an offline build.
    pub fn put_online_only(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        if self.offline.is_some() {
            return Ok(());
        }
        self.keep(path, bytes)
    }

    /// The ZIP of every file put so far (`None` when not zipping); the files are handed over,
    /// so call it once, after the last file.
    pub fn finish_zip(&self) -> Result<Option<Vec<u8>>> {
        self.zip.as_ref().map(|(_, sink)| sink.finish()).transpose()
    }

    fn zip_offline(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if let Some((edition, sink)) = &self.zip {
            sink.add(path, bytes, || edition.files(path, bytes))?;
        }
        Ok(())
    }

    /// Counts the files it takes in `done` as well, for a progress bar.
    pub fn counting(mut self, done: Arc<AtomicUsize>) -> Collector {
        self.done = done;
        self
    }

    /// Adds a file at an output path; two files at one path is an error (a page slug that
    /// collides with a generated page).
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.zip_offline(&path, &bytes)?;
        match &self.offline {
            Some(edition) => edition
                .files(&path, &bytes)?
                .into_iter()
                .try_for_each(|(p, b)| self.keep(p, b.into_owned())),
            None => self.keep(path, bytes),
        }
    }

    /// Records and stores one file.
    fn keep(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let html = path.ends_with(".html");
        // Scanning is the costly part: done before taking the lock.
        let scan = html
            .then(|| std::str::from_utf8(&bytes).ok().map(html_scan::scan))
            .flatten();
        self.register(&path, scan)?;
        self.store(path, bytes.into())
    }

    /// Adds a page whose links and ids are known: `scan` (a composed page's, made from its
    /// parts). Debug builds check it against a scan of the whole page.
    pub fn put_scanned(&self, path: String, bytes: Vec<u8>, scan: PageScan) -> Result<()> {
        if self.offline.is_some() {
            // The offline edition keeps other bytes, scanned as they are kept.
            return self.put(path, bytes);
        }
        debug_assert!(
            std::str::from_utf8(&bytes).is_ok_and(|html| html_scan::scan(html) == scan),
            "{path}: the composed scan differs from the page's"
        );
        self.zip_offline(&path, &bytes)?;
        self.register(&path, Some(scan))?;
        self.store(path, bytes.into())
    }

    /// Adds a file whose links and ids are known without reading it (a rebuild's page whose
    /// links and ids are the last build's page's): stored, not scanned.
    pub fn put_unscanned(&self, path: String, body: impl Into<FileBody>) -> Result<()> {
        self.register(&path, None)?;
        self.store(path, body.into())
    }

    /// Adds a composed page made of `pieces` (shared with other pages when kept in memory),
    /// whose links and ids are `links`; `None`: those of the last build's page at `path`
    /// (see [`Collector::put_unscanned`]). Links [`ComposedLinks::Prepared`] are for a
    /// collector that has an [`Collector::interner`] only.
    pub(crate) fn put_composed(
        &self,
        path: String,
        pieces: Vec<Piece>,
        links: Option<ComposedLinks>,
    ) -> Result<()> {
        if !self.keeps_pieces() {
            let bytes = body::join(&pieces);
            return match links {
                Some(ComposedLinks::Scan(scan)) => self.put_scanned(path, bytes, scan),
                Some(ComposedLinks::Prepared(_)) => bail!("internal error: {path} prepared"),
                None => self.put_unscanned(path, bytes),
            };
        }
        match links {
            Some(ComposedLinks::Scan(scan)) => {
                debug_assert!(
                    std::str::from_utf8(&body::join(&pieces))
                        .is_ok_and(|html| html_scan::scan(html) == scan),
                    "{path}: the composed scan differs from the page's"
                );
                self.register(&path, Some(scan))?;
            }
            Some(ComposedLinks::Prepared(links)) => self.register_prepared(&path, links)?,
            None => self.register(&path, None)?,
        }
        self.store(path, FileBody::pieces(pieces))
    }

    /// Adds a file that is not a page, made of `pieces` (shared with other files when kept in
    /// memory).
    pub(crate) fn put_pieces(&self, path: String, pieces: Vec<Piece>) -> Result<()> {
        if !self.keeps_pieces() {
            return self.put(path, body::join(&pieces));
        }
        self.register(&path, None)?;
        self.store(path, FileBody::pieces(pieces))
    }

    /// Whether files are kept as the pieces they are made of: in memory, unless rewritten
    /// (offline) or zipped, which read bytes.
    fn keeps_pieces(&self) -> bool {
        matches!(self.store, Store::Memory(_)) && self.offline.is_none() && self.zip.is_none()
    }

    /// The interner pages' links are looked up in, when this is a rebuild's collector.
    pub(crate) fn interner(&self) -> Option<&Interner> {
        self.scans.as_ref().map(|(interner, _)| &**interner)
    }

    /// Records a file's path (and a page's links): counted, and refused if taken.
    fn register(&self, path: &str, scan: Option<PageScan>) -> Result<()> {
        let scan = match &self.scans {
            Some((interner, kept)) => {
                let links = scan.map(|s| interner.prepare(s));
                lock(kept).push((path.to_string(), links));
                None
            }
            None => scan,
        };
        self.count(path, scan)
    }

    /// Records a rebuilt page with its links looked up already.
    fn register_prepared(&self, path: &str, links: Prepared) -> Result<()> {
        let Some((_, kept)) = &self.scans else {
            bail!("internal error: {path}: links looked up for no rebuild");
        };
        lock(kept).push((path.to_string(), Some(links)));
        self.count(path, None)
    }

    /// Counts a file, refused if its path is taken, and records its links in this collector's
    /// own index (a rebuild's holds paths only).
    fn count(&self, path: &str, scan: Option<PageScan>) -> Result<()> {
        let html = path.ends_with(".html");
        let added = lock(&self.links).add(path.to_string(), scan);
        if !added {
            bail!("two outputs at {path}: a content page's slug collides with a generated page");
        }
        if html {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Stores one recorded file's bytes.
    fn store(&self, path: String, body: FileBody) -> Result<()> {
        match &self.store {
            Store::Memory(files) => {
                let body = match self.whole && body.as_pieces().is_some() {
                    true => FileBody::whole(body.to_vec()),
                    false => body,
                };
                lock(files).insert(path.into(), body);
                Ok(())
            }
            Store::Disk(staging) => staging.write(&path, &body.bytes()),
            Store::Nowhere => Ok(()),
        }
    }

    /// HTML pages so far (for progress).
    pub fn pages(&self) -> usize {
        self.pages.load(Ordering::Relaxed)
    }

    /// Files so far, the marker excluded.
    pub fn files(&self) -> usize {
        lock(&self.links).len()
    }

    /// Every broken internal link of the files collected.
    pub fn check_links(&self, urls: &Urls) -> Vec<BrokenLink> {
        lock(&self.links).check(urls)
    }

    /// The files (when kept in memory) and what the link check knows of them.
    pub fn into_parts(self) -> (Option<SiteFiles>, LinkIndex) {
        let links = self
            .links
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        match self.store {
            Store::Memory(files) => (
                Some(files.into_inner().unwrap_or_else(PoisonError::into_inner)),
                links,
            ),
            Store::Disk(_) | Store::Nowhere => (None, links),
        }
    }

    /// The staging folder, when writing to disk.
    pub fn into_staging(self) -> Option<Staging> {
        match self.store {
            Store::Disk(staging) => Some(staging),
            Store::Memory(_) | Store::Nowhere => None,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}
