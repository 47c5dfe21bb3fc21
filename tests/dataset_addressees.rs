//! Addressees: a table of expected scopes and Party lists, typed in from the report (not
//! produced by the loader), checked against the loaded dataset. A wrong Party list on a
//! published page is the worst bug this project can have.

use crate::common;

use recpub::model::{Completeness, Dataset, PartySlug, Recommendation, Scope};

fn dataset() -> Dataset {
    recpub::load_dataset(&common::root().join("content")).expect("the bundled content is valid")
}

fn rec<'a>(ds: &'a Dataset, id: &str) -> &'a Recommendation {
    ds.recommendations
        .iter()
        .find(|r| r.id.to_string() == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

/// Names of one list, as the source spells them, with qualifiers.
fn names(ds: &Dataset, r: &Recommendation, sector: Option<&str>) -> Vec<String> {
    let list = r
        .addressees
        .lists
        .iter()
        .find(|l| l.sector.as_deref() == sector)
        .expect("list");
    list.parties
        .iter()
        .map(|a| {
            let name = ds.party(&a.party).unwrap().name.clone();
            a.qualifier
                .as_ref()
                .map_or(name.clone(), |q| format!("{name} ({q})"))
        })
        .collect()
}

fn split(s: &str) -> Vec<String> {
    s.split(", ").map(str::to_string).collect()
}

const III_16: &str = "Albania, Andorra, Belgium, Cyprus, Estonia, Georgia, Greece, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Romania, San Marino, Slovak Republic, Slovenia, Switzerland, Turkey, Ukraine";
const IV_5: &str = "Albania, Andorra, Belgium, Bosnia and Herzegovina, Bulgaria, Cyprus, Denmark, Estonia, Georgia, Germany, Greece, Italy, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Montenegro, San Marino, Serbia, Slovak Republic, Turkey, Ukraine";
const IV_6: &str = "Albania, Cyprus, Georgia, Italy, Malta, Monaco, Montenegro, North Macedonia, San Marino, Serbia, Slovak Republic, Ukraine";
const VI_3: &str = "Albania, Austria, Belgium, Bulgaria, Estonia, Finland, Georgia, Iceland, Latvia, Lithuania, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, North Macedonia, San Marino, Serbia, Slovak Republic, Spain, Sweden, Turkey, Ukraine";
const X_7: &str = "Albania, Andorra, Belgium (French community), Bosnia and Herzegovina, Croatia, Cyprus, Czech Republic, Georgia, Germany, Greece, Iceland, Italy, Lithuania, Malta, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Poland, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_1: &str = "Albania, Belgium (Flemish and French communities), Denmark, Georgia, Greece, Liechtenstein, Lithuania, Republic of Moldova, San Marino, Serbia, Sweden, Ukraine";
const X_5_EDUCATION: &str = "Albania, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, Georgia, Greece, Iceland, Lithuania, Luxembourg, Malta, Republic of Moldova, North Macedonia, Poland, Romania, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_5_HEALTH: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, France, Georgia, Greece, Iceland, Italy, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, North Macedonia, Norway, Poland, Romania, San Marino, Serbia, Slovak Republic, Slovenia, Turkey, Ukraine";
const X_5_SOCIAL: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, France, Georgia, Greece, Italy, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Poland, Romania, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_5_SPORT: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Denmark, Estonia, Georgia, Greece, Hungary, Iceland, Italy, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Montenegro, Netherlands, North Macedonia, Norway, Poland, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_6_EDUCATION: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, Georgia, Greece, Iceland, Italy, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, North Macedonia, Poland, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_6_HEALTH_KNOWN: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, France, Georgia, Greece, Iceland, Italy, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Poland, Romania, San Marino, Serbia, Slovak Republic";
const X_6_SOCIAL_KNOWN: &str = "Denmark, Estonia, France, Georgia, Greece, Italy, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, Norway, Poland, Romania, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";
const X_6_SPORT: &str = "Albania, Andorra, Austria, Belgium, Bosnia and Herzegovina, Bulgaria, Croatia, Czech Republic, Denmark, Estonia, France, Georgia, Greece, Iceland, Italy, Latvia, Liechtenstein, Lithuania, Luxembourg, Malta, Republic of Moldova, Monaco, Montenegro, Netherlands, North Macedonia, Norway, Poland, San Marino, Serbia, Slovak Republic, Slovenia, Spain, Turkey, Ukraine";

#[test]
fn footnote_lists_match_the_report() {
    let ds = dataset();
    for (id, want, footnote) in [
        ("III-16", III_16, "141"),
        ("IV-5", IV_5, "166"),
        ("IV-6", IV_6, "169"),
        ("VI-3", VI_3, "199"),
        ("X-1", X_1, "277"),
        ("X-7", X_7, "294"),
    ] {
        let r = rec(&ds, id);
        assert_eq!(r.addressees.scope, Scope::Designated, "{id}");
        assert_eq!(names(&ds, r, None), split(want), "{id}");
        let list = &r.addressees.lists[0];
        assert_eq!(
            (list.footnote.as_deref(), list.completeness),
            (Some(footnote), Completeness::Complete),
            "{id}"
        );
    }
}

#[test]
fn sector_lists_of_x5_and_x6_match_the_report() {
    let ds = dataset();
    let cases = [
        ("X-5", "education", X_5_EDUCATION, Completeness::Partial),
        ("X-5", "health", X_5_HEALTH, Completeness::Complete),
        (
            "X-5",
            "social-protection",
            X_5_SOCIAL,
            Completeness::Complete,
        ),
        (
            "X-5",
            "sport-culture-leisure",
            X_5_SPORT,
            Completeness::Complete,
        ),
        ("X-6", "education", X_6_EDUCATION, Completeness::Complete),
        ("X-6", "health", X_6_HEALTH_KNOWN, Completeness::Partial),
        (
            "X-6",
            "social-protection",
            X_6_SOCIAL_KNOWN,
            Completeness::Partial,
        ),
        (
            "X-6",
            "sport-culture-leisure",
            X_6_SPORT,
            Completeness::Complete,
        ),
    ];
    for (id, sector, want, completeness) in cases {
        let r = rec(&ds, id);
        assert_eq!(names(&ds, r, Some(sector)), split(want), "{id} {sector}");
        let list = r
            .addressees
            .lists
            .iter()
            .find(|l| l.sector.as_deref() == Some(sector))
            .unwrap();
        assert_eq!(list.completeness, completeness, "{id} {sector}");
    }
    assert_eq!(rec(&ds, "X-5").addressees.lists.len(), 4);
    assert_eq!(
        rec(&ds, "X-6").addressees.completeness(),
        Completeness::Partial
    );
}

#[test]
fn ii5_list_is_recorded_as_unknown_not_invented() {
    let ds = dataset();
    let r = rec(&ds, "II-5");
    assert_eq!(r.addressees.scope, Scope::Designated);
    assert_eq!(r.addressees.completeness(), Completeness::Unknown);
    assert!(r.addressees.named_parties().is_empty());
    assert_eq!(r.addressees.lists[0].footnote.as_deref(), Some("95"));
    assert!(!r.editorial.is_empty(), "the missing list is explained");
}

#[test]
fn parties_named_in_the_sentence() {
    let ds = dataset();
    for (id, want) in [
        ("III-1", "Liechtenstein, San Marino"),
        ("III-2", "Bosnia and Herzegovina"),
        (
            "III-8",
            "Bulgaria, Czech Republic, Denmark, Estonia, Monaco, Montenegro, Netherlands, Romania, Switzerland, Ukraine",
        ),
        ("IV-2", "Cyprus"),
        ("V-1", "Bulgaria, Hungary, Monaco, Russian Federation"),
        (
            "V-18",
            "Belgium, Croatia, Cyprus, Denmark, Estonia, Italy, Lithuania, Malta, Poland, Romania, Sweden",
        ),
    ] {
        let r = rec(&ds, id);
        assert_eq!(
            (r.addressees.scope, names(&ds, r, None)),
            (Scope::Designated, split(want)),
            "{id}"
        );
    }
}

#[test]
fn scopes_of_all_and_open_recommendations() {
    let ds = dataset();
    for id in [
        "II-1", "II-6", "III-4", "III-19", "III-30", "V-3", "V-19", "VII-5", "VIII-1", "IX-3",
        "X-3", "XI-2",
    ] {
        assert_eq!(rec(&ds, id).addressees.scope, Scope::All, "{id}");
    }
    for id in [
        "II-3", "II-9", "II-10", "III-3", "III-14", "IV-7", "VI-2", "VI-4", "VIII-9", "IX-1",
        "X-2", "XI-1", "XI-4",
    ] {
        assert_eq!(rec(&ds, id).addressees.scope, Scope::Open, "{id}");
    }
    let count = |s| {
        ds.recommendations
            .iter()
            .filter(|r| r.addressees.scope == s)
            .count()
    };
    assert_eq!(
        (
            count(Scope::All),
            count(Scope::Open),
            count(Scope::Designated)
        ),
        (52, 24, 35)
    );
}

#[test]
fn finland_is_designated_by_vi3_alone() {
    let ds = dataset();
    let finland = PartySlug::parse("finland").unwrap();
    let naming: Vec<String> = ds
        .recommendations
        .iter()
        .filter(|r| r.addressees.names(&finland))
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(naming, ["VI-3"]);
}

#[test]
fn every_party_the_source_names_is_in_the_table() {
    let ds = dataset();
    let src = std::fs::read_to_string(
        common::root().join("content/source/lanzarote-ict-recommendations.txt"),
    )
    .unwrap();
    assert_eq!(ds.parties.len(), 43);
    for p in &ds.parties {
        assert!(src.contains(&p.name), "{} is not in the source", p.name);
        assert_eq!(p.slug.as_str(), p.name.to_lowercase().replace(' ', "-"));
    }
    let slug = |s: &str| {
        ds.party(&PartySlug::parse(s).unwrap())
            .map(|p| (p.name.as_str(), p.iso.as_str()))
    };
    assert_eq!(slug("north-macedonia"), Some(("North Macedonia", "MK")));
    assert_eq!(
        slug("republic-of-moldova"),
        Some(("Republic of Moldova", "MD"))
    );
}

#[test]
fn levels_follow_the_committees_verb() {
    let ds = dataset();
    for r in &ds.recommendations {
        let verb = ds.level_info(r.level).verb();
        assert!(
            r.text.contains(&format!("Committee {verb}")),
            "{}: level {:?}",
            r.id,
            r.level
        );
    }
    assert_eq!(ds.level_id(rec(&ds, "III-12").level), "require");
    assert_eq!(ds.level_id(rec(&ds, "III-13").level), "request");
    assert_eq!(ds.level_id(rec(&ds, "II-1").level), "invite");
}

#[test]
fn references_are_structured() {
    let ds = dataset();
    let refs = |id| {
        let r = rec(&ds, id);
        let recs: Vec<String> = r
            .references
            .recommendations
            .iter()
            .map(|x| x.to_string())
            .collect();
        (
            recs,
            r.references.articles.clone(),
            r.references.explanatory_report.clone(),
        )
    };
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(refs("II-3"), (s(&["II-1"]), vec![], vec![]));
    assert_eq!(refs("VI-4"), (s(&["VI-3"]), vec![], vec![]));
    assert_eq!(refs("II-5"), (vec![], vec![], s(&["129"])));
    assert_eq!(refs("II-9"), (vec![], s(&["20(2)"]), vec![]));
    assert_eq!(refs("V-1"), (vec![], s(&["20(4)", "20(1)(f)"]), vec![]));
    assert_eq!(refs("IV-3"), (vec![], s(&["25(3)", "25(1)(e)"]), vec![]));
    assert_eq!(refs("III-3").2, s(&["235"]));
}
