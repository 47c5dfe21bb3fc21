//! VALIDATE: content files (raw text) in, a typed `Dataset` out, or every problem found as
//! located diagnostics. Nothing is skipped silently: a file with an error fails the run.
//! One error is reported once: a check that depends on data that failed to load (a table that
//! does not parse, a recommendation with an error) is skipped rather than run against what is
//! missing, which would report the first error again as hundreds of others.

mod across;
mod addressees;
mod ctx;
mod edit;
mod editorial;
pub(crate) mod faithfulness;
pub(crate) mod hedge;
mod levels;
mod lists;
mod pages;
mod rec;
mod references;
pub(crate) mod site;
mod tables;
pub(crate) mod thesaurus;

use std::collections::HashSet;

use rayon::prelude::*;

use crate::content::{ContentFiles, SourceFile};
use crate::diag::Diagnostics;
use crate::model::Dataset;
use crate::model::facts::Facts;
use crate::model::releases::Unannounced;

pub(crate) use edit::{Kept, validate_edit};
use rec::{LoadedRec, validate_recommendation};
pub(crate) use tables::id_scheme;
use tables::validate_tables;

/// The rules of a content page's Markdown, for other Markdown published as a page's is (release
/// notes): link targets a link may have, no reference to a control character. `markdown`
/// starts at byte `offset` of `file`.
pub(crate) fn check_page_markdown(
    file: &SourceFile,
    offset: usize,
    markdown: &str,
    diags: &mut Diagnostics,
) {
    let mut cx = ctx::Ctx {
        file,
        fm: offset,
        body: offset,
        diags,
    };
    rec::check_links(&mut cx, markdown);
    rec::check_control_references(&mut cx, markdown);
}

/// Validates everything read from a content folder. `Err` holds all diagnostics of the run.
pub fn validate(files: &ContentFiles, diags: Diagnostics) -> Result<Dataset, Diagnostics> {
    validate_with(files, diags, Unannounced::Refuse).map(|(ds, _)| ds)
}

/// [`validate`], with a change the draft note of the next release does not name refused or,
/// for a preview, kept as a warning in the dataset's history (`ds.history.unannounced`). With the
/// dataset, what [`validate_edit`] needs to validate an edit by the same rules.
pub(crate) fn validate_with(
    files: &ContentFiles,
    diags: Diagnostics,
    unannounced: Unannounced,
) -> Result<(Dataset, Kept), Diagnostics> {
    let first = validate_one(files, diags, unannounced);
    if files.reports.is_empty() {
        return first;
    }
    let reported: HashSet<String> = match &first {
        Ok((ds, _)) => ds.warnings.0.iter().map(|d| d.to_string()).collect(),
        Err(d) => d.0.iter().map(|d| d.to_string()).collect(),
    };
    let mut more = Diagnostics::default();
    let first_slug = match &first {
        Ok((ds, _)) => ds.first_report_slug(),
        Err(_) => crate::model::reports::FIRST_REPORT,
    };
    let further = crate::model::reports::validate_further(
        files,
        first_slug,
        &reported,
        unannounced,
        &mut more,
    );
    match first {
        Ok((mut ds, kept)) if more.error_count() == 0 => {
            ds.further = further;
            ds.warnings.0.extend(more.0);
            ds.warnings = std::mem::take(&mut ds.warnings).sorted();
            Ok((ds, kept))
        }
        Ok((ds, _)) => Err(Diagnostics([ds.warnings.0, more.0].concat()).sorted()),
        Err(d) => Err(Diagnostics([d.0, more.0].concat()).sorted()),
    }
}

