//! Several reports in one site: `tests/fixtures/site-two-reports` (a first monitoring round,
//! the content folder's own, and a special report in `reports/special/`, each with its own
//! levels and Arabic-numbered sections, Parties shared). What each test expects is read from
//! the fixture's files (its recommendation files, its `report.toml`), not from what the code
//! prints.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{compare_golden, fixtures, run, text};

fn content() -> PathBuf {
    fixtures().join("site-two-reports/content")
}

/// The `*.md` files of `dir`: the recommendations of one report.
fn rec_files(dir: &Path) -> Vec<String> {
    let mut ids: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    ids.sort();
    ids
}

#[test]
fn check_accepts_two_reports_and_counts_each() {
    let c = content();
    let out = run(
        &common::root(),
        &["check", "--content", c.to_str().unwrap()],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stderr, "");
    let first = rec_files(&c.join("recommendations")).len();
    let special = rec_files(&c.join("reports/special/recommendations")).len();
    assert!(
        out.stdout
            .starts_with(&format!("ok: {first} recommendations in 2 sections")),
        "{}",
        out.stdout
    );
    let line = format!("ok: report special: {special} recommendations in 2 sections\n");
    assert!(out.stdout.contains(&line), "{}", out.stdout);
}

/// A recommendation id is unique within its report only: both reports have a `1.1`, and a
/// cross-reference resolves in its own report (the special report's `2.1` cites its `1.1`).
#[test]
fn ids_are_unique_within_a_report_not_across() {
    let c = content();
    for dir in ["recommendations", "reports/special/recommendations"] {
        assert!(
            rec_files(&c.join(dir)).contains(&"1.1".to_string()),
            "{dir}"
        );
    }
    let ds = recpub::load_dataset(&c).expect("the fixture is valid");
    assert_eq!(ds.further.len(), 1);
    let special = &ds.further[0];
    assert_eq!(special.slug.as_str(), "special");
    // The special report's own facts and levels, not the first report's.
    let toml = fs::read_to_string(c.join("reports/special/report.toml")).unwrap();
    assert!(toml.contains(&format!(
        "short_title = \"{}\"",
        special.ds.site.report.short_title.as_deref().unwrap()
    )));
    let legend = fs::read_to_string(c.join("reports/special/legend.toml")).unwrap();
    for l in &special.ds.levels {
        assert!(legend.contains(&format!("id = \"{}\"", l.id)), "{}", l.id);
    }
    assert_ne!(special.ds.levels.len(), ds.levels.len());
    // A cross-reference to an id the report lacks is refused in the report's own file.
    let tmp = tempfile::tempdir().unwrap();
    common::copy_tree(&c, &tmp.path().join("content"));
    let rel = "content/reports/special/recommendations/2.1.md";
    let text = fs::read_to_string(tmp.path().join(rel)).unwrap();
    fs::write(tmp.path().join(rel), text.replace("1.1", "1.2")).unwrap();
    let out = common::run_check(tmp.path());
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "{rel}:10:20: error: reference to unknown recommendation \"1.2\""
        )),
        "{}",
        out.stderr
    );
}

/// The fixture built with the base URL `/x/` (the build's link check passes: every internal
/// link of every page resolves); its files by path.
fn build() -> BTreeMap<String, Vec<u8>> {
    build_for("/x/")
}

/// The fixture built for `base_url`; its files by path.
fn build_for(base_url: &str) -> BTreeMap<String, Vec<u8>> {
    build_of(&content(), &["--base-url", base_url])
}

/// The content folder `c` built with `more` arguments; its files by path.
fn build_of(c: &Path, more: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let args = [
        "build",
        "--content",
        c.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(&common::root(), &[&args[..], more].concat());
    assert_eq!(o.code, 0, "{}", o.stderr);
    common::tree(&out)
}

/// The `id = "…"` values of a table file, in order: its sections or levels.
fn ids_in(path: &Path, table: &str) -> Vec<String> {
    let text = fs::read_to_string(path).unwrap();
    let mut ids = Vec::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.starts_with("[[") {
            in_table = line == format!("[[{table}]]");
        } else if let Some(id) = line.strip_prefix("id = \"").filter(|_| in_table) {
            ids.push(id.trim_end_matches('"').to_string());
        }
    }
    ids
}

