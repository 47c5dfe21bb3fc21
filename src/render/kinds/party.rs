//! Party pages: one Party in, its page (every recommendation, grouped by how it concerns the
//! Party) and its CSV out. A recommendation whose list is incomplete or missing and does not
//! name the Party is never shown as leaving it out: it has its own group (unless the Party
//! joined after the report was adopted, which the list could not name).

use crate::render::engine::deps::Own;
use crate::render::engine::{Shown, Site};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::party_groups;
use crate::graph::{Concern, PartyIdx, RecIdx, namings};
use crate::model::{Addressees, Party, Scope};
use crate::output::Piece;
use crate::render::Renderer;
use crate::render::compose::{ListHtml, Part};
use crate::render::items::render_item;
use crate::render::views::{LevelCount, Meta, RecItem, SectionRef, level_counts, party_label};

/// A Party page.
#[derive(Debug, Serialize)]
struct PartyView<'a> {
    name: &'a str,
    iso: &'a str,
    csv_url: String,
    /// The brief: every text that concerns the Party, to print or download.
    brief_url: String,
    /// The Atom feed of changes concerning the Party, when the site has releases.
    changes_feed: Option<String>,
    /// Recommendations that concern the Party ([`Concern::concerns`]): named, to all Parties
    /// and open.
    concern_total: usize,
    /// Recommendations that may concern it ([`Concern::may_concern`]), counted apart.
    may_total: usize,
    groups: Vec<GroupView<'a>>,
    /// When it became a Party after the report was adopted: the page says so, and how the
    /// recommendations concern it then.
    joined_after: Option<JoinedView<'a>>,
    /// What concerns it in each of the site's further reports, after the first report's groups.
    reports: Vec<super::party_reports::ReportGroup<'a>>,
    /// In a site of several reports, the first report's name (its short title, else its
    /// title): the page's counts then say which report they count.
    first_report: Option<&'a str>,
}

/// A Party that joined after the report was adopted: the day it joined (`YYYY-MM-DD`) and
/// when the report was adopted, as citations give it.
#[derive(Debug, Serialize)]
struct JoinedView<'a> {
    date: String,
    adopted: Cow<'a, str>,
}

/// One group of recommendations: how they concern the Party.
#[derive(Debug, Serialize)]
struct GroupView<'a> {
    id: &'static str,
    letter: char,
    /// The group's name: the one term for this way of concerning a Party ([`term_key`]).
    heading: String,
    /// The same, in the page's summary.
    short: String,
    description: String,
    total: usize,
    counts: Vec<LevelCount<'a>>,
    sections: Vec<SectionGroup<'a>>,
    /// Instead of `sections`, for a group too long for the page ([`party_groups::is_long`]):
    /// its count per section, linking to its own pages.
    split: Option<party_groups::Split<'a>>,
}

/// Part of a group: one section's items (designated group) or all items (other groups).
#[derive(Debug, Serialize)]
struct SectionGroup<'a> {
    anchor: Option<String>,
    section: Option<SectionRef<'a>>,
    list: ListHtml,
}

