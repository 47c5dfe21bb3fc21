//! RENDER: the site graph and a theme (`themes/<name>/templates`, `themes/<name>/static`,
//! `themes/<name>/i18n`: the files `crate::inputs` names, which `serve` watches) in,
//! every output file handed to an [`output::Sink`] out, rendered on all cores (page kinds
//! and pages are independent; the output is sorted, so the order they finish in does not
//! matter). Templates get typed views only; Tera escapes everything except the HTML we render
//! ourselves: from Markdown, and each recommendation's list item, rendered once by the
//! theme's `rec_item.html` and reused in every listing.

mod compose;
mod engine;
mod items;
mod kinds;
mod layout;
mod paged;
pub(crate) mod theme;
pub(crate) mod views;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::graph::SiteGraph;
use crate::inputs;
use crate::markdown::Highlighter;
use crate::output::{FileBody, LinkSource, OutFile, Piece, Sink};
pub(crate) use accent::Accent;
use data::Download;
use deps::Tracking;
pub(crate) use engine::deps;
use engine::{Renderer, Site};
use items::Items;
use kinds::{
    brief, changes, data, home, listings, pages, party, party_groups, previews, recommendation,
    reports, search, web,
};
use layout::{Layout, PageLayout};
pub(crate) use previews::Previews;
pub(crate) use reports::render_further;
use strings::Strings;
use theme::{accent, strings, templates};
use views::{Meta, SiteView};

/// A loaded theme: its templates, its wording for the site's language, and the folder of
/// static files copied as they are.
pub(crate) struct Theme {
    tera: Tera,
    dir: PathBuf,
    static_dir: PathBuf,
    /// The accent colours the stylesheet declares.
    accent: Accent,
    strings: Strings,
    /// The strings the templates ask for by a literal key, checked when the language is known.
    key_uses: Vec<strings::KeyUse>,
}

/// Templates every theme must provide, one per page kind.
const TEMPLATES: [&str; 17] = [
    "home.html",
    "reports.html",
    "recommendation.html",
    "party.html",
    "brief.html",
    "brief_file.html",
    "brief_entry.html",
    "brief_part.html",
    "listing.html",
    "parties.html",
    "sections.html",
    "levels.html",
    "page.html",
    "search.html",
    "404.html",
    "rec_item.html",
    "nav.html",
];

/// Loads the theme in `dir` and checks it has every page kind's template; templates parsed
/// before by this program are read from `cache` when one is given.
pub(crate) fn load_theme(dir: &Path, cache: Option<&crate::cache::Cache>) -> Result<Theme> {
    let templates = dir.join(inputs::TEMPLATES);
    if !templates.is_dir() {
        bail!("theme {}: no templates/ folder", dir.display());
    }
    let (mut tera, key_uses) = templates::parse_templates(&templates, cache)
        .with_context(|| format!("theme {}", dir.display()))?;
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.register_function("list_items", compose::ListItems);
    let names: Vec<&str> = tera.get_template_names().collect();
    for t in TEMPLATES {
        if !names.contains(&t) {
            bail!("theme {}: missing templates/{t}", dir.display());
        }
    }
    let accent = Accent::load(dir)?;
    Ok(Theme {
        tera,
        dir: dir.to_path_buf(),
        static_dir: dir.join(inputs::STATIC),
        accent,
        strings: Strings::default(),
        key_uses,
    })
}

impl Theme {
    /// Loads the theme's strings for `language` (`i18n/<language>.toml`), with the content's
    /// `names` filled in, and hands them to the templates as `t(key=…)`. Called once the
    /// content says which language the site is in and what it names.
    pub(crate) fn use_language(
        &mut self,
        language: &str,
        names: &crate::model::Names,
    ) -> Result<()> {
        self.strings = Strings::load(&self.dir, language)?.with_names(names)?;
        // Every missing string a template names is reported now, all together, rather than
        // one per run as rendering meets them.
        self.strings.check_uses(&self.key_uses)?;
        self.tera
            .register_function("t", self.strings.tera_function());
        Ok(())
    }
}

/// Tera's default also escapes `/`, which would garble every URL; quotes, `<`, `>`, `&` are
/// what matters in text and double-quoted attributes.
fn escape_html(s: &str) -> String {
    crate::markdown::escape(s)
}

/// The context of every page: the layout's data and the page kind's own view.
#[derive(Serialize)]
struct PageContext<'v, T> {
    site: &'v SiteView<'v>,
    meta: &'v Meta,
    /// The layout's parts made once per build: navigation, `<title>`, print lines.
    layout: PageLayout<'v>,
    /// The theme's accent colours, for what no CSS variable reaches (`theme-color`).
    accent: &'v Accent,
    page: &'v T,
}

impl<'g, 'a> Renderer<'g, 'a> {
    /// The theme's wording.
    fn strings(&self) -> &Strings {
        &self.theme.strings
    }

