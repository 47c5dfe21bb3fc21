//! A Party page's part for the site's further reports: a Party's slug and the further reports
//! in; out, for each report, what in it concerns the Party (named, to all Parties, open),
//! each recommendation linking to its page in that report. Empty in a site of one report, so
//! its Party pages are as they were. The first report's part of the page is the page itself.

use anyhow::Result;
use serde::Serialize;

use crate::graph::Concern;
use crate::model::{FurtherReport, Party, Recommendation};
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
/// that concern it ([`Concern::concerns`]), in the page's order. The Party's CSV, brief and
/// `parties.json` list the same of each further report.
pub(in crate::render) const LISTED: [Concern; 3] = [Concern::Named, Concern::All, Concern::Open];

/// The recommendations of further report `f` that concern `party`, one list per way in
/// [`LISTED`]'s order, each in report order. Read by the one rule, [`Concern::of`], with the
/// report's own adoption date, so a Party that joined after the report was adopted is told of
/// its lists as of its first report's.
pub(in crate::render) fn concerning<'f>(
    f: &'f FurtherReport,
    party: &Party,
) -> [(Concern, Vec<&'f Recommendation>); LISTED.len()] {
    let adopted_on = f.ds.site.report.adopted_on;
    // Each recommendation read once, into the list of the way it concerns the Party.
    let mut lists: [(Concern, Vec<&Recommendation>); LISTED.len()] =
        LISTED.map(|c| (c, Vec::new()));
    for rec in &f.ds.recommendations {
        let concern = Concern::of(rec, party, adopted_on);
        if let Some(k) = LISTED.iter().position(|&c| c == concern) {
            lists[k].1.push(rec);
        }
    }
    lists
}

/// A further report's name where the Party's documents head its part: its short title, else
/// its title.
pub(in crate::render) fn heading(f: &FurtherReport) -> &str {
    let report = &f.ds.site.report;
    report.short_title.as_deref().unwrap_or(&report.title)
}

/// Every further report's group for `party`, in slug order; a report that concerns it in no
/// way has none.
pub(in crate::render) fn groups<'a>(
    r: &Renderer<'_, 'a>,
    party: &Party,
) -> Result<Vec<ReportGroup<'a>>> {
    let g = r.site();
    let mut out = Vec::new();
    for f in g.further() {
        let urls = g.urls().for_report(&f.slug);
        let mut groups = Vec::new();
        for (concern, recs) in concerning(f, party) {
            if recs.is_empty() {
                continue;
            }
            let recs = recs
                .into_iter()
                .map(|rec| RecLink {
                    id: rec.id.to_string(),
                    title: &rec.title,
                    url: urls.recommendation(&rec.id),
                })
                .collect();
            groups.push(ConcernList {
                id: concern.as_str(),
                heading: r.strings().fill(super::party::term_key(concern), &[])?,
                recs,
            });
        }
        if groups.is_empty() {
            continue;
        }
        out.push(ReportGroup {
            slug: f.slug.as_str(),
            heading: heading(f),
            total: groups.iter().map(|c| c.recs.len()).sum(),
            groups,
        });
    }
    Ok(out)
}
