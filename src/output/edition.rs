//! The offline edition as decorators of an [`Output`]: [`OfflineEdition`] keeps each file's
//! offline version instead of the file (`build --offline`); [`Zipping`] keeps the file and
//! zips its offline version (`build`). Each wraps an `Output` and nothing else, so neither can
//! wrap the other.

use anyhow::Result;

use super::{EndsIn, FileBody, OutFile, Output, Reach, Record, Sink, Store};
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
                let body = match file.body.as_pieces() {
                    Some(_) => FileBody::whole(file.body.to_vec()),
                    None => file.body,
                };
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
