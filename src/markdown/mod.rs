//! Markdown: a recommendation or page body in, its plain text, footnotes (with their original
//! labels and byte offsets) and HTML out. One parser configuration serves every stage.

mod highlight;
pub(crate) mod values;

pub(crate) use highlight::Highlighter;

use std::collections::HashMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

/// Parser options used everywhere: footnotes keep the report's own numbers; no smart
/// punctuation, since the Committee's quotation marks must stay as it wrote them.
pub(crate) fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES
}

/// A footnote marker `[^label]` in the body, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Marker {
    pub label: String,
    pub offset: usize,
}

/// What the loader needs to know about a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct BodyInfo {
    /// Main text as plain text: no markup, no footnote markers, no footnotes, single spaces.
    pub text: String,
    /// Footnote definitions in order: label, plain text, offset of the `[^label]:`.
    pub footnotes: Vec<(Marker, String)>,
    /// Footnote markers in the main text, in order.
    pub markers: Vec<Marker>,
}

/// Reads a body: plain text via pulldown-cmark; markers and definitions by a scan of the raw
/// text, because the parser drops markers whose definition is missing and we must report them.
pub(crate) fn analyse_body(body: &str) -> BodyInfo {
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
pub(crate) fn plain_text(markdown: &str) -> String {
    let chars: String = plain_text_located(markdown)
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    collapse_ws(&chars)
}

/// The characters of [`plain_text`] before white space is collapsed, each with the byte offset
/// in `markdown` it comes from: how the faithfulness check points at a word in the file.
pub(crate) fn plain_text_located(markdown: &str) -> Vec<(char, usize)> {
    let mut out = Vec::new();
    let mut in_footnote = 0usize;
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::FootnoteDefinition(_)) => in_footnote += 1,
            Event::End(TagEnd::FootnoteDefinition) => in_footnote -= 1,
            _ if in_footnote > 0 => {}
            // Raw HTML is shown as text on the page (see `to_html`), so it is text here too.
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push_located(&mut out, &t, &markdown[range.clone()], range.start)
            }
            Event::SoftBreak | Event::HardBreak => out.push((' ', range.start)),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                out.push((' ', range.end))
            }
            _ => {}
        }
    }
    out
}

/// Pushes the characters of one text event, found in its source `raw` at `start`: each at its
/// own offset when the text is there as written, else (an escape, an entity) all at `start`.
fn push_located(out: &mut Vec<(char, usize)>, text: &str, raw: &str, start: usize) {
    let base = raw.find(text).map(|i| start + i);
    for (i, c) in text.char_indices() {
        out.push((c, base.map_or(start, |b| b + i)));
    }
}

/// HTML of Markdown. Footnotes keep the report's labels (`fn-141`, back-linked from
/// `fnref-141`); root-relative link targets (`/about/`) get `base` (`/lanzarote/`) in front, so
/// content can link to site pages whatever the base URL. Raw HTML in the content is escaped.
pub(crate) fn to_html(markdown: &str, base: &str) -> String {
    to_html_with(markdown, base, &Highlighter::uncached())
}

/// [`to_html`], its code blocks highlighted by `highlighter` (which may keep them in a cache).
pub(crate) fn to_html_with(markdown: &str, base: &str, highlighter: &Highlighter) -> String {
    render_html(markdown, base, highlighter, "")
}

/// [`to_html`] for a page that shows several bodies: each footnote's anchors start with
/// `scope` (`iii-16-` gives `iii-16-fn-141` and `iii-16-fnref-141`), so that two texts that
/// cite one footnote of the report keep their ids apart on one page.
pub(crate) fn to_html_scoped(markdown: &str, base: &str, scope: &str) -> String {
    render_html(markdown, base, &Highlighter::uncached(), scope)
}

