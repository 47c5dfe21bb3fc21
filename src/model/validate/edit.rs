//! VALIDATE, an edit of recommendation files (`serve`): the content after the edit, the dataset
//! before it and the paths of the files that changed in; out, the new records of those files and
//! the thesaurus, or the diagnostics of every rule the edit breaks. The rules are the ones a full
//! validation runs, called here, not written again: each changed file is validated alone
//! ([`super::validate_recommendation`]), then the checks across files ([`super::across`]), the
//! thesaurus, the comparison with the source text and the release rule run on every
//! recommendation after the edit.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::content::ContentFiles;
use crate::diag::Diagnostics;
use crate::model::{Dataset, Recommendation, Thesaurus};

use super::rec::{Located, validate_recommendation};
use super::{across, faithfulness, tables, thesaurus};

/// What a validation keeps so that an edit can be validated by the same rules without reading
/// every file again: each recommendation file's id and references with their places, by path as
/// loaded, and the release states of the files read so far.
#[derive(Default)]
pub(crate) struct Kept {
    pub(super) located: BTreeMap<PathBuf, Located>,
    states: crate::model::releases::Parsed,
}

/// An edit that passed every rule.
pub(crate) struct Edited {
    /// The records of the changed files that are there after the edit, in the order given.
    pub recs: Vec<Recommendation>,
    /// The thesaurus, validated against the recommendations after the edit.
    pub thesaurus: Thesaurus,
}

/// Validates the edit of the recommendation files at `changed` (paths as loaded; a file not in
/// `files` was deleted). `files` is the content after the edit, `ds` the dataset before it.
/// `Err` holds what the rules found: a full validation of the same files reports it too (maybe
/// with more, from files this one did not read again), so the caller reports by validating in
/// full. `kept` follows the edit either way; after an `Err` it is to be dropped.
pub(crate) fn validate_edit(
    kept: &mut Kept,
    files: &ContentFiles,
    ds: &Dataset,
    changed: &[PathBuf],
) -> Result<Edited, Diagnostics> {
    let mut diags = Diagnostics::default();
    let t = tables::validate_tables(files, &mut diags);
    let mut recs = Vec::new();
    for path in changed {
        kept.located.remove(path);
        let at = files.recommendations.binary_search_by(|f| f.path.cmp(path));
        let Ok(at) = at else { continue };
        let Some(loaded) = validate_recommendation(&files.recommendations[at], &t, &mut diags)
        else {
            continue;
        };
        recs.extend(loaded.rec);
        kept.located.insert(path.clone(), loaded.at);
    }
    if diags.error_count() > 0 {
        return Err(diags);
    }
    let located: Vec<&Located> = kept.located.values().collect();
    across::check_across(&located, &mut diags);
    let after: Vec<&Recommendation> = ds
        .recommendations
        .iter()
        .filter(|r| !changed.contains(&r.path))
        .chain(&recs)
        .collect();
    let thesaurus =
        thesaurus::validate_thesaurus(files.thesaurus.as_ref(), &t, Some(&after), &mut diags);
    faithfulness::check_faithfulness(files, &t.sections, &after, &mut diags);
    // A change the draft note does not name is refused here even in a preview: the full build
    // the caller then makes shows it as a warning, and every edit builds in full until the
    // note names it.
    let unnamed =
        crate::model::releases::check_edit(files, &ds.history, &mut kept.states, &mut diags);
    diags.0.extend(unnamed);
    if diags.error_count() > 0 {
        return Err(diags);
    }
    Ok(Edited { recs, thesaurus })
}
