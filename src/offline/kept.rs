//! The last offline ZIP a build made, kept in the cache folder as one file,
//! `offline/edition.zip`: the archive as published, plus one entry, `.recpub-index`, saying
//! how entries are compressed ([`super::zip::format`]), what each of its entries was made from
//! (the online file's path and a digest of its bytes and of everything else its offline
//! version depends on), a checksum of each entry as it is stored, and a digest of each
//! entry's uncompressed bytes (its content key). In: the cache folder and that "everything
//! else" (the identity); out: for each online file whose digest is unchanged, the archive
//! entries to copy as they are, and for each offline file made anew, a kept entry with the
//! same bytes under any name, so that a rebuild rewrites only the files that changed and
//! deflates only the bytes that changed. Either way an entry is copied only if its checksum
//! holds. A copied entry is the same bytes a fresh one would be (same deflater, level and
//! fixed stamps), so a build from a warm cache equals one from an empty cache byte for byte.
//! Anything missing, unreadable or made in another format is ignored, and an entry whose
//! checksum fails is made again, alone. The file is only ever replaced whole (written under
//! a temporary name, then renamed), so builds sharing the folder each read an archive with
//! the index written with it. Keeping it is an optimisation: a failed write is recorded for
//! the build's one warning, and the temporaries of dead builds are deleted.

use std::collections::HashMap;
use std::fs;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use zip::ZipArchive;
use zip::read::ZipFile;

use crate::cache::{self, WriteFailures, checksum};

/// The kept archive's name in the cache folder.
const FILE: &str = "edition.zip";
/// The entry of the kept archive that holds its index (never in a published ZIP, whose
/// entries are all under the edition's top folder).
const INDEX_ENTRY: &str = ".recpub-index";

/// One entry of the kept archive.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Entry {
    /// Its index in the kept archive.
    pub(crate) index: usize,
    /// Its checksum as stored (see [`entry_checksum`]).
    pub(crate) sum: String,
    /// The digest of its uncompressed bytes and of how they are compressed ([`content_key`]).
    pub(crate) content: String,
}

/// How much the kept archive's reader reads ahead. Every entry copied is sought twice
/// (checked, then copied), and a seek drops what was read ahead: 8 KiB, the default, meant
/// about 560 MB copied for nothing at 100× (34,135 entries); entries' bytes are read past it.
const READ_AHEAD: usize = 512;

/// The entries one online file made.
type Entries = Vec<Entry>;

/// The previous archive, and which of its entries each online file made.
pub(crate) struct KeptZip {
    dir: Option<PathBuf>,
    identity: String,
    archive: Option<ZipArchive<BufReader<File>>>,
    /// Online path → (digest, its entries).
    sources: HashMap<String, (String, Entries)>,
    /// Every entry, by the digest of its uncompressed bytes ([`content_key`]).
    contents: HashMap<String, Entry>,
    /// The index as read, to skip rewriting an unchanged one; emptied when an entry turns
    /// out missing or damaged, so that the repaired archive is kept.
    index_text: String,
    /// The kept archive's size in bytes (0 when there is none).
    size: u64,
    /// Reused to read entries for their checksums.
    buf: Vec<u8>,
    /// Where a failed write is told.
    failures: WriteFailures,
}

impl KeptZip {
    /// Nothing kept: every entry is made.
    pub(crate) fn none() -> KeptZip {
        KeptZip {
            dir: None,
            identity: String::new(),
            archive: None,
            sources: HashMap::new(),
            contents: HashMap::new(),
            index_text: String::new(),
            size: 0,
            buf: Vec::new(),
            failures: WriteFailures::default(),
        }
    }

    /// What `dir` keeps (nothing, when it keeps nothing usable or was made by another format
    /// or compressor: see [`super::zip::format`]); entries are reused by online file for
    /// `identity` (see [`key`]) and by content for any. A failure to keep the next archive
    /// will be told to `failures`.
    pub(crate) fn load(dir: &Path, identity: String, failures: &WriteFailures) -> KeptZip {
        cache::clear_dead_temporaries(dir);
        let mut kept = KeptZip {
            dir: Some(dir.to_path_buf()),
            failures: failures.clone(),
            ..KeptZip::none()
        };
        if let Ok(file) = File::open(dir.join(FILE))
            && let Ok(size) = file.metadata().map(|m| m.len())
            && let Ok(mut archive) = ZipArchive::new(BufReader::with_capacity(READ_AHEAD, file))
            && let Some(index) = read_index(&mut archive)
        {
            let mut lines = index.lines();
            if lines.next() == Some(super::zip::format()) {
                let mut whole = true;
                for line in lines {
                    match source(line, &archive) {
                        Some((path, entries)) => {
                            for e in &entries.1 {
                                kept.contents.insert(e.content.clone(), e.clone());
                            }
                            kept.sources.insert(path, entries);
                        }
                        None => whole = false,
                    }
                }
                kept.archive = Some(archive);
                kept.size = size;
                if whole {
                    kept.index_text = index;
                }
            }
        }
        kept.identity = identity;
        kept
    }

