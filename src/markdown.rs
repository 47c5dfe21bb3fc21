//! Markdown: a recommendation or page body in, its plain text, footnotes (with their original
//! labels and byte offsets) and HTML out. One parser configuration serves every stage.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Parser options used everywhere: footnotes keep the report's own numbers; no smart
/// punctuation, since the Committee's quotation marks must stay as it wrote them.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES
}

/// A footnote marker `[^label]` in the body, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub label: String,
    pub offset: usize,
}

/// What the loader needs to know about a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyInfo {
    /// Main text as plain text: no markup, no footnote markers, no footnotes, single spaces.
    pub text: String,
    /// Footnote definitions in order: label, plain text, offset of the `[^label]:`.
    pub footnotes: Vec<(Marker, String)>,
    /// Footnote markers in the main text, in order.
    pub markers: Vec<Marker>,
}

/// Reads a body: plain text via pulldown-cmark; markers and definitions by a scan of the raw
/// text, because the parser drops markers whose definition is missing and we must report them.
pub fn analyse_body(body: &str) -> BodyInfo {
    let mut info = BodyInfo {
        text: plain_text(body),
        ..BodyInfo::default()
    };
    let mut line_start = 0;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(label) = definition_label(trimmed) {
            let def_text = trimmed[label.len() + 4..].trim();
            let marker = Marker {
                label: label.to_string(),
                offset: line_start + indent,
            };
            info.footnotes.push((marker, plain_text(def_text)));
        } else {
            info.markers.extend(scan_markers(line, line_start));
        }
        line_start += line.len();
    }
    info
}

/// The label of a line `[^label]: …`, if it is a footnote definition.
fn definition_label(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("[^")?;
    let end = rest.find("]:")?;
    let label = &rest[..end];
    is_label(label).then_some(label)
}

fn is_label(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Every `[^label]` in a line, with offsets shifted by `base`.
fn scan_markers(line: &str, base: usize) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = line[from..].find("[^") {
        let start = from + i;
        let rest = &line[start + 2..];
        match rest.find(']') {
            Some(end) if is_label(&rest[..end]) => {
                out.push(Marker {
                    label: rest[..end].to_string(),
                    offset: base + start,
                });
                from = start + 2 + end;
            }
            _ => from = start + 2,
        }
    }
    out
}

/// Plain text of Markdown: text and code only, footnotes and their markers left out, white space
/// collapsed. Used for search, summaries and the faithfulness comparison.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_footnote = 0usize;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote -= 1,
            _ if in_footnote > 0 => {}
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    collapse_ws(&out)
}

/// Single spaces, trimmed.
pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "The Committee requires Parties[^95] to:\n\n- act, and\n- report.[^96]\n\n[^95]: Albania, *Malta*.\n[^96]: Note.\n";

    #[test]
    fn plain_text_drops_markers_and_footnotes() {
        assert_eq!(
            plain_text(BODY),
            "The Committee requires Parties to: act, and report."
        );
    }

    #[test]
    fn finds_markers_and_definitions_with_offsets() {
        let info = analyse_body(BODY);
        let labels: Vec<_> = info.markers.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["95", "96"]);
        assert_eq!(
            &BODY[info.markers[0].offset..info.markers[0].offset + 5],
            "[^95]"
        );
        assert_eq!(info.footnotes[0].0.label, "95");
        assert_eq!(info.footnotes[0].1, "Albania, Malta.");
        assert_eq!(&BODY[info.footnotes[1].0.offset..][..6], "[^96]:");
    }

    #[test]
    fn undefined_markers_are_still_found() {
        let info = analyse_body("Text[^7] and [^x y] and [^].\n");
        assert_eq!(
            info.markers,
            vec![Marker {
                label: "7".into(),
                offset: 4
            }]
        );
    }
}
