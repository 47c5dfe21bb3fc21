//! Rebuilds in memory (`serve`): the last good build and the paths that changed in, the next
//! site out. An edit of recommendation files renders again only the units (pages with the
//! files beside them) that read a node the edit changed, and the files outside units; every
//! other file is the last build's. Any other change (a table, a page, a template, a release)
//! is read by every page: it rebuilds in full. Either way the result is byte-identical to a
//! full build of the same files (`tests/rebuild.rs` applies random edits and compares).

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use super::edit::{self, Changed};
use crate::content::ContentFiles;
use crate::diag::Diagnostic;
use crate::failure::Failure;
use crate::fx::FxHashSet;
use crate::graph::{RecIdx, SiteGraph};
use crate::markdown::Highlighter;
use crate::model::Urls;
use crate::model::{Dataset, Kept, RecId, Recommendation};
use crate::output::{FileScan, LinkIndex, Memory, Output, SiteFiles};
use crate::project::Project;
use crate::render::deps::{Layers, Node, Recorded, Tracking};
use crate::render::{self, Theme};
use crate::search::SearchIndexer;

/// A good build kept in memory for the next (`serve`): a full build's [`super::Made`], its
/// output taken apart into the files and the link index a rebuild updates, with what
/// rebuilding needs besides (the project, the search indexer, the layers that run).
pub struct Build {
    project: Project,
    base_url: String,
    /// The canonical `recommendations/` folder, whose edits can be partial.
    recommendations: PathBuf,
    content: ContentFiles,
    ds: Dataset,
    /// What validating an edit by `check`'s rules needs from the last validation.
    kept: Kept,
    theme: Theme,
    urls: Urls,
    files: Arc<SiteFiles>,
    links: LinkIndex,
    /// The id of each recommendation the last render saw, by its `RecIdx` there: what a
    /// rebuild renumbers the record by when an edit adds or deletes one.
    ids: Vec<RecId>,
    recorded: Recorded,
    /// What the further reports' pages list in the sitemap: kept, as their pages are, by a
    /// rebuild that does not touch them (an edit of a further report builds in full).
    further_sitemap: Vec<String>,
    /// How many files the last rebuild took from the build before (0 after a full build).
    reused: usize,
    /// The search indexer, which keeps each recommendation's analysis for the next build.
    indexer: Mutex<SearchIndexer>,
    code: Highlighter,
    /// The layers of the rebuild that run (all, unless measuring one's gain).
    layers: Layers,
}

/// The environment variable that switches layers of the rebuild off, to measure each one's
/// gain: `RECPUB_REBUILD_WITHOUT=splice,pieces` (see [`Layers::without`]).
const LAYERS_VAR: &str = "RECPUB_REBUILD_WITHOUT";

/// The layers the environment asks for: the one place [`LAYERS_VAR`] is read.
fn layers() -> Result<Layers, Failure> {
    let without = std::env::var(LAYERS_VAR).unwrap_or_default();
    Layers::without(&without).map_err(|e| Failure::Other(anyhow::anyhow!("{LAYERS_VAR}: {e}")))
}

impl Build {
    /// Builds `project` in full, in memory, for `base_url`, recording what each page reads.
    pub fn new(project: &Project, base_url: &str) -> Result<Build, Failure> {
        let layers = layers()?;
        let indexer = Mutex::new(SearchIndexer::default());
        let full = super::build_tracked_in_memory(project, base_url, &indexer, layers)?;
        let (files, mut links) = full.out.into_parts();
        // Which pages link to which file, so that a rebuild checks only what it can break.
        if layers.inverse {
            links.track_targets(&full.urls);
        }
        let recommendations = project.content.join("recommendations");
        let ids = rec_ids(&full.ds);
        Ok(Build {
            project: project.clone(),
            base_url: base_url.to_string(),
            recommendations: recommendations.canonicalize().unwrap_or(recommendations),
            content: full.content,
            ds: full.ds,
            kept: full.kept,
            theme: full.theme,
            urls: full.urls,
            files: Arc::new(files),
            links,
            ids,
            recorded: full.recorded,
            further_sitemap: full.further_sitemap,
            reused: 0,
            indexer,
            code: super::highlighter(&project.cache),
            layers,
        })
    }