    /// What the entries depend on besides their own files (see [`key`]).
    pub(crate) fn identity(&self) -> &str {
        &self.identity
    }

    /// The entries `path` made last time, if its digest is `key` and each entry's checksum
    /// holds; else `None`, and the file is made again.
    pub(crate) fn entries(&mut self, path: &str, key: &str) -> Option<Entries> {
        let entries = match self.sources.get(path) {
            Some((k, entries)) if k == key => entries.clone(),
            _ => return None,
        };
        let sound = entries
            .iter()
            .all(|e| self.checked(e, None).is_some_and(|s| s == e.sum));
        if !sound {
            self.sources.remove(path);
            self.index_text.clear();
            return None;
        }
        Some(entries)
    }

    /// A kept entry whose uncompressed bytes have the digest `content`, under whatever name,
    /// if its checksum holds, with the checksum it will have as `name`; else `None`, and the
    /// bytes are compressed again.
    pub(crate) fn by_content(&mut self, content: &str, name: &str) -> Option<Entry> {
        let entry = self.contents.get(content)?.clone();
        let sums = self.checked(&entry, Some(name));
        match sums {
            Some(renamed) => Some(Entry {
                sum: renamed,
                ..entry
            }),
            None => {
                self.contents.remove(content);
                self.index_text.clear();
                None
            }
        }
    }

    /// `entry`'s checksum as read (`None` if unreadable), or, if that is the one kept and a
    /// `rename` is given, its checksum under that name.
    fn checked(&mut self, entry: &Entry, rename: Option<&str>) -> Option<String> {
        let archive = self.archive.as_mut()?;
        let file = archive.by_index_raw(entry.index).ok()?;
        let (name, how) = entry_read(file, &mut self.buf).ok()?;
        let sum = checksum(&[name.as_bytes(), how.as_bytes(), &self.buf]);
        match rename {
            None => Some(sum),
            Some(_) if sum != entry.sum => None,
            Some(to) => Some(checksum(&[to.as_bytes(), how.as_bytes(), &self.buf])),
        }
    }

    /// The cache folder, as shown to a reader (`-` when there is none).
    pub(crate) fn dir(&self) -> String {
        self.dir
            .as_ref()
            .map_or("-".into(), |d| d.display().to_string())
    }

    /// The kept archive's size in bytes: at most what its entries take in a new archive.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// The previous archive, to copy entries from.
    pub(crate) fn archive(&mut self) -> Option<&mut ZipArchive<BufReader<File>>> {
        self.archive.as_mut()
    }

    /// Keeps `archive`, made from the online files of the index `lines`, for the next
    /// build, with its index as one more entry; writes nothing when the index is unchanged
    /// (the archive is then the same too). A failure is recorded, not returned.
    pub(crate) fn save(&self, archive: &[u8], lines: &str) {
        let Some(dir) = &self.dir else { return };
        let index = format!("{}\n{}", super::zip::format(), sorted_lines(lines));
        if index == self.index_text {
            return;
        }
        let tmp = cache::temporary(dir);
        let write = || -> Result<()> {
            fs::create_dir_all(dir)?;
            fs::write(&tmp, archive)?;
            let file = fs::OpenOptions::new().read(true).write(true).open(&tmp)?;
            let mut zip = zip::ZipWriter::new_append(file)?;
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file(INDEX_ENTRY, stored)?;
            zip.write_all(index.as_bytes())?;
            zip.finish()?;
            fs::rename(&tmp, dir.join(FILE))?;
            // What earlier versions kept: an index beside archives named by digests.
            for entry in fs::read_dir(dir)?.flatten() {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                if name == "edition.idx" || is_old_archive_name(&name) {
                    let _ = fs::remove_file(entry.path());
                }
            }
            Ok(())
        };
        if let Err(e) = write() {
            let _ = fs::remove_file(&tmp);
            self.failures.record(&dir.join(FILE), &format!("{e:#}"));
        }
    }
}

