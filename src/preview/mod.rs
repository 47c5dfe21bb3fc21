//! Preview images (the picture a link shows when shared): a recommendation's id, level and
//! short title, or the site's name, in; a 1200×630 PNG out. The picture is an SVG laid out
//! here (`layout`) and drawn by resvg with the theme's bundled font only: no system font is
//! ever looked up, so the same input gives the same bytes on every machine of one
//! architecture.

mod canvas;
mod encode;
mod layout;
mod metrics;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use anyhow::{Context, Result};
use resvg::{tiny_skia, usvg};

use canvas::Canvas;
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
    /// The chromes drawn so far (background, stripe, footer), by their SVG: a handful per
    /// site, each drawn once and copied under every image that shares it.
    chromes: Mutex<HashMap<String, Arc<tiny_skia::Pixmap>>>,
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
            chromes: Mutex::default(),
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
        let parts = self.parts(svg)?;
        CANVASES.with(|cell| {
            let mut canvases = cell.borrow_mut();
            let canvas = canvas::pick(&mut canvases, parts.chrome.as_ref(), new_pixmap)?;
            self.paint(&parts, canvas)?;
            encode::png(&canvas.pixmap)
        })
    }

    /// `svg`'s chrome (what comes before [`layout::CONTENT`]), as drawn once for every image
    /// that shares it, and the SVG of the rest; an SVG without the mark is all content.
    fn parts<'a>(&self, svg: &'a str) -> Result<Parts<'a>> {
        Ok(match split(svg) {
            Some((chrome, content)) => Parts {
                chrome: Some(self.chrome(&chrome)?),
                content: Cow::Owned(content),
            },
            None => Parts {
                chrome: None,
                content: Cow::Borrowed(svg),
            },
        })
    }

    /// Paints an image over all of `canvas`: its chrome, then its content drawn over it.
    fn paint(&self, parts: &Parts, canvas: &mut Canvas) -> Result<()> {
        let Some(chrome) = &parts.chrome else {
            canvas.clear();
            return self.draw(&parts.content, &mut canvas.pixmap).map(|_| ());
        };
        canvas.start_on(chrome);
        if let Some(bounds) = self.draw(&parts.content, &mut canvas.pixmap)? {
            canvas.drew(bounds);
        }
        Ok(())
    }

    /// The chrome drawn from `svg`, drawn the first time it is asked for.
    fn chrome(&self, svg: &str) -> Result<Arc<tiny_skia::Pixmap>> {
        // Held while drawing, so that two threads never draw the same chrome; only the first
        // image of each chrome waits.
        let mut chromes = self.chromes.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(pixmap) = chromes.get(svg) {
            return Ok(Arc::clone(pixmap));
        }
        let mut pixmap = new_pixmap()?;
        self.draw(svg, &mut pixmap)?;
        let pixmap = Arc::new(pixmap);
        chromes.insert(svg.to_string(), Arc::clone(&pixmap));
        Ok(pixmap)
    }

    /// Draws `svg` over what `pixmap` holds; the bounds of what it drew, if anything.
    fn draw(&self, svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<Option<tiny_skia::Rect>> {
        let tree =
            usvg::Tree::from_str(svg, &self.options).context("parsing a preview image's SVG")?;
        resvg::render(
            &tree,
            tiny_skia::Transform::identity(),
            &mut pixmap.as_mut(),
        );
        let root = tree.root();
        Ok(root
            .has_children()
            .then(|| root.abs_layer_bounding_box().to_rect()))
    }
}

/// An image as drawn: the chrome under it and the SVG drawn over that.
struct Parts<'a> {
    chrome: Option<Arc<tiny_skia::Pixmap>>,
    content: Cow<'a, str>,
}

/// A transparent picture of [`WIDTH`] × [`HEIGHT`].
fn new_pixmap() -> Result<tiny_skia::Pixmap> {
    tiny_skia::Pixmap::new(WIDTH, HEIGHT).context("allocating a preview image")
}

/// The SVG of the chrome (before [`layout::CONTENT`]) and that of the rest, each a whole
/// document; `None` without the mark.
fn split(svg: &str) -> Option<(String, String)> {
    let at = svg.find(layout::CONTENT)?;
    let open = svg.find('>')? + 1;
    let chrome = format!("{}</svg>\n", &svg[..at]);
    let content = format!("{}{}", &svg[..open], &svg[at + layout::CONTENT.len()..]);
    Some((chrome, content))
}

thread_local! {
    /// Each thread's pictures, one per chrome, kept between images: allocating 3 MB for every
    /// image (and the kernel zeroing its pages), or copying a whole chrome, cost more than
    /// restoring the part the last image drew over.
    static CANVASES: RefCell<Vec<Canvas>> = const { RefCell::new(Vec::new()) };
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every bundled image, drawn on its shared chrome and drawn whole: the same pixels.
    #[test]
    fn an_image_on_its_shared_chrome_has_the_pixels_of_one_drawn_whole() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let ds = crate::load_dataset(&root.join("content")).unwrap();
        let painter = Painter::load(&root.join("themes/default")).unwrap();
        let site = &ds.site;
        let mut svgs = vec![painter.site_svg(&SitePreview {
            kicker: "Second implementation round",
            title: &site.title,
            site: &site.short_title,
            accent: "#1f4e79",
        })];
        for rec in &ds.recommendations {
            let info = ds.level_info(rec.level);
            svgs.push(painter.recommendation_svg(&RecPreview {
                label: &format!("Recommendation {}", rec.id),
                level: &info.id,
                level_label: &info.label,
                title: &rec.title,
                site: &site.short_title,
                accent: "#1f4e79",
            }));
        }
        // One canvas for all, as a thread draws them: each image starts from what the one
        // before left; every second one is drawn after the same SVG without its chrome mark.
        let mut shared = Canvas::new(new_pixmap().unwrap());
        let mut whole = new_pixmap().unwrap();
        for (i, svg) in svgs.iter().enumerate() {
            let (_, content) = split(svg).expect("the chrome is marked");
            let footer = &*site.short_title;
            assert!(!content.contains(footer), "the footer is shared");
            if i % 2 == 1 {
                let unmarked = svg.replace(layout::CONTENT, "");
                let parts = painter.parts(&unmarked).unwrap();
                painter.paint(&parts, &mut shared).unwrap();
            }
            painter
                .paint(&painter.parts(svg).unwrap(), &mut shared)
                .unwrap();
            whole.fill(tiny_skia::Color::TRANSPARENT);
            painter.draw(svg, &mut whole).unwrap();
            assert!(shared.pixmap.data() == whole.data(), "{svg}");
        }
        let chromes = painter.chromes.lock().unwrap().len();
        assert_eq!(chromes, 4, "one chrome a level, one for the site's image");
    }

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
