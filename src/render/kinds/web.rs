//! Web basics: the theme's static files, `404.html`, `robots.txt`, and `sitemap.xml` when the
//! base URL is absolute.

use anyhow::{Context, Result};
use walkdir::WalkDir;

use crate::inputs::is_scratch_path;
use crate::markdown::escape;
use crate::render::Renderer;
use crate::render::views::Meta;

/// Renders the 404 page, writes the sitemap and robots.txt: after every other page, since
/// the sitemap lists them.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    let t = r.strings();
    let meta = Meta::new(
        g,
        g.urls().at("404.html"),
        t.fill("notfound.title", &[])?,
        t.fill("notfound.description", &[])?,
    );
    let html = r.render_html("404.html", &meta, &())?;
    r.file("404.html".into(), html)?;
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    // The sitemap protocol takes only absolute locations, and a sitemap without one is not
    // valid: without an absolute base URL there is no sitemap, and robots.txt names none.
    if g.urls().is_absolute() {
        let sitemap = sitemap(&r.sitemap());
        r.file("sitemap.xml".into(), sitemap.into_bytes())?;
        robots.push_str(&format!(
            "Sitemap: {}\n",
            g.urls().absolute(&g.urls().at("sitemap.xml"))
        ));
    }
    r.file("robots.txt".into(), robots.into_bytes())
}

/// Every listed page, sorted; `urls` are absolute.
fn sitemap(urls: &[String]) -> String {
    let mut sorted: Vec<&String> = urls.iter().collect();
    sorted.sort();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in sorted {
        out.push_str(&format!("  <url><loc>{}</loc></url>\n", escape(u)));
    }
    out.push_str("</urlset>\n");
    out
}

/// The theme's `static/` folder, copied to the site root in sorted order but for editors'
/// scratch files: stylesheets and scripts compacted (`crate::compact`: no comments or
/// indentation), `var(--accent)` in SVGs the theme's accent ([`crate::render::Accent`]), other
/// files as they are.
pub(in crate::render) fn copy_static(r: &Renderer) -> Result<()> {
    let dir = r.theme.static_dir.clone();
    if !dir.is_dir() {
        return Ok(());
    }
    // Editors' scratch files (`style.css~`, `.#style.css`, `.git/`) are never published: the
    // rule `serve` watches by.
    let walk = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_path(e.path()));
    for entry in walk {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&dir)
            .context("static file outside its folder")?;
        let rel = rel.to_string_lossy().replace('\\', "/");
        if super::search::SCRIPTS.contains(&rel.as_str()) {
            continue; // written under content-hashed names by `search`
        }
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("reading {}", entry.path().display()))?;
        let bytes = r.theme.accent.fill_static(&rel, bytes);
        let bytes = crate::compact::static_file(&rel, bytes);
        r.file(rel, bytes)?;
    }
    Ok(())
}
