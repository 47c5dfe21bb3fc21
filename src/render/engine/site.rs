//! The page kinds' view of the site graph: a recommendation, a list or a count in, recorded
//! as read by the unit open on this thread, before it is returned. What a rebuild treats as
//! global comes unrecorded: the site's metadata, its URLs, the levels, sections and Parties
//! tables, the content pages and the release history. That is sound because `serve`'s quick
//! path takes edits of recommendation files alone (`site::edit`); a change to anything else
//! (a table, a page, `site.toml`, a release, the theme) builds in full (`site::rebuild`), so
//! no kept page can have read it.

use super::deps::{self, Node, Tracking};
use crate::graph::{Concern, ConcernGroups, PartyIdx, RecIdx, SectionIdx, SiteGraph};
use crate::model::facts::Facts;
use crate::model::releases::History;
use crate::model::{
    Addressees, Dataset, Level, LevelInfo, Page, Party, PartySlug, RecId, Recommendation, Scope,
    Section, Site as SiteMeta, Urls,
};

/// What other pages show of a recommendation (its list item, a link to it with its title):
/// only the fields whose edit changes its `Node::Item`.
#[derive(Clone, Copy)]
pub(crate) struct Shown<'a>(&'a Recommendation);

impl<'a> Shown<'a> {
    /// Its id.
    pub(crate) fn id(self) -> &'a RecId {
        &self.0.id
    }

    /// Its title.
    pub(crate) fn title(self) -> &'a str {
        &self.0.title
    }

    /// Its level.
    pub(crate) fn level(self) -> Level {
        self.0.level
    }

    /// Whom it addresses.
    pub(crate) fn addressees(self) -> &'a Addressees {
        &self.0.addressees
    }
}

/// The site graph as a page kind reads it: every accessor of data an edit of recommendation
/// files can change records the graph node it reads.
#[derive(Clone, Copy)]
pub(crate) struct Site<'g, 'a> {
    g: &'g SiteGraph<'a>,
    tracking: Option<&'g Tracking<'g>>,
}

impl<'g, 'a> Site<'g, 'a> {
    /// The view of `g`; with `tracking`, its reads are recorded. Only the renderer and the
    /// list items, made before any unit, have the graph to make one.
    pub(in crate::render) fn new(g: &'g SiteGraph<'a>, tracking: Option<&'g Tracking<'g>>) -> Self {
        Site { g, tracking }
    }

    fn read(self, node: Node) {
        if self.tracking.is_some() {
            deps::read(node);
        }
    }

    fn read_of(self, i: RecIdx, node: fn(RecIdx) -> Node) {
        self.read(node(i));
    }

    /// Records that the open unit shows what other pages show of each of `recs` (id, title,
    /// level, addressees), or includes their list items.
    pub(crate) fn read_items(self, recs: &[RecIdx]) {
        if self.tracking.is_some() {
            deps::read_all(recs.iter().map(|&i| Node::Item(i)));
        }
    }

