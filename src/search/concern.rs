//! Facet codes and Party concerns: the dataset's levels, scopes and `Concern::of` in, the code
//! tables of the entry file and, per document, how it concerns each Party out. The rule "which
//! recommendations concern a Party" is `Concern::of`'s, applied here once; the browser only
//! looks the result up.

use std::collections::{BTreeMap, HashMap};

use super::encode::varints;
use super::format::{Code, ConcernCode, PartyConcerns};
use crate::graph::Concern;
use crate::model::{Completeness, Dataset, PartySlug, Recommendation};

/// The code of the `i`th value of a table: `0`…`9`, then `a`…`z`.
pub(super) fn code(i: usize) -> char {
    u32::try_from(i)
        .ok()
        .and_then(|i| char::from_digit(i, 36))
        .expect("a code table holds at most 36 values")
}

/// A code table: each value's code, id and label, in the order given.
pub(super) fn code_table<'a, T>(values: &[(T, &'a str, &'a str)]) -> Vec<Code<'a>> {
    values
        .iter()
        .enumerate()
        .map(|(i, &(_, id, label))| Code {
            code: code(i),
            id,
            label,
            key: None,
        })
        .collect()
}

/// One character per document: the code of its value in `table` (found by value, not by the
/// value's position in its enum).
pub(super) fn per_doc<T: PartialEq>(
    table: &[(T, &str, &str)],
    values: impl Iterator<Item = T>,
) -> String {
    values
        .map(|v| {
            let i = table.iter().position(|(t, _, _)| *t == v);
            code(i.expect("every value is in its table"))
        })
        .collect()
}

/// The concern table: every `Concern`, with the Party filters it passes ("concerns this Party"
/// keeps what `Concern::concerns` keeps, as the Party pages count it: named, to all Parties,
/// open; a lost or incomplete list that does not name the Party only may concern it).
pub(super) fn concern_codes() -> Vec<ConcernCode> {
    Concern::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| ConcernCode {
            code: code(i),
            id: c.as_str(),
            concerns: c.concerns(),
            named: *c == Concern::Named,
        })
        .collect()
}

fn concern_code(c: Concern) -> char {
    code(Concern::ALL.iter().position(|x| *x == c).expect("in ALL"))
}

/// Each Party's number (its position in `ds.parties`), by slug.
pub(super) type PartyIndex<'a> = HashMap<&'a PartySlug, u32>;

pub(super) fn party_index(ds: &Dataset) -> PartyIndex<'_> {
    (0..).zip(&ds.parties).map(|(i, p)| (&p.slug, i)).collect()
}

/// The numbers (in `index`) of the Parties that joined after the report of `ds` was adopted
/// ([`Concern::joined_later`], with that report's own adoption date), sorted.
pub(super) fn joined_later(ds: &Dataset, index: &PartyIndex) -> Vec<u32> {
    let adopted_on = ds.site.report.adopted_on;
    let mut late: Vec<u32> = (ds.parties.iter())
        .filter(|p| Concern::joined_later(p, adopted_on))
        .filter_map(|p| index.get(&p.slug).copied())
        .collect();
    late.sort_unstable();
    late
}

/// Per document (its [`Split`]), `Concern::of` for every one of `parties` Parties: the most
/// common concern as the document's default, the other Parties listed under their concern's
/// code.
pub(super) fn party_concerns(parties: usize, docs: &[&Split]) -> PartyConcerns {
    let mut def = String::with_capacity(docs.len());
    let mut lists: BTreeMap<char, Vec<u32>> = Concern::ALL
        .iter()
        .map(|c| (concern_code(*c), Vec::new()))
        .collect();
    for split in docs {
        let common = split.most_common(parties);
        def.push(common);
        for (c, list) in &mut lists {
            let before = list.len();
            list.push(0);
            split.push_parties(*c, common, parties, list);
            list[before] = (list.len() - before - 1) as u32;
        }
    }
    let ex = lists
        .into_iter()
        .filter(|(_, l)| l.iter().any(|n| *n > 0))
        .map(|(c, l)| (c, varints(l)))
        .collect();
    PartyConcerns { def, ex }
}

