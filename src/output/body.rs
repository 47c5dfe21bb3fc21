//! A file kept in memory: its bytes in one buffer, or, for a composed page or a data file, in
//! pieces shared with other files and with the last build (each list item of a Party page is
//! the one every list shows; each row of a data file, the last build's while its
//! recommendation did not change). A run of pieces can itself be shared: the lists every Party
//! page shows alike are one pointer per page. At 100× the 43 Party pages are 158 MB as bytes;
//! the data files and Party CSVs, 80 MB. A rebuild that makes them again, or replaces an item
//! in them, copies pointers, not the files.

use std::borrow::Cow;
use std::sync::Arc;

/// A file's bytes, cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct FileBody(Arc<Bytes>);

#[derive(Debug)]
enum Bytes {
    Whole(Vec<u8>),
    /// The file is these pieces, one after the other.
    Pieces(Vec<Piece>),
}

/// One piece of a file kept in pieces.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    Text(Arc<str>),
    /// Texts one after the other, shared as one with other files.
    Run(Arc<[Arc<str>]>),
}

impl Piece {
    /// How many bytes.
    pub(crate) fn len(&self) -> usize {
        match self {
            Piece::Text(t) => t.len(),
            Piece::Run(run) => run.iter().map(|t| t.len()).sum(),
        }
    }

    /// The text, when the piece is one.
    pub(crate) fn as_text(&self) -> Option<&Arc<str>> {
        match self {
            Piece::Text(t) => Some(t),
            Piece::Run(_) => None,
        }
    }
}

impl FileBody {
    /// A file of these bytes.
    pub fn whole(bytes: Vec<u8>) -> FileBody {
        FileBody(Arc::new(Bytes::Whole(bytes)))
    }

    /// A file made of `pieces`, one after the other.
    pub(crate) fn pieces(pieces: Vec<Piece>) -> FileBody {
        FileBody(Arc::new(Bytes::Pieces(pieces)))
    }

    /// The bytes, joined if the file is in pieces.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match &*self.0 {
            Bytes::Whole(b) => Cow::Borrowed(b),
            Bytes::Pieces(p) => Cow::Owned(join(p)),
        }
    }

    /// The pieces, when the file is in pieces.
    pub(crate) fn as_pieces(&self) -> Option<&[Piece]> {
        match &*self.0 {
            Bytes::Whole(_) => None,
            Bytes::Pieces(p) => Some(p),
        }
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        match &*self.0 {
            Bytes::Whole(b) => b.len(),
            Bytes::Pieces(p) => p.iter().map(Piece::len).sum(),
        }
    }

    /// Whether it has no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes in one buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes().into_owned()
    }
}

/// Pieces joined.
pub(crate) fn join(pieces: &[Piece]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pieces.iter().map(Piece::len).sum());
    for p in pieces {
        match p {
            Piece::Text(t) => out.extend_from_slice(t.as_bytes()),
            Piece::Run(run) => run.iter().for_each(|t| out.extend_from_slice(t.as_bytes())),
        }
    }
    out
}

/// Two files are equal when their bytes are, however they are kept.
impl PartialEq for FileBody {
    fn eq(&self, other: &FileBody) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.bytes() == other.bytes()
    }
}

impl Eq for FileBody {}

impl From<Vec<u8>> for FileBody {
    fn from(bytes: Vec<u8>) -> FileBody {
        FileBody::whole(bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_as_their_bytes_joined() {
        let item: Arc<str> = Arc::from("<li>a</li>");
        let text = |t: &str| Piece::Text(Arc::from(t));
        let file = FileBody::pieces(vec![
            text("<ul>"),
            Piece::Text(item.clone()),
            Piece::Run(Arc::from([item.clone(), Arc::from("<li>b</li>"), item])),
            text("</ul>"),
        ]);
        let joined = b"<ul><li>a</li><li>a</li><li>b</li><li>a</li></ul>";
        assert_eq!(&*file.bytes(), joined);
        assert_eq!(file.len(), joined.len());
        assert!(file.as_pieces().is_some());
        assert_eq!(file, FileBody::whole(joined.to_vec()));
        assert_ne!(file, FileBody::whole(b"<ul></ul>".to_vec()));
    }
}
