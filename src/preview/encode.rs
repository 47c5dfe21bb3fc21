//! PNG encoding of a drawn preview: a premultiplied RGBA pixmap in, PNG bytes out. A preview
//! is flat colours and their anti-aliased edges (about 130 colours), so it is written as an
//! indexed PNG (one byte a pixel, a palette of the colours in the order they first appear),
//! unfiltered, deflated at a low level: the same pixels as an RGBA PNG in two thirds of the
//! bytes, in less than a third of the time. A picture of more than 256 colours is written as RGB
//! (RGBA if it has any transparency), with adaptive filters. Both are deterministic: the same
//! pixels give the same bytes.

use anyhow::{Context, Result};
use resvg::tiny_skia::{Pixmap, PremultipliedColorU8};

/// The deflate level (zlib's scale). On the bundled content's 112 images (instructions of the
/// whole encoding, `valgrind --tool=callgrind`): level 1 3.9 MB (15 M a picture), level 2
/// 2.7 MB (17 M), level 4 2.4 MB (22 M), level 5 2.1 MB (27 M); the RGBA PNGs drawn before
/// were 4.0 MB (58 M).
const LEVEL: u8 = 2;

/// What decides the encoded bytes besides the pixels, for cache keys. The crate versions are
/// those of `png` and of the deflate it uses (`flate2` on `zlib-rs`); a test keeps them equal to
/// `Cargo.lock`.
pub(super) const ENCODER: &str = "indexed, no filter, deflate 2: png 0.18.1, zlib-rs 0.6.8";

/// Encodes `pixmap` as a PNG.
pub(super) fn png(pixmap: &Pixmap) -> Result<Vec<u8>> {
    let (w, h) = (pixmap.width(), pixmap.height());
    let mut out = Vec::with_capacity(64 * 1024);
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::Level(LEVEL));
    let data = match Indexed::of(pixmap.pixels()) {
        Some(indexed) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_filter(png::Filter::NoFilter);
            let (rgb, alpha) = indexed.palette();
            encoder.set_palette(rgb);
            if let Some(alpha) = alpha {
                encoder.set_trns(alpha);
            }
            indexed.indices
        }
        None => {
            let (color, data) = truecolor(pixmap.pixels());
            encoder.set_color(color);
            encoder.set_filter(png::Filter::Adaptive);
            data
        }
    };
    let mut writer = encoder.write_header().context("encoding a preview image")?;
    writer
        .write_image_data(&data)
        .context("encoding a preview image")?;
    writer.finish().context("encoding a preview image")?;
    Ok(out)
}

/// A picture as palette indices, when it has at most 256 colours.
struct Indexed {
    /// The colours, premultiplied, in the order they first appear.
    colours: Vec<PremultipliedColorU8>,
    indices: Vec<u8>,
}

impl Indexed {
    /// The picture as indices, or `None` past 256 colours.
    fn of(pixels: &[PremultipliedColorU8]) -> Option<Indexed> {
        let mut table = Table::new();
        let mut colours = Vec::new();
        let mut indices = Vec::with_capacity(pixels.len());
        // Runs of one colour are most of a preview: look a colour up once per run, and find
        // where the run ends eight pixels at a time.
        let mut start = 0;
        while start < pixels.len() {
            let i = table.index(pixels[start], &mut colours)?;
            let end = run_end(pixels, start);
            indices.resize(end, i);
            start = end;
        }
        Some(Indexed { colours, indices })
    }

    /// The palette's RGB triples and, when a colour is not opaque, every colour's alpha.
    fn palette(&self) -> (Vec<u8>, Option<Vec<u8>>) {
        let mut rgb = Vec::with_capacity(self.colours.len() * 3);
        let mut alpha = Vec::with_capacity(self.colours.len());
        for c in &self.colours {
            let c = c.demultiply();
            rgb.extend([c.red(), c.green(), c.blue()]);
            alpha.push(c.alpha());
        }
        let opaque = alpha.iter().all(|&a| a == u8::MAX);
        (rgb, (!opaque).then_some(alpha))
    }
}

/// The end (exclusive) of the run of one colour that starts at `start`.
fn run_end(pixels: &[PremultipliedColorU8], start: usize) -> usize {
    let c = pixels[start];
    let rest = &pixels[start + 1..];
    // Branch-free within a block of eight, so that the comparison is vectorised.
    let same = |block: &[PremultipliedColorU8]| block.iter().fold(true, |all, &p| all & (p == c));
    let blocks = rest.chunks_exact(8).take_while(|b| same(b)).count() * 8;
    let tail = rest[blocks..].iter().take_while(|&&p| p == c).count();
    start + 1 + blocks + tail
}

/// An open-addressing map from colour to palette index, sized for 256 colours.
struct Table {
    slots: Vec<Option<(PremultipliedColorU8, u8)>>,
}

impl Table {
    const BITS: u32 = 10;

    fn new() -> Table {
        Table {
            slots: vec![None; 1 << Self::BITS],
        }
    }

