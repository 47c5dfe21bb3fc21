//! SEARCH: the dataset in, the client-side search index out (files under `search/`, built from
//! the model, never scraped back out of HTML). At our scale one small entry file holds
//! everything; above `SPLIT_ABOVE` documents, postings and texts move to shards and fragments so
//! a query loads only what it needs.

mod encode;
mod index;
mod text;

use serde_json::{Value, json};

use crate::graph::Urls;
use crate::model::{Completeness, Dataset, Recommendation};
use encode::{encode_postings, hashed_file, shard_postings, varints, vocabulary};
use index::{DocFields, build_index};

pub use encode::content_hash;
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
    let mut entry = metadata(ds, &urls.recommendation_pattern());
    merge(&mut entry, vocabulary(&index));
    merge(&mut entry, reader_words(ds, urls));
    let docs: Vec<Value> = ds
        .recommendations
        .iter()
        .map(|r| json!([r.id.to_string(), r.title, full_text(r)]))
        .collect();
    let mut files = Vec::new();
    if ds.recommendations.len() <= SPLIT_ABOVE {
        let post: Vec<String> = index.postings.iter().map(|p| encode_postings(p)).collect();
        merge(&mut entry, json!({ "post": post, "docs": docs }));
    } else {
        // Designated Parties per document are needed only once the Party facet is used.
        let parties = hashed_file("parties", &entry["dp"]);
        entry.as_object_mut().expect("an object").remove("dp");
        merge(&mut entry, json!({ "dpFile": parties.0 }));
        files.push(parties);
        let shards = shard_postings(&index, SHARD_BYTES);
        let starts: Vec<usize> = shards.iter().map(|s| s.0).collect();
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
        merge(
            &mut entry,
            json!({
                "shardStarts": starts,
                "shards": shard_files.iter().map(|f| &f.0).collect::<Vec<_>>(),
                "fragSize": FRAGMENT,
                "frags": frag_files.iter().map(|f| &f.0).collect::<Vec<_>>(),
            }),
        );
        files.extend(shard_files);
        files.extend(frag_files);
    }
    let entry_file = hashed_file("index", &entry);
    let entry_path = entry_file.0.clone();
    files.push(entry_file);
    files.sort();
    SearchFiles {
        files,
        entry: entry_path,
    }
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

/// Facet data: per document, its level, scope, list status and designated Parties.
fn metadata(ds: &Dataset, rec_url: &str) -> Value {
    let recs = &ds.recommendations;
    let digit = |n: usize| char::from(b'0' + n as u8);
    let status = |r: &Recommendation| match r.addressees.completeness() {
        Completeness::Complete => 0,
        Completeness::Partial => 1,
        Completeness::Unknown => 2,
    };
    // A map, not a search per name: 11,100 recommendations × up to 43 names at 100×.
    let index: std::collections::HashMap<&crate::model::PartySlug, u32> = ds
        .parties
        .iter()
        .zip(0..)
        .map(|(p, i)| (&p.slug, i))
        .collect();
    let party_index = |slug: &crate::model::PartySlug| index[slug];
    let designated = recs.iter().flat_map(|r| {
        let named: Vec<u32> = r
            .addressees
            .named_parties()
            .into_iter()
            .map(party_index)
            .collect();
        std::iter::once(named.len() as u32).chain(named)
    });
    let count = |s| recs.iter().filter(|r| &r.id.section == s).count();
    json!({
        "v": 1,
        "n": recs.len(),
        "recUrl": rec_url,
        "levels": ds.levels.iter().map(|l| [l.level.as_str(), l.label.as_str()]).collect::<Vec<_>>(),
        "scopes": ds.concerns.iter().map(|c| [c.scope.as_str(), c.label.as_str()]).collect::<Vec<_>>(),
        "sections": ds.sections.iter().map(|s| json!([s.id.as_str(), s.title, count(&s.id)])).collect::<Vec<_>>(),
        "parties": ds.parties.iter().map(|p| [p.slug.as_str(), p.name.as_str()]).collect::<Vec<_>>(),
        "lv": recs.iter().map(|r| digit(r.level as usize)).collect::<String>(),
        "sc": recs.iter().map(|r| digit(r.addressees.scope as usize)).collect::<String>(),
        "ls": recs.iter().map(|r| digit(status(r))).collect::<String>(),
        "dp": varints(designated),
        "stop": STOP_WORDS,
    })
}

/// What lets the page understand readers' words: the thesaurus, Parties' other names, Parties'
/// pages, the Convention articles each recommendation refers to, and the data file to export.
fn reader_words(ds: &Dataset, urls: &Urls) -> Value {
    let thesaurus: Vec<_> = ds
        .thesaurus
        .terms
        .iter()
        .map(|t| json!([t.reader, t.committee]))
        .collect();
    let party_index = |slug| ds.parties.iter().position(|p| &p.slug == slug);
    let aliases: Vec<_> = ds
        .thesaurus
        .aliases
        .iter()
        .filter_map(|(slug, alias)| Some(json!([party_index(slug)?, alias])))
        .collect();
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
    json!({
        "thes": thesaurus,
        "aliases": aliases,
        "partyUrls": ds.parties.iter().map(|p| urls.party(&p.slug)).collect::<Vec<_>>(),
        "dataUrl": urls.at(DATA_FILE),
        "art": articles,
        "da": varints(per_doc),
    })
}

fn merge(into: &mut Value, from: Value) {
    if let (Value::Object(a), Value::Object(b)) = (into, from) {
        a.extend(b);
    }
}
