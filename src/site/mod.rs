//! The site build shared by `check`, `build` and `serve`: the project (content, theme, output
//! and cache folders, base URL) in, every output file out, with the link check passed: kept in
//! memory (`serve`), or written to disk as it is rendered and swapped into place once the links
//! check out (`build`), with its warnings; or a `Failure`.

mod edit;
mod language;
mod locate;
mod rebuild;

/// A file of an in-memory site ([`build_in_memory`], [`Build::files`]).
pub use crate::output::FileBody;
pub use rebuild::Build;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::cache::{Cache, WriteFailures};
use crate::content::ContentFiles;
use crate::diag::{Diagnostic, Diagnostics};
use crate::failure::Failure;
use crate::graph::SiteGraph;
use crate::markdown::Highlighter;
use crate::model::Urls;
use crate::model::releases::Unannounced;
use crate::model::{Dataset, Kept};
use crate::output::{
    Discard, Disk, EndsIn, Memory, OfflineEdition, Output, Record, Sink, SiteFiles, Staging,
    Zipping,
};
use crate::project::Project;
use crate::render::deps::{Layers, Recorded, Tracking};
use crate::search::SearchIndexer;
use crate::{offline, render};

/// The warning a build to disk returns when its addresses are relative: a citation or a
/// sitemap needs the publication's full address, which only `base_url` or `--base-url` give.
pub const NOT_ABSOLUTE_WARNING: &str = "no absolute base URL (`base_url` in site.toml, or --base-url https://…): citations and data carry relative addresses, and no sitemap is written";

/// The warning a build for an absolute address returns when site.toml names no publisher:
/// the pages then say nothing about who publishes the edition or where to report an error.
pub const NO_PUBLISHER_WARNING: &str = "no publisher and no contact address (`[publisher]` in site.toml): pages published at this address say nothing about who publishes them or where to report an error";

/// How far a build has got, for a progress bar on another thread: files expected (known once
/// the content is loaded; 0 before) and files rendered.
#[derive(Debug, Default)]
pub struct Progress {
    pub expected: AtomicUsize,
    pub done: Arc<AtomicUsize>,
}

/// Which site a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// For a web server, as `serve` and `check` make it.
    Online,
    /// For a web server, with the offline edition's ZIP, offered on the `data` page when the
    /// content has one (`build`).
    OnlineWithZip,
    /// The offline edition, which works opened from a folder (`build --offline`).
    Offline,
}

/// What a build to disk wrote, for the command to tell: counts and warnings (the build
/// itself is gone by then, its files swapped into the output folder).
#[derive(Debug, Clone)]
pub struct Written {
    /// HTML pages.
    pub pages: usize,
    /// Every file, the output marker included.
    pub files: usize,
    /// Whether the site's addresses (citations, canonical links, sitemap) are absolute.
    pub absolute: bool,
    /// Preview images drawn (the others came from the cache).
    pub previews_drawn: usize,
    /// What the site was built despite: a relative base URL, leftovers that stay.
    pub warnings: Diagnostics,
}

/// What one pass of the stages made: the content as read, the dataset and what validating an
/// edit needs from it, the theme, the base URL, the rendered files in their output `O` (a
/// [`Sink`]), how many preview images it drew (rather than took from the cache) and what its
/// pages read (when recorded). `check` keeps the dataset, a build to disk the output, and
/// [`Build`] all of it, the output taken apart, to rebuild from.
pub(crate) struct Made<O> {
    pub content: ContentFiles,
    pub ds: Dataset,
    pub(crate) kept: Kept,
    pub theme: render::Theme,
    pub urls: Urls,
    pub(crate) out: O,
    pub(crate) drawn: usize,
    pub(crate) recorded: Recorded,
    /// What the further reports' pages list in the sitemap (none in a site of one report).
    pub(crate) further_sitemap: Vec<String>,
}

/// LOAD → VALIDATE → GRAPH → RENDER → LINK CHECK, all in memory, for `base_url` whatever the
/// project says.
pub fn build_in_memory(project: &Project, base_url: &str) -> Result<SiteFiles, Failure> {
    let made = build_full_in_memory(project, base_url)?;
    Ok(made.out.into_parts().0)
}