/// The digest an online file at `path` with these bytes is kept under, for `identity`.
pub(crate) fn key(identity: &str, path: &str, bytes: &[u8]) -> String {
    digest(&[identity.as_bytes(), path.as_bytes(), bytes])
}

/// XXH3 (128 bits) of `parts`, each preceded by its length, as 32 hex digits: the keys that
/// every online byte (and, when a file is made, every offline byte) goes through, about ten
/// times as fast as SipHash here. A key only finds an entry; the entry's checksum
/// ([`entry_checksum`]) is what is checked before it is copied.
fn digest(parts: &[&[u8]]) -> String {
    let mut hash = xxhash_rust::xxh3::Xxh3Default::new();
    for part in parts {
        hash.update(&(part.len() as u64).to_le_bytes());
        hash.update(part);
    }
    format!("{:032x}", hash.digest128())
}

/// The digest the uncompressed bytes of an entry are kept under: of the bytes, and of how
/// they are compressed and stored ([`super::zip::format`]), so that a kept entry is copied,
/// under any name, only where compressing the bytes now would give the same entry.
pub(crate) fn content_key(bytes: &[u8]) -> String {
    digest(&[super::zip::format().as_bytes(), bytes])
}

/// The checksum of an archive entry as it is stored and copied (read raw, not
/// decompressed): its name, how it is stored, its stamps, and its compressed bytes.
pub(crate) fn entry_checksum<R: Read>(file: ZipFile<'_, R>, buf: &mut Vec<u8>) -> Result<String> {
    let (name, how) = entry_read(file, buf)?;
    Ok(checksum(&[name.as_bytes(), how.as_bytes(), buf]))
}

/// An entry read raw: its compressed bytes into `buf`; its name, and how it is stored.
fn entry_read<R: Read>(mut file: ZipFile<'_, R>, buf: &mut Vec<u8>) -> Result<(String, String)> {
    buf.clear();
    file.read_to_end(buf)?;
    let how = format!(
        "{:?} {} {} {} {:?} {:?} {:?} {:?}",
        file.compression(),
        file.crc32(),
        file.compressed_size(),
        file.size(),
        file.unix_mode(),
        file.last_modified(),
        file.extra_data(),
        file.comment(),
    );
    Ok((file.name().to_string(), how))
}

/// The kept archive's index entry, as text.
fn read_index(archive: &mut ZipArchive<BufReader<File>>) -> Option<String> {
    let mut text = String::new();
    archive
        .by_name(INDEX_ENTRY)
        .ok()?
        .read_to_string(&mut text)
        .ok()?;
    Some(text)
}

