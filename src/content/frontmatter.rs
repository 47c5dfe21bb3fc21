//! Splits a Markdown file into its TOML front matter (between two `+++` lines) and its body,
//! keeping the byte offset of each, so errors in either are reported at file line numbers.

/// The two parts of a content file, borrowed from its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FrontMatter<'a> {
    pub toml: &'a str,
    /// Byte offset of `toml` in the file.
    pub toml_offset: usize,
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file has no usable front matter; the offset is where to point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SplitError {
    pub offset: usize,
    pub message: &'static str,
}

/// Splits `+++\n<toml>\n+++\n<body>`; accepts CRLF line endings and trailing spaces on the fences.
pub(crate) fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, SplitError> {
    let mut lines = line_spans(text);
    let Some((start, end)) = lines.next() else {
        return Err(SplitError {
            offset: 0,
            message: "file is empty",
        });
    };
    if text[start..end].trim_end() != "+++" {
        return Err(SplitError {
            offset: 0,
            message: "missing front matter: the file must start with a line `+++`",
        });
    }
    let toml_offset = next_line_start(text, end);
    for (s, e) in lines {
        if text[s..e].trim_end() == "+++" {
            let body_offset = next_line_start(text, e);
            return Ok(FrontMatter {
                toml: &text[toml_offset..s],
                toml_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
    }
    Err(SplitError {
        offset: 0,
        message: "front matter is not closed: add a line `+++` after it",
    })
}

/// (start, end) byte ranges of each line, without its `\n` or `\r\n`.
fn line_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let nl = text[start..].find('\n').map_or(text.len(), |i| start + i);
        pos = nl + 1;
        let end = if nl > start && text.as_bytes()[nl - 1] == b'\r' {
            nl - 1
        } else {
            nl
        };
        Some((start, end))
    })
}

/// Offset just past the line ending that follows `end` (a line's end from `line_spans`).
fn next_line_start(text: &str, end: usize) -> usize {
    match text[end..].find('\n') {
        Some(i) => end + i + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_keeps_offsets() {
        let text = "+++\nid = \"II-1\"\n+++\nBody\n";
        let fm = split_front_matter(text).unwrap();
        assert_eq!(fm.toml, "id = \"II-1\"\n");
        assert_eq!(fm.toml_offset, 4);
        assert_eq!(fm.body, "Body\n");
        assert_eq!(&text[fm.body_offset..], "Body\n");
    }

    #[test]
    fn accepts_crlf() {
        let fm = split_front_matter("+++\r\na = 1\r\n+++ \r\nBody").unwrap();
        assert_eq!(fm.toml, "a = 1\r\n");
        assert_eq!(fm.body, "Body");
    }

    #[test]
    fn rejects_missing_and_unclosed() {
        assert!(
            split_front_matter("Body")
                .unwrap_err()
                .message
                .starts_with("missing front matter")
        );
        assert!(
            split_front_matter("+++\na = 1\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }
}