/// [`build_in_memory`], keeping what the build was made from. No preview images are drawn:
/// `serve` builds for a relative base URL, whose pages name no image (`og:image` must be
/// absolute), so drawing them would only slow its first build.
pub(crate) fn build_full_in_memory(
    project: &Project,
    base_url: &str,
) -> Result<Made<Output<Memory>>, Failure> {
    let memory = |_: &_, _: &_, record| Ok(Output::new(record, Memory::default()));
    let progress = Progress::default();
    let stages = Stages {
        previews: None,
        code: Highlighter::uncached(),
        templates: None,
        track: None,
        adjust: None,
        unannounced: Unannounced::Refuse,
    };
    build_with(project, Some(base_url), &progress, stages, memory)
}

/// [`build_full_in_memory`], recording what each page reads, for [`Build`], whose search
/// index is built with `indexer`, running `layers`. A preview: a change the draft note does not name is a
/// warning ([`crate::model::releases::History::unannounced`]), not an error.
fn build_tracked_in_memory(
    project: &Project,
    base_url: &str,
    indexer: &Mutex<SearchIndexer>,
    layers: Layers,
) -> Result<Made<Output<Memory>>, Failure> {
    let whole = !layers.pieces;
    let memory = |_: &_, _: &_, record| Ok(Output::new(record, Memory::keeping_whole(whole)));
    let progress = Progress::default();
    let stages = Stages {
        previews: None,
        code: highlighter(&project.cache),
        templates: Some(templates_cache(&project.cache, &WriteFailures::default())),
        track: Some((indexer, layers)),
        adjust: None,
        // `serve`'s preview: a change the draft note does not name yet is shown, with a warning.
        unannounced: Unannounced::Warn,
    };
    build_with(project, Some(base_url), &progress, stages, memory)
}

/// The cache of preview images under the cache folder `dir`: `dir/previews/`.
fn previews_cache(dir: &Path, failures: &WriteFailures) -> Cache {
    Cache::in_dir(dir.join("previews")).reporting_to(failures)
}

/// The theme's templates as parsed, kept under the cache folder `dir`: `dir/templates/`.
fn templates_cache(dir: &Path, failures: &WriteFailures) -> Cache {
    Cache::in_dir(dir.join("templates")).reporting_to(failures)
}

/// Highlights the content pages' code blocks, keeping them under the cache folder `dir`:
/// `dir/code/` (a failed write goes unsaid: `serve`).
fn highlighter(dir: &Path) -> Highlighter {
    highlighter_reporting(dir, &WriteFailures::default())
}

/// [`highlighter`], telling failed writes to `failures`.
fn highlighter_reporting(dir: &Path, failures: &WriteFailures) -> Highlighter {
    Highlighter::cached(Cache::in_dir(dir.join("code")).reporting_to(failures))
}

/// Everything a build runs but writing and drawing preview images, for `check`: the rendered
/// files are scanned for the link check and dropped, so memory stays that of the content.
pub fn check_site(project: &Project) -> Result<Dataset, Failure> {
    check_with(project, None)
}

/// [`check_site`] on the content as `adjust` changes it once read: for `recpub release`, the
/// content as the release will leave it (its snapshot among the releases, the edition set),
/// checked, pages and links included, before anything is written.
pub fn check_site_adjusted<'a>(
    project: &Project,
    adjust: impl FnOnce(&mut ContentFiles) + Send + 'a,
) -> Result<Dataset, Failure> {
    check_with(project, Some(Box::new(adjust)))
}

fn check_with(project: &Project, adjust: Option<Adjust<'_>>) -> Result<Dataset, Failure> {
    let discard = |_: &_, _: &_, record| Ok(Output::new(record, Discard));
    let progress = Progress::default();
    let stages = Stages {
        previews: None,
        code: Highlighter::uncached(),
        templates: None,
        track: None,
        adjust,
        unannounced: Unannounced::Refuse,
    };
    let made = build_with(project, Some("/"), &progress, stages, discard)?;
    Ok(made.ds)
}

