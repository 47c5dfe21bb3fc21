//! An edit of recommendation files: the last good content and dataset and the changed paths
//! in; out, the content and dataset after the edit, with the recommendations it changed,
//! added or deleted, or `None` when the edit must be validated in full (a file with an error,
//! anything a check across files could refuse). Each file is validated alone; the checks
//! across files that an edit can break (duplicate ids, numbering, references, the thesaurus,
//! the release rule, the comparison with the source text) are made here for the changed files only.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::content::{ContentFiles, MAX_FILE_BYTES, SourceFile, decode};
use crate::model::{Dataset, RecId, Recommendation, SectionId, validate_one_recommendation};

/// One recommendation as it was before the edit: the record, and its neighbours in its section.
pub(super) struct Before {
    pub rec: Recommendation,
    pub prev: Option<RecId>,
    pub next: Option<RecId>,
}

/// What an edit changed: per id, the recommendation before (`None`: added). An id in neither
/// the dataset after nor here is unchanged.
pub(super) type Changed = BTreeMap<RecId, Option<Before>>;

/// One changed file: where it is in the content, and what it holds now (`None`: deleted).
struct FileEdit {
    index: Option<usize>,
    now: Option<(SourceFile, Recommendation)>,
}

/// Applies the edit of the recommendation files at `paths` (absolute) to `content` and `ds`,
/// when each file is valid alone and the edit passes every check across files; returns what
/// changed. `None` leaves both as they were.
pub(super) fn apply(
    content: &mut ContentFiles,
    ds: &mut Dataset,
    dir: &Path,
    paths: &[PathBuf],
) -> Option<Changed> {
    let mut edits: Vec<FileEdit> = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.parent() != Some(dir) || path.extension().is_none_or(|e| e != "md") {
            return None;
        }
        if seen.insert(path.clone()) {
            edits.push(read(content, ds, dir, path)?);
        }
    }
    // Where each changed file's recommendation was in the dataset.
    let old: Vec<usize> = edits
        .iter()
        .filter_map(|e| e.index)
        .map(|i| {
            let path = &content.recommendations[i].path;
            ds.recommendations.iter().position(|r| &r.path == path)
        })
        .collect::<Option<_>>()?;
    let removed: Vec<&RecId> = old.iter().map(|&p| &ds.recommendations[p].id).collect();
    let added: Vec<&Recommendation> = edits
        .iter()
        .filter_map(|e| e.now.as_ref().map(|(_, r)| r))
        .collect();
    if !allowed(ds, &removed, &added) {
        return None;
    }
    let thesaurus = match &content.thesaurus {
        None => None,
        Some(_) => Some(thesaurus_after(content, ds, &removed, &added)?),
    };
    if !faithful_after(content, ds, &removed, &added) {
        return None;
    }
    let changed = commit(content, ds, edits, old);
    if let Some(t) = thesaurus {
        ds.thesaurus = t;
    }
    Some(changed)
}

/// Reads and validates one changed file.
fn read(content: &ContentFiles, ds: &Dataset, dir: &Path, path: &Path) -> Option<FileEdit> {
    // The loaded file at this path: same name, in this folder (not one of its subfolders).
    let here = |f: &SourceFile| f.path.file_name() == path.file_name() && in_folder(f, dir);
    let index = content.recommendations.iter().position(here);
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        // Deleted: only a file the last build loaded.
        return index.map(|index| FileEdit {
            index: Some(index),
            now: None,
        });
    };
    // A link or an oversized file goes the full way, where the loader's rules report it.
    if !meta.is_file() || meta.len() > MAX_FILE_BYTES {
        return None;
    }
    let shown = match index {
        Some(i) => content.recommendations[i].path.clone(),
        // Named as the loader names its neighbours in this folder.
        None => {
            let neighbour = content.recommendations.iter().find(|f| in_folder(f, dir))?;
            neighbour.path.with_file_name(path.file_name()?)
        }
    };
    let file = decode(&shown, std::fs::read(path).ok()?).ok()?;
    let rec = validate_one_recommendation(content, &file)?;
    if !crate::model::releases::edit_allowed(content, &ds.history, &file) {
        return None;
    }
    Some(FileEdit {
        index,
        now: Some((file, rec)),
    })
}

/// Whether the loaded file `f` is in the folder `dir` (canonical), not in one of its subfolders.
fn in_folder(f: &SourceFile, dir: &Path) -> bool {
    let parent = f.path.parent().and_then(|p| p.canonicalize().ok());
    parent.as_deref() == Some(dir)
}

