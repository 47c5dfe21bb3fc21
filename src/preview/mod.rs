//! Preview images (the picture a link shows when shared): a recommendation's id, level and
//! short title, or the site's name, in; a 1200×630 PNG out. The picture is an SVG laid out
//! here (`layout`) and drawn by resvg with the theme's bundled font only: no system font is
//! ever looked up, so the same input gives the same bytes on every machine of one
//! architecture.

mod encode;
mod layout;
mod metrics;

use std::cell::RefCell;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};
use resvg::{tiny_skia, usvg};

pub use layout::{RecPreview, SitePreview};
use metrics::Metrics;

/// Width and height of every preview image, in pixels (what Open Graph and X recommend).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// The font files every theme that draws previews carries, regular and bold.
pub const FONT_FILES: [&str; 2] = ["fonts/NotoSans-Regular.ttf", "fonts/NotoSans-Bold.ttf"];

/// The family those files declare; the SVG names no other.
const FAMILY: &str = "Noto Sans";

/// The renderer and its versions, part of every cache key: an upgrade that could draw a pixel
/// differently makes every image again (a test keeps these equal to `Cargo.lock`).
pub const RENDERER: &str = "resvg 0.49.0, tiny-skia 0.12.0";

/// Draws preview images with one theme's fonts.
pub struct Painter {
    /// The renderer's options: the theme's fonts only.
    options: usvg::Options<'static>,
    regular: Metrics,
    bold: Metrics,
    /// A digest of the font files, for cache keys.
    font_digest: String,
}

impl Painter {
    /// Loads the fonts of the theme in `theme_dir` (and nothing else).
    pub fn load(theme_dir: &Path) -> Result<Painter> {
        let read = |rel: &str| -> Result<Vec<u8>> {
            let path = theme_dir.join(rel);
            std::fs::read(&path).with_context(|| {
                format!(
                    "reading {} (the font of the preview images)",
                    path.display()
                )
            })
        };
        let regular = read(FONT_FILES[0])?;
        let bold = read(FONT_FILES[1])?;
        let font_digest = crate::cache::digest(&[&regular, &bold]);
        let metrics = |data: &[u8], rel: &str| {
            Metrics::new(data).with_context(|| format!("theme font {rel}"))
        };
        let (regular_m, bold_m) = (
            metrics(&regular, FONT_FILES[0])?,
            metrics(&bold, FONT_FILES[1])?,
        );
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(regular);
        db.load_font_data(bold);
        db.set_sans_serif_family(FAMILY);
        let options = usvg::Options {
            font_family: FAMILY.to_string(),
            fontdb: Arc::new(db),
            ..usvg::Options::default()
        };
        Ok(Painter {
            options,
            regular: regular_m,
            bold: bold_m,
            font_digest,
        })
    }

    /// The cache key of an image drawn from `svg`: the SVG, the fonts, the renderer and the
    /// PNG encoder.
    pub fn cache_key(&self, svg: &str) -> String {
        crate::cache::digest(&[
            RENDERER.as_bytes(),
            encode::ENCODER.as_bytes(),
            self.font_digest.as_bytes(),
            svg.as_bytes(),
        ])
    }

    /// The characters of `text` that the bundled font cannot draw (a text holding one is
    /// left out of the image).
    pub fn missing(&self, text: &str) -> Vec<char> {
        text.chars()
            .filter(|&c| !c.is_whitespace())
            .filter(|&c| !(self.regular.has(c) && self.bold.has(c)))
            .collect()
    }

    /// Whether the bundled font draws every character of `text`, so that it is shown: a
    /// title in another script, or with an emoji, gives the title-less image instead of one
    /// with blanks where its glyphs should be.
    pub fn covers(&self, text: &str) -> bool {
        text.chars()
            .all(|c| c.is_whitespace() || (self.regular.has(c) && self.bold.has(c)))
    }

    /// The SVG of a recommendation's preview.
    pub fn recommendation_svg(&self, p: &RecPreview) -> String {
        layout::recommendation(self, p)
    }

    /// The SVG of the site's preview.
    pub fn site_svg(&self, p: &SitePreview) -> String {
        layout::site(self, p)
    }

    /// Draws `svg` into a PNG of [`WIDTH`] × [`HEIGHT`].
    pub fn rasterize(&self, svg: &str) -> Result<Vec<u8>> {
        let tree =
            usvg::Tree::from_str(svg, &self.options).context("parsing a preview image's SVG")?;
        PIXMAP.with(|cell| {
            let mut cell = cell.borrow_mut();
            let pixmap = match &mut *cell {
                Some(pixmap) => {
                    pixmap.fill(tiny_skia::Color::TRANSPARENT);
                    pixmap
                }
                None => cell.insert(
                    tiny_skia::Pixmap::new(WIDTH, HEIGHT).context("allocating a preview image")?,
                ),
            };
            resvg::render(
                &tree,
                tiny_skia::Transform::identity(),
                &mut pixmap.as_mut(),
            );
            encode::png(pixmap)
        })
    }
}

thread_local! {
    /// Each thread's picture, cleared before each image: allocating 3 MB for every image (and
    /// the kernel zeroing its pages) cost more than clearing it.
    static PIXMAP: RefCell<Option<tiny_skia::Pixmap>> = const { RefCell::new(None) };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_renderer_versions_are_those_in_cargo_lock() {
        let lock = include_str!("../../Cargo.lock");
        let pinned = [
            (RENDERER, "resvg", "0.49.0"),
            (RENDERER, "tiny-skia", "0.12.0"),
            (encode::ENCODER, "png", "0.18.1"),
            (encode::ENCODER, "zlib-rs", "0.6.8"),
        ];
        for (key, name, version) in pinned {
            let entry = format!("name = \"{name}\"\nversion = \"{version}\"");
            assert!(
                lock.contains(&entry),
                "{name} is not {version} in Cargo.lock"
            );
            assert!(key.contains(&format!("{name} {version}")), "{key}");
        }
    }
}
