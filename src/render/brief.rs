//! Party briefs: one Party in; out, every recommendation that concerns it (each group of its
//! page but the recommendations addressed only to other named Parties), each with its level,
//! section, the Committee's full text and footnotes, the editorial notes and its permanent
//! address, as a page made to be printed (`parties/<slug>/brief/`) and as one self-contained
//! HTML file to download, which a word processor opens (`parties/<slug>/<slug>-brief.html`).
//!
//! Each recommendation's entry is rendered once per render by the theme's `brief_entry.html`
//! and shared by every brief that shows it, as list items are (see `compose`): at 100× a
//! brief holds thousands of texts, and the "all" and "open" groups, the same on every brief,
//! are one shared run. An entry that says how the source names the Party is the brief's own.

use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use rayon::prelude::*;
use serde::Serialize;

use super::compose::{ItemSource, ListHtml, Part, Run};
use super::deps::Node;
use super::views::{Link, Meta, SectionRef};
use super::{Renderer, Theme};
use crate::graph::{Concern, PartyIdx, RecIdx, SiteGraph};
use crate::html_scan::{PageScan, scan as scan_page};
use crate::markdown;
use crate::output::{Interner, Prepared};

/// The template of one recommendation's entry.
const ENTRY_TEMPLATE: &str = "brief_entry.html";

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
    groups: Vec<GroupView>,
}

/// One group of the brief, as on the Party page.
#[derive(Debug, Serialize)]
struct GroupView {
    id: &'static str,
    /// The group's letter on the Party page.
    letter: char,
    heading: String,
    description: String,
    total: usize,
    /// A token for the group's entries (see `compose`).
    entries: ListHtml,
}

/// One recommendation's entry.
#[derive(Debug, Serialize)]
struct EntryView<'a> {
    id: String,
    /// Its anchor in the brief (`iii-16`).
    slug: String,
    /// Its permanent address.
    url: &'a str,
    title: &'a str,
    level: &'a str,
    level_label: &'a str,
    section: Option<SectionRef<'a>>,
    /// Ours, from the Committee's Markdown, footnote anchors scoped to the entry.
    body_html: String,
    editorial: Vec<NoteView>,
    /// How the source names the Party: "Belgium (French community)" (own entries only).
    named_as: Vec<String>,
    /// The content's language when the interface's is another, as `SiteView::content_lang`.
    content_lang: Option<&'a str>,
}

/// An editorial note, its Markdown rendered by us.
#[derive(Debug, Serialize)]
struct NoteView {
    kind: &'static str,
    note_html: String,
}

/// Renders every Party's brief, page and file, on all cores: each Party a unit.
pub(super) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.g;
    let entries = Entries::new(g.recs().len());
    // The "all" and "open" groups are the same on every brief: one run each, made once.
    let shared: [OnceLock<ListHtml>; 2] = Default::default();
    let shared = |c: Concern| {
        let (cell, recs) = match c {
            Concern::All => (&shared[0], g.with_scope(crate::model::Scope::All)),
            _ => (&shared[1], g.with_scope(crate::model::Scope::Open)),
        };
        cell.get_or_init(|| ListHtml {
            count: recs.len(),
            parts: Arc::from([Part::Run(Arc::new(Run::new(recs)))]),
        })
        .clone()
    };
    // Only a recommendation whose lists have a qualifier or a sector can name a Party
    // otherwise than plainly: the others need no search of their lists, Party by Party.
    let qualified: Vec<bool> = g
        .recs()
        .iter()
        .map(|&i| {
            let lists = &g.rec(i).addressees.lists;
            let qualifier =
                |l: &crate::model::PartyList| l.parties.iter().any(|a| a.qualifier.is_some());
            lists.iter().any(|l| l.sector.is_some() || qualifier(l))
        })
        .collect();
    let shared = Shared {
        runs: &shared,
        qualified: &qualified,
    };
    g.parties().par_iter().try_for_each(|&p| {
        let url = g.urls.party_brief(&g.party(p).slug);
        r.unit(&url.clone(), || render_one(r, p, url, &entries, &shared))
    })?;
    if let Some(t) = r.tracking {
        t.keep_entries(entries.into_made());
    }
    Ok(())
}

