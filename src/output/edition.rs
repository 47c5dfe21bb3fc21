//! The offline edition as decorators of an [`Output`]: [`OfflineEdition`] keeps each file's
//! offline version instead of the file (`build --offline`); [`Zipping`] keeps the file and
//! zips its offline version (`build`). Each wraps an `Output` and nothing else, so neither can
//! wrap the other.

use anyhow::Result;

use super::{EndsIn, OutFile, Output, Reach, Record, Sink, Store};
use crate::offline::{Rewriter, ZipSink};

/// Keeps the offline edition of each file instead of the file.
pub(crate) struct OfflineEdition<S: Store> {
    edition: Rewriter,
    inner: Output<S>,
}

impl<S: Store> OfflineEdition<S> {
    /// The offline version of each file, rewritten by `edition`, into `inner`.
    pub(crate) fn new(edition: Rewriter, inner: Output<S>) -> OfflineEdition<S> {
        OfflineEdition { edition, inner }
    }
}

impl<S: Store> Sink for OfflineEdition<S> {
    fn put(&self, file: OutFile<'_>) -> Result<()> {
        if file.reach == Reach::OnlineOnly {
            return Ok(());
        }
        // The offline edition keeps other bytes, whose links are read as they are kept.
        let bytes = file.body.bytes();
        self.edition
            .files(&file.path, &bytes)?
            .into_iter()
            .try_for_each(|(p, b)| self.inner.put(OutFile::new(p, b.into_owned())))
    }

    fn record(&self) -> &Record {
        self.inner.record()
    }
}

impl<S: Store> EndsIn<S> for OfflineEdition<S> {
    fn into_output(self: Box<Self>) -> Output<S> {
        self.inner
    }
}

/// Keeps each file, and zips its offline version into the offline edition's ZIP.
pub(crate) struct Zipping<S: Store> {
    edition: Rewriter,
    zip: ZipSink,
    inner: Output<S>,
}

impl<S: Store> Zipping<S> {
    /// Each file into `inner`, and its offline version, rewritten by `edition`, into `zip`.
    pub(crate) fn new(edition: Rewriter, zip: ZipSink, inner: Output<S>) -> Zipping<S> {
        Zipping {
            edition,
            zip,
            inner,
        }
    }

    fn zip_offline(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.zip
            .add(path, bytes, || self.edition.files(path, bytes))
    }
}

impl<S: Store> Sink for Zipping<S> {
    fn put(&self, file: OutFile<'_>) -> Result<()> {
        match file.reach {
            Reach::OnlineOnly => self.inner.put(file),
            Reach::OfflineOnly => self.zip_offline(&file.path, &file.body.bytes()),
            Reach::Both => {
                // Joined once, for the ZIP and the store alike.
                let body = file.body.joined();
                self.zip_offline(&file.path, &body.bytes())?;
                self.inner.put(OutFile { body, ..file })
            }
        }
    }

    fn record(&self) -> &Record {
        self.inner.record()
    }

    fn zip(&self) -> Option<&ZipSink> {
        Some(&self.zip)
    }
}

impl<S: Store> EndsIn<S> for Zipping<S> {
    fn into_output(self: Box<Self>) -> Output<S> {
        self.inner
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::path::Path;

    use super::*;
    use crate::model::Urls;
    use crate::offline::KeptZip;
    use crate::output::Memory;

    fn rewriter() -> Rewriter {
        let theme = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        Rewriter::new(&Urls::parse("/l/").unwrap(), &theme).unwrap()
    }

    fn memory() -> Output<Memory> {
        Output::new(Record::default(), Memory::default())
    }

    /// Puts a page linking to the site root, an image of the online site only and a page of
    /// the offline edition only.
    fn put_three(sink: &impl Sink) {
        let page = || b"<a href=\"/l/\">home</a>".to_vec();
        sink.put(OutFile::new("a/index.html".into(), page()))
            .unwrap();
        let png = OutFile::new("a/p.png".into(), b"png".to_vec());
        sink.put(png.online_only()).unwrap();
        let offline = OutFile::new("data/index.html".into(), page());
        sink.put(offline.offline_only()).unwrap();
    }

    fn paths(out: Output<Memory>) -> Vec<String> {
        let (files, _) = out.into_parts();
        files.keys().map(|p| p.to_string()).collect()
    }

    #[test]
    fn zipping_keeps_the_online_files_and_zips_the_offline_ones() {
        let zip = ZipSink::new("site".into(), KeptZip::none());
        let sink = Zipping::new(rewriter(), zip, memory());
        put_three(&sink);
        let archive = sink.zip().unwrap().finish().unwrap();
        let archive = ::zip::ZipArchive::new(Cursor::new(archive)).unwrap();
        let names: Vec<&str> = archive.file_names().collect();
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"site/a/index.html") && names.contains(&"site/data/index.html"));
        // The offline-only page is zipped, not kept: its online version comes later.
        assert_eq!(sink.record().files(), 2);
        let kept = paths(Box::new(sink).into_output());
        assert_eq!(kept, ["a/index.html", "a/p.png"]);
    }

    #[test]
    fn the_offline_edition_keeps_offline_versions_only() {
        let sink = OfflineEdition::new(rewriter(), memory());
        put_three(&sink);
        sink.put(OutFile::new("sitemap.xml".into(), b"<urlset/>".to_vec()))
            .unwrap();
        assert!(sink.zip().is_none());
        let (files, _) = Box::new(sink).into_output().into_parts();
        let names: Vec<&str> = files.keys().map(|p| &**p).collect();
        assert_eq!(names, ["a/index.html", "data/index.html"]);
        let page = files["a/index.html"].to_vec();
        assert_eq!(page, b"<a href=\"../index.html\">home</a>");
    }

    #[test]
    fn two_files_at_one_path_are_refused_through_a_decorator() {
        let sink = OfflineEdition::new(rewriter(), memory());
        sink.put(OutFile::new("a.css".into(), b"a{}".to_vec()))
            .unwrap();
        let again = sink.put(OutFile::new("a.css".into(), b"b{}".to_vec()));
        let error = again.unwrap_err().to_string();
        assert!(error.starts_with("two outputs at a.css"), "{error}");
    }
}
