//! The last offline ZIP a build made, kept in the cache folder (`offline/`) with an
//! index of what each entry was made from: the online file's path and a digest of its bytes
//! and of everything else its offline version depends on. In: the cache folder and that
//! "everything else" (the identity); out: for each online file whose digest is unchanged, the
//! archive entries to copy as they are, so that a rebuild rewrites and deflates only the files
//! that changed. A copied entry is the same bytes a fresh one would be (same level, same fixed
//! stamps), so a build from a warm cache equals one from an empty cache byte for byte.
//! Anything missing, unreadable or made for another identity is ignored: its entries are
//! made again.

use std::collections::HashMap;
use std::fs;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use siphasher::sip128::{Hasher128, SipHasher13};
use zip::ZipArchive;

/// The index's name in the cache folder; it names its archive, `edition-<digest>.zip`.
const INDEX: &str = "edition.idx";

/// The previous archive, and which of its entries each online file made.
pub(crate) struct KeptZip {
    dir: Option<PathBuf>,
    identity: String,
    archive: Option<ZipArchive<BufReader<File>>>,
    /// Online path → (digest, the archive indexes of its entries).
    sources: HashMap<String, (String, Vec<usize>)>,
    /// The index as read, to skip rewriting an unchanged one.
    index_text: String,
}

impl KeptZip {
    /// Nothing kept: every entry is made.
    pub(crate) fn none() -> KeptZip {
        KeptZip {
            dir: None,
            identity: String::new(),
            archive: None,
            sources: HashMap::new(),
            index_text: String::new(),
        }
    }

    /// What `dir` keeps for `identity` (nothing, when it keeps nothing usable).
    pub(crate) fn load(dir: &Path, identity: String) -> KeptZip {
        let mut kept = KeptZip {
            dir: Some(dir.to_path_buf()),
            ..KeptZip::none()
        };
        let index = fs::read_to_string(dir.join(INDEX)).unwrap_or_default();
        let mut lines = index.lines();
        if lines.next() == Some(identity.as_str())
            && let Some(name) = lines.next().filter(|n| is_archive_name(n))
            && let Ok(file) = File::open(dir.join(name))
            && let Ok(archive) = ZipArchive::new(BufReader::new(file))
        {
            kept.sources = lines.filter_map(|l| source(l, &archive)).collect();
            kept.archive = Some(archive);
            kept.index_text = index;
        }
        kept.identity = identity;
        kept
    }

    /// What the entries depend on besides their own files (see [`key`]).
    pub(crate) fn identity(&self) -> &str {
        &self.identity
    }

    /// The archive indexes of the entries `path` made last time, if its digest is `key`.
    pub(crate) fn entries(&self, path: &str, key: &str) -> Option<&[usize]> {
        self.sources
            .get(path)
            .filter(|(k, _)| k == key)
            .map(|(_, entries)| entries.as_slice())
    }

    /// The cache folder, as shown to a reader (`-` when there is none).
    pub(crate) fn dir(&self) -> String {
        self.dir
            .as_ref()
            .map_or("-".into(), |d| d.display().to_string())
    }

    /// The previous archive, to copy entries from.
    pub(crate) fn archive(&mut self) -> Option<&mut ZipArchive<BufReader<File>>> {
        self.archive.as_mut()
    }

    /// Keeps `archive`, made from the online files of the index `lines`, for the next
    /// build; writes nothing when the index is unchanged (the archive is then the same too).
    pub(crate) fn save(&self, archive: &[u8], lines: &str) -> Result<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let body = sorted_lines(lines);
        // The archive is named by a digest of the index, which names it: two builds sharing
        // the folder each find the archive their index was written with.
        let name = format!(
            "edition-{}.zip",
            sip(&[self.identity.as_bytes(), body.as_bytes()])
        );
        let index = format!("{}\n{name}\n{body}", self.identity);
        if index == self.index_text {
            return Ok(());
        }
        let write = || -> std::io::Result<()> {
            fs::create_dir_all(dir)?;
            replace(&dir.join(&name), archive)?;
            replace(&dir.join(INDEX), index.as_bytes())?;
            // Earlier archives are no longer named by the index.
            for entry in fs::read_dir(dir)? {
                let old = entry?.file_name();
                let old = old.to_string_lossy();
                if is_archive_name(&old) && old != name {
                    let _ = fs::remove_file(dir.join(&*old));
                }
            }
            Ok(())
        };
        write().with_context(|| format!("keeping the offline ZIP in {}", dir.display()))
    }
}

/// The digest an online file at `path` with these bytes is kept under, for `identity`.
pub(crate) fn key(identity: &str, path: &str, bytes: &[u8]) -> String {
    sip(&[identity.as_bytes(), path.as_bytes(), bytes])
}

