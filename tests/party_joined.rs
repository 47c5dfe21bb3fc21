//! A Party that joined after the report was adopted (`joined` in parties.toml, later than
//! `[report] adopted_on`): `tests/fixtures/party-joined/` is the base fixture with Ireland,
//! which joined after, and Finland, which joined before. Ireland's page and `parties.json` must
//! equal the goldens in `party-joined/expected/` (`BLESS=1` rewrites them; read the diff); the
//! notice is on Ireland's page only, and the data carries `joined` only where it is given.
//! II-3's list is lost in the source and III-2's incomplete: written before Ireland joined,
//! neither may concern Ireland anywhere the site says how recommendations concern a Party,
//! while both may concern Finland.

use crate::common;

use std::fs;

use common::fixtures;
use common::site::{SiteTest, group, rec_ids};

/// The files compared with their goldens.
const GOLDEN: [&str; 2] = ["parties/ireland/index.html", "data/parties.json"];

#[test]
fn a_party_that_joined_later_has_its_page_and_data_as_the_goldens() {
    let site = SiteTest::from_fixture("party-joined/content")
        .with_args(&["--base-url", "/joined/"])
        .build();
    let expected = fixtures().join("party-joined/expected");
    let mut differ = Vec::new();
    for rel in GOLDEN {
        let path = expected.join(rel);
        if std::env::var_os("BLESS").is_some() {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, site.read(rel)).unwrap();
        }
        let want = fs::read_to_string(&path).unwrap_or_default();
        if site.read(rel) != want {
            differ.push(rel);
        }
    }
    assert!(differ.is_empty(), "differ from their goldens: {differ:?}");
}

#[test]
fn only_the_party_that_joined_after_adoption_is_told_so() {
    let site = SiteTest::from_fixture("party-joined/content").build();
    let ireland = site.read("parties/ireland/index.html");
    let notice = "Ireland became a Party on 2021-06-01, after the report was adopted \
                  (January 2020). The recommendations addressed to all Parties concern it as \
                  one of all Parties.";
    assert!(ireland.contains(notice), "no notice on Ireland's page");
    // Finland joined before the report was adopted; Albania gives no date.
    for slug in ["finland", "albania"] {
        let page = site.read(&format!("parties/{slug}/index.html"));
        assert!(
            !page.contains("party-joined"),
            "{slug}'s page has the notice"
        );
    }
    // The recommendation to all Parties concerns it; the Committee's lists do not name it.
    let ids = |id| common::site::rec_ids(common::site::group(&ireland, id));
    assert_eq!(ids("all"), ["II-1"]);
    assert_eq!(ids("not-designated"), ["II-2", "II-3", "III-1", "III-2"]);
}

#[test]
fn parties_json_carries_joined_only_where_given() {
    let site = SiteTest::from_fixture("party-joined/content").build();
    let parties: serde_json::Value = serde_json::from_str(&site.read("data/parties.json")).unwrap();
    let joined = |slug: &str| {
        let p = parties
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug)
            .unwrap_or_else(|| panic!("{slug} not in parties.json"));
        p.get("joined").cloned()
    };
    assert_eq!(joined("ireland"), Some("2021-06-01".into()));
    assert_eq!(joined("finland"), Some("2019-03-01".into()));
    assert_eq!(joined("albania"), None);
}

/// The fixture's recommendations whose list of Parties is lost (II-3) or incomplete (III-2) in
/// the source; neither names Finland or Ireland.
const LOST_OR_INCOMPLETE: [&str; 2] = ["II-3", "III-2"];

/// Every group a Party page of the fixture shows (no recommendation of it is open).
const GROUPS: [&str; 4] = ["designated", "all", "not-designated", "uncertain"];

#[test]
fn a_list_drawn_up_before_a_party_joined_never_may_concern_it_on_its_page_or_brief() {
    let site = SiteTest::from_fixture("party-joined/content").build();
    let read = |rel: String| site.read(&rel);
    let page = |slug| read(format!("parties/{slug}/index.html"));
    let brief = |slug| read(format!("parties/{slug}/brief/index.html"));
    let ids = |html: &str, id| rec_ids(group(html, id));
    let (ireland, finland) = (page("ireland"), page("finland"));
    assert!(ids(&ireland, "uncertain").is_empty());
    assert_eq!(
        ids(&ireland, "not-designated"),
        ["II-2", "II-3", "III-1", "III-2"]
    );
    assert!(
        !ireland.contains("summary-may"),
        "Ireland is told some may concern it"
    );
    assert!(ireland.contains("1 recommendation concerns Ireland"));
    assert_eq!(ids(&finland, "uncertain"), LOST_OR_INCOMPLETE);
    assert!(finland.contains("2 more may concern Finland"));
    assert!(finland.contains("2 recommendations concern Finland"));
    // Every recommendation in exactly one group of each page, each group's count its entries.
    for (slug, html) in [("ireland", &ireland), ("finland", &finland)] {
        let mut all: Vec<String> = GROUPS.iter().flat_map(|g| ids(html, g)).collect();
        all.sort();
        assert_eq!(all, site.rec_ids(), "{slug}");
        for g in GROUPS {
            let n = ids(html, g).len();
            let heading = format!("<span class=\"total\">({n})</span></h2>");
            assert!(group(html, g).contains(&heading), "{slug} {g}: not {n}");
        }
    }
    // The brief lists what concerns the Party and what may: for Ireland, nothing may.
    let (ireland, finland) = (brief("ireland"), brief("finland"));
    assert!(ids(&ireland, "uncertain").is_empty());
    assert_eq!(ids(&ireland, "all"), ["II-1"]);
    for id in LOST_OR_INCOMPLETE {
        let entry = format!("<span class=\"rec-id\">{id}</span>");
        assert!(!ireland.contains(&entry), "Ireland's brief shows {id}");
    }
    assert_eq!(ids(&finland, "uncertain"), LOST_OR_INCOMPLETE);
}

