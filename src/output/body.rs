//! A file's bytes as pieces: each [`Piece`] a stretch of bytes shared with other files and
//! with the last build, cheap to clone; a file ([`FileBody`]) its pieces one after the other.
//! A file made whole (a page without lists, a PNG, the ZIP) is one piece; a composed page is
//! the template's text between lists and each list item, the very piece every list shows; a
//! data file or Party CSV is one piece per row, the last build's while its recommendation did
//! not change. At 100× the data files and Party CSVs are 80 MB: a rebuild that makes them
//! again copies pointers, not the files. Pieces in, the bytes out: joined, in chunks for a
//! server, or searched from the end.

use std::borrow::Cow;
use std::sync::Arc;

use bytes::Bytes;

/// A stretch of a file's bytes, shared: a clone is a pointer, never a copy.
#[derive(Debug, Clone)]
pub(crate) struct Piece(Arc<[u8]>);

impl Piece {
    /// A piece of a copy of `text` (a template's text between lists, a CSV header).
    pub(crate) fn copy(text: &str) -> Piece {
        Piece(Arc::from(text.as_bytes()))
    }

    /// The bytes.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes as text, when they are (every piece made from a `String` or a `&str` is).
    pub(crate) fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(&self.0).ok()
    }

    /// How many bytes.
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }
}

/// The bytes, moved once into a shared buffer of their exact size.
impl From<Vec<u8>> for Piece {
    fn from(bytes: Vec<u8>) -> Piece {
        Piece(Arc::from(bytes))
    }
}

impl From<String> for Piece {
    fn from(text: String) -> Piece {
        Piece::from(text.into_bytes())
    }
}

/// The text itself, shared, not copied (a list item, made once and shown by every list).
impl From<Arc<str>> for Piece {
    fn from(text: Arc<str>) -> Piece {
        Piece(Arc::from(text))
    }
}

/// A file's bytes: its pieces one after the other. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct FileBody(Arc<[Piece]>);

impl FileBody {
    /// A file of these bytes: one piece.
    pub fn whole(bytes: Vec<u8>) -> FileBody {
        FileBody(Arc::from([Piece::from(bytes)]))
    }

    /// The pieces, in order.
    pub(crate) fn pieces(&self) -> &[Piece] {
        &self.0
    }

    /// The bytes, joined if the file is in more than one piece.
    pub fn bytes(&self) -> Cow<'_, [u8]> {
        match &self.0[..] {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one.as_bytes()),
            many => Cow::Owned(join(many)),
        }
    }

    /// How many bytes.
    pub fn len(&self) -> usize {
        self.0.iter().map(Piece::len).sum()
    }

    /// Whether it has no byte.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes in one buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        self.bytes().into_owned()
    }

    /// The same bytes in one piece.
    pub(crate) fn joined(self) -> FileBody {
        match self.0.len() {
            0 | 1 => self,
            _ => FileBody::whole(self.to_vec()),
        }
    }
}

/// A file made of `pieces`.
impl From<Vec<Piece>> for FileBody {
    fn from(pieces: Vec<Piece>) -> FileBody {
        FileBody(Arc::from(pieces))
    }
}

impl From<Vec<u8>> for FileBody {
    fn from(bytes: Vec<u8>) -> FileBody {
        FileBody::whole(bytes)
    }
}

/// Pieces joined.
pub(crate) fn join(pieces: &[Piece]) -> Vec<u8> {
    let mut out = Vec::with_capacity(pieces.iter().map(Piece::len).sum());
    pieces
        .iter()
        .for_each(|p| out.extend_from_slice(p.as_bytes()));
    out
}

/// Two files are equal when their bytes are, however they are cut.
impl PartialEq for FileBody {
    fn eq(&self, other: &FileBody) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.bytes() == other.bytes()
    }
}

impl Eq for FileBody {}

/// Stretches at least this long are handed out shared, not copied.
const SHARE_MIN: usize = 4096;

/// A file read out in chunks without joining it, for a server to stream: each stretch of at
/// least [`SHARE_MIN`] bytes is a view of its piece (shared, not copied); shorter pieces (a
/// list item, a row) are gathered into a chunk of their own, so that a file of thousands of
/// small pieces is not thousands of writes. Only the chunk being handed out is ever a copy.
pub(crate) struct Chunks {
    file: FileBody,
    /// Index of the current piece.
    piece: usize,
    /// Offset in the current piece.
    offset: usize,
}

impl FileBody {
    /// The file's bytes in chunks, from the start.
    pub(crate) fn chunks(&self) -> Chunks {
        Chunks {
            file: self.clone(),
            piece: 0,
            offset: 0,
        }
    }
}

