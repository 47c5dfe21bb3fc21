//! The offline edition as one ZIP file: files in (from any thread, in any order), the archive's
//! bytes out, the same for the same files: entries sorted by path, every one stamped
//! 1980-01-01 00:00 with Unix permissions `rw-r--r--`, deflated at a fixed level, all under one
//! named top folder. Each file is compressed on the thread that hands it in (as one-entry
//! archives), and the sorted entries are copied into the archive without recompressing.

use std::io::{Cursor, Write};
use std::sync::{Mutex, PoisonError};

use anyhow::{Context, Result};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// The deflate level: zlib's default, its usual balance of size and time.
const LEVEL: i64 = 6;

/// The name of the archive's top folder: the site's short title in lower-case ASCII words,
/// then the edition's version when there is one (`lanzarote-ict-recommendations-1.0`).
pub fn folder_name(short_title: &str, version: Option<&str>) -> String {
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
    entries: Mutex<Vec<(String, Vec<u8>)>>,
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(LEVEL))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
        .system(zip::System::Unix)
}

impl ZipSink {
    /// An empty archive whose files go under `folder/`.
    pub fn new(folder: String) -> ZipSink {
        ZipSink {
            folder,
            entries: Mutex::default(),
        }
    }

    /// Compresses one file (its path relative to the site root) into a one-entry archive.
    pub fn add(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let name = format!("{}/{path}", self.folder);
        let mut one = ZipWriter::new(Cursor::new(Vec::new()));
        one.start_file(name.as_str(), options())
            .with_context(|| format!("zipping {path}"))?;
        one.write_all(bytes)
            .with_context(|| format!("zipping {path}"))?;
        let one = one.finish().context("zipping")?.into_inner();
        self.entries
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((name, one));
        Ok(())
    }

    /// The archive: every entry added so far, sorted by path, copied as compressed; the
    /// entries are handed over, so the sink is empty after.
    pub fn finish(&self) -> Result<Vec<u8>> {
        let mut entries =
            std::mem::take(&mut *self.entries.lock().unwrap_or_else(PoisonError::into_inner));
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, one) in entries {
            let mut archive = ZipArchive::new(Cursor::new(one))
                .with_context(|| format!("reading back {name}"))?;
            let file = archive.by_index_raw(0).context("reading back an entry")?;
            zip.raw_copy_file(file)
                .with_context(|| format!("adding {name}"))?;
        }
        Ok(zip.finish().context("finishing the ZIP")?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

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
            let sink = ZipSink::new("site-1".into());
            for &i in order {
                sink.add(files[i].0, files[i].1.as_bytes()).unwrap();
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
