//! REPORTS: the site's further reports (`content/reports/<slug>/`) in, each validated as a
//! dataset of its own ([`FurtherReport`]) out, or located errors. A further report shares the
//! site's settings, Parties, pages and thesaurus with the first report (the content folder's
//! own) and has its own facts (`report.toml`, standing for `site.toml`'s `[report]`), levels,
//! sections, recommendations and source text; its recommendation ids are its own, so `1.1`
//! may be the id of a recommendation in each report.

use std::collections::HashSet;
use std::fmt;

use crate::content::ContentFiles;
use crate::content::reports::ReportFiles;
use crate::diag::{Diagnostic, Diagnostics};
use crate::inputs::REPORT_FILE;
use crate::model::Dataset;
use crate::model::releases::Unannounced;

/// A further report's slug: its folder's name and its URL's (`/reports/<slug>/`), lower-case
/// ASCII words of letters and digits joined by single hyphens (the rule of a Party's slug).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReportSlug(String);

impl ReportSlug {
    /// `s` when it is a slug.
    pub fn parse(s: &str) -> Option<ReportSlug> {
        crate::model::ids::is_slug(s).then(|| ReportSlug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ReportSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The slug the data files give the site's first report when there are further reports and
/// site.toml's `[report] slug` gives none (a further report's folder may not take it).
pub const FIRST_REPORT: &str = "main";

/// One further report, validated.
#[derive(Debug, Clone)]
pub struct FurtherReport {
    pub slug: ReportSlug,
    /// The report as a dataset: its `site.report` is its `report.toml`; the site's settings,
    /// Parties, pages and thesaurus are the first report's; its history is the releases that
    /// hold it, with their notes and what each changed in it; it has no further reports.
    pub ds: Dataset,
}

/// Validates every further report of `files`, in folder order. `reported`: the diagnostics the
/// first report's validation gave, as printed: a shared file's error (site.toml,
/// parties.toml) is reported once, by the first report, not again by each further one.
pub(crate) fn validate_further(
    files: &ContentFiles,
    first_slug: &str,
    reported: &HashSet<String>,
    unannounced: Unannounced,
    diags: &mut Diagnostics,
) -> Vec<FurtherReport> {
    let mut out = Vec::new();
    for rf in &files.reports {
        let slug = ReportSlug::parse(&rf.folder).filter(|s| s.as_str() != first_slug);
        if rf.folder == first_slug {
            let at = rf.dir.join(REPORT_FILE);
            let msg = format!("report folder name \"{first_slug}\" is the first report's");
            let help = "the data files name the content folder's own report so (site.toml's \
                        [report] slug, else \"main\"): rename the folder";
            diags.push(Diagnostic::error(&at, (1, 1), msg).with_help(help));
        } else if slug.is_none() {
            let at = rf.dir.join(REPORT_FILE);
            let msg = format!("invalid report folder name \"{}\"", rf.folder);
            let help = "use lower-case letters, digits and single hyphens, like \"2nd-round\"";
            diags.push(Diagnostic::error(&at, (1, 1), msg).with_help(help));
        }
        let mut own = Diagnostics::default();
        let validated = super::validate::validate_one(
            &report_files(files, rf),
            Diagnostics::default(),
            unannounced,
        );
        match validated {
            Ok((ds, _)) => {
                own.0.extend(ds.warnings.0.iter().cloned());
                out.extend(slug.map(|slug| FurtherReport { slug, ds }));
            }
            Err(d) => own = d,
        }
        let new = own
            .0
            .into_iter()
            .filter(|d| !reported.contains(&d.to_string()));
        diags.0.extend(new);
    }
    out
}

/// The files one further report is validated from: its own, the site's shared ones, and the
/// releases that hold it, each as it recorded this report, with the site's draft note: the
/// report's change history and the release rule are those of the first report's, kept apart.
pub(crate) fn report_files(site: &ContentFiles, rf: &ReportFiles) -> ContentFiles {
    ContentFiles {
        site: site.site.clone(),
        parties: site.parties.clone(),
        releases: (site.releases.iter())
            .filter_map(|r| r.for_report(&rf.folder))
            .collect(),
        draft_note: site.draft_note.clone(),
        report: rf.report.clone(),
        legend: rf.legend.clone(),
        sections: rf.sections.clone(),
        recommendations: rf.recommendations.clone(),
        unreadable_recommendations: rf.unreadable_recommendations.clone(),
        source: rf.source.clone(),
        ..ContentFiles::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slug_is_lower_case_words_joined_by_single_hyphens() {
        for ok in ["special", "2nd-round", "round-1"] {
            assert_eq!(
                ReportSlug::parse(ok).map(|s| s.to_string()),
                Some(ok.into())
            );
        }
        for bad in ["", "Special", "2nd_round", "-a", "a-", "a--b", "a b", "ünd"] {
            assert!(ReportSlug::parse(bad).is_none(), "{bad}");
        }
    }
}
