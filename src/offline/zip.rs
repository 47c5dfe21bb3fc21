//! The offline edition as one ZIP file: files in (from any thread, in any order), the archive's
//! bytes out, the same for the same files: entries sorted by path, every one stamped
//! 1980-01-01 00:00 with Unix permissions `rw-r--r--`, deflated at a fixed level, all under one
//! named top folder. Each file is compressed on the thread that hands it in (as one-entry
//! archives; rendering runs on every core, so compressing does too), or its entries are taken
//! from the archive the last build kept (`super::kept`), by online file or by content; the
//! sorted entries are copied into the archive without recompressing, so the bytes do not
//! depend on the threads.

use std::borrow::Cow;
use std::io::{Cursor, Write};
use std::ops::Range;
use std::sync::{Mutex, OnceLock, PoisonError};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::kept::{Entry, KeptZip, content_key};
use crate::cache::digest;

/// The deflate level: zlib's default, its usual balance of size and time.
const LEVEL: i64 = 6;

/// The name of the archive's top folder: the site's short title in lower-case ASCII words,
/// then the edition's version when there is one (`lanzarote-ict-recommendations-1.0`).
pub(crate) fn folder_name(short_title: &str, version: Option<&str>) -> String {
    let mut name = String::new();
    for word in short_title.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.is_empty() {
            if !name.is_empty() {
                name.push('-');
            }
            name.push_str(&word.to_ascii_lowercase());
        }
    }
    if name.is_empty() {
        name.push_str("site");
    }
    if let Some(v) = version.filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || c == '.')) {
        name.push('-');
        name.push_str(v);
    }
    name
}

/// Collects compressed entries from any thread; [`ZipSink::finish`] writes the archive.
pub(crate) struct ZipSink {
    folder: String,
    /// The kept archive's identity (see [`super::kept::key`]).
    identity: String,
    kept: Mutex<KeptZip>,
    collected: Mutex<Collected>,
}

/// What is kept until the archive is written, in a few growing buffers rather than a few
/// small blocks per file: small long-lived blocks made between the deflater's large
/// short-lived ones fragmented glibc's heap (a cold 10× build peaked at 260 MB resident for
/// 25 MB in use).
#[derive(Default)]
struct Collected {
    /// The entry names, end to end.
    names: String,
    /// Each entry: its name in `names`, and where its bytes are.
    entries: Vec<(Range<usize>, Made)>,
    /// The one-entry archives deflated so far, end to end.
    fresh: Vec<u8>,
    /// The kept index's lines for the next build, in the order files came.
    index: String,
}

impl Collected {
    fn push(&mut self, name: &str, made: Made) {
        let start = self.names.len();
        self.names.push_str(name);
        self.entries.push((start..self.names.len(), made));
    }
}

/// One entry of the archive to be.
enum Made {
    /// Deflated now, as a one-entry archive: its bytes in `Collected::fresh`.
    Fresh(Range<usize>),
    /// Entry `n` of the kept archive.
    Kept(usize),
}

/// How every entry is stored.
pub(super) fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix)
}

/// How entries are compressed and stored, as the kept archive's index names it: the index's
/// format, the deflater (the versions `Cargo.lock` pins: a test checks them) and its level,
/// and the stamps. A kept entry is copied by content only under the same `format`, so that it
/// is the entry compressing its bytes now would make, whichever recpub made it.
pub(crate) fn format() -> &'static str {
    static FORMAT: OnceLock<String> = OnceLock::new();
    FORMAT.get_or_init(|| {
        format!(
            "recpub offline ZIP index 3 (XXH3-128 keys); zip {ZIP}, flate2 {FLATE2}, zlib-rs {ZLIB_RS}, deflate level {LEVEL}; {:?}",
            options()
        )
    })
}

/// The versions of the ZIP writer and the deflater (see [`format`]).
const ZIP: &str = "8.6.0";
const FLATE2: &str = "1.1.11";
const ZLIB_RS: &str = "0.6.8";

/// What an online file's offline entries depend on besides the file: this format and level,
/// and the program itself (its size and time), so that a rebuilt recpub never takes an
/// earlier one's offline files for its own (it still copies their entries by content, see
/// [`format`]); `edition` is everything else (the offline edition's settings).
pub(crate) fn identity(folder: &str, edition: &str) -> String {
    let format = format!("zip level {LEVEL}");
    digest(&[
        format.as_bytes(),
        crate::cache::program_identity().as_bytes(),
        folder.as_bytes(),
        edition.as_bytes(),
    ])
}

impl ZipSink {
    /// An empty archive whose files go under `folder/`, copying unchanged entries from `kept`.
    pub(crate) fn new(folder: String, kept: KeptZip) -> ZipSink {
        ZipSink {
            folder,
            identity: kept.identity().to_string(),
            kept: Mutex::new(kept),
            collected: Mutex::default(),
        }
    }