/// LOAD → VALIDATE → GRAPH → RENDER (each file written into a folder beside the project's
/// output folder as it is rendered, only links and ids kept) → LINK CHECK → swap into the
/// output folder. On any failure the new folder is deleted and the output is left as it was.
/// Without a base URL given, the content's `base_url` is used, or `/`. The offline edition's
/// links are checked as they are written: relative. Preview images come from the project's
/// cache folder when it holds them.
pub fn build_to_disk(
    project: &Project,
    edition: Edition,
    progress: &Progress,
) -> Result<Written, Failure> {
    // A cache that cannot be written costs time, not the build: one warning at the end.
    let failures = WriteFailures::default();
    let sink = |ds: &Dataset, urls: &Urls, record| {
        disk_sink(project, edition, ds, urls, record, &failures)
    };
    // The offline edition carries no preview images: they serve links shared online.
    let stages = Stages {
        previews: (edition != Edition::Offline).then(|| previews_cache(&project.cache, &failures)),
        code: highlighter_reporting(&project.cache, &failures),
        templates: Some(templates_cache(&project.cache, &failures)),
        track: None,
        adjust: None,
        unannounced: Unannounced::Refuse,
    };
    let base_url = project.base_url.as_deref();
    let made =
        build_with(project, base_url, progress, stages, sink).map_err(|failure| match failure {
            Failure::BrokenLinks { links, .. } => Failure::BrokenLinks {
                links,
                to_disk: true,
            },
            other => other,
        })?;
    let unnamed = made.ds.site.publisher.is_none();
    let content_warnings = made.ds.warnings.clone();
    let collected = made.out.into_output();
    let absolute = made.urls.is_absolute();
    let mut written = Written {
        pages: collected.record().pages(),
        files: collected.record().files() + 1,
        absolute,
        previews_drawn: made.drawn,
        warnings: content_warnings,
    };
    written
        .warnings
        .0
        .extend(collected.into_staging().commit()?.0);
    if let Some(warning) = failures.warning() {
        written.warnings.push(Diagnostic::warning(warning));
    }
    if !absolute {
        written
            .warnings
            .push(Diagnostic::warning(NOT_ABSOLUTE_WARNING));
    } else if unnamed {
        // Only a build for the publication's address is about to be published.
        written
            .warnings
            .push(Diagnostic::warning(NO_PUBLISHER_WARNING));
    }
    Ok(written)
}

/// Where a build to disk puts its files, `record`ing them: into a staging folder beside the
/// output folder, zipped into the offline edition's ZIP too when the content offers one, or
/// rewritten as the offline edition.
fn disk_sink(
    project: &Project,
    edition: Edition,
    ds: &Dataset,
    urls: &Urls,
    record: Record,
    failures: &WriteFailures,
) -> anyhow::Result<Box<dyn EndsIn<Disk>>> {
    let theme_dir = project.theme.as_path();
    let disk = Output::on_disk(record, Staging::create(&project.out)?);
    let offers = ds
        .pages
        .iter()
        .any(|p| p.slug == render::OFFLINE_OFFER_PAGE);
    Ok(match edition {
        Edition::Online => Box::new(disk),
        Edition::OnlineWithZip if !offers => Box::new(disk),
        Edition::OnlineWithZip => {
            let site = &ds.site;
            let version = site.edition.as_ref().map(|e| e.version.as_str());
            let folder = offline::folder_name(&site.short_title, version);
            let edition = offline::Rewriter::new(urls, theme_dir)?;
            // The offline ZIP's entries are kept beside the preview images.
            let identity = offline::zip_identity(&folder, &format!("{edition:?}"));
            let kept = offline::KeptZip::load(&project.cache.join("offline"), identity, failures);
            let zip = offline::ZipSink::new(folder, kept);
            Box::new(Zipping::new(edition, zip, disk))
        }
        Edition::Offline => {
            let edition = offline::Rewriter::new(urls, theme_dir)?;
            Box::new(OfflineEdition::new(edition, disk))
        }
    })
}

/// What a build does beyond rendering the site.
struct Stages<'s> {
    /// Draw preview images, with this cache (`None` for `check` and `serve`).
    previews: Option<Cache>,
    /// Highlights code blocks (with a cache, for builds that keep one).
    code: Highlighter,
    /// Where parsed templates are kept (`None`: parsed every time).
    templates: Option<Cache>,
    /// Record what each page reads, for rebuilds ([`Build`]), and build the search index with
    /// this indexer, which the rebuilds keep.
    track: Option<(&'s Mutex<SearchIndexer>, Layers)>,
    /// Changes the content as read, before it is validated (`None` but for `recpub release`).
    adjust: Option<Adjust<'s>>,
    /// A change the draft note does not name: refused, or a warning (`serve`'s preview).
    unannounced: Unannounced,
}

