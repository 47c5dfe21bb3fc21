//! The preview images' layout: a recommendation's words (or the site's) and the font metrics
//! in, an SVG of 1200×630 out. Titles are broken between words only; a long title is set
//! smaller, and one too long for the smallest size ends at a word with "…". Every text is
//! XML-escaped. Colours are the default theme's (`style.css`: accent, text, muted, levels).

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

const BG: &str = "#ffffff";
const FG: &str = "#1b1f24";
const MUTED: &str = "#4a5560";
const ACCENT: &str = "#1f4e79";
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
}

/// What the site's preview shows.
#[derive(Debug)]
pub struct SitePreview<'a> {
    /// A line above the title (the report's round and date).
    pub kicker: &'a str,
    pub title: &'a str,
    /// The site's short name, at the bottom.
    pub site: &'a str,
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
    let mut svg = open(level_bg);
    let x = MARGIN + STRIPE;
    text(&mut svg, x, 120.0, 40.0, true, ACCENT, r.label);
    // The level badge after the label.
    let badge_x = x + p.bold.width(r.label, 40.0) + 28.0;
    let badge_w = p.bold.width(r.level_label, 30.0) + 40.0;
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
        r.level_label,
    );
    let (size, lines) = fit(p, r.title, &TITLE_SIZES, LINE);
    block(&mut svg, x, 210.0, size, &lines);
    footer(p, &mut svg, r.site);
    svg.push_str("</svg>\n");
    svg
}

pub(super) fn site(p: &Painter, s: &SitePreview) -> String {
    let mut svg = open(ACCENT);
    let x = MARGIN + STRIPE;
    text(&mut svg, x, 120.0, 34.0, true, ACCENT, s.kicker);
    let (size, lines) = fit(p, s.title, &TITLE_SIZES, LINE);
    block(&mut svg, x, 210.0, size, &lines);
    footer(p, &mut svg, s.site);
    svg.push_str("</svg>\n");
    svg
}

/// The SVG's start: size, background, the coloured stripe.
fn open(stripe: &str) -> String {
    let mut svg = String::with_capacity(2048);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}"><rect width="{WIDTH}" height="{HEIGHT}" fill="{BG}"/><rect width="{STRIPE}" height="{HEIGHT}" fill="{stripe}"/>"#
    );
    svg
}

/// The rule and the site's name at the bottom, cut at a word with "…" if too long.
fn footer(p: &Painter, svg: &mut String, site: &str) {
    let x = MARGIN + STRIPE;
    let _ = write!(
        svg,
        r#"<rect x="{x:.1}" y="540" width="{LINE:.1}" height="2" fill="{RULE}"/>"#
    );
    let (_, lines) = fit_regular(p, site, 30.0);
    let line = lines.into_iter().next().unwrap_or_default();
    text(svg, x, 592.0, 30.0, false, MUTED, &line);
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

/// One line of regular text at `size`.
fn fit_regular(p: &Painter, words: &str, size: f32) -> (f32, Vec<String>) {
    let measure = |s: &str, size: f32| p.regular.width(s, size);
    fit_with(&measure, words, &[(size, 1)], LINE)
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

/// Greedy line breaking between words. A single word wider than a line keeps its own line.
pub(super) fn wrap(measure: &dyn Fn(&str) -> f32, words: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in words.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if line.is_empty() || measure(&candidate) <= width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The first `max` lines, the last one ending at a word with "…" (with room for it).
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
        if words.len() <= 1 || measure(&candidate) <= width {
            *last = candidate;
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
    fn a_word_wider_than_a_line_keeps_its_own_line() {
        assert_eq!(
            wrap(&mono, "a incomprehensibilities b", 60.0),
            ["a", "incomprehensibilities", "b"]
        );
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