/// The index's lines (`digest<TAB>path<TAB>entry name<TAB>checksum<TAB>content…` per online
/// file), sorted.
fn sorted_lines(lines: &str) -> String {
    let mut lines: Vec<&str> = lines.lines().collect();
    lines.sort_unstable();
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// Whether `name` is an archive earlier versions kept (`edition-<32 hex digits>.zip`).
fn is_old_archive_name(name: &str) -> bool {
    name.strip_prefix("edition-")
        .and_then(|n| n.strip_suffix(".zip"))
        .is_some_and(|d| d.len() == 32 && d.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The path and entries of one index line,
/// `digest<TAB>path<TAB>(name<TAB>checksum<TAB>content)…`, with each name found in `archive`.
fn source(
    line: &str,
    archive: &ZipArchive<BufReader<File>>,
) -> Option<(String, (String, Entries))> {
    let mut fields = line.split('\t');
    let key = fields.next()?.to_string();
    let path = fields.next()?.to_string();
    let mut entries = Vec::new();
    while let Some(name) = fields.next() {
        entries.push(Entry {
            index: archive.index_for_name(name)?,
            sum: fields.next()?.to_string(),
            content: fields.next()?.to_string(),
        });
    }
    Some((path, (key, entries)))
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
        let (archive, made, _) = zip_in("site", files, kept);
        (archive, made)
    }

    /// [`zip`] under the top folder `folder`; also gives how many entries were deflated.
    fn zip_in(
        folder: &str,
        files: &[(&str, &str)],
        kept: KeptZip,
    ) -> (Vec<u8>, Vec<String>, usize) {
        let sink = ZipSink::new(folder.into(), kept);
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
        let deflated = sink.deflated();
        (sink.finish().unwrap(), made, deflated)
    }

    const FILES: [(&str, &str); 3] = [
        ("a.html", "<p>a</p>"),
        ("b.css", "b{}"),
        ("sitemap.xml", ""),
    ];

    #[test]
    fn unchanged_files_are_copied_and_the_archive_is_the_same_as_made_afresh() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = || KeptZip::load(tmp.path(), "id".into(), &WriteFailures::default());
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
        // One file: the archive with its index.
        let names: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn another_identity_or_a_damaged_archive_makes_every_file_again() {
        let tmp = tempfile::tempdir().unwrap();
        let (cold, _) = zip(
            &FILES,
            KeptZip::load(tmp.path(), "id".into(), &WriteFailures::default()),
        );
        let (other, made) = zip(
            &FILES,
            KeptZip::load(tmp.path(), "other".into(), &WriteFailures::default()),
        );
        assert_eq!((other == cold, made.len()), (true, 3));

        fs::write(tmp.path().join(FILE), b"not a zip").unwrap();
        let (again, made) = zip(
            &FILES,
            KeptZip::load(tmp.path(), "other".into(), &WriteFailures::default()),
        );
        assert_eq!((again == cold, made.len()), (true, 3));
    }

    /// Rewrites the kept archive in `dir`: its entry `name` holds `text` instead (deflated
    /// as a build deflates, with a right CRC), or is left out (`None`); the rest is copied.
    fn tamper(dir: &Path, name: &str, text: Option<&str>) {
        let path = dir.join(FILE);
        let mut old = ZipArchive::new(File::open(&path).unwrap()).unwrap();
        let mut new = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..old.len() {
            let entry = old.by_index_raw(i).unwrap();
            if entry.name() != name {
                new.raw_copy_file(entry).unwrap();
            } else if let Some(text) = text {
                drop(entry);
                new.start_file(name, crate::offline::zip::options())
                    .unwrap();
                new.write_all(text.as_bytes()).unwrap();
            }
        }
        fs::write(&path, new.finish().unwrap().into_inner()).unwrap();
    }

    /// Rewrites the kept archive in `dir` as another compressor setting would have made it:
    /// every entry deflated again at `level` from the same bytes, under an index that names
    /// `format` and the new entries' checksums, so that only the format tells it apart.
    fn recompress(dir: &Path, level: i64, format: &str) {
        let path = dir.join(FILE);
        let mut old = ZipArchive::new(BufReader::new(File::open(&path).unwrap())).unwrap();
        let index = read_index(&mut old).unwrap();
        let options = crate::offline::zip::options().compression_level(Some(level));
        let mut new = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..old.len() {
            let mut entry = old.by_index(i).unwrap();
            let name = entry.name().to_string();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            drop(entry);
            if name != INDEX_ENTRY {
                new.start_file(name, options).unwrap();
                new.write_all(&bytes).unwrap();
            }
        }
        let mut archive = new.finish_into_readable().unwrap();
        let mut sums = HashMap::new();
        for i in 0..archive.len() {
            let file = archive.by_index_raw(i).unwrap();
            let name = file.name().to_string();
            sums.insert(name, entry_checksum(file, &mut Vec::new()).unwrap());
        }
        let mut text = format!("{format}\n");
        for line in index.lines().skip(1) {
            let mut fields: Vec<&str> = line.split('\t').collect();
            for i in (2..fields.len()).step_by(3) {
                fields[i + 1] = &sums[fields[i]];
            }
            text.push_str(&fields.join("\t"));
            text.push('\n');
        }
        let mut zip = zip::ZipWriter::new_append(archive.into_inner()).unwrap();
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file(INDEX_ENTRY, stored).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
        fs::write(&path, zip.finish().unwrap().into_inner()).unwrap();
    }

    /// An entry deflated by another deflater, version or level decompresses to the same
    /// bytes but is not the entry this build makes: copied, it would make a warm build
    /// differ from a cold one. The format line of the kept index is what tells them apart.
    #[test]
    fn entries_made_by_another_compressor_setting_are_not_reused() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = || KeptZip::load(tmp.path(), "id".into(), &WriteFailures::default());
        let page: String = (0..400)
            .map(|i| format!("<p>item {i}: {}</p>", i * i % 97))
            .collect();
        let files = [("a.html", page.as_str()), ("b.css", "b{}")];
        let (cold, _, _) = zip_in("site", &files, kept());
        let other = super::super::zip::format().replace("deflate level 6", "deflate level 1");
        assert_ne!(other, super::super::zip::format());
        recompress(tmp.path(), 1, &other);
        let (warm, made, deflated) = zip_in("site", &files, kept());
        assert_eq!(
            (made.len(), deflated),
            (2, 2),
            "nothing is copied: {made:?}"
        );
        assert!(warm == cold, "the archive is the one this setting makes");
        // The same archive under this build's own format line is copied whole: the
        // format, not a damaged entry, is what kept it out above.
        recompress(tmp.path(), 1, super::super::zip::format());
        let (copied, made, deflated) = zip_in("site", &files, kept());
        assert_eq!((made.len(), deflated), (0, 0));
        assert!(
            copied != cold,
            "level 1 gives other bytes than level 6 here"
        );
    }

    #[test]
    fn a_rewritten_or_missing_entry_is_made_again_alone_and_repaired() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = || KeptZip::load(tmp.path(), "id".into(), &WriteFailures::default());
        let (cold, _) = zip(&FILES, kept());
        tamper(
            tmp.path(),
            "site/b.css",
            Some("b{}</style><script>alert(1)</script>"),
        );
        let (warm, made) = zip(&FILES, kept());
        assert_eq!(made, ["b.css"], "only the rewritten entry is made again");
        assert!(warm == cold, "the rewritten entry is not published");
        let (_, made) = zip(&FILES, kept());
        assert!(made.is_empty(), "the kept archive was repaired: {made:?}");

        tamper(tmp.path(), "site/a.html", None);
        let (warm, made) = zip(&FILES, kept());
        assert_eq!((warm == cold, made), (true, vec!["a.html".to_string()]));
    }

    #[test]
    fn entries_are_copied_by_content_for_another_identity_or_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = |id: &str| KeptZip::load(tmp.path(), id.into(), &WriteFailures::default());
        let (cold, _, deflated) = zip_in("site", &FILES, kept("id"));
        assert_eq!(deflated, 3);
        // Another recpub or base URL: every file is made again, none deflated again.
        let (other, made, deflated) = zip_in("site", &FILES, kept("other"));
        assert_eq!((other == cold, made.len(), deflated), (true, 3, 0));
        // Another top folder: the entries are copied under their new names.
        let (moved, _, deflated) = zip_in("site-2", &FILES, kept("moved"));
        assert_eq!(deflated, 0);
        assert!(moved == zip_in("site-2", &FILES, KeptZip::none()).0);
        let names: Vec<_> = ZipArchive::new(std::io::Cursor::new(&moved))
            .unwrap()
            .file_names()
            .map(String::from)
            .collect();
        assert_eq!(names.len(), 3);
        assert!(names.iter().all(|n| n.starts_with("site-2/")), "{names:?}");
        // One edited file: only its bytes are deflated.
        let mut edited = FILES;
        edited[0] = ("a.html", "<p>edited</p>");
        let (warm, _, deflated) = zip_in("site-2", &edited, kept("edited"));
        assert_eq!(deflated, 1);
        assert!(warm == zip_in("site-2", &edited, KeptZip::none()).0);
    }

    #[test]
    fn an_entry_rewritten_in_the_kept_archive_is_not_copied_by_content() {
        let tmp = tempfile::tempdir().unwrap();
        let kept = |id: &str| KeptZip::load(tmp.path(), id.into(), &WriteFailures::default());
        let (cold, _, _) = zip_in("site", &FILES, kept("id"));
        tamper(
            tmp.path(),
            "site/b.css",
            Some("b{}</style><script>alert(1)</script>"),
        );
        let (warm, _, deflated) = zip_in("site", &FILES, kept("other"));
        assert_eq!(deflated, 1, "only the rewritten entry is deflated again");
        assert!(warm == cold, "the rewritten entry is not published");
        let (_, _, deflated) = zip_in("site", &FILES, kept("third"));
        assert_eq!(deflated, 0, "the kept archive was repaired");
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
    fn only_archives_of_earlier_versions_are_deleted() {
        assert!(is_old_archive_name(
            "edition-0123456789abcdef0123456789abcdef.zip"
        ));
        assert!(!is_old_archive_name("edition-x.zip"));
        assert!(!is_old_archive_name("edition.idx"));
        assert!(!is_old_archive_name(
            "edition-0123456789abcdef0123456789abcdef.zip.bak"
        ));
    }
}
