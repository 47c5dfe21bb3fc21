//! Pages at 100 times the bundled content (`synth --scale 100`, built once): no page is over
//! 500 KB, a Party's brief included (in parts at that size), and every recommendation that
//! concerns or may concern a Party is reachable from the Party's page, through its own lists
//! and the shared lists of recommendations to all Parties and open ones, and from its brief's
//! first page, through the brief's parts. What concerns a Party is read from the built site's
//! open data, not written here.

use crate::common;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fs;
use std::path::Path;

/// The largest page allowed, in bytes.
const MAX_PAGE: usize = 500_000;

/// Every `href` of an HTML page, as written (our pages quote every attribute with `"`).
fn hrefs(html: &str) -> impl Iterator<Item = &str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
}

/// The output file of a site link (`/parties/x/page/2/#a` → `parties/x/page/2/index.html`).
fn file_of(href: &str) -> Option<String> {
    let path = href.split('#').next()?.strip_prefix('/')?;
    (path.is_empty() || path.ends_with('/')).then(|| format!("{path}index.html"))
}

/// The recommendation a link points at (`/recommendations/iii-16/` → `III-16`), if any.
fn rec_of(href: &str) -> Option<String> {
    let slug = href.strip_prefix("/recommendations/")?.strip_suffix('/')?;
    let (section, number) = slug.split_once('-')?;
    number
        .parse::<u32>()
        .ok()
        .map(|n| format!("{}-{n}", section.to_uppercase()))
}

/// The recommendations linked from Party `slug`'s page and from the lists it links to (its
/// own group pages and the shared lists, with their pages), however deep.
fn reachable(site: &Path, slug: &str) -> BTreeSet<String> {
    let lists = |file: &str| {
        file.starts_with(&format!("parties/{slug}/")) && !file.contains("/brief/")
            || file.starts_with("recommendations/by-addressees/")
    };
    linked(site, &format!("parties/{slug}/index.html"), lists)
}

/// The recommendations linked from Party `slug`'s brief: its first page and the pages in its
/// folder it links to (its parts, when it is in parts), however deep.
fn reachable_from_brief(site: &Path, slug: &str) -> BTreeSet<String> {
    let folder = format!("parties/{slug}/brief/");
    linked(site, &format!("{folder}index.html"), |file| {
        file.starts_with(&folder)
    })
}

/// The recommendations linked from page `start` and from the pages it links to for which
/// `follow` holds, however deep.
fn linked(site: &Path, start: &str, follow: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let (mut seen, mut found) = (BTreeSet::new(), BTreeSet::new());
    let mut queue = VecDeque::from([start.to_string()]);
    while let Some(file) = queue.pop_front() {
        if !seen.insert(file.clone()) {
            continue;
        }
        let html = fs::read_to_string(site.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        for href in hrefs(&html) {
            if let Some(id) = rec_of(href) {
                found.insert(id);
            } else if let Some(next) = file_of(href).filter(|f| follow(f)) {
                queue.push_back(next);
            }
        }
    }
    found
}

/// Each Party's slug with the ids of the recommendations that concern it or may concern it,
/// from the site's own data files: to all Parties, open, or naming the Party (`designated`),
/// and those whose list is lost or incomplete (`may_concern`).
fn concerning(site: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let read = |name: &str| -> serde_json::Value {
        let text = fs::read_to_string(site.join("data").join(name)).unwrap();
        serde_json::from_str(&text).unwrap()
    };
    let recs = read("recommendations.json");
    let to_every_party: BTreeSet<String> = recs
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| matches!(r["scope"].as_str(), Some("all" | "open")))
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    let ids = |v: &serde_json::Value| -> Vec<String> {
        let list = v.as_array().unwrap().iter();
        list.map(|id| id.as_str().unwrap().to_string()).collect()
    };
    let parties = read("parties.json");
    parties
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let mut set = to_every_party.clone();
            set.extend(ids(&p["designated"]));
            set.extend(ids(&p["may_concern"]));
            (p["slug"].as_str().unwrap().to_string(), set)
        })
        .collect()
}

#[test]
fn at_100x_pages_are_light_and_every_recommendation_is_reachable_from_its_party_and_brief() {
    let tmp = tempfile::tempdir().unwrap();
    let site = common::synth_site(tmp.path(), "100");

    let mut pages = 0;
    let mut heavy = Vec::new();
    for e in walkdir::WalkDir::new(&site) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&site).unwrap().display().to_string();
        if !common::is_page(&rel) {
            continue;
        }
        pages += 1;
        let size = e.metadata().unwrap().len() as usize;
        if size > MAX_PAGE {
            heavy.push(format!("{rel}: {size} bytes"));
        }
    }
    assert!(pages > 11_100, "only {pages} pages");
    assert!(
        heavy.is_empty(),
        "pages over {MAX_PAGE} bytes:\n{}",
        heavy.join("\n")
    );

    let parties = concerning(&site);
    assert!(parties.len() > 40, "{} Parties", parties.len());
    for (slug, wanted) in &parties {
        for (from, found) in [
            ("its page", reachable(&site, slug)),
            ("its brief", reachable_from_brief(&site, slug)),
        ] {
            let missing: Vec<&String> = wanted.difference(&found).collect();
            assert!(
                missing.is_empty(),
                "{slug}: {} of {} not reachable from {from}, first {:?}",
                missing.len(),
                wanted.len(),
                &missing[..missing.len().min(5)]
            );
        }
    }
}