#[test]
fn a_list_drawn_up_before_a_party_joined_never_may_concern_it_in_data_and_counts() {
    let site = SiteTest::from_fixture("party-joined/content").build();
    let parties: serde_json::Value = serde_json::from_str(&site.read("data/parties.json")).unwrap();
    let field = |slug: &str, key: &str| -> Vec<String> {
        let p = parties
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["slug"] == slug);
        serde_json::from_value(p.unwrap()[key].clone()).unwrap()
    };
    assert!(field("ireland", "may_concern").is_empty());
    assert!(field("ireland", "designated").is_empty());
    assert_eq!(field("finland", "may_concern"), LOST_OR_INCOMPLETE);
    assert_eq!(field("albania", "designated"), ["II-2", "III-2"]);
    assert_eq!(field("albania", "may_concern"), ["II-3"]);
    // The Parties index: total, named, may concern; the home matrix: total, named, to all
    // Parties, may concern (no recommendation is open), then one cell per section.
    let index = |slug| numbers(&site.read("parties/index.html"), slug);
    let home = |slug| numbers(&site.read("index.html"), slug);
    assert_eq!(index("ireland"), [1, 0, 0]);
    assert_eq!(index("finland"), [2, 1, 2]);
    assert_eq!(home("ireland")[..4], [1, 0, 1, 0]);
    assert_eq!(home("finland")[..4], [2, 1, 1, 2]);
    // Each Party's CSV gives every recommendation its group.
    let groups = |slug: &str| -> Vec<(String, String)> {
        let csv = site.read(&format!("parties/{slug}/recommendations.csv"));
        // A row starts with its group and id, neither quoted.
        let row = |l: &str| {
            let mut f = l.splitn(3, ',');
            let (g, id) = (f.next().unwrap(), f.next().unwrap());
            (id.to_string(), g.to_string())
        };
        csv.lines().skip(1).map(row).collect()
    };
    for id in LOST_OR_INCOMPLETE {
        let of = |slug| {
            groups(slug)
                .into_iter()
                .find(|(i, _)| i == id)
                .map(|(_, g)| g)
        };
        assert_eq!(of("ireland").as_deref(), Some("not-designated"), "{id}");
        assert_eq!(of("finland").as_deref(), Some("uncertain"), "{id}");
    }
}

#[test]
fn a_list_drawn_up_before_a_party_joined_never_may_concern_it_in_the_search_index() {
    let site = SiteTest::from_fixture("party-joined/content").build();
    let entry = fs::read_dir(site.out().join("search"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("index.") && n.ends_with(".json"))
        .expect("the search index's entry file");
    let e: serde_json::Value =
        serde_json::from_str(&site.read(&format!("search/{entry}"))).unwrap();
    let concern = |code: &str| {
        let table = e["concerns"].as_array().unwrap();
        let row = table.iter().find(|c| c["code"] == code).unwrap();
        row["id"].as_str().unwrap().to_string()
    };
    let party = |slug: &str| {
        let parties = e["parties"].as_array().unwrap();
        parties.iter().position(|p| p[0] == slug).unwrap()
    };
    let docs: Vec<&str> = e["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d[0].as_str().unwrap())
        .collect();
    // As search-engine.js reads it: a default code per document, then per code, for each
    // document in turn, a count and that many Party numbers.
    let pc = &e["pc"];
    let def: Vec<String> = pc["def"]
        .as_str()
        .unwrap()
        .chars()
        .map(String::from)
        .collect();
    let mut codes: Vec<Vec<String>> = def.iter().map(|c| vec![c.clone(); 5]).collect();
    for (code, list) in pc["ex"].as_object().unwrap() {
        let mut nums = crate::search_index::decode(list.as_str().unwrap()).into_iter();
        for row in &mut codes {
            for _ in 0..nums.next().unwrap() {
                row[nums.next().unwrap() as usize] = code.clone();
            }
        }
    }
    let of = |id: &str, slug: &str| {
        let d = docs.iter().position(|x| *x == id).unwrap();
        concern(&codes[d][party(slug)])
    };
    for id in LOST_OR_INCOMPLETE {
        assert_eq!(of(id, "ireland"), "not-designated", "{id}");
        assert_eq!(of(id, "finland"), "uncertain", "{id}");
        assert_eq!(of(id, "north-macedonia"), "uncertain", "{id}");
    }
    assert_eq!(of("III-2", "albania"), "designated");
    assert_eq!(of("II-1", "ireland"), "all");
}

/// The numbers of Party `slug`'s row in a table whose rows start with a link to its page.
fn numbers(html: &str, slug: &str) -> Vec<u32> {
    let start = html
        .find(&format!(
            "<tr><th scope=\"row\"><a href=\"/parties/{slug}/\">"
        ))
        .unwrap_or_else(|| panic!("no row for {slug}"));
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    row.split("<td")
        .skip(1)
        .map(|cell| {
            let text: String = cell[cell.find('>').unwrap()..]
                .split('<')
                .map(|s| s.rsplit('>').next().unwrap())
                .collect();
            // A section's cell may say more after its count.
            let n = text.split_whitespace().next().unwrap_or_default();
            n.parse().unwrap_or_else(|_| panic!("{slug}: {cell}"))
        })
        .collect()
}
