//! Dependency recording: while a page renders, the graph nodes it reads (a recommendation,
//! how other pages show one, which recommendations a list holds) in; per rendering unit (a
//! page with the files made beside it), the nodes it read, the files it wrote and its sitemap
//! entries out. A rebuild that knows which nodes changed renders again only the units that
//! read one of them, and keeps the others' files. Files written outside any unit (the data
//! files, the search index, the content pages that list the data files' sizes) read every
//! recommendation: every rebuild makes them again.
//!
//! Reads go to the unit open on the current thread. A unit renders on one thread (the page
//! kinds run their units in parallel, never the inside of one), so a thread-local stack is
//! exact: a unit that rayon starts on a thread waiting in another unit is pushed on top of it
//! and popped before the waiting one goes on.

use std::cell::RefCell;

use std::sync::{Arc, Mutex, PoisonError};

use crate::fx::FxHashMap;
use crate::graph::{PartyIdx, RecIdx, SectionIdx};
use crate::model::Level;
use crate::output::{FileBody, Piece};
use crate::render::items::MadeItem;
use crate::render::kinds::brief::MadeEntry;
use crate::search::SearchIndexer;

/// Something a page can read, that a rebuild can tell changed or not. A recommendation is
/// named by its [`RecIdx`] in the graph of the render that recorded the read; a rebuild whose
/// edit added or deleted recommendations renumbers the last render's record first
/// ([`Recorded::renumber`]), so one render's record and the next graph agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Node {
    /// Everything about one recommendation: its text, notes, references and fields.
    Rec(RecIdx),
    /// What other pages show of one recommendation (id, title, level, addressees): its list
    /// item, a link to it with its title.
    Item(RecIdx),
    /// Every recommendation's item, as `Item` (the full list): one node for 11,100 at 100×.
    EveryItem,
    /// Every recommendation, all of it, as `Rec` (a Party's CSV, whose rows carry the texts):
    /// one node for 11,100 at 100×.
    EveryRec,
    /// Its previous and next recommendation in its section.
    Neighbours(RecIdx),
    /// Which recommendations cite it.
    ReferencedBy(RecIdx),
    /// Which recommendations a section holds.
    Section(SectionIdx),
    /// Which recommendations are at a level.
    Level(Level),
    /// How each recommendation concerns a Party.
    Party(PartyIdx),
    /// The counts over every list: recommendations per section, level, scope and Party.
    Counts,
    /// Anything of a recommendation deleted since: what a unit read of it, renumbered, and
    /// changed by every rebuild that deletes one.
    Gone,
}

impl Node {
    /// The node in the next graph, `map` giving each recommendation's index there (by its
    /// index in the last): [`Node::Gone`] for a recommendation deleted.
    fn renumbered(self, map: &[Option<RecIdx>]) -> Node {
        let to = |i: RecIdx, node: fn(RecIdx) -> Node| map[i.index()].map_or(Node::Gone, node);
        match self {
            Node::Rec(i) => to(i, Node::Rec),
            Node::Item(i) => to(i, Node::Item),
            Node::Neighbours(i) => to(i, Node::Neighbours),
            Node::ReferencedBy(i) => to(i, Node::ReferencedBy),
            other => other,
        }
    }
}

/// What one unit read and wrote.
#[derive(Debug, Default, Clone)]
pub(crate) struct Unit {
    /// Sorted, without repeats.
    nodes: Vec<Node>,
    /// Output paths.
    pub(crate) outputs: Vec<String>,
    /// Canonical addresses it added to the sitemap.
    sitemap: Vec<String>,
}

/// Every unit of a render, by key (the unit's page address).
pub(crate) type Units = FxHashMap<String, Unit>;

