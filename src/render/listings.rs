//! Listing pages: the home page (legend, sections, Party × section matrix), section and level
//! pages, the four index pages and the content pages, from the site graph.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::items::ListHtml;
use super::views::{LevelCount, Link, Meta, level_counts};
use crate::graph::{Concern, SiteGraph};
use crate::markdown;
use crate::model::{Level, Section};

/// A section in a listing, with its counts by level.
#[derive(Debug, Serialize)]
struct SectionSummary<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    total: usize,
    counts: Vec<LevelCount<'a>>,
}

/// A level in the legend.
#[derive(Debug, Serialize)]
struct LevelSummary<'a> {
    level: &'static str,
    label: &'a str,
    verb: &'a str,
    description: &'a str,
    url: String,
    total: usize,
}

/// One cell of the Party × section matrix.
#[derive(Debug, Serialize)]
struct Cell {
    count: usize,
    /// The strongest level among the counted recommendations, for shading.
    level: Option<&'static str>,
    url: Option<String>,
}

/// One Party's row of the matrix.
#[derive(Debug, Serialize)]
struct Row<'a> {
    name: &'a str,
    url: String,
    cells: Vec<Cell>,
}

/// The home page.
#[derive(Debug, Serialize)]
struct HomeView<'a> {
    levels: Vec<LevelSummary<'a>>,
    sections: Vec<SectionSummary<'a>>,
    rows: Vec<Row<'a>>,
    total: usize,
}

/// A page listing recommendations (section, level, or all of them grouped one way).
#[derive(Debug, Serialize)]
struct ListingView<'a> {
    heading: String,
    intro: String,
    counts: Vec<LevelCount<'a>>,
    groups: Vec<ListingGroup>,
    /// The other groupings of the same list (all-recommendations pages only): plain links, so
    /// a reader re-sorts without JavaScript.
    groupings: Vec<Grouping>,
}

/// A link to one grouping of the full list; `current` on the page showing it.
#[derive(Debug, Serialize)]
struct Grouping {
    url: String,
    label: &'static str,
    current: bool,
}

/// Part of a listing, optionally under a heading.
#[derive(Debug, Serialize)]
struct ListingGroup {
    heading: Option<Link>,
    list: ListHtml<'static>,
}

/// A Party in the Parties index.
#[derive(Debug, Serialize)]
struct PartySummary<'a> {
    name: &'a str,
    url: String,
    named: usize,
    uncertain: usize,
}

/// The sections, levels and Parties index pages.
#[derive(Debug, Serialize)]
struct IndexView<'a> {
    sections: Vec<SectionSummary<'a>>,
    levels: Vec<LevelSummary<'a>>,
    parties: Vec<PartySummary<'a>>,
}

/// A content page: its Markdown rendered by us.
#[derive(Debug, Serialize)]
struct ContentView<'a> {
    title: &'a str,
    html: String,
    /// Whether the page has code blocks, so it links the highlighting stylesheet.
    has_code: bool,
}

fn section_summaries<'a>(g: &SiteGraph<'a>) -> Vec<SectionSummary<'a>> {
    g.ds.sections
        .iter()
        .map(|s| section_summary(g, s))
        .collect()
}

fn section_summary<'a>(g: &SiteGraph<'a>, s: &'a Section) -> SectionSummary<'a> {
    let recs = g.in_section(&s.id);
    SectionSummary {
        id: s.id.as_str(),
        title: &s.title,
        url: g.urls.section(&s.id),
        total: recs.len(),
        counts: level_counts(g, recs),
    }
}

fn level_summaries<'a>(g: &SiteGraph<'a>) -> Vec<LevelSummary<'a>> {
    g.ds.levels
        .iter()
        .rev()
        .map(|l| LevelSummary {
            level: l.level.as_str(),
            label: &l.label,
            verb: &l.verb,
            description: &l.description,
            url: g.urls.level(l.level),
            total: g.at_level(l.level).len(),
        })
        .collect()
}

