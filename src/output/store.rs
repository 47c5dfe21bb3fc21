//! The stores a file's bytes go to once it is recorded: memory (`serve`), a staging folder
//! (`build`), or nowhere (`check`); and [`Output`], the sink that records each file and hands
//! it to its store.

use std::sync::{Arc, Mutex};

use anyhow::Result;

use super::record::lock;
use super::{
    EndsIn, FileBody, FileScan, Interner, LinkIndex, OutFile, Record, Sink, SiteFiles, Staging,
};

/// Where a recorded file's bytes go.
pub(crate) trait Store: Sync {
    /// Keeps the bytes of the file at `path`.
    fn keep(&self, path: String, body: FileBody) -> Result<()>;
}

/// Every file in memory, as the pieces it is made of (shared with other files), or joined
/// into one.
#[derive(Default)]
pub(crate) struct Memory {
    files: Mutex<SiteFiles>,
    /// Files of several pieces are joined into one before they are kept (to measure what
    /// pieces gain).
    whole: bool,
}

impl Memory {
    /// Keeps every file as one piece (`whole`): what keeping pieces gains is measured against
    /// this.
    pub(crate) fn keeping_whole(whole: bool) -> Memory {
        Memory {
            whole,
            ..Memory::default()
        }
    }
}

impl Store for Memory {
    fn keep(&self, path: String, body: FileBody) -> Result<()> {
        let body = match self.whole {
            true => body.joined(),
            false => body,
        };
        lock(&self.files).insert(path.into(), body);
        Ok(())
    }
}

/// Every file written into a staging folder as it comes.
pub(crate) struct Disk(Staging);

impl Store for Disk {
    fn keep(&self, path: String, body: FileBody) -> Result<()> {
        self.0.write(&path, &body.bytes())
    }
}

/// No file kept: `check` keeps only what the link check needs.
pub(crate) struct Discard;

impl Store for Discard {
    fn keep(&self, _: String, _: FileBody) -> Result<()> {
        Ok(())
    }
}

/// The sink every build ends in: each file recorded, then kept by the store `S`.
pub(crate) struct Output<S: Store> {
    record: Record,
    store: S,
}

impl<S: Store> Sink for Output<S> {
    fn put(&self, file: OutFile<'_>) -> Result<()> {
        let OutFile {
            path, body, links, ..
        } = file;
        self.record.add(&path, &body, links)?;
        self.store.keep(path, body)
    }

    fn record(&self) -> &Record {
        &self.record
    }
}

impl<S: Store> EndsIn<S> for Output<S> {
    fn into_output(self: Box<Self>) -> Output<S> {
        *self
    }
}

impl<S: Store> Output<S> {
    /// Files recorded in `record` and kept by `store`.
    pub(crate) fn new(record: Record, store: S) -> Output<S> {
        Output { record, store }
    }

    /// What the files were recorded as.
    pub(crate) fn record(&self) -> &Record {
        &self.record
    }
}

impl Output<Memory> {
    /// A rebuild's output: every file in `memory`, and each page's links and ids looked up in
    /// `interner` (the kept link index's) for [`Output::take_scans`], to update that index.
    pub(crate) fn rebuilding(interner: Arc<Interner>, memory: Memory) -> Output<Memory> {
        Output::new(Record::rebuilding(interner), memory)
    }

    /// The scans a rebuild's output kept so far, by path (see [`Output::rebuilding`]).
    pub(crate) fn take_scans(&self) -> Vec<FileScan> {
        self.record.take_scans()
    }

    /// The files and what the link check knows of them.
    pub(crate) fn into_parts(self) -> (SiteFiles, LinkIndex) {
        let files = self.store.files.into_inner();
        let files = files.unwrap_or_else(std::sync::PoisonError::into_inner);
        (files, self.record.into_index())
    }
}

impl Output<Disk> {
    /// Writes every file into `staging` as it comes.
    pub(crate) fn on_disk(record: Record, staging: Staging) -> Output<Disk> {
        Output::new(record, Disk(staging))
    }

    /// The staging folder the files were written to.
    pub(crate) fn into_staging(self) -> Staging {
        self.store.0
    }
}