/// What every brief of one render shares.
struct Shared<'s> {
    /// The "all" and "open" groups' entries, one run each.
    runs: &'s (dyn Fn(Concern) -> ListHtml + Sync),
    /// By [`RecIdx`]: whether a list of the recommendation has a qualifier or a sector.
    qualified: &'s [bool],
}

/// Renders Party `p`'s brief at `url`, and its file.
fn render_one(
    r: &Renderer,
    p: PartyIdx,
    url: String,
    entries: &Entries,
    shared: &Shared,
) -> Result<()> {
    let (g, party) = (r.g, r.g.party(p));
    // Which recommendations the brief shows, and in which group.
    r.read(Node::Party(p));
    let mut groups = Vec::new();
    // Lettered as on the Party page: the ways no recommendation of the dataset has are not there.
    let used = g.concerns(p).iter().filter(|(c, _)| g.concern_used(*c));
    for ((concern, recs), letter) in used.zip('a'..) {
        if concern == Concern::NotNamed {
            continue;
        }
        for &i in recs {
            // All of each text it shows, and its fields.
            r.read_rec(i);
            entries.make(r, i)?;
        }
        groups.push(group(r, p, concern, letter, recs, shared)?);
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
            url: g.urls.party(&party.slug),
            label: party.name.clone(),
        },
        csv_url: g.urls.party_csv(&party.slug),
        file_url: g.urls.party_brief_file(&party.slug),
        file_name: file_name(&g.urls.party_brief_file(&party.slug)),
        address: g.urls.absolute(&url),
        concern_total: groups.iter().map(|gr| gr.total).sum(),
        others: g.concerns(p).get(Concern::NotNamed).len(),
        groups,
    };
    let file = Meta::new(g, view.file_url.clone(), title.clone(), desc.clone());
    let (skeleton, lists) = r.render_skeleton("brief_file.html", &file, &view)?;
    r.composed_at_url(&view.file_url, &skeleton, &lists, entries)?;
    r.page_from("brief.html", Meta::new(g, url, title, desc), &view, entries)
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
    let name = [("party", r.g.party(p).name.as_str())];
    let own = |i: RecIdx| match shared.qualified[i.index()] {
        true => own_entry(r, p, i).map(|own| own.map_or(Part::Item(i), Part::Own)),
        false => Ok(Part::Item(i)),
    };
    let entries = match concern {
        Concern::All | Concern::Open => (shared.runs)(concern),
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
        entries,
    })
}

/// Recommendation `i`'s entry of Party `p`'s own, which says how the source names the Party;
/// `None` when it names it plainly (the shared entry is then the brief's).
fn own_entry(r: &Renderer, p: PartyIdx, i: RecIdx) -> Result<Option<Arc<str>>> {
    let (g, party) = (r.g, r.g.party(p));
    let named_as = super::party::named_as(g, g.rec(i), party);
    if named_as.is_empty() {
        return Ok(None);
    }
    let permalink = g.urls.absolute(&g.urls.recommendation(&g.rec(i).id));
    let entry = EntryView {
        named_as,
        ..entry_view(g, i, &permalink)
    };
    render_entry(r.theme, &entry).map(|html| Some(Arc::from(html)))
}