fn matrix<'a>(g: &SiteGraph<'a>) -> Vec<Row<'a>> {
    let row = |p: &'a crate::model::Party| Row {
        name: &p.name,
        url: g.urls.party(&p.slug),
        cells: g
            .ds
            .sections
            .iter()
            .map(|s| {
                let (count, level) = g.named_in_section(&p.slug, &s.id);
                let anchor = format!("{}#designated-{}", g.urls.party(&p.slug), s.id.slug());
                Cell {
                    count,
                    level: level.map(Level::as_str),
                    url: (count > 0).then_some(anchor),
                }
            })
            .collect(),
    };
    g.ds.parties.iter().map(row).collect()
}

/// Renders the home page.
pub(super) fn render_home(r: &Renderer) -> Result<()> {
    let g = r.g;
    let view = HomeView {
        levels: level_summaries(g),
        sections: section_summaries(g),
        rows: matrix(g),
        total: g.ds.recommendations.len(),
    };
    let site = &g.ds.site;
    let meta = Meta::new(
        g,
        g.urls.home(),
        site.title.clone(),
        site.description.clone(),
    );
    r.page("home.html", meta, &view)
}

/// Renders section, level and index pages (content pages are a job of their own).
pub(super) fn render_all(r: &Renderer) -> Result<()> {
    let jobs: [fn(&Renderer) -> Result<()>; 4] = [
        render_recommendations_index,
        render_sections,
        render_levels,
        render_other_indexes,
    ];
    jobs.par_iter().try_for_each(|job| job(r))
}

fn render_sections(r: &Renderer) -> Result<()> {
    let g = r.g;
    g.ds.sections.par_iter().try_for_each(|s| {
        let recs = g.in_section(&s.id);
        let view = ListingView {
            groupings: Vec::new(),
            heading: format!("Section {}: {}", s.id, s.title),
            intro: format!(
                "The {} recommendations of section {}, in the report's order.",
                recs.len(),
                s.id
            ),
            counts: level_counts(g, recs),
            groups: vec![ListingGroup {
                heading: None,
                list: r.items.list(recs),
            }],
        };
        let desc = format!(
            "Recommendations of section {} of the report: {}.",
            s.id, s.title
        );
        let meta = Meta::new(g, g.urls.section(&s.id), view.heading.clone(), desc);
        r.page("section.html", meta, &view)
    })
}

fn render_levels(r: &Renderer) -> Result<()> {
    let g = r.g;
    g.ds.levels.par_iter().try_for_each(|info| {
        let recs = g.at_level(info.level);
        let view = ListingView {
            groupings: Vec::new(),
            heading: format!("Level: {}", info.label),
            intro: info.description.clone(),
            counts: level_counts(g, &recs),
            groups: vec![ListingGroup {
                heading: None,
                list: r.items.list(&recs),
            }],
        };
        let desc = format!(
            "The {} recommendations the Committee words with \u{201c}{}\u{201d}.",
            recs.len(),
            info.verb
        );
        let meta = Meta::new(g, g.urls.level(info.level), view.heading.clone(), desc);
        r.page("level.html", meta, &view)
    })
}

