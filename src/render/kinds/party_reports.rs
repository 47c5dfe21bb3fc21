//! A Party page's part for the site's further reports: a Party's slug and the further reports
//! in; out, for each report, what in it concerns the Party (named, to all Parties, open),
//! each recommendation linking to its page in that report. Empty in a site of one report, so
//! its Party pages are as they were. The first report's part of the page is the page itself.

use anyhow::Result;
use serde::Serialize;

use crate::graph::Concern;
use crate::model::{FurtherReport, Party, Recommendation};
use crate::render::Renderer;
use crate::render::engine::Site;

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

/// Every recommendation of further report `f`, by the way it concerns `party`: one list per
/// way, in the page's order ([`Concern::ALL`]), each in report order. The Party's page lists
/// those that concern it; its CSV, brief and `parties.json` read the others as they read the
/// first report's.
pub(in crate::render) fn by_concern<'f>(
    f: &'f FurtherReport,
    party: &Party,
) -> [(Concern, Vec<&'f Recommendation>); Concern::ALL.len()] {
    let recs = &f.ds.recommendations;
    by_concern_at(f, party).map(|(c, at)| (c, at.into_iter().map(|k| &recs[k]).collect()))
}

/// The same as [`by_concern`], each recommendation by its position in its report. Read by the
/// one rule, [`Concern::of`], with the report's own adoption date, so a Party that joined
/// after the report was adopted is told of its lists as of its first report's.
pub(in crate::render) fn by_concern_at(
    f: &FurtherReport,
    party: &Party,
) -> [(Concern, Vec<usize>); Concern::ALL.len()] {
    let adopted_on = f.ds.site.report.adopted_on;
    // Each recommendation read once, into the list of the way it concerns the Party.
    let mut lists = Concern::ALL.map(|c| (c, Vec::new()));
    for (k, rec) in f.ds.recommendations.iter().enumerate() {
        let concern = Concern::of(rec, party, adopted_on);
        if let Some(at) = Concern::ALL.iter().position(|&c| c == concern) {
            lists[at].1.push(k);
        }
    }
    lists
}

/// How the source names `party` in recommendation `rec` of further report `f` (with a
/// qualifier or a sector, by the report's own sectors), as [`super::party::named_in`] says it.
pub(in crate::render) fn named_in_further(
    g: Site,
    f: &FurtherReport,
    rec: &Recommendation,
    party: &Party,
) -> Vec<String> {
    let sector = |id: &str| {
        let s = f.ds.sectors.iter().find(|s| s.id == id);
        s.map_or(id, |s| &s.label).to_string()
    };
    super::party::named_in(g, &rec.addressees, party, sector)
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
        for (concern, recs) in by_concern(f, party) {
            if recs.is_empty() || !LISTED.contains(&concern) {
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
            heading: f.ds.site.report.name(),
            total: groups.iter().map(|c| c.recs.len()).sum(),
            groups,
        });
    }
    Ok(out)
}