/// SipHash-1-3, 128 bits, of `parts` (each preceded by its length), as 32 hex digits. Every
/// online byte is hashed on every build, so it must be quick: the FNV digest of the preview
/// cache took as many instructions as the rest of the ZIP.
fn sip(parts: &[&[u8]]) -> String {
    use std::hash::Hasher;
    let mut h = SipHasher13::new();
    for part in parts {
        h.write_u64(part.len() as u64);
        h.write(part);
    }
    format!("{:032x}", h.finish128().as_u128())
}

/// The index's lines (`digest<TAB>path<TAB>entry name…` per online file), sorted.
fn sorted_lines(lines: &str) -> String {
    let mut lines: Vec<&str> = lines.lines().collect();
    lines.sort_unstable();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Whether `name` is one of the archives this module writes (and nothing else).
fn is_archive_name(name: &str) -> bool {
    name.strip_prefix("edition-")
        .and_then(|n| n.strip_suffix(".zip"))
        .is_some_and(|d| d.len() == 32 && d.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// One index line: `digest<TAB>path<TAB>entry name…`, with each name found in `archive`.
fn source(
    line: &str,
    archive: &ZipArchive<BufReader<File>>,
) -> Option<(String, (String, Vec<usize>))> {
    let mut fields = line.split('\t');
    let key = fields.next()?.to_string();
    let path = fields.next()?.to_string();
    let entries = fields
        .map(|name| archive.index_for_name(name))
        .collect::<Option<Vec<usize>>>()?;
    Some((path, (key, entries)))
}

/// Writes `bytes` under a temporary name, then renames it into place.
fn replace(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;
    use std::sync::Mutex;

    use super::*;
    use crate::offline::ZipSink;

    /// Zips `files` (each its own offline version) with what `dir` keeps for `identity`;
    /// gives the archive and the files that had to be made.
    fn zip(files: &[(&str, &str)], kept: KeptZip) -> (Vec<u8>, Vec<String>) {
        let sink = ZipSink::new("site".into(), kept);
        let made = Mutex::new(Vec::new());
        for (path, text) in files {
            let make = || {
                made.lock().unwrap().push(path.to_string());
                Ok(vec![(path.to_string(), Cow::Borrowed(text.as_bytes()))])
            };
            sink.add(path, text.as_bytes(), make).unwrap();
        }
        let mut made = made.into_inner().unwrap();
        made.sort();
        (sink.finish().unwrap(), made)
    }

    const FILES: [(&str, &str); 3] = [
        ("a.html", "<p>a</p>"),
        ("b.css", "b{}"),
        ("sitemap.xml", ""),
    ];

    #[test]
    fn unchanged_files_are_copied_and_the_archive_is_the_same_as_made_afresh() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = || KeptZip::load(tmp.path(), "id".into());
        let (cold, made) = zip(&FILES, kept());
        assert_eq!(made, ["a.html", "b.css", "sitemap.xml"]);
        let (warm, made) = zip(&FILES, kept());
        assert_eq!((warm == cold, made.len()), (true, 0));

        let mut edited = FILES;
        edited[1] = ("b.css", "b{color:red}");
        let (warm, made) = zip(&edited, kept());
        assert_eq!(made, ["b.css"]);
        assert_eq!(warm, zip(&edited, KeptZip::none()).0);
        assert_ne!(warm, cold);
        // Only the archive the index names is left.
        let archives = fs::read_dir(tmp.path()).unwrap().count() - 1;
        assert_eq!(archives, 1);
    }

    #[test]
    fn another_identity_or_a_damaged_archive_makes_every_file_again() {
        let tmp = tempfile::tempdir().unwrap();
        let (cold, _) = zip(&FILES, KeptZip::load(tmp.path(), "id".into()));
        let (other, made) = zip(&FILES, KeptZip::load(tmp.path(), "other".into()));
        assert_eq!((other == cold, made.len()), (true, 3));

        let index = fs::read_to_string(tmp.path().join(INDEX)).unwrap();
        let archive = index.lines().nth(1).unwrap();
        fs::write(tmp.path().join(archive), b"not a zip").unwrap();
        let (again, made) = zip(&FILES, KeptZip::load(tmp.path(), "other".into()));
        assert_eq!((again == cold, made.len()), (true, 3));
    }

    #[test]
    fn index_lines_are_sorted() {
        let lines = "k2\tb.html\tsite/b.html\nk1\ta.html\tsite/a.html\tsite/a.js\nk4\trobots.txt\n";
        assert_eq!(
            sorted_lines(lines),
            "k1\ta.html\tsite/a.html\tsite/a.js\nk2\tb.html\tsite/b.html\nk4\trobots.txt\n"
        );
        assert_eq!(sorted_lines(""), "");
    }

    #[test]
    fn only_archives_of_this_module_are_deleted() {
        assert!(is_archive_name(
            "edition-0123456789abcdef0123456789abcdef.zip"
        ));
        assert!(!is_archive_name("edition-x.zip"));
        assert!(!is_archive_name("edition.idx"));
        assert!(!is_archive_name(
            "edition-0123456789abcdef0123456789abcdef.zip.bak"
        ));
    }
}
