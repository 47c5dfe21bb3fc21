//! Party pages: one Party in, its page (every recommendation, grouped by how it concerns the
//! Party) and its CSV out. A recommendation whose list is incomplete or missing and does not
//! name the Party is never shown as leaving it out: it has its own group.

use anyhow::{Context, Result};
use serde::Serialize;

use super::Renderer;
use super::views::{LevelCount, Meta, RecItem, level_counts, party_label};
use crate::graph::{Concern, SiteGraph, namings};
use crate::model::{Party, Recommendation};

/// A Party page.
#[derive(Debug, Serialize)]
struct PartyView<'a> {
    name: &'a str,
    iso: &'a str,
    csv_url: String,
    groups: Vec<GroupView<'a>>,
}

/// One group of recommendations: how they concern the Party.
#[derive(Debug, Serialize)]
struct GroupView<'a> {
    id: &'static str,
    letter: char,
    heading: String,
    description: String,
    total: usize,
    counts: Vec<LevelCount<'a>>,
    sections: Vec<SectionGroup<'a>>,
}

/// Part of a group: one section's items (designated group) or all items (other groups).
#[derive(Debug, Serialize)]
struct SectionGroup<'a> {
    anchor: Option<String>,
    title: Option<String>,
    items: Vec<RecItem<'a>>,
}

/// Renders every Party page and CSV.
pub(super) fn render_all(r: &mut Renderer) -> Result<()> {
    let g = r.g;
    for party in &g.ds.parties {
        let view = view(g, party);
        let url = g.urls.party(&party.slug);
        let desc = format!(
            "The recommendations of the Lanzarote Committee that concern {}: by name, to all Parties, open, and those whose list of Parties is incomplete in the source.",
            party.name
        );
        let meta = Meta::new(g, url, format!("{}: recommendations", party.name), desc);
        r.page("party.html", meta, &view)?;
        let csv = party_csv(g, party)?;
        r.file_at_url(&g.urls.party_csv(&party.slug), csv)?;
    }
    Ok(())
}

fn view<'a>(g: &SiteGraph<'a>, party: &'a Party) -> PartyView<'a> {
    let groups = g
        .concerns(party)
        .into_iter()
        .zip('a'..)
        .map(|((concern, recs), letter)| group(g, party, concern, letter, &recs))
        .collect();
    PartyView {
        name: &party.name,
        iso: &party.iso,
        csv_url: g.urls.party_csv(&party.slug),
        groups,
    }
}

fn group<'a>(
    g: &SiteGraph<'a>,
    party: &Party,
    concern: Concern,
    letter: char,
    recs: &[&'a Recommendation],
) -> GroupView<'a> {
    let (heading, description) = wording(concern, &party.name);
    let sections = if concern == Concern::Named {
        by_section(g, party, recs)
    } else {
        vec![SectionGroup {
            anchor: None,
            title: None,
            items: RecItem::list(g, recs),
        }]
    };
    GroupView {
        id: concern.as_str(),
        letter,
        heading,
        description,
        total: recs.len(),
        counts: level_counts(g, recs),
        sections,
    }
}

/// The designated group, one part per section (the home matrix links to these anchors).
fn by_section<'a>(
    g: &SiteGraph<'a>,
    party: &Party,
    recs: &[&'a Recommendation],
) -> Vec<SectionGroup<'a>> {
    g.ds.sections
        .iter()
        .filter_map(|s| {
            let items: Vec<RecItem> = recs
                .iter()
                .filter(|r| r.id.section == s.id)
                .map(|r| RecItem {
                    note: naming_note(g, r, party),
                    ..RecItem::new(g, r)
                })
                .collect();
            (!items.is_empty()).then(|| SectionGroup {
                anchor: Some(format!("designated-{}", s.id.slug())),
                title: Some(format!("Section {}: {}", s.id, s.title)),
                items,
            })
        })
        .collect()
}

/// "as Belgium (French community)", "in the Health sector" — how the source names the Party.
fn naming_note(g: &SiteGraph, rec: &Recommendation, party: &Party) -> Option<String> {
    let mut parts = Vec::new();
    for n in namings(rec, &party.slug) {
        let mut s = String::new();
        if let Some(q) = n.qualifier {
            s = format!("as {}", party_label(g.ds, &party.slug, Some(q)));
        }
        if let Some(sector) = n.sector {
            let label =
                g.ds.sectors
                    .iter()
                    .find(|x| x.id == sector)
                    .map_or(sector, |x| &x.label);
            s = if s.is_empty() {
                label.to_string()
            } else {
                format!("{s}, {label}")
            };
        }
        if !s.is_empty() {
            parts.push(s);
        }
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn wording(concern: Concern, name: &str) -> (String, String) {
    match concern {
        Concern::Named => (
            "Designated by name".into(),
            format!("The source names {name} among the Parties these recommendations address."),
        ),
        Concern::All => (
            "Addressed to all Parties".into(),
            format!(
                "Addressed to all Parties, or to \u{201c}Parties\u{201d} in general: {name} included."
            ),
        ),
        Concern::Open => (
            format!("Open: {name} assesses whether they apply"),
            "Addressed to Parties \u{201c}not already doing so\u{201d} without naming them.".into(),
        ),
        Concern::NotNamed => (
            format!("Designated recommendations that do not include {name}"),
            format!(
                "Addressed to Parties the source names; its complete list does not name {name}."
            ),
        ),
        Concern::Uncertain => (
            format!("List incomplete or missing in the source \u{2014} may concern {name}"),
            format!(
                "Addressed to designated Parties, but the source does not preserve the whole list, and what remains does not name {name}. These may concern {name}."
            ),
        ),
    }
}

/// One row per recommendation that concerns the Party in any way, with its group.
fn party_csv(g: &SiteGraph, party: &Party) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "group",
        "id",
        "level",
        "section",
        "title",
        "named_as",
        "list_status",
        "permalink",
    ])?;
    for (concern, recs) in g.concerns(party) {
        for rec in recs {
            let permalink = g.urls.absolute(&g.urls.recommendation(&rec.id));
            w.write_record([
                concern.as_str(),
                &rec.id.to_string(),
                rec.level.as_str(),
                rec.id.section.as_str(),
                &rec.title,
                &naming_note(g, rec, party).unwrap_or_default(),
                rec.addressees.completeness().as_str(),
                &permalink,
            ])?;
        }
    }
    w.into_inner().context("writing a Party's CSV")
}