#[test]
fn a_further_report_has_its_pages_under_reports_slug_and_the_first_stays_at_the_root() {
    let (c, site) = (content(), build());
    let special = c.join("reports/special");
    for id in rec_files(&special.join("recommendations")) {
        for file in ["index.html", "cite.bib", "cite.ris"] {
            let rel = format!("reports/special/recommendations/{id}/{file}");
            assert!(site.contains_key(&rel), "{rel}");
        }
    }
    for s in ids_in(&special.join("sections.toml"), "section") {
        assert!(site.contains_key(&format!("reports/special/sections/{s}/index.html")));
    }
    for l in ids_in(&special.join("legend.toml"), "level") {
        assert!(site.contains_key(&format!("reports/special/levels/{l}/index.html")));
    }
    // The first report's pages are where a site of one report has them, its levels only.
    for id in rec_files(&c.join("recommendations")) {
        assert!(site.contains_key(&format!("recommendations/{id}/index.html")));
    }
    for l in ids_in(&c.join("legend.toml"), "level") {
        assert!(site.contains_key(&format!("levels/{l}/index.html")), "{l}");
    }
    for l in ids_in(&special.join("legend.toml"), "level") {
        assert!(!site.contains_key(&format!("levels/{l}/index.html")), "{l}");
    }
    // A further report's recommendation is cited as its report's, at its own address.
    let bib = text(&site, "reports/special/recommendations/1.1/cite.bib");
    let report = fs::read_to_string(special.join("report.toml")).unwrap();
    let title = report
        .lines()
        .find_map(|l| l.strip_prefix("title = \""))
        .unwrap();
    assert!(
        bib.contains(&format!(
            "booktitle = {{{{{}}}}}",
            title.trim_end_matches('"')
        )),
        "{bib}"
    );
    assert!(
        bib.contains("url = {/x/reports/special/recommendations/1.1/}"),
        "{bib}"
    );
    // The index of reports lists both, each linking to its listing.
    let index = text(&site, "reports/index.html");
    let first = fs::read_to_string(c.join("site.toml")).unwrap();
    let first_title = first
        .lines()
        .skip_while(|l| *l != "[report]")
        .find_map(|l| l.strip_prefix("title = \""))
        .unwrap();
    let a = index.find(&format!(
        "<a href=\"/x/recommendations/\">{}</a>",
        first_title.trim_end_matches('"')
    ));
    let b = index.find(&format!(
        "<a href=\"/x/reports/special/recommendations/\">{}</a>",
        title.trim_end_matches('"')
    ));
    assert!(a.is_some() && b.is_some() && a < b, "{index}");
    // A further report's pages name it in the breadcrumb trail, after the home page, linking
    // to its listing; the first report's do not.
    let short = report
        .lines()
        .find_map(|l| l.strip_prefix("short_title = \""))
        .unwrap();
    let crumb = format!(
        "<li><a href=\"/x/\">Home</a></li>\n<li><a href=\"/x/reports/special/recommendations/\">{}</a></li>",
        short.trim_end_matches('"')
    );
    for page in [
        "reports/special/recommendations/1.1/index.html",
        "reports/special/sections/index.html",
    ] {
        assert!(text(&site, page).contains(&crumb), "{page}");
    }
    assert!(!text(&site, "recommendations/1.1/index.html").contains("/x/reports/special/"));
    // Every report's pages lead to the index of reports (the navigation's first link).
    for page in [
        "index.html",
        "recommendations/1.1/index.html",
        "reports/special/recommendations/1.1/index.html",
    ] {
        assert!(
            text(&site, page).contains("<li><a href=\"/x/reports/\">"),
            "{page}"
        );
    }
    compare_golden(
        "site-two-reports",
        &site,
        &[
            "reports/index.html",
            "reports/special/recommendations/1.1/index.html",
            "reports/special/sections/index.html",
        ],
    );
}

