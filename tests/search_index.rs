//! The search index as `build` writes it: one small hashed file at the real scale, shards and
//! fragments above it, deterministic, and built from the model (every recommendation and its
//! facets are in it).

mod common;

use recpub::graph::Urls;
use recpub::model::{Dataset, RecId};
use recpub::search::{SPLIT_ABOVE, build_search_index};
use serde_json::Value;

fn dataset() -> Dataset {
    recpub::load_dataset(&common::root().join("content")).unwrap()
}

/// The real dataset repeated `times` over, renumbered within each section.
fn scaled(times: u32) -> Dataset {
    let mut ds = dataset();
    let base = ds.recommendations.clone();
    for k in 1..times {
        for r in &base {
            let count = base.iter().filter(|x| x.id.section == r.id.section).count() as u32;
            let mut copy = r.clone();
            copy.id = RecId {
                section: r.id.section.clone(),
                number: r.id.number + k * count,
            };
            ds.recommendations.push(copy);
        }
    }
    ds.recommendations.sort_by(|a, b| a.id.cmp(&b.id));
    ds
}

fn entry(files: &recpub::search::SearchFiles) -> Value {
    let (_, bytes) = files.files.iter().find(|(p, _)| p == &files.entry).unwrap();
    serde_json::from_slice(bytes).unwrap()
}

#[test]
fn real_scale_is_one_hashed_file_with_everything() {
    let ds = dataset();
    let files = build_search_index(&ds, &Urls::parse("/lanzarote/").unwrap());
    assert_eq!(files.files.len(), 1);
    let (path, bytes) = &files.files[0];
    assert_eq!(path, &files.entry);
    assert_eq!(
        path,
        &format!("search/index.{}.json", recpub::search::content_hash(bytes))
    );
    let e = entry(&files);
    assert_eq!(e["n"], 111);
    assert_eq!(e["recUrl"], "/lanzarote/recommendations/{slug}/");
    assert_eq!(e["docs"][0][0], "II-1");
    assert_eq!(e["lv"].as_str().unwrap().len(), 111);
    let docs = e["docs"].as_array().unwrap();
    let vi3 = docs.iter().find(|d| d[0] == "VI-3").unwrap();
    assert!(
        vi3[2].as_str().unwrap().contains("[199] Albania, Austria"),
        "footnotes are searchable"
    );
    let words: Vec<&str> = e["words"].as_str().unwrap().split(' ').collect();
    assert!(words.contains(&"grooming") && words.contains(&"finland") && !words.contains(&"the"));
    // Readers' words: the thesaurus, Parties' other names and pages, articles, the data file.
    let thes = e["thes"].as_array().unwrap();
    assert!(
        thes.iter()
            .any(|t| t[0].as_array().unwrap().contains(&"NGO".into())
                && t[1].as_array().unwrap().contains(&"civil society".into()))
    );
    let turkey = ds.parties.iter().position(|p| p.name == "Turkey").unwrap();
    assert!(
        e["aliases"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!([turkey, "Türkiye"]))
    );
    assert_eq!(e["partyUrls"][turkey], "/lanzarote/parties/turkey/");
    assert_eq!(e["dataUrl"], "/lanzarote/data/recommendations.json");
    assert_eq!(
        e["art"],
        serde_json::json!(["18", "19", "20", "21", "23", "25"])
    );
}

#[test]
fn large_datasets_are_split_so_a_query_loads_only_what_it_needs() {
    let ds = scaled(11);
    assert!(ds.recommendations.len() > SPLIT_ABOVE);
    let files = build_search_index(&ds, &Urls::parse("/").unwrap());
    let e = entry(&files);
    assert!(e.get("docs").is_none() && e.get("post").is_none());
    let shards = e["shards"].as_array().unwrap();
    let frags = e["frags"].as_array().unwrap();
    assert_eq!(frags.len(), ds.recommendations.len().div_ceil(40));
    assert!(shards.len() > 1);
    assert!(
        e.get("dp").is_none(),
        "Party lists load with the Party facet"
    );
    assert!(e["dpFile"].as_str().unwrap().starts_with("search/parties."));
    assert_eq!(files.files.len(), 2 + shards.len() + frags.len());
    for (path, bytes) in &files.files {
        assert!(
            path.ends_with(&format!(".{}.json", recpub::search::content_hash(bytes))),
            "{path}"
        );
    }
}

#[test]
fn the_index_is_deterministic() {
    let ds = dataset();
    let a = build_search_index(&ds, &Urls::parse("/r/").unwrap());
    let b = build_search_index(&ds, &Urls::parse("/r/").unwrap());
    assert_eq!(a.files, b.files);
}