/// Recommendation `i`'s entry as every brief shows it, `url` its permanent address.
fn entry_view<'a>(g: &SiteGraph<'a>, i: RecIdx, url: &'a str) -> EntryView<'a> {
    let rec = g.rec(i);
    let slug = rec.id.slug();
    let base = g.urls.base();
    EntryView {
        id: rec.id.to_string(),
        body_html: markdown::to_html_scoped(&rec.body, base, &format!("{slug}-")),
        slug,
        url,
        title: &rec.title,
        level: g.ds.level_id(rec.level),
        level_label: &g.ds.level_info(rec.level).label,
        section: g.section_of(i).map(|s| SectionRef::new(g, g.section(s))),
        editorial: rec
            .editorial
            .iter()
            .map(|e| NoteView {
                kind: e.kind.as_str(),
                note_html: markdown::to_html(&e.note, base),
            })
            .collect(),
        named_as: Vec::new(),
        content_lang: g.ds.site.content_lang(),
    }
}

/// What `brief_entry.html` sees.
#[derive(Serialize)]
struct EntryContext<'e, 'a> {
    entry: &'e EntryView<'a>,
}

fn render_entry(theme: &Theme, entry: &EntryView) -> Result<String> {
    let ctx = tera::Context::from_serialize(EntryContext { entry })
        .context("building the template context")?;
    theme
        .tera
        .render(ENTRY_TEMPLATE, &ctx)
        .with_context(|| format!("rendering {ENTRY_TEMPLATE} for {}", entry.id))
}

/// Every recommendation's shared entry, made the first time a brief shows it (on a rebuild,
/// taken from the last render while the recommendation did not change), with its links and
/// ids (scanned once, whatever the number of briefs that show it), by [`RecIdx`].
struct Entries {
    made: Vec<OnceLock<Arc<MadeEntry>>>,
    /// Each scan looked up in a rebuild's interner, once.
    prepared: Vec<OnceLock<Prepared>>,
}

/// One recommendation's entry in the briefs as a render made it, with its links and ids and
/// their digest; a rebuild takes it whole while the recommendation did not change.
#[derive(Debug)]
pub(crate) struct MadeEntry {
    html: Arc<str>,
    scan: PageScan<'static>,
    digest: u128,
}

impl Entries {
    fn new(n: usize) -> Entries {
        Entries {
            made: (0..n).map(|_| OnceLock::new()).collect(),
            prepared: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Makes recommendation `i`'s entry, unless made. Two briefs may make one at once: both
    /// make the same bytes, and the first kept is the one every brief shows.
    fn make(&self, r: &Renderer, i: RecIdx) -> Result<()> {
        let cell = &self.made[i.index()];
        if cell.get().is_some() {
            return Ok(());
        }
        if let Some(kept) = r.tracking.and_then(|t| t.cached_entry(i)) {
            let _ = cell.set(kept.clone());
            return Ok(());
        }
        let g = r.g;
        let permalink = g.urls.absolute(&g.urls.recommendation(&g.rec(i).id));
        let html: Arc<str> = Arc::from(render_entry(r.theme, &entry_view(g, i, &permalink))?);
        let scan = scan_page(&html).into_owned();
        let _ = cell.set(Arc::new(MadeEntry {
            digest: scan.digest(),
            scan,
            html,
        }));
        Ok(())
    }

    /// The entries made in this render, for the next.
    fn into_made(self) -> Vec<(RecIdx, Arc<MadeEntry>)> {
        self.made
            .into_iter()
            .enumerate()
            .filter_map(|(k, cell)| Some((RecIdx::from_index(k), cell.into_inner()?)))
            .collect()
    }

    fn get(&self, i: RecIdx) -> &MadeEntry {
        self.made[i.index()]
            .get()
            .expect("a brief makes each entry it shows before composing")
    }
}

impl ItemSource for Entries {
    fn html(&self, i: RecIdx) -> &Arc<str> {
        &self.get(i).html
    }

    fn scan(&self, i: RecIdx) -> &PageScan<'static> {
        &self.get(i).scan
    }

    fn digest(&self, i: RecIdx) -> u128 {
        self.get(i).digest
    }

    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared {
        self.prepared[i.index()].get_or_init(|| interner.prepare(self.get(i).scan.borrowed()))
    }
}
