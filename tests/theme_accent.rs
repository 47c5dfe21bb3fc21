//! The theme's accent colour, declared once as `--accent` in `static/style.css`: a copy of the
//! theme with another colour builds a site whose stylesheet, `theme-color`, brief downloads,
//! favicon and preview images all show it (and none the default); a cached preview is drawn
//! again when the colour changes; a value that is not `#rrggbb` is reported at its line and
//! column; and `serve`'s rebuild of an edited stylesheet follows the new colour.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_tree, fixtures, tree};
use recpub::project::{Given, Project};
use recpub::site::{Build, Edition, Progress, build_to_disk};
use tempfile::TempDir;

const DEFAULT: &str = "#1f4e79";
const DEFAULT_DARK: &str = "#8cc4ff";
const OTHER: &str = "#b0306a";
const OTHER_DARK: &str = "#ffa0c8";

/// A project folder: the small fixture's content and a copy of the bundled themes.
fn project_dir() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    copy_tree(
        &fixtures().join("site-small/content"),
        &root.join("content"),
    );
    copy_tree(&common::root().join("themes"), &root.join("themes"));
    (tmp, root)
}

fn stylesheet(root: &Path) -> PathBuf {
    root.join("themes/default/static/style.css")
}

/// Sets the stylesheet's light and dark accents (from the default ones).
fn set_accent(root: &Path, light: &str, dark: &str) {
    let path = stylesheet(root);
    let css = fs::read_to_string(&path).unwrap();
    let edited = css
        .replace(
            &format!("--accent: {DEFAULT};"),
            &format!("--accent: {light};"),
        )
        .replace(
            &format!("--accent: {DEFAULT_DARK};"),
            &format!("--accent: {dark};"),
        );
    assert_eq!(edited.matches("--accent: ").count(), 2, "two declarations");
    fs::write(path, edited).unwrap();
}

