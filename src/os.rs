//! What the operating system can tell or do for the output swap and the cache: paths and
//! process ids in, answers out. Linux has an atomic exchange of two folders and
//! `/proc/self/mountinfo`; other systems get the safe answer (no exchange, so two renames; no
//! mount point known; every process assumed alive, so no folder of another build is ever
//! deleted).

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Whether `dir` is a mount point: on another device than its parent, or listed in
/// `/proc/self/mountinfo` (a bind mount shares its parent's device).
pub(crate) fn is_mount_point(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let Ok(canonical) = fs::canonicalize(dir) else {
            return false;
        };
        let parent = canonical.parent().unwrap_or(&canonical);
        let dev = |p: &Path| fs::metadata(p).map(|m| m.dev()).ok();
        if canonical.parent().is_none() || dev(&canonical) != dev(parent) {
            return true;
        }
        let mounts = fs::read_to_string("/proc/self/mountinfo").unwrap_or_default();
        let wanted = canonical.to_string_lossy();
        mounts
            .lines()
            .filter_map(|l| l.split(' ').nth(4))
            .any(|m| unescape_mount(m) == wanted)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
}

/// `/proc/self/mountinfo` writes space, tab, newline and backslash as octal escapes.
fn unescape_mount(field: &str) -> String {
    field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

/// Exchanges two folders in one step; `false` where the system or file system cannot.
pub(crate) fn exchange(a: &Path, b: &Path) -> Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Ok(()) => Ok(true),
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => Ok(false),
            Err(e) => Err(std::io::Error::from(e))
                .with_context(|| format!("cannot swap {} and {}", a.display(), b.display())),
        }
    }
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    {
        let _ = (a, b);
        Ok(false)
    }
}

/// Whether a process with this id exists (then its folders are left alone).
pub(crate) fn process_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        use rustix::process::{Pid, test_kill_process};
        let Some(pid) = i32::try_from(pid).ok().and_then(Pid::from_raw) else {
            return false;
        };
        !matches!(test_kill_process(pid), Err(rustix::io::Errno::SRCH))
    }
    #[cfg(not(unix))]
    {
        // Without a way to ask, assume it runs: its folders are then never deleted.
        let _ = pid;
        true
    }
}

/// For tests of what tells dead processes from live ones: the id of a process that has
/// exited, and a process that runs until the returned guard is dropped.
#[cfg(all(test, unix))]
pub(crate) fn dead_and_live() -> (u32, LiveProcess) {
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let running = std::process::Command::new("sleep")
        .arg("30")
        .spawn()
        .unwrap();
    (dead, LiveProcess(running))
}

/// A process that runs until dropped (then killed and waited for).
#[cfg(all(test, unix))]
pub(crate) struct LiveProcess(std::process::Child);

#[cfg(all(test, unix))]
impl LiveProcess {
    pub(crate) fn id(&self) -> u32 {
        self.0.id()
    }
}

#[cfg(all(test, unix))]
impl Drop for LiveProcess {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(target_os = "linux")]
    #[test]
    fn mount_points_are_recognised() {
        assert!(is_mount_point(Path::new("/proc")));
        let tmp = tempfile::tempdir().unwrap();
        assert!(!is_mount_point(tmp.path()));
    }

    #[test]
    fn mountinfo_escapes_are_undone() {
        assert_eq!(unescape_mount("/mnt/my\\040disk"), "/mnt/my disk");
    }
}
