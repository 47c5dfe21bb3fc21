//! VALIDATE: content files (raw text) in, a typed `Dataset` out, or every problem found as
//! located diagnostics. Nothing is skipped silently: a file with an error fails the run.
//! One error is reported once: a check that depends on data that failed to load (a table that
//! does not parse, a recommendation with an error) is skipped rather than run against what is
//! missing, which would report the first error again as hundreds of others.

mod addressees;
mod ctx;
mod editorial;
pub(crate) mod faithfulness;
pub(crate) mod hedge;
mod lists;
mod pages;
mod rec;
mod references;
pub(crate) mod site;
mod tables;
pub(crate) mod thesaurus;

use std::collections::BTreeMap;

use crate::content::{ContentFiles, SourceFile};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::facts::Facts;
use crate::model::releases::Unannounced;
use crate::model::{Dataset, RecId, SectionId};

use rec::{LoadedRec, validate_recommendation};
use tables::validate_tables;

/// Validates one recommendation file again against the tables of `files`, for `serve`'s
/// incremental rebuilds: the recommendation, or `None` if the file has any error (a full
/// validation then reports it). Checks across files (duplicates, numbering, references, the
/// thesaurus, the release rule) are the caller's.
pub fn validate_one_recommendation(
    files: &ContentFiles,
    file: &SourceFile,
) -> Option<crate::model::Recommendation> {
    let mut diags = Diagnostics::default();
    let t = validate_tables(files, &mut diags);
    let loaded = validate_recommendation(file, &t, &mut diags)?;
    if diags.error_count() > 0 {
        return None;
    }
    loaded.rec
}

/// The thesaurus validated again against the recommendations `recs`, for a rebuild that
/// changed recommendation files: `None` if it no longer validates (a full validation then
/// reports why).
pub(crate) fn revalidate_thesaurus(
    files: &ContentFiles,
    recs: &[&crate::model::Recommendation],
) -> Option<crate::model::Thesaurus> {
    let mut diags = Diagnostics::default();
    let t = validate_tables(files, &mut diags);
    let thesaurus =
        thesaurus::validate_thesaurus(files.thesaurus.as_ref(), &t, Some(recs), &mut diags);
    (diags.error_count() == 0).then_some(thesaurus)
}

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
    validate_with(files, diags, Unannounced::Refuse)
}

/// [`validate`], with a change the draft note of the next release does not name refused or,
/// for a preview, kept as a warning in the dataset's history (`ds.history.unannounced`).
pub(crate) fn validate_with(
    files: &ContentFiles,
    mut diags: Diagnostics,
    unannounced: Unannounced,
) -> Result<Dataset, Diagnostics> {
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
    let mut recommendations: Vec<_> = loaded.into_iter().filter_map(|l| l.rec).collect();
    recommendations.sort_by(|a, b| a.id.cmp(&b.id));
    let warnings = Diagnostics(diags.warnings().cloned().collect()).sorted();
    Ok(Dataset {
        site: t.site.expect("no errors, so site.toml was valid"),
        levels: t.levels,
        concerns: t.concerns,
        sectors: t.sectors,
        sections: t.sections,
        parties: t.parties,
        recommendations,
        pages,
        thesaurus,
        history,
        warnings,
    })
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
    let mut loaded: Vec<LoadedRec> = files
        .recommendations
        .iter()
        .filter_map(|f| validate_recommendation(f, t, diags))
        .collect();
    // Undecodable files (already reported) still hold their number in the section.
    for path in &files.unreadable_recommendations {
        let placeholder = SourceFile {
            path: path.clone(),
            text: String::new(),
        };
        loaded.extend(rec::id_from_file_name(&placeholder));
    }
    check_duplicates(&loaded, diags);
    check_numbering(&loaded, diags);
    check_references(&loaded, diags);
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

fn error(l: &LoadedRec, at: (usize, usize), message: String) -> Diagnostic {
    Diagnostic::error(&l.path, at, message)
}

/// Two files with one id: both are named.
fn check_duplicates(loaded: &[LoadedRec], diags: &mut Diagnostics) {
    let mut first: BTreeMap<&RecId, &LoadedRec> = BTreeMap::new();
    for l in loaded {
        if let Some(prev) = first.insert(&l.id, l) {
            let msg = format!(
                "duplicate id \"{}\" (also in {})",
                l.id,
                prev.path.display()
            );
            diags.push(error(l, l.id_at, msg));
        }
    }
}

/// Within a section, numbers run 1, 2, 3 … with no gap.
fn check_numbering(loaded: &[LoadedRec], diags: &mut Diagnostics) {
    let mut by_section: BTreeMap<&SectionId, Vec<&LoadedRec>> = BTreeMap::new();
    for l in loaded {
        by_section.entry(&l.id.section).or_default().push(l);
    }
    for (section, mut recs) in by_section {
        recs.sort_by_key(|l| l.id.number);
        recs.dedup_by_key(|l| l.id.number);
        let mut expected = 1;
        for l in recs {
            if l.id.number != expected {
                let missing = if l.id.number == expected + 1 {
                    format!("{section}-{expected} is missing")
                } else {
                    format!(
                        "{section}-{expected} to {section}-{} are missing",
                        l.id.number - 1
                    )
                };
                diags.push(error(
                    l,
                    l.id_at,
                    format!("gap in the numbering of section {section}: {missing}"),
                ));
            }
            expected = l.id.number + 1;
        }
    }
}

/// Declared references to other recommendations point at recommendations that exist.
fn check_references(loaded: &[LoadedRec], diags: &mut Diagnostics) {
    for l in loaded {
        for (id, at) in &l.ref_at {
            if !loaded.iter().any(|o| &o.id == id) {
                diags.push(error(
                    l,
                    *at,
                    format!("reference to unknown recommendation \"{id}\""),
                ));
            }
        }
    }
}
