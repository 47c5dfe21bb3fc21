//! The graph's indexes on a hand-made dataset of five recommendations in two sections and
//! three Parties: each expectation below is read off the dataset as written here.

use super::*;
use crate::model::{
    Addressees, Completeness, IdPattern, IdScheme, Level, PartyList, References, Report, Scope,
    Sector, Site, Urls,
};

const INVITE: Level = Level(0);
const REQUEST: Level = Level(1);
const REQUIRE: Level = Level(2);

fn slug(s: &str) -> PartySlug {
    PartySlug::parse(s).unwrap()
}

fn list(sector: Option<&str>, named: &[&str], completeness: Completeness) -> PartyList {
    let parties = named.iter().map(|s| Addressee {
        party: slug(s),
        qualifier: None,
    });
    PartyList {
        sector: sector.map(String::from),
        footnote: None,
        parties: parties.collect(),
        completeness,
    }
}

/// The fixture's sections, II and III, with the default id pattern.
fn scheme() -> IdScheme {
    IdScheme::new(vec!["II".into(), "III".into()], IdPattern::Hyphen)
}

fn rec(
    id: &str,
    level: Level,
    scope: Scope,
    lists: Vec<PartyList>,
    refs: &[&str],
) -> Recommendation {
    Recommendation {
        id: scheme().rec(id).unwrap(),
        path: format!("{id}.md").into(),
        title: String::new(),
        level,
        addressees: Addressees { scope, lists },
        body: String::new(),
        text: String::new(),
        footnotes: Vec::new(),
        references: References {
            recommendations: refs.iter().map(|r| scheme().rec(r).unwrap()).collect(),
            ..References::default()
        },
        source_marker: None,
        editorial: Vec::new(),
    }
}

fn site() -> Site {
    let report = Report {
        title: "R".into(),
        body: Some("C".into()),
        round: Some("1".into()),
        adopted: Some("2022".into()),
        committee_url: Some("https://example.org/".into()),
        ..Report::default()
    };
    Site {
        title: "T".into(),
        short_title: "T".into(),
        description: String::new(),
        language: "en".into(),
        interface_language: "en".into(),
        interface_language_at: None,
        report,
        edition: None,
        base_url: None,
        notice: None,
        publisher: None,
        licence: None,
        names: Default::default(),
    }
}

/// II-1 (all), II-2 (names Andorra, complete), III-1 (open), III-2 (names Belgium, partial
/// list), III-3 (names Andorra in the health sector's complete list). III-1 and III-2 cite
/// II-1; II-1 cites III-2.
fn dataset() -> Dataset {
    use Completeness::{Complete, Partial};
    let party = |s: &str, name: &str| Party {
        slug: slug(s),
        name: name.into(),
        iso: String::new(),
        joined: None,
    };
    let section = |id: &str| Section {
        id: scheme().section(id).unwrap(),
        title: format!("Section {id}"),
    };
    Dataset {
        site: site(),
        ids: scheme(),
        levels: ["invite", "request", "require"]
            .iter()
            .zip(0..)
            .map(|(id, i)| crate::model::LevelInfo {
                level: Level(i),
                id: id.to_string(),
                label: id.to_string(),
                verbs: vec![format!("{id}s")],
                description: String::new(),
            })
            .collect(),
        labels_note: None,
        speaker: None,
        concerns: Vec::new(),
        sectors: vec![Sector {
            id: "health".into(),
            label: "Health sector".into(),
        }],
        sections: vec![section("II"), section("III")],
        parties: vec![
            party("andorra", "Andorra"),
            party("belgium", "Belgium"),
            party("cyprus", "Cyprus"),
        ],
        recommendations: vec![
            rec("II-1", REQUIRE, Scope::All, vec![], &["III-2"]),
            rec(
                "II-2",
                REQUEST,
                Scope::Designated,
                vec![list(None, &["andorra"], Complete)],
                &[],
            ),
            rec("III-1", REQUEST, Scope::Open, vec![], &["II-1"]),
            rec(
                "III-2",
                REQUIRE,
                Scope::Designated,
                vec![list(None, &["belgium"], Partial)],
                &["II-1"],
            ),
            rec(
                "III-3",
                INVITE,
                Scope::Designated,
                vec![list(Some("health"), &["andorra"], Complete)],
                &[],
            ),
        ],
        pages: Vec::new(),
        thesaurus: Default::default(),
        history: Default::default(),
        warnings: Default::default(),
        further: Vec::new(),
    }
}

fn graph(ds: &Dataset) -> SiteGraph<'_> {
    SiteGraph::build(ds, Urls::parse("/").unwrap())
}

/// The ids of `recs`, as the report writes them.
fn ids(g: &SiteGraph, recs: &[RecIdx]) -> Vec<String> {
    recs.iter().map(|&i| g.rec(i).id.to_string()).collect()
}

