//! A brief's part for the site's further reports: one Party and the further reports in; out,
//! after the first report's groups, one part per further report that concerns the Party,
//! headed by the report's title and naming it as the texts' source, with the groups the
//! first report's part has (every way but "not designated": [`party_reports::by_concern`]),
//! each recommendation's entry made by the theme's `brief_entry.html` as the first report's
//! are, its heading a level lower (under the report's and the group's). Nothing in a site of
//! one report.

use std::sync::{Arc, OnceLock};

use anyhow::Result;
use serde::Serialize;

use super::GroupView;
use super::entries::{estimated_weight, further_entry};
use crate::graph::Concern;
use crate::graph::PartyIdx;
use crate::model::{FurtherReport, Party};
use crate::output::Piece;
use crate::render::Renderer;
use crate::render::compose::{ListHtml, Part};
use crate::render::engine::Site;
use crate::render::kinds::party::term_key;
use crate::render::kinds::party_groups;
use crate::render::kinds::party_reports::{by_concern, by_concern_at, named_in_further};

/// A further report as a brief names it: the facts of its source line.
#[derive(Debug, Clone, Serialize)]
pub(super) struct ReportFacts {
    pub slug: String,
    /// Its title: the heading of its part of the brief.
    pub title: String,
    /// The monitoring body, its round and when it was adopted, each empty when its
    /// `report.toml` does not give it (the theme's sentence then leaves it out).
    pub author: String,
    pub round: String,
    pub adopted: String,
}

/// A further report's part of a brief.
#[derive(Debug, Serialize)]
pub(super) struct ReportView {
    pub report: ReportFacts,
    /// Its recommendations in the brief.
    pub total: usize,
    pub groups: Vec<GroupView>,
}

/// Whether a brief shows the recommendations that concern its Party so: every way but "not
/// designated", in a further report's part as in the first report's.
fn shown(c: Concern) -> bool {
    c != Concern::NotNamed
}

/// Every further report's entries shared by the briefs (those that name the Party plainly or
/// not at all), each rendered the first time a brief shows it, by report, then report order.
pub(super) struct FurtherEntries {
    made: Vec<Vec<OnceLock<Piece>>>,
    facts: Vec<ReportFacts>,
}

impl FurtherEntries {
    pub(super) fn new(g: Site) -> FurtherEntries {
        let made = g.further().iter().map(|f| {
            let recs = f.ds.recommendations.iter();
            recs.map(|_| OnceLock::new()).collect()
        });
        FurtherEntries {
            made: made.collect(),
            facts: g.further().iter().map(facts).collect(),
        }
    }
}

fn facts(f: &FurtherReport) -> ReportFacts {
    let rep = &f.ds.site.report;
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    ReportFacts {
        slug: f.slug.to_string(),
        title: rep.title.clone(),
        author: text(&rep.body),
        round: text(&rep.round),
        adopted: text(&rep.adopted),
    }
}

/// Party `p`'s part of its brief for each further report that concerns it.
pub(super) struct Further {
    /// Each report's part, in slug order.
    pub views: Vec<ReportView>,
    /// Each group's recommendations' ids, group by group (for the links to a brief's parts).
    pub ids: Vec<Vec<String>>,
    /// The recommendations left out: addressed only to other named Parties.
    pub others: usize,
}

/// Party `p`'s part of its brief for every further report.
pub(super) fn parts(r: &Renderer, p: PartyIdx, shared: &FurtherEntries) -> Result<Further> {
    let party = r.site().party(p);
    let mut out = Further {
        views: Vec::new(),
        ids: Vec::new(),
        others: 0,
    };
    for (k, f) in r.site().further().iter().enumerate() {
        let groups = report_groups(r, party, f, k, shared, &mut out)?;
        if !groups.is_empty() {
            out.views.push(ReportView {
                report: shared.facts[k].clone(),
                total: groups.iter().map(|gr| gr.total).sum(),
                groups,
            });
        }
    }
    Ok(out)
}

/// The groups of further report `f` (the `k`th) in `party`'s brief; each group's ids and the
/// recommendations it leaves out are added to `out`.
fn report_groups(
    r: &Renderer,
    party: &Party,
    f: &FurtherReport,
    k: usize,
    shared: &FurtherEntries,
    out: &mut Further,
) -> Result<Vec<GroupView>> {
    let (report, adopted_on) = (&shared.facts[k], f.ds.site.report.adopted_on);
    let mut groups = Vec::new();
    for (concern, at) in by_concern_at(f, party) {
        if !shown(concern) {
            out.others += at.len();
            continue;
        }
        if at.is_empty() {
            continue;
        }
        let entries = at
            .iter()
            .map(|&j| entry(r, f, party, j, &shared.made[k][j]))
            .collect::<Result<Arc<[Part]>>>()?;
        groups.push(GroupView {
            id: concern.as_str(),
            anchor: format!("report-{}-{}", report.slug, concern.as_str()),
            letter: None,
            report: Some(report.clone()),
            heading: r.strings().fill(term_key(concern), &[])?,
            description: party_groups::description_in(r, party, concern, adopted_on)?,
            total: at.len(),
            entries: Some(ListHtml {
                count: at.len(),
                parts: entries,
            }),
            parts: Vec::new(),
        });
        let id = |&j: &usize| f.ds.recommendations[j].id.to_string();
        out.ids.push(at.iter().map(id).collect());
    }
    Ok(groups)
}

/// The entry in `party`'s brief of the recommendation at `k` in report `f`: the Party's own
/// when the source names it with a qualifier or a sector, else the one every brief shares
/// (`cell`, made once).
fn entry(
    r: &Renderer,
    f: &FurtherReport,
    party: &Party,
    k: usize,
    cell: &OnceLock<Piece>,
) -> Result<Part> {
    let (g, rec) = (r.site(), &f.ds.recommendations[k]);
    let named_as = named_in_further(g, f, rec, party);
    if !named_as.is_empty() {
        return Ok(Part::Own(Piece::from(further_entry(r, f, rec, named_as)?)));
    }
    if let Some(html) = cell.get() {
        return Ok(Part::Own(html.clone()));
    }
    let html = Piece::from(further_entry(r, f, rec, Vec::new())?);
    // Two briefs may make it at once: both make the same bytes.
    Ok(Part::Own(cell.get_or_init(|| html).clone()))
}

/// The weights of Party `party`'s further groups' entries before any is rendered
/// ([`estimated_weight`]), group by group as [`parts`] makes them, for the build's progress.
pub(super) fn estimated_weights(g: Site, party: &Party) -> Vec<Vec<usize>> {
    let groups = g.further().iter().flat_map(|f| by_concern(f, party));
    groups
        .filter(|(c, recs)| shown(*c) && !recs.is_empty())
        .map(|(_, recs)| recs.into_iter().map(estimated_weight).collect())
        .collect()
}