    /// The site.
    pub fn files(&self) -> Arc<SiteFiles> {
        self.files.clone()
    }

    /// The warnings for the recommendations changed since the last release that the draft
    /// note of the next one does not name: shown here, refused by `check`, `build` and
    /// `release`.
    pub fn unannounced(&self) -> Vec<Diagnostic> {
        self.ds.unannounced()
    }

    /// How many files the last rebuild took from the build before it, unrendered (0 after a
    /// full build).
    pub fn reused(&self) -> usize {
        self.reused
    }

    /// How many pages the last rebuild rendered again with the links and ids they had, whose
    /// link check entries it kept.
    pub fn same_links(&self) -> usize {
        self.recorded.same_links.len()
    }

    /// The build after the files at `changed` (absolute paths, of any kind) changed. An edit
    /// of recommendation files renders only what depends on them; anything else, or an edit
    /// a check across files may refuse, builds in full from disk. On `Err` the last good site
    /// stays the caller's to serve.
    pub fn apply(mut self, changed: &[PathBuf]) -> Result<Build, Failure> {
        let project = self.project.clone();
        let base_url = self.base_url.clone();
        let dir = self.recommendations.clone();
        if changed.is_empty() {
            return Ok(self);
        }
        // While a change goes unannounced, every edit builds in full: the quick path keeps only
        // named changes, and the full build says again which changes are still unnamed.
        if self.ds.unannounced().is_empty()
            && let Some(what) = edit::apply(
                &mut self.content,
                &mut self.ds,
                &mut self.kept,
                &dir,
                changed,
            )
            && self.render_edit(&what).is_ok()
        {
            return Ok(self);
        }
        // Anything else builds in full, which also reports a failure exactly as `check` does (a
        // broken link in a recommendation's text at its line). The last build's memory goes
        // before the next is made.
        drop(self);
        Build::new(&project, &base_url)
    }

    /// Renders the units that read what the edit changed, and the files outside units; keeps
    /// every other file; checks the links again.
    fn render_edit(&mut self, what: &Changed) -> Result<(), Failure> {
        let g = SiteGraph::build(&self.ds, self.urls.clone());
        let ids = rec_ids(&self.ds);
        if ids != self.ids {
            let map: Vec<_> = self.ids.iter().map(|id| g.find_rec(id)).collect();
            self.recorded.renumber(&map, ids.len());
            self.ids = ids;
        }
        let mut changed: Vec<Node> = changed_nodes(&g, what).into_iter().collect();
        changed.sort_unstable();
        let previous = self.recorded.previous(&self.files, &changed);
        let tracking = Tracking::after(previous)
            .with_indexer(&self.indexer)
            .with_layers(self.layers);
        let memory = Memory::keeping_whole(!self.layers.pieces);
        let out = Output::rebuilding(self.links.interner(), memory);
        render::render_site(
            &g,
            &self.theme,
            &out,
            None,
            &self.code,
            Some(&tracking),
            &self.further_sitemap,
        )?;
        let recorded = tracking.finish();
        let scans = out.take_scans();
        let (made, _) = out.into_parts();
        self.merge(made, scans, recorded, &changed)
    }

