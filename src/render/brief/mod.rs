//! Party briefs: one Party in; out, every recommendation that concerns it (each group of its
//! page but the recommendations addressed only to other named Parties), each with its level,
//! section, the Committee's full text and footnotes, the editorial notes and its permanent
//! address, as a page made to be printed (`parties/<slug>/brief/`) and as one self-contained
//! HTML file to download, which a word processor opens (`parties/<slug>/<slug>-brief.html`).
//! A brief longer than one page holds is in parts (see `parts`); its file is always whole.
//!
//! Each recommendation's entry is rendered once per render by the theme's `brief_entry.html`
//! and shared by every brief that shows it, as list items are (see `compose`): at 100× a
//! brief holds thousands of texts, and the "all" and "open" groups, the same on every brief,
//! are one shared run (or, in parts, one shared run per part). An entry that says how the
//! source names the Party is the brief's own.

mod entries;
mod parts;

use crate::render::engine::Site;
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::Renderer;
use super::compose::{ListHtml, Part, Run};
use super::views::{Link, Meta};
use crate::graph::{Concern, PartyIdx, RecIdx};
pub(crate) use entries::MadeEntry;
use entries::{Entries, own_entry};

/// A brief, as the page and the file see it.
#[derive(Debug, Serialize)]
struct BriefView<'a> {
    name: &'a str,
    /// The Party page, the brief's breadcrumb.
    crumb: Link,
    csv_url: String,
    file_url: String,
    /// The name a browser saves the file under.
    file_name: String,
    /// The brief page's address, absolute when the base URL is: printed in the file.
    address: String,
    /// Recommendations in the brief: every group but "not designated".
    concern_total: usize,
    /// Recommendations left out: addressed only to other named Parties.
    others: usize,
    /// How many parts the page is in: 0 when it is whole (the file always is).
    parts: usize,
    groups: Vec<GroupView>,
}

/// One group of the brief, as on the Party page.
#[derive(Debug, Clone, Serialize)]
struct GroupView {
    id: &'static str,
    /// The group's letter on the Party page.
    letter: char,
    heading: String,
    description: String,
    total: usize,
    /// The group's entries, for `list_items` (see `compose`); `None` on the first page of a brief
    /// in parts, which links to its parts instead.
    entries: Option<ListHtml>,
    /// The parts that hold the group's entries, when the brief is in parts.
    parts: Vec<parts::PartLink>,
}

/// Renders every Party's brief, page and file, on all cores: each Party a unit.
pub(super) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    let entries = Entries::new(g.recs().len());
    let shared = Shared::new(g);
    g.parties().par_iter().try_for_each(|&p| {
        let url = g.urls().party_brief(&g.party(p).slug);
        r.unit(&url.clone(), || render_one(r, p, url, &entries, &shared))
    })?;
    if let Some(t) = r.tracking() {
        t.keep_entries(entries.into_made());
    }
    Ok(())
}

/// What every brief of one render shares.
struct Shared<'g, 'a> {
    g: Site<'g, 'a>,
    /// The "all" and "open" groups' entries, one run each.
    runs: [OnceLock<ListHtml>; 2],
    /// The same groups in parts, one run per part (see `parts`).
    parted: [OnceLock<Arc<[parts::Chunk]>>; 2],
    /// By [`RecIdx`]: whether a list of the recommendation has a qualifier or a sector.
    qualified: Vec<bool>,
}

impl<'g, 'a> Shared<'g, 'a> {
    fn new(g: Site<'g, 'a>) -> Self {
        // Only a recommendation whose lists have a qualifier or a sector can name a Party
        // otherwise than plainly: the others need no search of their lists, Party by Party.
        let qualifier =
            |l: &crate::model::PartyList| l.parties.iter().any(|a| a.qualifier.is_some());
        let qualified = g.recs().iter().map(|&i| {
            let lists = &g.rec(i).addressees.lists;
            lists.iter().any(|l| l.sector.is_some() || qualifier(l))
        });
        Shared {
            g,
            runs: Default::default(),
            parted: Default::default(),
            qualified: qualified.collect(),
        }
    }

