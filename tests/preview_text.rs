//! Preview images of titles the bundled font cannot simply set: a 200-character word is
//! broken or cut with "…" so that its ink stays inside the text's box (the right margin of
//! the image stays blank); a title in a script the font does not cover (Arabic, Hebrew, CJK)
//! or holding an emoji gives the title-less image that docs/sharing.md declares, never one
//! with blanks or holes; a Latin title with accents is still drawn. Each image is decoded
//! with the `png` crate and its pixels looked at.

use std::path::Path;

use recpub::preview::{HEIGHT, Painter, RecPreview, SitePreview, WIDTH};

fn painter() -> Painter {
    Painter::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default")).unwrap()
}

/// The SVG and the decoded pixels of a recommendation's image with this title.
fn draw(p: &Painter, title: &str) -> (String, Image) {
    let svg = p.recommendation_svg(&RecPreview {
        label: "Recommendation II-1",
        level: "require",
        level_label: "Require",
        title,
        site: "Lanzarote ICT recommendations",
        accent: "#1f4e79",
    });
    let png = p.rasterize(&svg).unwrap();
    (svg, Image::decode(&png))
}

/// RGBA pixels, row by row.
struct Image(Vec<[u8; 4]>);

impl Image {
    fn decode(bytes: &[u8]) -> Image {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        // An indexed image (as previews are written) expanded to RGBA, through its palette.
        decoder.set_transformations(png::Transformations::ALPHA);
        let mut reader = decoder.read_info().expect("a PNG");
        let expanded = (png::ColorType::Rgba, png::BitDepth::Eight);
        assert_eq!(reader.output_color_type(), expanded);
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).expect("a frame");
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        let pixels = buf[..info.buffer_size()]
            .chunks_exact(4)
            .map(|p| [p[0], p[1], p[2], p[3]])
            .collect();
        Image(pixels)
    }

    /// How many pixels in columns `xs` and rows `ys` are not the white background.
    fn ink(&self, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>) -> usize {
        let mut n = 0;
        for y in ys {
            for x in xs.clone() {
                let [r, g, b, _] = self.0[(y * WIDTH + x) as usize];
                if r.min(g).min(b) < 215 {
                    n += 1;
                }
            }
        }
        n
    }
}

/// The right margin: the text's box ends at 1128 px (72 px margin, 24 px stripe, 12 px room
/// for kerning); a few pixels more for a glyph's overhang.
const RIGHT_MARGIN: std::ops::Range<u32> = 1136..WIDTH;
/// The rows of the title's box, under the label and above the rule.
const TITLE_ROWS: std::ops::Range<u32> = 150..535;

#[test]
fn a_200_character_word_stays_inside_the_image() {
    let p = painter();
    let word: String = "Rechtsschutzversicherungsgesellschaften"
        .chars()
        .cycle()
        .take(200)
        .collect();
    for title in [word.clone(), format!("Training on {word} for prosecutors")] {
        let (svg, image) = draw(&p, &title);
        assert_eq!(
            image.ink(RIGHT_MARGIN, 0..HEIGHT),
            0,
            "ink past the edge: {svg}"
        );
        assert!(image.ink(96..1128, TITLE_ROWS) > 5_000, "the word is drawn");
        assert!(svg.contains("Rechtsschutz"), "{svg}");
    }
    // The site's image, with the same word as its kicker, title and name.
    let svg = p.site_svg(&SitePreview {
        kicker: &word,
        title: &word,
        site: &word,
        accent: "#1f4e79",
    });
    let image = Image::decode(&p.rasterize(&svg).unwrap());
    assert_eq!(
        image.ink(RIGHT_MARGIN, 0..HEIGHT),
        0,
        "ink past the edge: {svg}"
    );
}

#[test]
fn titles_the_font_cannot_draw_give_the_title_less_image() {
    let p = painter();
    let titles = [
        ("Arabic", "حماية الأطفال على الإنترنت"),
        ("Hebrew", "הגנה על ילדים ברשת"),
        ("CJK", "保护儿童免受网络性剥削"),
        ("emoji", "Protecting children online 🙂"),
        ("one CJK character", "Training for prosecutors 法"),
    ];
    for (what, title) in titles {
        assert!(!p.missing(title).is_empty(), "{what}");
        let (svg, image) = draw(&p, title);
        assert!(!svg.contains(title), "{what}: the title is in the SVG");
        assert_eq!(
            image.ink(96..WIDTH, TITLE_ROWS),
            0,
            "{what}: ink in the title's box"
        );
        // The rest of the image is as for any title: the label, the badge, the site's name.
        assert!(image.ink(96..WIDTH, 70..140) > 1_000, "{what}: no label");
        assert!(image.ink(96..WIDTH, 560..610) > 500, "{what}: no site name");
    }
    // A Latin title with accents and a dash is covered, and drawn.
    let latin = "Données à caractère personnel – protection des enfants";
    assert!(p.missing(latin).is_empty());
    let (svg, image) = draw(&p, latin);
    assert!(svg.contains("Données à caractère personnel"), "{svg}");
    assert!(image.ink(96..1128, TITLE_ROWS) > 2_000);
}
