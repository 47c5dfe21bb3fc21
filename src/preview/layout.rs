//! The preview images' layout: a recommendation's words (or the site's) and the font metrics
//! in, an SVG of 1200×630 out. Titles are broken between words; a word wider than a line is
//! broken where it reaches the edge; a long title is set smaller, and one too long for the
//! smallest size ends with "…", so no text leaves its box. A text with a character the
//! bundled font cannot draw (another script, an emoji) is left out rather than drawn with
//! holes: a title-less image. Every text is XML-escaped. The accent is the theme's (given with
//! the words); the other colours are the default theme's (`style.css`: text, muted, levels).
//! What every image of one level shares (background, stripe, footer) comes first, before the
//! [`CONTENT`] mark, so that it is drawn once for them all.

use std::fmt::Write;

use super::{FAMILY, HEIGHT, Painter, WIDTH};
use crate::markdown::escape;

/// Left and right margins.
const MARGIN: f32 = 72.0;
/// The level stripe down the left edge.
const STRIPE: f32 = 24.0;
/// The width a line of text may take, with a little room for kerning.
const LINE: f32 = WIDTH as f32 - 2.0 * MARGIN - STRIPE - 12.0;
/// Title sizes tried in turn, each with the most lines it may take in the title's box.
const TITLE_SIZES: [(f32, usize); 3] = [(64.0, 4), (54.0, 5), (46.0, 5)];

/// Where an image's own content starts, after the chrome it shares with others (a comment,
/// which the renderer skips).
pub(super) const CONTENT: &str = "<!-- content -->";

const BG: &str = "#ffffff";
const FG: &str = "#1b1f24";
const MUTED: &str = "#4a5560";
const RULE: &str = "#c8d0d8";

/// What a recommendation's preview shows, in the theme's words.
#[derive(Debug)]
pub struct RecPreview<'a> {
    /// "Recommendation III-16".
    pub label: &'a str,
    /// `invite`, `request` or `require`: picks the colours.
    pub level: &'a str,
    /// The level's label, "Require".
    pub level_label: &'a str,
    pub title: &'a str,
    /// The site's name, at the bottom.
    pub site: &'a str,
    /// The theme's accent colour, `#rrggbb` (the label).
    pub accent: &'a str,
}

/// What the site's preview shows.
#[derive(Debug)]
pub struct SitePreview<'a> {
    /// A line above the title (the report's round and date).
    pub kicker: &'a str,
    pub title: &'a str,
    /// The site's short name, at the bottom.
    pub site: &'a str,
    /// The theme's accent colour, `#rrggbb` (the stripe and the kicker).
    pub accent: &'a str,
}

/// Background and text colour of a level's badge (the theme's level shades).
fn level_colours(level: &str) -> (&'static str, &'static str) {
    match level {
        "invite" => ("#5b8cc0", "#0b1f33"),
        "request" => ("#1f5c99", "#ffffff"),
        _ => ("#0b2545", "#ffffff"),
    }
}

pub(super) fn recommendation(p: &Painter, r: &RecPreview) -> String {
    let (level_bg, level_fg) = level_colours(r.level);
    let mut svg = chrome(p, level_bg, r.site);
    let x = MARGIN + STRIPE;
    let mut badge_x = x;
    if p.covers(r.label) {
        let label = fit_one(p, r.label, 40.0, true, LINE * 0.62);
        text(&mut svg, x, 120.0, 40.0, true, r.accent, &label);
        badge_x += p.bold.width(&label, 40.0) + 28.0;
    }
    // The level badge after the label.
    if p.covers(r.level_label) {
        let level = fit_one(p, r.level_label, 30.0, true, LINE * 0.3);
        let badge_w = p.bold.width(&level, 30.0) + 40.0;
        let _ = write!(
            svg,
            r#"<rect x="{badge_x:.1}" y="82" width="{badge_w:.1}" height="50" rx="25" fill="{level_bg}"/>"#
        );
        text(
            &mut svg,
            badge_x + 20.0,
            117.0,
            30.0,
            true,
            level_fg,
            &level,
        );
    }
    title(p, &mut svg, r.title);
    svg.push_str("</svg>\n");
    svg
}