thread_local! {
    /// The units open on this thread, innermost last.
    static OPEN: RefCell<Vec<Unit>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` with `g` given the innermost open unit, if any.
fn with_open(g: impl FnOnce(&mut Unit)) {
    OPEN.with(|open| {
        if let Some(unit) = open.borrow_mut().last_mut() {
            g(unit);
        }
    });
}

impl Unit {
    /// Its sitemap entries.
    pub(crate) fn sitemap(&self) -> &[String] {
        &self.sitemap
    }

    /// Whether it read `node`.
    pub(crate) fn reads(&self, node: Node) -> bool {
        let every = || match node {
            Node::Item(_) => self.has(Node::EveryItem),
            Node::Rec(_) => self.has(Node::EveryRec),
            _ => false,
        };
        self.has(node) || every()
    }

    fn has(&self, node: Node) -> bool {
        self.nodes.binary_search(&node).is_ok()
    }
}

/// Which layers of a rebuild run. Each can be switched off (`RECPUB_REBUILD_WITHOUT`, read by
/// `site::rebuild` alone) so that its gain can be measured; the site is the same either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Layers {
    /// Units that read nothing changed keep the last build's files.
    pub(crate) keep: bool,
    /// Files in memory are kept in pieces shared with other files and the last build.
    pub(crate) pieces: bool,
    /// The index of who links where is kept and updated, so a rebuild checks only what it
    /// can break; else every link is checked again.
    pub(crate) inverse: bool,
}

impl Default for Layers {
    fn default() -> Layers {
        Layers {
            keep: true,
            pieces: true,
            inverse: true,
        }
    }
}

impl Layers {
    /// Every layer but those named in `without` (comma-separated: `keep`, `pieces`,
    /// `inverse`); an unknown name is an error.
    pub(crate) fn without(without: &str) -> Result<Layers, String> {
        let mut layers = Layers::default();
        for name in without.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name {
                "keep" => layers.keep = false,
                "pieces" => layers.pieces = false,
                "inverse" => layers.inverse = false,
                other => return Err(format!("no rebuild layer {other:?}")),
            }
        }
        Ok(layers)
    }
}

/// Dependency recording for one render, and on a rebuild what the last render recorded (in
/// this render's numbering) with the nodes changed since.
pub(crate) struct Tracking<'t> {
    layers: Layers,
    previous: Option<Previous<'t>>,
    recorded: Mutex<Recorded>,
    /// The search indexer kept between builds, which analyses only what changed.
    indexer: Option<&'t Mutex<SearchIndexer>>,
}

impl<'t> Tracking<'t> {
    /// Records a first render.
    pub(crate) fn first() -> Tracking<'t> {
        Tracking {
            layers: Layers::default(),
            previous: None,
            recorded: Mutex::default(),
            indexer: None,
        }
    }

    /// This render builds the search index with `indexer`, kept for the next.
    pub(crate) fn with_indexer(self, indexer: &'t Mutex<SearchIndexer>) -> Tracking<'t> {
        Tracking {
            indexer: Some(indexer),
            ..self
        }
    }

    /// This render runs `layers` only.
    pub(crate) fn with_layers(self, layers: Layers) -> Tracking<'t> {
        Tracking { layers, ..self }
    }

    /// The search indexer kept between builds, if any.
    pub(crate) fn indexer(&self) -> Option<&'t Mutex<SearchIndexer>> {
        self.indexer
    }

    /// Records a render that reuses the units and items of the last that read nothing changed.
    pub(crate) fn after(previous: Previous<'t>) -> Tracking<'t> {
        Tracking {
            previous: Some(previous),
            ..Tracking::first()
        }
    }

    /// The last render's unit `key`, to keep, when it read nothing that changed; `None`: it
    /// must be rendered.
    pub(crate) fn keep(&self, key: &str) -> Option<&'t Unit> {
        let p = self.previous.filter(|_| self.layers.keep)?;
        let unit = p.units.get(key)?;
        // Few nodes change; a unit may have read thousands (sorted).
        (!p.changed.iter().any(|n| unit.reads(*n))).then_some(unit)
    }

    /// Records that unit `key` was kept.
    pub(crate) fn kept(&self, key: String) {
        lock(&self.recorded).kept.push(key);
    }

    /// The last render's list item of recommendation `i`, when nothing it shows changed.
    pub(crate) fn cached_item(&self, i: RecIdx) -> Option<&'t MadeItem> {
        let p = self.previous?;
        if p.changed.binary_search(&Node::Item(i)).is_ok() {
            return None;
        }
        p.items.get(&i)
    }

    /// The last render's file at `path`, to take recommendations' pieces from (none when
    /// files are kept whole).
    pub(crate) fn last_pieces(&self, path: &str) -> Option<LastPieces<'t>> {
        let p = self.previous.filter(|_| self.layers.pieces)?;
        Some(LastPieces {
            changed: p.changed,
            places: p.places.get(path)?,
            pieces: p.files.get(path)?.pieces(),
        })
    }

    /// Keeps which piece of the file at `path` is each recommendation's; `places` by
    /// [`RecIdx`].
    pub(crate) fn keep_places(&self, path: &str, places: &[usize]) {
        let places = places.iter().map(|&p| u32::try_from(p).ok()).collect();
        lock(&self.recorded).places.insert(path.to_string(), places);
    }

    /// The last render's page at `path` and the digest of its links and ids, when it was made
    /// from the same `shape` (a digest of all its template saw, the entries it lists only by
    /// which they are) and none of `reads` (the nodes of what it lists) changed since: the page
    /// is the same, and is taken whole. `shape` is kept for the next render.
    pub(crate) fn same_page(
        &self,
        path: &str,
        shape: u128,
        reads: &[Node],
    ) -> Option<(&'t FileBody, u128)> {
        let mut recorded = lock(&self.recorded);
        recorded.digests.entry(path.to_string()).or_default().shape = Some(shape);
        drop(recorded);
        let p = self.previous?;
        let last = p.digests.get(path)?;
        let changed = |n: &Node| p.changed.binary_search(n).is_ok();
        if last.shape != Some(shape) || reads.iter().any(changed) {
            return None;
        }
        Some((p.files.get(path)?, last.links))
    }

    /// Keeps the digest of the composed page at `path`; whether the last render's page there
    /// had the same (and is then recorded as such).
    pub(crate) fn composed(&self, path: &str, digest: u128) -> bool {
        let same = self
            .previous
            .is_some_and(|p| p.digests.get(path).map(|d| d.links) == Some(digest));
        let mut recorded = lock(&self.recorded);
        recorded.digests.entry(path.to_string()).or_default().links = digest;
        if same {
            recorded.same_links.push(path.to_string());
        }
        same
    }

    /// The last render's own HTML of kind `own` for recommendation `i` on Party `party`'s
    /// pages, when what it shows of the recommendation did not change: `Some(None)` when it
    /// has none (the recommendation names the Party plainly).
    pub(crate) fn cached_own(
        &self,
        own: Own,
        i: RecIdx,
        party: PartyIdx,
    ) -> Option<Option<&'t Piece>> {
        let p = self.previous?;
        if p.changed.binary_search(&own.node(i)).is_ok() {
            return None;
        }
        p.own_items.get(&(own, i, party)).map(Option::as_ref)
    }

    /// Keeps Party `party`'s own HTML of kind `own`, by [`RecIdx`] (see [`OwnItems`]), for
    /// the next render.
    pub(crate) fn keep_own(&self, own: Own, party: PartyIdx, made: Vec<(RecIdx, Option<Piece>)>) {
        let mut recorded = lock(&self.recorded);
        for (i, html) in made {
            recorded.own_items.insert((own, i, party), html);
        }
    }

    /// The last render's brief entry of recommendation `i`, when the recommendation did not
    /// change.
    pub(crate) fn cached_entry(&self, i: RecIdx) -> Option<&'t Arc<MadeEntry>> {
        let p = self.previous?;
        if p.changed.binary_search(&Node::Rec(i)).is_ok() {
            return None;
        }
        p.entries.get(&i)
    }

    /// Keeps the brief entries this render made, by [`RecIdx`], for the next.
    pub(crate) fn keep_entries(&self, made: Vec<(RecIdx, Arc<MadeEntry>)>) {
        let mut recorded = lock(&self.recorded);
        for (i, entry) in made {
            recorded.entries.insert(i, entry);
        }
    }

    /// Keeps this render's list items, by [`RecIdx`], for the next.
    pub(crate) fn keep_items(&self, made: Vec<MadeItem>) {
        let items = made
            .into_iter()
            .enumerate()
            .map(|(n, item)| (RecIdx::from_index(n), item))
            .collect();
        lock(&self.recorded).items = items;
    }

    /// Runs unit `key`'s render `f`, recording what it reads and writes.
    pub(crate) fn render<E>(
        &self,
        key: String,
        f: impl FnOnce() -> Result<(), E>,
    ) -> Result<(), E> {
        OPEN.with(|open| open.borrow_mut().push(Unit::default()));
        let result = f();
        let mut unit = OPEN
            .with(|open| open.borrow_mut().pop())
            .expect("the unit pushed above");
        // Read in runs that are mostly in order already (a list's items): a merging sort.
        unit.nodes.sort();
        unit.nodes.dedup();
        lock(&self.recorded).units.insert(key, unit);
        result
    }

    /// Records a file written outside any unit.
    pub(crate) fn loose(&self, path: &str) {
        lock(&self.recorded).loose.push(path.to_string());
    }

    /// What this render recorded.
    pub(crate) fn finish(self) -> Recorded {
        self.recorded
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Records that the open unit read `node`.
pub(super) fn read(node: Node) {
    with_open(|u| u.nodes.push(node));
}

/// Records that the open unit read every node of `nodes`.
pub(super) fn read_all(nodes: impl IntoIterator<Item = Node>) {
    with_open(|u| u.nodes.extend(nodes));
}

/// Records that the open unit wrote the file at `path`; `false` when no unit is open.
pub(super) fn wrote(path: &str) -> bool {
    let mut open = false;
    with_open(|u| {
        u.outputs.push(path.to_string());
        open = true;
    });
    open
}

/// Records that the open unit listed `url` in the sitemap.
pub(super) fn listed(url: &str) {
    with_open(|u| u.sitemap.push(url.to_string()));
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

mod record;
#[cfg(test)]
mod tests;

pub(crate) use record::{LastPieces, Own, Previous, Recorded};
