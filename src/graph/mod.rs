//! SITE GRAPH: the validated dataset in, the reverse indexes every page needs out (section →
//! recommendations, recommendation → referenced by, Party → how each recommendation concerns
//! it). Report order is kept everywhere; a Party is never said to be left out of a list that
//! the source does not preserve in full.

pub mod urls;

use std::collections::BTreeMap;

use crate::model::{
    Addressee, Completeness, Dataset, Level, Party, PartySlug, RecId, Recommendation, Scope,
    SectionId, named_enum,
};
pub use urls::{CitationFormat, Urls};

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
        /// (d) Addressed to designated Parties, with a complete list that does not name it.
        NotNamed = "not-designated",
        /// (e) Addressed to designated Parties, but the list is incomplete or missing and does
        /// not name it: it may concern the Party.
        Uncertain = "uncertain",
    }
}

impl Concern {
    /// How `rec` concerns `party`.
    pub fn of(rec: &Recommendation, party: &PartySlug) -> Concern {
        let a = &rec.addressees;
        match a.scope {
            Scope::All => Concern::All,
            Scope::Open => Concern::Open,
            Scope::Designated if a.names(party) => Concern::Named,
            Scope::Designated if a.completeness() == Completeness::Complete => Concern::NotNamed,
            Scope::Designated => Concern::Uncertain,
        }
    }
}

/// Where the source names a Party in a recommendation: its qualifier and sector, per list.
#[derive(Debug, Clone)]
pub struct Naming<'a> {
    pub sector: Option<&'a str>,
    pub qualifier: Option<&'a str>,
}

/// The dataset with its reverse indexes and URLs.
#[derive(Debug)]
pub struct SiteGraph<'a> {
    pub ds: &'a Dataset,
    pub urls: Urls,
    by_section: BTreeMap<SectionId, Vec<&'a Recommendation>>,
    referenced_by: BTreeMap<RecId, Vec<&'a Recommendation>>,
}

impl<'a> SiteGraph<'a> {
    /// Builds the reverse indexes of `ds`.
    pub fn build(ds: &'a Dataset, urls: Urls) -> SiteGraph<'a> {
        let mut by_section: BTreeMap<SectionId, Vec<&Recommendation>> = BTreeMap::new();
        let mut referenced_by: BTreeMap<RecId, Vec<&Recommendation>> = BTreeMap::new();
        for rec in &ds.recommendations {
            by_section
                .entry(rec.id.section.clone())
                .or_default()
                .push(rec);
            for target in &rec.references.recommendations {
                referenced_by.entry(target.clone()).or_default().push(rec);
            }
        }
        SiteGraph {
            ds,
            urls,
            by_section,
            referenced_by,
        }
    }

    /// A section's recommendations, in report order.
    pub fn in_section(&self, id: &SectionId) -> &[&'a Recommendation] {
        self.by_section.get(id).map_or(&[], Vec::as_slice)
    }

    /// Recommendations whose text cites `id`, in report order.
    pub fn referenced_by(&self, id: &RecId) -> &[&'a Recommendation] {
        self.referenced_by.get(id).map_or(&[], Vec::as_slice)
    }

    /// Recommendations of one level, in report order.
    pub fn at_level(&self, level: Level) -> Vec<&'a Recommendation> {
        self.ds
            .recommendations
            .iter()
            .filter(|r| r.level == level)
            .collect()
    }

    /// The previous and next recommendation within the same section.
    pub fn neighbours(
        &self,
        rec: &Recommendation,
    ) -> (Option<&'a Recommendation>, Option<&'a Recommendation>) {
        let list = self.in_section(&rec.id.section);
        let Some(i) = list.iter().position(|r| r.id == rec.id) else {
            return (None, None);
        };
        let prev = i.checked_sub(1).and_then(|j| list.get(j)).copied();
        (prev, list.get(i + 1).copied())
    }

    /// Every recommendation grouped by how it concerns `party`, report order within a group.
    pub fn concerns(&self, party: &Party) -> BTreeMap<Concern, Vec<&'a Recommendation>> {
        let mut out: BTreeMap<Concern, Vec<&Recommendation>> =
            Concern::ALL.iter().map(|c| (*c, Vec::new())).collect();
        for rec in &self.ds.recommendations {
            out.entry(Concern::of(rec, &party.slug))
                .or_default()
                .push(rec);
        }
        out
    }

    /// Recommendations of a section that name `party`, and the strongest level among them.
    pub fn named_in_section(
        &self,
        party: &PartySlug,
        section: &SectionId,
    ) -> (usize, Option<Level>) {
        let named = self
            .in_section(section)
            .iter()
            .filter(|r| r.addressees.scope == Scope::Designated && r.addressees.names(party));
        named.fold((0, None), |(n, max), r| (n + 1, max.max(Some(r.level))))
    }
}

/// Each place the source names `party` in `rec` (one per list, for per-sector lists).
pub fn namings<'r>(rec: &'r Recommendation, party: &PartySlug) -> Vec<Naming<'r>> {
    let mut out = Vec::new();
    for list in &rec.addressees.lists {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Addressees, PartyList, References};

    fn rec(scope: Scope, named: &[&str], completeness: Completeness) -> Recommendation {
        let parties = named
            .iter()
            .map(|s| Addressee {
                party: PartySlug::parse(s).unwrap(),
                qualifier: None,
            })
            .collect();
        let lists = match scope {
            Scope::Designated => vec![PartyList {
                sector: None,
                footnote: None,
                parties,
                completeness,
            }],
            _ => Vec::new(),
        };
        Recommendation {
            id: RecId::parse("II-5").unwrap(),
            path: "II-5.md".into(),
            title: String::new(),
            level: Level::Require,
            addressees: Addressees { scope, lists },
            body: String::new(),
            text: String::new(),
            footnotes: Vec::new(),
            references: References::default(),
            source_marker: None,
            editorial: Vec::new(),
        }
    }

    #[test]
    fn a_list_the_source_lacks_never_leaves_a_party_out() {
        let fin = PartySlug::parse("finland").unwrap();
        let cases = [
            (Scope::All, &[][..], Completeness::Complete, Concern::All),
            (Scope::Open, &[], Completeness::Complete, Concern::Open),
            (
                Scope::Designated,
                &["finland"],
                Completeness::Complete,
                Concern::Named,
            ),
            (
                Scope::Designated,
                &["finland"],
                Completeness::Partial,
                Concern::Named,
            ),
            (
                Scope::Designated,
                &["malta"],
                Completeness::Complete,
                Concern::NotNamed,
            ),
            (
                Scope::Designated,
                &["malta"],
                Completeness::Partial,
                Concern::Uncertain,
            ),
            (
                Scope::Designated,
                &[],
                Completeness::Unknown,
                Concern::Uncertain,
            ),
        ];
        for (scope, named, completeness, want) in cases {
            let r = rec(scope, named, completeness);
            assert_eq!(
                Concern::of(&r, &fin),
                want,
                "{scope:?} {named:?} {completeness:?}"
            );
        }
    }
}
