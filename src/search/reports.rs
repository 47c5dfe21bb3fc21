//! The site's reports as the one index reads them: the first report's dataset (which holds
//! the further reports, `Dataset::further`) and its URLs in; out, every report in order (the
//! first, then the further ones in slug order) with its URLs and the Parties that joined after
//! it was adopted, and every recommendation of every report as one list of documents, report
//! after report.

use super::concern::{PartyIndex, joined_later};
use super::format::ReportRow;
use crate::model::{Dataset, Recommendation, Urls};

/// One report of the site.
pub(super) struct Report<'a> {
    /// The first report's as the data files name it (`Dataset::first_report_slug`), its
    /// folder's name for a further one.
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
        let first = report(ds.first_report_slug(), ds, urls.clone());
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
                name: report.name(),
                sections: r.ds.sections.len(),
            }
        });
        let urls = self.0.iter().map(|r| r.urls.recommendation_pattern());
        (Some(rows.collect()), Some(urls.collect()))
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::graph::Concern;
    use crate::model::{Completeness, Date};
    use crate::search::concern::tests::reference_of;
    use crate::search::{SearchIndexer, build_search_index};

    fn two_reports() -> Dataset {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::load_dataset(&root.join("tests/fixtures/site-two-reports/content")).unwrap()
    }

    fn urls() -> Urls {
        Urls::parse("/x/").unwrap()
    }

    fn entry(ds: &Dataset) -> serde_json::Value {
        let files = build_search_index(ds, &urls());
        let (_, bytes) = files.files.iter().find(|(p, _)| *p == files.entry).unwrap();
        serde_json::from_slice(bytes).unwrap()
    }

    /// A Party that joined after the further report was adopted and before the first was, and
    /// every list incomplete: each report's lists are read with its own adoption date, so a
    /// list of the first report that does not name the Party may concern it and one of the
    /// further report never does.
    #[test]
    fn each_report_s_lists_are_read_with_its_own_adoption_date() {
        let mut ds = two_reports();
        let first_on = Date::parse("2020-01-20").unwrap();
        let joined = Date::parse("2018-06-01").ok();
        let special_on = ds.further[0].ds.site.report.adopted_on;
        assert!(
            special_on.is_some(),
            "the fixture's report.toml has adopted_on"
        );
        ds.site.report.adopted_on = Some(first_on);
        let late = "north-macedonia";
        for parties in [&mut ds.parties, &mut ds.further[0].ds.parties] {
            let p = parties
                .iter_mut()
                .find(|p| p.slug.as_str() == late)
                .unwrap();
            p.joined = joined;
        }
        let partial = |r: &mut Recommendation| {
            for l in &mut r.addressees.lists {
                l.completeness = Completeness::Partial;
            }
        };
        ds.recommendations.iter_mut().for_each(partial);
        ds.further[0]
            .ds
            .recommendations
            .iter_mut()
            .for_each(partial);
        let mut docs: Vec<_> = ds
            .recommendations
            .iter()
            .map(|r| (r, Some(first_on)))
            .collect();
        docs.extend(
            ds.further[0]
                .ds
                .recommendations
                .iter()
                .map(|r| (r, special_on)),
        );
        let party = ds.parties.iter().find(|p| p.slug.as_str() == late).unwrap();
        let concerns: Vec<Concern> = docs
            .iter()
            .map(|(r, on)| Concern::of(r, party, *on))
            .collect();
        assert!(
            concerns.contains(&Concern::Uncertain) && concerns.contains(&Concern::NotNamed),
            "the dates make a difference: {concerns:?}"
        );
        let want = serde_json::to_value(reference_of(&ds.parties, &docs)).unwrap();
        assert_eq!(entry(&ds)["pc"], want);
    }

    /// A further report's level with the id and label of one of the first report's is that
    /// value; one with its id and another label is a value of its own, keyed by its report.
    #[test]
    fn levels_of_the_same_id_and_label_are_one_value_and_others_stay_apart() {
        let mut ds = two_reports();
        let first: Vec<(String, String)> = (ds.levels.iter())
            .map(|l| (l.id.clone(), l.label.clone()))
            .collect();
        let special = &mut ds.further[0].ds.levels;
        (special[0].id, special[0].label) = first[0].clone();
        (special[1].id, special[1].label) = (first[1].0.clone(), "Another label".into());
        let e = entry(&ds);
        let levels = e["levels"].as_array().unwrap();
        assert_eq!(levels.len(), first.len() + 1);
        assert!(levels[..first.len()].iter().all(|l| l.get("key").is_none()));
        let own = &levels[first.len()];
        assert_eq!(own["id"], first[1].0);
        assert_eq!(own["label"], "Another label");
        assert_eq!(own["key"], format!("special:{}", first[1].0));
        let lv: Vec<String> = e["lv"]
            .as_str()
            .unwrap()
            .chars()
            .map(String::from)
            .collect();
        let n = ds.recommendations.len();
        for (k, r) in ds.further[0].ds.recommendations.iter().enumerate() {
            let want = if r.level.index() == 0 {
                &levels[0]
            } else {
                own
            };
            assert_eq!(want["code"], lv[n + k], "{}", r.id);
        }
    }

    /// Edits of either report: a reused indexer builds what a fresh one does.
    #[test]
    fn a_reused_indexer_builds_what_a_fresh_one_does_after_edits_of_either_report() {
        let mut ds = two_reports();
        let mut indexer = SearchIndexer::default();
        let edits: [&dyn Fn(&mut Dataset); 6] = [
            &|ds| {
                ds.further[0].ds.recommendations[0]
                    .text
                    .push_str(" newword")
            },
            &|ds| ds.recommendations[0].title = "Another title".into(),
            &|ds| ds.further[0].ds.levels[0].label = "Weigh".into(),
            &|ds| ds.further[0].ds.sections[0].title = "Renamed".into(),
            &|ds| drop(ds.further[0].ds.recommendations.remove(0)),
            &|ds| ds.further.clear(),
        ];
        for (i, edit) in edits.iter().enumerate() {
            let before = indexer.build(&ds, &urls()).files;
            edit(&mut ds);
            let reused = indexer.build(&ds, &urls());
            let fresh = build_search_index(&ds, &urls());
            assert!(reused.files == fresh.files, "edit {i}: files differ");
            assert!(before != fresh.files, "edit {i} changed nothing");
        }
    }
}
