//! SEARCH: the dataset in, the client-side search index out (files under `search/`, built from
//! the model, never scraped back out of HTML): one index of every recommendation of every
//! report of the site. At our scale one small entry file holds everything; above `SPLIT_ABOVE`
//! documents, postings and texts move to shards and fragments so a query loads only what it
//! needs.

mod cache;
mod client;
mod concern;
mod encode;
mod facets;
mod format;
mod index;
mod indexer;
mod reports;
mod terms;

use std::collections::HashMap;

use crate::model::Urls;
use crate::model::{Dataset, PartySlug, Recommendation, Scope};
use cache::{File, FileCache};
use concern::{Split, party_concerns};
use encode::{shard_postings, varints};
use facets::facets;
use format::{Body, Doc, Entry, Readers, Vocabulary};
use index::DocFields;
use reports::Reports;

pub use crate::model::content_hash;
use crate::text::STOP_WORDS;
pub use client::{ENGINE, Module, PAGE, PageModule, inline_script, page_module};
pub use format::FORMAT_VERSION;
pub use indexer::SearchIndexer;

/// Above this many documents the index is split into shards and fragments.
pub const SPLIT_ABOVE: usize = 1000;
/// Documents per text fragment, when split: a page of results touches up to one fragment per
/// result, so fragments stay small (a gzipped file costs about 0.6 KB before its first
/// document, then about 0.1 KB a document: at 100×, a first page of ten results downloaded
/// 40 KB of fragments of 40, and 21 KB of fragments of 16).
pub const FRAGMENT: usize = 16;
/// Target size of a posting shard, in bytes, when split.
const SHARD_BYTES: usize = 24 * 1024;

/// The data file the search page exports results from (relative to the site root).
pub const DATA_FILE: &str = "data/recommendations.json";
/// The entry file's fields that hold site URLs (`recUrls` and `partyUrls` lists of them): the
/// offline edition makes them relative to the entry file, which sits beside the search page.
pub const URL_FIELDS: [&str; 4] = ["recUrl", "recUrls", "partyUrls", "dataUrl"];

/// The index files, and which one the page must load first.
#[derive(Debug)]
pub struct SearchFiles {
    /// Path (relative to the site root, `search/…`) and content, sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// Path of the entry file.
    pub entry: String,
}

/// Builds the index of every report of the site whose first report is `ds` (its further
/// reports are `ds.further`). `urls` makes the links the page needs: recommendations (a
/// further report's by `Urls::for_report`), Parties' pages and the data file the page exports
/// results from. A one-shot build; [`SearchIndexer`] builds the same again after edits, redoing
/// only what changed.
pub fn build_search_index(ds: &Dataset, urls: &Urls) -> SearchFiles {
    SearchIndexer::default().build(ds, urls)
}

/// What [`SearchIndexer`] computes from documents, for [`assemble`].
struct Parts<'a> {
    vocabulary: &'a Vocabulary,
    /// Encoded posting lists, by stem.
    lists: Vec<String>,
    /// Each document's [`indexer::doc_key`].
    keys: &'a [u128],
    /// How each document concerns each Party.
    concerns: Vec<&'a Split>,
}

/// The name of each scope in the search filters, by scope: the theme's words, which the pages
/// use too, so a scope has one name everywhere. A scope without one is named by its id.
pub type ScopeLabels = Vec<(Scope, String)>;

/// The files, from the index's parts and the rest of the reports. Also returns how many text
/// fragments were written.
fn assemble(
    reports: &Reports,
    parts: Parts,
    scope_labels: &ScopeLabels,
    cache: &mut FileCache,
) -> (SearchFiles, usize) {
    let mut files = Vec::new();
    let first = reports.first();
    let concerns = party_concerns(first.ds.parties.len(), &parts.concerns);
    let recs: Vec<&Recommendation> = reports.docs().map(|(_, r)| r).collect();
    let (pc, pc_file, body) = if recs.len() > SPLIT_ABOVE {
        // How documents concern Parties is needed only once the Party facet is used.
        let pc_file = cache.file("parties", &concerns);
        let body = split_body(&recs, &parts.lists, parts.keys, cache, &mut files);
        let name = pc_file.0.clone();
        files.push(pc_file);
        (None, Some(name), body)
    } else {
        let docs = recs.iter().map(|r| doc(r)).collect();
        let post = parts.lists;
        (Some(concerns), None, Body::Whole { post, docs })
    };
    let frags = match &body {
        Body::Split { frags, .. } => frags.len(),
        Body::Whole { .. } => 0,
    };
    let (table, rec_urls) = reports.table();
    let entry = Entry {
        v: FORMAT_VERSION,
        n: recs.len(),
        rec_url: first.urls.recommendation_pattern(),
        reports: table,
        rec_urls,
        facets: facets(reports, scope_labels),
        vocabulary: parts.vocabulary,
        readers: readers(first.ds, &recs, &first.urls),
        pc,
        pc_file,
        body,
    };
    let entry = cache.file("index", &entry);
    let path = entry.0.clone();
    files.push(entry);
    files.sort();
    (SearchFiles { files, entry: path }, frags)
}