/// How a recommendation file addresses Party `name`, read off its front matter: `designated`
/// when its list names the Party, `all`, `open`, or `None` (another Party's list).
fn concern_in_file(text: &str, name: &str) -> Option<&'static str> {
    let scope = text
        .lines()
        .find_map(|l| l.strip_prefix("scope = \""))
        .unwrap();
    match scope.trim_end_matches('"') {
        "all" => Some("all"),
        "open" => Some("open"),
        _ => {
            let list = text
                .lines()
                .find_map(|l| l.strip_prefix("parties = "))
                .unwrap();
            list.contains(&format!("\"{name}\""))
                .then_some("designated")
        }
    }
}

/// The `(group class, [rec ids])` of a further report's section of a Party page.
fn report_section(html: &str, slug: &str) -> Vec<(String, Vec<String>)> {
    let open = format!("<section class=\"report-group\" aria-labelledby=\"report-{slug}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no group of {slug}"));
    let body = &html[start..];
    let body = &body[..body.find("</section>").unwrap()];
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for part in body.split("<h3 class=\"group-").skip(1) {
        let class = part[..part.find('"').unwrap()].to_string();
        let ids = part
            .split("<span class=\"rec-id\">")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].to_string())
            .collect();
        out.push((class, ids));
    }
    out
}

#[test]
fn a_party_page_lists_each_further_report_s_recommendations_grouped_by_report() {
    let (c, site) = (content(), build());
    let special = c.join("reports/special/recommendations");
    let parties = fs::read_to_string(c.join("parties.toml")).unwrap();
    let slugs = parties.lines().filter_map(|l| l.strip_prefix("slug = \""));
    let names = parties.lines().filter_map(|l| l.strip_prefix("name = \""));
    let mut named_in_both = 0;
    for (slug, name) in slugs.zip(names) {
        let (slug, name) = (slug.trim_end_matches('"'), name.trim_end_matches('"'));
        // Expected: the report's files in id order, grouped named, all, open.
        let mut want: Vec<(String, Vec<String>)> = Vec::new();
        for group in ["designated", "all", "open"] {
            let ids: Vec<String> = rec_files(&special)
                .into_iter()
                .filter(|id| {
                    let text = fs::read_to_string(special.join(format!("{id}.md"))).unwrap();
                    concern_in_file(&text, name) == Some(group)
                })
                .collect();
            if !ids.is_empty() {
                want.push((group.to_string(), ids));
            }
        }
        let page = text(&site, &format!("parties/{slug}/index.html"));
        assert_eq!(report_section(&page, "special"), want, "{slug}");
        // Each links to its page in its report; the first report's groups come first and
        // link to no further report's page.
        let at = page.find("class=\"report-group\"").unwrap();
        for (_, ids) in &want {
            for id in ids {
                let href = format!("href=\"/x/reports/special/recommendations/{id}/\"");
                assert!(page[at..].contains(&href), "{slug}: {href}");
            }
        }
        assert!(!page[..at].contains("/x/reports/special/"), "{slug}");
        let first = c.join("recommendations");
        let named_first = rec_files(&first).iter().any(|id| {
            let text = fs::read_to_string(first.join(format!("{id}.md"))).unwrap();
            concern_in_file(&text, name) == Some("designated")
        });
        if named_first && want.iter().any(|(g, _)| g == "designated") {
            named_in_both += 1;
            assert!(page[..at].contains("<h2 id=\"designated\">"), "{slug}");
        }
    }
    assert!(
        named_in_both > 0,
        "the fixture names a Party in both reports"
    );
    compare_golden("site-two-reports", &site, &["parties/finland/index.html"]);
}

