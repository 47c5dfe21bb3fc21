//! OUTPUT: rendered files in, one at a time and from any thread, a site out: either a map in
//! memory (`serve`) or a folder on disk (`build`). On disk, files are written as they are
//! rendered into a fresh folder beside the target, keeping only what the link check needs;
//! the folder is swapped in only once the links check out, so a failed build leaves the
//! previous output intact. Only a folder that recpub made (it holds [`MARKER`]) or an empty
//! one is ever replaced.

mod links;

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result, bail};

use crate::graph::Urls;
pub use links::{BrokenLink, LinkIndex, PageScan, check_links, scan as scan_page};

/// The file that marks a folder as recpub's output, safe to replace.
pub const MARKER: &str = ".recpub-output";

/// A rendered site: output path (relative, `/`-separated) → bytes. Sorted, so deterministic.
/// The bytes are shared, so that `serve` can make the next site from the last one cheaply.
pub type SiteFiles = BTreeMap<String, Arc<Vec<u8>>>;

/// Where rendered files go.
enum Store {
    Memory(Mutex<SiteFiles>),
    Disk(Staging),
}

/// Takes rendered files from any thread: rejects two files at one path, remembers each
/// page's links and ids, and stores the bytes.
pub struct Collector {
    store: Store,
    links: Mutex<LinkIndex>,
    pages: AtomicUsize,
    /// Files so far, shared with whoever shows progress.
    done: Arc<AtomicUsize>,
}

impl Collector {
    /// Keeps every file in memory.
    pub fn in_memory() -> Collector {
        Collector::new(Store::Memory(Mutex::default()))
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
        }
    }

    /// Counts the files it takes in `done` as well, for a progress bar.
    pub fn counting(mut self, done: Arc<AtomicUsize>) -> Collector {
        self.done = done;
        self
    }

    /// Adds a file at an output path; two files at one path is an error (a page slug that
    /// collides with a generated page).
    pub fn put(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        let html = path.ends_with(".html");
        // Scanning is the costly part: done before taking the lock.
        let scan = html
            .then(|| std::str::from_utf8(&bytes).ok().map(links::scan))
            .flatten();
        let added = lock(&self.links).add(path.clone(), scan);
        if !added {
            bail!("two outputs at {path}: a content page's slug collides with a generated page");
        }
        if html {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
        self.done.fetch_add(1, Ordering::Relaxed);
        match &self.store {
            Store::Memory(files) => {
                lock(files).insert(path, Arc::new(bytes));
                Ok(())
            }
            Store::Disk(staging) => staging.write(&path, &bytes),
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
            Store::Disk(_) => (None, links),
        }
    }

    /// The staging folder, when writing to disk.
    pub fn into_staging(self) -> Option<Staging> {
        match self.store {
            Store::Disk(staging) => Some(staging),
            Store::Memory(_) => None,
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A fresh folder beside the target that the new site is written into; swapped in by
/// [`Staging::commit`], deleted if dropped before that.
pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    made: Mutex<HashSet<PathBuf>>,
    committed: bool,
}

impl Staging {
    /// Checks `out` may be replaced, then makes the staging folder with the marker in it.
    pub fn create(out: &Path) -> Result<Staging> {
        check_replaceable(out)?;
        let parent = parent_of(out);
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let dir = parent.join(format!(
            ".{}.recpub-new-{}",
            folder_name(out)?,
            std::process::id()
        ));
        clear_leftover(&dir)?;
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let staging = Staging {
            dir,
            out: out.to_path_buf(),
            made: Mutex::default(),
            committed: false,
        };
        let marker = b"This folder is generated by recpub build; it is replaced on every build.\n";
        staging.write(MARKER, marker)?;
        Ok(staging)
    }

    /// Writes one file, making its folders once.
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent()
            && !lock(&self.made).contains(dir)
        {
            fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
            lock(&self.made).insert(dir.to_path_buf());
        }
        fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Swaps the new site in for the old output.
    pub fn commit(mut self) -> Result<()> {
        let result = swap_in(&self.dir, &self.out);
        // On success the folder is gone (renamed); on failure `drop` deletes it.
        self.committed = result.is_ok();
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.dir.exists() {
            // Best effort: whatever error made us give up is the one reported.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn parent_of(out: &Path) -> PathBuf {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn folder_name(out: &Path) -> Result<String> {
    Ok(out
        .file_name()
        .with_context(|| format!("{} has no folder name", out.display()))?
        .to_string_lossy()
        .into_owned())
}

/// Refuses a target that exists and is not an earlier output or an empty folder.
fn check_replaceable(out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        bail!("refusing to replace {}: it is not a folder", out.display());
    }
    let empty = fs::read_dir(out)
        .with_context(|| format!("cannot read {}", out.display()))?
        .next()
        .is_none();
    if !empty && !out.join(MARKER).is_file() {
        bail!(
            "refusing to replace {}: it is not empty and holds no {MARKER}, so it is not an earlier recpub output",
            out.display()
        );
    }
    Ok(())
}

fn swap_in(staging: &Path, out: &Path) -> Result<()> {
    let old = parent_of(out).join(format!(
        ".{}.recpub-old-{}",
        folder_name(out)?,
        std::process::id()
    ));
    clear_leftover(&old)?;
    let had_old = out.exists();
    if had_old {
        fs::rename(out, &old).with_context(|| format!("cannot move {} aside", out.display()))?;
    }
    if let Err(e) = fs::rename(staging, out) {
        if had_old {
            // Put the previous output back; the rename error is the one to report.
            let _ = fs::rename(&old, out);
        }
        return Err(e).with_context(|| format!("cannot move the new site to {}", out.display()));
    }
    if had_old && let Err(e) = fs::remove_dir_all(&old) {
        // The new site is in place: a leftover copy of the old one is worth a warning only.
        eprintln!(
            "warning: cannot delete the previous output {}: {e}",
            old.display()
        );
    }
    Ok(())
}

/// A staging or set-aside folder left by a build that was killed (its name carries a process
/// id, which can come round again) is deleted, but only if it is one of ours.
fn clear_leftover(dir: &Path) -> Result<()> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.join(MARKER).is_file() {
        bail!("refusing to delete {}: it holds no {MARKER}", dir.display());
    }
    fs::remove_dir_all(dir).with_context(|| format!("cannot clear {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_deleted_only_when_they_are_ours() {
        let tmp = tempfile::tempdir().unwrap();
        let ours = tmp.path().join(".site.recpub-old-1");
        fs::create_dir_all(&ours).unwrap();
        fs::write(ours.join(MARKER), "").unwrap();
        clear_leftover(&ours).unwrap();
        assert!(!ours.exists());
        let foreign = tmp.path().join(".site.recpub-old-2");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("thesis.tex"), "keep me").unwrap();
        let err = clear_leftover(&foreign).unwrap_err().to_string();
        assert!(err.starts_with("refusing to delete"), "{err}");
        assert!(foreign.join("thesis.tex").exists());
        clear_leftover(&tmp.path().join("absent")).unwrap();
    }
}
