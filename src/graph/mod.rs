//! SITE GRAPH: the validated dataset in, the indexes every page needs out, computed once per
//! build with dense ids ([`RecIdx`], [`PartyIdx`], [`SectionIdx`]): section → recommendations,
//! level and scope → recommendations, recommendation → referenced by and neighbours, Party →
//! how each recommendation concerns it, and lookups by id, slug and sector. Report order is
//! kept everywhere; a Party is never said to be left out of a list that the source does not
//! preserve in full, unless it joined after the report was adopted (the list could not name it).

mod ids;
mod index;

use crate::model::{
    Addressee, Completeness, Dataset, Date, Level, Party, PartySlug, RecId, Recommendation, Scope,
    Section, SectionId, Urls, named_enum,
};
pub use ids::{PartyIdx, RecIdx, SectionIdx};
pub use index::ConcernGroups;

named_enum! {
    /// How one recommendation concerns one Party: the groups of a Party page, in page order.
    /// The ids serve anchors, CSS and data.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Concern {
        /// (a) The source names the Party among the addressees.
        Named = "designated",
        /// (b) Addressed to all Parties.
        All = "all",
        /// (c) Open: each Party assesses whether it applies.
        Open = "open",
        /// (d) Addressed to designated Parties, with a complete list that does not name it, or
        /// any list, when the Party joined after the report was adopted.
        NotNamed = "not-designated",
        /// (e) Addressed to designated Parties, but the list is lost or incomplete in the
        /// source and what remains does not name it: it may concern the Party (never one that
        /// joined after the report was adopted).
        Uncertain = "uncertain",
    }
}

impl Concern {
    /// How `rec` concerns `party`, in a report adopted on `adopted_on`.
    pub fn of(rec: &Recommendation, party: &Party, adopted_on: Option<Date>) -> Concern {
        let a = &rec.addressees;
        let complete = a.completeness() == Completeness::Complete;
        let late = Concern::joined_later(party, adopted_on);
        Concern::from_facts(a.scope, a.names(&party.slug), complete, late)
    }

    /// Whether `party` became a Party after the report was adopted (`adopted_on`): the fourth
    /// fact of [`Concern::from_facts`], read here only.
    pub fn joined_later(party: &Party, adopted_on: Option<Date>) -> bool {
        party.joined_after(adopted_on).is_some()
    }

    /// The rule itself, from the four facts it reads: the scope, whether the source names
    /// the Party, whether every list is complete, and whether the Party joined after the
    /// report was adopted. Shared with the change feeds, which read these facts from release
    /// snapshots rather than from a [`Recommendation`].
    pub fn from_facts(scope: Scope, named: bool, complete: bool, joined_later: bool) -> Concern {
        match scope {
            Scope::All => Concern::All,
            Scope::Open => Concern::Open,
            Scope::Designated if named => Concern::Named,
            // A list drawn up before the Party joined could not name it, whatever the source
            // lost of it: it is not named, never "may concern".
            Scope::Designated if complete || joined_later => Concern::NotNamed,
            Scope::Designated => Concern::Uncertain,
        }
    }

    /// Whether a recommendation of this kind concerns the Party: named, to all Parties or
    /// open. Every count of "recommendations that concern a Party" (Party pages, the home
    /// matrix, the Parties index, the search filter) counts these and only these.
    pub fn concerns(self) -> bool {
        matches!(self, Concern::Named | Concern::All | Concern::Open)
    }

    /// Whether it may concern the Party: the source lost the list, or part of it, and what
    /// remains does not name the Party. Counted apart from those that concern it.
    pub fn may_concern(self) -> bool {
        self == Concern::Uncertain
    }
}

/// Where the source names a Party in a recommendation: its qualifier and sector, per list.
#[derive(Debug, Clone)]
pub struct Naming<'a> {
    pub sector: Option<&'a str>,
    pub qualifier: Option<&'a str>,
}

/// Each place the source names `party` in a recommendation's `addressees` (one per list, for
/// per-sector lists).
pub fn namings<'r>(addressees: &'r crate::model::Addressees, party: &PartySlug) -> Vec<Naming<'r>> {
    let mut out = Vec::new();
    for list in &addressees.lists {
        let found: Option<&Addressee> = list.parties.iter().find(|a| &a.party == party);
        if let Some(a) = found {
            out.push(Naming {
                sector: list.sector.as_deref(),
                qualifier: a.qualifier.as_deref(),
            });
        }
    }
    out
}

/// The dataset with its indexes and URLs. Every index is built once, in [`SiteGraph::build`];
/// every query is a lookup.
#[derive(Debug)]
pub struct SiteGraph<'a> {
    pub ds: &'a Dataset,
    pub urls: Urls,
    ix: index::Indexes<'a>,
}

