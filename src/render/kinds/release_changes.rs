//! Every report's changes in one release: the site's release history and each further
//! report's in; out, the changes of one release, the first report's then each further
//! report's (in slug order), each with the report it is of ([`Of`]): what its entry on the
//! release's page and in the feeds names, links to and labels.

use crate::model::releases::Change;
use crate::model::{Date, FurtherReport, RecId, Urls};
use crate::render::engine::Site;

/// The report a change is of, as the change history shows it.
#[derive(Clone)]
pub(in crate::render) struct Of<'g, 'a> {
    site: Site<'g, 'a>,
    /// `None`: the first report.
    further: Option<&'a FurtherReport>,
    urls: Urls,
}

impl<'g, 'a> Of<'g, 'a> {
    /// Every report of the site: the first (whose graph `site` is), then each further one.
    pub(in crate::render) fn every(site: Site<'g, 'a>) -> Vec<Of<'g, 'a>> {
        let first = Of {
            site,
            further: None,
            urls: site.urls().clone(),
        };
        let further = site.further().iter().map(|f| Of {
            site,
            further: Some(f),
            urls: site.urls().for_report(&f.slug),
        });
        std::iter::once(first).chain(further).collect()
    }

    /// The report's name, which its changes' entries give in a site of several reports, the
    /// first report's too, so that two `1.1`s are told apart; `None` in a site of one.
    pub(in crate::render) fn name(&self) -> Option<&'a str> {
        match self.further {
            Some(f) => Some(f.ds.site.report.name()),
            None if self.site.further().is_empty() => None,
            None => Some(self.site.meta().report.name()),
        }
    }

    /// The anchor of a recommendation's entry on a release's page.
    pub(in crate::render) fn anchor(&self, id: &RecId) -> String {
        self.urls.change_anchor(id)
    }

    /// A recommendation's entry on release `version`'s page.
    pub(in crate::render) fn entry(&self, version: &str, id: &RecId) -> String {
        self.urls.release_entry(version, id)
    }

    /// The page of the recommendation `id` of this report; `None` when it is gone.
    pub(in crate::render) fn rec_url(&self, id: &RecId) -> Option<String> {
        let exists = match self.further {
            None => self.site.find_rec(id).is_some(),
            Some(f) => f.ds.recommendations.iter().any(|r| &r.id == id),
        };
        exists.then(|| self.urls.recommendation(id))
    }

    /// The label of the level with id `level` in this report's legend.
    pub(in crate::render) fn level_label(&self, level: &str) -> Option<&'a str> {
        let levels = self.further.map_or(self.site.levels(), |f| &f.ds.levels);
        levels
            .iter()
            .find(|l| l.id == level)
            .map(|l| l.label.as_str())
    }

    /// A sector's label in this report's legend, or its id.
    pub(in crate::render) fn sector_label<'s>(&self, id: &'s str) -> &'s str
    where
        'a: 's,
    {
        match self.further {
            None => self.site.sector_label(id),
            Some(f) => (f.ds.sectors.iter())
                .find(|s| s.id == id)
                .map_or(id, |s| s.label.as_str()),
        }
    }

    /// The day this report was adopted, which a Party's `joined` is compared with.
    pub(in crate::render) fn adopted_on(&self) -> Option<Date> {
        let report = self
            .further
            .map_or(&self.site.meta().report, |f| &f.ds.site.report);
        report.adopted_on
    }

    /// This report's changes in the site's release `version`: none when no release before it
    /// holds the report (its first release starts its history, as the site's first does).
    fn changes(&self, version: &str) -> &'a [Change] {
        let history = self.further.map_or(self.site.history(), |f| &f.ds.history);
        let at = (history.releases.iter()).position(|(r, _)| r.version.as_str() == version);
        match at {
            Some(j) if j > 0 => &history.releases[j].1,
            _ => &[],
        }
    }
}

/// The changes of every report in release `i` of the site's history, the first report's
/// first, each with its report from `reports` ([`Of::every`]).
pub(in crate::render) fn changes_in<'r, 'g, 'a>(
    reports: &'r [Of<'g, 'a>],
    i: usize,
) -> Vec<(&'r Of<'g, 'a>, &'a Change)> {
    let Some(first) = reports.first() else {
        return Vec::new();
    };
    let releases = &first.site.history().releases;
    let Some((release, _)) = releases.get(i) else {
        return Vec::new();
    };
    let v = release.version.as_str();
    let every = reports
        .iter()
        .map(|of| of.changes(v).iter().map(move |c| (of, c)));
    every.flatten().collect()
}