    /// Recommendation `i`, all of it (`Node::Rec`).
    pub(crate) fn rec(self, i: RecIdx) -> &'a Recommendation {
        self.read_of(i, Node::Rec);
        self.g.rec(i)
    }

    /// What other pages show of recommendation `i`: its id, title, level and addressees, as
    /// in its list item (`Node::Item`).
    pub(crate) fn item(self, i: RecIdx) -> Shown<'a> {
        self.read_of(i, Node::Item);
        Shown(self.g.rec(i))
    }

    /// Every recommendation, in report order: which there are (`Node::Counts`).
    pub(crate) fn recs(self) -> &'g [RecIdx] {
        self.read(Node::Counts);
        self.g.recs()
    }

    /// Every recommendation, all of it (`Node::EveryRec`, and which there are).
    pub(crate) fn every_rec(self) -> &'g [RecIdx] {
        self.read(Node::EveryRec);
        self.recs()
    }

    /// Every recommendation, for its list item (`Node::EveryItem`, and which there are).
    pub(crate) fn every_item(self) -> &'g [RecIdx] {
        self.read(Node::EveryItem);
        self.recs()
    }

    /// The whole dataset: every recommendation, all of it, and every table.
    pub(crate) fn dataset(self) -> &'a Dataset {
        self.every_rec();
        self.g.ds
    }

    /// The first recommendation's id, in report order: an example of the dataset's ids, for
    /// the search boxes' hints; part of which there are (`Node::Counts`).
    pub(crate) fn first_id(self) -> Option<&'a RecId> {
        self.read(Node::Counts);
        self.g.recs().first().map(|&i| &self.g.rec(i).id)
    }

    /// The recommendation with this id, if there is one: which there are (`Node::Counts`).
    pub(crate) fn find_rec(self, id: &RecId) -> Option<RecIdx> {
        self.read(Node::Counts);
        self.g.find_rec(id)
    }

    /// The section a recommendation belongs to. Nothing is recorded: the section is part of
    /// the id, and an index stands for one id from rebuild to rebuild (`Recorded::renumber`
    /// maps indexes by id; a new id is a new recommendation, which changes the lists that hold
    /// it, the nodes a unit read to find `i`). So a title edit leaves a page that only counts
    /// a list's recommendations per section (a Party page at scale) as it was.
    pub(crate) fn section_of(self, i: RecIdx) -> Option<SectionIdx> {
        self.g.section_of(i)
    }

    /// How many of `recs` are at each level, by [`Level`] index (`Node::Counts`: a level edit
    /// changes every count, so a page that shows only the counts, such as a Party page at
    /// scale, is not rendered again for a title edit of one of them).
    pub(crate) fn count_by_level(self, recs: &[RecIdx]) -> Vec<usize> {
        self.read(Node::Counts);
        let mut counts = vec![0; self.g.ds.levels.len()];
        for &i in recs {
            counts[self.g.level_of(i).index()] += 1;
        }
        counts
    }

    /// A section's recommendations, in report order (`Node::Section`).
    pub(crate) fn in_section(self, s: SectionIdx) -> &'g [RecIdx] {
        self.read(Node::Section(s));
        self.g.in_section(s)
    }

    /// Recommendations of one level, in report order (`Node::Level`).
    pub(crate) fn at_level(self, level: Level) -> &'g [RecIdx] {
        self.read(Node::Level(level));
        self.g.at_level(level)
    }

    /// Recommendations of one scope, in report order (`Node::Counts`: a scope's list changes
    /// only with a level or addressees, which changes every count).
    pub(crate) fn with_scope(self, scope: Scope) -> &'g [RecIdx] {
        self.read(Node::Counts);
        self.g.with_scope(scope)
    }

    /// Recommendations whose text cites `i` (`Node::ReferencedBy`).
    pub(crate) fn referenced_by(self, i: RecIdx) -> &'g [RecIdx] {
        self.read_of(i, Node::ReferencedBy);
        self.g.referenced_by(i)
    }

    /// The previous and next recommendation in `i`'s section (`Node::Neighbours`).
    pub(crate) fn neighbours(self, i: RecIdx) -> (Option<RecIdx>, Option<RecIdx>) {
        self.read_of(i, Node::Neighbours);
        self.g.neighbours(i)
    }

    /// How each recommendation concerns Party `p` (`Node::Party`).
    pub(crate) fn concerns(self, p: PartyIdx) -> &'g ConcernGroups {
        self.read(Node::Party(p));
        self.g.concerns(p)
    }

    /// Whether some recommendation concerns some Party in way `c` (`Node::Counts`).
    pub(crate) fn concern_used(self, c: Concern) -> bool {
        self.read(Node::Counts);
        self.g.concern_used(c)
    }

    /// Recommendations of section `s` that name Party `p` (`Node::Party`).
    pub(crate) fn named_in(self, p: PartyIdx, s: SectionIdx) -> &'g [RecIdx] {
        self.read(Node::Party(p));
        self.g.named_in(p, s)
    }

    /// How many recommendations of section `s` name Party `p`, and the strongest level among
    /// them (`Node::Party`).
    pub(crate) fn named_in_section(self, p: PartyIdx, s: SectionIdx) -> (usize, Option<Level>) {
        self.read(Node::Party(p));
        self.g.named_in_section(p, s)
    }

    /// Records that the open unit reads the counts over every list (`Node::Counts`).
    pub(crate) fn counts(self) {
        self.read(Node::Counts);
    }

    // Global: a change to any of these builds in full.

    /// Every URL and output path of the site.
    pub(crate) fn urls(self) -> &'g Urls {
        &self.g.urls
    }

    /// The site's further reports (`content/reports/<slug>/`): an edit of their files builds
    /// in full, and an edit of the first report's recommendations changes none of them.
    pub(crate) fn further(self) -> &'a [crate::model::FurtherReport] {
        &self.g.ds.further
    }

    /// The site's metadata (`site.toml`).
    pub(crate) fn meta(self) -> &'a SiteMeta {
        &self.g.ds.site
    }

    /// The legend's note on where the levels' labels come from.
    pub(crate) fn labels_note(self) -> Option<&'a str> {
        self.g.ds.labels_note.as_deref()
    }

    /// The facts content pages may quote: how many recommendations, sections and Parties
    /// (`Node::Counts`), the first and last section, the edition.
    pub(crate) fn facts(self) -> Facts {
        self.read(Node::Counts);
        Facts::of(self.g.ds)
    }

    /// The levels table.
    pub(crate) fn levels(self) -> &'a [LevelInfo] {
        &self.g.ds.levels
    }

    /// A level's id.
    pub(crate) fn level_id(self, level: Level) -> &'a str {
        self.g.ds.level_id(level)
    }

    /// A level's row of the levels table.
    pub(crate) fn level_info(self, level: Level) -> &'a LevelInfo {
        self.g.ds.level_info(level)
    }

    /// The content pages.
    pub(crate) fn pages(self) -> &'a [Page] {
        &self.g.ds.pages
    }

    /// The release history.
    pub(crate) fn history(self) -> &'a History {
        &self.g.ds.history
    }

    /// The Party `p`.
    pub(crate) fn party(self, p: PartyIdx) -> &'a Party {
        self.g.party(p)
    }

    /// Every Party, by name.
    pub(crate) fn parties(self) -> &'g [PartyIdx] {
        self.g.parties()
    }

    /// A Party's name, or its slug when there is no such Party.
    pub(crate) fn party_name<'s>(self, slug: &'s PartySlug) -> &'s str
    where
        'a: 's,
    {
        self.g.party_name(slug)
    }

    /// A sector's label, or its id.
    pub(crate) fn sector_label<'s>(self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.g.sector_label(id)
    }

    /// The section `s`.
    pub(crate) fn section(self, s: SectionIdx) -> &'a Section {
        self.g.section(s)
    }

    /// Every section, in report order.
    pub(crate) fn sections(self) -> &'g [SectionIdx] {
        self.g.sections()
    }
}
