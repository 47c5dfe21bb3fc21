//! Party briefs: one Party in; out, every recommendation that concerns it (each group of its
//! page but the recommendations addressed only to other named Parties), each with its level,
//! section, the Committee's full text and footnotes, the editorial notes and its permanent
//! address, as a page made to be printed (`parties/<slug>/brief/`) and as one self-contained
//! HTML file to download, which a word processor opens (`parties/<slug>/<slug>-brief.html`).
//! A brief longer than one page holds is in parts (see `parts`); its file is always whole.
//! In a site of several reports, the further reports' recommendations that concern the Party
//! follow, report by report (see `reports`).
//!
//! Each recommendation's entry is rendered once per render by the theme's `brief_entry.html`
//! and shared by every brief that shows it, as list items are (see `compose`): at 100× a
//! brief holds thousands of texts, and the "all" and "open" groups, the same on every brief,
//! are one list made once (or, in parts, cut into parts once). An entry that says how the
//! source names the Party is the brief's own.

mod entries;
mod parts;
mod reports;

use crate::render::engine::Site;
use crate::render::engine::deps::Own;
use std::sync::{Arc, OnceLock};

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use crate::graph::{Concern, PartyIdx, RecIdx};
use crate::render::Renderer;
use crate::render::compose::{ListHtml, Part};
use crate::render::views::{Link, Meta};
pub(crate) use entries::MadeEntry;
use entries::{Entries, Texts, own_entry};

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
    /// Recommendations in the brief: every group but "not designated", and every further
    /// report's.
    concern_total: usize,
    /// Recommendations left out: addressed only to other named Parties, in every report.
    others: usize,
    /// How many parts the page is in: 0 when it is whole (the file always is).
    parts: usize,
    groups: Vec<GroupView>,
    /// What concerns the Party in each of the site's further reports, after the first
    /// report's groups.
    reports: Vec<reports::ReportView>,
}

/// One group of the brief, as on the Party page.
#[derive(Debug, Clone, Serialize)]
struct GroupView {
    id: &'static str,
    /// Its heading's id: `id`, or, in a further report, `report-<slug>-<id>`.
    anchor: String,
    /// The group's letter on the Party page (a further report's groups have none).
    letter: Option<char>,
    /// The further report the group is of; none for the first report's.
    report: Option<reports::ReportFacts>,
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
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
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
    /// The "all" and "open" groups' entries, one list each.
    lists: [OnceLock<ListHtml>; 2],
    /// The same groups in parts (see `parts`).
    parted: [OnceLock<Arc<[parts::Chunk]>>; 2],
    /// By [`RecIdx`]: whether a list of the recommendation has a qualifier or a sector.
    qualified: Vec<bool>,
    /// The further reports' entries.
    further: reports::FurtherEntries,
    /// The texts of the briefs' own entries, each made once.
    texts: Texts,
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
            lists: Default::default(),
            parted: Default::default(),
            qualified: qualified.collect(),
            further: reports::FurtherEntries::new(g),
            texts: Texts::new(g.recs().len()),
        }
    }

    /// Which of the shared groups `c` is (0 or 1), and its recommendations.
    fn slot(&self, c: Concern) -> (usize, &'g [RecIdx]) {
        match c {
            Concern::All => (0, self.g.with_scope(crate::model::Scope::All)),
            _ => (1, self.g.with_scope(crate::model::Scope::Open)),
        }
    }

    /// The entries of shared group `c`, as one list made once.
    fn list(&self, c: Concern) -> ListHtml {
        let (k, recs) = self.slot(c);
        let list = || ListHtml {
            count: recs.len(),
            parts: recs.iter().map(|&i| Part::Item(i)).collect(),
        };
        self.lists[k].get_or_init(list).clone()
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
    for ((concern, recs), letter) in shown(g, p) {
        for &i in recs {
            // All of each text it shows, and its fields.
            r.site().rec(i);
            entries.make(r, i)?;
        }
        groups.push(group(r, p, concern, letter, recs, shared)?);
        members.push(parts::Member::First(concern, recs));
    }
    let mut further = reports::parts(r, p, &shared.further)?;
    members.extend(
        std::mem::take(&mut further.ids)
            .into_iter()
            .map(parts::Member::Further),
    );
    let name = [("party", party.name.as_str())];
    let s = r.strings();
    let (title, desc) = (
        s.fill("brief.title", &name)?,
        s.fill("brief.description", &name)?,
    );
    let view = brief_view(g, p, &url, groups, further);
    let file = Meta::new(g, view.file_url.clone(), title.clone(), desc.clone());
    let (skeleton, lists) = r.render_skeleton("brief_file.html", &file, &view)?;
    r.composed_at_url(&view.file_url, skeleton, &lists, entries)?;
    let meta = Meta::new(g, url, title, desc);
    if parts::fits(&view, entries) {
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

/// Party `p`'s brief at `url`, with the first report's `groups` and the further reports'.
fn brief_view<'a>(
    g: Site<'_, 'a>,
    p: PartyIdx,
    url: &str,
    groups: Vec<GroupView>,
    further: reports::Further,
) -> BriefView<'a> {
    let party = g.party(p);
    let in_reports: usize = further.views.iter().map(|rep| rep.total).sum();
    BriefView {
        name: &party.name,
        crumb: Link {
            url: g.urls().party(&party.slug),
            label: party.name.clone(),
        },
        csv_url: g.urls().party_csv(&party.slug),
        file_url: g.urls().party_brief_file(&party.slug),
        file_name: file_name(&g.urls().party_brief_file(&party.slug)),
        address: g.urls().absolute(url),
        concern_total: groups.iter().map(|gr| gr.total).sum::<usize>() + in_reports,
        others: g.concerns(p).get(Concern::NotNamed).len() + further.others,
        parts: 0,
        groups,
        reports: further.views,
    }
}

