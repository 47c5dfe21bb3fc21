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
pub(super) fn code_table<'a, T>(values: &[(T, &'static str, &'a str)]) -> Vec<Code<'a>> {
    values
        .iter()
        .enumerate()
        .map(|(i, &(_, id, label))| Code {
            code: code(i),
            id,
            label,
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
/// leaves out only a complete list that does not name it, as the Party pages do).
pub(super) fn concern_codes() -> Vec<ConcernCode> {
    Concern::ALL
        .iter()
        .enumerate()
        .map(|(i, c)| ConcernCode {
            code: code(i),
            id: c.as_str(),
            concerns: *c != Concern::NotNamed,
            named: *c == Concern::Named,
        })
        .collect()
}

fn concern_code(c: Concern) -> char {
    code(Concern::ALL.iter().position(|x| *x == c).expect("in ALL"))
}

/// Per document, `Concern::of` for every Party: the most common concern as the document's
/// default, the other Parties listed under their concern's code.
pub(super) fn party_concerns(ds: &Dataset) -> PartyConcerns {
    let mut def = String::with_capacity(ds.recommendations.len());
    let mut lists: BTreeMap<char, Vec<u32>> = Concern::ALL
        .iter()
        .map(|c| (concern_code(*c), Vec::new()))
        .collect();
    let index: HashMap<&PartySlug, usize> = (ds.parties.iter().enumerate())
        .map(|(i, p)| (&p.slug, i))
        .collect();
    for r in &ds.recommendations {
        let of = concerns_of(&index, r);
        let common = most_common(&of).unwrap_or(code(0));
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

/// `Concern::of(r, party)` for every Party (numbered by `index`), as codes: the facts it reads
/// found once per recommendation rather than once per Party, as this runs for every
/// recommendation and Party on every build (`tests/search_index.rs` checks it against
/// `Concern::of`).
fn concerns_of(index: &HashMap<&PartySlug, usize>, r: &Recommendation) -> Vec<char> {
    let a = &r.addressees;
    let complete = a.completeness() == Completeness::Complete;
    let mut named = vec![false; index.len()];
    for p in a.lists.iter().flat_map(|l| &l.parties) {
        if let Some(i) = index.get(&p.party) {
            named[*i] = true;
        }
    }
    named
        .into_iter()
        .map(|n| concern_code(Concern::from_facts(a.scope, n, complete)))
        .collect()
}

/// The most frequent code, the first in code order on a tie; `None` for no codes.
fn most_common(codes: &[char]) -> Option<char> {
    let mut counts: BTreeMap<char, usize> = BTreeMap::new();
    for c in codes {
        *counts.entry(*c).or_default() += 1;
    }
    let max = counts.values().copied().max()?;
    counts.into_iter().find(|(_, n)| *n == max).map(|(c, _)| c)
}