    /// Adds the offline files `make` makes of the online file `path` (`bytes`): their kept
    /// entries when `bytes` are those they were made from; else `make` is called, on this
    /// thread, and each file it makes is a kept entry with the same bytes (content-addressed)
    /// or is compressed into a one-entry archive.
    pub(crate) fn add<'b>(
        &self,
        path: &str,
        bytes: &'b [u8],
        make: impl FnOnce() -> Result<Vec<(String, Cow<'b, [u8]>)>>,
    ) -> Result<()> {
        // Hashed without the lock: every online byte is hashed, on every thread.
        let key = super::kept::key(&self.identity, path, bytes);
        let reused = lock(&self.kept).entries(path, &key);
        let entries = match reused {
            Some(entries) => self.add_kept(entries)?,
            None => {
                let mut entries = Vec::new();
                for (p, b) in make()? {
                    let name = format!("{}/{p}", self.folder);
                    let made = self
                        .add_made(&name, &b)
                        .with_context(|| format!("zipping {p}"))?;
                    entries.push(made);
                }
                entries
            }
        };
        if let Some(line) = index_line(&key, path, &entries) {
            lock(&self.collected).index.push_str(&line);
        }
        Ok(())
    }

    /// Adds the kept archive's entries `entries` (checked); gives them with their names.
    fn add_kept(&self, entries: Vec<Entry>) -> Result<Vec<(String, Entry)>> {
        let mut kept = lock(&self.kept);
        let archive = kept.archive().context("the kept ZIP")?;
        let mut c = lock(&self.collected);
        let mut named = Vec::with_capacity(entries.len());
        for e in entries {
            let name = archive.name_for_index(e.index).context("a kept entry")?;
            c.push(name, Made::Kept(e.index));
            named.push((name.to_string(), e));
        }
        Ok(named)
    }

    /// Adds the file `bytes` as the entry `name`: a kept entry with the same bytes, copied,
    /// or else compressed now (this is where the build's deflating happens, on the thread
    /// that rendered the file, so on every core). Gives it with its name.
    fn add_made(&self, name: &str, bytes: &[u8]) -> Result<(String, Entry)> {
        let content = content_key(bytes);
        let reused = lock(&self.kept).by_content(&content, name);
        if let Some(entry) = reused {
            lock(&self.collected).push(name, Made::Kept(entry.index));
            return Ok((name.to_string(), entry));
        }
        let one = deflate(name, bytes)?;
        let sum = one_checksum(&one)?;
        let mut c = lock(&self.collected);
        let start = c.fresh.len();
        c.fresh.extend_from_slice(&one);
        let made = Made::Fresh(start..c.fresh.len());
        c.push(name, made);
        let entry = Entry {
            index: 0,
            sum,
            content,
        };
        Ok((name.to_string(), entry))
    }

    /// How many entries were deflated so far (the others were copied from the kept archive).
    #[cfg(test)]
    pub(crate) fn deflated(&self) -> usize {
        let c = lock(&self.collected);
        c.entries
            .iter()
            .filter(|(_, m)| matches!(m, Made::Fresh(_)))
            .count()
    }

    /// The archive: every entry added so far, sorted by path, copied as compressed, then kept
    /// for the next build; the entries are handed over, so the sink is empty after.
    pub(crate) fn finish(&self) -> Result<Vec<u8>> {
        let Collected {
            names,
            mut entries,
            fresh,
            index,
        } = std::mem::take(&mut *lock(&self.collected));
        entries.sort_unstable_by(|a, b| names[a.0.clone()].cmp(&names[b.0.clone()]));
        let mut kept = lock(&self.kept);
        let dir = kept.dir();
        // Room for the whole archive at once rather than grown by doubling, each step a
        // copy (160 MB at 100×): each fresh entry's one-entry archive and the kept archive
        // are more than their entries take, and pages never touched cost no memory.
        let room = fresh.len() + usize::try_from(kept.size()).unwrap_or(0) + 4096;
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(room)));
        for (name, made) in entries {
            let name = &names[name];
            let copied = match made {
                Made::Fresh(range) => {
                    let mut archive = ZipArchive::new(Cursor::new(&fresh[range]))
                        .with_context(|| format!("reading back {name}"))?;
                    zip.raw_copy_file(archive.by_index_raw(0)?)
                }
                Made::Kept(n) => {
                    // Its directory was read when the build began; an entry damaged since
                    // cannot be made again here (the file it came from is not kept).
                    let damaged = || format!("the kept ZIP in {dir} is damaged: delete it");
                    let archive = kept.archive().context("the kept ZIP")?;
                    let entry = archive.by_index_raw(n).with_context(damaged)?;
                    // Copied by content, it may have had another name.
                    zip.raw_copy_file_rename(entry, name)
                }
            };
            copied.with_context(|| format!("adding {name}"))?;
        }
        let bytes = zip.finish().context("finishing the ZIP")?.into_inner();
        kept.save(&bytes, &index);
        Ok(bytes)
    }
}

