//! Data files made of one piece per recommendation (a JSON array's element, a CSV row): the
//! pieces in, the file out, in report order. On a rebuild, the piece of a recommendation that
//! did not change is copied from the last build's file instead of being made again; where
//! each piece is, is recorded for the next.

use std::borrow::Cow;
use std::ops::Range;

use anyhow::Result;
use rayon::prelude::*;

use super::Renderer;
use crate::graph::RecIdx;

/// How the pieces are joined.
pub(super) struct Form<'f> {
    /// Before the first piece (a JSON array's `[`, a CSV header).
    pub head: &'f [u8],
    /// Between two pieces.
    pub between: &'f [u8],
    /// After the last piece.
    pub tail: &'f [u8],
    /// The whole file when there is no piece.
    pub empty: &'f [u8],
}

/// An indented JSON array, as `serde_json`'s pretty printer writes it, with a final line
/// break; each piece is one element made by [`json_element`].
pub(super) const JSON_ARRAY: Form = Form {
    head: b"[\n",
    between: b",\n",
    tail: b"\n]\n",
    empty: b"[]\n",
};

/// `value` as an element of a [`JSON_ARRAY`]: pretty-printed, every line indented two spaces
/// (a JSON string holds no raw line break, so every line break is the printer's).
pub(super) fn json_element<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let json = serde_json::to_vec_pretty(value)?;
    let mut out = Vec::with_capacity(json.len() + json.len() / 16);
    out.extend_from_slice(b"  ");
    for &b in &json {
        out.push(b);
        if b == b'\n' {
            out.extend_from_slice(b"  ");
        }
    }
    Ok(out)
}

/// The file at the site URL `url`, one piece per recommendation by `make`, joined by `form`.
pub(super) fn join(
    r: &Renderer,
    url: &str,
    form: &Form,
    make: impl Fn(RecIdx) -> Result<Vec<u8>> + Sync,
) -> Result<Vec<u8>> {
    let path = r.g.urls.output_path(url).unwrap_or_default();
    let tracking = r.tracking;
    let last = tracking.and_then(|t| t.last_pieces(&path));
    let pieces: Vec<Cow<[u8]>> =
        r.g.recs()
            .par_iter()
            .map(|&i| match last.as_ref().and_then(|l| l.rec(i)) {
                Some(kept) => Ok(Cow::Borrowed(kept)),
                None => make(i).map(Cow::Owned),
            })
            .collect::<Result<_>>()?;
    if pieces.is_empty() {
        return Ok(form.empty.to_vec());
    }
    let len: usize = pieces.iter().map(|p| p.len() + form.between.len()).sum();
    let mut out = Vec::with_capacity(form.head.len() + len + form.tail.len());
    let mut spans: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    out.extend_from_slice(form.head);
    for (k, piece) in pieces.iter().enumerate() {
        if k > 0 {
            out.extend_from_slice(form.between);
        }
        spans.push(out.len()..out.len() + piece.len());
        out.extend_from_slice(piece);
    }
    out.extend_from_slice(form.tail);
    if let Some(t) = tracking {
        t.keep_spans(&path, spans);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        id: &'static str,
        lines: Vec<&'static str>,
        nested: Option<Vec<u32>>,
    }

    #[test]
    fn joined_elements_are_what_serde_writes_for_the_whole_array() {
        let rows = vec![
            Row {
                id: "a",
                lines: vec!["one\ntwo", "[\"x\"]"],
                nested: Some(vec![1, 2]),
            },
            Row {
                id: "b",
                lines: vec![],
                nested: None,
            },
        ];
        let mut whole = serde_json::to_vec_pretty(&rows).unwrap();
        whole.push(b'\n');
        let mut joined = JSON_ARRAY.head.to_vec();
        let elements: Vec<Vec<u8>> = rows.iter().map(|r| json_element(r).unwrap()).collect();
        joined.extend(elements.join(JSON_ARRAY.between));
        joined.extend_from_slice(JSON_ARRAY.tail);
        assert_eq!(
            String::from_utf8(joined).unwrap(),
            String::from_utf8(whole).unwrap()
        );
        let mut empty = serde_json::to_vec_pretty::<[Row]>(&[]).unwrap();
        empty.push(b'\n');
        assert_eq!(JSON_ARRAY.empty, &empty[..]);
    }
}
