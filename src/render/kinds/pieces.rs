//! Data files made of one piece per recommendation (a JSON array's element, a CSV row): the
//! pieces in, the file out as pieces, in report order. On a rebuild, the piece of a
//! recommendation that did not change is the last build's piece, shared, not made again; which
//! piece is each recommendation's is recorded for the next.

use anyhow::Result;
use rayon::prelude::*;

use crate::graph::RecIdx;
use crate::output::Piece;
use crate::render::Renderer;

/// How the pieces are joined.
pub(in crate::render) struct Form<'f> {
    /// Before the first piece (a JSON array's `[`, a CSV header).
    pub head: &'f str,
    /// Between two pieces.
    pub between: &'f str,
    /// After the last piece.
    pub tail: &'f str,
    /// The whole file when there is no piece.
    pub empty: &'f str,
}

/// An indented JSON array, as `serde_json`'s pretty printer writes it, with a final line
/// break; each piece is one element made by [`json_element`].
pub(in crate::render) const JSON_ARRAY: Form = Form {
    head: "[\n",
    between: ",\n",
    tail: "\n]\n",
    empty: "[]\n",
};

/// `value` as an element of a [`JSON_ARRAY`]: pretty-printed, every line indented two spaces
/// (a JSON string holds no raw line break, so every line break is the printer's).
pub(in crate::render) fn json_element<T: serde::Serialize>(value: &T) -> Result<String> {
    let json = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for (k, line) in json.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    Ok(out)
}

/// The file at the site URL `url` as pieces: one per recommendation by `make`, joined by
/// `form`.
pub(in crate::render) fn join(
    r: &Renderer,
    url: &str,
    form: &Form,
    make: impl Fn(RecIdx) -> Result<String> + Sync,
) -> Result<Vec<Piece>> {
    let path = r.site().urls().output_path(url).unwrap_or_default();
    let tracking = r.tracking();
    let last = tracking.and_then(|t| t.last_pieces(&path));
    let made: Vec<Piece> = r
        .site()
        .recs()
        .par_iter()
        .map(|&i| match last.as_ref().and_then(|l| l.rec(i)) {
            Some(kept) => Ok(kept.clone()),
            None => make(i).map(Piece::from),
        })
        .collect::<Result<_>>()?;
    if made.is_empty() {
        return Ok(vec![Piece::copy(form.empty)]);
    }
    let between = Piece::copy(form.between);
    let mut out = Vec::with_capacity(2 * made.len() + 1);
    let mut places = Vec::with_capacity(made.len());
    out.push(Piece::copy(form.head));
    for (k, piece) in made.into_iter().enumerate() {
        if k > 0 && !form.between.is_empty() {
            out.push(between.clone());
        }
        places.push(out.len());
        out.push(piece);
    }
    if !form.tail.is_empty() {
        out.push(Piece::copy(form.tail));
    }
    if let Some(t) = tracking {
        t.keep_places(&path, &places);
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
        let mut joined = JSON_ARRAY.head.to_string();
        let elements: Vec<String> = rows.iter().map(|r| json_element(r).unwrap()).collect();
        joined.push_str(&elements.join(JSON_ARRAY.between));
        joined.push_str(JSON_ARRAY.tail);
        assert_eq!(joined, String::from_utf8(whole).unwrap());
        let mut empty = serde_json::to_string_pretty::<[Row]>(&[]).unwrap();
        empty.push('\n');
        assert_eq!(JSON_ARRAY.empty, empty);
    }
}
