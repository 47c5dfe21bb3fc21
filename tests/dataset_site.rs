//! The bundled dataset as published: the site built from `content/` says what the report
//! says for the recommendations and Parties whose lists the source makes hard (Finland, named
//! only in VI-3; II-5's missing list; X-5's incomplete one), and the bundled pages say what they
//! promise. The engine's own behaviour is tested on fixtures (`site_build.rs`); these tests
//! check the dataset, so an editorial change to `content/` may rightly change them.

use crate::common;

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
    // The row's total counts what concerns Finland (not only VI-3), and, apart, what may.
    assert!(
        row.contains("<td class=\"total-cell\"><a href=\"/parties/finland/\">77</a></td>"),
        "{row}"
    );
    assert!(row.contains("<td class=\"split may\">3</td>"), "{row}");
}

/// One recommendation as its content file states it, read here with `toml` (not with the
/// loader): its id, scope, the Parties its lists name and whether every list is complete.
struct Stated {
    id: String,
    scope: String,
    named: Vec<String>,
    complete: bool,
}

/// Every recommendation file's front matter, read directly.
fn stated() -> Vec<Stated> {
    let dir = root().join("content/recommendations");
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        let front = text.split("+++").nth(1).unwrap();
        let t: toml::Table = toml::from_str(front).unwrap();
        let a = t["addressees"].as_table().unwrap();
        let mut lists = vec![a];
        if let Some(sectors) = a.get("sectors") {
            lists = sectors
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_table().unwrap())
                .collect();
        }
        let strs = |l: &toml::Table| -> Vec<String> {
            let names = l.get("parties").and_then(|p| p.as_array()).cloned();
            let names = names.unwrap_or_default().into_iter();
            // "Belgium (French community)": the Party is the name before the qualifier.
            names
                .map(|n| n.as_str().unwrap().split(" (").next().unwrap().to_string())
                .collect()
        };
        out.push(Stated {
            id: t["id"].as_str().unwrap().to_string(),
            scope: a["scope"].as_str().unwrap().to_string(),
            named: lists.iter().flat_map(|l| strs(l)).collect(),
            complete: lists
                .iter()
                .all(|l| l.get("list").is_none_or(|v| v.as_str() == Some("complete"))),
        });
    }
    out
}

/// What concerns a Party and what may, as the pages define them, counted from `stated`: named,
/// to all Parties, open concern it; a designated recommendation whose list is lost or
/// incomplete and does not name it may concern it. Returns (named, all, open, may).
fn counts(recs: &[Stated], name: &str) -> (usize, usize, usize, Vec<String>) {
    let named = recs
        .iter()
        .filter(|r| r.named.iter().any(|n| n == name))
        .count();
    let scope = |s: &str| recs.iter().filter(|r| r.scope == s).count();
    let may = recs
        .iter()
        .filter(|r| r.scope == "designated" && !r.complete && !r.named.iter().any(|n| n == name));
    (
        named,
        scope("all"),
        scope("open"),
        may.map(|r| r.id.clone()).collect(),
    )
}