/// The groups Party `p`'s brief shows, in order, each with its letter on the Party page (the
/// ways no recommendation of the dataset has are not there): every group of the page but the
/// recommendations addressed only to other named Parties.
fn shown<'g>(
    g: Site<'g, '_>,
    p: PartyIdx,
) -> impl Iterator<Item = ((Concern, &'g [RecIdx]), char)> {
    let used = g
        .concerns(p)
        .iter()
        .filter(move |(c, _)| g.concern_used(*c));
    used.zip('a'..)
        .filter(|((c, _), _)| *c != Concern::NotNamed)
}

/// About how many parts the briefs are in, for the build's progress: each brief's groups (the
/// further reports' included) weighed before any entry is rendered
/// ([`entries::estimated_weight`]) and split by the renderer's rule ([`parts::part_count`]).
pub(crate) fn expected_parts(g: &crate::graph::SiteGraph) -> usize {
    let site = Site::new(g, None);
    let weights: Vec<usize> = g
        .recs()
        .iter()
        .map(|&i| entries::estimated_weight(g.rec(i)))
        .collect();
    let brief = |&p: &PartyIdx| {
        let groups = shown(site, p).map(|((_, recs), _)| recs.iter().map(|i| weights[i.index()]));
        let mut groups: Vec<Vec<usize>> = groups.map(Iterator::collect).collect();
        groups.extend(reports::estimated_weights(site, g.party(p)));
        parts::part_count(&groups)
    };
    g.parties().par_iter().map(brief).sum()
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
    let entries = match concern {
        Concern::All | Concern::Open => shared.list(concern),
        Concern::Named => ListHtml {
            count: recs.len(),
            parts: own_parts(r, p, recs, shared)?.into(),
        },
        _ => ListHtml {
            count: recs.len(),
            parts: recs.iter().map(|&i| Part::Item(i)).collect(),
        },
    };
    Ok(GroupView {
        id: concern.as_str(),
        anchor: concern.as_str().to_string(),
        letter: Some(letter),
        report: None,
        heading: r.strings().fill(super::party::term_key(concern), &[])?,
        description: super::party_groups::description(r, p, concern)?,
        total: recs.len(),
        entries: Some(entries),
        parts: Vec::new(),
    })
}

/// The entries of `recs`, recommendations that name Party `p`: its own where one says how the
/// source names the Party (made now, or kept from the last render while the recommendation
/// did not change), else the shared one.
fn own_parts(r: &Renderer, p: PartyIdx, recs: &[RecIdx], shared: &Shared) -> Result<Vec<Part>> {
    // Only a recommendation whose lists have a qualifier or a sector can have an entry of the
    // brief's own: the others are not looked up.
    let qualified = |i: &RecIdx| shared.qualified[i.index()];
    let mine: Vec<RecIdx> = recs.iter().copied().filter(qualified).collect();
    let own = r.own_html(Own::Entry, p, &mine, |i| own_entry(r, p, i, &shared.texts))?;
    let mut own = own.into_iter();
    let parts = recs.iter().map(|&i| {
        let html = if qualified(&i) {
            own.next().flatten()
        } else {
            None
        };
        html.map_or(Part::Item(i), Part::Own)
    });
    Ok(parts.collect())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::expected_parts;
    use crate::graph::SiteGraph;
    use crate::model::Urls;
    use crate::project::{Given, Project};

    /// How many pages of briefs' parts a site holds: every page in a brief's folder but its
    /// first.
    fn part_pages(files: &crate::output::SiteFiles) -> usize {
        let part = |p: &str| p.contains("/brief/") && !p.ends_with("/brief/index.html");
        files.keys().filter(|p| part(p)).count()
    }

    /// The parts a build of `content` makes, and those expected from its graph alone.
    fn made_and_expected(root: &Path, content: &Path) -> (usize, usize) {
        let ds = crate::load_dataset(content).unwrap();
        let expected = expected_parts(&SiteGraph::build(&ds, Urls::parse("/").unwrap()));
        let given = Given {
            root: Some(root),
            content: Some(content),
            ..Given::default()
        };
        let project = Project::resolve(&given).unwrap();
        let made = part_pages(&crate::site::build_in_memory(&project, "/").unwrap());
        (made, expected)
    }

    #[test]
    fn the_briefs_parts_are_expected_as_the_renderer_splits_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        // The bundled briefs are one page each.
        assert_eq!(made_and_expected(root, &root.join("content")), (0, 0));
        // At 8 times the bundled content, every brief is in parts.
        let base = crate::load_dataset(&root.join("content")).unwrap();
        let tmp = tempfile::tempdir().unwrap();
        for (rel, text) in crate::synth::synthesize(&base, 8, 1) {
            let path = tmp.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (made, expected) = made_and_expected(root, tmp.path());
        assert!(made > 2 * base.parties.len(), "{made} parts");
        assert_eq!(expected, made);
        // The same recommendations again as a further report: its groups are in parts of
        // their own, counted by the same rule.
        let again = tmp.path().join("reports/again");
        std::fs::create_dir_all(again.join("recommendations")).unwrap();
        for (rel, text) in crate::synth::synthesize(&base, 8, 1) {
            let name = rel.to_string_lossy();
            if name.starts_with("recommendations/")
                || name == "legend.toml"
                || name == "sections.toml"
            {
                std::fs::write(again.join(rel), text).unwrap();
            }
        }
        std::fs::write(again.join("report.toml"), "title = \"Again\"\n").unwrap();
        let (with_further, expected) = made_and_expected(root, tmp.path());
        assert_eq!(expected, with_further);
        assert!(
            with_further > made,
            "{with_further} parts, {made} without the report"
        );
    }
}
