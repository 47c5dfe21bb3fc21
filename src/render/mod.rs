//! RENDER: the site graph and a theme (`themes/<name>/templates`, `themes/<name>/static`) in, the
//! whole site in memory (output path → bytes) out. Templates get typed views only; Tera escapes
//! everything except the HTML we render ourselves from Markdown.

mod data;
mod listings;
mod party;
mod recommendation;
mod search;
pub mod views;
mod web;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::Serialize;
use tera::Tera;

use crate::graph::SiteGraph;
use crate::output::SiteFiles;
use views::{Meta, SiteView};

/// A loaded theme: its templates and the folder of static files copied as they are.
pub struct Theme {
    tera: Tera,
    static_dir: PathBuf,
}

/// Templates every theme must provide, one per page kind.
const TEMPLATES: [&str; 12] = [
    "home.html",
    "recommendation.html",
    "party.html",
    "section.html",
    "level.html",
    "recommendations.html",
    "parties.html",
    "sections.html",
    "levels.html",
    "page.html",
    "search.html",
    "404.html",
];

/// Loads the theme in `dir` and checks it has every page kind's template.
pub fn load_theme(dir: &Path) -> Result<Theme> {
    let templates = dir.join("templates");
    if !templates.is_dir() {
        bail!("theme {}: no templates/ folder", dir.display());
    }
    let glob = format!("{}/**/*.html", templates.display());
    let mut tera = Tera::new(&glob).with_context(|| format!("theme {}", dir.display()))?;
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    let names: Vec<&str> = tera.get_template_names().collect();
    for t in TEMPLATES {
        if !names.contains(&t) {
            bail!("theme {}: missing templates/{t}", dir.display());
        }
    }
    Ok(Theme {
        tera,
        static_dir: dir.join("static"),
    })
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
    page: &'v T,
}

/// Collects rendered files; pages listed in the sitemap are remembered in order.
pub struct Renderer<'g, 'a> {
    g: &'g SiteGraph<'a>,
    theme: &'g Theme,
    site: SiteView<'a>,
    files: SiteFiles,
    sitemap: Vec<String>,
}

impl<'g, 'a> Renderer<'g, 'a> {
    /// Renders `template` with `view` to the page at `meta.path`, listed in the sitemap.
    fn page<T: Serialize>(&mut self, template: &str, meta: Meta, view: &T) -> Result<()> {
        let html = self.render_html(template, &meta, view)?;
        self.sitemap.push(meta.canonical.clone());
        self.file_at_url(&meta.path, html)
    }

    /// Renders `template` with `view` for the page described by `meta`.
    fn render_html<T: Serialize>(&self, template: &str, meta: &Meta, view: &T) -> Result<Vec<u8>> {
        let ctx = PageContext {
            site: &self.site,
            meta,
            page: view,
        };
        let ctx = tera::Context::from_serialize(&ctx).context("building the template context")?;
        let html = self
            .theme
            .tera
            .render(template, &ctx)
            .with_context(|| format!("rendering {template} for {}", meta.path))?;
        Ok(html.into_bytes())
    }

    /// Adds a file at the site URL `url`.
    fn file_at_url(&mut self, url: &str, bytes: Vec<u8>) -> Result<()> {
        let Some(path) = self.g.urls.output_path(url) else {
            bail!("internal error: URL {url} is outside the base path");
        };
        self.file(path, bytes)
    }

    /// Adds a file at an output path; two files at one path is an error (a page slug that
    /// collides with a generated page).
    fn file(&mut self, path: String, bytes: Vec<u8>) -> Result<()> {
        if self.files.insert(path.clone(), bytes).is_some() {
            bail!("two outputs at {path}: a content page's slug collides with a generated page");
        }
        Ok(())
    }
}

/// Renders the whole site: every page kind, the data files, the static files, the sitemap.
pub fn render_site(g: &SiteGraph, theme: &Theme) -> Result<SiteFiles> {
    let mut r = Renderer {
        g,
        theme,
        site: SiteView::new(g),
        files: SiteFiles::new(),
        sitemap: Vec::new(),
    };
    listings::render_home(&mut r)?;
    recommendation::render_all(&mut r)?;
    party::render_all(&mut r)?;
    listings::render_all(&mut r)?;
    data::render_all(&mut r)?;
    search::render_all(&mut r)?;
    web::render_all(&mut r)?;
    Ok(r.files)
}
