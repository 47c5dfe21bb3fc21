//! Datasets whose ids are not the Lanzarote report's: `tests/fixtures/site-dotted` (sections
//! `1`, `2`, `10`, ids `1.1` by `id_pattern = "{section}.{n}"`, a `[report]` with its title
//! only) and `tests/fixtures/site-lettered` (sections `A`, `A.1`, `B`, ids `A.1-1`, every fact
//! of the report given). Each must pass `check` and build; a few of its files must equal
//! `<fixture>/golden/` (the path's `/` written `__`; `BLESS=1` rewrites them), and the facts
//! below are read off the fixtures' files.

use crate::common;

use std::fs;

use common::{compare_golden, fixtures, run, text, tree};

/// The files compared with the golden copies: the listing (order), a section, a recommendation
/// page (its citation and cross-reference) and the citation files.
const GOLDEN: &[&str] = &[
    "recommendations/index.html",
    "sections/index.html",
    "data/CITATION.cff",
];

/// Builds `fixture` with the base URL `/x/`; its files by path.
fn build(fixture: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let content = fixtures().join(fixture).join("content");
    let check = run(
        &common::root(),
        &["check", "--content", content.to_str().unwrap()],
    );
    assert_eq!(check.code, 0, "{fixture}: {}", check.stderr);
    let out = dir.path().join("site");
    let o = run(
        &common::root(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "/x/",
        ],
    );
    assert_eq!(o.code, 0, "{fixture}: {}", o.stderr);
    tree(&out)
}

/// Where each id appears in `html`, in order of first appearance.
fn order_of(html: &str, ids: &[&str]) -> Vec<usize> {
    ids.iter()
        .map(|id| {
            html.find(&format!("/recommendations/{id}/\""))
                .unwrap_or_else(|| panic!("{id} not linked"))
        })
        .collect()
}

#[test]
fn dotted_ids_and_arabic_sections_build_in_the_files_order() {
    let site = build("site-dotted");
    for id in ["1.1", "1.2", "2.1", "10.1"] {
        assert!(site.contains_key(&format!("recommendations/{id}/index.html")));
        assert!(site.contains_key(&format!("recommendations/{id}/cite.bib")));
    }
    for s in ["1", "2", "10"] {
        assert!(site.contains_key(&format!("sections/{s}/index.html")));
    }
    // sections.toml lists 10 after 2: so does every listing (not "10" before "2").
    let listing = text(&site, "recommendations/index.html");
    let at = order_of(&listing, &["1.1", "1.2", "2.1", "10.1"]);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    // "Recommendation 1.2." in the text of 2.1 is a cross-reference to 1.2.
    let page = text(&site, "recommendations/2.1/index.html");
    assert!(page.contains("href=\"/x/recommendations/1.2/\""));
    // Only the report's title is given: the citation names it, and nothing dangles.
    let bib = text(&site, "recommendations/1.1/cite.bib");
    assert!(bib.starts_with("@incollection{1.1,\n"), "{bib}");
    assert!(!bib.contains("author") && !bib.contains("series") && !bib.contains("year"));
    // No [names] either: the report's kind is the theme's neutral word.
    assert!(page.contains(">A report numbered with dots, report, Recommendation 2.1."));
    assert!(!page.contains("(adopted") && !page.contains(", ,"));
    compare_golden("site-dotted", &site, GOLDEN);
    compare_golden("site-dotted", &site, &["recommendations/2.1/index.html"]);
}

#[test]
fn lettered_sections_and_every_report_fact_are_cited() {
    let site = build("site-lettered");
    for (id, slug) in [("A-1", "a-1"), ("A.1-1", "a.1-1"), ("B-1", "b-1")] {
        let page = text(&site, &format!("recommendations/{slug}/index.html"));
        assert!(page.contains(&format!("Recommendation {id}")), "{id}");
    }
    assert!(site.contains_key("sections/a.1/index.html"));
    let listing = text(&site, "recommendations/index.html");
    let at = order_of(&listing, &["a-1", "a-2", "a.1-1", "b-1"]);
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{at:?}");
    let cff = text(&site, "data/CITATION.cff");
    for line in [
        "      - name: \"Group of Fixture Experts\"",
        "    number: \"GFE(2021)07\"",
        "    url: \"https://example.org/reports/gfe-2021-07\"",
    ] {
        assert!(cff.contains(line), "{line} not in\n{cff}");
    }
    let page = text(&site, "recommendations/a.1-1/index.html");
    assert!(page.contains("\"identifier\":\"GFE(2021)07\""));
    assert!(page.contains("Group of Fixture Experts, A report with lettered sections, evaluation report, Third evaluation round (adopted 2021-06-18), Recommendation A.1-1."));
    compare_golden("site-lettered", &site, GOLDEN);
    compare_golden("site-lettered", &site, &["recommendations/a.1-1/cite.ris"]);
}

/// The bundled content's report uses `author`, the older name of `body`: both are read.
#[test]
fn author_is_read_as_body() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&fixtures().join("base"), dir.path());
    let site = dir.path().join("content/site.toml");
    let toml = fs::read_to_string(&site).unwrap();
    assert!(toml.contains("author = "));
    fs::write(&site, toml.replace("author = ", "body = ")).unwrap();
    let out = common::run_check(dir.path());
    assert_eq!(out.code, 0, "{}", out.stderr);
}
