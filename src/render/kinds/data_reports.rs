//! The data files' part for the site's further reports: the further reports in; out, each
//! recommendation's record (with its report's slug), appended after the first report's
//! records, and its citation, after the first report's in the CSL-JSON file; each Party's
//! lists per report for `parties.json`; and the slug the first report's records carry.
//! Nothing in a site of one report, whose records carry no report.

use anyhow::Result;
use serde::Serialize;

use super::data::{RecRecord, record_of};
use super::{cite, pieces};
use crate::graph::Concern;
use crate::model::Party;
use crate::output::Piece;
use crate::render::Renderer;
use crate::render::engine::Site;

/// The first report's slug in the records (site.toml's `[report] slug`, else `main`): only
/// when the site holds further reports (a site of one gives its records no report).
pub(in crate::render) fn report_of_first<'a>(g: Site<'_, 'a>) -> Option<&'a str> {
    (!g.further().is_empty()).then(|| g.meta().report.first_slug())
}

/// The records of every further report's recommendations, in slug order, then report order.
pub(in crate::render) fn further_records<'a>(g: Site<'_, 'a>) -> Vec<RecRecord<'a>> {
    let mut out = Vec::new();
    for f in g.further() {
        let urls = g.urls().for_report(&f.slug);
        for rec in &f.ds.recommendations {
            let url = urls.permalink(&rec.id);
            let level = f.ds.level_id(rec.level);
            out.push(record_of(g, rec, level, url, Some(f.slug.as_str())));
        }
    }
    out
}

/// Every further report's recommendations as CSL-JSON items (each a [`pieces::JSON_ARRAY`]
/// element), in slug order, then report order: each cites its own report (its title, round,
/// adoption and reference, its page's address), keyed by its report's slug and its id
/// ([`cite::further_key`]).
pub(in crate::render) fn further_citations(r: &Renderer) -> Result<Vec<String>> {
    let g = r.site();
    let mut out = Vec::new();
    for f in g.further() {
        let urls = g.urls().for_report(&f.slug);
        for rec in &f.ds.recommendations {
            let url = urls.permalink(&rec.id);
            let key = cite::further_key(f, rec);
            let c = cite::in_report(r, &f.ds.site.report, rec, key, url)?;
            out.push(pieces::json_element(&cite::csl(&c))?);
        }
    }
    Ok(out)
}

/// Extends a data file made by [`pieces::join`] in `form` with the further reports' records
/// (`more`, each made as one of its elements), before its tail.
pub(in crate::render) fn append(out: &mut Vec<Piece>, form: &pieces::Form, more: Vec<String>) {
    if more.is_empty() {
        return;
    }
    let text = Piece::copy;
    let none_yet = matches!(&out[..], [p] if p.as_bytes() == form.empty.as_bytes());
    if none_yet {
        out.clear();
        out.push(text(form.head));
    } else if !form.tail.is_empty() {
        out.pop();
    }
    for (k, m) in more.into_iter().enumerate() {
        if (k > 0 || !none_yet) && !form.between.is_empty() {
            out.push(text(form.between));
        }
        out.push(Piece::from(m));
    }
    if !form.tail.is_empty() {
        out.push(text(form.tail));
    }
}

/// A Party's lists in one report, as `parties.json` gives them per report.
#[derive(Debug, Serialize)]
pub(in crate::render) struct PartyInReport<'a> {
    /// The report's slug, as the records name it.
    report: &'a str,
    /// How many of the report's recommendations concern the Party (designated, to all
    /// Parties, open), as its page counts them.
    concerns: usize,
    /// The ids of the report's recommendations that name the Party.
    designated: Vec<String>,
    /// Those that may concern it: a list lost or incomplete that does not name it (never in
    /// a report adopted before the Party joined).
    may_concern: Vec<String>,
}

/// `party`'s lists in every report, the first report's (`concerns`, `designated`,
/// `may_concern`, as its record gives them) first; none in a site of one report. Each further
/// report is read as its Party page's group is ([`super::party_reports::by_concern`]: the
/// report's own adoption date).
pub(in crate::render) fn party_in_reports<'a>(
    g: Site<'_, 'a>,
    party: &Party,
    concerns: usize,
    designated: &[&'a str],
    may_concern: &[&'a str],
) -> Vec<PartyInReport<'a>> {
    let Some(first) = report_of_first(g) else {
        return Vec::new();
    };
    let mut out = vec![PartyInReport {
        report: first,
        concerns,
        designated: designated.iter().map(|s| s.to_string()).collect(),
        may_concern: may_concern.iter().map(|s| s.to_string()).collect(),
    }];
    for f in g.further() {
        let lists = super::party_reports::by_concern(f, party);
        let ids = |k: Concern| -> Vec<String> {
            let (_, recs) = lists.iter().find(|(c, _)| *c == k).expect("every way");
            recs.iter().map(|rec| rec.id.to_string()).collect()
        };
        let concerns = lists.iter().filter(|(c, _)| c.concerns());
        out.push(PartyInReport {
            report: f.slug.as_str(),
            concerns: concerns.map(|(_, recs)| recs.len()).sum(),
            designated: ids(Concern::Named),
            may_concern: ids(Concern::Uncertain),
        });
    }
    out
}
