//! RELEASES: the release folders and draft note read by `content::releases`, and the working
//! recommendation files, in; out, the [`History`]: each release with its note and date and what
//! changed since the one before, plus the diagnostics of the release rules (see `rules`).
//! Nothing here reads the clock: a release's date is the one its note records.

pub(crate) mod record;
mod rules;
pub(crate) mod state;
pub(crate) mod version;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Deserialize;

use crate::content::raw::S;
use crate::content::releases::ReleaseFiles;
use crate::content::{ContentFiles, SourceFile, parse_toml, split_front_matter};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::validate::id_scheme;
use crate::model::{IdScheme, RecId};
pub(crate) use rules::{check_note_markdown, check_note_names};
pub(crate) use state::{Field, RecState};
pub(crate) use version::Version;

/// Front matter of `releases/<version>/release.md`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelease {
    version: S,
    date: S,
}

/// One recorded release.
#[derive(Debug, Clone)]
pub struct Release {
    pub version: Version,
    /// `YYYY-MM-DD`, as the note records it.
    pub date: String,
    /// The maintainer's note, Markdown.
    pub note: String,
    pub note_path: PathBuf,
    /// The recommendations as released, by id.
    pub recs: BTreeMap<RecId, RecState>,
}

/// One recommendation that differs between two states.
#[derive(Debug, Clone)]
pub struct Change {
    pub id: RecId,
    /// The fields that differ; every field when the recommendation is new or gone.
    pub fields: Vec<Field>,
    pub before: Option<RecState>,
    pub after: Option<RecState>,
}

/// Every release, oldest first, each with its changes since the one before (none for the first).
#[derive(Debug, Clone, Default)]
pub struct History {
    pub releases: Vec<(Release, Vec<Change>)>,
    /// In a preview ([`Unannounced::Warn`]): the warnings for the recommendations that changed
    /// since the last release and that the draft note does not name yet. Empty otherwise.
    pub unannounced: Vec<Diagnostic>,
}

/// What a changed recommendation the draft note does not name does to a run. Publishing
/// (`check`, `build`, `release`) refuses it; a preview (`serve`) shows the change at once and
/// warns that the note must name it before it is published.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Unannounced {
    /// An error: the run fails.
    #[default]
    Refuse,
    /// A warning, kept in [`History::unannounced`]: the run goes on.
    Warn,
}

impl History {
    /// The last release, if any.
    pub fn last(&self) -> Option<&Release> {
        self.releases.last().map(|(r, _)| r)
    }

    /// The versions of the releases that changed `id`, oldest first. Called once per
    /// recommendation page: each release's changes are in id order ([`compare`]), so it is a
    /// binary search, not a scan.
    pub fn changed_in(&self, id: &RecId) -> Vec<&Version> {
        self.releases
            .iter()
            .filter(|(_, changes)| changes.binary_search_by(|c| c.id.cmp(id)).is_ok())
            .map(|(r, _)| &r.version)
            .collect()
    }
}

/// The releases read, the rules on the working content still to run: reading needs nothing
/// but the files, so it runs beside the validation of the working content.
pub(crate) struct StartedHistory {
    history: History,
    diags: Diagnostics,
    parsed: Parsed,
}

/// Reads the releases in `files`; [`StartedHistory::finish`] then checks the release rules
/// against the working content.
pub(crate) fn start_history(files: &ContentFiles) -> StartedHistory {
    let (mut diags, mut parsed) = (Diagnostics::default(), Parsed::default());
    let history = read_history_with(files, &mut diags, &mut parsed);
    // The draft is published as it stands when it is released: its links are checked now.
    // (`recpub release` checks the note it is given itself.)
    if let Some(draft) = &files.draft_note {
        check_note_markdown(draft, 0, &draft.text, &mut diags);
    }
    StartedHistory {
        history,
        diags,
        parsed,
    }
}

impl StartedHistory {
    /// Checks the release rules against the working content, whose diagnostics `diags` holds.
    /// Problems are pushed to `diags`; the history holds every release that could be read. The
    /// working content is compared only when it has no other error, as the thesaurus is: a
    /// broken file (already reported) must not also look changed. `unannounced` says whether a
    /// change the draft note does not name is an error or a warning kept in the history.
    pub(crate) fn finish(
        mut self,
        files: &ContentFiles,
        diags: &mut Diagnostics,
        unannounced: Unannounced,
    ) -> History {
        let clean = diags.error_count() == 0;
        diags.0.extend(self.diags.0);
        if let (Some(last), true) = (self.history.last(), clean) {
            let mut ignored = Diagnostics::default();
            let ids = id_scheme(files);
            let working =
                read_states_with(&files.recommendations, &ids, &mut ignored, &mut self.parsed);
            let unnamed = rules::check_working(files, last, &working, &ids, diags);
            match unannounced {
                Unannounced::Refuse => diags.0.extend(unnamed),
                Unannounced::Warn => {
                    let warned = unnamed.into_iter().map(|d| Diagnostic {
                        severity: Severity::Warning,
                        ..d
                    });
                    self.history.unannounced = Diagnostics(warned.collect()).sorted().0;
                }
            }
        }
        self.history
    }
}

/// Recommendation states by file text: a file unchanged from one release to the next (most of
/// them) is parsed once, and the working files, when they are as last released, not at all.
#[derive(Default)]
pub(crate) struct Parsed(HashMap<String, RecState>);

/// The releases in `files`, without the rules on the working content (`recpub release` applies
/// its own).
pub(crate) fn read_history(files: &ContentFiles, diags: &mut Diagnostics) -> History {
    read_history_with(files, diags, &mut Parsed::default())
}

