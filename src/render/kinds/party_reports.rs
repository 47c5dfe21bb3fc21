//! A Party page's part for the site's further reports: a Party's slug and the further reports
//! in; out, for each report, what in it concerns the Party (named, to all Parties, open),
//! each recommendation linking to its page in that report. Empty in a site of one report, so
//! its Party pages are as they were. The first report's part of the page is the page itself.

use anyhow::Result;
use serde::Serialize;

use crate::graph::Concern;
use crate::model::Party;
use crate::render::Renderer;

/// One further report's group on a Party page.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ReportGroup<'a> {
    /// For the group's anchor: `report-<slug>`.
    pub slug: &'a str,
    /// The report's short title, else its title.
    pub heading: &'a str,
    /// Recommendations of the report that concern the Party.
    pub total: usize,
    /// Only the ways the report concerns the Party, in the order of the page's groups.
    pub groups: Vec<ConcernList<'a>>,
}

/// The recommendations of one report that concern a Party one way.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ConcernList<'a> {
    pub id: &'static str,
    pub heading: String,
    pub recs: Vec<RecLink<'a>>,
}

/// A recommendation as a further report's group lists it.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RecLink<'a> {
    pub id: String,
    pub title: &'a str,
    pub url: String,
}

/// The ways a recommendation concerns a Party that a further report's group lists: those
/// that concern it ([`Concern::concerns`]), in the page's order.
const LISTED: [Concern; 3] = [Concern::Named, Concern::All, Concern::Open];

/// Every further report's group for `party`, in slug order; a report that concerns it in no
/// way has none. Each report is read by the one rule, [`Concern::of`], with its own adoption
/// date, so a Party that joined after a report was adopted is told of that report's lists as
/// on its first report's groups.
pub(in crate::render) fn groups<'a>(
    r: &Renderer<'_, 'a>,
    party: &Party,
) -> Result<Vec<ReportGroup<'a>>> {
    let g = r.site();
    let mut out = Vec::new();
    for f in g.further() {
        let urls = g.urls().for_report(&f.slug);
        let adopted_on = f.ds.site.report.adopted_on;
        // Each recommendation read once, into the list of the way it concerns the Party.
        let mut lists: [Vec<RecLink>; LISTED.len()] = Default::default();
        for rec in &f.ds.recommendations {
            let concern = Concern::of(rec, party, adopted_on);
            if let Some(k) = LISTED.iter().position(|&c| c == concern) {
                lists[k].push(RecLink {
                    id: rec.id.to_string(),
                    title: &rec.title,
                    url: urls.recommendation(&rec.id),
                });
            }
        }
        let mut groups = Vec::new();
        for (concern, recs) in LISTED.into_iter().zip(lists) {
            if !recs.is_empty() {
                let heading = r.strings().fill(super::party::term_key(concern), &[])?;
                groups.push(ConcernList {
                    id: concern.as_str(),
                    heading,
                    recs,
                });
            }
        }
        if groups.is_empty() {
            continue;
        }
        let report = &f.ds.site.report;
        out.push(ReportGroup {
            slug: f.slug.as_str(),
            heading: report.short_title.as_deref().unwrap_or(&report.title),
            total: groups.iter().map(|c| c.recs.len()).sum(),
            groups,
        });
    }
    Ok(out)
}