fn render_html(markdown: &str, base: &str, highlighter: &Highlighter, scope: &str) -> String {
    // A slug and a hyphen in practice; escaped all the same, once.
    let scope = escape(scope);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut events = Vec::new();
    // A fenced code block being collected: its language and text.
    let mut code: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, options()) {
        match (event, &mut code) {
            (Event::Start(Tag::CodeBlock(kind)), _) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            (Event::Text(t), Some((_, text))) => text.push_str(&t),
            (Event::End(TagEnd::CodeBlock), Some((lang, text))) => {
                events.push(Event::Html(CowStr::from(
                    highlighter.code_block(text, lang),
                )));
                code = None;
            }
            (event, _) => events.push(html_event(event, base, &scope, &mut seen)),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

/// One event as `to_html` writes it: footnotes with the report's labels, rebased and checked
/// link targets, raw HTML as text.
fn html_event<'e>(
    event: Event<'e>,
    base: &str,
    scope: &str,
    seen: &mut HashMap<String, usize>,
) -> Event<'e> {
    match event {
        Event::FootnoteReference(label) => {
            let n = seen.entry(label.to_string()).or_insert(0);
            *n += 1;
            let suffix = if *n > 1 {
                format!("-{n}")
            } else {
                String::new()
            };
            let l = escape(&label);
            Event::Html(CowStr::from(format!(
                "<sup class=\"footnote-ref\" id=\"{scope}fnref-{l}{suffix}\"><a href=\"#{scope}fn-{l}\">{l}</a></sup>"
            )))
        }
        Event::Start(Tag::FootnoteDefinition(label)) => {
            let l = escape(&label);
            // The number leads back to where the text cites it; a footnote the text never
            // cites (the report has a few) keeps a plain number.
            let number = if seen.contains_key(label.as_ref()) {
                format!("<a class=\"footnote-label\" href=\"#{scope}fnref-{l}\">{l}</a>")
            } else {
                format!("<span class=\"footnote-label\">{l}</span>")
            };
            Event::Html(CowStr::from(format!(
                "<div class=\"footnote\" id=\"{scope}fn-{l}\">{number}"
            )))
        }
        Event::End(TagEnd::FootnoteDefinition) => Event::Html(CowStr::from("</div>\n")),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = rebase(dest_url, base);
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })
        }
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: rebase(dest_url, base),
            title,
            id,
        }),
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        other => other,
    }
}

/// Whether Markdown has a code block, so its page links the highlighting stylesheet.
pub(crate) fn has_code(markdown: &str) -> bool {
    Parser::new_ext(markdown, options()).any(|e| matches!(e, Event::Start(Tag::CodeBlock(_))))
}

fn rebase<'s>(url: CowStr<'s>, base: &str) -> CowStr<'s> {
    if !is_safe_link(&url) {
        // `javascript:` and the like would run code on click: the link keeps its text only.
        return CowStr::from("#");
    }
    match url.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => CowStr::from(format!("{base}{rest}")),
        _ => url,
    }
}

/// Link and image targets that `is_safe_link` refuses, with their byte offsets in `markdown`:
/// the loader reports them, so a maintainer learns of them rather than finding a dead link.
pub(crate) fn unsafe_links(markdown: &str) -> Vec<(usize, String)> {
    let mut links = links(markdown);
    links.retain(|(_, url)| !is_safe_link(url));
    links
}

/// Numeric character references (`&#7;`, `&#x1B;`, `&#xFFFE;`) that stand for a character
/// content may not hold (a control character other than a tab or line break, a noncharacter:
/// `crate::content::chars`), with their byte offsets: the parser would put the character
/// itself into the page and the data files.
pub(crate) fn refused_references(markdown: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    for (at, _) in markdown.match_indices("&#") {
        let rest = &markdown[at + 2..];
        let (digits, radix) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (rest, 10),
        };
        let len = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        if len == 0 || !digits[len..].starts_with(';') {
            continue;
        }
        let code = u32::from_str_radix(&digits[..len], radix).ok();
        if let Some(c) = code.and_then(char::from_u32)
            && crate::content::chars::is_refused(c)
            && !matches!(c, '\t' | '\n' | '\r')
        {
            out.push((at, c));
        }
    }
    out
}

/// Every link and image target of `markdown`, as written, with its byte offset.
pub(crate) fn links(markdown: &str) -> Vec<(usize, String)> {
    Parser::new_ext(markdown, options())
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((range.start, dest_url.to_string()))
            }
            _ => None,
        })
        .collect()
}

/// A link target as `to_html` writes it into the page (site paths get `base`).
pub(crate) fn rendered_link(url: &str, base: &str) -> String {
    rebase(CowStr::from(url), base).to_string()
}

/// What to do instead of an unsafe link target, for `help:` lines.
pub(crate) const SAFE_LINK_HELP: &str =
    "link to a site path such as /about/, or to an http, https or mailto address";

/// Whether a link target is harmless: relative, or with an http, https or mailto scheme.
/// Browsers ignore tabs, newlines and case in a scheme, so the check does too.
pub(crate) fn is_safe_link(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    match cleaned.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str())
        }
        _ => true,
    }
}

/// Escapes text for HTML content and attribute values.
pub(crate) fn escape(s: &str) -> String {
    // Every value a template prints comes through here (Tera's escaping): most hold nothing to
    // escape, so the text between special characters is copied a run at a time, not char by
    // char (the five are ASCII, so a byte never splits a character).
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&s[from..]);
    out
}

