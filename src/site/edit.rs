//! An edit of recommendation files: the last good content and dataset and the changed paths
//! in; out, the content and dataset after the edit, with the recommendations it changed, added
//! or deleted, or `None` when the edit must be built in full from the files (a file any rule
//! refuses, a link, a file the loader would not read). The rules are not here: the edit is
//! validated by `model::validate_edit`, which runs the rules `check` runs (each changed file
//! alone, then the checks across files on every recommendation after the edit), so an edit
//! `check` refuses is refused here too, and the full build then reports it as `check` does.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::content::{ContentFiles, MAX_FILE_BYTES, SourceFile, decode};
use crate::inputs::is_markdown;
use crate::model::{Dataset, Kept, RecId, Recommendation, validate_edit};

/// One recommendation as it was before the edit: the record, and its neighbours in its section.
pub(super) struct Before {
    pub rec: Recommendation,
    pub prev: Option<RecId>,
    pub next: Option<RecId>,
}

/// What an edit changed: per id, the recommendation before (`None`: added). An id in neither
/// the dataset after nor here is unchanged.
pub(super) type Changed = BTreeMap<RecId, Option<Before>>;

/// One changed file: where it is in the content, its path as loaded, and what it holds now
/// (`None`: deleted).
struct FileEdit {
    index: Option<usize>,
    path: PathBuf,
    now: Option<SourceFile>,
}

/// Applies the edit of the recommendation files at `paths` (absolute) to `content` and `ds`,
/// when it passes every rule; returns what changed. On `None`, `content`, `ds` and `kept` may
/// be part-way through the edit: the caller builds again from the files.
pub(super) fn apply(
    content: &mut ContentFiles,
    ds: &mut Dataset,
    kept: &mut Kept,
    dir: &Path,
    paths: &[PathBuf],
) -> Option<Changed> {
    let mut edits: Vec<FileEdit> = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        if path.parent() != Some(dir) || !is_markdown(path) {
            return None;
        }
        if seen.insert(path.clone()) {
            edits.push(read(content, dir, path)?);
        }
    }
    // Where each changed file's recommendation was in the dataset.
    let old: Vec<usize> = edits
        .iter()
        .filter(|e| e.index.is_some())
        .map(|e| ds.recommendations.iter().position(|r| r.path == e.path))
        .collect::<Option<_>>()?;
    let shown: Vec<PathBuf> = edits.iter().map(|e| e.path.clone()).collect();
    put_files(content, edits);
    let edited = validate_edit(kept, content, ds, &shown).ok()?;
    // With releases, a recommendation that comes or goes builds in full (a limit the quick path
    // keeps, not a rule: the full build runs the same rules).
    if !ds.history.releases.is_empty() {
        let gone: BTreeSet<&RecId> = old.iter().map(|&p| &ds.recommendations[p].id).collect();
        let new: BTreeSet<&RecId> = edited.recs.iter().map(|r| &r.id).collect();
        if gone != new {
            return None;
        }
    }
    let changed = commit(ds, edited.recs, old);
    ds.thesaurus = edited.thesaurus;
    Some(changed)
}

/// Reads one changed file, by the loader's rules (a link, an oversized or undecodable file goes
/// the full way, where the loader reports it).
fn read(content: &ContentFiles, dir: &Path, path: &Path) -> Option<FileEdit> {
    // The loaded file at this path: same name, in this folder (not one of its subfolders).
    let here = |f: &SourceFile| f.path.file_name() == path.file_name() && in_folder(f, dir);
    let index = content.recommendations.iter().position(here);
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        // Deleted: only a file the last build loaded.
        let index = index?;
        let path = content.recommendations[index].path.clone();
        return Some(FileEdit {
            index: Some(index),
            path,
            now: None,
        });
    };
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
    Some(FileEdit {
        index,
        path: shown,
        now: Some(file),
    })
}

/// Whether the loaded file `f` is in the folder `dir` (canonical), not in one of its subfolders.
fn in_folder(f: &SourceFile, dir: &Path) -> bool {
    let parent = f.path.parent().and_then(|p| p.canonicalize().ok());
    parent.as_deref() == Some(dir)
}

/// Puts the changed files in the content: replaced, deleted, or added at their place by path
/// (as loaded).
fn put_files(content: &mut ContentFiles, edits: Vec<FileEdit>) {
    let mut gone: Vec<usize> = Vec::new();
    let mut new_files = Vec::new();
    for e in edits {
        match (e.index, e.now) {
            (Some(i), Some(file)) => content.recommendations[i] = file,
            (Some(i), None) => gone.push(i),
            (None, Some(file)) => new_files.push(file),
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
}

/// Puts the edit in the dataset (sorted by id): the records at `old` go, `recs` come; returns
/// what changed.
fn commit(ds: &mut Dataset, recs: Vec<Recommendation>, old: Vec<usize>) -> Changed {
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
    for rec in recs {
        insert(ds, &mut changed, rec);
    }
    changed
}

/// Inserts `rec` in the dataset at its place by id; an id not there before is added.
fn insert(ds: &mut Dataset, changed: &mut Changed, rec: Recommendation) {
    changed.entry(rec.id.clone()).or_insert(None);
    let at = ds.recommendations.partition_point(|r| r.id < rec.id);
    ds.recommendations.insert(at, rec);
}