    /// The index of `c`, added to `colours` if new; `None` when a 257th colour would be added.
    fn index(
        &mut self,
        c: PremultipliedColorU8,
        colours: &mut Vec<PremultipliedColorU8>,
    ) -> Option<u8> {
        let key = u32::from_le_bytes([c.red(), c.green(), c.blue(), c.alpha()]);
        let mask = (1usize << Self::BITS) - 1;
        let mut slot = (key.wrapping_mul(0x9e37_79b1) >> (32 - Self::BITS)) as usize;
        loop {
            match self.slots[slot] {
                Some((k, i)) if k == c => return Some(i),
                Some(_) => slot = (slot + 1) & mask,
                None => {
                    let i = u8::try_from(colours.len()).ok()?;
                    colours.push(c);
                    self.slots[slot] = Some((c, i));
                    return Some(i);
                }
            }
        }
    }
}

/// The picture as RGB bytes when it is opaque, else as RGBA (not premultiplied).
fn truecolor(pixels: &[PremultipliedColorU8]) -> (png::ColorType, Vec<u8>) {
    if pixels.iter().all(|p| p.is_opaque()) {
        let data = pixels
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect();
        return (png::ColorType::Rgb, data);
    }
    let data = pixels
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    (png::ColorType::Rgba, data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::tiny_skia::{Color, Paint, Rect, Transform};

    /// The pixels of `bytes` as straight RGBA, and the PNG's colour type.
    fn decode(bytes: &[u8]) -> (png::ColorType, Vec<[u8; 4]>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        decoder.set_transformations(png::Transformations::EXPAND);
        let mut reader = decoder.read_info().unwrap();
        let colour = reader.info().color_type;
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let n = info.color_type.samples();
        let pixels = buf[..info.buffer_size()]
            .chunks_exact(n)
            .map(|p| [p[0], p[1], p[2], if n == 4 { p[3] } else { 255 }])
            .collect();
        (colour, pixels)
    }

    fn straight(pixmap: &Pixmap) -> Vec<[u8; 4]> {
        let c = |p: &PremultipliedColorU8| p.demultiply();
        let rgba = |p| {
            let p = c(p);
            [p.red(), p.green(), p.blue(), p.alpha()]
        };
        pixmap.pixels().iter().map(rgba).collect()
    }

    /// A picture with one shade of grey per column: `columns` colours.
    fn ramp(columns: u32, alpha: u8) -> Pixmap {
        let mut pixmap = Pixmap::new(columns, 3).unwrap();
        for x in 0..columns {
            let mut paint = Paint::default();
            let v = u8::try_from(x % 256).unwrap();
            let green = u8::try_from(x / 256 * 100).unwrap();
            paint.set_color_rgba8(v, green, 255 - v, alpha);
            let rect = Rect::from_xywh(x as f32, 0.0, 1.0, 3.0).unwrap();
            pixmap.fill_rect(rect, &paint, Transform::identity(), None);
        }
        pixmap
    }

    #[test]
    fn a_picture_of_few_colours_is_indexed_and_keeps_its_pixels() {
        let mut pixmap = ramp(256, 255);
        pixmap.pixels_mut()[5] = pixmap.pixels()[200];
        let (colour, pixels) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(pixels, straight(&pixmap));
    }

    /// Runs of every length from 1 to 40, across row ends: the run scan neither stops short
    /// nor runs past a change of colour.
    #[test]
    fn runs_of_any_length_keep_their_pixels() {
        let mut pixmap = Pixmap::new(37, 23).unwrap();
        let (mut at, mut len) = (0, 1);
        let pixels = pixmap.pixels_mut();
        while at < pixels.len() {
            let v = u8::try_from(len * 6).unwrap();
            let c = PremultipliedColorU8::from_rgba(v, 255 - v, 7, 255).unwrap();
            let end = (at + len).min(pixels.len());
            pixels[at..end].fill(c);
            (at, len) = (end, len % 40 + 1);
        }
        let (colour, decoded) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(decoded, straight(&pixmap));
    }

    #[test]
    fn a_picture_of_more_than_256_colours_is_truecolour_and_keeps_its_pixels() {
        let pixmap = ramp(300, 255);
        let (colour, pixels) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Rgb);
        assert_eq!(pixels, straight(&pixmap));
        let translucent = ramp(600, 128);
        let (colour, pixels) = decode(&png(&translucent).unwrap());
        assert_eq!(colour, png::ColorType::Rgba);
        assert_eq!(pixels, straight(&translucent));
    }

    #[test]
    fn transparency_in_a_palette_is_kept() {
        let mut pixmap = ramp(10, 128);
        pixmap.pixels_mut()[0] = PremultipliedColorU8::TRANSPARENT;
        let mut full = Pixmap::new(10, 3).unwrap();
        full.fill(Color::WHITE);
        let (colour, pixels) = decode(&png(&pixmap).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(pixels, straight(&pixmap));
        assert_eq!(pixels[0][3], 0);
        let (_, white) = decode(&png(&full).unwrap());
        assert!(white.iter().all(|&p| p == [255; 4]));
    }

    #[test]
    fn the_same_pixels_give_the_same_bytes() {
        let pixmap = ramp(256, 255);
        assert_eq!(png(&pixmap).unwrap(), png(&pixmap.clone()).unwrap());
        assert!(ENCODER.contains(&format!("deflate {LEVEL}:")));
    }
}