/// How one recommendation concerns the Parties: `Concern::of` reads a Party only through
/// whether the recommendation names it and whether it joined after the report was adopted, so
/// the Parties fall in three groups (the named ones, the others that joined later, the rest),
/// each with one concern. Found once per recommendation rather than once per Party, as this
/// runs for every recommendation and Party on every build (`tests/search_index.rs` checks the
/// result against `Concern::of`).
#[derive(Debug, Clone)]
pub(super) struct Split {
    /// The named Parties' numbers, sorted.
    named: Vec<u32>,
    /// The numbers of the Parties it does not name that joined later, sorted, when their
    /// concern is not the rest's (empty otherwise).
    late: Vec<u32>,
    /// The code of a named Party's concern, of one that joined later, and of any other's.
    named_code: char,
    late_code: char,
    other_code: char,
}

impl Split {
    /// How `r` concerns the Parties numbered in `index`, of which those in `late` (sorted)
    /// joined after the report was adopted.
    pub(super) fn of(r: &Recommendation, index: &PartyIndex, late: &[u32]) -> Split {
        let a = &r.addressees;
        let complete = a.completeness() == Completeness::Complete;
        let parties = a.lists.iter().flat_map(|l| &l.parties);
        let mut named: Vec<u32> = parties
            .filter_map(|p| index.get(&p.party).copied())
            .collect();
        named.sort_unstable();
        named.dedup();
        let rule = |n, l| concern_code(Concern::from_facts(a.scope, n, complete, l));
        let (named_code, late_code, other_code) =
            (rule(true, false), rule(false, true), rule(false, false));
        let late = match late_code == other_code {
            true => Vec::new(),
            false => late
                .iter()
                .copied()
                .filter(|p| named.binary_search(p).is_err())
                .collect(),
        };
        Split {
            named,
            late,
            named_code,
            late_code,
            other_code,
        }
    }

    /// The code of Party `p`.
    fn code_of(&self, p: u32) -> char {
        if self.named.binary_search(&p).is_ok() {
            self.named_code
        } else if self.late.binary_search(&p).is_ok() {
            self.late_code
        } else {
            self.other_code
        }
    }

    /// The most common code among `parties` Parties, the first in code order on a tie (the
    /// first code for no Parties).
    fn most_common(&self, parties: usize) -> char {
        let (named, late) = (self.named.len(), self.late.len());
        let mut counts: BTreeMap<char, usize> = BTreeMap::new();
        for (c, n) in [
            (self.named_code, named),
            (self.late_code, late),
            (self.other_code, parties - named - late),
        ] {
            *counts.entry(c).or_default() += n;
        }
        let max = counts.values().copied().max().unwrap_or(0);
        match counts.into_iter().find(|(_, n)| *n == max) {
            Some((c, _)) if parties > 0 => c,
            _ => code(0),
        }
    }