/// Every record of the data files carries its report: `main` for the content folder's own
/// (the name the data files give the first report), the folder's slug for a further one; the
/// further reports' records follow the first report's, each at its page's address.
#[test]
fn the_sitemap_lists_the_further_report_s_pages_and_the_index_of_reports() {
    let base = "https://example.org/two/";
    let site = build_for(base);
    let sitemap = text(&site, "sitemap.xml");
    let listed = |path: &str| sitemap.contains(&format!("<loc>{base}{path}</loc>"));
    // The first report's pages are listed as in a site of one report.
    for id in rec_files(&content().join("recommendations")) {
        let path = format!("recommendations/{}/", id.to_lowercase());
        assert!(listed(&path), "{path} not in the sitemap");
    }
    // Every further report's recommendation, its listings and the index of reports too.
    let special = content().join("reports/special");
    for id in rec_files(&special.join("recommendations")) {
        let path = format!("reports/special/recommendations/{}/", id.to_lowercase());
        assert!(listed(&path), "{path} not in the sitemap");
    }
    for path in [
        "reports/",
        "reports/special/recommendations/",
        "reports/special/sections/",
    ] {
        assert!(listed(path), "{path} not in the sitemap");
    }
    // Nothing twice.
    let locs: Vec<&str> = sitemap.matches("<loc>").collect();
    let mut unique: Vec<&str> = sitemap.split("<loc>").skip(1).collect();
    unique.sort();
    unique.dedup();
    assert_eq!(locs.len(), unique.len(), "an address listed twice");
}

