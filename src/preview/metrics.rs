//! Font metrics for line breaking: a font file in, the advance width of each character it
//! maps (in em) out. Widths ignore kerning, which moves a line by a few pixels at most; the
//! layout leaves that much room.

use std::collections::HashMap;

use anyhow::{Context, Result};
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

/// Advance widths of one font, per character, in em.
pub(super) struct Metrics {
    advance: HashMap<char, f32>,
    /// For a character the font does not map (drawn as nothing or a box).
    fallback: f32,
}

impl Metrics {
    pub(super) fn new(data: &[u8]) -> Result<Metrics> {
        let font = FontRef::new(data).context("not a font file")?;
        let glyphs = font.glyph_metrics(Size::new(1.0), LocationRef::default());
        let advance: HashMap<char, f32> = font
            .charmap()
            .mappings()
            .filter_map(|(cp, gid)| Some((char::from_u32(cp)?, glyphs.advance_width(gid)?)))
            .collect();
        let fallback = advance.get(&'n').copied().unwrap_or(0.6);
        Ok(Metrics { advance, fallback })
    }

    /// Whether the font maps `c`.
    pub(super) fn has(&self, c: char) -> bool {
        self.advance.contains_key(&c)
    }

    /// The width of `text` at `size` pixels.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance.get(&c).copied().unwrap_or(self.fallback))
            .sum::<f32>()
            * size
    }
}
