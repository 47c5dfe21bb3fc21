//! OUTPUT: rendered files in, one at a time and from any thread, a site out. Every file goes
//! to one [`Sink`] as an [`OutFile`] (its output path, its body, how its links are known):
//! an [`Output`] records it for the link check ([`Record`], the same for every store) and hands
//! its bytes to a [`Store`]: a map in memory (`serve`), a staging folder on disk (`build`), or
//! nowhere (`check`). The offline edition and its ZIP are decorators of an `Output`
//! ([`OfflineEdition`], [`Zipping`]), so only the combinations a build makes can be built. On
//! disk, files are written as they are rendered into a fresh folder beside the target, keeping
//! only what the link check needs; the folder is swapped in only once the links check out, so a
//! failed build leaves the previous output intact. Only a folder that recpub made (it holds
//! [`MARKER`]) or an empty one is ever replaced (see `staging`).

mod body;
mod edition;
mod links;
mod record;
mod staging;
mod store;

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::Result;

use crate::html_scan::PageScan;
use crate::offline::ZipSink;
pub(crate) use body::Chunks;
pub use body::FileBody;
pub(crate) use body::Piece;
pub(crate) use body::join;
pub(crate) use edition::{OfflineEdition, Zipping};
pub(crate) use links::{BrokenLink, Interner, LinkIndex, Prepared};
pub(crate) use record::FileScan;
pub(crate) use record::Record;
pub(crate) use staging::Staging;
pub(crate) use store::{Discard, Disk};
pub(crate) use store::{Memory, Output, Store};

/// The file that marks a folder as recpub's output, safe to replace.
pub(crate) const MARKER: &str = ".recpub-output";

/// A rendered site: output path (relative, `/`-separated) → bytes. Sorted, so deterministic.
/// The bytes are shared, so that `serve` can make the next site from the last one cheaply.
pub(crate) type SiteFiles = BTreeMap<Arc<str>, FileBody>;

/// Where rendered files go, from any thread.
pub(crate) trait Sink: Sync {
    /// Takes one file; two files at one path is an error (a page slug that collides with a
    /// generated page).
    fn put(&self, file: OutFile<'_>) -> Result<()>;

    /// What the files put so far are recorded as: their paths, the pages' links and ids.
    fn record(&self) -> &Record;

    /// The offline edition's ZIP the files also go into, when they do.
    fn zip(&self) -> Option<&ZipSink> {
        None
    }
}

impl<T: Sink + ?Sized> Sink for Box<T> {
    fn put(&self, file: OutFile<'_>) -> Result<()> {
        (**self).put(file)
    }

    fn record(&self) -> &Record {
        (**self).record()
    }

    fn zip(&self) -> Option<&ZipSink> {
        (**self).zip()
    }
}

/// A sink that ends in an [`Output`] to the store `S`, given back once the build is done.
pub(crate) trait EndsIn<S: Store>: Sink {
    /// The output the files went to.
    fn into_output(self: Box<Self>) -> Output<S>;
}

/// One rendered file on its way out.
pub(crate) struct OutFile<'a> {
    pub(crate) path: String,
    pub(crate) body: FileBody,
    pub(crate) links: Links<'a>,
    pub(crate) reach: Reach,
}

/// How a file's links and ids are known.
pub(crate) enum Links<'a> {
    /// Read from its bytes when it is an HTML page.
    Read,
    /// A composed page's, made from its parts when the record wants them.
    Parts(&'a mut dyn LinkSource),
    /// The last build's page's at the same path (a rebuild's page with the same links):
    /// nothing to read.
    Same,
}

/// Which editions a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reach {
    /// The online site and the offline edition.
    Both,
    /// The online site only (the ZIP, the page that offers it, preview images): not zipped,
    /// and left out of an offline build.
    OnlineOnly,
    /// The offline edition only: when zipping, only into the ZIP (its online version comes
    /// later); otherwise as [`Reach::Both`].
    OfflineOnly,
}

/// A composed page's links and ids, made from its parts on demand: looked up in a rebuild's
/// interner, or scanned.
pub(crate) trait LinkSource {
    /// The page's links and ids, scanned from its parts.
    fn scan(&mut self) -> Result<PageScan<'_>>;
    /// The page's links and ids looked up in `interner`.
    fn prepared(&mut self, interner: &Interner) -> Result<Prepared>;
}

impl<'a> OutFile<'a> {
    /// A file of the online site and the offline edition, its links read from its bytes.
    pub(crate) fn new(path: String, body: impl Into<FileBody>) -> OutFile<'a> {
        OutFile {
            path,
            body: body.into(),
            links: Links::Read,
            reach: Reach::Both,
        }
    }

    /// A composed page of `pieces` (shared with other pages when kept in memory), whose links
    /// and ids come from `links`; `None`: those of the last build's page at `path`.
    pub(crate) fn composed(
        path: String,
        pieces: Vec<Piece>,
        links: Option<&'a mut dyn LinkSource>,
    ) -> OutFile<'a> {
        OutFile {
            links: links.map_or(Links::Same, Links::Parts),
            ..OutFile::new(path, FileBody::from(pieces))
        }
    }

    /// The same file, of the online site only.
    pub(crate) fn online_only(self) -> OutFile<'a> {
        OutFile {
            reach: Reach::OnlineOnly,
            ..self
        }
    }

    /// The same file, of the offline edition only.
    pub(crate) fn offline_only(self) -> OutFile<'a> {
        OutFile {
            reach: Reach::OfflineOnly,
            ..self
        }
    }
}
