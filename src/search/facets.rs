//! The facets of the entry file: every report's levels, sections and scopes and the Parties in;
//! out, their code tables and each document's values. In a site of several reports a value of
//! one report is never taken for another's: a section of a further report has its own key
//! (`<slug>:<id>`), and a level is one value only where the reports give it the same id and
//! label.

use std::collections::HashMap;

use super::ScopeLabels;
use super::concern::{code, code_table, concern_codes, per_doc};
use super::format::{Code, Facets, SectionRow};
use super::reports::Reports;
use crate::model::{Scope, SectionId};

/// Facet tables and each document's values, as codes; the scopes in `Scope` order, named by
/// `scope_labels`.
pub(super) fn facets<'a>(reports: &Reports<'a>, scope_labels: &'a ScopeLabels) -> Facets<'a> {
    let label = |s: Scope| {
        let named = scope_labels.iter().find(|(x, _)| *x == s);
        named.map_or(s.as_str(), |(_, l)| l.as_str())
    };
    // A scope no recommendation has is no filter.
    let scopes: Vec<_> = Scope::ALL
        .iter()
        .filter(|&&s| reports.docs().any(|(_, r)| r.addressees.scope == s))
        .map(|&s| (s, s.as_str(), label(s)))
        .collect();
    let levels = LevelTable::of(reports);
    let first = reports.first().ds;
    Facets {
        lv: reports
            .docs()
            .map(|(k, r)| code(levels.row_of[k][r.level.index()]))
            .collect(),
        levels: levels.codes(),
        scopes: code_table(&scopes),
        concerns: concern_codes(),
        sections: sections(reports),
        parties: first
            .parties
            .iter()
            .map(|p| (p.slug.as_str(), p.name.as_str()))
            .collect(),
        sc: per_doc(&scopes, reports.docs().map(|(_, r)| r.addressees.scope)),
    }
}

/// Every report's sections, report after report, each with how many documents it holds; a
/// further report's keyed by its slug.
fn sections<'a>(reports: &Reports<'a>) -> Vec<SectionRow<'a>> {
    let mut rows = Vec::new();
    for (k, report) in reports.all().iter().enumerate() {
        let mut counts: HashMap<&SectionId, usize> = HashMap::new();
        for r in &report.ds.recommendations {
            *counts.entry(&r.id.section).or_default() += 1;
        }
        rows.extend(report.ds.sections.iter().map(|s| SectionRow {
            id: s.id.as_str(),
            title: s.title.as_str(),
            count: counts.get(&s.id).copied().unwrap_or(0),
            key: (k > 0).then(|| format!("{}:{}", report.slug, s.id.as_str())),
        }));
    }
    rows
}

/// Every report's levels as one table: the first report's in legend order, then each further
/// report's that no report before it has with the same id and label.
struct LevelTable<'a> {
    /// Each value's id, label and key (see [`Code::key`]).
    rows: Vec<(&'a str, &'a str, Option<String>)>,
    /// By report number, then by level (`Level::index`): its row.
    row_of: Vec<Vec<usize>>,
}

impl<'a> LevelTable<'a> {
    fn of(reports: &Reports<'a>) -> LevelTable<'a> {
        let mut rows: Vec<(&'a str, &'a str, Option<String>)> = Vec::new();
        let mut row_of = Vec::new();
        for report in reports.all() {
            let mut own = Vec::new();
            for l in &report.ds.levels {
                let (id, label) = (l.id.as_str(), l.label.as_str());
                let same = rows.iter().position(|r| r.0 == id && r.1 == label);
                own.push(same.unwrap_or_else(|| {
                    // An id taken by a level of another label: the filter keys it apart.
                    let taken = rows.iter().any(|r| r.0 == id);
                    rows.push((id, label, taken.then(|| format!("{}:{id}", report.slug))));
                    rows.len() - 1
                }));
            }
            row_of.push(own);
        }
        LevelTable { rows, row_of }
    }

    fn codes(self) -> Vec<Code<'a>> {
        (self.rows.into_iter().enumerate())
            .map(|(i, (id, label, key))| Code {
                code: code(i),
                id,
                label,
                key,
            })
            .collect()
    }
}