/// Renders every Party page and CSV, on all cores: each Party a unit.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    // "All" and "open" do not depend on the Party: each list is made once,
    // when a Party page is rendered (a rebuild may render none).
    let shared: OnceLock<BTreeMap<Concern, ListHtml>> = OnceLock::new();
    let shared = || {
        shared.get_or_init(|| {
            [(Concern::All, Scope::All), (Concern::Open, Scope::Open)]
                .into_iter()
                .map(|(concern, scope)| (concern, r.items.list(g.with_scope(scope))))
                .collect()
        })
    };
    // Each recommendation's row for the Parties it does not name, made once for them all.
    let unnamed: Vec<OnceLock<(Concern, Piece)>> =
        g.recs().iter().map(|_| OnceLock::new()).collect();
    g.parties().par_iter().try_for_each(|&i| {
        let party = g.party(i);
        let url = g.urls().party(&party.slug);
        r.unit(&url.clone(), || {
            // Where the shared lists' sections start (for long groups) is read off the counts;
            // the view reads which recommendations are in each group, and each group listed in
            // full records its items.
            g.counts();
            let view = view(r, i, shared())?;
            let name = [("party", party.name.as_str())];
            let s = r.strings();
            let (title, desc) = (
                s.fill("party.title", &name)?,
                s.fill("party.description", &name)?,
            );
            let meta = Meta::new(g, url, title, desc);
            r.page("party.html", meta, &view)
        })?;
        // Its CSV is a unit of its own: its rows show every text, so a text edit renders it
        // again, not the page.
        let csv_url = g.urls().party_csv(&party.slug);
        r.unit(&csv_url.clone(), || {
            // Each row carries its recommendation's text and footnotes, and a row kept from
            // the last CSV is not read again: all of every recommendation is read.
            g.every_rec();
            let csv = super::party_csv::party_csv(r, &csv_url, party, g.concerns(i), &unnamed)?;
            r.pieces_at_url(&csv_url, csv)
        })
    })
}

fn view<'a>(
    r: &Renderer<'_, 'a>,
    p: PartyIdx,
    shared: &BTreeMap<Concern, ListHtml>,
) -> Result<PartyView<'a>> {
    let (party, groups) = (r.site().party(p), r.site().concerns(p));
    let count = |keep: fn(Concern) -> bool| -> usize {
        let kept = groups.iter().filter(|(c, _)| keep(*c));
        kept.map(|(_, recs)| recs.len()).sum()
    };
    let (concern_total, may_total) = (count(Concern::concerns), count(Concern::may_concern));
    let groups = groups
        .iter()
        .filter(|(c, _)| r.site().concern_used(*c))
        .zip('a'..)
        .map(|((concern, recs), letter)| group(r, p, concern, letter, recs, shared))
        .collect::<Result<_>>()?;
    Ok(PartyView {
        name: &party.name,
        iso: &party.iso,
        csv_url: r.site().urls().party_csv(&party.slug),
        brief_url: r.site().urls().party_brief(&party.slug),
        changes_feed: (!r.site().history().releases.is_empty())
            .then(|| r.site().urls().party_changes_feed(&party.slug)),
        concern_total,
        may_total,
        groups,
        joined_after: joined_view(r, party),
        reports: super::party_reports::groups(r, party)?,
        first_report: (!r.site().further().is_empty()).then(|| r.site().meta().report.name()),
    })
}

/// What the page says of a Party that joined after the report was adopted: the adoption as
/// the report gives it, else its day (which `joined` requires).
fn joined_view<'a>(r: &Renderer<'_, 'a>, party: &Party) -> Option<JoinedView<'a>> {
    let report = &r.site().meta().report;
    let date = party.joined_after(report.adopted_on)?;
    let adopted = match &report.adopted {
        Some(text) => Cow::Borrowed(text.as_str()),
        None => Cow::Owned(report.adopted_on?.to_string()),
    };
    Some(JoinedView {
        date: date.to_string(),
        adopted,
    })
}

fn group<'a>(
    r: &Renderer<'_, 'a>,
    p: PartyIdx,
    concern: Concern,
    letter: char,
    recs: &[RecIdx],
    shared: &BTreeMap<Concern, ListHtml>,
) -> Result<GroupView<'a>> {
    let g = r.site();
    let s = r.strings();
    let list = |list| SectionGroup {
        anchor: None,
        section: None,
        list,
    };
    let long = party_groups::is_long(recs.len());
    let split = long
        .then(|| party_groups::split(r, p, concern))
        .transpose()?;
    let sections = match (concern, shared.get(&concern)) {
        _ if long => Vec::new(),
        (Concern::Named, _) => by_section(r, p)?,
        (_, Some(l)) => {
            r.site().read_items(recs);
            vec![list(l.clone())]
        }
        (_, None) => vec![list(r.list(recs))],
    };
    let term = s.fill(term_key(concern), &[])?;
    Ok(GroupView {
        id: concern.as_str(),
        letter,
        heading: term.clone(),
        short: term,
        description: party_groups::description(r, p, concern)?,
        total: recs.len(),
        counts: level_counts(g, recs),
        sections,
        split,
    })
}

