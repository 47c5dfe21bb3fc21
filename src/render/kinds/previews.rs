//! Preview images in the output: the site graph and a [`Painter`] in; out, one PNG per
//! recommendation (`/previews/iii-16.png`) and one for every other page
//! (`/previews/site.png`), drawn on all cores (each image a task of rayon's pool) and taken from
//! the cache when their SVG (with the theme's accent colour in it), the font and the renderer
//! are unchanged (a rebuild after a text edit draws nothing).

use std::path::Path;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::cache::Cache;
use crate::model::Recommendation;
use crate::output::OutFile;
use crate::preview::{Painter, RecPreview, SitePreview};
use crate::render::Renderer;

/// What drawing preview images needs: the theme's fonts and a cache.
pub(crate) struct Previews {
    painter: Painter,
    cache: Cache,
}

impl Previews {
    /// Loads the fonts of the theme in `theme_dir`; images are kept in `cache`.
    pub(crate) fn load(theme_dir: &Path, cache: Cache) -> Result<Previews> {
        Ok(Previews {
            painter: Painter::load(theme_dir)?,
            cache,
        })
    }

    /// The cache, with how many images it made and reused.
    pub(crate) fn cache(&self) -> &Cache {
        &self.cache
    }

    /// The PNG drawn from `svg`, from the cache when it holds it (checked).
    fn png(&self, svg: &str) -> Result<Vec<u8>> {
        let key = self.painter.cache_key(svg);
        self.cache
            .get_or_make(&key, "png", || self.painter.rasterize(svg))
    }
}

/// Writes every preview image (nothing when the build draws none, as `check`).
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let Some(p) = r.previews else {
        return Ok(());
    };
    let g = r.site();
    let site = &g.meta();
    let kicker = r.strings().fill(
        "preview.site_kicker",
        &[
            ("round", site.report.round.as_deref().unwrap_or_default()),
            (
                "adopted",
                site.report.adopted.as_deref().unwrap_or_default(),
            ),
        ],
    )?;
    let svg = p.painter.site_svg(&SitePreview {
        kicker: &kicker,
        title: &site.title,
        site: &site.short_title,
        accent: &r.theme.accent.light,
    });
    // The site's image beside the recommendations', every image a task of rayon's pool (one
    // thread a core), so that no core waits for another's last image.
    let (site_image, recs) = rayon::join(
        || put(r, &g.urls().site_preview(), p.png(&svg)?),
        || render_recs(r, p),
    );
    site_image.and(recs)
}

/// Each recommendation's image: the first report's, or a further report's (whose pages share
/// the site's image).
pub(in crate::render) fn render_recs(r: &Renderer, p: &Previews) -> Result<()> {
    let g = r.site();
    g.recs().par_iter().try_for_each(|&i| {
        let url = g.urls().recommendation_preview(g.item(i).id());
        r.unit(&url, || render_one(r, p, r.site().rec(i)))
    })
}

fn render_one(r: &Renderer, p: &Previews, rec: &Recommendation) -> Result<()> {
    let g = r.site();
    let label = r
        .strings()
        .fill("rec.label", &[("id", &rec.id.to_string())])?;
    let svg = p.painter.recommendation_svg(&RecPreview {
        label: &label,
        level: g.level_id(rec.level),
        level_label: &g.level_info(rec.level).label,
        title: &rec.title,
        site: &g.meta().short_title,
        accent: &r.theme.accent.light,
    });
    put(r, &g.urls().recommendation_preview(&rec.id), p.png(&svg)?)
}

/// Puts an image at the site URL `url`, written as a file of its own (never a link to the
/// cache's, which an edit of the output would change), of the online site only (not of the
/// offline edition or its ZIP), whether or not the cache held it.
fn put(r: &Renderer, url: &str, png: Vec<u8>) -> Result<()> {
    let rel = r
        .site()
        .urls()
        .output_path(url)
        .context("a preview outside the site")?;
    r.wrote(&rel);
    r.out.put(OutFile::new(rel, png).online_only())
}
