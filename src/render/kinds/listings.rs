//! Listing pages: section and level pages (paginated), the full list grouped three ways (split
//! by group when longer than a page), the Parties, sections and levels indexes, from the site
//! graph; and the summaries (of a section, a level, a Party) that the home page shares.

use crate::render::engine::Site;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::graph::{Concern, PartyIdx, RecIdx, SectionIdx};
use crate::model::Scope;
use crate::render::Renderer;
use crate::render::compose::ListHtml;
use crate::render::paged::{self, PAGE_SIZE, Paged, Pagination};
use crate::render::theme::level_words::{self, LevelWords};
use crate::render::theme::strings::Strings;
use crate::render::views::{LevelCount, Link, Meta, level_counts};

/// A section in a listing, with its counts by level.
#[derive(Debug, Serialize)]
pub(in crate::render) struct SectionSummary<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    total: usize,
    counts: Vec<LevelCount<'a>>,
}

/// A level in the legend.
#[derive(Debug, Serialize)]
pub(in crate::render) struct LevelSummary<'a> {
    level: &'a str,
    label: &'a str,
    verb: &'a str,
    description: &'a str,
    url: String,
    total: usize,
    /// Its symbol ([`level_words::symbol`]).
    symbol: String,
}

/// A page listing recommendations (section, level, or all of them grouped one way).
#[derive(Debug, Serialize)]
pub(in crate::render) struct ListingView<'a> {
    pub heading: String,
    pub intro: String,
    /// The page's place: its section or level, for the breadcrumb.
    pub crumb: Option<Link>,
    pub counts: Vec<LevelCount<'a>>,
    pub groups: Vec<ListingGroup>,
    /// The other groupings of the same list (all-recommendations pages only): plain links, so
    /// a reader re-sorts without JavaScript.
    pub groupings: Vec<Grouping>,
    /// The links to the list's other pages, when it takes more than one.
    pub pagination: Option<Pagination>,
}

/// A link to one grouping of the full list (its strings key `listing.by_<key>`); `current`
/// on the page showing it.
#[derive(Debug, Serialize)]
pub(in crate::render) struct Grouping {
    url: String,
    key: &'static str,
    current: bool,
}

/// Part of a listing, optionally under a heading.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ListingGroup {
    pub heading: Option<Link>,
    /// The heading's id, when it is linked to (else one by position).
    pub anchor: Option<String>,
    pub list: ListHtml,
    /// Instead of the items, when the group is too long to show here: a link to its own
    /// pages, with its count.
    pub elsewhere: Option<Link>,
}

impl ListingGroup {
    /// A list without a heading.
    pub(in crate::render) fn plain(list: ListHtml) -> ListingGroup {
        ListingGroup {
            heading: None,
            anchor: None,
            list,
            elsewhere: None,
        }
    }
}

/// A Party with how many recommendations concern it, in total and in each way, and, apart,
/// how many may concern it.
#[derive(Debug, Serialize)]
pub(in crate::render) struct PartySummary<'a> {
    name: &'a str,
    url: String,
    /// Every recommendation that concerns the Party ([`Concern::concerns`]): named, to all
    /// Parties and open.
    total: usize,
    named: usize,
    all: usize,
    open: usize,
    /// Not in `total`: those whose list is lost or incomplete ([`Concern::may_concern`]).
    uncertain: usize,
}

/// The sections, levels and Parties index pages.
#[derive(Debug, Serialize)]
struct IndexView<'a> {
    sections: Vec<SectionSummary<'a>>,
    levels: Vec<LevelSummary<'a>>,
    level_words: LevelWords,
    parties: Vec<PartySummary<'a>>,
}

pub(in crate::render) fn section_summaries<'a>(g: Site<'_, 'a>) -> Vec<SectionSummary<'a>> {
    g.sections()
        .iter()
        .map(|&s| section_summary(g, s))
        .collect()
}

fn section_summary<'a>(g: Site<'_, 'a>, i: SectionIdx) -> SectionSummary<'a> {
    let (s, recs) = (g.section(i), g.in_section(i));
    SectionSummary {
        id: s.id.as_str(),
        title: &s.title,
        url: g.urls().section(&s.id),
        total: recs.len(),
        counts: level_counts(g, recs),
    }
}

pub(in crate::render) fn level_summaries<'a>(
    g: Site<'_, 'a>,
    s: &Strings,
) -> Result<Vec<LevelSummary<'a>>> {
    g.levels()
        .iter()
        .rev()
        .map(|l| {
            Ok(LevelSummary {
                level: &l.id,
                label: &l.label,
                verb: l.verb(),
                description: &l.description,
                url: g.urls().level(&l.id),
                total: g.at_level(l.level).len(),
                symbol: level_words::symbol(g.levels(), l, s)?,
            })
        })
        .collect()
}

