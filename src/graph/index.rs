//! The graph's indexes: the dataset in, plain vectors by dense id and hash maps from ids and
//! slugs out, built once per build (the Party groups on all cores: at 100× they are 43 Parties
//! × 11,100 recommendations).

use std::collections::HashMap;

use rayon::prelude::*;

use super::Concern;
use super::ids::{self, PartyIdx, RecIdx, SectionIdx};
use crate::model::{Completeness, Dataset, Level, PartySlug, RecId, Scope, SectionId};

/// Every recommendation grouped by how it concerns one Party: one list per [`Concern`], each
/// in report order.
#[derive(Debug, Default)]
pub struct ConcernGroups {
    groups: [Vec<RecIdx>; Concern::ALL.len()],
}

impl ConcernGroups {
    /// The recommendations that concern the Party this way.
    pub fn get(&self, c: Concern) -> &[RecIdx] {
        &self.groups[c as usize]
    }

    /// Every group, empty ones included, in page order ([`Concern::ALL`]).
    pub fn iter(&self) -> impl Iterator<Item = (Concern, &[RecIdx])> {
        Concern::ALL.into_iter().map(|c| (c, self.get(c)))
    }
}

/// Ids and labels by the content's own ids and slugs.
#[derive(Debug)]
pub(super) struct Lookups<'a> {
    pub rec_by_id: HashMap<&'a RecId, RecIdx>,
    pub party_by_slug: HashMap<&'a PartySlug, PartyIdx>,
    pub section_by_id: HashMap<&'a SectionId, SectionIdx>,
    pub sector_labels: HashMap<&'a str, &'a str>,
}

impl<'a> Lookups<'a> {
    /// Hashes each recommendation's id, Party's slug, section's id and sector's id once.
    fn build(ds: &'a Dataset) -> Lookups<'a> {
        let recs = ds.recommendations.iter().enumerate();
        let parties = ds.parties.iter().enumerate();
        let sections = ds.sections.iter().enumerate();
        // The first of two sectors with one id wins, as a search of the legend would find.
        let mut sector_labels = HashMap::new();
        for s in &ds.sectors {
            sector_labels
                .entry(s.id.as_str())
                .or_insert(s.label.as_str());
        }
        Lookups {
            rec_by_id: recs.map(|(i, r)| (&r.id, RecIdx::new(i))).collect(),
            party_by_slug: parties.map(|(i, p)| (&p.slug, PartyIdx::new(i))).collect(),
            section_by_id: sections.map(|(i, s)| (&s.id, SectionIdx::new(i))).collect(),
            sector_labels,
        }
    }
}

/// What [`super::SiteGraph`] looks things up in.
#[derive(Debug)]
pub(super) struct Indexes<'a> {
    pub recs: Vec<RecIdx>,
    pub parties: Vec<PartyIdx>,
    pub sections: Vec<SectionIdx>,
    pub lookups: Lookups<'a>,
    /// By recommendation.
    pub rec_section: Vec<Option<SectionIdx>>,
    /// By section.
    pub by_section: Vec<Vec<RecIdx>>,
    /// By recommendation: its level, apart from the rest of it, for counts (a Party page at
    /// 100× counts 11,100 levels; read from the recommendations, each is a cache miss).
    pub levels: Vec<Level>,
    /// By level, in the dataset's order (a [`Level`] indexes it).
    pub by_level: Vec<Vec<RecIdx>>,
    /// By scope, in [`Scope::ALL`] order.
    pub by_scope: [Vec<RecIdx>; Scope::ALL.len()],
    /// By recommendation.
    pub referenced_by: Vec<Vec<RecIdx>>,
    /// By recommendation: previous and next in its section.
    pub neighbours: Vec<(Option<RecIdx>, Option<RecIdx>)>,
    /// By Party.
    pub concerns: Vec<ConcernGroups>,
    /// By Party, then section: the recommendations that name the Party.
    pub named_by_section: Vec<Vec<Vec<RecIdx>>>,
}

