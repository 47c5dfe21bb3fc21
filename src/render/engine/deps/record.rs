//! What one render records for the next (its units, list items, own items, pieces' places,
//! page digests) in; what the next render takes from it out: the record carried over past a
//! rebuild, and the pieces of a last file to copy.

use std::sync::Arc;

use super::{Node, Units};
use crate::fx::{FxHashMap, FxHashSet};
use crate::graph::{PartyIdx, RecIdx};
use crate::output::{Piece, SiteFiles};
use crate::render::items::MadeItem;
use crate::render::kinds::brief::MadeEntry;

/// Each recommendation's list item as the last render made it.
pub(crate) type ItemCache = FxHashMap<RecIdx, MadeItem>;

/// Which piece of a data file or Party CSV is each recommendation's, by file: output path →
/// by [`RecIdx`] → the piece's index in the last render's file.
pub(crate) type Places = FxHashMap<String, Vec<Option<u32>>>;

/// What the last render recorded and made, and which nodes changed since (sorted).
#[derive(Clone, Copy)]
pub(crate) struct Previous<'t> {
    pub(crate) units: &'t Units,
    pub(crate) items: &'t ItemCache,
    pub(crate) places: &'t Places,
    pub(crate) files: &'t SiteFiles,
    pub(crate) changed: &'t [Node],
    /// The digest of each composed page's links and ids, by output path.
    pub(crate) digests: &'t Digests,
    pub(crate) own_items: &'t OwnItems,
    pub(crate) entries: &'t EntryCache,
}

/// What a Party's pages show of their own for a recommendation that names the Party (a
/// Party page's item, a brief's entry), by kind, recommendation and Party: the HTML, or
/// `None` when the recommendation names the Party plainly (the shared one is then shown).
pub(crate) type OwnItems = FxHashMap<(Own, RecIdx, PartyIdx), Option<Piece>>;

/// A kind of a Party's own HTML for one recommendation ([`OwnItems`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Own {
    /// A Party page's list item: shows what other pages show of it (`Node::Item`).
    Item,
    /// A brief's entry: shows all of it (`Node::Rec`).
    Entry,
}

impl Own {
    /// The node whose change makes this HTML of recommendation `i` stale.
    pub(crate) fn node(self, i: RecIdx) -> Node {
        match self {
            Own::Item => Node::Item(i),
            Own::Entry => Node::Rec(i),
        }
    }
}

/// Each recommendation's entry in the Party briefs as the last renders made it.
pub(crate) type EntryCache = FxHashMap<RecIdx, Arc<MadeEntry>>;

/// The [`crate::html_scan::PageScan::digest`] of each composed page, by output path.
pub(crate) type Digests = FxHashMap<String, PageDigest>;

/// What a composed page was made from: the digest of its links and ids, and, for a page that
/// gives one ([`super::Tracking::same_page`]), the digest of what its template saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PageDigest {
    pub(crate) links: u128,
    pub(crate) shape: Option<u128>,
}

/// What a render recorded: the units it rendered, the keys of those it kept from the last
/// render (whose files are reused), the files it wrote outside any unit, every recommendation's
/// list item, the digest of each composed page's links and ids, and the composed pages whose
/// digest is the last render's.
#[derive(Debug, Default)]
pub(crate) struct Recorded {
    pub(crate) units: Units,
    pub(crate) kept: Vec<String>,
    pub(crate) loose: Vec<String>,
    pub(crate) items: ItemCache,
    pub(crate) places: Places,
    pub(crate) digests: Digests,
    pub(crate) same_links: Vec<String>,
    pub(crate) own_items: OwnItems,
    pub(crate) entries: EntryCache,
}