/// Renders section, level and index pages (content pages are a job of their own).
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let jobs: [fn(&Renderer) -> Result<()>; 5] = [
        render_recommendations_index,
        render_sections,
        render_levels,
        super::scopes::render_all,
        render_other_indexes,
    ];
    jobs.par_iter().try_for_each(|job| job(r))
}

/// A further report's listings: its recommendations (and their groupings), sections and
/// levels, with the indexes of its sections and levels (the Parties' index is the site's).
pub(in crate::render) fn render_report(r: &Renderer) -> Result<()> {
    let jobs: [fn(&Renderer) -> Result<()>; 5] = [
        render_recommendations_index,
        render_sections,
        render_levels,
        super::scopes::render_all,
        |r| other_indexes(r, &["sections", "levels"]),
    ];
    jobs.par_iter().try_for_each(|job| job(r))
}

fn render_sections(r: &Renderer) -> Result<()> {
    let g = r.site();
    g.sections().par_iter().try_for_each(|&i| {
        let url = g.urls().section(&g.section(i).id);
        r.unit(&url, || render_section(r, i))
    })
}

/// One section's pages: a unit that reads which recommendations it holds and their items.
fn render_section(r: &Renderer, i: SectionIdx) -> Result<()> {
    let g = r.site();
    let (s, recs) = (g.section(i), g.in_section(i));
    let n = recs.len().to_string();
    let args = [("id", s.id.as_str()), ("title", &s.title), ("n", &n)];
    let t = r.strings();
    let paged = Paged {
        first: g.urls().section(&s.id),
        heading: t.fill("listing.section_title", &args)?,
        intro: t.fill("listing.section_intro", &args)?,
        description: t.fill("listing.section_description", &args)?,
        crumb: Some(Link {
            url: g.urls().index("sections"),
            label: t.fill("nav.sections", &[])?,
        }),
        counts: level_counts(g, recs),
        by_section: false,
    };
    listed_pages(r, &paged, recs)
}

/// The pages of `recs` as listed everywhere, recorded as read.
pub(in crate::render) fn listed_pages(r: &Renderer, paged: &Paged, recs: &[RecIdx]) -> Result<()> {
    let parts = r.item_parts(recs);
    paged::render(r, paged, recs, parts)
}

fn render_levels(r: &Renderer) -> Result<()> {
    let g = r.site();
    g.levels()
        .par_iter()
        .try_for_each(|info| r.unit(&g.urls().level(&info.id), || render_level(r, info)))
}

/// One level's pages: a unit that reads which recommendations are at the level and their
/// items.
fn render_level(r: &Renderer, info: &crate::model::LevelInfo) -> Result<()> {
    let g = r.site();
    let recs = g.at_level(info.level);
    let n = recs.len().to_string();
    let args = [
        ("label", info.label.as_str()),
        ("verb", info.verb()),
        ("n", &n),
    ];
    let t = r.strings();
    let paged = Paged {
        first: g.urls().level(&info.id),
        heading: t.fill("listing.level_title", &args)?,
        intro: t.fill("listing.level_intro", &[("description", &info.description)])?,
        description: t.fill("listing.level_description", &args)?,
        crumb: Some(Link {
            url: g.urls().index("levels"),
            label: t.fill("nav.levels", &[])?,
        }),
        counts: level_counts(g, recs),
        by_section: false,
    };
    listed_pages(r, &paged, recs)
}

/// "Recommendations by addressees" and the like.
pub(in crate::render) fn all_title_by(
    t: &crate::render::theme::strings::Strings,
    how: &str,
) -> Result<String> {
    let by_label = t.get(&format!("listing.by_{how}"))?.to_lowercase();
    t.fill("listing.all_title_by", &[("by", &by_label)])
}

/// The index of all recommendations, by section, and the same list by level and by
/// addressees: one unit, which reads every item.
fn render_recommendations_index(r: &Renderer) -> Result<()> {
    let key = r.site().urls().index("recommendations");
    r.unit(&key, || {
        r.site().every_item();
        recommendations_index(r)
    })
}