/// The checks across files: with releases, no id comes or goes (the release rule then holds
/// for each file alone); ids stay unique; each touched section is numbered 1, 2, 3 … without
/// a gap; every reference points at a recommendation that is there after the edit.
fn allowed(ds: &Dataset, removed: &[&RecId], added: &[&Recommendation]) -> bool {
    let gone: HashSet<&RecId> = removed.iter().copied().collect();
    let new: HashSet<&RecId> = added.iter().map(|r| &r.id).collect();
    if !ds.history.releases.is_empty() && gone != new {
        return false;
    }
    let kept = |id: &RecId| has(ds, id) && !gone.contains(id);
    let exists = |id: &RecId| kept(id) || new.contains(id);
    let unique = new.len() == added.len() && !new.iter().any(|id| kept(id));
    let refs_ok = added
        .iter()
        .all(|r| r.references.recommendations.iter().all(exists));
    // A recommendation that stays must not cite one that goes.
    let lost: Vec<&&RecId> = gone.iter().filter(|id| !new.contains(*id)).collect();
    let still_cited = !lost.is_empty()
        && ds.recommendations.iter().any(|r| {
            !gone.contains(&r.id)
                && r.references
                    .recommendations
                    .iter()
                    .any(|t| lost.contains(&&t))
        });
    let sections: BTreeSet<&SectionId> = gone.iter().chain(&new).map(|id| &id.section).collect();
    let numbered = sections
        .into_iter()
        .all(|s| numbered_after(ds, s, &gone, &new));
    unique && refs_ok && !still_cited && numbered
}

/// Whether the dataset holds `id` (its recommendations are sorted by id).
fn has(ds: &Dataset, id: &RecId) -> bool {
    ds.recommendations
        .binary_search_by(|r| r.id.cmp(id))
        .is_ok()
}

/// Whether section `s` is numbered 1 … n after the edit.
fn numbered_after(
    ds: &Dataset,
    s: &SectionId,
    gone: &HashSet<&RecId>,
    new: &HashSet<&RecId>,
) -> bool {
    let mut numbers: Vec<u32> = ds
        .recommendations
        .iter()
        .filter(|r| &r.id.section == s && !gone.contains(&r.id))
        .map(|r| r.id.number)
        .chain(new.iter().filter(|id| &id.section == s).map(|id| id.number))
        .collect();
    numbers.sort_unstable();
    numbers.iter().zip(1..).all(|(&n, expected)| n == expected)
}

/// The thesaurus validated against the recommendations after the edit.
fn thesaurus_after(
    content: &ContentFiles,
    ds: &Dataset,
    removed: &[&RecId],
    added: &[&Recommendation],
) -> Option<crate::model::Thesaurus> {
    crate::model::revalidate_thesaurus(content, &recs_after(ds, removed, added))
}

/// Whether the recommendations after the edit still agree with the source text (when the
/// content has a copy of it).
fn faithful_after(
    content: &ContentFiles,
    ds: &Dataset,
    removed: &[&RecId],
    added: &[&Recommendation],
) -> bool {
    crate::model::faithful(content, &ds.sections, &recs_after(ds, removed, added))
}

/// The recommendations after the edit: the dataset's less `removed`, with `added`.
fn recs_after<'a>(
    ds: &'a Dataset,
    removed: &[&RecId],
    added: &[&'a Recommendation],
) -> Vec<&'a Recommendation> {
    ds.recommendations
        .iter()
        .filter(|r| !removed.contains(&&r.id))
        .chain(added.iter().copied())
        .collect()
}

/// Puts the edit in place: the files in the content (sorted by path, as loaded), the
/// recommendations in the dataset (sorted by id); returns what changed. `old`: where the
/// changed files' recommendations were in the dataset.
fn commit(
    content: &mut ContentFiles,
    ds: &mut Dataset,
    edits: Vec<FileEdit>,
    old: Vec<usize>,
) -> Changed {
    let mut changed = Changed::new();
    // Neighbours first, while every position holds.
    let neighbours: Vec<_> = {
        let recs = &ds.recommendations;
        let near = |p: usize, q: Option<usize>| {
            let r = recs.get(q?)?;
            (r.id.section == recs[p].id.section).then(|| r.id.clone())
        };
        old.iter()
            .map(|&p| (near(p, p.checked_sub(1)), near(p, Some(p + 1))))
            .collect()
    };
    let mut order: Vec<usize> = (0..old.len()).collect();
    order.sort_by_key(|&k| std::cmp::Reverse(old[k]));
    for k in order {
        let rec = ds.recommendations.remove(old[k]);
        let (prev, next) = neighbours[k].clone();
        changed.insert(rec.id.clone(), Some(Before { rec, prev, next }));
    }
    let mut gone: Vec<usize> = Vec::new();
    let mut new_files = Vec::new();
    for e in edits {
        match (e.index, e.now) {
            (Some(i), Some((file, rec))) => {
                content.recommendations[i] = file;
                insert(ds, &mut changed, rec);
            }
            (Some(i), None) => gone.push(i),
            (None, Some((file, rec))) => {
                new_files.push(file);
                insert(ds, &mut changed, rec);
            }
            (None, None) => {}
        }
    }
    gone.sort_unstable_by(|a, b| b.cmp(a));
    for i in gone {
        content.recommendations.remove(i);
    }
    for file in new_files {
        let at = content
            .recommendations
            .partition_point(|f| f.path < file.path);
        content.recommendations.insert(at, file);
    }
    changed
}

/// Inserts `rec` in the dataset at its place by id; an id not there before is added.
fn insert(ds: &mut Dataset, changed: &mut Changed, rec: Recommendation) {
    changed.entry(rec.id.clone()).or_insert(None);
    let at = ds.recommendations.partition_point(|r| r.id < rec.id);
    ds.recommendations.insert(at, rec);
}