impl<'a> SiteGraph<'a> {
    /// Builds the indexes of `ds`.
    pub fn build(ds: &'a Dataset, urls: Urls) -> SiteGraph<'a> {
        SiteGraph {
            ds,
            urls,
            ix: index::Indexes::build(ds),
        }
    }

    /// The recommendation `i`.
    pub fn rec(&self, i: RecIdx) -> &'a Recommendation {
        &self.ds.recommendations[i.index()]
    }

    /// The Party `i`.
    pub fn party(&self, i: PartyIdx) -> &'a Party {
        &self.ds.parties[i.index()]
    }

    /// The section `i`.
    pub fn section(&self, i: SectionIdx) -> &'a Section {
        &self.ds.sections[i.index()]
    }

    /// Every recommendation, in report order.
    pub fn recs(&self) -> &[RecIdx] {
        &self.ix.recs
    }

    /// Every Party, in the dataset's order (by name).
    pub fn parties(&self) -> &[PartyIdx] {
        &self.ix.parties
    }

    /// Every section, in report order.
    pub fn sections(&self) -> &[SectionIdx] {
        &self.ix.sections
    }

    /// The recommendation with this id.
    pub fn find_rec(&self, id: &RecId) -> Option<RecIdx> {
        self.ix.lookups.rec_by_id.get(id).copied()
    }

    /// The Party with this slug.
    pub fn find_party(&self, slug: &PartySlug) -> Option<PartyIdx> {
        self.ix.lookups.party_by_slug.get(slug).copied()
    }

    /// The section with this id.
    pub fn find_section(&self, id: &SectionId) -> Option<SectionIdx> {
        self.ix.lookups.section_by_id.get(id).copied()
    }

    /// A Party's name, or its slug when the dataset has no such Party.
    pub fn party_name<'s>(&self, slug: &'s PartySlug) -> &'s str
    where
        'a: 's,
    {
        self.find_party(slug)
            .map_or(slug.as_str(), |p| self.party(p).name.as_str())
    }

    /// A sector's label, or its id when the legend has no such sector.
    pub fn sector_label<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        self.ix.lookups.sector_labels.get(id).copied().unwrap_or(id)
    }

    /// The section a recommendation belongs to (`None` if the sections table lacks it).
    pub fn section_of(&self, i: RecIdx) -> Option<SectionIdx> {
        self.ix.rec_section[i.index()]
    }

    /// A section's recommendations, in report order.
    pub fn in_section(&self, s: SectionIdx) -> &[RecIdx] {
        &self.ix.by_section[s.index()]
    }

    /// A recommendation's level.
    pub fn level_of(&self, i: RecIdx) -> Level {
        self.ix.levels[i.index()]
    }

    /// The URL of a level's page.
    pub fn level_url(&self, level: Level) -> String {
        self.urls.level(self.ds.level_id(level))
    }

    /// Recommendations of one level, in report order.
    pub fn at_level(&self, level: Level) -> &[RecIdx] {
        &self.ix.by_level[level.index()]
    }

    /// Recommendations of one scope, in report order.
    pub fn with_scope(&self, scope: Scope) -> &[RecIdx] {
        &self.ix.by_scope[scope as usize]
    }

    /// Recommendations whose text cites `i`, in report order.
    pub fn referenced_by(&self, i: RecIdx) -> &[RecIdx] {
        &self.ix.referenced_by[i.index()]
    }

    /// The previous and next recommendation within the same section.
    pub fn neighbours(&self, i: RecIdx) -> (Option<RecIdx>, Option<RecIdx>) {
        self.ix.neighbours[i.index()]
    }

    /// Every recommendation grouped by how it concerns Party `p`, report order within a group.
    pub fn concerns(&self, p: PartyIdx) -> &ConcernGroups {
        &self.ix.concerns[p.index()]
    }

    /// Whether some recommendation concerns some Party in way `c`: a way no recommendation of
    /// the dataset has (a list lost, in a dataset that keeps every list) is not shown.
    pub fn concern_used(&self, c: Concern) -> bool {
        self.ix
            .concerns
            .iter()
            .any(|groups| !groups.get(c).is_empty())
    }

    /// Recommendations of section `s` that name Party `p` (its [`Concern::Named`] group in
    /// that section), in report order.
    pub fn named_in(&self, p: PartyIdx, s: SectionIdx) -> &[RecIdx] {
        &self.ix.named_by_section[p.index()][s.index()]
    }

    /// How many recommendations of section `s` name Party `p`, and the strongest level among
    /// them.
    pub fn named_in_section(&self, p: PartyIdx, s: SectionIdx) -> (usize, Option<Level>) {
        let named = self.named_in(p, s);
        let level = named.iter().map(|&r| self.level_of(r)).max();
        (named.len(), level)
    }
}

#[cfg(test)]
mod tests;