#[test]
fn finland_is_concerned_by_77_recommendations_and_may_be_by_3() {
    let recs = stated();
    let (named, all, open, mut may) = counts(&recs, "Finland");
    may.sort();
    assert_eq!((named, all, open), (1, 52, 24));
    assert_eq!(may, ["II-5", "X-5", "X-6"]);
    let (_tmp, out) = built_site();
    let html = read(&out, "parties/finland/index.html");
    assert!(html.contains(r#"class="summary-total">77 recommendations concern Finland</h2>"#));
    assert!(
        html.contains(
            r##"<p class="summary-may"><a href="#uncertain">3 more may concern Finland:"##
        )
    );
}

/// Every Party's page, its row of the home matrix and of the Parties index, and
/// `parties.json` give the counts recomputed here from the content files.
#[test]
fn every_partys_counts_are_those_its_lists_give() {
    let recs = stated();
    let (_tmp, out) = built_site();
    let home = read(&out, "index.html");
    let index = read(&out, "parties/index.html");
    let json: serde_json::Value = serde_json::from_str(&read(&out, "data/parties.json")).unwrap();
    let parties = json.as_array().unwrap();
    assert!(parties.len() > 40, "every Party");
    for p in parties {
        let (slug, name) = (p["slug"].as_str().unwrap(), p["name"].as_str().unwrap());
        let (named, all, open, may) = counts(&recs, name);
        let total = named + all + open;
        let page = read(&out, &format!("parties/{slug}/index.html"));
        let headline =
            format!(r#"class="summary-total">{total} recommendations concern {name}</h2>"#);
        assert!(page.contains(&headline), "{slug}: {headline}");
        let may_line = match may.len() {
            0 => None,
            1 => Some(format!("1 more may concern {name}:")),
            n => Some(format!("{n} more may concern {name}:")),
        };
        assert_eq!(page.contains("summary-may"), may_line.is_some(), "{slug}");
        if let Some(line) = may_line {
            assert!(page.contains(&line), "{slug}: {line}");
        }
        let mut listed = rec_ids(group(&page, "uncertain"));
        let mut want = may.clone();
        listed.sort();
        want.sort();
        assert_eq!(listed, want, "{slug}: may concern");
        let link = format!(r#"<a href="/parties/{slug}/">{name}</a></th>"#);
        let row = |html: &str| {
            let at = html.find(&link).unwrap_or_else(|| panic!("{slug}: no row"));
            html[at..at + html[at..].find("</tr>").unwrap()].to_string()
        };
        let cells = format!(
            r#"<a href="/parties/{slug}/">{total}</a></td><td class="split">{named}</td><td class="split">{all}</td><td class="split">{open}</td><td class="split may">{}</td>"#,
            may.len()
        );
        assert!(
            row(&home).contains(&cells),
            "{slug}: home matrix {}",
            row(&home)
        );
        let cells = format!("<td>{total}</td><td>{named}</td><td>{}</td>", may.len());
        assert!(row(&index).contains(&cells), "{slug}: Parties index");
        let ids = |k: &str| p[k].as_array().unwrap().len();
        assert_eq!(
            (ids("designated"), ids("may_concern")),
            (named, may.len()),
            "{slug}"
        );
    }
}

#[test]
fn recommendation_pages_show_what_the_source_lacks() {
    let (_tmp, out) = built_site();
    let ii5 = read(&out, "recommendations/ii-5/index.html");
    assert!(ii5.contains("<strong>List lost:</strong> The source refers to a list"));
    let x5 = read(&out, "recommendations/x-5/index.html");
    assert!(x5.contains("<strong>List incomplete:</strong> Names are lost from this list"));
    // One list of X-5 is incomplete, the other three complete: the warning is the one list's.
    assert_eq!(x5.matches("<strong>List incomplete:</strong>").count(), 1);
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

/// Each way a recommendation is addressed has one name, the theme's, wherever it is named:
/// the search filters, the listing by addressees, the home matrix and the Party pages.
#[test]
fn each_scope_has_one_name_on_every_page_and_in_search() {
    let strings: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("themes/default/i18n/en.toml")).unwrap())
            .unwrap();
    let term = |table: &str, key: &str| strings[table][key].as_str().unwrap().to_string();
    let names = ["all", "open", "designated"].map(|s| term("scope", s));
    let (_tmp, out) = built_site();
    let entry = fs::read_dir(out.join("search"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap();
    let entry: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(entry).unwrap()).unwrap();
    let labels: Vec<&str> = entry["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, names);
    let listing = read(&out, "recommendations/by-addressees/index.html");
    for (i, (name, scope)) in names.iter().zip(["all", "open", "designated"]).enumerate() {
        // Each heading links to the scope's shared list, which names it the same way.
        let heading = format!(r#"<h2 id="sec-{}"><a href=""#, i + 1);
        let link = format!(r#"recommendations/by-addressees/{scope}/">{name}</a></h2>"#);
        let after = listing.split(&heading).nth(1).unwrap_or_default();
        assert!(after.split('\n').next().unwrap().ends_with(&link), "{name}");
        let shared = read(
            &out,
            &format!("recommendations/by-addressees/{scope}/index.html"),
        );
        assert!(shared.contains(&format!(": {name}</h1>")), "{scope}");
    }
    let home = read(&out, "index.html");
    let columns = [term("concern", "named"), names[0].clone(), names[1].clone()];
    let may = term("concern", "uncertain");
    let head = columns
        .map(|c| format!("<th scope=\"col\">{c}</th>"))
        .concat();
    assert!(home.contains(&format!(
        "{head}<th scope=\"col\" class=\"col-may\">{may}</th>"
    )));
    let finland = read(&out, "parties/finland/index.html");
    for (id, name) in [("all", &names[0]), ("open", &names[1]), ("uncertain", &may)] {
        assert!(finland.contains(&format!(r#"<h2 id="{id}">"#)), "{id}");
        let heading = finland.split(&format!(r#"<h2 id="{id}">"#)).nth(1).unwrap();
        assert!(
            heading[4..].starts_with(name.as_str()),
            "{id}: {}",
            &heading[..40]
        );
    }
}

/// The citation page's example is the first recommendation's citation, word for word as its
/// own page gives it (the Committee's full name, the edition of site.toml).
#[test]
fn the_cite_pages_example_is_the_citation_its_recommendation_gives() {
    let (_tmp, out) = built_site();
    let cite = read(&out, "cite/index.html");
    let example = cite
        .split_once(r#"<blockquote class="citation-example"><p>"#)
        .and_then(|(_, rest)| rest.split_once(" <a href="))
        .map(|(text, _)| text)
        .expect("an example");
    let ii1 = read(&out, "recommendations/ii-1/index.html");
    let own = ii1
        .split_once("<p class=\"citation\" data-cite-text>")
        .and_then(|(_, rest)| rest.split_once(" <a class=\"cite-url\""))
        .map(|(text, _)| text)
        .unwrap();
    assert_eq!(example, own);
    let site: toml::Table =
        toml::from_str(&fs::read_to_string(root().join("content/site.toml")).unwrap()).unwrap();
    let author = site["report"]["author"]
        .as_str()
        .unwrap()
        .replace('\'', "&#x27;");
    assert!(example.starts_with(&author), "{example}");
    let e = &site["edition"];
    let edition = format!(
        "edition {} ({})",
        e["version"].as_str().unwrap(),
        e["date"].as_str().unwrap()
    );
    assert!(example.contains(&edition), "{example}");
    assert!(cite.contains(r#"<a href="/recommendations/ii-1/cite.bib" download>"#));
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
