//! The reusable index builder: a dataset (with its further reports) in, the same files as a
//! one-shot build out, while
//! keeping between builds what depends on one document only (its terms, keyed by a hash of
//! everything of it the index reads) and the files written last time. A rebuild analyses the
//! documents that changed, then recomputes postings over all documents from numbers (BM25
//! weights depend on the average length of all of them).

use std::collections::{HashMap, HashSet};
use std::hash::Hash;

use siphasher::sip128::{Hasher128, SipHasher13};

use super::cache::FileCache;
use super::concern::{PartyIndex, Split, party_index};
use super::index::postings;
use super::reports::Reports;
use super::terms::{DocTerms, Terms};
use super::{Parts, ScopeLabels, SearchFiles, assemble, doc_fields, party_names};
use crate::model::Urls;
use crate::model::{Dataset, Recommendation};

/// Builds the search index again and again, redoing only what changed.
///
/// `SearchIndexer::default().build(ds, urls)` is a full build; calling `build` again on the same
/// indexer after an edit gives byte for byte what a fresh one would, analysing only the
/// documents whose title, text, footnotes, id, report or named Parties changed. It keeps what
/// the last build needed and nothing more: documents gone are forgotten.
#[derive(Default)]
pub struct SearchIndexer {
    terms: Terms,
    /// What each live document gives the index, by [`doc_key`].
    docs: HashMap<u128, Doc>,
    /// A hash of every Party's slug and name, in order, and of the Parties that joined after
    /// each report was adopted, when `docs` were analysed: documents are keyed by the slugs
    /// they name, while a Party's name is searched in them, its position numbers it and its
    /// joining sets how a lost list of that report concerns it.
    parties: u128,
    files: FileCache,
    /// The name of each scope, as the site's pages give it (see [`Self::set_scope_labels`]).
    scope_labels: ScopeLabels,
}

/// What the index needs of one document, from its fields alone.
struct Doc {
    terms: DocTerms,
    /// How it concerns each Party.
    split: Split,
}

impl SearchIndexer {
    /// Names the scopes in the index's filters as the pages name them (the theme's words);
    /// until then a scope is named by its id.
    pub fn set_scope_labels(&mut self, labels: ScopeLabels) {
        self.scope_labels = labels;
    }

    /// The index of `ds` (see [`super::build_search_index`]).
    pub fn build(&mut self, ds: &Dataset, urls: &Urls) -> SearchFiles {
        let index = party_index(ds);
        let reports = Reports::of(ds, urls, &index);
        let names: Vec<_> = ds.parties.iter().map(|p| (&p.slug, &p.name)).collect();
        let late: Vec<&Vec<u32>> = reports.all().iter().map(|r| &r.late).collect();
        let parties = sip((names, late));
        if parties != self.parties {
            (self.parties, self.terms, self.docs) = (parties, Terms::default(), HashMap::new());
        }
        let all = reports.all();
        let keys: Vec<u128> = (reports.docs())
            .map(|(k, r)| doc_key(all[k].slug, r))
            .collect();
        self.update(&reports, &index, &keys);
        let docs: Vec<&Doc> = keys.iter().map(|k| &self.docs[k]).collect();
        let terms: Vec<&DocTerms> = docs.iter().map(|d| &d.terms).collect();
        let lists = postings(&terms, self.terms.sorted());
        self.files.start();
        let parts = Parts {
            vocabulary: &self.terms.sorted().vocabulary,
            lists,
            keys: &keys,
            concerns: docs.iter().map(|d| &d.split).collect(),
        };
        let (files, frags) = assemble(&reports, parts, &self.scope_labels, &mut self.files);
        self.files.finish(frags);
        files
    }

    /// Analyses the documents not seen before and forgets those gone.
    fn update(&mut self, reports: &Reports, index: &PartyIndex, keys: &[u128]) {
        let names = party_names(reports.first().ds);
        for ((k, r), key) in reports.docs().zip(keys) {
            if !self.docs.contains_key(key) {
                let terms = self.terms.analyse(&doc_fields(&names, r));
                // Counted before the documents gone are uncounted, so a word they share
                // never looks gone.
                self.terms.hold(&terms, 1);
                let split = Split::of(r, index, &reports.all()[k].late);
                self.docs.insert(*key, Doc { terms, split });
            }
        }
        let live: HashSet<u128> = keys.iter().copied().collect();
        let terms = &mut self.terms;
        self.docs.retain(|key, d| {
            let keep = live.contains(key);
            if !keep {
                terms.hold(&d.terms, -1);
            }
            keep
        });
        if self.terms.wasteful() {
            let (map, fresh) = self.terms.compacted();
            self.docs.values_mut().for_each(|d| map.apply(&mut d.terms));
            self.terms = fresh;
        }
    }

