//! The offline edition as one ZIP file: files in (from any thread, in any order), the archive's
//! bytes out, the same for the same files: entries sorted by path, every one stamped
//! 1980-01-01 00:00 with Unix permissions `rw-r--r--`, deflated at a fixed level, all under one
//! named top folder. Each file is compressed on the thread that hands it in (as one-entry
//! archives), and the sorted entries are copied into the archive without recompressing.

use std::borrow::Cow;
use std::io::{Cursor, Write};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::kept::KeptZip;
use crate::output::cache::digest;

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
pub struct ZipSink {
    folder: String,
    kept: Mutex<KeptZip>,
    entries: Mutex<Vec<(String, Made)>>,
    /// Each online file added: its path, digest and entry names, for the next build.
    sources: Mutex<Vec<(String, String, Vec<String>)>>,
}

/// One entry of the archive to be.
enum Made {
    /// Deflated now, as a one-entry archive.
    Fresh(Vec<u8>),
    /// Entry `n` of the kept archive.
    Kept(usize),
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix)
}

/// What an archive's entries depend on besides their own files: this format and level, and
/// the program itself (its size and time), so that a rebuilt recpub never copies entries
/// an earlier one made; `edition` is everything else (the offline edition's settings).
pub(crate) fn identity(folder: &str, edition: &str) -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{:?} {:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    let format = format!("recpub {} zip level {LEVEL}", env!("CARGO_PKG_VERSION"));
    digest(&[
        format.as_bytes(),
        exe.as_bytes(),
        folder.as_bytes(),
        edition.as_bytes(),
    ])
}

impl ZipSink {
    /// An empty archive whose files go under `folder/`, copying unchanged entries from `kept`.
    pub fn new(folder: String, kept: KeptZip) -> ZipSink {
        ZipSink {
            folder,
            kept: Mutex::new(kept),
            entries: Mutex::default(),
            sources: Mutex::default(),
        }
    }

    /// Adds the offline files `make` makes of the online file `path` (`bytes`): their kept
    /// entries when `bytes` are those they were made from, else each compressed into a
    /// one-entry archive (`make` is then called, on this thread).
    pub fn add<'b>(
        &self,
        path: &str,
        bytes: &'b [u8],
        make: impl FnOnce() -> Result<Vec<(String, Cow<'b, [u8]>)>>,
    ) -> Result<()> {
        let (key, reused) = {
            let kept = lock(&self.kept);
            let key = kept.key(path, bytes);
            let reused = kept.entries(path, &key).map(<[usize]>::to_vec);
            (key, reused)
        };
        let (names, made): (Vec<String>, Vec<Made>) = match reused {
            Some(entries) => {
                let mut kept = lock(&self.kept);
                let archive = kept.archive().context("the kept ZIP")?;
                entries
                    .into_iter()
                    .map(|n| {
                        Ok((
                            archive
                                .name_for_index(n)
                                .context("a kept entry")?
                                .to_string(),
                            Made::Kept(n),
                        ))
                    })
                    .collect::<Result<Vec<_>>>()?
                    .into_iter()
                    .unzip()
            }
            None => make()?
                .into_iter()
                .map(|(p, b)| self.deflate(&p, &b))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .unzip(),
        };
        lock(&self.entries).extend(names.iter().cloned().zip(made));
        lock(&self.sources).push((path.to_string(), key, names));
        Ok(())
    }

    /// One file, deflated into a one-entry archive, with its entry name.
    fn deflate(&self, path: &str, bytes: &[u8]) -> Result<(String, Made)> {
        let name = format!("{}/{path}", self.folder);
        let mut one = ZipWriter::new(Cursor::new(Vec::new()));
        one.start_file(name.as_str(), options())
            .with_context(|| format!("zipping {path}"))?;
        one.write_all(bytes)
            .with_context(|| format!("zipping {path}"))?;
        let one = one.finish().context("zipping")?.into_inner();
        Ok((name, Made::Fresh(one)))
    }

    /// The archive: every entry added so far, sorted by path, copied as compressed, then kept
    /// for the next build; the entries are handed over, so the sink is empty after.
    pub fn finish(&self) -> Result<Vec<u8>> {
        let mut entries = std::mem::take(&mut *lock(&self.entries));
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut kept = lock(&self.kept);
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, made) in entries {
            let mut copy = |file| {
                zip.raw_copy_file(file)
                    .with_context(|| format!("adding {name}"))
            };
            match made {
                Made::Fresh(one) => {
                    let mut archive = ZipArchive::new(Cursor::new(one))
                        .with_context(|| format!("reading back {name}"))?;
                    copy(archive.by_index_raw(0).context("reading back an entry")?)?;
                }
                Made::Kept(n) => {
                    let archive = kept.archive().context("the kept ZIP")?;
                    copy(archive.by_index_raw(n).context("reading a kept entry")?)?;
                }
            }
        }
        let bytes = zip.finish().context("finishing the ZIP")?.into_inner();
        kept.save(&bytes, std::mem::take(&mut *lock(&self.sources)))?;
        Ok(bytes)
    }
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