impl<'a> Indexes<'a> {
    /// Every index of `ds`; the ids are positions in its lists.
    pub(super) fn build(ds: &'a Dataset) -> Indexes<'a> {
        let recs = ids::all(ds.recommendations.len(), RecIdx::new);
        let parties = ids::all(ds.parties.len(), PartyIdx::new);
        let sections = ids::all(ds.sections.len(), SectionIdx::new);
        let lookups = Lookups::build(ds);
        let rec_section: Vec<Option<SectionIdx>> = ds
            .recommendations
            .iter()
            .map(|r| lookups.section_by_id.get(&r.id.section).copied())
            .collect();
        let by_section = by_section_of(&recs, &rec_section, sections.len());
        let concerns = concern_groups(ds, &parties, &lookups.party_by_slug);
        let named_by_section = concerns
            .iter()
            .map(|c| by_section_of(c.get(Concern::Named), &rec_section, sections.len()))
            .collect();
        let mut ix = Indexes {
            neighbours: neighbours(recs.len(), &by_section),
            concerns,
            named_by_section,
            levels: ds.recommendations.iter().map(|r| r.level).collect(),
            by_level: vec![Vec::new(); ds.levels.len()],
            by_scope: Default::default(),
            referenced_by: vec![Vec::new(); recs.len()],
            recs,
            parties,
            sections,
            lookups,
            rec_section,
            by_section,
        };
        ix.by_kind_and_reference(ds);
        ix
    }

    /// Level, scope and referenced-by lists: one pass in report order.
    fn by_kind_and_reference(&mut self, ds: &Dataset) {
        for (i, rec) in self.recs.iter().zip(&ds.recommendations) {
            self.by_level[rec.level.index()].push(*i);
            self.by_scope[rec.addressees.scope as usize].push(*i);
            for target in &rec.references.recommendations {
                if let Some(t) = self.lookups.rec_by_id.get(target) {
                    self.referenced_by[t.index()].push(*i);
                }
            }
        }
    }
}

/// `recs` grouped by section (one list per section, in the given order within each), from
/// each recommendation's section.
fn by_section_of(
    recs: &[RecIdx],
    rec_section: &[Option<SectionIdx>],
    n: usize,
) -> Vec<Vec<RecIdx>> {
    let mut out = vec![Vec::new(); n];
    for &i in recs {
        if let Some(s) = rec_section[i.index()] {
            out[s.index()].push(i);
        }
    }
    out
}

/// Each recommendation's previous and next within its section.
fn neighbours(n: usize, by_section: &[Vec<RecIdx>]) -> Vec<(Option<RecIdx>, Option<RecIdx>)> {
    let mut out = vec![(None, None); n];
    for list in by_section {
        for (k, i) in list.iter().enumerate() {
            let prev = k.checked_sub(1).map(|j| list[j]);
            out[i.index()] = (prev, list.get(k + 1).copied());
        }
    }
    out
}

/// Every Party's groups, by [`Concern::from_facts`]: the one place the rule is applied. It
/// reads a Party only through whether the recommendation names it and whether the Party joined
/// after the report was adopted, so each recommendation's facts are read once (the named
/// Parties as ids), not once per Party: at 100× that was 477,300 searches of the lists by slug
/// on every rebuild.
fn concern_groups(
    ds: &Dataset,
    parties: &[PartyIdx],
    party_by_slug: &HashMap<&PartySlug, PartyIdx>,
) -> Vec<ConcernGroups> {
    let facts: Vec<(Vec<PartyIdx>, Scope, bool)> = ds
        .recommendations
        .par_iter()
        .map(|rec| {
            let a = &rec.addressees;
            let lists = a.lists.iter().flat_map(|l| &l.parties);
            let mut named: Vec<PartyIdx> = lists
                .filter_map(|n| party_by_slug.get(&n.party).copied())
                .collect();
            named.sort_unstable();
            (named, a.scope, a.completeness() == Completeness::Complete)
        })
        .collect();
    let adopted_on = ds.site.report.adopted_on;
    parties
        .par_iter()
        .map(|p| {
            let late = Concern::joined_later(&ds.parties[p.index()], adopted_on);
            let mut out = ConcernGroups::default();
            for (i, (named, scope, complete)) in facts.iter().enumerate() {
                let n = named.binary_search(p).is_ok();
                let c = Concern::from_facts(*scope, n, *complete, late);
                out.groups[c as usize].push(RecIdx::new(i));
            }
            out
        })
        .collect()
}