/// The key of the theme's one name for a way a recommendation concerns a Party: "All Parties"
/// and "Open" are the scopes' names, the others the concerns'. Every page, table and filter
/// that names a group uses it.
pub(in crate::render) fn term_key(c: Concern) -> &'static str {
    match c {
        Concern::Named => "concern.named",
        Concern::All => "scope.all",
        Concern::Open => "scope.open",
        Concern::NotNamed => "concern.not_named",
        Concern::Uncertain => "concern.uncertain",
    }
}

/// The designated group, one part per section (the home matrix links to these anchors).
fn by_section<'a>(r: &Renderer<'_, 'a>, p: PartyIdx) -> Result<Vec<SectionGroup<'a>>> {
    let g = r.site();
    let mut out = Vec::new();
    for &si in g.sections() {
        let s = g.section(si);
        let parts = own_parts(r, p, g.named_in(p, si))?;
        if !parts.is_empty() {
            out.push(SectionGroup {
                anchor: Some(format!("designated-{}", s.id.slug())),
                section: Some(SectionRef::new(g, s)),
                list: ListHtml {
                    count: parts.len(),
                    parts: parts.into(),
                },
            });
        }
    }
    Ok(out)
}

/// The items of `recs`, recommendations that name Party `p`, as its lists show them, recorded
/// as read: an item that says how the source names the Party is rendered here (or kept from
/// the last render); the others are the listings' own.
pub(in crate::render) fn own_parts(
    r: &Renderer,
    p: PartyIdx,
    recs: &[RecIdx],
) -> Result<Vec<Part>> {
    let own = r.own_html(Own::Item, p, recs, |i| own_item(r, p, i))?;
    r.site().read_items(recs);
    let parts = recs.iter().zip(own).map(|(&i, html)| match html {
        // It shows the recommendation otherwise than as listed.
        Some(html) => Part::Own(html),
        None => Part::Item(i),
    });
    Ok(parts.collect())
}

/// Recommendation `i`'s item of its own on Party `p`'s page, which says how the source names
/// the Party; `None` when it names it plainly.
fn own_item(r: &Renderer, p: PartyIdx, i: RecIdx) -> Result<Option<Piece>> {
    let (g, rec) = (r.site(), r.site().item(i));
    let named_as = named_as(g, rec, g.party(p));
    if named_as.is_empty() {
        return Ok(None);
    }
    let item = RecItem {
        named_as,
        ..RecItem::new(g, rec)
    };
    render_item(r.theme, &item).map(|html| Some(Piece::from(html)))
}

/// How the source names the Party: "Belgium (French community)", "Health sector", one entry
/// per list that names it with a qualifier or a sector.
pub(in crate::render) fn named_as(g: Site, rec: Shown, party: &Party) -> Vec<String> {
    named_in(g, rec.addressees(), party, |id| {
        g.sector_label(id).to_string()
    })
}

/// How addressees `a` name the Party, as [`named_as`]; `sector_label`: a sector's label by
/// its id, from the legend of the report `a` is in.
pub(in crate::render) fn named_in(
    g: Site,
    a: &Addressees,
    party: &Party,
    sector_label: impl Fn(&str) -> String,
) -> Vec<String> {
    namings(a, &party.slug)
        .into_iter()
        .filter_map(|n| {
            let who = n.qualifier.map(|q| party_label(g, &party.slug, Some(q)));
            let sector = n.sector.map(&sector_label);
            match (who, sector) {
                (Some(w), Some(s)) => Some(format!("{w}, {s}")),
                (w, s) => w.or(s),
            }
        })
        .collect()
}