impl Recorded {
    /// This record as the previous render's, for a render of the same site whose nodes
    /// `changed` (sorted) since, with the files it made (`files`).
    pub(crate) fn previous<'t>(
        &'t self,
        files: &'t SiteFiles,
        changed: &'t [Node],
    ) -> Previous<'t> {
        Previous {
            units: &self.units,
            items: &self.items,
            places: &self.places,
            files,
            changed,
            digests: &self.digests,
            own_items: &self.own_items,
            entries: &self.entries,
        }
    }

    /// Takes over from the last render's record what its files that were not made again
    /// (not in `stale`) still hold: their digests, their pieces' places, the Parties' own
    /// items and entries of recommendations whose item or whole did not change (`changed`,
    /// sorted), and the brief entries of recommendations that did not change.
    pub(crate) fn keep_from(
        &mut self,
        last: &mut Recorded,
        stale: &FxHashSet<&str>,
        changed: &[Node],
    ) {
        let fresh = |path: &String| !stale.contains(path.as_str());
        last.digests.retain(|path, _| fresh(path));
        last.digests.extend(std::mem::take(&mut self.digests));
        self.digests = std::mem::take(&mut last.digests);
        last.places.retain(|path, _| fresh(path));
        last.places.extend(std::mem::take(&mut self.places));
        self.places = std::mem::take(&mut last.places);
        let same = |own: &Own, k: &RecIdx| changed.binary_search(&own.node(*k)).is_err();
        last.own_items.retain(|(own, k, _), _| same(own, k));
        last.own_items.extend(std::mem::take(&mut self.own_items));
        self.own_items = std::mem::take(&mut last.own_items);
        // A brief's entry shows all of its recommendation: kept while that did not change.
        let same_rec = |k: &RecIdx| changed.binary_search(&Node::Rec(*k)).is_err();
        last.entries.retain(|k, _| same_rec(k));
        last.entries.extend(std::mem::take(&mut self.entries));
        self.entries = std::mem::take(&mut last.entries);
    }

    /// The record in the numbering of the next graph, whose recommendations an edit added or
    /// deleted: `map` gives each recommendation's index there (by its index here), `None`
    /// when deleted; `len`, how many it has. A unit's read of a deleted one becomes
    /// [`Node::Gone`]; what was made of one (its item, entry, own items, pieces) is dropped.
    pub(crate) fn renumber(&mut self, map: &[Option<RecIdx>], len: usize) {
        for unit in self.units.values_mut() {
            let read = unit.nodes.len();
            unit.nodes.retain_mut(|node| {
                *node = node.renumbered(map);
                *node != Node::Gone
            });
            // The recommendations that stay keep their order, so the nodes stay sorted, with
            // `Gone`, the last kind, after them: no sort of a Party page's thousands of reads.
            if unit.nodes.len() < read {
                unit.nodes.push(Node::Gone);
            }
            debug_assert!(unit.nodes.windows(2).all(|w| w[0] < w[1]));
        }
        let to = |i: &RecIdx| map[i.index()];
        let items = std::mem::take(&mut self.items).into_iter();
        self.items = items.filter_map(|(i, m)| Some((to(&i)?, m))).collect();
        let entries = std::mem::take(&mut self.entries).into_iter();
        self.entries = entries.filter_map(|(i, e)| Some((to(&i)?, e))).collect();
        let own = std::mem::take(&mut self.own_items).into_iter();
        self.own_items = own
            .filter_map(|((own, i, p), h)| Some(((own, to(&i)?, p), h)))
            .collect();
        for places in self.places.values_mut() {
            let mut next = vec![None; len];
            for (i, &place) in places.iter().enumerate() {
                if let Some(j) = map.get(i).copied().flatten() {
                    next[j.index()] = place;
                }
            }
            *places = next;
        }
    }
}

/// A file of the last render, with which of its pieces is each recommendation's.
pub(crate) struct LastPieces<'t> {
    pub(super) changed: &'t [Node],
    pub(super) places: &'t [Option<u32>],
    pub(super) pieces: &'t [Piece],
}

impl<'t> LastPieces<'t> {
    /// Recommendation `i`'s piece, when the recommendation did not change (a data file's
    /// element, a Party CSV's row).
    pub(crate) fn rec(&self, i: RecIdx) -> Option<&'t Piece> {
        if self.changed.binary_search(&Node::Rec(i)).is_ok() {
            return None;
        }
        let place = (*self.places.get(i.index())?)?;
        self.pieces.get(place as usize)
    }
}