pub(super) fn site(p: &Painter, s: &SitePreview) -> String {
    let mut svg = chrome(p, s.accent, s.site);
    let x = MARGIN + STRIPE;
    if p.covers(s.kicker) {
        let kicker = fit_one(p, s.kicker, 34.0, true, LINE);
        text(&mut svg, x, 120.0, 34.0, true, s.accent, &kicker);
    }
    title(p, &mut svg, s.title);
    svg.push_str("</svg>\n");
    svg
}

/// The title's block, when the font can draw every character of it; else nothing (the
/// title-less image).
fn title(p: &Painter, svg: &mut String, title: &str) {
    if p.covers(title) {
        let (size, lines) = fit(p, title, &TITLE_SIZES, LINE);
        block(svg, MARGIN + STRIPE, 210.0, size, &lines);
    }
}

/// The SVG's start, up to and with [`CONTENT`]: size, background, the coloured stripe, and the
/// footer. What comes before the mark is the same in many images and drawn once for them all;
/// what comes after it never overlaps it (the title's box ends above the footer's rule).
fn chrome(p: &Painter, stripe: &str, site: &str) -> String {
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="{BG}"/><rect width="{STRIPE}" height="{HEIGHT}" fill="{stripe}"/>"#
    );
    footer(p, &mut svg, site);
    svg.push_str(CONTENT);
    svg
}

/// The rule and the site's name at the bottom (when the font can draw it), cut with "…" if
/// too long.
fn footer(p: &Painter, svg: &mut String, site: &str) {
    let x = MARGIN + STRIPE;
    let _ = write!(
        svg,
        r#"<rect x="{x:.1}" y="540" width="{LINE:.1}" height="2" fill="{RULE}"/>"#
    );
    if p.covers(site) {
        let line = fit_one(p, site, 30.0, false, LINE);
        text(svg, x, 592.0, 30.0, false, MUTED, &line);
    }
}

/// The title's lines, one `<text>` each, the first baseline at `top + size`.
fn block(svg: &mut String, x: f32, top: f32, size: f32, lines: &[String]) {
    let step = (size * 1.2).round();
    for (i, line) in lines.iter().enumerate() {
        let y = top + size + step * i as f32;
        text(svg, x, y, size, true, FG, line);
    }
}

fn text(svg: &mut String, x: f32, y: f32, size: f32, bold: bool, fill: &str, words: &str) {
    let weight = if bold { 700 } else { 400 };
    let _ = write!(
        svg,
        r#"<text x="{x:.1}" y="{y:.1}" font-family="{FAMILY}" font-weight="{weight}" font-size="{size:.0}" fill="{fill}">{}</text>"#,
        escape(words)
    );
}

/// The first of `sizes` at which `words` fits its lines (bold); at the last size, the lines
/// that fit with the last one ending in "…".
fn fit(p: &Painter, words: &str, sizes: &[(f32, usize)], width: f32) -> (f32, Vec<String>) {
    let measure = |s: &str, size: f32| p.bold.width(s, size);
    fit_with(&measure, words, sizes, width)
}

/// One line of text at `size`, bold or regular, in `width`: cut with "…" if too long.
fn fit_one(p: &Painter, words: &str, size: f32, bold: bool, width: f32) -> String {
    let font = if bold { &p.bold } else { &p.regular };
    let measure = |s: &str, size: f32| font.width(s, size);
    let (_, lines) = fit_with(&measure, words, &[(size, 1)], width);
    lines.into_iter().next().unwrap_or_default()
}

fn fit_with(
    measure: &dyn Fn(&str, f32) -> f32,
    words: &str,
    sizes: &[(f32, usize)],
    width: f32,
) -> (f32, Vec<String>) {
    let mut last = (0.0, Vec::new());
    for &(size, max) in sizes {
        let lines = wrap(&|s| measure(s, size), words, width);
        if lines.len() <= max {
            return (size, lines);
        }
        last = (size, shorten(&|s| measure(s, size), lines, max, width));
    }
    last
}

