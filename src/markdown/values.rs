//! Values in a content page: its Markdown in; out, the `{{ name }}` placeholders in its prose
//! (never in code, where a page may show the syntax itself) and the Markdown with each one
//! replaced by its value, escaped so that a value is always text.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// One `{{ name }}` in a page's prose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Placeholder {
    /// Byte range of the whole `{{ … }}` in the Markdown.
    pub range: Range<usize>,
    pub name: String,
}

/// The byte ranges of the Markdown's prose: its text events, neighbours merged (the parser
/// splits text at characters such as `_`), code spans and blocks left out.
pub(crate) fn prose_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut in_code = false;
    for (event, range) in Parser::new_ext(markdown, super::options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            _ => {}
        }
        // A code block's lines come as text events too.
        if in_code || !matches!(event, Event::Text(_)) {
            continue;
        }
        match ranges.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => ranges.push(range),
        }
    }
    ranges
}

/// Every placeholder in the prose of `markdown`, in order.
pub(crate) fn placeholders(markdown: &str) -> Vec<Placeholder> {
    let mut found = Vec::new();
    for range in prose_ranges(markdown) {
        let text = &markdown[range.clone()];
        let mut from = 0;
        while let Some(open) = text[from..].find("{{").map(|i| from + i) {
            let Some(close) = text[open..].find("}}").map(|i| open + i) else {
                break;
            };
            let name = text[open + 2..close].trim();
            if is_name(name) {
                let (start, end) = (range.start + open, range.start + close + 2);
                found.push(Placeholder {
                    range: start..end,
                    name: name.to_string(),
                });
                from = close + 2;
            } else {
                from = open + 2;
            }
        }
    }
    found
}

/// A placeholder's name: letters and underscores, as in `edition_date`.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphabetic() || c == '_')
}

/// `markdown` with each placeholder that `value` knows replaced by its value, every ASCII
/// punctuation character of it escaped with a backslash, so that it reads as written and never
/// as markup. A name `value` does not know stays as written (`check` refuses it before).
pub(crate) fn expand(markdown: &str, value: impl Fn(&str) -> Option<String>) -> Cow<'_, str> {
    let found = placeholders(markdown);
    if found.is_empty() {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    let mut at = 0;
    for p in found {
        let Some(v) = value(&p.name) else { continue };
        out.push_str(&markdown[at..p.range.start]);
        for c in v.chars() {
            if c.is_ascii_punctuation() {
                out.push('\\');
            }
            out.push(c);
        }
        at = p.range.end;
    }
    out.push_str(&markdown[at..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(md: &str) -> Vec<String> {
        placeholders(md).into_iter().map(|p| p.name).collect()
    }

    #[test]
    fn placeholders_in_prose_only() {
        let md = "The {{ recommendations }} texts, in {{sections}} sections.\n\n\
                  `{{ not_this }}`\n\n```\n{{ nor_this }}\n```\n\n- {{ edition_date }}\n";
        assert_eq!(names(md), ["recommendations", "sections", "edition_date"]);
        let p = &placeholders(md)[0];
        assert_eq!(&md[p.range.clone()], "{{ recommendations }}");
    }

    #[test]
    fn what_is_not_a_name_is_left_alone() {
        assert!(names("{{ two words }} and {{ }} and {{ x-y }} and {{ open").is_empty());
        assert_eq!(names("{{ a }}}} {{ b }}"), ["a", "b"]);
    }

    #[test]
    fn values_are_text_never_markup() {
        let value = |n: &str| match n {
            "edition" => Some("1.1".to_string()),
            "evil" => Some("*x* <b>[a](javascript:x)</b>".to_string()),
            _ => None,
        };
        let out = expand("Edition {{ edition }}; {{ evil }}; {{ unknown }}.", value);
        assert_eq!(
            out,
            "Edition 1\\.1; \\*x\\* \\<b\\>\\[a\\]\\(javascript\\:x\\)\\<\\/b\\>; {{ unknown }}."
        );
        let html = super::super::to_html(&out, "/");
        assert!(html.contains("Edition 1.1; *x* &lt;b&gt;[a](javascript:x)&lt;/b&gt;;"));
        assert!(matches!(expand("No values.", value), Cow::Borrowed(_)));
    }
}