    /// Which of the shared groups `c` is (0 or 1), and its recommendations.
    fn slot(&self, c: Concern) -> (usize, &'g [RecIdx]) {
        match c {
            Concern::All => (0, self.g.with_scope(crate::model::Scope::All)),
            _ => (1, self.g.with_scope(crate::model::Scope::Open)),
        }
    }

    /// The entries of shared group `c`, as one run made once.
    fn run(&self, c: Concern) -> ListHtml {
        let (k, recs) = self.slot(c);
        let list = || ListHtml {
            count: recs.len(),
            parts: Arc::from([Part::Run(Arc::new(Run::new(recs)))]),
        };
        self.runs[k].get_or_init(list).clone()
    }
}

/// Renders Party `p`'s brief at `url`, and its file.
fn render_one(
    r: &Renderer,
    p: PartyIdx,
    url: String,
    entries: &Entries,
    shared: &Shared,
) -> Result<()> {
    let (g, party) = (r.site(), r.site().party(p));
    // Which recommendations the brief shows, and in which group.
    let (mut groups, mut members) = (Vec::new(), Vec::new());
    // Lettered as on the Party page: the ways no recommendation of the dataset has are not there.
    let used = g.concerns(p).iter().filter(|(c, _)| g.concern_used(*c));
    for ((concern, recs), letter) in used.zip('a'..) {
        if concern == Concern::NotNamed {
            continue;
        }
        for &i in recs {
            // All of each text it shows, and its fields.
            r.site().rec(i);
            entries.make(r, i)?;
        }
        groups.push(group(r, p, concern, letter, recs, shared)?);
        members.push((concern, recs));
    }
    let name = [("party", party.name.as_str())];
    let s = r.strings();
    let (title, desc) = (
        s.fill("brief.title", &name)?,
        s.fill("brief.description", &name)?,
    );
    let view = BriefView {
        name: &party.name,
        crumb: Link {
            url: g.urls().party(&party.slug),
            label: party.name.clone(),
        },
        csv_url: g.urls().party_csv(&party.slug),
        file_url: g.urls().party_brief_file(&party.slug),
        file_name: file_name(&g.urls().party_brief_file(&party.slug)),
        address: g.urls().absolute(&url),
        concern_total: groups.iter().map(|gr| gr.total).sum(),
        others: g.concerns(p).get(Concern::NotNamed).len(),
        parts: 0,
        groups,
    };
    let file = Meta::new(g, view.file_url.clone(), title.clone(), desc.clone());
    let (skeleton, lists) = r.render_skeleton("brief_file.html", &file, &view)?;
    r.composed_at_url(&view.file_url, &skeleton, &lists, entries)?;
    let meta = Meta::new(g, url, title, desc);
    if parts::fits(&view.groups, entries) {
        return r.page_from("brief.html", meta, &view, entries);
    }
    let brief = parts::Brief {
        p,
        members: &members,
        entries,
        shared,
    };
    parts::render(r, &brief, meta, view)
}

/// The name a browser saves the file at `url` under: its last segment, as `urls` made it.
fn file_name(url: &str) -> String {
    url.rsplit('/').next().unwrap_or(url).to_string()
}

fn group(
    r: &Renderer,
    p: PartyIdx,
    concern: Concern,
    letter: char,
    recs: &[RecIdx],
    shared: &Shared,
) -> Result<GroupView> {
    let key = |k: &str| format!("party.group.{}.{k}", concern.as_str());
    let name = [("party", r.site().party(p).name.as_str())];
    let own = |i: RecIdx| match shared.qualified[i.index()] {
        true => own_entry(r, p, i).map(|own| own.map_or(Part::Item(i), Part::Own)),
        false => Ok(Part::Item(i)),
    };
    let entries = match concern {
        Concern::All | Concern::Open => shared.run(concern),
        Concern::Named => ListHtml {
            count: recs.len(),
            parts: recs.iter().map(|&i| own(i)).collect::<Result<_>>()?,
        },
        _ => ListHtml {
            count: recs.len(),
            parts: recs.iter().map(|&i| Part::Item(i)).collect(),
        },
    };
    Ok(GroupView {
        id: concern.as_str(),
        letter,
        heading: r.strings().fill(super::party::term_key(concern), &[])?,
        description: r.strings().fill(&key("description"), &name)?,
        total: recs.len(),
        entries: Some(entries),
        parts: Vec::new(),
    })
}