/// The index of all recommendations, by section, and the same list by level and by
/// addressees.
fn render_recommendations_index(r: &Renderer) -> Result<()> {
    let g = r.g;
    let all: Vec<_> = g.ds.recommendations.iter().collect();
    let by_section = g.ds.sections.iter().map(|s| ListingGroup {
        heading: Some(Link {
            url: g.urls.section(&s.id),
            label: format!("Section {}: {}", s.id, s.title),
        }),
        list: r.items.list(g.in_section(&s.id)),
    });
    let by_level = Level::ALL.iter().rev().map(|&level| ListingGroup {
        heading: Some(Link {
            url: g.urls.level(level),
            label: g.ds.level_info(level).label.clone(),
        }),
        list: r.items.list(&g.at_level(level)),
    });
    let by_scope = g.ds.concerns.iter().map(|c| {
        let recs: Vec<_> = all
            .iter()
            .copied()
            .filter(|x| x.addressees.scope == c.scope)
            .collect();
        ListingGroup {
            // No page per scope: the heading is plain text (an empty URL).
            heading: Some(Link {
                url: String::new(),
                label: c.label.clone(),
            }),
            list: r.items.list(&recs),
        }
    });
    let pages: [(&str, &str, Vec<ListingGroup>); 3] = [
        (
            "",
            "by section, in the report's order",
            by_section.collect(),
        ),
        (
            "by-level",
            "by level, from the strongest",
            by_level.collect(),
        ),
        ("by-addressees", "by addressees", by_scope.collect()),
    ];
    for (k, (by, how, groups)) in pages.into_iter().enumerate() {
        let view = ListingView {
            heading: "Recommendations".into(),
            intro: format!("All {} recommendations, {how}.", all.len()),
            counts: level_counts(g, &all),
            groups,
            groupings: groupings(g, k),
        };
        let url = if by.is_empty() {
            g.urls.index("recommendations")
        } else {
            g.urls.recommendations_grouped(by)
        };
        let meta = Meta::new(g, url, view.heading.clone(), view.intro.clone());
        r.page("recommendations.html", meta, &view)?;
    }
    Ok(())
}

/// Links to the groupings of the full list, the `current`-th being this page's; the Parties
/// index is the grouping by Party.
fn groupings(g: &SiteGraph, current: usize) -> Vec<Grouping> {
    let urls = [
        (g.urls.index("recommendations"), "Section"),
        (g.urls.recommendations_grouped("by-level"), "Level"),
        (
            g.urls.recommendations_grouped("by-addressees"),
            "Addressees",
        ),
        (g.urls.index("parties"), "Party"),
    ];
    urls.into_iter()
        .enumerate()
        .map(|(k, (url, label))| Grouping {
            url,
            label,
            current: k == current,
        })
        .collect()
}

/// The Parties, sections and levels index pages.
fn render_other_indexes(r: &Renderer) -> Result<()> {
    let g = r.g;
    let index = IndexView {
        sections: section_summaries(g),
        levels: level_summaries(g),
        parties: party_summaries(g),
    };
    for (kind, title, desc) in [
        (
            "parties",
            "Parties",
            "Every Party the report names, with the recommendations that concern it.",
        ),
        (
            "sections",
            "Sections",
            "The report's sections of recommendations, with their counts by level.",
        ),
        (
            "levels",
            "Levels",
            "The three levels of the Committee's recommendations: invite, request, require.",
        ),
    ] {
        let meta = Meta::new(g, g.urls.index(kind), title.into(), desc.into());
        r.page(&format!("{kind}.html"), meta, &index)?;
    }
    Ok(())
}

fn party_summaries<'a>(g: &SiteGraph<'a>) -> Vec<PartySummary<'a>> {
    g.ds.parties
        .iter()
        .map(|p| {
            let c = g.concerns(p);
            let n = |k: Concern| c.get(&k).map_or(0, Vec::len);
            PartySummary {
                name: &p.name,
                url: g.urls.party(&p.slug),
                named: n(Concern::Named),
                uncertain: n(Concern::Uncertain),
            }
        })
        .collect()
}

/// Renders the content pages (about, how to cite, data).
pub(super) fn render_content_pages(r: &Renderer) -> Result<()> {
    let g = r.g;
    for p in &g.ds.pages {
        let view = ContentView {
            title: &p.title,
            html: markdown::to_html(&p.body, g.urls.base()),
            has_code: markdown::has_code(&p.body),
        };
        let meta = Meta::new(
            g,
            g.urls.page(&p.slug),
            p.title.clone(),
            p.description.clone(),
        );
        r.page("page.html", meta, &view)?;
    }
    Ok(())
}
