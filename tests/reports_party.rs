//! A Party's documents in a site of several reports (`tests/fixtures/site-two-reports`): its
//! CSV, `parties.json`, its brief and the CSL-JSON file hold every report's recommendations,
//! each with its report. What each test expects is computed from the fixture's files (each
//! recommendation's front matter, `parties.toml`, `site.toml` and `report.toml`), never read
//! from what the code prints. A variant of the fixture has a list the source kept in part and
//! a Party that joined between the two reports' adoptions, so that "may concern" and the
//! joined-later rule are read with each report's own adoption date.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{compare_golden, fixtures, run, text};

/// The groups of a Party's documents, in page order, by their ids.
const GROUPS: [&str; 5] = ["designated", "all", "open", "not-designated", "uncertain"];

/// One report of the fixture as its files give it.
struct Report {
    /// `main` for the content folder's own, else its folder's name.
    slug: String,
    /// Where its pages are, under the base URL: `""` or `reports/<slug>/`.
    folder: String,
    /// `[report]` of site.toml, or report.toml: `key = "value"` lines.
    facts: BTreeMap<String, String>,
    /// Its recommendation files' texts, by id, in id order.
    recs: Vec<(String, String)>,
}

/// A Party: its slug, name and `joined`, if given.
struct Party {
    slug: String,
    name: String,
    joined: Option<String>,
}

/// The `key = "value"` lines of `text` (after `from`, a table's header, when given, up to the
/// next table).
fn values(text: &str, from: Option<&str>) -> BTreeMap<String, String> {
    let mut lines = text.lines();
    if let Some(header) = from {
        lines.find(|l| *l == header).expect("the table");
    }
    lines
        .take_while(|l| from.is_none() || !l.starts_with('['))
        .filter_map(|l| l.split_once(" = \""))
        .map(|(k, v)| (k.to_string(), v.trim_end_matches('"').to_string()))
        .collect()
}

fn reports(c: &Path) -> Vec<Report> {
    let read = |dir: PathBuf| -> Vec<(String, String)> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let id = |p: &PathBuf| p.file_stem().unwrap().to_string_lossy().into_owned();
        files
            .iter()
            .map(|p| (id(p), fs::read_to_string(p).unwrap()))
            .collect()
    };
    let site = fs::read_to_string(c.join("site.toml")).unwrap();
    let special = fs::read_to_string(c.join("reports/special/report.toml")).unwrap();
    vec![
        Report {
            slug: "main".into(),
            folder: String::new(),
            facts: values(&site, Some("[report]")),
            recs: read(c.join("recommendations")),
        },
        Report {
            slug: "special".into(),
            folder: "reports/special/".into(),
            facts: values(&special, None),
            recs: read(c.join("reports/special/recommendations")),
        },
    ]
}

fn parties(c: &Path) -> Vec<Party> {
    let text = fs::read_to_string(c.join("parties.toml")).unwrap();
    text.split("[[party]]")
        .skip(1)
        .map(|t| {
            let v = values(t, None);
            Party {
                slug: v["slug"].clone(),
                name: v["name"].clone(),
                joined: v.get("joined").cloned(),
            }
        })
        .collect()
}

/// How a recommendation file concerns `party` in `report`, by the rule docs/graph.md states:
/// its scope; for designated Parties, whether the list names it, else whether the list is
/// complete or the Party joined after the report was adopted (`YYYY-MM-DD` compares as text).
fn group_of(text: &str, party: &Party, report: &Report) -> &'static str {
    let v = values(text, None);
    match v["scope"].as_str() {
        "all" => return "all",
        "open" => return "open",
        _ => {}
    }
    let list = text
        .lines()
        .find_map(|l| l.strip_prefix("parties = "))
        .unwrap_or("[]");
    let late = match (&party.joined, report.facts.get("adopted_on")) {
        (Some(joined), Some(adopted)) => joined > adopted,
        _ => false,
    };
    let complete = v.get("list").is_none_or(|l| l == "complete");
    if list.contains(&format!("\"{}\"", party.name)) {
        "designated"
    } else if complete || late {
        "not-designated"
    } else {
        "uncertain"
    }
}

/// Every recommendation of `report` with its group for `party`, group by group in page order,
/// each group in id order.
fn grouped<'r>(report: &'r Report, party: &Party) -> Vec<(&'static str, &'r str)> {
    let mut out = Vec::new();
    for g in GROUPS {
        for (id, text) in &report.recs {
            if group_of(text, party, report) == g {
                out.push((g, id.as_str()));
            }
        }
    }
    out
}

