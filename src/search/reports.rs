//! The site's reports as the one index reads them: the first report's dataset (which holds
//! the further reports, `Dataset::further`) and its URLs in; out, every report in order (the
//! first, then the further ones in slug order) with its URLs and the Parties that joined after
//! it was adopted, and every recommendation of every report as one list of documents, report
//! after report.

use super::concern::{PartyIndex, joined_later};
use super::format::ReportRow;
use crate::model::reports::FIRST_REPORT;
use crate::model::{Dataset, Recommendation, Urls};

/// One report of the site.
pub(super) struct Report<'a> {
    /// `main` for the first report (as the data files name it), its folder's name for a
    /// further one.
    pub slug: &'a str,
    pub ds: &'a Dataset,
    /// Its pages' URLs (`Urls::for_report` for a further report).
    pub urls: Urls,
    /// The numbers of the Parties that joined after it was adopted, sorted: how a lost list
    /// concerns a Party depends on the report's own adoption date.
    pub late: Vec<u32>,
}

/// Every report of the site, the first first.
pub(super) struct Reports<'a>(Vec<Report<'a>>);

impl<'a> Reports<'a> {
    /// The reports of the site whose first report is `ds`; `index` numbers the Parties.
    pub(super) fn of(ds: &'a Dataset, urls: &Urls, index: &PartyIndex) -> Reports<'a> {
        let report = |slug, ds: &'a Dataset, urls| Report {
            slug,
            late: joined_later(ds, index),
            ds,
            urls,
        };
        let first = report(FIRST_REPORT, ds, urls.clone());
        let further =
            (ds.further.iter()).map(|f| report(f.slug.as_str(), &f.ds, urls.for_report(&f.slug)));
        Reports(std::iter::once(first).chain(further).collect())
    }

    /// Every report, the first first.
    pub(super) fn all(&self) -> &[Report<'a>] {
        &self.0
    }

    /// The first report: the site's own.
    pub(super) fn first(&self) -> &Report<'a> {
        &self.0[0]
    }

    /// Whether the site holds further reports (the index then names each document's).
    pub(super) fn several(&self) -> bool {
        self.0.len() > 1
    }

    /// Every document: its report's number and its recommendation, report after report.
    pub(super) fn docs(&self) -> impl Iterator<Item = (usize, &'a Recommendation)> + '_ {
        (self.0.iter().enumerate())
            .flat_map(|(k, r)| r.ds.recommendations.iter().map(move |x| (k, x)))
    }

    /// The report table and each report's recommendation URL, in a site of several reports.
    pub(super) fn table(&self) -> (Option<Vec<ReportRow<'a>>>, Option<Vec<String>>) {
        if !self.several() {
            return (None, None);
        }
        let rows = self.0.iter().map(|r| {
            let report = &r.ds.site.report;
            ReportRow {
                slug: r.slug,
                name: report.short_title.as_deref().unwrap_or(&report.title),
                sections: r.ds.sections.len(),
            }
        });
        let urls = self.0.iter().map(|r| r.urls.recommendation_pattern());
        (Some(rows.collect()), Some(urls.collect()))
    }
}