/// [`validate_with`] for one report: the content folder's own, or a further report's files
/// with the site's shared ones (`crate::model::reports`).
pub(crate) fn validate_one(
    files: &ContentFiles,
    mut diags: Diagnostics,
    unannounced: Unannounced,
) -> Result<(Dataset, Kept), Diagnostics> {
    // The releases are read on the other core meanwhile: they need only the files.
    let (started, (t, loaded)) = rayon::join(
        || crate::model::releases::start_history(files),
        || validate_working(files, &mut diags),
    );
    let pages = pages::validate_pages(&files.pages, &facts(files, &t), &mut diags);
    // The thesaurus is checked against the recommendations' words only when every one of them
    // was checked and is valid: a broken file, or a table they all depend on (already
    // reported), must not make their words look missing.
    let recs: Vec<_> = loaded.iter().filter_map(|l| l.rec.as_ref()).collect();
    let all_valid = t.failed.is_empty()
        && recs.len() == loaded.len()
        && files.unreadable_recommendations.is_empty();
    let recs = all_valid.then_some(recs.as_slice());
    let thesaurus = thesaurus::validate_thesaurus(files.thesaurus.as_ref(), &t, recs, &mut diags);
    // The same for the comparison with the source text.
    if let Some(recs) = recs {
        faithfulness::check_faithfulness(files, &t.sections, recs, &mut diags);
    }
    let history = started.finish(files, &mut diags, unannounced);
    if diags.error_count() > 0 {
        return Err(diags.sorted());
    }
    let mut recommendations = Vec::with_capacity(loaded.len());
    let mut kept = Kept::default();
    for l in loaded {
        recommendations.extend(l.rec);
        kept.located.insert(l.at.path.clone(), l.at);
    }
    recommendations.sort_by(|a, b| a.id.cmp(&b.id));
    let warnings = Diagnostics(diags.warnings().cloned().collect()).sorted();
    let ds = Dataset {
        site: t.site.expect("no errors, so site.toml was valid"),
        levels: t.levels,
        labels_note: t.labels_note,
        speaker: t.speaker,
        concerns: t.concerns,
        sectors: t.sectors,
        sections: t.sections,
        ids: t.ids,
        parties: t.parties,
        recommendations,
        pages,
        thesaurus,
        history,
        warnings,
        further: Vec::new(),
    };
    Ok((ds, kept))
}

/// The dataset's numbers as the files give them, before the dataset is made: every
/// recommendation file counts, a refused one too, so that a page's count does not change with
/// an error elsewhere. The edition is `site.toml`'s once it is validated.
fn facts(files: &ContentFiles, t: &tables::Tables) -> Facts {
    Facts {
        recommendations: files.recommendations.len() + files.unreadable_recommendations.len(),
        sections: t.sections.len(),
        parties: t.parties.len(),
        first_section: t.sections.first().map(|s| s.id.to_string()),
        last_section: t.sections.last().map(|s| s.id.to_string()),
        edition: t
            .site
            .as_ref()
            .and_then(|s| s.edition.as_ref())
            .map(|e| e.version.clone()),
    }
}

/// The tables and the recommendations.
fn validate_working(
    files: &ContentFiles,
    diags: &mut Diagnostics,
) -> (tables::Tables, Vec<LoadedRec>) {
    let t = validate_tables(files, diags);
    let loaded = if t.failed.is_empty() {
        validate_recommendations(files, &t, diags)
    } else {
        note_skipped(&t.failed, diags);
        Vec::new()
    };
    (t, loaded)
}

/// Every recommendation file, and the checks across them.
fn validate_recommendations(
    files: &ContentFiles,
    t: &tables::Tables,
    diags: &mut Diagnostics,
) -> Vec<LoadedRec> {
    // Each file on its own core, with its own diagnostics, kept in file order: the first
    // build's serial stretch, before anything renders (about 200 M instructions at 10×).
    let each: Vec<(Option<LoadedRec>, Diagnostics)> = files
        .recommendations
        .par_iter()
        .map(|f| {
            let mut own = Diagnostics::default();
            (validate_recommendation(f, t, &mut own), own)
        })
        .collect();
    let mut loaded = Vec::with_capacity(each.len());
    for (rec, own) in each {
        loaded.extend(rec);
        diags.0.extend(own.0);
    }
    // Undecodable files (already reported) still hold their number in the section.
    for path in &files.unreadable_recommendations {
        let placeholder = SourceFile {
            path: path.clone(),
            text: String::new(),
        };
        loaded.extend(rec::id_from_file_name(&placeholder, &t.ids));
    }
    let located: Vec<&rec::Located> = loaded.iter().map(|l| &l.at).collect();
    across::check_across(&located, diags);
    loaded
}

/// A table that recommendations depend on failed: its first error says, in one line, that
/// the recommendations were not checked, so the cause stands alone instead of under hundreds
/// of errors it caused.
fn note_skipped(failed: &[&str], diags: &mut Diagnostics) {
    let note = format!(
        "the recommendations were not checked: they depend on {}",
        failed.join(", ")
    );
    let cause = diags.0.iter_mut().find(|d| {
        d.path()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .is_some_and(|n| failed.contains(&n))
    });
    if let Some(d) = cause {
        d.note = Some(note);
    }
}
