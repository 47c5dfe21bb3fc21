//! The search index as `build` writes it: one small hashed file at the real scale, shards and
//! fragments above it, deterministic, and built from the model (every recommendation and its
//! facets are in it).

use crate::common;

use recpub::graph::Concern;
use recpub::model::Dataset;
use recpub::model::Urls;
use recpub::search::{FORMAT_VERSION, FRAGMENT, SPLIT_ABOVE, build_search_index};
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
            copy.id = r.id.with_number(r.id.number + k * count);
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
    assert_eq!(e["n"], ds.recommendations.len());
    assert_eq!(e["recUrl"], "/lanzarote/recommendations/{slug}/");
    assert_eq!(e["docs"][0][0], "II-1");
    assert_eq!(e["lv"].as_str().unwrap().len(), ds.recommendations.len());
    let docs = e["docs"].as_array().unwrap();
    let vi3 = docs.iter().find(|d| d[0] == "VI-3").unwrap();
    assert!(
        vi3[2].as_str().unwrap().contains("[199] Albania, Austria"),
        "footnotes are searchable"
    );
    let words = front_decoded(e["words"].as_str().unwrap());
    assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, each once");
    let has = |w: &str| words.iter().any(|x| x == w);
    assert!(has("grooming") && has("finland") && !has("the"));
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
    assert_eq!(frags.len(), ds.recommendations.len().div_ceil(FRAGMENT));
    assert!(shards.len() > 1);
    assert!(
        e.get("pc").is_none(),
        "Party concerns load with the Party facet"
    );
    let pc_file = e["pcFile"].as_str().unwrap();
    assert!(pc_file.starts_with("search/parties."));
    let (_, pc) = files.files.iter().find(|(p, _)| p == pc_file).unwrap();
    let pc: Value = serde_json::from_slice(pc).unwrap();
    check_concerns(&ds, &e, &pc);
    assert_eq!(files.files.len(), 2 + shards.len() + frags.len());
    for (path, bytes) in &files.files {
        assert!(
            path.ends_with(&format!(".{}.json", recpub::search::content_hash(bytes))),
            "{path}"
        );
    }
    // Every file the entry names is one of them, by its hashed name.
    let named = shards.iter().chain(frags).map(|n| n.as_str().unwrap());
    for name in named.chain([pc_file]) {
        assert!(recpub::model::is_hashed_name(name), "{name}");
        assert!(
            files.files.iter().any(|(p, _)| p == name),
            "{name} not written"
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

#[test]
fn the_entry_file_says_its_format_version() {
    let files = build_search_index(&dataset(), &Urls::parse("/").unwrap());
    assert_eq!(entry(&files)["v"], FORMAT_VERSION);
    // search-engine.js checks the same number.
    let engine =
        std::fs::read_to_string(common::root().join("themes/default/static/search-engine.js"))
            .unwrap();
    assert!(
        engine.contains(&format!("export const FORMAT_VERSION = {FORMAT_VERSION};")),
        "search-engine.js reads another format version"
    );
}

#[test]
fn levels_and_scopes_are_codes_looked_up_in_their_tables() {
    let ds = dataset();
    let e = entry(&build_search_index(&ds, &Urls::parse("/").unwrap()));
    let id_of = |table: &str, code: char| -> String {
        let row = e[table]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code.to_string());
        row.unwrap_or_else(|| panic!("{table}: no code {code}"))["id"]
            .as_str()
            .unwrap()
            .into()
    };
    let lv: Vec<char> = e["lv"].as_str().unwrap().chars().collect();
    let sc: Vec<char> = e["sc"].as_str().unwrap().chars().collect();
    for (i, r) in ds.recommendations.iter().enumerate() {
        assert_eq!(id_of("levels", lv[i]), ds.level_id(r.level), "{}", r.id);
        assert_eq!(
            id_of("scopes", sc[i]),
            r.addressees.scope.as_str(),
            "{}",
            r.id
        );
    }
    let labels: Vec<&str> = e["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["label"].as_str().unwrap())
        .collect();
    let legend: Vec<&str> = ds.levels.iter().map(|l| l.label.as_str()).collect();
    assert_eq!(labels, legend, "in the legend's order, with its labels");
}

#[test]
fn party_concerns_are_concern_of_for_every_recommendation_and_party() {
    let ds = dataset();
    let e = entry(&build_search_index(&ds, &Urls::parse("/").unwrap()));
    check_concerns(&ds, &e, &e["pc"]);
    let row = |id: &str| {
        e["concerns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            row("designated")["named"].clone(),
            row("designated")["concerns"].clone()
        ),
        (true.into(), true.into())
    );
    assert_eq!(row("not-designated")["concerns"], false);
    for id in ["all", "open"] {
        assert_eq!(
            (row(id)["concerns"].clone(), row(id)["named"].clone()),
            (true.into(), false.into()),
            "{id}"
        );
    }
    // A list lost or incomplete that does not name the Party: it may concern it, and the
    // filter "concerns this Party" leaves it out, as the Party page's total does.
    assert_eq!(
        (
            row("uncertain")["concerns"].clone(),
            row("uncertain")["named"].clone()
        ),
        (false.into(), false.into())
    );
}

/// Decodes the Party concerns `pc` as search-engine.js does (a default per document, then
/// exceptions by code) and compares every (recommendation, Party) with `Concern::of`.
fn check_concerns(ds: &Dataset, e: &Value, pc: &Value) {
    let def: Vec<char> = pc["def"].as_str().unwrap().chars().collect();
    let n = ds.recommendations.len();
    let mut code_of: Vec<Vec<char>> = (0..n).map(|d| vec![def[d]; ds.parties.len()]).collect();
    for (code, lists) in pc["ex"].as_object().unwrap() {
        let code = code.chars().next().unwrap();
        let mut nums = decode(lists.as_str().unwrap()).into_iter();
        for row in code_of.iter_mut() {
            let count = nums.next().unwrap();
            for _ in 0..count {
                row[nums.next().unwrap() as usize] = code;
            }
        }
        assert!(nums.next().is_none());
    }
    let table = e["concerns"].as_array().unwrap();
    for (d, r) in ds.recommendations.iter().enumerate() {
        for (p, party) in ds.parties.iter().enumerate() {
            let row = table
                .iter()
                .find(|c| c["code"] == code_of[d][p].to_string())
                .unwrap();
            assert_eq!(
                row["id"],
                Concern::of(r, party, ds.site.report.adopted_on).as_str(),
                "{} {}",
                r.id,
                party.slug
            );
        }
    }
}

/// The words of the entry file's `words`: each a varint of the characters it shares with the
/// word before (docs/search.md), then the rest.
fn front_decoded(front: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for token in front.split(' ') {
        // A varint's last digit is of the alphabet's first half: A–Z, a–f.
        let end = 1 + token
            .find(|c: char| c.is_ascii_uppercase() || ('a'..='f').contains(&c))
            .unwrap();
        let shared = decode(&token[..end])[0] as usize;
        let prev = words.last().map_or("", String::as_str);
        words.push(
            prev.chars()
                .take(shared)
                .chain(token[end..].chars())
                .collect(),
        );
    }
    words
}

/// The varint decoder of search-engine.js (`decodeVarints`), transcribed.
pub(crate) fn decode(s: &str) -> Vec<u32> {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let (mut out, mut n, mut shift) = (Vec::new(), 0u32, 0);
    for c in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == c).unwrap() as u32;
        if d >= 32 {
            n |= (d - 32) << shift;
            shift += 5;
        } else {
            out.push(n | (d << shift));
            (n, shift) = (0, 0);
        }
    }
    out
}
