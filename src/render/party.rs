//! Party pages: one Party in, its page (every recommendation, grouped by how it concerns the
//! Party) and its CSV out. A recommendation whose list is incomplete or missing and does not
//! name the Party is never shown as leaving it out: it has its own group.

use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::items::{ListHtml, render_item};
use super::views::{LevelCount, Meta, RecItem, level_counts, party_label};
use crate::graph::{Concern, SiteGraph, namings};
use crate::model::{Party, Recommendation, Scope};

/// A Party page.
#[derive(Debug, Serialize)]
struct PartyView<'a, 'h> {
    name: &'a str,
    iso: &'a str,
    csv_url: String,
    groups: Vec<GroupView<'a, 'h>>,
}

/// One group of recommendations: how they concern the Party.
#[derive(Debug, Serialize)]
struct GroupView<'a, 'h> {
    id: &'static str,
    letter: char,
    heading: String,
    description: String,
    total: usize,
    counts: Vec<LevelCount<'a>>,
    sections: Vec<SectionGroup<'h>>,
}

/// Part of a group: one section's items (designated group) or all items (other groups).
#[derive(Debug, Serialize)]
struct SectionGroup<'h> {
    anchor: Option<String>,
    title: Option<String>,
    list: ListHtml<'h>,
}

/// The recommendations of one Party page, by group.
type Groups<'a> = BTreeMap<Concern, Vec<&'a Recommendation>>;

/// Renders every Party page and CSV, on all cores.
pub(super) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.g;
    // "All" and "open" do not depend on the Party: their lists are joined once.
    let shared: BTreeMap<Concern, ListHtml> =
        [(Concern::All, Scope::All), (Concern::Open, Scope::Open)]
            .into_iter()
            .map(|(concern, scope)| {
                let recs: Vec<_> =
                    g.ds.recommendations
                        .iter()
                        .filter(|rec| rec.addressees.scope == scope)
                        .collect();
                (concern, r.items.list(&recs))
            })
            .collect();
    g.ds.parties.par_iter().try_for_each(|party| {
        let groups = g.concerns(party);
        let view = view(r, party, &groups, &shared)?;
        let url = g.urls.party(&party.slug);
        let desc = format!(
            "The recommendations of the Lanzarote Committee that concern {}: by name, to all Parties, open, and those whose list of Parties is incomplete in the source.",
            party.name
        );
        let meta = Meta::new(g, url, format!("{}: recommendations", party.name), desc);
        r.page("party.html", meta, &view)?;
        let csv = party_csv(r, party, &groups)?;
        r.file_at_url(&g.urls.party_csv(&party.slug), csv)
    })
}

fn view<'a, 'h>(
    r: &'h Renderer<'_, 'a>,
    party: &'a Party,
    groups: &Groups<'a>,
    shared: &'h BTreeMap<Concern, ListHtml>,
) -> Result<PartyView<'a, 'h>> {
    let groups = groups
        .iter()
        .zip('a'..)
        .map(|((&concern, recs), letter)| group(r, party, concern, letter, recs, shared))
        .collect::<Result<_>>()?;
    Ok(PartyView {
        name: &party.name,
        iso: &party.iso,
        csv_url: r.g.urls.party_csv(&party.slug),
        groups,
    })
}

fn group<'a, 'h>(
    r: &'h Renderer<'_, 'a>,
    party: &Party,
    concern: Concern,
    letter: char,
    recs: &[&'a Recommendation],
    shared: &'h BTreeMap<Concern, ListHtml>,
) -> Result<GroupView<'a, 'h>> {
    let g = r.g;
    let (heading, description) = wording(concern, &party.name);
    let list = |list| SectionGroup {
        anchor: None,
        title: None,
        list,
    };
    let sections = match (concern, shared.get(&concern)) {
        (Concern::Named, _) => by_section(r, party, recs)?,
        (_, Some(l)) => vec![list(ListHtml {
            count: l.count,
            html: Cow::Borrowed(&*l.html),
        })],
        (_, None) => vec![list(r.items.list(recs))],
    };
    Ok(GroupView {
        id: concern.as_str(),
        letter,
        heading,
        description,
        total: recs.len(),
        counts: level_counts(g, recs),
        sections,
    })
}

/// The designated group, one part per section (the home matrix links to these anchors). An
/// item that says how the source names the Party is rendered here; the others are reused.
fn by_section<'h>(
    r: &Renderer,
    party: &Party,
    recs: &[&Recommendation],
) -> Result<Vec<SectionGroup<'h>>> {
    let g = r.g;
    let mut out = Vec::new();
    for s in &g.ds.sections {
        let mut count = 0;
        let mut html = String::new();
        for rec in recs.iter().filter(|rec| rec.id.section == s.id) {
            count += 1;
            match naming_note(g, rec, party) {
                Some(note) => html.push_str(&render_item(
                    r.theme,
                    &RecItem {
                        note: Some(note),
                        ..RecItem::new(g, rec)
                    },
                )?),
                None => html.push_str(r.items.html(rec)),
            }
        }
        if count > 0 {
            out.push(SectionGroup {
                anchor: Some(format!("designated-{}", s.id.slug())),
                title: Some(format!("Section {}: {}", s.id, s.title)),
                list: ListHtml {
                    count,
                    html: Cow::Owned(html),
                },
            });
        }
    }
    Ok(out)
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
fn party_csv(r: &Renderer, party: &Party, groups: &Groups) -> Result<Vec<u8>> {
    let g = r.g;
    let mut w = csv::Writer::from_writer(Vec::new());
    super::data::write_csv_row(
        &mut w,
        [
            "group",
            "id",
            "level",
            "section",
            "title",
            "named_as",
            "list_status",
            "permalink",
        ],
    )?;
    for (concern, recs) in groups {
        for rec in recs {
            super::data::write_csv_row(
                &mut w,
                [
                    concern.as_str(),
                    &rec.id.to_string(),
                    rec.level.as_str(),
                    rec.id.section.as_str(),
                    &rec.title,
                    &naming_note(g, rec, party).unwrap_or_default(),
                    rec.addressees.completeness().as_str(),
                    r.items.permalink(rec),
                ],
            )?;
        }
    }
    w.into_inner().context("writing a Party's CSV")
}
