//! SEARCH: the dataset in, the client-side search index out (files under `search/`, built from
//! the model, never scraped back out of HTML). At our scale one small entry file holds
//! everything; above `SPLIT_ABOVE` documents, postings and texts move to shards and fragments so
//! a query loads only what it needs.

mod client;
mod concern;
mod encode;
mod format;
mod index;
mod text;

use crate::graph::Urls;
use crate::model::{Dataset, Recommendation};
use concern::{code_table, concern_codes, party_concerns, per_doc};
use encode::{encode_postings, hashed_file, shard_postings, varints, vocabulary};
use format::{Body, Doc, Entry, Facets, Readers};
use index::{DocFields, build_index};

pub use client::{ENGINE, PAGE, PageModule, inline_script, page_module};
pub use encode::content_hash;
pub use format::FORMAT_VERSION;
pub use text::{STOP_WORDS, is_stop_word, tokenize};

/// Above this many documents the index is split into shards and fragments.
pub const SPLIT_ABOVE: usize = 1000;
/// Documents per text fragment, when split: a page of results touches up to one fragment per
/// result, so fragments stay small.
const FRAGMENT: usize = 40;
/// Target size of a posting shard, in bytes, when split.
const SHARD_BYTES: usize = 24 * 1024;

/// The data file the search page exports results from (relative to the site root).
pub const DATA_FILE: &str = "data/recommendations.json";
/// The entry file's fields that hold site URLs (`partyUrls` a list of them): the offline
/// edition makes them relative to the entry file, which sits beside the search page.
pub const URL_FIELDS: [&str; 3] = ["recUrl", "partyUrls", "dataUrl"];

/// The index files, and which one the page must load first.
#[derive(Debug)]
pub struct SearchFiles {
    /// Path (relative to the site root, `search/…`) and content, sorted by path.
    pub files: Vec<(String, Vec<u8>)>,
    /// Path of the entry file.
    pub entry: String,
}

/// Builds the index. `urls` makes the links the page needs: recommendations, Parties' pages and
/// the data file the page exports results from.
pub fn build_search_index(ds: &Dataset, urls: &Urls) -> SearchFiles {
    let fields: Vec<DocFields> = ds
        .recommendations
        .iter()
        .map(|r| doc_fields(ds, r))
        .collect();
    let index = build_index(&fields);
    let docs: Vec<Doc> = ds
        .recommendations
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone(), full_text(r)))
        .collect();
    let mut files = Vec::new();
    let concerns = party_concerns(ds);
    let split = ds.recommendations.len() > SPLIT_ABOVE;
    let (pc, pc_file, body) = if split {
        // How documents concern Parties is needed only once the Party facet is used.
        let pc_file = hashed_file("parties", &concerns);
        let body = split_body(&index, &docs, &mut files);
        let name = pc_file.0.clone();
        files.push(pc_file);
        (None, Some(name), body)
    } else {
        let post = index.postings.iter().map(|p| encode_postings(p)).collect();
        (Some(concerns), None, Body::Whole { post, docs })
    };
    let entry = Entry {
        v: FORMAT_VERSION,
        n: ds.recommendations.len(),
        rec_url: urls.recommendation_pattern(),
        facets: facets(ds),
        vocabulary: vocabulary(&index),
        readers: readers(ds, urls),
        pc,
        pc_file,
        body,
    };
    let entry_file = hashed_file("index", &entry);
    let entry_path = entry_file.0.clone();
    files.push(entry_file);
    files.sort();
    SearchFiles {
        files,
        entry: entry_path,
    }
}

/// Above the split: posting shards and text fragments written to `files`, and where they are.
fn split_body(index: &index::Index, docs: &[Doc], files: &mut Vec<(String, Vec<u8>)>) -> Body {
    let shards = shard_postings(index, SHARD_BYTES);
    let shard_starts = shards.iter().map(|s| s.0).collect();
    let shard_files: Vec<_> = shards
        .iter()
        .enumerate()
        .map(|(i, s)| hashed_file(&format!("post-{i}"), &s.1))
        .collect();
    let frag_files: Vec<_> = docs
        .chunks(FRAGMENT)
        .enumerate()
        .map(|(i, c)| hashed_file(&format!("docs-{i}"), &c))
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

/// What is searched in a recommendation.
fn doc_fields<'a>(ds: &'a Dataset, r: &'a Recommendation) -> DocFields<'a> {
    let parties = r
        .addressees
        .named_parties()
        .into_iter()
        .filter_map(|p| ds.party(p))
        .map(|p| p.name.as_str());
    DocFields {
        title: &r.title,
        parties: parties.collect(),
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

/// Facet tables and each document's values, as codes.
fn facets(ds: &Dataset) -> Facets<'_> {
    let recs = &ds.recommendations;
    let levels: Vec<_> = ds
        .levels
        .iter()
        .map(|l| (l.level, l.level.as_str(), l.label.as_str()))
        .collect();
    let scopes: Vec<_> = ds
        .concerns
        .iter()
        .map(|c| (c.scope, c.scope.as_str(), c.label.as_str()))
        .collect();
    let count = |s| recs.iter().filter(|r| &r.id.section == s).count();
    Facets {
        levels: code_table(&levels),
        scopes: code_table(&scopes),
        concerns: concern_codes(),
        sections: ds
            .sections
            .iter()
            .map(|s| (s.id.as_str(), s.title.as_str(), count(&s.id)))
            .collect(),
        parties: ds
            .parties
            .iter()
            .map(|p| (p.slug.as_str(), p.name.as_str()))
            .collect(),
        lv: per_doc(&levels, recs.iter().map(|r| r.level)),
        sc: per_doc(&scopes, recs.iter().map(|r| r.addressees.scope)),
    }
}

/// What lets the page understand readers' words: the thesaurus, Parties' other names, Parties'
/// pages, the Convention articles each recommendation refers to, and the data file to export.
fn readers<'a>(ds: &'a Dataset, urls: &Urls) -> Readers<'a> {
    let party_index = |slug| ds.parties.iter().position(|p| &p.slug == slug);
    // Articles by number only: "20(1)(a)" and "20(2)" both refer to Article 20.
    let article = |a: &String| a.split('(').next().unwrap_or(a).to_string();
    let mut articles: Vec<String> = ds
        .recommendations
        .iter()
        .flat_map(|r| r.references.articles.iter().map(article))
        .collect();
    articles.sort_by_key(|a| (a.len(), a.clone()));
    articles.dedup();
    let per_doc = ds.recommendations.iter().flat_map(|r| {
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