fn find(g: &SiteGraph, id: &str) -> RecIdx {
    g.find_rec(&scheme().rec(id).unwrap()).unwrap()
}

#[test]
fn each_party_gets_every_recommendation_in_exactly_its_group() {
    let ds = dataset();
    let g = graph(&ds);
    let cases: [(&str, [&[&str]; 5]); 3] = [
        (
            "andorra",
            [&["II-2", "III-3"], &["II-1"], &["III-1"], &[], &["III-2"]],
        ),
        (
            "belgium",
            [&["III-2"], &["II-1"], &["III-1"], &["II-2", "III-3"], &[]],
        ),
        (
            "cyprus",
            [&[], &["II-1"], &["III-1"], &["II-2", "III-3"], &["III-2"]],
        ),
    ];
    for (party, want) in cases {
        let groups = g.concerns(g.find_party(&slug(party)).unwrap());
        for (k, (concern, recs)) in groups.iter().enumerate() {
            assert_eq!(concern, Concern::ALL[k], "groups in page order");
            assert_eq!(ids(&g, recs), want[k], "{party} {concern:?}");
            assert_eq!(groups.get(concern), recs);
        }
    }
}

#[test]
fn a_partial_list_that_does_not_name_a_party_is_uncertain_never_not_named() {
    let ds = dataset();
    let g = graph(&ds);
    let cyprus = g.find_party(&slug("cyprus")).unwrap();
    let iii2 = find(&g, "III-2");
    assert!(g.concerns(cyprus).get(Concern::Uncertain).contains(&iii2));
    assert!(!g.concerns(cyprus).get(Concern::NotNamed).contains(&iii2));
}

#[test]
fn a_party_that_joined_after_adoption_is_never_told_a_list_may_concern_it() {
    let mut ds = dataset();
    ds.site.report.adopted_on = Some(Date::parse("2022-03-10").unwrap());
    ds.parties[2].joined = Some(Date::parse("2023-01-01").unwrap());
    let g = graph(&ds);
    let cyprus = g.find_party(&slug("cyprus")).unwrap();
    let groups = g.concerns(cyprus);
    // III-2's partial list was drawn up before Cyprus joined: it does not name Cyprus; II-1,
    // to all Parties, and III-1, open, concern it as they concern every Party.
    assert_eq!(
        ids(&g, groups.get(Concern::NotNamed)),
        ["II-2", "III-2", "III-3"]
    );
    assert!(groups.get(Concern::Uncertain).is_empty());
    assert_eq!(ids(&g, groups.get(Concern::All)), ["II-1"]);
    assert_eq!(ids(&g, groups.get(Concern::Open)), ["III-1"]);
    // Andorra was a Party then: the same partial list may concern it.
    let andorra = g.find_party(&slug("andorra")).unwrap();
    assert_eq!(
        ids(&g, g.concerns(andorra).get(Concern::Uncertain)),
        ["III-2"]
    );
    // Joined on the day of adoption: a Party when the lists were drawn up.
    ds.parties[2].joined = ds.site.report.adopted_on;
    let g = graph(&ds);
    let groups = g.concerns(cyprus);
    assert_eq!(ids(&g, groups.get(Concern::Uncertain)), ["III-2"]);
}

#[test]
fn referenced_by_lists_the_citing_recommendations_in_report_order() {
    let ds = dataset();
    let g = graph(&ds);
    assert_eq!(
        ids(&g, g.referenced_by(find(&g, "II-1"))),
        ["III-1", "III-2"]
    );
    assert_eq!(ids(&g, g.referenced_by(find(&g, "III-2"))), ["II-1"]);
    assert!(g.referenced_by(find(&g, "III-3")).is_empty());
}

#[test]
fn neighbours_stop_at_the_edges_of_a_section() {
    let ds = dataset();
    let g = graph(&ds);
    let pair = |id: &str| {
        let (p, n) = g.neighbours(find(&g, id));
        (
            p.map(|i| ids(&g, &[i]).remove(0)),
            n.map(|i| ids(&g, &[i]).remove(0)),
        )
    };
    let s = |x: &str| Some(x.to_string());
    assert_eq!(pair("II-1"), (None, s("II-2")));
    // Last of II: III-1 follows it in the report but not in its section.
    assert_eq!(pair("II-2"), (s("II-1"), None));
    assert_eq!(pair("III-1"), (None, s("III-2")));
    assert_eq!(pair("III-2"), (s("III-1"), s("III-3")));
    assert_eq!(pair("III-3"), (s("III-2"), None));
}

