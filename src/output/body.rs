//! A file kept in memory: its bytes in one buffer, or, for a composed page or a data file, in
//! pieces shared with other files and with the last build (each list item of a Party page is
//! the one every list shows; each row of a CSV, the last build's while its recommendation did
//! not change). At 100× the 43 Party pages are 158 MB as bytes, and 8 MB of pointers as
//! pieces; the data files and Party CSVs, 80 MB. A rebuild that makes them again, or replaces
//! an item in them, copies pointers, not the files.

use std::borrow::Cow;
use std::sync::Arc;

/// A file's bytes, cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct FileBody(Arc<Bytes>);

#[derive(Debug)]
enum Bytes {
    Whole(Vec<u8>),
    /// The file is these pieces, one after the other.
    Pieces(Vec<Arc<str>>),
}

impl FileBody {
    /// A file of these bytes.
    pub fn whole(bytes: Vec<u8>) -> FileBody {
        FileBody(Arc::new(Bytes::Whole(bytes)))
    }

    /// A file made of `pieces`, one after the other.
    pub fn pieces(pieces: Vec<Arc<str>>) -> FileBody {
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
    pub fn as_pieces(&self) -> Option<&[Arc<str>]> {
        match &*self.0 {
            Bytes::Whole(_) => None,
            Bytes::Pieces(p) => Some(p),
        }
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        match &*self.0 {
            Bytes::Whole(b) => b.len(),
            Bytes::Pieces(p) => p.iter().map(|s| s.len()).sum(),
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
pub(crate) fn join(pieces: &[Arc<str>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for p in pieces {
        out.extend_from_slice(p.as_bytes());
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
        let file = FileBody::pieces(vec![
            Arc::from("<ul>"),
            item.clone(),
            item,
            Arc::from("</ul>"),
        ]);
        assert_eq!(&*file.bytes(), b"<ul><li>a</li><li>a</li></ul>");
        assert_eq!(file.len(), 29);
        assert!(file.as_pieces().is_some());
        assert_eq!(
            file,
            FileBody::whole(b"<ul><li>a</li><li>a</li></ul>".to_vec())
        );
        assert_ne!(file, FileBody::whole(b"<ul></ul>".to_vec()));
    }
}