fn read_history_with(
    files: &ContentFiles,
    diags: &mut Diagnostics,
    parsed: &mut Parsed,
) -> History {
    let ids = id_scheme(files);
    let mut releases: Vec<Release> = files
        .releases
        .iter()
        .filter_map(|r| read_release(r, &ids, diags, parsed))
        .collect();
    releases.sort_by(|a, b| a.version.cmp(&b.version));
    rules::check_dates(&releases, diags);
    let mut history = History::default();
    let mut prev: Option<&Release> = None;
    for r in &releases {
        let changes = prev.map_or_else(Vec::new, |p| compare(&p.recs, &r.recs));
        history.releases.push((r.clone(), changes));
        prev = Some(r);
    }
    history
}

/// The release rule on the working content after an edit (`serve`'s quick rebuilds): the check
/// a full validation finishes with ([`StartedHistory::finish`]), the edition's errors pushed to
/// `diags`, an error returned for each changed recommendation the draft note does not name.
/// `parsed` keeps the states of the files read before, so only changed files are parsed again.
pub(crate) fn check_edit(
    files: &ContentFiles,
    history: &History,
    parsed: &mut Parsed,
    diags: &mut Diagnostics,
) -> Vec<Diagnostic> {
    let Some(last) = history.last() else {
        return Vec::new();
    };
    let ids = id_scheme(files);
    let working = read_states_with(
        &files.recommendations,
        &ids,
        &mut Diagnostics::default(),
        parsed,
    );
    // Only the files as they are now stay: the cache does not grow with every edit.
    let texts: std::collections::HashSet<&str> = files
        .recommendations
        .iter()
        .map(|f| f.text.as_str())
        .collect();
    parsed.0.retain(|text, _| texts.contains(text.as_str()));
    rules::check_working(files, last, &working, &ids, diags)
}

/// The changes from `before` to `after`, in id order.
pub(crate) fn compare(
    before: &BTreeMap<RecId, RecState>,
    after: &BTreeMap<RecId, RecState>,
) -> Vec<Change> {
    let mut ids: Vec<&RecId> = before.keys().chain(after.keys()).collect();
    ids.sort();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let (b, a) = (before.get(id), after.get(id));
            let fields = match (b, a) {
                (Some(b), Some(a)) => b.changed_fields(a),
                _ => Field::ALL.to_vec(),
            };
            (!fields.is_empty()).then(|| Change {
                id: id.clone(),
                fields,
                before: b.cloned(),
                after: a.cloned(),
            })
        })
        .collect()
}

/// The recommendations of `files` keyed by id (files that cannot be read are reported), parsed
/// on all cores: a build reads every snapshot's files.
pub(crate) fn read_states(
    files: &[SourceFile],
    ids: &IdScheme,
    diags: &mut Diagnostics,
) -> BTreeMap<RecId, RecState> {
    read_states_with(files, ids, diags, &mut Parsed::default())
}

fn read_states_with(
    files: &[SourceFile],
    ids: &IdScheme,
    diags: &mut Diagnostics,
    parsed: &mut Parsed,
) -> BTreeMap<RecId, RecState> {
    let new: Vec<&SourceFile> = files
        .iter()
        .filter(|f| !parsed.0.contains_key(&f.text))
        .collect();
    let read: Vec<(&SourceFile, Option<RecState>, Diagnostics)> = new
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::default();
            (*f, RecState::read(f, &mut d), d)
        })
        .collect();
    for (f, state, d) in read {
        diags.0.extend(d.0);
        if let Some(s) = state {
            parsed.0.insert(f.text.clone(), s);
        }
    }
    files
        .iter()
        .filter_map(|f| {
            let s = parsed.0.get(&f.text)?;
            Some((ids.rec(&s.id)?, s.clone()))
        })
        .collect()
}

fn read_release(
    files: &ReleaseFiles,
    ids: &IdScheme,
    diags: &mut Diagnostics,
    parsed: &mut Parsed,
) -> Option<Release> {
    let note = files.note.as_ref()?;
    let fm = match split_front_matter(&note.text) {
        Ok(fm) => fm,
        Err(e) => {
            diags.push(note.error_at(e.offset, e.message));
            return None;
        }
    };
    let raw: RawRelease = parse_toml(note, fm.toml, fm.toml_offset, diags)?;
    let version = rules::check_header(
        note,
        fm.toml_offset,
        &raw.version,
        &raw.date,
        &files.folder,
        diags,
    )?;
    check_note_markdown(note, fm.body_offset, fm.body, diags);
    check_tables(files, diags);
    Some(Release {
        version,
        date: raw.date.into_inner(),
        note: fm.body.trim().to_string(),
        note_path: note.path.clone(),
        recs: read_states_with(&files.recommendations, ids, diags, parsed),
    })
}

/// A snapshot's tables (`legend.toml`, `sections.toml`, `parties.toml`) are read with the
/// loaders of the content's own (TOML, then the same fields), errors located in the snapshot's
/// file; like its recommendations, they are not held to today's other rules.
fn check_tables(files: &ReleaseFiles, diags: &mut Diagnostics) {
    use crate::content::raw::{RawLegend, RawParties, RawSections};
    for table in &files.tables {
        let name = table.path.file_name().map(|n| n.to_string_lossy());
        let text = &table.text;
        match name.as_deref() {
            Some("legend.toml") => parse_toml::<RawLegend>(table, text, 0, diags).map(drop),
            Some("sections.toml") => parse_toml::<RawSections>(table, text, 0, diags).map(drop),
            Some("parties.toml") => parse_toml::<RawParties>(table, text, 0, diags).map(drop),
            _ => None,
        };
    }
}