#[test]
fn the_data_files_carry_the_report_of_every_record() {
    let (c, site) = (content(), build());
    let mut want: Vec<(String, String)> = Vec::new();
    for id in rec_files(&c.join("recommendations")) {
        want.push(("main".into(), id));
    }
    for id in rec_files(&c.join("reports/special/recommendations")) {
        want.push(("special".into(), id));
    }
    let json: serde_json::Value =
        serde_json::from_str(&text(&site, "data/recommendations.json")).unwrap();
    let records = json.as_array().unwrap();
    let got: Vec<(String, String)> = records
        .iter()
        .map(|r| {
            (
                r["report"].as_str().unwrap().into(),
                r["id"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(got, want);
    for r in records {
        let (report, id) = (r["report"].as_str().unwrap(), r["id"].as_str().unwrap());
        let folder = if report == "main" {
            String::new()
        } else {
            format!("reports/{report}/")
        };
        assert_eq!(r["url"], format!("/x/{folder}recommendations/{id}/"));
    }
    let csv = text(&site, "data/recommendations.csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("report,id,section,level,")
    );
    let rows: Vec<(String, String)> = lines
        .map(|l| {
            let mut cells = l.split(',');
            (cells.next().unwrap().into(), cells.next().unwrap().into())
        })
        .collect();
    assert_eq!(rows, want);
}

/// site.toml's `[report] slug` names the first report in every file that names reports: the
/// records of the data files, the Parties' lists in `parties.json` and the search index's
/// reports; a further report keeps its folder's name.
#[test]
fn the_first_report_s_slug_is_site_toml_s_when_it_gives_one() {
    let dir = tempfile::tempdir().unwrap();
    let c = dir.path().join("content");
    common::copy_tree(&content(), &c);
    let site_toml = fs::read_to_string(c.join("site.toml")).unwrap();
    let with_slug = site_toml.replacen("[report]\n", "[report]\nslug = \"1st-round\"\n", 1);
    assert_ne!(
        with_slug, site_toml,
        "the fixture's site.toml has a [report] table"
    );
    fs::write(c.join("site.toml"), with_slug).unwrap();
    let site = build_of(&c, &[]);
    let first_ids = rec_files(&content().join("recommendations"));
    let json: serde_json::Value =
        serde_json::from_str(&text(&site, "data/recommendations.json")).unwrap();
    let reports: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["report"].as_str().unwrap())
        .collect();
    assert_eq!(
        reports.iter().filter(|r| **r == "1st-round").count(),
        first_ids.len()
    );
    assert!(
        reports.iter().all(|r| ["1st-round", "special"].contains(r)),
        "{reports:?}"
    );
    let parties: serde_json::Value =
        serde_json::from_str(&text(&site, "data/parties.json")).unwrap();
    for p in parties.as_array().unwrap() {
        let slugs: Vec<&str> = p["reports"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["report"].as_str().unwrap())
            .collect();
        assert_eq!(slugs, ["1st-round", "special"], "{}", p["slug"]);
    }
    let entry = search_entry(&site);
    let slugs: Vec<&str> = entry["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["1st-round", "special"]);
}

/// `serve`'s rebuilds of a site of several reports are byte-identical to full builds: an edit
/// of a further report's recommendation (which builds in full) shows its new text, and an edit
/// of the first report's (the quick path) keeps the further report's pages; the search index,
/// which both reports' recommendations are in, holds either edit.
#[test]
fn serve_rebuilds_a_site_of_several_reports_as_a_full_build_does() {
    use recpub::inputs::classify;
    use recpub::project::{Given, Project};
    use recpub::site::{Build, build_in_memory};
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    common::copy_tree(&content(), &root.join("content"));
    common::copy_tree(&common::root().join("themes"), &root.join("themes"));
    let given = Given {
        root: Some(&root),
        base_url: Some("/"),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    let mut build = Build::new(&project, "/").expect("the fixture builds");
    let special = root.join("content/reports/special/recommendations/1.1.md");
    let first = root.join("content/recommendations/1.1.md");
    for (path, from, to, page) in [
        (
            &special,
            "on arrival.",
            "on arrival, at once.",
            "reports/special/recommendations/1.1/index.html",
        ),
        (
            &first,
            "the term",
            "the words",
            "recommendations/1.1/index.html",
        ),
    ] {
        let text = fs::read_to_string(path).unwrap();
        assert!(text.contains(from), "{from}");
        fs::write(path, text.replace(from, to)).unwrap();
        assert!(
            classify(path, &project.content, &project.theme).is_some(),
            "{to}: not watched"
        );
        let full = build_in_memory(&project, "/").expect("the full build");
        build = build
            .apply(std::slice::from_ref(path))
            .expect("the rebuild");
        let files = build.files();
        let differs = files
            .keys()
            .chain(full.keys())
            .find(|k| files.get(*k) != full.get(*k));
        assert!(
            differs.is_none(),
            "{to}: {differs:?} differs from a full build"
        );
        let html = String::from_utf8(files[page].to_vec()).unwrap();
        assert!(html.contains(to), "{page} does not show {to:?}");
        // The one search index, rebuilt by the kept indexer, holds the edit of either report.
        let index = files
            .keys()
            .find(|p| p.starts_with("search/index.") && p.ends_with(".json"))
            .unwrap();
        let entry = String::from_utf8(files[index].to_vec()).unwrap();
        assert!(entry.contains(to), "{index} does not hold {to:?}");
    }
}

/// The entry file of the search index of a built site, parsed.
fn search_entry(site: &BTreeMap<String, Vec<u8>>) -> serde_json::Value {
    let path = site
        .keys()
        .find(|p| p.starts_with("search/index.") && p.ends_with(".json"))
        .expect("the search index's entry file");
    serde_json::from_str(&text(site, path)).unwrap()
}

/// The `title = "…"` of a recommendation file.
fn title_in_file(text: &str) -> &str {
    let line = text.lines().find_map(|l| l.strip_prefix("title = \""));
    line.unwrap().trim_end_matches('"')
}

/// The one search index holds every recommendation of every report: each document with its
/// report (its slug, and the name the results show: the report's short title), its title and
/// its page's address in its report, which the site has; the sections of each report are its
/// own. Read as `search-engine.js` reads it: a document's report is its section's.
#[test]
fn the_search_index_holds_every_recommendation_of_every_report() {
    let (c, site) = (content(), build());
    let short = |file: &str, after: Option<&str>| {
        let text = fs::read_to_string(c.join(file)).unwrap();
        let from = after.map_or(0, |a| text.find(a).unwrap());
        let line = text[from..]
            .lines()
            .find_map(|l| l.strip_prefix("short_title = \""));
        line.unwrap().trim_end_matches('"').to_string()
    };
    let reports = [
        ("main", short("site.toml", Some("[report]")), "", ""),
        (
            "special",
            short("reports/special/report.toml", None),
            "reports/special/",
            "reports/special/",
        ),
    ];
    let mut want = Vec::new();
    for (slug, name, dir, folder) in &reports {
        let recs = c.join(format!("{dir}recommendations"));
        for id in rec_files(&recs) {
            let file = fs::read_to_string(recs.join(format!("{id}.md"))).unwrap();
            let url = format!("/x/{folder}recommendations/{}/", id.to_lowercase());
            want.push((
                slug.to_string(),
                name.clone(),
                id,
                title_in_file(&file).to_string(),
                url,
            ));
        }
    }
    let e = search_entry(&site);
    assert_eq!(e["n"], want.len());
    let table = e["reports"].as_array().expect("a table of the reports");
    // Each section row's report, then each document's, from the sections' counts.
    let mut report_of_section = Vec::new();
    for (k, r) in table.iter().enumerate() {
        report_of_section.extend(vec![k; r["sections"].as_u64().unwrap() as usize]);
    }
    let sections = e["sections"].as_array().unwrap();
    assert_eq!(sections.len(), report_of_section.len());
    let mut report_of_doc = Vec::new();
    for (s, row) in sections.iter().enumerate() {
        report_of_doc.extend(vec![
            report_of_section[s];
            row[2].as_u64().unwrap() as usize
        ]);
    }
    let docs = e["docs"].as_array().unwrap();
    let got: Vec<_> = docs
        .iter()
        .zip(&report_of_doc)
        .map(|(d, &k)| {
            let id = d[0].as_str().unwrap();
            let pattern = e["recUrls"][k].as_str().unwrap();
            (
                table[k]["slug"].as_str().unwrap().to_string(),
                table[k]["name"].as_str().unwrap().to_string(),
                id.to_string(),
                d[1].as_str().unwrap().to_string(),
                pattern.replace("{slug}", &id.to_lowercase()),
            )
        })
        .collect();
    assert_eq!(got, want);
    for (.., url) in &got {
        let page = format!("{}index.html", url.strip_prefix("/x/").unwrap());
        assert!(site.contains_key(&page), "{page}");
    }
    // Each report's sections, in its order; a further report's keyed apart by its slug.
    let mut rows = Vec::new();
    for (slug, _, dir, _) in &reports {
        for id in ids_in(&c.join(format!("{dir}sections.toml")), "section") {
            let key = (*slug != "main").then(|| format!("{slug}:{id}"));
            rows.push((id, key));
        }
    }
    let got_rows: Vec<_> = sections
        .iter()
        .map(|s| {
            (
                s[0].as_str().unwrap().into(),
                s.get(3).map(|k| k.as_str().unwrap().into()),
            )
        })
        .collect();
    assert_eq!(got_rows, rows);
}

/// The search index's concern table covers every report: how each recommendation concerns
/// each Party, as its file addresses it (the fixture's lists are complete, so a Party its list
/// does not name is not designated).
#[test]
fn the_search_index_s_party_concerns_cover_every_report() {
    let (c, site) = (content(), build());
    let e = search_entry(&site);
    let parties: Vec<(String, String)> = e["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
        .collect();
    let concern = |code: &str| {
        let table = e["concerns"].as_array().unwrap();
        let row = table.iter().find(|c| c["code"] == code).unwrap();
        row["id"].as_str().unwrap().to_string()
    };
    // As search-engine.js reads it: a default code per document, then per code, for each
    // document in turn, a count and that many Party numbers.
    let pc = &e["pc"];
    let def = pc["def"].as_str().unwrap();
    let mut codes: Vec<Vec<String>> = def
        .chars()
        .map(|c| vec![c.to_string(); parties.len()])
        .collect();
    for (code, list) in pc["ex"].as_object().unwrap() {
        let mut nums = crate::search_index::decode(list.as_str().unwrap()).into_iter();
        for row in &mut codes {
            for _ in 0..nums.next().unwrap() {
                row[nums.next().unwrap() as usize] = code.clone();
            }
        }
    }
    let mut files = Vec::new();
    for dir in ["recommendations", "reports/special/recommendations"] {
        for id in rec_files(&c.join(dir)) {
            files.push(fs::read_to_string(c.join(dir).join(format!("{id}.md"))).unwrap());
        }
    }
    assert_eq!(codes.len(), files.len());
    for (d, file) in files.iter().enumerate() {
        for (p, (slug, name)) in parties.iter().enumerate() {
            let want = concern_in_file(file, name).unwrap_or("not-designated");
            assert_eq!(concern(&codes[d][p]), want, "document {d}, {slug}");
        }
    }
}