/// Greedy line breaking between words. A word wider than a line is broken into pieces that
/// each fill a line, the last piece going on as any word.
pub(super) fn wrap(measure: &dyn Fn(&str) -> f32, words: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if measure(&candidate) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut rest = word;
        while measure(rest) > width {
            let (piece, after) = rest.split_at(fitting(measure, rest, "", width));
            lines.push(piece.to_string());
            rest = after;
        }
        line = rest.to_string();
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The length in bytes of the longest start of `word` that fits `width` with `tail` after
/// it, cut between characters (never before a combining mark), and at least one character,
/// so that every piece moves on.
fn fitting(measure: &dyn Fn(&str) -> f32, word: &str, tail: &str, width: f32) -> usize {
    use unicode_normalization::char::is_combining_mark;
    let cuts = word
        .char_indices()
        .filter(|&(i, c)| i > 0 && !is_combining_mark(c))
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()));
    let mut best = None;
    for cut in cuts {
        if best.is_some() && measure(&format!("{}{tail}", &word[..cut])) > width {
            break;
        }
        best = Some(cut);
    }
    best.unwrap_or(word.len())
}

/// The first `max` lines, the last one ending at a word with "…" (with room for it); a last
/// line of one word too wide for "…" is cut inside the word.
pub(super) fn shorten(
    measure: &dyn Fn(&str) -> f32,
    mut lines: Vec<String>,
    max: usize,
    width: f32,
) -> Vec<String> {
    lines.truncate(max);
    let Some(last) = lines.last_mut() else {
        return lines;
    };
    let mut words: Vec<&str> = last.split(' ').collect();
    loop {
        let head = words.join(" ");
        let head = head.trim_end_matches([',', ';', ':', '.', '–', '-']);
        let candidate = format!("{head}…");
        if measure(&candidate) <= width {
            *last = candidate;
            return lines;
        }
        if words.len() <= 1 {
            let cut = fitting(measure, head, "…", width);
            *last = format!("{}…", &head[..cut]);
            return lines;
        }
        words.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character 10 units wide.
    fn mono(s: &str) -> f32 {
        s.chars().count() as f32 * 10.0
    }

    #[test]
    fn lines_break_between_words_only() {
        let lines = wrap(&mono, "Specialised units for online child abuse", 120.0);
        assert_eq!(lines, ["Specialised", "units for", "online child", "abuse"]);
        let joined = lines.join(" ");
        assert_eq!(
            joined, "Specialised units for online child abuse",
            "no word cut or lost"
        );
        assert!(lines.iter().all(|l| mono(l) <= 120.0));
    }

    #[test]
    fn a_word_wider_than_a_line_is_broken_where_it_reaches_the_edge() {
        assert_eq!(
            wrap(&mono, "a incomprehensibilities b", 60.0),
            ["a", "incomp", "rehens", "ibilit", "ies b"]
        );
        let long = "x".repeat(200);
        let lines = wrap(&mono, &long, 60.0);
        assert!(lines.iter().all(|l| mono(l) <= 60.0), "{lines:?}");
        assert_eq!(lines.concat(), long, "nothing lost");
        // Never cut between a letter and its combining accent.
        let accents = "e\u{301}".repeat(10);
        let lines = wrap(
            &|s: &str| s.chars().filter(|c| c.is_ascii()).count() as f32 * 10.0,
            &accents,
            35.0,
        );
        assert!(lines.iter().all(|l| l.starts_with('e')), "{lines:?}");
    }

    #[test]
    fn a_last_line_of_one_long_word_is_cut_inside_it() {
        let short = shorten(&mono, vec!["abcdefghij".into()], 1, 60.0);
        assert_eq!(short, ["abcde…"]);
        assert!(mono(&short[0]) <= 60.0);
    }

    #[test]
    fn too_many_lines_end_at_a_word_with_an_ellipsis() {
        let lines = wrap(&mono, "one two three four five six seven eight", 100.0);
        let short = shorten(&mono, lines, 2, 100.0);
        assert_eq!(
            short,
            ["one two", "three…"],
            "\"three four…\" would be too wide"
        );
        assert!(short.iter().all(|l| mono(l) <= 100.0));
    }

    #[test]
    fn a_long_title_is_set_smaller_before_it_is_shortened() {
        let measure = |s: &str, size: f32| s.chars().count() as f32 * size / 2.0;
        let words = "word ".repeat(12);
        let (size, lines) = fit_with(&measure, &words, &[(20.0, 2), (10.0, 3)], 100.0);
        assert_eq!((size, lines.len()), (10.0, 3));
        assert!(!lines.concat().contains('…'));
        let (size, lines) = fit_with(
            &measure,
            &"word ".repeat(40),
            &[(20.0, 2), (10.0, 3)],
            100.0,
        );
        assert_eq!((size, lines.len()), (10.0, 3));
        assert!(lines[2].ends_with("word…"), "{lines:?}");
    }
}
