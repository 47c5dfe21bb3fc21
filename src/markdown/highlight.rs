//! Code highlighting for fenced code blocks in content pages: code and a language in, HTML with
//! CSS classes (`hl-…`) out, styled by the theme's `syntax.css`. Syntect's syntax definitions
//! are loaded on the first code block only, so a site without code never pays for them.

use std::sync::OnceLock;

use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

/// Class prefix, so highlighting classes never collide with the theme's own.
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
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
}
