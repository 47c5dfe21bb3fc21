//! Every difference from the source is declared in the downloads: each record of
//! `recommendations.json` and `recommendations.csv` carries its recommendation's editorial notes
//! (kind, note) and corrections (footnote, source words, published words), in the same order
//! as the content declares them.

use crate::common;

use std::path::Path;

use common::{root, run};
use serde_json::Value;

fn build(out: &Path) {
    let built = run(
        &root(),
        &[
            "build",
            "--content",
            "content",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(built.code, 0, "{}", built.stderr);
}

/// A correction as (footnote label or "", source words, published words).
type Corr = (String, String, String);

/// The content's declared notes (kinds) and corrections, per id.
fn declared() -> Vec<(String, Vec<String>, Vec<Corr>)> {
    let ds = recpub::load_dataset(&root().join("content")).expect("the bundled content is valid");
    ds.recommendations
        .iter()
        .map(|r| {
            let kinds = r
                .editorial
                .iter()
                .map(|e| e.kind.as_str().to_string())
                .collect();
            let corr = r
                .editorial
                .iter()
                .flat_map(|e| &e.corrections)
                .map(|c| {
                    let f = c.footnote.clone().unwrap_or_default();
                    (f, c.source.clone(), c.text.clone())
                })
                .collect();
            (r.id.to_string(), kinds, corr)
        })
        .collect()
}

#[test]
fn every_record_carries_its_editorial_notes_and_corrections() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&out);
    let json: Vec<Value> =
        serde_json::from_slice(&std::fs::read(out.join("data/recommendations.json")).unwrap())
            .unwrap();
    let mut csv = csv::Reader::from_path(out.join("data/recommendations.csv")).unwrap();
    let header: Vec<String> = csv.headers().unwrap().iter().map(str::to_string).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = csv.records().map(Result::unwrap).collect();
    let want = declared();
    assert_eq!(json.len(), want.len());
    assert_eq!(rows.len(), want.len());
    for ((rec, row), (id, kinds, corr)) in json.iter().zip(&rows).zip(&want) {
        assert_eq!(rec["id"], id.as_str());
        let ed = rec["editorial"].as_array().expect("an editorial array");
        let got_kinds: Vec<&str> = ed.iter().map(|e| e["kind"].as_str().unwrap()).collect();
        assert_eq!(got_kinds, *kinds, "{id}");
        assert!(ed.iter().all(|e| !e["note"].as_str().unwrap().is_empty()));
        let got: Vec<Corr> = ed
            .iter()
            .flat_map(|e| e["corrections"].as_array().unwrap())
            .map(|c| {
                let f = c["footnote"].as_str().unwrap_or("").to_string();
                let s = c["source"].as_str().unwrap().to_string();
                (f, s, c["published"].as_str().unwrap().to_string())
            })
            .collect();
        assert_eq!(got, *corr, "{id}");
        // CSV: one line per note, and one line per correction in each correction column.
        let notes = &row[col("editorial_notes")];
        assert_eq!(notes.lines().count(), kinds.len(), "{id}: {notes:?}");
        for (k, line) in kinds.iter().zip(notes.lines()) {
            assert!(line.starts_with(&format!("{k}: ")), "{id}: {line}");
        }
        let lines = |name: &str| -> Vec<String> {
            let cell = &row[col(name)];
            if corr.is_empty() {
                Vec::new()
            } else {
                cell.split('\n').map(str::to_string).collect()
            }
        };
        let csv_corr: Vec<Corr> = lines("corrections_footnote")
            .into_iter()
            .zip(lines("corrections_source"))
            .zip(lines("corrections_published"))
            .map(|((f, s), p)| (f, s, p))
            .collect();
        assert_eq!(csv_corr, *corr, "{id}");
    }
}

#[test]
fn the_restored_words_of_viii_9_and_the_typographic_changes_are_flagged() {
    let want = declared();
    let find = |id: &str| want.iter().find(|(i, _, _)| i == id).unwrap();
    let (_, kinds, corr) = find("VIII-9");
    assert_eq!(kinds, &["restored", "restored", "typographic"]);
    let published: Vec<&str> = corr.iter().map(|c| c.2.as_str()).collect();
    assert!(published.contains(&"The Lanzarote Committee"));
    assert!(published.contains(&"coordination"));
    assert!(published.contains(&"sexual abuse faced by"));
    let (_, kinds, corr) = find("V-19");
    assert_eq!(kinds, &["typographic"]);
    assert_eq!(corr[0].1, "invites **all Parties** to");
    let (_, _, corr) = find("VI-3");
    assert_eq!(
        corr[0],
        (
            "199".into(),
            "Finland , Georgia".into(),
            "Finland, Georgia".into()
        )
    );
}

/// The "How to cite" page writes no citation by hand: its example is made from the data by
/// the theme, so it cannot name another edition or another author than the citations do
/// (`dataset_site.rs` checks the example on the built page).
#[test]
fn the_cite_page_writes_no_citation_by_hand() {
    let page = std::fs::read_to_string(root().join("content/pages/cite.md")).unwrap();
    let by_hand = page
        .match_indices("edition ")
        .any(|(i, _)| page[i + "edition ".len()..].starts_with(|c: char| c.is_ascii_digit()));
    assert!(!by_hand, "content/pages/cite.md names an edition by hand");
    assert!(
        !page.contains("Lanzarote Committee,"),
        "content/pages/cite.md cites by hand"
    );
}
