//! Another body's recommendations: the theme names no body, treaty or report by itself. The
//! small fixture, relabelled as another body's (its texts say "GREVIO", its site.toml names
//! GREVIO, the Istanbul Convention and an evaluation report), builds to a site in which no file
//! (page, data file, feed, script, the offline ZIP's entries) says "Lanzarote", "Committee",
//! "implementation report", "the Council of Europe" or a bare "Convention"; and content that
//! names nothing gets the theme's neutral words, capitalised at the start of a sentence.

use crate::common;

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use common::site::SiteTest;
use common::tree;

/// The small fixture's site.toml, for another body: `[names]` without `body_short` (so
/// `body` stands in) nor `rights_holder` (so the theme's neutral word does).
const OTHER_SITE: &str = r#"title = "GREVIO recommendations, a fixture"
description = "A small dataset of another body's recommendations."
language = "en"
short_title = "GREVIO fixture"

[edition]
version = "2.1"
date = "2026-01-31"

[report]
title = "Baseline evaluation of a fixture Party"
short_title = "Fixture evaluation"
author = "GREVIO (Group of Experts on Action against Violence against Women and Domestic Violence)"
round = "baseline evaluation"
adopted = "January 2020"
committee_url = "https://example.org/grevio"

[names]
body = "GREVIO"
treaty = "Istanbul Convention"
report_kind = "evaluation report"
"#;

/// Words of the Lanzarote dataset that another body's site must not say.
const FOREIGN: [&str; 5] = [
    "Lanzarote",
    "Committee",
    "implementation report",
    "Implementation report",
    "Council of Europe",
];

/// The small fixture with every text of the Committee's made GREVIO's (the recommendations,
/// the legend, the releases' snapshots alike, so the release history stays consistent), the
/// site.toml above, and the pages the theme adds blocks to (cite, data).
fn other_body() -> SiteTest {
    let site = SiteTest::small();
    for (rel, bytes) in tree(&site.content()) {
        let text = String::from_utf8(bytes).unwrap();
        let relabelled = text.replace("The Committee", "GREVIO");
        if relabelled != text {
            std::fs::write(site.content().join(&rel), relabelled).unwrap();
        }
    }
    let page = |title: &str| {
        format!("+++\ntitle = \"{title}\"\ndescription = \"{title}.\"\n+++\n{title}.\n")
    };
    site.with_file("site.toml", OTHER_SITE)
        .with_file("pages/cite.md", &page("Cite"))
        .with_file("pages/data.md", &page("Data"))
        .with_args(&["--base-url", "https://example.org/grevio/"])
        .build()
}

/// Every text file of the built site, and of the offline ZIP's entries, by path.
fn texts(site: &SiteTest) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (rel, bytes) in tree(&site.out()) {
        if rel.ends_with(".zip") {
            let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
            for i in 0..zip.len() {
                let mut entry = zip.by_index(i).unwrap();
                let name = format!("{rel}/{}", entry.name());
                let mut bytes = Vec::new();
                entry.read_to_end(&mut bytes).unwrap();
                out.extend(String::from_utf8(bytes).ok().map(|t| (name, t)));
            }
        } else {
            // Images are not text; every other file is.
            let image = [".png", ".ico"].iter().any(|x| rel.ends_with(x));
            if !image {
                out.insert(rel.clone(), String::from_utf8(bytes).unwrap());
            }
        }
    }
    out
}

/// A page of the built site as its text reads: apostrophes unescaped.
fn read(site: &SiteTest, rel: &str) -> String {
    site.read(rel).replace("&#39;", "'")
}

#[test]
fn another_bodys_site_names_it_and_no_other() {
    let site = other_body();
    let texts = texts(&site);
    assert!(
        texts.keys().any(|k| k.starts_with("data/offline.zip/")),
        "the offline ZIP's entries are scanned too: {:?}",
        texts.keys().collect::<Vec<_>>()
    );
    let mut leaks = Vec::new();
    for (rel, text) in &texts {
        // The treaty this body's Parties are bound by is named; any other "Convention" is not.
        let text = text.replace("Istanbul Convention", "");
        for word in FOREIGN.iter().chain(&["Convention"]) {
            if let Some(at) = text.find(word) {
                let from = text[..at]
                    .char_indices()
                    .rev()
                    .nth(60)
                    .map_or(0, |(i, _)| i);
                let to = (at + 80).min(text.len());
                let to = (to..=text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap();
                leaks.push(format!("{rel}: {word:?} in …{}…", &text[from..to]));
            }
        }
    }
    let shown = leaks
        .iter()
        .take(30)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        leaks.is_empty(),
        "{} leaks, the first:\n{shown}",
        leaks.len()
    );

    // The names are there instead, each where the Lanzarote site has its own.
    let home = read(&site, "index.html");
    assert!(home.contains("GREVIO's page</a>"), "footer link: {home}");
    assert!(
        home.contains(
            "GREVIO's words are reproduced from the report and remain the report's publisher's."
        ),
        "terms, with the neutral rights holder: {home}"
    );
    // III-1 cites an article of the treaty.
    let source = std::fs::read_to_string(site.content().join("recommendations/III-1.md")).unwrap();
    assert!(source.contains("articles = ["), "{source}");
    let rec = read(&site, "recommendations/iii-1/index.html");
    assert!(rec.contains("GREVIO's text"), "{rec}");
    assert!(rec.contains(", evaluation report, baseline evaluation (adopted January 2020)"));
    assert!(rec.contains("Articles of the Istanbul Convention"), "{rec}");
    let cff = site.read("data/CITATION.cff");
    assert!(
        cff.contains("collection-title: \"Evaluation report, baseline evaluation\""),
        "{cff}"
    );
    let search = read(&site, "search/index.html");
    assert!(search.contains("Istanbul Convention article"), "{search}");
}

#[test]
fn content_that_names_nothing_gets_the_themes_neutral_words() {
    let site = SiteTest::small();
    let toml = std::fs::read_to_string(site.content().join("site.toml")).unwrap();
    let at = toml
        .find("[names]")
        .expect("the small fixture names its body");
    let end = at + toml[at..].find("\n\n").unwrap() + 2;
    let without = format!("{}{}", &toml[..at], &toml[end..]);
    let site = site.with_file("site.toml", &without).build();
    let home = read(&site, "index.html");
    assert!(home.contains("the monitoring body's page</a>"), "{home}");
    assert!(
        home.contains("The monitoring body's words are reproduced from the report and remain the report's publisher's."),
        "capitalised at the start of a sentence: {home}"
    );
    let rec = read(&site, "recommendations/iii-1/index.html");
    assert!(rec.contains("The monitoring body's text"), "{rec}");
    assert!(rec.contains("Articles of the treaty"), "{rec}");
    assert!(
        rec.contains(", report, 1st round (adopted January 2020)"),
        "{rec}"
    );
    let cff = site.read("data/CITATION.cff");
    assert!(
        cff.contains("collection-title: \"Report, 1st round\""),
        "{cff}"
    );
    for (rel, text) in texts(&site) {
        for word in ["Lanzarote", "implementation report", "Council of Europe"] {
            assert!(!text.contains(word), "{rel} says {word:?}");
        }
    }
}
