use super::*;

#[test]
fn an_atomic_write_replaces_the_file_and_leaves_no_temporary_file() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("site.toml");
    fs::write(&path, "old = 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    }
    write_atomic(&path, b"new = 2\n").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "new = 2\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the permissions of the file replaced are kept");
    }
    let names: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["site.toml"], "no temporary file is left");
    // A new file is made the same way.
    write_atomic(&tmp.path().join("new.md"), b"x").unwrap();
    assert_eq!(fs::read(tmp.path().join("new.md")).unwrap(), b"x");
}

#[test]
fn a_failed_atomic_write_leaves_the_file_as_it_was() {
    let tmp = tempfile::tempdir().unwrap();
    // The target is a folder: the rename fails after the temporary file is written.
    let target = tmp.path().join("taken");
    fs::create_dir(&target).unwrap();
    fs::write(target.join("keep"), "kept").unwrap();
    let err = write_atomic(&target, b"text").unwrap_err();
    assert!(format!("{err:#}").starts_with("cannot write"), "{err:#}");
    assert_eq!(fs::read_to_string(target.join("keep")).unwrap(), "kept");
    let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "the temporary file is deleted");
}

#[cfg(unix)]
#[test]
fn one_release_holds_the_lock_and_a_dead_ones_lock_is_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("releases");
    fs::create_dir(&dir).unwrap();
    let held = ReleaseLock::take(&dir).unwrap();
    let path = dir.join(LOCK_FILE);
    let pid = std::process::id();
    assert_eq!(fs::read_to_string(&path).unwrap(), format!("{pid}\n"));
    let refused = ReleaseLock::take(&dir).err().unwrap().to_string();
    assert_eq!(
        refused,
        format!(
            "another release is running (process {pid} holds {}); wait for it to finish",
            path.display()
        )
    );
    drop(held);
    assert!(!path.exists(), "the lock file goes with the lock");
    // A lock file whose process died (the kernel let go of its lock): taken over.
    fs::write(&path, "4194303\n").unwrap();
    let again = ReleaseLock::take(&dir).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), format!("{pid}\n"));
    drop(again);
    assert!(dir.is_dir(), "a folder that was there stays");
    // A lock that made the folder removes it when nothing else is in it.
    let fresh = tmp.path().join("new");
    drop(ReleaseLock::take(&fresh).unwrap());
    assert!(!fresh.exists());
}

#[test]
fn a_snapshot_is_moved_in_whole_or_not_at_all() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("1.2");
    let snap = Snapshot::create(&target).unwrap();
    let staging = snap.dir().to_path_buf();
    assert!(
        staging
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".1.2.recpub-new-")
    );
    fs::write(staging.join("release.md"), "note").unwrap();
    drop(snap);
    assert!(
        !staging.exists() && !target.exists(),
        "a failed release leaves nothing"
    );
    let snap = Snapshot::create(&target).unwrap();
    fs::write(snap.dir().join("release.md"), "note").unwrap();
    snap.commit().unwrap();
    assert_eq!(
        fs::read_to_string(target.join("release.md")).unwrap(),
        "note"
    );
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn leftovers_of_killed_releases_go_and_other_folders_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let folder = |name: &str, files: &[&str]| {
        let d = dir.join(name);
        fs::create_dir_all(d.join("recommendations")).unwrap();
        for f in files {
            fs::write(d.join(f), "x").unwrap();
        }
        d
    };
    let legacy = folder(".1.2.partial", &["legend.toml"]);
    let killed = folder(".1.3.recpub-new-12345", &["release.md", "parties.toml"]);
    let foreign = folder(".1.4.recpub-new-12345", &["thesis.tex"]);
    let release = folder("1.1", &["release.md"]);
    let other = folder(".git", &["config"]);
    let kept = clear_leftovers(dir);
    assert!(!legacy.exists() && !killed.exists());
    assert!(foreign.join("thesis.tex").exists() && release.exists() && other.exists());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(kept[0].contains("it holds thesis.tex"), "{kept:?}");
}
