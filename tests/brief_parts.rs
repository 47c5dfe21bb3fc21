//! Briefs in parts. At 8 times the bundled content (`synth --scale 8`, built once) a brief is
//! longer than one page holds: its first page says in how many parts it is and links to each;
//! each part says "Part k of n", links to the parts before and after it (links that resolve),
//! the brief's first page and the Party page, and is under 500 KB; the parts hold every
//! recommendation of the brief exactly once, group by group, each group in the report's order,
//! as the open data says, and so does the file to download, which stays whole. The bundled
//! content's briefs are each one page.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{root, run};

/// The largest page allowed, in bytes.
const MAX_PAGE: usize = 500_000;

/// The groups of a brief, in its order, by their ids.
const GROUPS: [&str; 4] = ["designated", "all", "open", "uncertain"];

/// Each Party's slug with its brief's entries as the open data says they are: (group, slug of
/// the recommendation), the groups in the brief's order, each in the data's (the report's)
/// order.
fn expected(site: &Path) -> BTreeMap<String, Vec<(String, String)>> {
    let read = |name: &str| -> serde_json::Value {
        let text = fs::read_to_string(site.join("data").join(name)).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let str_of = |v: &serde_json::Value| v.as_str().unwrap().to_string();
    let recs: Vec<(String, String)> = read("recommendations.json")
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (str_of(&r["id"]), str_of(&r["scope"])))
        .collect();
    let mut out = BTreeMap::new();
    for p in read("parties.json").as_array().unwrap() {
        let set =
            |k: &str| -> BTreeSet<String> { p[k].as_array().unwrap().iter().map(str_of).collect() };
        let (named, uncertain) = (set("designated"), set("may_concern"));
        let in_group = |group: &str, (id, scope): &(String, String)| match group {
            "designated" => named.contains(id),
            "uncertain" => uncertain.contains(id),
            _ => scope == group,
        };
        let entries = GROUPS.iter().flat_map(|group| {
            let recs = recs.iter().filter(|r| in_group(group, r));
            recs.map(|(id, _)| (group.to_string(), id.to_lowercase()))
        });
        out.insert(str_of(&p["slug"]), entries.collect());
    }
    out
}

/// A brief page's entries in page order: (group, recommendation's slug), read from each
/// group's `<section>` and each entry's `<article>`.
fn entries(html: &str) -> Vec<(String, String)> {
    const GROUP: &str = "<section class=\"brief-group group-";
    const ENTRY: &str = "<article class=\"brief-rec\" id=\"";
    let (mut out, mut group, mut rest) = (Vec::new(), String::new(), html);
    loop {
        let next = |m: &str| rest.find(m).map(|at| (at, m.len()));
        let (at, len, is_group) = match (next(GROUP), next(ENTRY)) {
            (Some((g, l)), Some((e, _))) if g < e => (g, l, true),
            (_, Some((e, l))) => (e, l, false),
            (Some((g, l)), None) => (g, l, true),
            (None, None) => return out,
        };
        rest = &rest[at + len..];
        let value = rest[..rest.find('"').unwrap()].to_string();
        match is_group {
            true => group = value,
            false => out.push((group.clone(), value)),
        }
    }
}

/// The `href` of the first link with `rel="<rel>"` in `html`.
fn rel_link<'h>(html: &'h str, rel: &str) -> Option<&'h str> {
    let at = html.find(&format!("rel=\"{rel}\" href=\""))? + rel.len() + 13;
    html[at..].split('"').next()
}

/// Every `href` in the first element that starts with `open` in `html`, up to `close`.
fn hrefs_in<'h>(html: &'h str, open: &str, close: &str) -> Vec<&'h str> {
    let start = html.find(open).unwrap_or_else(|| panic!("no {open}"));
    let part = &html[start..];
    let part = &part[..part.find(close).unwrap()];
    part.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// The output file of a site link (`/parties/x/brief/all/` → `parties/x/brief/all/index.html`).
fn file_of(site: &Path, href: &str) -> String {
    let rel = format!("{}index.html", href.strip_prefix('/').unwrap());
    fs::read_to_string(site.join(&rel)).unwrap_or_else(|e| panic!("{href} does not resolve: {e}"))
}