/// Builds into `root/site` with an absolute base URL (so preview images are drawn), the cache
/// in `root/cache`; returns the images drawn.
fn build(root: &Path) -> usize {
    let given = Given {
        root: Some(root),
        base_url: Some("https://publication.example.net/small/"),
        cache: Some(&root.join("cache")),
        out: Some(&root.join("site")),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    build_to_disk(&project, Edition::Online, &Progress::default())
        .unwrap_or_else(|e| panic!("build failed: {e:?}"))
        .previews_drawn
}

/// Whether the PNG `bytes` has a pixel of the colour `#rrggbb`.
fn png_has_colour(bytes: &[u8], colour: &str) -> bool {
    let want: Vec<u8> = (0..3)
        .map(|i| u8::from_str_radix(&colour[1 + 2 * i..3 + 2 * i], 16).unwrap())
        .collect();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let step = info.color_type.samples();
    assert!(step >= 3, "an RGB image");
    buf[..info.buffer_size()]
        .chunks(step)
        .any(|px| px[..3] == want[..])
}

#[test]
fn another_accent_is_followed_by_every_output_that_shows_it() {
    let (_tmp, root) = project_dir();
    assert_eq!(build(&root), 6, "an empty cache draws every image");
    let site = tree(&root.join("site"));
    assert!(png_has_colour(&site["previews/site.png"], DEFAULT));

    set_accent(&root, OTHER, OTHER_DARK);
    assert_eq!(build(&root), 6, "a new accent draws every image again");
    let site = tree(&root.join("site"));
    let text = |rel: &str| String::from_utf8(site[rel].clone()).unwrap();

    assert!(text("style.css").contains(OTHER), "the stylesheet");
    let home = text("index.html");
    assert!(
        home.contains(&format!("<meta name=\"theme-color\" content=\"{OTHER}\">")),
        "{home}"
    );
    assert!(home.contains(&format!(
        "<meta name=\"theme-color\" content=\"{OTHER_DARK}\" media=\"(prefers-color-scheme: dark)\">"
    )));
    let brief = site
        .keys()
        .find(|k| k.starts_with("parties/") && k.ends_with("-brief.html"))
        .expect("a brief download");
    let brief = text(brief);
    assert!(
        brief.contains(&format!("a {{ color: {OTHER}; }}")),
        "{brief}"
    );
    assert!(brief.contains(&format!("border-left: 3px solid {OTHER};")));
    let favicon = text("favicon.svg");
    assert!(favicon.contains(&format!("fill=\"{OTHER}\"")), "{favicon}");
    assert!(!favicon.contains("var(--accent)"));

    let previews: Vec<&String> = site.keys().filter(|k| k.starts_with("previews/")).collect();
    assert_eq!(previews.len(), 6);
    for rel in previews {
        assert!(png_has_colour(&site[rel], OTHER), "{rel} shows the accent");
        assert!(
            !png_has_colour(&site[rel], DEFAULT),
            "{rel} shows the old accent"
        );
    }
    // Nothing the site writes as text keeps the default colour.
    for (rel, bytes) in &site {
        if [".html", ".css", ".svg", ".js"]
            .iter()
            .any(|e| rel.ends_with(e))
        {
            let s = String::from_utf8_lossy(bytes);
            assert!(!s.contains(DEFAULT), "{rel} keeps {DEFAULT}");
            assert!(
                !s.contains(&DEFAULT.to_uppercase()),
                "{rel} keeps {DEFAULT}"
            );
        }
    }
}

#[test]
fn an_accent_that_is_not_a_colour_is_reported_at_its_line_and_column() {
    let (_tmp, root) = project_dir();
    set_accent(&root, "navy", OTHER_DARK);
    for args in [&["check"][..], &["build", "--out", "site"]] {
        let o = common::run(&root, args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert_eq!(
            o.stderr,
            "error: themes/default/static/style.css:12:13: --accent must be a colour written #rrggbb (six hexadecimal digits), not \"navy\"\n",
            "{args:?}"
        );
    }
    assert!(!root.join("site").exists());
}

#[test]
fn a_rebuild_after_an_edit_of_the_accent_follows_it() {
    let (_tmp, root) = project_dir();
    let given = Given {
        root: Some(&root),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    let first = Build::new(&project, "/").unwrap();
    let meta = |c: &str| format!("<meta name=\"theme-color\" content=\"{c}\">");
    let page = |b: &Build, rel: &str| String::from_utf8(b.files()[rel].to_vec()).unwrap();
    assert!(page(&first, "index.html").contains(&meta(DEFAULT)));
    set_accent(&root, OTHER, OTHER_DARK);
    let path = stylesheet(&root);
    assert_eq!(
        recpub::inputs::classify(&path, &root.join("content"), &root.join("themes/default")),
        Some(recpub::inputs::Input::Static),
        "serve watches the stylesheet"
    );
    let next = first.apply(&[path]).unwrap();
    assert!(page(&next, "index.html").contains(&meta(OTHER)));
    assert!(page(&next, "favicon.svg").contains(OTHER));
}

/// The raster icons are drawn from the favicon by `node scripts/make-icons.mjs`, not by the
/// build: this fails when the accent of the bundled stylesheet changed and they were not
/// redrawn.
#[test]
fn the_bundled_raster_icons_show_the_declared_accent() {
    let dir = common::root().join("themes/default/static");
    let css = fs::read_to_string(dir.join("style.css")).unwrap();
    let at = css.find("--accent:").expect("an accent") + "--accent:".len();
    let accent = css[at..].trim_start()[..7].to_ascii_lowercase();
    let hint = "redraw the icons: node scripts/make-icons.mjs";
    let touch = fs::read(dir.join("apple-touch-icon.png")).unwrap();
    assert!(
        png_has_colour(&touch, &accent),
        "apple-touch-icon.png: {hint}"
    );
    // favicon.ico: a 6-byte header, a 16-byte entry per image (size at 8, offset at 12).
    let ico = fs::read(dir.join("favicon.ico")).unwrap();
    let count = u16::from_le_bytes([ico[4], ico[5]]) as usize;
    assert_eq!(count, 3, "16, 32 and 48 px");
    for i in 0..count {
        let entry = &ico[6 + 16 * i..22 + 16 * i];
        let word = |at: usize| u32::from_le_bytes(entry[at..at + 4].try_into().unwrap()) as usize;
        let png = &ico[word(12)..word(12) + word(8)];
        assert!(
            png_has_colour(png, &accent),
            "favicon.ico image {i}: {hint}"
        );
    }
}