    /// Appends the Parties whose code is `c` to `out`, in order, unless that is the document's
    /// default `common`.
    fn push_parties(&self, c: char, common: char, parties: usize, out: &mut Vec<u32>) {
        if c == common || ![self.named_code, self.late_code, self.other_code].contains(&c) {
            return;
        }
        if c != self.late_code && c != self.other_code {
            // Only the named Parties have it: no need to read every Party.
            out.extend(&self.named);
            return;
        }
        out.extend((0..parties as u32).filter(|&p| self.code_of(p) == c));
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{Addressee, Date, Party, PartyList, Scope};

    fn reference(ds: &Dataset) -> PartyConcerns {
        let adopted_on = ds.site.report.adopted_on;
        let docs: Vec<_> = ds.recommendations.iter().map(|r| (r, adopted_on)).collect();
        reference_of(&ds.parties, &docs)
    }

    /// `Concern::of` for every document (a recommendation, and the date its report was
    /// adopted) and Party, the most common as the default (the first in code order on a tie),
    /// the rest as exceptions: as it was first written.
    pub(in crate::search) fn reference_of(
        parties: &[Party],
        docs: &[(&Recommendation, Option<Date>)],
    ) -> PartyConcerns {
        let mut def = String::new();
        let mut lists: BTreeMap<char, Vec<u32>> = Concern::ALL
            .iter()
            .map(|c| (concern_code(*c), Vec::new()))
            .collect();
        for &(r, adopted_on) in docs {
            let of: Vec<char> = parties
                .iter()
                .map(|p| concern_code(Concern::of(r, p, adopted_on)))
                .collect();
            let mut counts: BTreeMap<char, usize> = BTreeMap::new();
            for c in &of {
                *counts.entry(*c).or_default() += 1;
            }
            let max = counts.values().copied().max();
            let common = counts
                .iter()
                .find(|(_, n)| Some(**n) == max)
                .map_or(code(0), |c| *c.0);
            def.push(common);
            for (c, list) in &mut lists {
                let parties: Vec<u32> = (0..)
                    .zip(&of)
                    .filter(|(_, x)| *x == c && *c != common)
                    .map(|(p, _)| p)
                    .collect();
                list.push(parties.len() as u32);
                list.extend(parties);
            }
        }
        let ex = lists
            .into_iter()
            .filter(|(_, l)| l.iter().any(|n| *n > 0))
            .map(|(c, l)| (c, varints(l)))
            .collect();
        PartyConcerns { def, ex }
    }

    fn json(pc: &PartyConcerns) -> String {
        serde_json::to_string(pc).unwrap()
    }

    fn grouped(ds: &Dataset) -> PartyConcerns {
        let index = party_index(ds);
        let late = joined_later(ds, &index);
        let splits: Vec<Split> = ds
            .recommendations
            .iter()
            .map(|r| Split::of(r, &index, &late))
            .collect();
        party_concerns(ds.parties.len(), &splits.iter().collect::<Vec<_>>())
    }

    #[test]
    fn the_grouped_rule_gives_what_concern_of_gives_party_by_party() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ds = crate::load_dataset(&root.join("tests/fixtures/site-small/content")).unwrap();
        assert_eq!(json(&grouped(&ds)), json(&reference(&ds)));
        // An even number of Parties, so that naming half of them is a tie.
        if ds.parties.len() % 2 == 1 {
            let mut extra = ds.parties[0].clone();
            extra.slug = crate::model::PartySlug::parse("extra-party").unwrap();
            ds.parties.push(extra);
        }
        // Every Party named, half of them (a tie), none, one listed twice; complete lists and
        // partial ones.
        let slugs: Vec<_> = ds.parties.iter().map(|p| p.slug.clone()).collect();
        let half = slugs.len() / 2;
        let cases = [slugs.len(), half, 0, 1, half + 1];
        for (i, (r, named)) in ds.recommendations.iter_mut().zip(cases).enumerate() {
            let completeness = [Completeness::Complete, Completeness::Partial][i % 2];
            let parties = (slugs[..named].iter().chain(slugs[..named].first()))
                .map(|s| Addressee {
                    party: s.clone(),
                    qualifier: None,
                })
                .collect();
            r.addressees.scope = Scope::Designated;
            r.addressees.lists = vec![PartyList {
                sector: None,
                footnote: None,
                parties,
                completeness,
            }];
        }
        assert_eq!(json(&grouped(&ds)), json(&reference(&ds)));
        // Parties that joined after the report was adopted: the first, one named (which
        // validation refuses, and the rule still says "named"), and all of them (a tie with
        // the named ones, and the most common concern), the lists as above.
        let adopted = crate::model::Date::parse("2020-01-20").unwrap();
        let later = crate::model::Date::parse("2021-06-01").ok();
        ds.site.report.adopted_on = Some(adopted);
        for joined in [vec![0], vec![1, 2], (0..slugs.len()).collect()] {
            for (k, p) in ds.parties.iter_mut().enumerate() {
                p.joined = joined.contains(&k).then_some(later).flatten();
            }
            assert_eq!(json(&grouped(&ds)), json(&reference(&ds)), "{joined:?}");
        }
        ds.parties.clear();
        assert_eq!(json(&grouped(&ds)), json(&reference(&ds)));
    }
}
