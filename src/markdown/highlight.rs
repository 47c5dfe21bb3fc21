//! Code highlighting for fenced code blocks in content pages: code and a language in, HTML with
//! CSS classes (`hl-…`) out, styled by the theme's `syntax.css`. Syntect's syntax definitions
//! are loaded on the first code block only, so a site without code never pays for them, and a
//! [`Highlighter`] with a cache keeps each block's HTML, so a build whose code blocks did not
//! change never loads them (a tenth of a 1× build's time).

use std::sync::OnceLock;

use crate::cache::{self, Cache};

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Class prefix, so highlighting classes never collide with the theme's own.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// Highlights code blocks, keeping their HTML in a cache folder when it has one.
#[derive(Debug)]
pub(crate) struct Highlighter {
    cache: Option<Cache>,
}

impl Highlighter {
    /// Highlights every block (`check`, tests).
    pub(crate) fn uncached() -> Highlighter {
        Highlighter { cache: None }
    }

    /// Keeps each block's HTML in `cache`, by a digest of the block and of this program.
    pub(crate) fn cached(cache: Cache) -> Highlighter {
        Highlighter { cache: Some(cache) }
    }

    /// [`code_block`], from the cache when the block was highlighted before (and its entry's
    /// checksum holds). A cache that cannot be read or written costs time only: the block is
    /// highlighted again.
    pub(crate) fn code_block(&self, code: &str, lang: &str) -> String {
        let Some(cache) = &self.cache else {
            return code_block(code, lang);
        };
        let program = cache::program_identity();
        let key = cache::digest(&[
            b"code block",
            program.as_bytes(),
            lang.as_bytes(),
            code.as_bytes(),
        ]);
        cache
            .get_or_make(&key, "html", || Ok(code_block(code, lang).into_bytes()))
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_else(|| code_block(code, lang))
    }
}

/// A `<pre>` block for `code` in language `lang` (a fence's info string: `json`, `sh`…).
/// Unknown languages, and code syntect cannot parse, come out as plain escaped text.
pub(super) fn code_block(code: &str, lang: &str) -> String {
    let lang = lang.split_whitespace().next().unwrap_or("");
    let lang_attr = super::escape(lang);
    let body = highlighted(code, lang).unwrap_or_else(|| super::escape(code));
    // Focusable, so a block that scrolls sideways can be scrolled from the keyboard.
    format!(
        "<pre class=\"code\" data-lang=\"{lang_attr}\" tabindex=\"0\"><code>{body}</code></pre>\n"
    )
}

fn highlighted(code: &str, lang: &str) -> Option<String> {
    if lang.is_empty() {
        return None;
    }
    let set = syntaxes();
    let syntax = set.find_syntax_by_token(lang)?;
    let mut html = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    for line in LinesWithEndings::from(code) {
        html.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(html.finalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_gets_classes_and_stays_escaped() {
        let html = code_block("{\"id\": \"<b>\", \"n\": 1}\n", "json");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"json\" tabindex=\"0\"><code>"),
            "{html}"
        );
        assert!(html.contains("hl-string"), "{html}");
        assert!(
            html.contains("&lt;b&gt;") && !html.contains("<b>"),
            "{html}"
        );
    }

    #[test]
    fn shell_and_unknown_languages() {
        assert!(code_block("curl -s https://example.org | jq .\n", "sh").contains("hl-"));
        let plain = code_block("a < b\n", "nonesuch");
        assert_eq!(
            plain,
            "<pre class=\"code\" data-lang=\"nonesuch\" tabindex=\"0\"><code>a &lt; b\n</code></pre>\n"
        );
    }

    #[test]
    fn a_cached_block_is_kept_once_and_read_back_as_made() {
        let tmp = tempfile::tempdir().unwrap();
        let code = "{\"id\": \"II-1\"}\n";
        let first = Highlighter::cached(Cache::in_dir(tmp.path()));
        assert_eq!(first.code_block(code, "json"), code_block(code, "json"));
        let kept: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(kept.len(), 1, "one entry per block");
        // A second build reads the entry, and checks it: a script added is not published.
        let entry = kept[0].as_ref().unwrap().path();
        let mut bytes = std::fs::read(&entry).unwrap();
        bytes.extend_from_slice(b"<script>alert(1)</script>");
        std::fs::write(&entry, &bytes).unwrap();
        let second = Highlighter::cached(Cache::in_dir(tmp.path()));
        assert_eq!(second.code_block(code, "json"), code_block(code, "json"));
        // Another language is another entry.
        assert_eq!(second.code_block(code, "sh"), code_block(code, "sh"));
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
    }
}