    /// How many documents' terms are kept (for tests: documents gone must not be).
    #[cfg(test)]
    pub(super) fn kept(&self) -> usize {
        self.docs.len()
    }

    /// How many words are numbered, live or not (for tests: bounded by the live ones).
    #[cfg(test)]
    pub(super) fn numbered_words(&self) -> usize {
        self.terms.numbered()
    }
}

/// A hash of everything of `r`, of the report `report`, the index reads: its report (ids are
/// unique within a report only, and a report's adoption date sets how a lost list concerns a
/// Party), id, title, text and footnotes, the Parties it names (their names and numbers are
/// the same while [`SearchIndexer::parties`] is), its scope and how complete its lists are.
fn doc_key(report: &str, r: &Recommendation) -> u128 {
    let a = &r.addressees;
    let lists = a.lists.iter().map(|l| {
        let named: Vec<_> = l.parties.iter().map(|a| &a.party).collect();
        (named, l.completeness.as_str())
    });
    let footnotes = r.footnotes.iter().map(|f| (&f.label, &f.text));
    sip((
        (report, &r.id, &r.title, &r.text),
        footnotes.collect::<Vec<_>>(),
        (a.scope, lists.collect::<Vec<_>>()),
    ))
}

/// SipHash-1-3, 128 bits: a collision is not a practical concern.
fn sip(value: impl Hash) -> u128 {
    let mut h = SipHasher13::new();
    value.hash(&mut h);
    h.finish128().as_u128()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::model::{Completeness, Scope};
    use crate::search::{SPLIT_ABOVE, build_search_index};

    fn small() -> Dataset {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        crate::load_dataset(&root.join("tests/fixtures/site-small/content")).unwrap()
    }

    /// The small fixture repeated past the split, renumbered, each copy's text made its own.
    fn large() -> Dataset {
        let mut ds = small();
        let base = ds.recommendations.clone();
        let mut n = 0;
        while ds.recommendations.len() <= SPLIT_ABOVE + 40 {
            n += 1;
            for r in &base {
                let mut copy = r.clone();
                copy.id = r.id.with_number(r.id.number + 100 * n);
                copy.text.push_str(&format!(" copy{n}"));
                ds.recommendations.push(copy);
            }
        }
        ds.recommendations.sort_by(|a, b| a.id.cmp(&b.id));
        ds
    }

    /// The serving engine may keep an indexer across threads.
    const _: fn() = || {
        fn shareable<T: Send + Sync>() {}
        shareable::<SearchIndexer>();
    };

    fn urls() -> Urls {
        Urls::parse("/lanzarote/").unwrap()
    }

    /// Applies each edit in turn and checks the reused indexer against a fresh build.
    fn check_edits(mut ds: Dataset, edits: &[&dyn Fn(&mut Dataset)]) {
        let mut indexer = SearchIndexer::default();
        let first = indexer.build(&ds, &urls());
        assert_eq!(first.files, build_search_index(&ds, &urls()).files);
        for (i, edit) in edits.iter().enumerate() {
            let before = indexer.build(&ds, &urls()).files;
            edit(&mut ds);
            let reused = indexer.build(&ds, &urls());
            let fresh = build_search_index(&ds, &urls());
            assert_eq!(reused.entry, fresh.entry, "edit {i}");
            assert!(reused.files == fresh.files, "edit {i}: files differ");
            assert!(
                before != fresh.files,
                "edit {i} changed nothing: a vacuous check"
            );
            assert_eq!(indexer.kept(), distinct_docs(&ds), "edit {i}");
        }
    }

    fn distinct_docs(ds: &Dataset) -> usize {
        let keys: HashSet<u128> = ds
            .recommendations
            .iter()
            .map(|r| doc_key(crate::model::reports::FIRST_REPORT, r))
            .collect();
        keys.len()
    }

    fn body(ds: &mut Dataset) {
        ds.recommendations[1].text.push_str(" safeguarding newword");
    }
    fn title(ds: &mut Dataset) {
        ds.recommendations[2].title = "Helplines for everyone".into();
    }
    fn delete(ds: &mut Dataset) {
        ds.recommendations.remove(0);
    }
    fn add(ds: &mut Dataset) {
        let mut r = ds.recommendations[0].clone();
        r.id.number += 500;
        r.text = "An added recommendation about grooming online".into();
        ds.recommendations.push(r);
    }
    fn reorder(ds: &mut Dataset) {
        let last = ds.recommendations.len() - 1;
        ds.recommendations.swap(0, last);
    }
    fn footnote(ds: &mut Dataset) {
        let r = ds
            .recommendations
            .iter_mut()
            .find(|r| !r.footnotes.is_empty());
        r.expect("the fixture has a footnote").footnotes[0]
            .text
            .push_str(" edited");
    }

    /// A Party some recommendation names is renamed: its name is searched in that document.
    fn rename_party(ds: &mut Dataset) {
        let named = ds.recommendations.iter().find_map(|r| {
            let named = r.addressees.named_parties();
            named.first().map(|p| (*p).clone())
        });
        let named = named.expect("the fixture names a Party");
        let party = ds.parties.iter_mut().find(|p| p.slug == named).unwrap();
        party.name = "Renamedland".into();
    }

    /// The Parties a recommendation names.
    fn named(ds: &mut Dataset) {
        let r = ds
            .recommendations
            .iter_mut()
            .find(|r| !r.addressees.lists.is_empty());
        let a = &mut r.expect("the fixture designates Parties").addressees;
        a.lists[0].parties.truncate(1);
    }

    /// Whether a list of Parties is complete (and nothing else).
    fn completeness(ds: &mut Dataset) {
        let r = ds
            .recommendations
            .iter_mut()
            .find(|r| !r.addressees.lists.is_empty());
        let list = &mut r.expect("the fixture designates Parties").addressees.lists[0];
        list.completeness = match list.completeness {
            Completeness::Complete => Completeness::Partial,
            _ => Completeness::Complete,
        };
    }

    /// The scope of a recommendation that names no Party (and nothing else).
    fn scope(ds: &mut Dataset) {
        let r = ds
            .recommendations
            .iter_mut()
            .find(|r| r.addressees.lists.is_empty());
        let a = &mut r.expect("the fixture has one for all Parties").addressees;
        a.scope = if a.scope == Scope::All {
            Scope::Open
        } else {
            Scope::All
        };
    }

    const EDITS: [&dyn Fn(&mut Dataset); 10] = [
        &body,
        &title,
        &delete,
        &add,
        &reorder,
        &footnote,
        &rename_party,
        &named,
        &completeness,
        &scope,
    ];

    #[test]
    fn a_reused_indexer_builds_what_a_fresh_one_does_after_each_edit() {
        check_edits(small(), &EDITS);
    }

    #[test]
    fn above_the_split_too() {
        let ds = large();
        assert!(ds.recommendations.len() > SPLIT_ABOVE);
        check_edits(ds, &EDITS);
    }

    #[test]
    fn documents_gone_are_forgotten() {
        let mut ds = small();
        let mut indexer = SearchIndexer::default();
        indexer.build(&ds, &urls());
        assert_eq!(indexer.kept(), ds.recommendations.len());
        ds.recommendations.truncate(2);
        indexer.build(&ds, &urls());
        assert_eq!(indexer.kept(), 2);
        ds.recommendations.clear();
        let empty = indexer.build(&ds, &urls());
        assert_eq!(indexer.kept(), 0);
        assert_eq!(empty.files, build_search_index(&ds, &urls()).files);
    }

    /// Each rebuild brings words no other document has; the words gone are dropped from the
    /// numbering once they outnumber the live ones, and the index stays the same as a fresh one.
    #[test]
    fn words_gone_do_not_pile_up() {
        let mut ds = small();
        let mut indexer = SearchIndexer::default();
        for round in 0..12 {
            let words: Vec<String> = (0..300).map(|i| format!("w{round}x{i}")).collect();
            ds.recommendations[0].text = words.join(" ");
            let reused = indexer.build(&ds, &urls());
            assert!(
                indexer.numbered_words() <= 2 * 1024 + 300,
                "{}",
                indexer.numbered_words()
            );
            assert!(
                reused.files == build_search_index(&ds, &urls()).files,
                "round {round}"
            );
        }
    }
}