    /// Renders `template` with `view` to the page at `meta.path`, listed in the sitemap. A
    /// page with lists is composed: its links are read from its parts.
    fn page<T: Serialize>(&self, template: &str, meta: Meta, view: &T) -> Result<()> {
        self.page_from(template, meta, view, &self.items)
    }

    /// [`Renderer::page`], its lists' items taken from `source` (a brief's entries) rather
    /// than the listings' items.
    fn page_from<T: Serialize>(
        &self,
        template: &str,
        meta: Meta,
        view: &T,
        source: &impl compose::ItemSource,
    ) -> Result<()> {
        let (skeleton, lists) = self.render_skeleton(template, &meta, view)?;
        self.list_in_sitemap(meta.canonical.clone());
        self.composed_at_url(&meta.path, skeleton, &lists, source)
    }

    /// Adds the page at the site URL `url`: `skeleton` with each list mark replaced by its
    /// items from `source`; its links are read from its parts.
    fn composed_at_url(
        &self,
        url: &str,
        skeleton: String,
        lists: &[std::sync::Arc<[compose::Part]>],
        source: &impl compose::ItemSource,
    ) -> Result<()> {
        if lists.is_empty() {
            return self.file_at_url(url, skeleton.into_bytes());
        }
        let Some(path) = self.site().urls().output_path(url) else {
            bail!("internal error: URL {url} is outside the base path");
        };
        let parts = compose::parts(&skeleton, lists)?;
        drop(skeleton);
        let mut page = compose::compose(&parts, source)?;
        self.wrote(&path);
        let same = self.same_links_as_last(&path, page.digest);
        if cfg!(debug_assertions) {
            // What a page's parts say of it must be what the whole page says.
            let scan = compose::compose(&parts, source)?.take_scan(source);
            debug_assert_eq!(scan.digest(), page.digest, "{path}: digest of the parts");
            if let Some(interner) = self.out.record().interner() {
                let prepared = compose::compose(&parts, source)?.take_prepared(source, interner);
                debug_assert!(
                    prepared == interner.prepare(scan),
                    "{path}: looked up by parts"
                );
            }
        }
        let pieces = std::mem::take(&mut page.pieces);
        let mut links = compose::PageLinks::new(&mut page, source);
        let links = (!same).then_some(&mut links as &mut dyn LinkSource);
        self.out.put(OutFile::composed(path, pieces, links))
    }

    /// Renders `template` with `view` for the page described by `meta`.
    fn render_html<T: Serialize>(&self, template: &str, meta: &Meta, view: &T) -> Result<Vec<u8>> {
        let (skeleton, lists) = self.render_skeleton(template, meta, view)?;
        if lists.is_empty() {
            return Ok(skeleton.into_bytes());
        }
        let parts = compose::parts(&skeleton, &lists)?;
        Ok(crate::output::join(
            &compose::compose(&parts, &self.items)?.pieces,
        ))
    }

    /// The template's output, each list a mark, and the lists.
    fn render_skeleton<T: Serialize>(
        &self,
        template: &str,
        meta: &Meta,
        view: &T,
    ) -> Result<(String, Vec<std::sync::Arc<[compose::Part]>>)> {
        compose::with_lists(|| {
            let ctx = PageContext {
                site: &self.site,
                meta,
                layout: self.layout.page(self.strings(), meta)?,
                accent: &self.theme.accent,
                page: view,
            };
            let ctx =
                tera::Context::from_serialize(&ctx).context("building the template context")?;
            self.theme
                .tera
                .render(template, &ctx)
                .with_context(|| format!("rendering {template} for {}", meta.path))
        })
    }

    /// Adds a file at the site URL `url`.
    fn file_at_url(&self, url: &str, bytes: Vec<u8>) -> Result<()> {
        let Some(path) = self.site().urls().output_path(url) else {
            bail!("internal error: URL {url} is outside the base path");
        };
        self.file(path, bytes)
    }

    /// Adds a file at an output path; two files at one path is an error.
    fn file(&self, path: String, bytes: Vec<u8>) -> Result<()> {
        self.wrote(&path);
        self.out.put(OutFile::new(path, bytes))
    }

    /// Adds the file (not a page) made of `pieces` at the site URL `url`.
    fn pieces_at_url(&self, url: &str, pieces: Vec<Piece>) -> Result<()> {
        let Some(path) = self.site().urls().output_path(url) else {
            bail!("internal error: URL {url} is outside the base path");
        };
        self.wrote(&path);
        self.out.put(OutFile::new(path, FileBody::from(pieces)))
    }
}

