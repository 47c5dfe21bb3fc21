//! The site build shared by `build` and `serve`: content folder, theme folder and base URL in,
//! every output file out, with the link check passed: kept in memory (`serve`), or written to
//! disk as it is rendered and swapped into place once the links check out (`build`).

mod locate;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use anyhow::bail;

use crate::content::ContentFiles;
use crate::diag::{Diagnostics, visible};
use crate::graph::{SiteGraph, Urls};
use crate::model::Dataset;
use crate::output::cache::Cache;
use crate::output::{BrokenLink, Collector, SiteFiles, Staging};
use crate::{offline, render};

/// Why a build produced no site.
#[derive(Debug)]
pub enum BuildFailure {
    /// The content has errors, each located at `file:line:col` (broken links its Markdown
    /// makes included).
    Content(Diagnostics),
    /// The rendered pages link to pages, files or anchors that do not exist, and some of these
    /// links come from the theme.
    BrokenLinks(Vec<BrokenLink>),
    /// Plumbing: I/O, the base URL, the theme, a template.
    Other(anyhow::Error),
}

impl From<anyhow::Error> for BuildFailure {
    fn from(e: anyhow::Error) -> Self {
        BuildFailure::Other(e)
    }
}

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

/// What a build to disk wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Built {
    /// HTML pages.
    pub pages: usize,
    /// Every file, the output marker included.
    pub files: usize,
    /// Whether the site's addresses (citations, canonical links, sitemap) are absolute.
    pub absolute: bool,
    /// Preview images drawn (the others came from the cache).
    pub previews_drawn: usize,
}

/// Everything a full build made: the content as read, the dataset, the theme, the base URL and
/// the rendered files (`serve` builds its incremental rebuilds on these).
pub struct FullBuild {
    pub content: ContentFiles,
    pub ds: Dataset,
    pub theme: render::Theme,
    pub urls: Urls,
    pub out: Collector,
}

/// LOAD → VALIDATE → GRAPH → RENDER → LINK CHECK, all in memory.
pub fn build_in_memory(
    content: &Path,
    theme_dir: &Path,
    base_url: &str,
) -> Result<SiteFiles, BuildFailure> {
    let build = build_full_in_memory(content, theme_dir, base_url)?;
    Ok(build.out.into_parts().0.unwrap_or_default())
}

/// [`build_in_memory`], keeping what the build was made from. No preview images are drawn:
/// `serve` builds for a relative base URL, whose pages name no image (`og:image` must be
/// absolute), so drawing them would only slow its first build.
pub fn build_full_in_memory(
    content: &Path,
    theme_dir: &Path,
    base_url: &str,
) -> Result<FullBuild, BuildFailure> {
    let memory = |_: &_, _: &_| Ok(Collector::in_memory());
    let progress = Progress::default();
    build_with(content, theme_dir, Some(base_url), &progress, None, memory).map(|(b, _)| b)
}

/// The cache of preview images under the cache folder `dir`: `dir/previews/`.
pub fn previews_cache(dir: &Path) -> Cache {
    Cache::in_dir(dir.join("previews"))
}

/// Everything a build runs but writing and drawing preview images, for `check`: the rendered
/// files are scanned for the link check and dropped, so memory stays that of the content.
pub fn check_site(content: &Path, theme_dir: &Path) -> Result<Dataset, BuildFailure> {
    let discard = |_: &_, _: &_| Ok(Collector::discarding());
    let progress = Progress::default();
    let (build, _) = build_with(content, theme_dir, Some("/"), &progress, None, discard)?;
    Ok(build.ds)
}

/// LOAD → VALIDATE → GRAPH → RENDER (each file written into a folder beside `out` as it is
/// rendered, only links and ids kept) → LINK CHECK → swap into `out`. On any failure the new
/// folder is deleted and `out` is left as it was. Without `base_url`, the content's
/// `base_url` is used, or `/`. The offline edition's links are checked as they are written:
/// relative. Preview images come from `cache` when it holds them.
pub fn build_to_disk(
    content: &Path,
    theme_dir: &Path,
    (base_url, edition): (Option<&str>, Edition),
    out: &Path,
    progress: &Progress,
    cache: Cache,
) -> Result<Built, BuildFailure> {
    // The offline ZIP's entries are kept beside the preview images.
    let zip_cache = cache.beside("offline");
    let collector = |ds: &Dataset, urls: &Urls| -> anyhow::Result<Collector> {
        let disk = Collector::on_disk(Staging::create(out)?);
        let offers = ds
            .pages
            .iter()
            .any(|p| p.slug == render::OFFLINE_OFFER_PAGE);
        Ok(match edition {
            Edition::Online => disk,
            Edition::OnlineWithZip if !offers => disk,
            Edition::OnlineWithZip => {
                let site = &ds.site;
                let version = site.edition.as_ref().map(|e| e.version.as_str());
                let folder = offline::folder_name(&site.short_title, version);
                let edition = offline::Rewriter::new(urls, theme_dir)?;
                let kept = match &zip_cache {
                    Some(dir) => {
                        let identity = offline::zip_identity(&folder, &format!("{edition:?}"));
                        offline::KeptZip::load(dir, identity)
                    }
                    None => offline::KeptZip::none(),
                };
                disk.zipping(edition, offline::ZipSink::new(folder, kept))
            }
            Edition::Offline => disk.offline(offline::Rewriter::new(urls, theme_dir)?),
        })
    };
    // The offline edition carries no preview images: they serve links shared online.
    let cache = (edition != Edition::Offline).then_some(cache);
    let (build, drawn) = build_with(content, theme_dir, base_url, progress, cache, collector)?;
    let collected = build.out;
    let built = Built {
        pages: collected.pages(),
        files: collected.files() + 1,
        absolute: build.urls.is_absolute(),
        previews_drawn: drawn,
    };
    if let Some(staging) = collected.into_staging() {
        staging.commit()?;
    }
    Ok(built)
}

