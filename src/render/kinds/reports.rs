//! Further reports: each further report's graph in, its own pages out (its recommendations,
//! sections, levels and listings under `reports/<slug>/`, by `Urls::for_report`), and the
//! index of every report at `reports/`. Made only when the site holds further reports, so a
//! site of one report is as it was. The pages are rendered outside units: `serve` builds a
//! site of several reports in full on an edit of a further report's files, and keeps them on
//! an edit of the first report's recommendations, which they do not read.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::graph::SiteGraph;
use crate::markdown::Highlighter;
use crate::output::Sink;
use crate::render::items::Items;
use crate::render::layout::Layout;
use crate::render::views::{Meta, SiteView};
use crate::render::{Previews, Renderer, Site, Theme};

/// One report as the index of reports shows it.
#[derive(Debug, Serialize)]
pub(crate) struct ReportSummary<'a> {
    pub title: &'a str,
    pub short_title: Option<&'a str>,
    pub round: Option<&'a str>,
    /// Its listing of recommendations.
    pub url: String,
    pub recommendations: usize,
    pub sections: usize,
    pub levels: usize,
}

/// The index page's view: the first report, then the further ones in slug order.
#[derive(Debug, Serialize)]
pub(crate) struct ReportsView<'a> {
    pub reports: Vec<ReportSummary<'a>>,
}

/// Renders each further report's pages (`further`: their graphs, in slug order) and the
/// index of reports, with the first report's graph `first`. Returns the addresses they list
/// in the sitemap, which the first report's [`crate::render::render_site`] writes.
pub(crate) fn render_further(
    first: &SiteGraph,
    further: &[SiteGraph],
    theme: &Theme,
    out: &dyn Sink,
    previews: Option<&Previews>,
    code: &Highlighter,
) -> Result<Vec<String>> {
    if further.is_empty() {
        return Ok(Vec::new());
    }
    let with = |g, f: &(dyn Fn(&Renderer) -> Result<()> + Sync)| {
        with_renderer(g, theme, out, previews, code, f)
    };
    let listed: Vec<Vec<String>> = further
        .par_iter()
        .map(|g| with(g, &render_report))
        .collect::<Result<_>>()?;
    let mut listed = listed.concat();
    listed.extend(with(first, &|r| render_index(r, first, further))?);
    Ok(listed)
}

/// Runs `f` with a renderer of graph `g`, recording nothing but the addresses it lists in the
/// sitemap, which it returns.
fn with_renderer(
    g: &SiteGraph,
    theme: &Theme,
    out: &dyn Sink,
    previews: Option<&Previews>,
    code: &Highlighter,
    f: &(dyn Fn(&Renderer) -> Result<()> + Sync),
) -> Result<Vec<String>> {
    let site = SiteView::new(Site::new(g, None));
    let items = Items::render(Site::new(g, None), theme, None)?;
    let layout = Layout::new(theme, &site)?;
    let r = Renderer::new(g, theme, layout, site, items, out, previews, code, None);
    f(&r)?;
    Ok(r.sitemap().clone())
}

/// A further report's own pages: the page kinds a report has of its own, and its
/// recommendations' preview images when the site has them.
fn render_report(r: &Renderer) -> Result<()> {
    let jobs: [fn(&Renderer) -> Result<()>; 3] = [
        super::recommendation::render_all,
        super::listings::render_report,
        |r| match r.previews {
            Some(p) => super::previews::render_recs(r, p),
            None => Ok(()),
        },
    ];
    jobs.par_iter().try_for_each(|job| job(r))
}

/// `reports/`: every report, the first included, with its counts.
fn render_index(r: &Renderer, first: &SiteGraph, further: &[SiteGraph]) -> Result<()> {
    let graphs = std::iter::once(first).chain(further);
    let reports = graphs.map(summary).collect();
    let t = r.strings();
    let title = t.fill("reports.title", &[])?;
    let description = t.fill("reports.description", &[])?;
    let meta = Meta::new(r.site(), r.site().urls().reports(), title, description);
    r.page("reports.html", meta, &ReportsView { reports })
}

fn summary<'a>(g: &SiteGraph<'a>) -> ReportSummary<'a> {
    let ds = g.ds;
    let report = &ds.site.report;
    ReportSummary {
        title: &report.title,
        short_title: report.short_title.as_deref(),
        round: report.round.as_deref(),
        url: g.urls.index("recommendations"),
        recommendations: ds.recommendations.len(),
        sections: ds.sections.len(),
        levels: ds.levels.len(),
    }
}