#[test]
fn sections_levels_and_scopes_list_their_recommendations_in_report_order() {
    let ds = dataset();
    let g = graph(&ds);
    let iii = g.find_section(&scheme().section("III").unwrap()).unwrap();
    assert_eq!(g.section(iii).title, "Section III");
    assert_eq!(ids(&g, g.in_section(iii)), ["III-1", "III-2", "III-3"]);
    assert_eq!(
        g.section_of(find(&g, "II-2")),
        g.sections().first().copied()
    );
    assert_eq!(ids(&g, g.at_level(REQUIRE)), ["II-1", "III-2"]);
    assert_eq!(ids(&g, g.at_level(REQUEST)), ["II-2", "III-1"]);
    assert_eq!(ids(&g, g.at_level(INVITE)), ["III-3"]);
    assert_eq!(
        ids(&g, g.with_scope(Scope::Designated)),
        ["II-2", "III-2", "III-3"]
    );
    assert_eq!(ids(&g, g.with_scope(Scope::Open)), ["III-1"]);
    assert_eq!(
        ids(&g, g.recs()),
        ["II-1", "II-2", "III-1", "III-2", "III-3"]
    );
}

#[test]
fn named_in_section_counts_and_takes_the_strongest_level() {
    let ds = dataset();
    let g = graph(&ds);
    let (ii, iii) = (g.sections()[0], g.sections()[1]);
    let p = |s: &str| g.find_party(&slug(s)).unwrap();
    assert_eq!(ids(&g, g.named_in(p("andorra"), ii)), ["II-2"]);
    assert_eq!(ids(&g, g.named_in(p("andorra"), iii)), ["III-3"]);
    // Addressed to all, open, or not naming Belgium: none of II counts.
    assert!(g.named_in(p("belgium"), ii).is_empty());
    assert_eq!(g.named_in_section(p("andorra"), ii), (1, Some(REQUEST)));
    assert_eq!(g.named_in_section(p("andorra"), iii), (1, Some(INVITE)));
    assert_eq!(g.named_in_section(p("belgium"), iii), (1, Some(REQUIRE)));
    assert_eq!(g.named_in_section(p("cyprus"), iii), (0, None));
}

#[test]
fn lookups_by_id_slug_and_sector_return_the_right_item() {
    let ds = dataset();
    let g = graph(&ds);
    for (k, r) in ds.recommendations.iter().enumerate() {
        let i = g.find_rec(&r.id).unwrap();
        assert_eq!((i.index(), g.rec(i).id.to_string()), (k, r.id.to_string()));
    }
    let b = g.find_party(&slug("belgium")).unwrap();
    assert_eq!((b.index(), g.party(b).name.as_str()), (1, "Belgium"));
    assert_eq!(g.find_party(&slug("malta")), None);
    assert_eq!(g.find_rec(&scheme().rec("IV-1").unwrap()), None);
    assert_eq!(g.find_section(&scheme().section("IV").unwrap()), None);
    assert_eq!(g.party_name(&slug("cyprus")), "Cyprus");
    assert_eq!(g.party_name(&slug("malta")), "malta");
    assert_eq!(g.sector_label("health"), "Health sector");
    assert_eq!(g.sector_label("energy"), "energy");
}

#[test]
fn a_list_the_source_lacks_never_leaves_a_party_out() {
    let adopted = Date::parse("2022-03-10").ok();
    let party = |joined: Option<&str>| Party {
        slug: slug("finland"),
        name: "Finland".into(),
        iso: "FI".into(),
        joined: joined.map(|d| Date::parse(d).unwrap()),
    };
    let (before, later) = (party(Some("2019-01-01")), party(Some("2022-03-11")));
    use Completeness::{Complete, Partial, Unknown};
    use Concern::{All, Named, NotNamed, Open, Uncertain};
    // (scope, named, list, how it concerns a Party of the day, and one that joined later)
    let cases = [
        (Scope::All, &[][..], Complete, All, All),
        (Scope::Open, &[], Complete, Open, Open),
        (Scope::Designated, &["finland"], Complete, Named, Named),
        (Scope::Designated, &["finland"], Partial, Named, Named),
        (Scope::Designated, &["malta"], Complete, NotNamed, NotNamed),
        (Scope::Designated, &["malta"], Partial, Uncertain, NotNamed),
        (Scope::Designated, &[], Unknown, Uncertain, NotNamed),
    ];
    for (scope, named, completeness, then, late) in cases {
        let lists = match scope {
            Scope::Designated => vec![list(None, named, completeness)],
            _ => Vec::new(),
        };
        let r = rec("II-5", REQUIRE, scope, lists, &[]);
        let case = format!("{scope:?} {named:?} {completeness:?}");
        assert_eq!(Concern::of(&r, &party(None), adopted), then, "{case}");
        assert_eq!(Concern::of(&r, &before, adopted), then, "{case}");
        assert_eq!(Concern::of(&r, &later, adopted), late, "{case}");
        // Without the report's adoption date, `joined` compares with nothing.
        assert_eq!(Concern::of(&r, &later, None), then, "{case}");
    }
}
