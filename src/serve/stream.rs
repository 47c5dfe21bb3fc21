//! A response body: a file of the in-memory site in, its bytes out as a stream of chunks that
//! share the site's buffers (no copy of the file per response), with the live-reload script
//! inserted before `</body>` for HTML. Hyper asks for the next chunk only once the last ones
//! are written (within its buffer limit, see `conn`), so a client that reads slowly holds a
//! few chunks, not the file.

use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Frame, SizeHint};

use crate::output::{Chunks, FileBody};

/// The largest chunk: small pieces are gathered up to this, large ones cut to it.
pub(super) const CHUNK: usize = 64 * 1024;

/// A file being sent.
pub(super) struct FileStream {
    chunks: Chunks,
    /// Bytes of the file handed out so far.
    sent: usize,
    /// Where the script goes in the file, and the script, until it is sent.
    insert: Option<(usize, Bytes)>,
    /// Bytes still to send (the exact length, for `Content-Length`).
    left: u64,
}

impl FileStream {
    /// `file`, with `insert` (its bytes) put at `at` when given.
    pub(super) fn new(file: &FileBody, insert: Option<(usize, &'static str)>) -> FileStream {
        let insert =
            insert.map(|(at, text)| (at.min(file.len()), Bytes::from_static(text.as_bytes())));
        let extra = insert.as_ref().map_or(0, |(_, t)| t.len());
        FileStream {
            chunks: file.chunks(),
            sent: 0,
            insert,
            left: (file.len() + extra) as u64,
        }
    }

    fn next(&mut self) -> Option<Bytes> {
        let limit = match &self.insert {
            Some((at, _)) if *at == self.sent => return self.insert.take().map(|(_, t)| t),
            Some((at, _)) => CHUNK.min(at - self.sent),
            None => CHUNK,
        };
        let chunk = self.chunks.next_chunk(limit)?;
        self.sent += chunk.len();
        Some(chunk)
    }
}

impl http_body::Body for FileStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        let this = self.get_mut();
        let chunk = this.next();
        if let Some(c) = &chunk {
            this.left -= c.len() as u64;
        }
        Poll::Ready(chunk.map(|c| Ok(Frame::data(c))))
    }

    fn is_end_stream(&self) -> bool {
        self.left == 0
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.left)
    }
}

#[cfg(test)]
mod tests {
    use http_body::Body as _;

    use super::*;
    use crate::output::Piece;

    fn drain(mut s: FileStream) -> (Vec<u8>, Vec<usize>) {
        let (mut out, mut sizes) = (Vec::new(), Vec::new());
        let total = s.size_hint().exact().unwrap();
        while let Some(c) = s.next() {
            sizes.push(c.len());
            out.extend_from_slice(&c);
        }
        assert_eq!(out.len() as u64, total, "length announced");
        (out, sizes)
    }

    /// A page of many small pieces, one large one, and `</bo` + `dy>` split across pieces:
    /// served in order, in chunks no larger than [`CHUNK`], the large piece shared.
    #[test]
    fn a_file_in_pieces_streams_whole_and_in_order() {
        let big = Piece::from("x".repeat(3 * CHUNK + 17));
        let item = Piece::copy("<li>a</li>");
        let mut pieces = vec![Piece::copy("<body><ul>")];
        pieces.extend((0..20_000).map(|_| item.clone()));
        pieces.extend([
            big,
            item,
            Piece::copy("</ul></bo"),
            Piece::copy("DY>\n</html>"),
        ]);
        let file = FileBody::from(pieces);
        let joined = file.to_vec();
        let (plain, sizes) = drain(FileStream::new(&file, None));
        assert_eq!(plain, joined);
        assert!(sizes.iter().all(|&n| n <= CHUNK), "{sizes:?}");
        // 200 KB of list items go out in a few chunks, not 20,000.
        assert!(sizes.len() < 12, "{} chunks", sizes.len());

        let at = file.rfind_ignore_ascii_case(b"</body>").unwrap();
        assert_eq!(&joined[at..at + 7], b"</boDY>");
        let (page, _) = drain(FileStream::new(&file, Some((at, "<script></script>"))));
        let want = [&joined[..at], b"<script></script>", &joined[at..]].concat();
        assert_eq!(page, want);
    }

    #[test]
    fn a_large_piece_is_shared_not_copied() {
        let big = Piece::from("y".repeat(2 * CHUNK));
        let file = FileBody::from(vec![Piece::copy("a"), big.clone()]);
        let mut s = FileStream::new(&file, None);
        assert_eq!(&s.next().unwrap()[..], b"a");
        let chunk = s.next().unwrap();
        assert_eq!(chunk.len(), CHUNK);
        assert_eq!(chunk.as_ptr(), big.as_bytes().as_ptr(), "copied");
        let whole = FileBody::whole(vec![b'z'; 3 * CHUNK]);
        let mut s = FileStream::new(&whole, None);
        let first = s.next().unwrap();
        assert!(
            std::ptr::eq(first.as_ptr(), whole.bytes().as_ptr()),
            "copied"
        );
    }

    #[test]
    fn the_script_goes_before_the_last_body_end_or_at_the_end() {
        let page = |html: &str| {
            let file = FileBody::whole(html.as_bytes().to_vec());
            let at = file
                .rfind_ignore_ascii_case(b"</body>")
                .unwrap_or(file.len());
            String::from_utf8(drain(FileStream::new(&file, Some((at, "<s>")))).0).unwrap()
        };
        assert_eq!(
            page("<body><p>&lt;/body&gt;</p></BODY>\n</html>"),
            "<body><p>&lt;/body&gt;</p><s></BODY>\n</html>"
        );
        assert_eq!(page("x"), "x<s>");
        assert_eq!(page(""), "<s>");
    }
}