/// Above the split: posting shards and text fragments written to `files`, and where they are.
fn split_body(
    recs: &[&Recommendation],
    lists: &[String],
    keys: &[u128],
    cache: &mut FileCache,
    files: &mut Vec<File>,
) -> Body {
    let shards = shard_postings(lists, SHARD_BYTES);
    let shard_starts = shards.iter().map(|s| s.start).collect();
    let shard_files: Vec<_> = shards
        .into_iter()
        .enumerate()
        .map(|(i, s)| cache.file(&format!("post-{i}"), &&lists[s]))
        .collect();
    let frag_files: Vec<_> = (0..recs.len().div_ceil(FRAGMENT))
        .map(|i| {
            let range = i * FRAGMENT..((i + 1) * FRAGMENT).min(recs.len());
            let docs = || {
                recs[range.clone()]
                    .iter()
                    .map(|r| doc(r))
                    .collect::<Vec<_>>()
            };
            cache.fragment(i, &keys[range.clone()], docs)
        })
        .collect();
    let body = Body::Split {
        shard_starts,
        shards: shard_files.iter().map(|f| f.0.clone()).collect(),
        frag_size: FRAGMENT,
        frags: frag_files.iter().map(|f| f.0.clone()).collect(),
    };
    files.extend(shard_files);
    files.extend(frag_files);
    body
}

/// A document as the page shows it.
fn doc(r: &Recommendation) -> Doc {
    (r.id.to_string(), r.title.clone(), full_text(r))
}

/// Each Party's name, by slug.
type PartyNames<'a> = HashMap<&'a PartySlug, &'a str>;

fn party_names(ds: &Dataset) -> PartyNames<'_> {
    ds.parties
        .iter()
        .map(|p| (&p.slug, p.name.as_str()))
        .collect()
}

/// What is searched in a recommendation (the names of the Parties it names, as `ds.party`
/// finds them, from `party_names`).
fn doc_fields<'a>(names: &PartyNames<'a>, r: &'a Recommendation) -> DocFields<'a> {
    let parties = r.addressees.named_parties().into_iter();
    DocFields {
        title: &r.title,
        parties: parties.filter_map(|p| names.get(p).copied()).collect(),
        body: &r.text,
    }
}

/// The text shown in snippets and searched for phrases: the Committee's text, then footnotes.
fn full_text(r: &Recommendation) -> String {
    let mut text = r.text.clone();
    for f in &r.footnotes {
        text.push_str(&format!(" [{}] {}", f.label, f.text));
    }
    text
}

/// What lets the page understand readers' words: the thesaurus, Parties' other names, Parties'
/// pages, the Convention articles each document (`recs`, every report's) refers to, and the
/// data file to export; the site's own from the first report's `ds`.
fn readers<'a>(ds: &'a Dataset, recs: &[&Recommendation], urls: &Urls) -> Readers<'a> {
    let party_index = |slug| ds.parties.iter().position(|p| &p.slug == slug);
    // Articles by number only: "20(1)(a)" and "20(2)" both refer to Article 20.
    let article = |a: &String| a.split('(').next().unwrap_or(a).to_string();
    let mut articles: Vec<String> = recs
        .iter()
        .flat_map(|r| r.references.articles.iter().map(article))
        .collect();
    articles.sort_by_key(|a| (a.len(), a.clone()));
    articles.dedup();
    let per_doc = recs.iter().flat_map(|r| {
        let mut own: Vec<u32> = r
            .references
            .articles
            .iter()
            .filter_map(|a| articles.iter().position(|x| *x == article(a)))
            .map(|i| i as u32)
            .collect();
        own.sort_unstable();
        own.dedup();
        std::iter::once(own.len() as u32).chain(own)
    });
    Readers {
        stop: STOP_WORDS,
        thes: ds
            .thesaurus
            .terms
            .iter()
            .map(|t| (&t.reader[..], &t.committee[..]))
            .collect(),
        aliases: ds
            .thesaurus
            .aliases
            .iter()
            .filter_map(|(slug, alias)| Some((party_index(slug)? as u32, alias.as_str())))
            .collect(),
        party_urls: ds.parties.iter().map(|p| urls.party(&p.slug)).collect(),
        data_url: urls.at(DATA_FILE),
        da: varints(per_doc),
        art: articles,
    }
}
