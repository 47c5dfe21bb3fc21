//! A Party that joined after the report was adopted (`joined` in parties.toml, later than
//! `[report] adopted_on`): `tests/fixtures/party-joined/` is the base fixture with Ireland,
//! which joined after, and Finland, which joined before. Ireland's page and `parties.json` must
//! equal the goldens in `party-joined/expected/` (`BLESS=1` rewrites them; read the diff); the
//! notice is on Ireland's page only, and the data carries `joined` only where it is given.

use crate::common;

use std::fs;

use common::fixtures;
use common::site::SiteTest;

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
    assert_eq!(ids("not-designated"), ["II-2", "III-1"]);
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
