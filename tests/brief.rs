//! Party briefs, built from fixtures: each brief shows the groups of its Party's page but the
//! recommendations addressed only to other Parties, each with the Committee's text and
//! footnotes as the open data has them; its file holds the same entries and fetches nothing;
//! the Party's CSV carries the texts; and a payload in the data stays text in both.

use crate::common;

use common::site::{SiteTest, group, rec_ids};

/// The groups a brief shows, as on the Party page.
const SHOWN: [&str; 4] = ["designated", "all", "open", "uncertain"];

/// The recommendations of the open data, as (id, record).
fn records(site: &SiteTest) -> Vec<(String, serde_json::Value)> {
    let recs: serde_json::Value =
        serde_json::from_str(&site.read("data/recommendations.json")).unwrap();
    let recs = recs.as_array().unwrap().iter();
    recs.map(|r| (r["id"].as_str().unwrap().to_string(), r.clone()))
        .collect()
}

/// Every Party's slug and name, from the open data.
fn parties(site: &SiteTest) -> Vec<(String, String)> {
    let parties: serde_json::Value = serde_json::from_str(&site.read("data/parties.json")).unwrap();
    let name = |p: &serde_json::Value, k: &str| p[k].as_str().unwrap().to_string();
    let parties = parties.as_array().unwrap().iter();
    parties
        .map(|p| (name(p, "slug"), name(p, "name")))
        .collect()
}

/// HTML as a reader sees its text: tags and footnote markers left out, the few entities our
/// escaping writes decoded, white space collapsed.
fn plain(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // A footnote marker is a number in a `<sup>`, not the Committee's words.
        if rest.starts_with("<sup") {
            rest = &rest[rest.find("</sup>").unwrap() + 6..];
            continue;
        }
        rest = &rest[rest.find('>').unwrap() + 1..];
    }
    out.push_str(rest);
    let out = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A brief's entry of recommendation `id`: its `<article>`.
fn entry<'h>(html: &'h str, id: &str) -> &'h str {
    let slug = id.to_lowercase();
    let start = html
        .find(&format!("<article class=\"brief-rec\" id=\"{slug}\""))
        .unwrap_or_else(|| panic!("no entry {id}"));
    let len = html[start..].find("</article>").unwrap();
    &html[start..start + len]
}

/// An entry's main text (before its footnotes) and its footnotes, as plain text.
fn text_and_footnotes(entry: &str) -> (String, Vec<String>) {
    let start = entry.find("<blockquote class=\"committee-text\">").unwrap();
    let quote = &entry[start..start + entry[start..].find("</blockquote>").unwrap()];
    let mut parts = quote.split("<div class=\"footnote\"");
    let text = plain(parts.next().unwrap());
    let notes = parts
        .map(|f| {
            let f = &f[f.find('>').unwrap() + 1..];
            let (label, rest) = f.split_once("</a>").or(f.split_once("</span>")).unwrap();
            format!("{}: {}", plain(label), plain(rest))
        })
        .collect();
    (text, notes)
}

#[test]
fn a_brief_shows_the_party_page_groups_but_the_others_each_with_its_text_and_footnotes() {
    let site = SiteTest::small()
        .with_args(&["--base-url", "https://site.example/small/"])
        .build();
    let recs = records(&site);
    let parties = parties(&site);
    assert!(parties.len() >= 3);
    for (slug, name) in &parties {
        let page = site.read(&format!("parties/{slug}/index.html"));
        let brief = site.read(&format!("parties/{slug}/brief/index.html"));
        let file = site.read(&format!("parties/{slug}/{slug}-brief.html"));
        assert!(page.contains(&format!("href=\"/small/parties/{slug}/brief/\"")));
        let mut shown = Vec::new();
        for id in SHOWN {
            let want = rec_ids(group(&page, id));
            assert_eq!(rec_ids(group(&brief, id)), want, "{slug}: group {id}");
            shown.extend(want);
        }
        // The recommendations addressed only to other Parties are counted, not shown.
        let others = rec_ids(group(&page, "not-designated"));
        assert!(
            !brief.contains("aria-labelledby=\"not-designated\""),
            "{slug}"
        );
        assert_eq!(rec_ids(&brief), shown, "{slug}: only the groups shown");
        assert_eq!(shown.len() + others.len(), recs.len(), "{slug}");
        // The file holds the same entries, byte for byte, and nothing to fetch.
        for id in &shown {
            assert_eq!(entry(&file, id), entry(&brief, id), "{slug} {id}");
        }
        assert_eq!(rec_ids(&file), shown, "{slug}: the file");
        for fetch in ["<script", "<link", "<img", "src="] {
            assert!(!file.contains(fetch), "{slug}: the file has {fetch}");
        }
        assert!(file.contains(&format!("<h1>{name}: ")), "{slug}");
        for id in &shown {
            let (_, rec) = recs.iter().find(|(r, _)| r == id).unwrap();
            let e = entry(&brief, id);
            let (text, notes) = text_and_footnotes(e);
            assert_eq!(text, rec["text"].as_str().unwrap(), "{slug} {id}: text");
            let want: Vec<String> = rec["footnotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f["label"].as_str().unwrap(),
                        f["text"].as_str().unwrap()
                    )
                })
                .collect();
            assert_eq!(notes, want, "{slug} {id}: footnotes");
            let url = rec["url"].as_str().unwrap();
            assert!(
                e.contains(&format!("<a href=\"{url}\">{url}</a>")),
                "{slug} {id}"
            );
            let level = rec["level"].as_str().unwrap();
            assert!(
                e.contains(&format!("class=\"badge level-{level}\">")),
                "{id}"
            );
        }
    }
}

