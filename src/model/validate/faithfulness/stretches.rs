//! Where each recommendation is in the source: the source text and the recommendations in;
//! out, each one's stretch of the text, from its marker ("Recommendation III-16", or its
//! `source_marker`) to the next marker or section heading, and a difference for each marker
//! not found.

use super::{Difference, HELP_MARKER};
use crate::model::{RecId, Recommendation, Section};

/// Each recommendation's stretch of the source, from its marker to the next marker or section
/// heading (`None` when its marker is not found, reported in the differences).
pub(super) fn chunks<'s>(
    src: &'s str,
    recs: &[&Recommendation],
    sections: &[Section],
) -> (Vec<Option<&'s str>>, Vec<Difference>) {
    let headings: Vec<usize> = sections
        .iter()
        .filter_map(|s| {
            src.find(&format!("\n{}. {}\n", s.id, s.title))
                .map(|i| i + 1)
        })
        .collect();
    let mut marks = Vec::new();
    let mut errors = Vec::new();
    let mut pos = 0;
    for (k, r) in recs.iter().enumerate() {
        match find_marker(src, pos, r) {
            Some((start, end)) => {
                marks.push(Some((start, end)));
                pos = end;
            }
            None => {
                marks.push(None);
                errors.push(missing_marker(r, k.checked_sub(1).map(|p| &recs[p].id)));
            }
        }
    }
    let starts: Vec<Option<usize>> = marks.iter().map(|m| m.map(|(s, _)| s)).collect();
    let chunks = marks
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let (_, from) = (*m)?;
            let next = starts[k + 1..].iter().flatten().next().copied();
            let end = next.unwrap_or(src.len());
            let end = headings
                .iter()
                .copied()
                .filter(|&h| h > from && h < end)
                .min()
                .unwrap_or(end);
            Some(&src[from..end])
        })
        .collect();
    (chunks, errors)
}

fn missing_marker(r: &Recommendation, prev: Option<&RecId>) -> Difference {
    let marker = r
        .source_marker
        .clone()
        .unwrap_or_else(|| format!("Recommendation {}", r.id));
    let after = prev.map_or(String::new(), |p| format!(" after that of {p}"));
    Difference {
        id: r.id.clone(),
        at: 0,
        message: format!(
            "{}'s text is not in the source: no \"{marker}\"{after}",
            r.id
        ),
        help: HELP_MARKER,
        field: r.source_marker.is_some().then_some("source_marker"),
    }
}

/// Start and end of the marker that opens `rec`'s text in the source, searching from `from`:
/// its `source_marker`, or "Recommendation(s) <id>" not followed by a digit.
fn find_marker(src: &str, from: usize, rec: &Recommendation) -> Option<(usize, usize)> {
    if let Some(m) = &rec.source_marker {
        let i = from + src[from..].find(m.as_str())?;
        return Some((i, i + m.len()));
    }
    for word in ["Recommendation ", "Recommendations "] {
        let pat = format!("{word}{}", rec.id);
        let mut at = from;
        while let Some(i) = src[at..].find(&pat).map(|i| at + i) {
            let end = i + pat.len();
            if !src[end..].starts_with(|c: char| c.is_ascii_digit()) {
                return Some((i, end));
            }
            at = end;
        }
    }
    None
}
