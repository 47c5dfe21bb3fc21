//! Splicing: the last build's files of a unit, and the list items that changed since (each
//! with the links and ids it had), in; the unit's files with each old item replaced by the
//! new one out, without rendering the page again, scanning it for links or touching the rest.
//! A title edit at 100× changes one item in each of the 43 Party pages (3.7 MB each): in a page
//! kept in pieces, the item is a piece of its own, replaced by the new one's; in bytes, it is a
//! search and a copy.

use std::sync::Arc;

use memchr::memmem;

use super::deps::{Node, RecKey, Unit};
use crate::output::{FileBody, Piece};

/// The list items a rebuild may replace in place: the old and new item of each recommendation
/// whose item changed. `None` when one of them has other links or ids than before (the pages
/// are then rendered, and scanned, again).
pub(super) struct Splices<'i> {
    items: Vec<(RecKey, &'i str, Arc<str>)>,
}

impl<'i> Splices<'i> {
    /// The replacements, if every new item links and names exactly what the old one did.
    pub(super) fn new(items: Vec<(RecKey, &'i str, Arc<str>)>) -> Option<Splices<'i>> {
        let same =
            |old: &str, new: &str| crate::html_scan::scan(old) == crate::html_scan::scan(new);
        let ok = items.iter().all(|(_, old, new)| same(old, new));
        ok.then_some(Splices { items })
    }

    /// `unit`'s files from `last`, each old item it lists replaced; `None` when an item the
    /// unit lists is found in none of its files (or two matches overlap): it must be rendered.
    pub(super) fn apply<'f>(
        &self,
        unit: &Unit,
        last: impl Fn(&str) -> Option<&'f FileBody>,
    ) -> Option<Vec<(String, FileBody)>> {
        let listed: Vec<(&str, &Arc<str>)> = self
            .items
            .iter()
            .filter(|(k, _, _)| unit.reads(Node::Listed(*k)))
            .map(|(_, old, new)| (*old, new))
            .collect();
        let mut found = vec![false; listed.len()];
        let mut files = Vec::with_capacity(unit.outputs.len());
        for path in &unit.outputs {
            let (body, hits) = match last(path)? {
                body if body.as_pieces().is_some() => replace_pieces(body.as_pieces()?, &listed),
                body => {
                    let pairs: Vec<(&[u8], &[u8])> = listed
                        .iter()
                        .map(|(old, new)| (old.as_bytes(), new.as_bytes()))
                        .collect();
                    let (bytes, hits) = replace(&body.bytes(), &pairs)?;
                    (FileBody::whole(bytes), hits)
                }
            };
            for (f, h) in found.iter_mut().zip(hits) {
                *f |= h;
            }
            files.push((path.clone(), body));
        }
        found.iter().all(|&f| f).then_some(files)
    }
}

/// A page in pieces with each piece that is an old item replaced by the new one (a page's
/// list items are pieces of their own, or in a run of pieces); with, per pair, whether it
/// occurred.
fn replace_pieces(old: &[Piece], pairs: &[(&str, &Arc<str>)]) -> (FileBody, Vec<bool>) {
    let mut hits = vec![false; pairs.len()];
    let mut swap = |text: &Arc<str>| match pairs.iter().position(|(from, _)| **text == **from) {
        Some(j) => {
            hits[j] = true;
            Some(pairs[j].1.clone())
        }
        None => None,
    };
    let pieces = old
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => Piece::Text(swap(text).unwrap_or_else(|| text.clone())),
            Piece::Run(run) => {
                let old = |t: &Arc<str>| pairs.iter().any(|(from, _)| **t == **from);
                let Some(first) = run.iter().position(old) else {
                    // Nothing to replace: the run stays shared.
                    return piece.clone();
                };
                let mut texts = run[..first].to_vec();
                texts.extend(
                    run[first..]
                        .iter()
                        .map(|t| swap(t).unwrap_or_else(|| t.clone())),
                );
                Piece::Run(texts.into())
            }
        })
        .collect();
    (FileBody::pieces(pieces), hits)
}

/// `old` with every occurrence of each pair's first part replaced by its second; with, per
/// pair, whether it occurred. `None` when two occurrences overlap.
fn replace(old: &[u8], pairs: &[(&[u8], &[u8])]) -> Option<(Vec<u8>, Vec<bool>)> {
    let mut at: Vec<(usize, usize)> = Vec::new();
    for (j, (from, _)) in pairs.iter().enumerate() {
        at.extend(memmem::find_iter(old, from).map(|m| (m, j)));
    }
    at.sort_unstable();
    let mut hits = vec![false; pairs.len()];
    let mut out = Vec::with_capacity(old.len());
    let mut pos = 0;
    for (m, j) in at {
        if m < pos {
            return None;
        }
        let (from, to) = pairs[j];
        out.extend_from_slice(&old[pos..m]);
        out.extend_from_slice(to);
        pos = m + from.len();
        hits[j] = true;
    }
    out.extend_from_slice(&old[pos..]);
    Some((out, hits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_occurrence_is_replaced_and_the_rest_kept() {
        let old = b"<ul><li>a</li><li>b</li></ul><ol><li>a</li></ol>";
        let (new, hits) = replace(
            old,
            &[(b"<li>a</li>", b"<li>A!</li>"), (b"<li>z</li>", b"")],
        )
        .unwrap();
        assert_eq!(new, b"<ul><li>A!</li><li>b</li></ul><ol><li>A!</li></ol>");
        assert_eq!(hits, [true, false]);
    }

    #[test]
    fn an_item_in_a_shared_run_is_replaced_in_a_copy_and_other_runs_stay_shared() {
        let text = |t: &str| -> Arc<str> { Arc::from(t) };
        let with_a: Arc<[Arc<str>]> = Arc::from([text("<li>a</li>"), text("<li>b</li>")]);
        let without: Arc<[Arc<str>]> = Arc::from([text("<li>c</li>")]);
        let page = [
            Piece::Text(text("<ul>")),
            Piece::Run(with_a.clone()),
            Piece::Run(without.clone()),
            Piece::Text(text("<li>a</li></ul>")),
        ];
        let new = text("<li>A!</li>");
        let (body, hits) = replace_pieces(&page, &[("<li>a</li>", &new), ("<li>z</li>", &new)]);
        assert_eq!(
            &*body.bytes(),
            b"<ul><li>A!</li><li>b</li><li>c</li><li>a</li></ul>"
        );
        assert_eq!(hits, [true, false]);
        let pieces = body.as_pieces().unwrap();
        assert!(matches!(&pieces[2], Piece::Run(r) if Arc::ptr_eq(r, &without)));
        assert_eq!(&*with_a[0], "<li>a</li>", "the shared run is not changed");
    }

    #[test]
    fn overlapping_occurrences_refuse() {
        assert!(replace(b"abab", &[(b"aba", b"x"), (b"bab", b"y")]).is_none());
    }

    #[test]
    fn an_item_with_other_links_is_not_spliced() {
        let old = r#"<li><a href="/recommendations/ii-1/">Old</a></li>"#;
        let same = r#"<li><a href="/recommendations/ii-1/">New</a></li>"#;
        let moved = r#"<li><a href="/recommendations/ii-2/">New</a></li>"#;
        let k = RecKey::for_tests(0);
        assert!(Splices::new(vec![(k, old, Arc::from(same))]).is_some());
        assert!(Splices::new(vec![(k, old, Arc::from(moved))]).is_none());
    }
}