#[test]
fn footnote_anchors_are_scoped_to_their_entry_and_a_qualified_name_is_said() {
    let site = SiteTest::small().build();
    // II-2's footnote 140 names "Belgium (French community)": its own entry on Belgium's
    // brief says so; Finland's brief, where the cut list may concern Finland, does not.
    let belgium = site.read("parties/belgium/brief/index.html");
    let ii2 = entry(&belgium, "II-2");
    assert!(
        ii2.contains("<p class=\"rec-note\">Named: Belgium (French community)</p>"),
        "{ii2}"
    );
    let finland = site.read("parties/finland/brief/index.html");
    assert!(!entry(&finland, "II-2").contains("rec-note"));
    for anchor in [
        "id=\"ii-2-fnref-140\"",
        "href=\"#ii-2-fn-140\"",
        "id=\"ii-2-fn-140\"",
        "href=\"#ii-2-fnref-140\"",
    ] {
        assert!(ii2.contains(anchor), "{anchor}");
    }
    assert!(!belgium.contains("id=\"fn-"), "an unscoped footnote id");
}

#[test]
fn every_row_of_a_party_csv_carries_its_text_and_footnotes() {
    let site = SiteTest::small().build();
    let recs = records(&site);
    for (slug, _) in parties(&site) {
        let csv = site.read(&format!("parties/{slug}/recommendations.csv"));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let head: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let col = |name: &str| head.iter().position(|h| h == name).unwrap();
        let (id, text, notes) = (col("id"), col("text"), col("footnotes"));
        let mut seen = 0;
        for row in reader.records() {
            let row = row.unwrap();
            let (_, rec) = recs.iter().find(|(r, _)| r == &row[id]).unwrap();
            assert_eq!(
                &row[text],
                rec["text"].as_str().unwrap(),
                "{slug} {}",
                &row[id]
            );
            let want: Vec<String> = rec["footnotes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| {
                    format!(
                        "{}: {}",
                        f["label"].as_str().unwrap(),
                        f["text"].as_str().unwrap()
                    )
                })
                .collect();
            assert_eq!(&row[notes], want.join("; "), "{slug} {}", &row[id]);
            seen += 1;
        }
        assert_eq!(seen, recs.len(), "{slug}: a row per recommendation");
    }
}

#[test]
fn payloads_in_titles_and_texts_stay_text_in_the_brief_and_its_file() {
    let site = SiteTest::from_fixture("xss/content").build();
    for (slug, _) in parties(&site) {
        for path in [
            format!("parties/{slug}/brief/index.html"),
            format!("parties/{slug}/{slug}-brief.html"),
        ] {
            let html = site.read(&path);
            // II-1 is addressed to all Parties: every brief shows its payloads.
            assert!(html.contains("&lt;img src=x onerror="), "{path}");
            assert!(html.contains("&lt;script&gt;window.__xss"), "{path}");
            assert!(!html.contains("<img"), "{path}: a live image");
            assert!(!html.contains("<script"), "{path}: a live script");
        }
    }
}