impl Chunks {
    /// The next chunk, of at most `limit` bytes (at least 1); `None` at the end of the file.
    pub(crate) fn next_chunk(&mut self, limit: usize) -> Option<Bytes> {
        let limit = limit.max(1);
        let mut gathered: Vec<u8> = Vec::new();
        while let Some(Piece(piece)) = self.file.0.get(self.piece) {
            let rest = piece.len() - self.offset;
            if rest == 0 {
                (self.piece, self.offset) = (self.piece + 1, 0);
                continue;
            }
            if rest >= SHARE_MIN {
                if !gathered.is_empty() {
                    break;
                }
                let (start, n) = (self.offset, rest.min(limit));
                self.offset += n;
                return Some(Bytes::from_owner(piece.clone()).slice(start..start + n));
            }
            let n = rest.min(limit - gathered.len());
            gathered.extend_from_slice(&piece[self.offset..self.offset + n]);
            self.offset += n;
            if gathered.len() == limit {
                break;
            }
        }
        (!gathered.is_empty()).then(|| gathered.into())
    }
}

impl FileBody {
    /// Where the last `needle` (ASCII case ignored) starts, if anywhere: searched from the
    /// end, piece by piece, without joining the file.
    pub(crate) fn rfind_ignore_ascii_case(&self, needle: &[u8]) -> Option<usize> {
        let backwards = self.0.iter().rev().map(Piece::as_bytes);
        rfind_in(backwards, self.len(), needle)
    }
}

/// The start of the last match of `needle` (ASCII case ignored) in texts of `total` bytes
/// given last first, also where a match spans texts.
fn rfind_in<'a>(
    texts_backwards: impl Iterator<Item = &'a [u8]>,
    total: usize,
    needle: &[u8],
) -> Option<usize> {
    let n = needle.len();
    if n == 0 {
        return None;
    }
    let eq = |a: &[u8]| a.eq_ignore_ascii_case(needle);
    // `after`: the first n - 1 bytes that follow the text being searched.
    let (mut end, mut after) = (total, Vec::new());
    for text in texts_backwards {
        let start = end - text.len();
        // A match that spans this text's end starts later than any match inside it.
        let tail = &text[text.len().saturating_sub(n - 1)..];
        let joined = [tail, &after].concat();
        let spanning = (0..tail.len())
            .rev()
            .find(|&i| joined.get(i..i + n).is_some_and(eq));
        if let Some(i) = spanning {
            return Some(end - tail.len() + i);
        }
        if let Some(i) = text.windows(n).rposition(eq) {
            return Some(start + i);
        }
        let mut next = text[..text.len().min(n - 1)].to_vec();
        let missing = (n - 1 - next.len()).min(after.len());
        next.extend_from_slice(&after[..missing]);
        after = next;
        end = start;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_read_as_their_bytes_joined() {
        let item = Piece::copy("<li>a</li>");
        let file = FileBody::from(vec![
            Piece::copy("<ul>"),
            item.clone(),
            Piece::from(String::from("<li>b</li>")),
            item,
            Piece::copy("</ul>"),
        ]);
        let joined = b"<ul><li>a</li><li>b</li><li>a</li></ul>";
        assert_eq!(&*file.bytes(), joined);
        assert_eq!(file.len(), joined.len());
        assert_eq!(file.pieces().len(), 5);
        assert_eq!(file, FileBody::whole(joined.to_vec()));
        assert_ne!(file, FileBody::whole(b"<ul></ul>".to_vec()));
        let whole = file.joined();
        assert_eq!((whole.pieces().len(), &*whole.bytes()), (1, &joined[..]));
    }

    #[test]
    fn a_binary_file_is_one_piece_of_its_bytes() {
        let png = vec![0x89, b'P', b'N', b'G', 0xff, 0x00, 0xfe];
        let file = FileBody::whole(png.clone());
        assert_eq!(file.pieces().len(), 1);
        assert_eq!(file.pieces()[0].as_str(), None);
        assert_eq!(file.to_vec(), png);
        assert!(
            matches!(file.bytes(), Cow::Borrowed(_)),
            "one piece is not copied"
        );
    }

    #[test]
    fn the_last_match_is_found_across_pieces() {
        // `</body>` over three pieces, after one inside a piece and before none.
        let file = FileBody::from(
            ["<p></body></p><", "/", "B", "ody>", "\n</html>"]
                .map(Piece::copy)
                .to_vec(),
        );
        let joined = file.to_vec();
        assert_eq!(file.rfind_ignore_ascii_case(b"</body>"), Some(14));
        assert_eq!(&joined[14..21], b"</Body>");
        assert_eq!(file.rfind_ignore_ascii_case(b"<p>"), Some(0));
        assert_eq!(file.rfind_ignore_ascii_case(b"</main>"), None);
        let whole = FileBody::whole(joined.clone());
        assert_eq!(whole.rfind_ignore_ascii_case(b"</BODY>"), Some(14));
        let mut chunks = file.chunks();
        let mut read = Vec::new();
        while let Some(c) = chunks.next_chunk(5) {
            assert!(!c.is_empty() && c.len() <= 5);
            read.extend_from_slice(&c);
        }
        assert_eq!(read, joined);
    }
}