/// Checks Party `slug`'s brief in parts whose first page is `first`: each part's number, its
/// links and size; returns the parts' entries, in order, and the parts' links.
fn parts_of(site: &Path, slug: &str, first: &str) -> (Vec<(String, String)>, Vec<String>) {
    let brief = format!("/parties/{slug}/brief/");
    let links: Vec<String> = hrefs_in(first, "<nav class=\"brief-contents\"", "</nav>")
        .into_iter()
        .map(str::to_string)
        .collect();
    let n = links.len();
    assert!(n > 1, "{slug}: {n} parts");
    assert!(first.contains(&format!("It is in {n} parts")), "{slug}");
    let mut all = Vec::new();
    for (k, link) in links.iter().enumerate() {
        assert!(link.starts_with(&brief), "{slug}: part {link}");
        let html = file_of(site, link);
        assert!(html.len() <= MAX_PAGE, "{link}: {} bytes", html.len());
        let said = format!("<p class=\"lead brief-part-of\">Part {} of {n}:", k + 1);
        assert!(html.contains(&said), "{link} does not say {said}");
        let before = k.checked_sub(1).map(|j| links[j].as_str());
        assert_eq!(rel_link(&html, "prev"), before, "{link}: previous part");
        let after = links.get(k + 1).map(String::as_str);
        assert_eq!(rel_link(&html, "next"), after, "{link}: next part");
        let nav = hrefs_in(&html, "<nav class=\"brief-parts-nav\"", "</nav>");
        let party = format!("/parties/{slug}/");
        assert!(nav.contains(&brief.as_str()) && nav.contains(&party.as_str()));
        for href in nav {
            file_of(site, href);
        }
        let held = entries(&html);
        assert!(!held.is_empty(), "{link} holds no entry");
        all.extend(held);
    }
    (all, links)
}

#[test]
fn a_long_brief_is_in_parts_that_hold_each_of_its_recommendations_once_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::synth_site(tmp.path(), "8");

    let (mut in_parts, mut paged_groups) = (0, 0);
    let expected = expected(&site);
    assert!(expected.len() > 40, "{} Parties", expected.len());
    for (slug, wanted) in &expected {
        let first = fs::read_to_string(site.join(format!("parties/{slug}/brief/index.html")));
        let first = first.unwrap();
        let held = if first.contains("class=\"brief-split\"") {
            in_parts += 1;
            assert!(
                entries(&first).is_empty(),
                "{slug}: entries on the first page"
            );
            let (held, links) = parts_of(&site, slug, &first);
            paged_groups += links.iter().filter(|l| l.ends_with("/page/2/")).count();
            held
        } else {
            entries(&first)
        };
        assert_eq!(&held, wanted, "{slug}: the brief's entries");
        let file = site.join(format!("parties/{slug}/{slug}-brief.html"));
        let file = fs::read_to_string(file).unwrap();
        assert_eq!(&entries(&file), wanted, "{slug}: the file's entries");
    }
    assert!(in_parts > 40, "{in_parts} briefs in parts");
    assert!(paged_groups > 0, "no group of a brief is in several parts");
}

#[test]
fn the_bundled_briefs_are_one_page_each() {
    let tmp = tempfile::tempdir().unwrap();
    let (out, cache) = (tmp.path().join("site"), tmp.path().join("cache"));
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let args = [
        "build",
        "--no-zip",
        "--out",
        &s(&out),
        "--cache-dir",
        &s(&cache),
    ];
    let built = run(&root(), &args);
    assert_eq!(built.code, 0, "{}", built.stderr);
    let parties = fs::read_dir(out.join("parties")).unwrap();
    let mut briefs = 0;
    for party in parties.map(|e| e.unwrap().path()).filter(|p| p.is_dir()) {
        let brief = party.join("brief");
        let first = fs::read_to_string(brief.join("index.html")).unwrap();
        assert!(!first.contains("brief-split"), "{}", brief.display());
        assert!(!entries(&first).is_empty(), "{}", brief.display());
        let inside: Vec<_> = fs::read_dir(&brief).unwrap().map(|e| e.unwrap()).collect();
        assert_eq!(inside.len(), 1, "{}: {inside:?}", brief.display());
        briefs += 1;
    }
    assert!(briefs > 40, "{briefs} briefs");
}