/// The fixture's content folder; with `variant`, a copy in `tmp` where the special report's
/// 1.1 keeps only part of its list, North Macedonia joined between the two reports'
/// adoptions, and the first report gives its day of adoption (which `joined` requires).
fn content(tmp: &Path, variant: bool) -> PathBuf {
    let c = fixtures().join("site-two-reports/content");
    if !variant {
        return c;
    }
    let to = tmp.join("content");
    common::copy_tree(&c, &to);
    let edit = |rel: &str, from: &str, with: &str| {
        let text = fs::read_to_string(to.join(rel)).unwrap();
        assert!(text.contains(from), "{rel}: {from}");
        fs::write(to.join(rel), text.replacen(from, with, 1)).unwrap();
    };
    edit(
        "reports/special/recommendations/1.1.md",
        "scope = \"designated\"\n",
        "scope = \"designated\"\nlist = \"partial\"\n",
    );
    edit(
        "parties.toml",
        "iso = \"MK\"\n",
        "iso = \"MK\"\njoined = \"2018-05-01\"\n",
    );
    edit(
        "site.toml",
        "[report]\n",
        "[report]\nadopted_on = \"2019-01-01\"\n",
    );
    to
}

/// `c` built with the base URL `/x/`; its files by path.
fn build(c: &Path) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let args = [
        "build",
        "--content",
        c.to_str().unwrap(),
        "--base-url",
        "/x/",
    ];
    let o = run(
        &common::root(),
        &[&args[..], &["--out", out.to_str().unwrap()]].concat(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    common::tree(&out)
}

/// Runs `check` on the fixture and on its variant ([`content`]), each built, the variant's
/// `true`.
fn both(check: impl Fn(&Path, &BTreeMap<String, Vec<u8>>, bool)) {
    for variant in [false, true] {
        let tmp = tempfile::tempdir().unwrap();
        let c = content(tmp.path(), variant);
        check(&c, &build(&c), variant);
    }
}

#[test]
fn a_party_s_csv_has_every_report_s_recommendations_with_their_report_and_group() {
    both(|c, site, _| {
        let reports = reports(c);
        for party in parties(c) {
            let mut want = Vec::new();
            for rep in &reports {
                for (group, id) in grouped(rep, &party) {
                    let url = format!("/x/{}recommendations/{id}/", rep.folder);
                    want.push([rep.slug.clone(), group.into(), id.into(), url]);
                }
            }
            let csv = text(site, &format!("parties/{}/recommendations.csv", party.slug));
            let mut rows = csv::Reader::from_reader(csv.as_bytes());
            let header = rows.headers().unwrap().clone();
            assert_eq!(&header[0], "report", "{}", party.slug);
            let at = |name: &str| header.iter().position(|h| h == name).unwrap();
            let cols = [at("report"), at("group"), at("id"), at("permalink")];
            let got: Vec<[String; 4]> = rows
                .records()
                .map(|r| cols.map(|k| r.as_ref().unwrap()[k].to_string()))
                .collect();
            assert_eq!(got, want, "{}", party.slug);
        }
    });
}

#[test]
fn parties_json_gives_each_party_s_lists_in_every_report() {
    both(|c, site, _| {
        let reports = reports(c);
        let json: serde_json::Value =
            serde_json::from_str(&text(site, "data/parties.json")).unwrap();
        for (party, record) in parties(c).iter().zip(json.as_array().unwrap()) {
            assert_eq!(record["slug"], party.slug.as_str());
            let want: Vec<serde_json::Value> = reports
                .iter()
                .map(|rep| {
                    let g = grouped(rep, party);
                    let ids = |k: &str| -> Vec<&str> {
                        g.iter()
                            .filter(|(x, _)| *x == k)
                            .map(|(_, id)| *id)
                            .collect()
                    };
                    let concerns = g
                        .iter()
                        .filter(|(x, _)| ["designated", "all", "open"].contains(x));
                    serde_json::json!({
                        "report": rep.slug,
                        "concerns": concerns.count(),
                        "designated": ids("designated"),
                        "may_concern": ids("uncertain"),
                    })
                })
                .collect();
            assert_eq!(
                record["reports"],
                serde_json::Value::Array(want),
                "{}",
                party.slug
            );
            // The first report's lists stay where a site of one report has them.
            assert_eq!(record["designated"], record["reports"][0]["designated"]);
            assert_eq!(record["may_concern"], record["reports"][0]["may_concern"]);
        }
    });
}

/// The groups of a brief's part for report `slug` (`main`: the first report's, before any
/// further report's part), each as its id and its entries' ids and addresses.
fn brief_groups(html: &str, slug: &str) -> Vec<(String, Vec<(String, String)>)> {
    let further = "<section class=\"brief-report\"";
    let body = if slug == "main" {
        &html[..html.find(further).unwrap_or(html.len())]
    } else {
        // From the report's part to the next one's, if any.
        let open = format!("{further} aria-labelledby=\"report-{slug}\">");
        let Some(at) = html.find(&open) else {
            return Vec::new();
        };
        let rest = &html[at + open.len()..];
        &rest[..rest.find(further).unwrap_or(rest.len())]
    };
    let mut out = Vec::new();
    for part in body.split("<section class=\"brief-group group-").skip(1) {
        let id = part[..part.find('"').unwrap()].to_string();
        let entries: Vec<(String, String)> = part
            .split("<span class=\"rec-id\">")
            .skip(1)
            .map(|s| {
                let url = s.split("class=\"brief-rec-url\">").nth(1).unwrap();
                let href = url.split("href=\"").nth(1).unwrap();
                let (id, href) = (&s[..s.find('<').unwrap()], &href[..href.find('"').unwrap()]);
                (id.to_string(), href.to_string())
            })
            .collect();
        if !entries.is_empty() {
            out.push((id, entries));
        }
    }
    out
}

#[test]
fn a_party_s_brief_holds_every_report_s_recommendations_under_the_report_s_title() {
    both(|c, site, variant| {
        let reports = reports(c);
        for party in parties(c) {
            for file in [
                "brief/index.html".to_string(),
                format!("{}-brief.html", party.slug),
            ] {
                let html = text(site, &format!("parties/{}/{file}", party.slug));
                let mut total = 0;
                for rep in &reports {
                    // Every group but the recommendations addressed only to other Parties.
                    let mut want: Vec<(String, Vec<(String, String)>)> = Vec::new();
                    for (group, id) in grouped(rep, &party) {
                        if group == "not-designated" {
                            continue;
                        }
                        let url = (
                            id.to_string(),
                            format!("/x/{}recommendations/{id}/", rep.folder),
                        );
                        match want.last_mut() {
                            Some((g, ids)) if g == group => ids.push(url),
                            _ => want.push((group.to_string(), vec![url])),
                        }
                    }
                    let got = brief_groups(&html, &rep.slug);
                    assert_eq!(got, want, "{} {file}: {}", party.slug, rep.slug);
                    let n: usize = want.iter().map(|(_, ids)| ids.len()).sum();
                    total += n;
                    if rep.slug != "main" && n > 0 {
                        let heading = format!(
                            "<h2 id=\"report-{}\">{} <span class=\"total\">({n})</span></h2>",
                            rep.slug, rep.facts["title"]
                        );
                        assert!(html.contains(&heading), "{} {file}: {heading}", party.slug);
                    }
                }
                let lead = format!("grouped as on {}&#39;s page: {total} in all.", party.name);
                assert!(html.contains(&lead), "{} {file}: {lead}", party.slug);
            }
        }
        if !variant {
            compare_golden(
                "site-two-reports",
                site,
                &["parties/finland/brief/index.html"],
            );
        }
    });
}

#[test]
fn the_csl_json_file_cites_every_report_s_recommendations_by_their_own_report() {
    both(|c, site, _| {
        let json: serde_json::Value =
            serde_json::from_str(&text(site, "data/recommendations.csl.json")).unwrap();
        let items = json.as_array().unwrap();
        let mut want = Vec::new();
        for rep in reports(c) {
            for (id, _) in &rep.recs {
                let key = match rep.slug.as_str() {
                    "main" => id.clone(),
                    slug => format!("{slug}-{id}"),
                };
                want.push((
                    key,
                    rep.facts.clone(),
                    format!("/x/{}recommendations/{id}/", rep.folder),
                ));
            }
        }
        assert_eq!(items.len(), want.len());
        for (item, (key, facts, url)) in items.iter().zip(&want) {
            assert_eq!(item["id"], key.as_str());
            assert_eq!(item["container-title"], facts["title"].as_str(), "{key}");
            assert_eq!(item["URL"], url.as_str(), "{key}");
            let number = facts.get("reference").map(|r| serde_json::json!(r));
            assert_eq!(item.get("number"), number.as_ref(), "{key}");
            match facts.get("adopted") {
                Some(adopted) => {
                    // "March 2017": the year, then the month.
                    let year: u64 = adopted.rsplit(' ').next().unwrap().parse().unwrap();
                    assert_eq!(item["issued"]["date-parts"][0][0], year, "{key}");
                    assert!(
                        item["note"].as_str().unwrap().contains(adopted.as_str()),
                        "{key}"
                    );
                }
                None => assert_eq!(item.get("issued"), None, "{key}"),
            }
        }
        // Each further report's item carries its reference: the fixture gives one.
        assert!(want.iter().any(|(_, f, _)| f.contains_key("reference")));
    });
}
