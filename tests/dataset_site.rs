//! The bundled dataset as published: the site built from `content/` says what the report
//! says for the recommendations and Parties whose lists the source makes hard (Finland, named
//! only in VI-3; II-5's missing list; X-5's incomplete one), and the bundled pages say what they
//! promise. The engine's own behaviour is tested on fixtures (`site_build.rs`); these tests
//! check the dataset, so an editorial change to `content/` may rightly change them.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::site::{group, rec_ids};
use common::{root, run};
use tempfile::TempDir;

/// The bundled content, built (without the offline ZIP, which these tests do not read).
fn built_site() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    let o = run(
        &root(),
        &["build", "--no-zip", "--out", out.to_str().unwrap()],
    );
    assert_eq!(o.code, 0, "build failed: {}", o.stderr);
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// How many recommendation files `content/` has.
fn bundled_recommendations() -> usize {
    fs::read_dir(root().join("content/recommendations"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "md")
        })
        .count()
}

#[test]
fn finland_is_designated_by_name_only_in_vi_3() {
    let (_tmp, out) = built_site();
    let html = read(&out, "parties/finland/index.html");
    assert_eq!(rec_ids(group(&html, "designated")), ["VI-3"]);
    let uncertain = rec_ids(group(&html, "uncertain"));
    assert!(uncertain.contains(&"II-5".to_string()), "{uncertain:?}");
    let not_named = rec_ids(group(&html, "not-designated"));
    assert!(!not_named.contains(&"II-5".to_string()), "{not_named:?}");
    assert!(not_named.contains(&"III-16".to_string()), "{not_named:?}");
    // Every recommendation is in exactly one group.
    let mut all: Vec<String> = ["designated", "all", "open", "not-designated", "uncertain"]
        .iter()
        .flat_map(|g| rec_ids(group(&html, g)))
        .collect();
    assert_eq!(all.len(), bundled_recommendations());
    all.sort();
    all.dedup();
    assert_eq!(all.len(), bundled_recommendations());
    let csv = read(&out, "parties/finland/recommendations.csv");
    assert!(csv.contains("designated,VI-3,require,VI,"), "{csv}");
    assert!(csv.contains("uncertain,II-5,"), "{csv}");
}

#[test]
fn the_home_matrix_links_finland_section_vi() {
    let (_tmp, out) = built_site();
    let html = read(&out, "index.html");
    assert!(html.contains("<caption"), "matrix has a caption");
    let row_start = html
        .find("<a href=\"/parties/finland/\">Finland</a></th>")
        .unwrap();
    let row = &html[row_start..row_start + html[row_start..].find("</tr>").unwrap()];
    assert_eq!(
        row.matches("<span class=\"n\">1</span>").count(),
        1,
        "{row}"
    );
    assert!(row.contains("<td class=\"lvl lvl-require\"><a href=\"/parties/finland/#designated-vi\"><span class=\"n\">1</span>"), "{row}");
    // The row's total counts every recommendation that concerns Finland, not only VI-3.
    assert!(
        row.contains("<td class=\"total-cell\"><a href=\"/parties/finland/\">80</a></td>"),
        "{row}"
    );
}

#[test]
fn recommendation_pages_show_what_the_source_lacks() {
    let (_tmp, out) = built_site();
    let ii5 = read(&out, "recommendations/ii-5/index.html");
    assert!(ii5.contains("The list of Parties is missing from the source"));
    let x5 = read(&out, "recommendations/x-5/index.html");
    assert!(x5.contains("This list is incomplete in the source"));
    assert!(x5.contains("<h3>Education sector</h3>"));
    let iii16 = read(&out, "recommendations/iii-16/index.html");
    assert!(iii16.contains(r#"<a href="/parties/switzerland/">Switzerland</a>"#));
    assert!(iii16.contains(r#"<div class="footnote" id="fn-141">"#));
    // The citation names the edition (whichever it is) and ends with the permalink.
    assert!(iii16.contains(
        "2nd monitoring round (adopted March 2022), Recommendation III-16. In: Lanzarote Committee recommendations on ICT-facilitated sexual exploitation and abuse, edition "
    ));
    assert!(iii16.contains(
        r#"). <a class="cite-url" href="/recommendations/iii-16/" data-cite-url data-relative>/recommendations/iii-16/</a></p>"#
    ));
    assert!(iii16.contains(r#"<a href="/recommendations/iii-16/cite.bib" download>"#));
    assert!(iii16.contains(r#"<a class="copy-link" href="/recommendations/iii-16/">"#));
}

#[test]
fn the_accessibility_statement_is_in_every_footer_and_not_in_the_menu() {
    let (_tmp, out) = built_site();
    for page in [
        "index.html",
        "recommendations/iii-16/index.html",
        "data/index.html",
    ] {
        let html = read(&out, page);
        let (head, footer) = html.split_once("<footer").unwrap();
        assert!(
            footer.contains(r#"<a href="/accessibility/">Accessibility</a>"#),
            "{page}: footer"
        );
        assert!(!head.contains(r#"href="/accessibility/""#), "{page}: menu");
    }
    let statement = read(&out, "accessibility/index.html");
    for tested in [
        "axe-core",
        "Keyboard",
        "390 pixels",
        "Print",
        "Known limits",
    ] {
        assert!(statement.contains(tested), "statement lacks {tested}");
    }
    // The bundled content names no contact yet: the statement says nothing about one.
    assert!(!statement.contains(r#"<h2 id="report">"#));
}

#[test]
fn every_page_says_the_edition_is_unofficial_and_under_which_terms() {
    let (_tmp, out) = built_site();
    let licence = r#"<a href="https://creativecommons.org/licenses/by/4.0/" rel="license">"#;
    let mut pages = 0;
    for (rel, bytes) in common::tree(&out) {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(&bytes);
        let footer = html.split_once("<footer").map_or("", |(_, f)| f);
        assert!(
            footer.contains("unofficial edition, not published by the Council of Europe"),
            "{rel}: footer"
        );
        assert!(
            footer.contains("reproduced from the report and remain the Council of Europe&#39;s"),
            "{rel}: footer"
        );
        assert!(footer.contains(licence), "{rel}: footer");
        // No placeholder for what site.toml leaves unset (the publisher, the contact).
        assert!(!html.contains("stated yet"), "{rel}");
        assert!(!html.contains("Not stated"), "{rel}");
    }
    assert!(pages > 100, "{pages} pages");
    let about = read(&out, "about/index.html");
    assert!(about.contains("<dt>Status</dt>"), "About has no status");
    assert!(
        !about.contains("<dt>Publisher</dt>"),
        "About names a publisher"
    );
    assert!(read(&out, "data/index.html").contains(licence));
}