/// One file, deflated into a one-entry archive named `name`.
fn deflate(name: &str, bytes: &[u8]) -> Result<Vec<u8>> {
    let mut one = ZipWriter::new(Cursor::new(Vec::new()));
    one.start_file(name, options())?;
    one.write_all(bytes)?;
    Ok(one.finish()?.into_inner())
}

/// The checksum of the entry of a one-entry archive, as the kept archive's index holds it.
fn one_checksum(one: &[u8]) -> Result<String> {
    let mut archive = ZipArchive::new(Cursor::new(one))?;
    super::kept::entry_checksum(archive.by_index_raw(0)?, &mut Vec::new())
}

/// The kept index's line for the online file `path`
/// (`digest<TAB>path<TAB>entry name<TAB>checksum<TAB>content…`), or `None` when a field holds
/// a tab or a line break (that file is then made again next time).
fn index_line(key: &str, path: &str, entries: &[(String, Entry)]) -> Option<String> {
    let names = entries
        .iter()
        .flat_map(|(n, e)| [n.as_str(), e.sum.as_str(), e.content.as_str()]);
    let fields = || std::iter::once(path).chain(names.clone());
    if fields().any(|f| f.contains(['\t', '\n', '\r'])) {
        return None;
    }
    let mut line = key.to_string();
    for field in fields() {
        line.push('\t');
        line.push_str(field);
    }
    line.push('\n');
    Some(line)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Adds one file that is its own offline version.
    fn add(sink: &ZipSink, path: &str, text: &str) {
        let made = || Ok(vec![(path.to_string(), Cow::Borrowed(text.as_bytes()))]);
        sink.add(path, text.as_bytes(), made).unwrap();
    }

    #[test]
    fn index_lines_name_every_entry_and_skip_names_they_cannot_hold() {
        let entry = |sum: &str, content: &str| Entry {
            index: 0,
            sum: sum.into(),
            content: content.into(),
        };
        let entries = [
            ("site/a.html".to_string(), entry("s1", "c1")),
            ("site/a.js".to_string(), entry("s2", "c2")),
        ];
        assert_eq!(
            index_line("k1", "a.html", &entries).as_deref(),
            Some("k1\ta.html\tsite/a.html\ts1\tc1\tsite/a.js\ts2\tc2\n")
        );
        assert_eq!(
            index_line("k4", "robots.txt", &[]).as_deref(),
            Some("k4\trobots.txt\n")
        );
        assert_eq!(index_line("k3", "a\tb.html", &[]), None);
        let bad = [("site/a\nb".to_string(), entry("s", "c"))];
        assert_eq!(index_line("k3", "a.html", &bad), None);
    }

    /// A dependency update can change the deflater's bytes: the kept entries' format names
    /// the versions, and must follow `Cargo.lock`.
    #[test]
    fn the_format_names_the_locked_zip_and_deflater() {
        let lock =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
        for (name, version) in [("zip", ZIP), ("flate2", FLATE2), ("zlib-rs", ZLIB_RS)] {
            let pinned = format!("name = \"{name}\"\nversion = \"{version}\"\n");
            assert!(lock.contains(&pinned), "Cargo.lock has no {name} {version}");
            assert_eq!(lock.matches(&format!("name = \"{name}\"\n")).count(), 1);
        }
        assert!(format().contains("deflate level 6"));
    }

    #[test]
    fn folder_names_are_plain() {
        let name = folder_name("Lanzarote ICT recommendations", Some("1.0"));
        assert_eq!(name, "lanzarote-ict-recommendations-1.0");
        assert_eq!(folder_name("Über – «x»", None), "ber-x");
        assert_eq!(folder_name("…", Some("../x")), "site");
    }

    #[test]
    fn the_same_files_in_any_order_make_the_same_archive() {
        let files = [
            ("b/index.html", "<p>b</p>"),
            ("a.css", "a{}"),
            ("index.html", "home"),
        ];
        let zip = |order: &[usize]| {
            let sink = ZipSink::new("site-1".into(), KeptZip::none());
            for &i in order {
                add(&sink, files[i].0, files[i].1);
            }
            sink.finish().unwrap()
        };
        let one = zip(&[0, 1, 2]);
        assert_eq!(one, zip(&[2, 0, 1]));
        let mut archive = ZipArchive::new(Cursor::new(one)).unwrap();
        let names: Vec<_> = (0..archive.len())
            .map(|i| archive.by_index(i).unwrap().name().to_string())
            .collect();
        assert_eq!(
            names,
            ["site-1/a.css", "site-1/b/index.html", "site-1/index.html"]
        );
        let mut text = String::new();
        archive
            .by_name("site-1/b/index.html")
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, "<p>b</p>");
    }
}
