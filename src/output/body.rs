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

/// Stretches at least this long are handed out shared, not copied.
const SHARE_MIN: usize = 4096;

/// A file read out in chunks without joining it, for a server to stream: each stretch of at
/// least [`SHARE_MIN`] bytes is a view of the file's own buffer (shared, not copied); shorter
/// pieces (a list item, a row) are gathered into a chunk of their own, so that a file of
/// thousands of small pieces is not thousands of writes. Only the chunk being handed out is
/// ever a copy.
pub(crate) struct Chunks {
    file: FileBody,
    /// Index of the current piece (0 for a whole file).
    piece: usize,
    /// Index of the current text in a run.
    inner: usize,
    /// Offset in the current text.
    offset: usize,
}

/// What owns the bytes of a shared chunk: a piece's text, or a whole file.
enum Owner {
    Text(Arc<str>),
    Whole(FileBody),
}

impl AsRef<[u8]> for Owner {
    fn as_ref(&self) -> &[u8] {
        match self {
            Owner::Text(t) => t.as_bytes(),
            Owner::Whole(f) => match &*f.0 {
                Bytes::Whole(b) => b,
                Bytes::Pieces(_) => &[],
            },
        }
    }
}

impl FileBody {
    /// The file's bytes in chunks, from the start.
    pub(crate) fn chunks(&self) -> Chunks {
        Chunks {
            file: self.clone(),
            piece: 0,
            inner: 0,
            offset: 0,
        }
    }
}

impl Chunks {
    /// The current text (or whole file); `None` at the end.
    fn current(&self) -> Option<&[u8]> {
        match &*self.file.0 {
            Bytes::Whole(b) => (self.piece == 0).then_some(&b[..]),
            Bytes::Pieces(pieces) => Some(match pieces.get(self.piece)? {
                Piece::Text(t) => t.as_bytes(),
                Piece::Run(run) => run.get(self.inner)?.as_bytes(),
            }),
        }
    }

    /// Who owns the current text, to share it.
    fn owner(&self) -> Owner {
        match &*self.file.0 {
            Bytes::Pieces(pieces) => match &pieces[self.piece] {
                Piece::Text(t) => Owner::Text(t.clone()),
                Piece::Run(run) => Owner::Text(run[self.inner].clone()),
            },
            Bytes::Whole(_) => Owner::Whole(self.file.clone()),
        }
    }

    /// Moves to the next text once the current one is read.
    fn advance(&mut self) {
        self.offset = 0;
        let in_run = match &*self.file.0 {
            Bytes::Pieces(p) => {
                matches!(p.get(self.piece), Some(Piece::Run(r)) if self.inner + 1 < r.len())
            }
            Bytes::Whole(_) => false,
        };
        if in_run {
            self.inner += 1;
        } else {
            self.piece += 1;
            self.inner = 0;
        }
    }

    /// The next chunk, of at most `limit` bytes (at least 1); `None` at the end of the file.
    pub(crate) fn next_chunk(&mut self, limit: usize) -> Option<::bytes::Bytes> {
        let limit = limit.max(1);
        let mut gathered: Vec<u8> = Vec::new();
        while let Some(text) = self.current() {
            let rest = text.len() - self.offset;
            if rest == 0 {
                self.advance();
                continue;
            }
            if rest >= SHARE_MIN {
                if !gathered.is_empty() {
                    break;
                }
                let (start, n) = (self.offset, rest.min(limit));
                let shared = ::bytes::Bytes::from_owner(self.owner()).slice(start..start + n);
                self.offset += n;
                return Some(shared);
            }
            let n = rest.min(limit - gathered.len());
            gathered.extend_from_slice(&text[self.offset..self.offset + n]);
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
    /// end, text by text, without joining the file.
    pub(crate) fn rfind_ignore_ascii_case(&self, needle: &[u8]) -> Option<usize> {
        match &*self.0 {
            Bytes::Whole(b) => rfind_in(std::iter::once(&b[..]), b.len(), needle),
            Bytes::Pieces(pieces) => {
                let texts = pieces.iter().rev().flat_map(|p| match p {
                    Piece::Text(t) => std::slice::from_ref(t).iter().rev(),
                    Piece::Run(run) => run.iter().rev(),
                });
                rfind_in(texts.map(|t| t.as_bytes()), self.len(), needle)
            }
        }
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

    #[test]
    fn the_last_match_is_found_across_pieces() {
        let text = |t: &str| Piece::Text(Arc::from(t));
        let run = |ts: &[&str]| Piece::Run(ts.iter().map(|&t| Arc::from(t)).collect());
        // `</body>` over three pieces, after one inside a piece and before none.
        let file = FileBody::pieces(vec![
            text("<p></body></p><"),
            run(&["/", "B"]),
            text("ody>"),
            text("\n</html>"),
        ]);
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