/// The data files and the content pages, which list them with their sizes: the pages'
/// Markdown is rendered while the data files are written. Returns the data files.
fn data_and_pages(r: &Renderer) -> Result<Vec<Download>> {
    let render_data = || data::render_all(r);
    let (downloads, pages) = rayon::join(render_data, || pages::content_page_views(r));
    let downloads = downloads?;
    pages::render_content_pages(r, pages, &downloads)?;
    Ok(downloads)
}

/// The content page that offers the offline edition's ZIP: `/data/`.
pub(crate) const OFFLINE_OFFER_PAGE: &str = "data";
/// Where the ZIP is, relative to the site root: one address for every edition.
pub(crate) const OFFLINE_ZIP: &str = "data/offline.zip";

/// Adds the offline edition's ZIP, then the page that offers it with its size (the page went
/// into the ZIP without the offer; neither the ZIP nor this version of the page is zipped).
/// `downloads` are the data files [`render_site`] wrote.
pub(crate) fn offer_offline_edition(
    g: &SiteGraph,
    theme: &Theme,
    out: &dyn Sink,
    zip: Vec<u8>,
    downloads: &[Download],
    code: &Highlighter,
) -> Result<()> {
    let site = &g.ds.site;
    let version = site.edition.as_ref().map(|e| e.version.as_str());
    let offer = views::OfflineOffer {
        url: g.urls.at(OFFLINE_ZIP),
        file_name: format!(
            "{}.zip",
            crate::offline::folder_name(&site.short_title, version)
        ),
        bytes: zip.len(),
        megabytes: format!("{:.1}", zip.len() as f64 / 1e6),
    };
    out.put(OutFile::new(OFFLINE_ZIP.into(), zip).online_only())?;
    let Some(page) = g.ds.pages.iter().find(|p| p.slug == OFFLINE_OFFER_PAGE) else {
        return Ok(());
    };
    let site_view = SiteView::new(Site::new(g, None));
    let r = Renderer::new(
        g,
        theme,
        Layout::new(theme, &site_view)?,
        site_view,
        Items::permalinks_only(Site::new(g, None)),
        out,
        None,
        code,
        None,
    );
    pages::render_offer_page(&r, page, downloads, &offer)
}

/// About how many files [`render_site`] makes, for progress: per recommendation (page and two
/// citation files), Party (page, CSV, brief and its file, and the brief's parts as the renderer
/// splits it: [`brief::expected_parts`]), section, level and content page, plus a few dozen
/// others.
pub(crate) fn expected_files(g: &SiteGraph) -> usize {
    let ds = g.ds;
    3 * ds.recommendations.len()
        + 4 * ds.parties.len()
        + ds.sections.len()
        + ds.levels.len()
        + ds.pages.len()
        + match ds.history.releases.len() {
            0 => 0,
            n => n + 2 + ds.parties.len(),
        }
        + ds.recommendations.len()
        + brief::expected_parts(g)
        + 20
}

/// Renders the whole site into `out`: every page kind, the data files, the static files, the
/// preview images (when `previews` is given), then the sitemap and the 404 page; `code`
/// highlights the code blocks. Returns the data files written, for the data page's second
/// rendering when the offline edition is zipped (see [`offer_offline_edition`]). With
/// `tracking`, what each page reads is recorded, and a rebuild renders only the pages that
/// read something that changed. `further` is what the site's further reports list in the
/// sitemap ([`render_further`]), which this writes with the first report's pages.
pub(crate) fn render_site(
    g: &SiteGraph,
    theme: &Theme,
    out: &dyn Sink,
    previews: Option<&Previews>,
    code: &Highlighter,
    tracking: Option<&Tracking>,
    further: &[String],
) -> Result<Vec<Download>> {
    // The list items are made before any unit opens: nothing is recorded of them (each is
    // kept across rebuilds by its own `Node::Item`).
    let site = SiteView::new(Site::new(g, None));
    let items = Items::render(Site::new(g, None), theme, tracking)?;
    let r = Renderer::new(
        g,
        theme,
        Layout::new(theme, &site)?,
        site,
        items,
        out,
        previews,
        code,
        tracking,
    );
    // Largest first, so the small jobs fill in around them on the other core; content pages
    // lead because their code blocks may load syntect, the longest single task at 1× (with a
    // warm cache; drawing previews is, with an empty one, and spreads over every core).
    let jobs: [fn(&Renderer) -> Result<()>; 10] = [
        previews::render_all,
        party::render_all,
        party_groups::render_all,
        brief::render_all,
        recommendation::render_all,
        listings::render_all,
        search::render_all,
        home::render_home,
        changes::render_all,
        web::copy_static,
    ];
    let (downloads, others) = rayon::join(
        || data_and_pages(&r),
        || jobs.par_iter().try_for_each(|job| job(&r)),
    );
    others?;
    r.sitemap().extend_from_slice(further);
    web::render_all(&r)?;
    if let Some(t) = tracking {
        t.keep_items(r.items.into_made());
    }
    downloads
}