/// A change to the content as read: `recpub release` checks the content as its release will
/// leave it.
type Adjust<'s> = Box<dyn FnOnce(&mut ContentFiles) + Send + 's>;

/// The stages both builds share; the `sink` is made once the content has loaded (with the
/// record it is to keep), so content errors never touch the output. `base_url` given
/// overrides the content's.
fn build_with<O: Sink>(
    project: &Project,
    base_url: Option<&str>,
    progress: &Progress,
    stages: Stages<'_>,
    sink: impl FnOnce(&Dataset, &Urls, Record) -> anyhow::Result<O>,
) -> Result<Made<O>, Failure> {
    let (content, theme_dir) = (project.content.as_path(), project.theme.as_path());
    // A bad `--base-url` is reported before the content is read.
    let given = base_url.map(Urls::parse).transpose()?;
    let (adjust, unannounced) = (stages.adjust, stages.unannounced);
    let templates = stages.templates.as_ref();
    // Tera parses the theme on the other core meanwhile (a tenth of a 1× build); content
    // errors still come first.
    let (loaded, theme) = rayon::join(
        || -> Result<_, Failure> {
            let (mut files, diags) = crate::content::load_content(content)?;
            if let Some(adjust) = adjust {
                adjust(&mut files);
            }
            let (ds, kept) = crate::model::validate_with(&files, diags, unannounced)
                .map_err(|d| Failure::content(content, d))?;
            Ok((files, ds, kept))
        },
        || render::load_theme(theme_dir, templates),
    );
    let (files, ds, kept) = loaded?;
    let urls = match (given, &ds.site.base_url) {
        (Some(urls), _) => urls,
        (None, Some(site)) => Urls::parse(site)?,
        (None, None) => Urls::parse("/")?,
    };
    let mut theme = theme?;
    theme
        .use_language(&ds.site.interface_language, &ds.site.names)
        .map_err(|e| language::no_strings(content, theme_dir, &ds.site, e))?;
    // Pages name their preview image only where its address can be absolute (`og:image`
    // must be): elsewhere drawing would make files nothing uses.
    let previews = match stages.previews {
        Some(cache) if urls.is_absolute() => Some(render::Previews::load(theme_dir, cache)?),
        _ => None,
    };
    let out = sink(&ds, &urls, Record::counting(progress.done.clone()))?;
    let graph = SiteGraph::build(&ds, urls);
    progress
        .expected
        .store(render::expected_files(&graph), Ordering::Relaxed);
    let tracking = stages
        .track
        .map(|(indexer, layers)| Tracking::first().with_indexer(indexer).with_layers(layers));
    // A site of several reports: each further report's pages and the index of reports first,
    // so that the first report's sitemap lists them too.
    let further: Vec<SiteGraph> = (ds.further.iter())
        .map(|f| SiteGraph::build(&f.ds, graph.urls.for_report(&f.slug)))
        .collect();
    let further_sitemap = render::render_further(
        &graph,
        &further,
        &theme,
        &out,
        previews.as_ref(),
        &stages.code,
    )?;
    drop(further);
    let downloads = render::render_site(
        &graph,
        &theme,
        &out,
        previews.as_ref(),
        &stages.code,
        tracking.as_ref(),
        &further_sitemap,
    )?;
    let recorded = tracking.map(Tracking::finish).unwrap_or_default();
    if let Some(zip) = out.zip().map(offline::ZipSink::finish).transpose()? {
        render::offer_offline_edition(&graph, &theme, &out, zip, &downloads, &stages.code)?;
    }
    let broken = out.record().check_links(&graph.urls);
    if !broken.is_empty() {
        // A link the content's Markdown made is a content error at its line.
        return Err(match locate::locate(&files, &ds, &graph.urls, &broken) {
            Some(diags) => Failure::content(content, diags),
            None => Failure::BrokenLinks {
                links: broken,
                to_disk: false,
            },
        });
    }
    let urls = graph.urls;
    let drawn = previews.map_or(0, |p| p.cache().made());
    Ok(Made {
        content: files,
        ds,
        kept,
        theme,
        urls,
        out,
        drawn,
        recorded,
        further_sitemap,
    })
}