/// Single spaces, trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_replaces_the_five_characters_and_keeps_the_rest() {
        assert_eq!(
            super::escape("Tom & \"Jerry\" <b>it's</b> – Åland"),
            "Tom &amp; &quot;Jerry&quot; &lt;b&gt;it&#39;s&lt;/b&gt; – Åland"
        );
        assert_eq!(super::escape("<&>"), "&lt;&amp;&gt;");
        assert_eq!(super::escape("plain é"), "plain é");
        assert_eq!(super::escape(""), "");
    }

    #[test]
    fn site_paths_get_the_base_in_links_and_images() {
        let html = super::to_html("[a](/about/) ![b](/favicon.svg) [c](https://e.org/)", "/b/");
        assert!(
            html.contains("href=\"/b/about/\"") && html.contains("src=\"/b/favicon.svg\""),
            "{html}"
        );
        assert!(html.contains("href=\"https://e.org/\""), "{html}");
    }

    #[test]
    fn unsafe_link_schemes_are_neutralised() {
        let html = super::to_html(
            "[a](javascript:alert(1)) [b](JavaScript:x) [c](java\tscript:x) [d](https://e.org/x:y) [e](/about/) [f](data:text/html,x)",
            "/b/",
        );
        assert!(
            !html.to_lowercase().contains("href=\"java") && !html.contains("href=\"data:"),
            "{html}"
        );
        assert!(
            html.contains("href=\"https://e.org/x:y\"") && html.contains("href=\"/b/about/\""),
            "{html}"
        );
        // The tab makes [c] no link at all: Markdown does not allow it in a target.
        assert_eq!(html.matches("href=\"#\"").count(), 3, "{html}");
    }

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
    fn plain_text_keeps_where_each_character_comes_from() {
        let md = "An *emphasised* word[^1], and `code`.\n\n[^1]: Note.\n";
        let located = plain_text_located(md);
        let text: String = located.iter().map(|(c, _)| c).collect();
        assert_eq!(super::collapse_ws(&text), plain_text(md));
        for (word, want) in [("emphasised", 4), ("word", 16), ("code", 31)] {
            let at = text.find(word).unwrap();
            let k = text[..at].chars().count();
            assert_eq!(located[k].1, want, "{word}");
            assert_eq!(&md[want..want + word.len()], word);
        }
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
    fn html_keeps_footnote_labels_and_rebases_links() {
        let html = to_html(
            "See [about](/about/) and [x](https://x.org/).[^141]\n\n[^141]: Albania.\n",
            "/l/",
        );
        assert!(html.contains(r#"<a href="/l/about/">about</a>"#), "{html}");
        assert!(html.contains(r#"<a href="https://x.org/">x</a>"#), "{html}");
        assert!(
            html.contains(r##"id="fnref-141"><a href="#fn-141">141</a>"##),
            "{html}"
        );
        assert!(
            html.contains(r#"<div class="footnote" id="fn-141">"#),
            "{html}"
        );
        assert!(to_html("<script>x</script>", "/").contains("&lt;script&gt;"));
    }

    #[test]
    fn scoped_footnotes_keep_apart_and_still_link_each_other() {
        let html = to_html_scoped("Text.[^141]\n\n[^141]: Albania.\n", "/", "iii-16-");
        for anchor in [
            r##"id="iii-16-fnref-141"><a href="#iii-16-fn-141">141</a>"##,
            r#"<div class="footnote" id="iii-16-fn-141">"#,
            r##"href="#iii-16-fnref-141""##,
        ] {
            assert!(html.contains(anchor), "{anchor} in {html}");
        }
        assert!(!html.contains(r#"id="fn-"#), "{html}");
        let odd = to_html_scoped("A.[^1]\n\n[^1]: B.\n", "/", "\"><x-");
        assert!(odd.contains(r#"id="&quot;&gt;&lt;x-fn-1""#), "{odd}");
    }

    #[test]
    fn references_to_control_characters_and_noncharacters_are_found() {
        let found = refused_references("a&#7;b &#x1B;[2J &#9; &#65; &#xZ; &#0;");
        assert_eq!(found, [(1, '\u{7}'), (7, '\u{1b}'), (34, '\u{0}')]);
        let found = refused_references("&#xFFFE; &#65007; &#xFFFD; &#x10FFFF;");
        assert_eq!(
            found,
            [(0, '\u{FFFE}'), (9, '\u{FDEF}'), (27, '\u{10FFFF}')]
        );
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