/// The stages both builds share; `collector` is made once the content has loaded, so content
/// errors never touch the output. `base_url` given overrides the content's. Preview images
/// are drawn when a cache is given (`None` for `check`); also returns how many were drawn
/// rather than taken from the cache.
fn build_with(
    content: &Path,
    theme_dir: &Path,
    base_url: Option<&str>,
    progress: &Progress,
    previews: Option<Cache>,
    collector: impl FnOnce(&Dataset, &Urls) -> anyhow::Result<Collector>,
) -> Result<(FullBuild, usize), BuildFailure> {
    // A bad `--base-url` is reported before the content is read.
    let given = base_url.map(Urls::parse).transpose()?;
    // Tera parses the theme on the other core meanwhile (a tenth of a 1× build); content
    // errors still come first.
    let (loaded, theme) = rayon::join(
        || -> Result<_, BuildFailure> {
            let (files, diags) = crate::content::load_content(content)?;
            let ds = crate::model::validate(&files, diags).map_err(BuildFailure::Content)?;
            Ok((files, ds))
        },
        || render::load_theme(theme_dir),
    );
    let (files, ds) = loaded?;
    let urls = match (given, &ds.site.base_url) {
        (Some(urls), _) => urls,
        (None, Some(site)) => Urls::parse(site)?,
        (None, None) => Urls::parse("/")?,
    };
    let mut theme = theme?;
    theme.use_language(&ds.site.language)?;
    // Pages name their preview image only where its address can be absolute (`og:image`
    // must be): elsewhere drawing would make files nothing uses.
    let previews = match previews {
        Some(cache) if urls.is_absolute() => Some(render::Previews::load(theme_dir, cache)?),
        _ => None,
    };
    let out = collector(&ds, &urls)?.counting(progress.done.clone());
    let graph = SiteGraph::build(&ds, urls);
    progress
        .expected
        .store(render::expected_files(&graph), Ordering::Relaxed);
    let downloads = render::render_site(&graph, &theme, &out, previews.as_ref())?;
    if let Some(zip) = out.finish_zip()? {
        render::offer_offline_edition(&graph, &theme, &out, zip, &downloads)?;
    }
    let broken = out.check_links(&graph.urls);
    if !broken.is_empty() {
        // A link the content's Markdown made is a content error at its line.
        return Err(match locate::locate(&files, &ds, &graph.urls, &broken) {
            Some(diags) => BuildFailure::Content(diags),
            None => BuildFailure::BrokenLinks(broken),
        });
    }
    let urls = graph.urls;
    let drawn = previews.map_or(0, |p| p.cache().made());
    let build = FullBuild {
        content: files,
        ds,
        theme,
        urls,
        out,
    };
    Ok((build, drawn))
}

/// The folder of the theme called `name`: `themes/<name>`, relative to the working directory.
/// Only a plain folder name is accepted, so a theme name cannot point elsewhere.
pub fn theme_dir(name: &str) -> anyhow::Result<PathBuf> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!("theme {name:?}: a theme is named by its folder under themes/");
    }
    Ok(Path::new("themes").join(name))
}

/// One line per broken link, naming the page it is on: `error: broken link in …`.
pub fn broken_link_lines(broken: &[BrokenLink]) -> String {
    broken
        .iter()
        .map(|b| {
            let (page, link) = (visible(&b.page), visible(&b.link));
            format!("error: broken link in {page}: {link} ({})\n", b.reason)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_plain_folder_names() {
        assert_eq!(theme_dir("default").unwrap(), Path::new("themes/default"));
        for bad in ["", "../x", "a/b", "a\\b", "."] {
            assert!(theme_dir(bad).is_err(), "{bad:?} accepted");
        }
    }
}