fn recommendations_index(r: &Renderer) -> Result<()> {
    let g = r.site();
    let all = g.recs();
    let strings = r.strings();
    let by_section = g.sections().iter().map(|&i| {
        let s = g.section(i);
        let args = [("id", s.id.as_str()), ("title", s.title.as_str())];
        let label = strings.fill("listing.section_title", &args)?;
        Ok((g.urls().section(&s.id), label, g.in_section(i)))
    });
    let by_level = g
        .levels()
        .iter()
        .rev()
        .map(|l| Ok((g.urls().level(&l.id), l.label.clone(), g.at_level(l.level))));
    let used = Scope::ALL
        .into_iter()
        .filter(|&s| !g.with_scope(s).is_empty());
    let by_scope = used.map(|scope| {
        let label = strings.fill(&format!("scope.{}", scope.as_str()), &[])?;
        Ok((g.urls().scope_list(scope), label, g.with_scope(scope)))
    });
    let pages: [(&str, &str, Vec<GroupOf>); 3] = [
        ("", "section", by_section.collect::<Result<_>>()?),
        ("by-level", "level", by_level.collect::<Result<_>>()?),
        (
            "by-addressees",
            "addressees",
            by_scope.collect::<Result<_>>()?,
        ),
    ];
    let n = all.len().to_string();
    for (k, (by, how, groups)) in pages.into_iter().enumerate() {
        let heading = if by.is_empty() {
            strings.fill("listing.all_title", &[])?
        } else {
            all_title_by(strings, how)?
        };
        let view = ListingView {
            heading,
            intro: strings.fill(&format!("listing.all_intro_{how}"), &[("n", &n)])?,
            crumb: None,
            counts: level_counts(g, all),
            groups: full_list_groups(r, groups)?,
            groupings: groupings(g, k),
            pagination: None,
        };
        let url = if by.is_empty() {
            g.urls().index("recommendations")
        } else {
            g.urls().recommendations_grouped(by)
        };
        let meta = Meta::new(g, url, view.heading.clone(), view.intro.clone());
        r.page("listing.html", meta, &view)?;
    }
    Ok(())
}

/// A group of the full list: its page's URL, its heading and its recommendations.
type GroupOf<'g> = (String, String, &'g [RecIdx]);

/// The full list's groups, each under a heading that links to the group's own pages. When
/// the whole list is longer than a page ([`PAGE_SIZE`]), each group is its count and that
/// link only: the list is split by group, whose pages are paginated.
fn full_list_groups(r: &Renderer, groups: Vec<GroupOf>) -> Result<Vec<ListingGroup>> {
    let whole: usize = groups.iter().map(|(_, _, recs)| recs.len()).sum();
    let split = whole > PAGE_SIZE;
    groups
        .into_iter()
        .map(|(url, label, recs)| {
            let elsewhere = split
                .then(|| -> Result<Link> {
                    let n = recs.len().to_string();
                    Ok(Link {
                        url: url.clone(),
                        label: r.strings().fill("listing.see_all", &[("n", &n)])?,
                    })
                })
                .transpose()?;
            Ok(ListingGroup {
                heading: Some(Link { url, label }),
                anchor: None,
                list: if split {
                    r.list(&[])
                } else {
                    r.items.list(recs)
                },
                elsewhere,
            })
        })
        .collect()
}

/// Links to the groupings of the full list, the `current`-th being this page's; the Parties
/// index is the grouping by Party.
fn groupings(g: Site, current: usize) -> Vec<Grouping> {
    let urls = [
        (g.urls().index("recommendations"), "section"),
        (g.urls().recommendations_grouped("by-level"), "level"),
        (
            g.urls().recommendations_grouped("by-addressees"),
            "addressees",
        ),
        (g.urls().index("parties"), "party"),
    ];
    urls.into_iter()
        .enumerate()
        .map(|(k, (url, key))| Grouping {
            url,
            key,
            current: k == current,
        })
        .collect()
}

/// The Parties, sections and levels index pages: one unit, which reads only counts.
fn render_other_indexes(r: &Renderer) -> Result<()> {
    r.unit(&r.site().urls().index("parties"), || {
        r.site().counts();
        other_indexes(r, &["parties", "sections", "levels"])
    })
}

/// The index pages of `kinds` (`parties`, `sections`, `levels`).
fn other_indexes(r: &Renderer, kinds: &[&str]) -> Result<()> {
    let g = r.site();
    let t = r.strings();
    let index = IndexView {
        sections: section_summaries(g),
        levels: level_summaries(g, t)?,
        level_words: LevelWords::new(g, t)?,
        parties: g.parties().iter().map(|&p| party_summary(g, p)).collect(),
    };
    let words = index.level_words.args();
    for kind in kinds {
        let title = t.fill(&format!("index.{kind}_title"), &[])?;
        let desc = t.fill(&format!("index.{kind}_description"), &words)?;
        let meta = Meta::new(g, g.urls().index(kind), title, desc);
        r.page(&format!("{kind}.html"), meta, &index)?;
    }
    Ok(())
}

pub(in crate::render) fn party_summary<'a>(g: Site<'_, 'a>, i: PartyIdx) -> PartySummary<'a> {
    let (p, c) = (g.party(i), g.concerns(i));
    let n = |k: Concern| c.get(k).len();
    let count = |keep: fn(Concern) -> bool| {
        c.iter()
            .filter(|(k, _)| keep(*k))
            .map(|(_, r)| r.len())
            .sum()
    };
    let (named, all, open, uncertain) = (
        n(Concern::Named),
        n(Concern::All),
        n(Concern::Open),
        count(Concern::may_concern),
    );
    PartySummary {
        name: &p.name,
        url: g.urls().party(&p.slug),
        total: count(Concern::concerns),
        named,
        all,
        open,
        uncertain,
    }
}