    /// The next site: the last one without the files of units rendered again or gone and the
    /// files outside units, with the files just made (`scans`: their links and ids). The link
    /// index follows, and only what the change can break is checked. `nodes`: what changed.
    fn merge(
        &mut self,
        made: SiteFiles,
        scans: Vec<FileScan>,
        mut now: Recorded,
        nodes: &[Node],
    ) -> Result<(), Failure> {
        let mut last = std::mem::take(&mut self.recorded);
        let kept: FxHashSet<&str> = now.kept.iter().map(String::as_str).collect();
        let mut stale: Vec<String> = last.loose.clone();
        for (key, unit) in &last.units {
            if !kept.contains(key.as_str()) {
                stale.extend(unit.outputs.iter().cloned());
            }
        }
        let mut site = (*self.files).clone();
        for path in &stale {
            site.remove(path.as_str());
        }
        self.reused = site.len();
        // Pages rendered again with the same links and ids keep their entries.
        let relinked: FxHashSet<&str> = now.same_links.iter().map(String::as_str).collect();
        let changed: Vec<FileScan> = scans
            .into_iter()
            .filter(|(path, _)| !relinked.contains(path.as_str()))
            .collect();
        let unlinked: Vec<String> = stale
            .iter()
            .filter(|p| !relinked.contains(p.as_str()))
            .cloned()
            .collect();
        drop(relinked);
        let touched =
            self.links
                .replace_prepared(&self.urls, changed, &unlinked, self.layers.inverse);
        site.extend(made);
        let broken = match self.layers.inverse {
            true => self.links.check_after(&self.urls, &touched),
            false => self.links.check(&self.urls),
        };
        if !broken.is_empty() {
            return Err(Failure::BrokenLinks {
                links: broken,
                to_disk: false,
            });
        }
        // The kept units read what they did: they join the ones just rendered.
        last.units.retain(|key, _| kept.contains(key.as_str()));
        drop(kept);
        let stale: FxHashSet<&str> = stale.iter().map(String::as_str).collect();
        now.keep_from(&mut last, &stale, nodes);
        now.units.extend(last.units);
        self.files = Arc::new(site);
        self.recorded = now;
        Ok(())
    }
}

/// The id of each recommendation of `ds`, by `RecIdx`.
fn rec_ids(ds: &Dataset) -> Vec<RecId> {
    ds.recommendations.iter().map(|r| r.id.clone()).collect()
}

/// The nodes an edit changed, in `g`'s numbering. A recommendation's own node always (`Gone`
/// when it went); its item when its title, level or addressees changed; the lists it is in
/// (and every count) when its level or addressees changed or it came or went; its neighbours'
/// when it came or went; what it cites when its references changed.
fn changed_nodes(g: &SiteGraph, what: &Changed) -> HashSet<Node> {
    let mut nodes = HashSet::new();
    // A node of a recommendation `g` no longer has is `Gone`.
    let of = |id: &RecId, node: fn(RecIdx) -> Node| g.find_rec(id).map_or(Node::Gone, node);
    for (id, before) in what {
        nodes.insert(of(id, Node::Rec));
        let now = g.find_rec(id);
        let old = before.as_ref().map(|b| &b.rec);
        let new = now.map(|i| g.rec(i));
        let same = |f: fn(&Recommendation, &Recommendation) -> bool| match (old, new) {
            (Some(a), Some(b)) => f(a, b),
            _ => false,
        };
        if !same(|a, b| a.title == b.title && a.level == b.level && a.addressees == b.addressees) {
            nodes.insert(of(id, Node::Item));
        }
        if !same(|a, b| a.level == b.level && a.addressees == b.addressees) {
            nodes.insert(Node::Counts);
            for r in old.iter().chain(&new) {
                nodes.insert(Node::Level(r.level));
                nodes.extend(g.find_section(&r.id.section).map(Node::Section));
            }
            nodes.extend(g.parties().iter().map(|&p| Node::Party(p)));
        }
        if old.is_none() || new.is_none() {
            let mut near: Vec<&crate::model::RecId> = Vec::new();
            if let Some(b) = before {
                near.extend(b.prev.iter().chain(&b.next));
            }
            if let Some(i) = now {
                let (p, n) = g.neighbours(i);
                near.extend(p.iter().chain(&n).map(|&j| &g.rec(j).id));
            }
            for id in near {
                nodes.insert(of(id, Node::Neighbours));
            }
        }
        if !same(|a, b| a.references.recommendations == b.references.recommendations) {
            for r in old.iter().chain(&new) {
                for t in &r.references.recommendations {
                    nodes.insert(of(t, Node::ReferencedBy));
                }
            }
        }
    }
    nodes
}
