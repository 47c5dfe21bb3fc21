//! Writing a release so that no reader of the content ever sees half of one: the releases
//! folder in; out, a lock that one `recpub release` holds at a time, a staging folder the
//! snapshot is written into and then renamed into place whole, and files replaced in one step.
//! What must hold:
//! - two releases at once: the second refuses, naming the process that holds the lock; the
//!   lock is the kernel's (`flock`), so a killed release holds nothing and the next takes over;
//! - the snapshot is written into `releases/.VERSION.recpub-new-PID/`, which the content
//!   loader skips (as every name starting with a dot), and renamed to `releases/VERSION/` when
//!   complete; one left by a killed release is deleted by the next release, under the lock;
//! - a file that changes (`site.toml`) is written to a temporary file beside it and renamed
//!   over it, so `serve` or an editor never reads it empty or half written.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The lock file in the releases folder; it holds the process id of the release that runs.
pub(crate) const LOCK_FILE: &str = ".recpub-release.lock";

/// The lock of the releases folder, held until dropped (then its file is deleted, and the
/// folder too when the lock made it and it is still empty: a refused first release leaves no
/// empty `releases/`).
pub(crate) struct ReleaseLock {
    path: PathBuf,
    made_dir: bool,
    _file: File,
}

impl ReleaseLock {
    /// Takes the lock of `dir` (the releases folder, made if missing), or refuses when another
    /// release holds it, naming its process.
    pub(crate) fn take(dir: &Path) -> Result<ReleaseLock> {
        let made_dir = !dir.exists();
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(LOCK_FILE);
        // A holder deletes the file as it finishes: when the file locked is no longer the one
        // at `path`, the lock is taken again on the new one.
        for _ in 0..100 {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .with_context(|| format!("cannot open {}", path.display()))?;
            if !try_lock(&file).with_context(|| format!("cannot lock {}", path.display()))? {
                let holder = match holder_of(&path).as_deref() {
                    Some(pid) => format!("process {pid}"),
                    None => "another process".to_string(),
                };
                bail!(
                    "another release is running ({holder} holds {}); wait for it to finish",
                    path.display()
                );
            }
            if is_same_file(&file, &path) {
                let mut f = &file;
                file.set_len(0)
                    .and_then(|()| writeln!(f, "{}", std::process::id()))
                    .with_context(|| format!("cannot write {}", path.display()))?;
                return Ok(ReleaseLock {
                    path,
                    made_dir,
                    _file: file,
                });
            }
        }
        bail!("cannot take the lock {}", path.display())
    }
}

/// The process id in the lock file at `path`. The holder writes it just after taking the lock,
/// so a file still empty is read again for up to half a second.
fn holder_of(path: &Path) -> Option<String> {
    for _ in 0..50 {
        let text = fs::read_to_string(path).unwrap_or_default();
        if let Some(pid) = text
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|_| text.ends_with('\n'))
        {
            return Some(pid.to_string());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    None
}

impl Drop for ReleaseLock {
    fn drop(&mut self) {
        // Deleted while still locked; the lock goes with the file handle just after.
        let _ = fs::remove_file(&self.path);
        if self.made_dir
            && let Some(dir) = self.path.parent()
        {
            // Only an empty folder is removed; one the release filled stays.
            let _ = fs::remove_dir(dir);
        }
    }
}

/// Takes the kernel's advisory lock on `file` without waiting; `false` if another holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(rustix::io::Errno::WOULDBLOCK) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Without `flock`, the lock file is only written: two releases at once are not detected.
#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

/// Whether the open `file` is still the one at `path` (not deleted and made again).
#[cfg(unix)]
fn is_same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_same_file(_file: &File, path: &Path) -> bool {
    path.is_file()
}

/// The folder a release's snapshot is written into, renamed into place by
/// [`Snapshot::commit`], deleted if dropped before.
pub(crate) struct Snapshot {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// The marker of a staging folder's name: `.VERSION.recpub-new-PID`.
const STAGING: &str = ".recpub-new-";

impl Snapshot {
    /// A fresh staging folder for `target` (`releases/VERSION`), beside it.
    pub(crate) fn create(target: &Path) -> Result<Snapshot> {
        let parent = target.parent().context("release folder without a parent")?;
        let name = target
            .file_name()
            .context("release folder without a name")?;
        let dir = parent.join(format!(
            ".{}{STAGING}{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        if dir.exists() {
            remove_leftover(&dir)?;
        }
        fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Snapshot {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Where the snapshot's files go.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }

    /// Renames the complete snapshot into place.
    pub(crate) fn commit(mut self) -> Result<()> {
        if self.target.exists() {
            bail!("{} appeared during the release", self.target.display());
        }
        fs::rename(&self.dir, &self.target)
            .with_context(|| format!("cannot move {} into place", self.dir.display()))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: the error that stopped the release is the one reported.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// What a release writes into a snapshot: anything else in a leftover folder means it is not
/// one, and it stays.
const SNAPSHOT_ENTRIES: [&str; 5] = [
    "release.md",
    "recommendations",
    "legend.toml",
    "sections.toml",
    "parties.toml",
];

/// Deletes the staging folders that releases killed before they finished left in `dir` (the
/// releases folder): `.VERSION.recpub-new-PID`, and `.VERSION.partial` of earlier versions of
/// recpub. Called with the lock held, so no release that runs has one. Returns what stays: a
/// folder of that name holding something a release does not write.
pub(crate) fn clear_leftovers(dir: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let staging =
            name.starts_with('.') && (name.contains(STAGING) || name.ends_with(".partial"));
        if staging
            && entry.path().is_dir()
            && let Err(e) = remove_leftover(&entry.path())
        {
            kept.push(format!("{e:#}"));
        }
    }
    kept.sort();
    kept
}

/// Deletes a leftover snapshot folder, if it holds only what a release writes.
fn remove_leftover(dir: &Path) -> Result<()> {
    let entries = fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !SNAPSHOT_ENTRIES.contains(&name.as_str()) {
            bail!(
                "leaving {}: it holds {name}, which a release does not write",
                dir.display()
            );
        }
    }
    fs::remove_dir_all(dir).with_context(|| format!("cannot delete {}", dir.display()))
}

/// Replaces the file at `path` with `bytes` in one step: written to a temporary file in the
/// same folder (same file system), flushed to disk, given the permissions of the file it
/// replaces, then renamed over it. A reader sees the old text or the new, never an empty or
/// partial file; on failure the temporary file is deleted and `path` is as it was.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path.file_name().context("a file to write has no name")?;
    // `.tmp`: `serve` and editors' watchers take it for a scratch file, not content.
    let tmp = dir.join(format!(
        ".{}.recpub-{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = fs::metadata(path) {
            fs::set_permissions(&tmp, meta.permissions())?;
        }
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(e).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests;
