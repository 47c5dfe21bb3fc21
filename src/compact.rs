//! COMPACT: a theme's JavaScript or CSS in, the same code without comments, indentation,
//! trailing spaces and blank lines out, for what the site serves. Nothing else changes: line
//! breaks stay where they were (so JavaScript's automatic semicolons fall where they did), the
//! spaces within a line stay, and strings, template literals and regular expressions are copied
//! as they are. Readers of the theme keep its comments; readers of the site do not download them.

/// The language being compacted: which comments and literals it has.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    Js,
    Css,
}

/// JavaScript (a module or a classic script) without comments, indentation and blank lines.
pub fn js(text: &str) -> String {
    Compactor::new(Lang::Js, text).run()
}

/// CSS without comments, indentation and blank lines.
pub fn css(text: &str) -> String {
    Compactor::new(Lang::Css, text).run()
}

/// A static file of a theme as the site serves it: CSS and JavaScript (by the name's
/// extension, `rel`) compacted when they are UTF-8, anything else as it is.
pub fn static_file(rel: &str, bytes: Vec<u8>) -> Vec<u8> {
    let compact: fn(&str) -> String = if rel.ends_with(".css") {
        css
    } else if rel.ends_with(".js") {
        js
    } else {
        return bytes;
    };
    match String::from_utf8(bytes) {
        Ok(text) => compact(&text).into_bytes(),
        Err(e) => e.into_bytes(),
    }
}

/// Words after which a `/` starts a regular expression rather than dividing.
const BEFORE_REGEX: [&str; 13] = [
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
];

struct Compactor {
    lang: Lang,
    chars: Vec<char>,
    i: usize,
    out: String,
    /// Spaces met since the last code character on this line, written only if code follows.
    pending: String,
    /// Brace depths at which a template literal's `${…}` substitutions close.
    templates: Vec<usize>,
    depth: usize,
}

impl Compactor {
    fn new(lang: Lang, text: &str) -> Compactor {
        Compactor {
            lang,
            chars: text.chars().collect(),
            i: 0,
            out: String::with_capacity(text.len()),
            pending: String::new(),
            templates: Vec::new(),
            depth: 0,
        }
    }

    fn run(mut self) -> String {
        while let Some(c) = self.peek(0) {
            match c {
                '\n' | '\r' => self.newline(),
                ' ' | '\t' => {
                    if !self.at_line_start() {
                        self.pending.push(c);
                    }
                    self.i += 1;
                }
                '/' if self.peek(1) == Some('*') => self.block_comment(),
                '/' if self.lang == Lang::Js && self.peek(1) == Some('/') => {
                    while self.peek(0).is_some_and(|c| c != '\n' && c != '\r') {
                        self.i += 1;
                    }
                }
                '"' | '\'' => self.literal(|c, open| c == open),
                '`' if self.lang == Lang::Js => self.template(),
                '/' if self.lang == Lang::Js && self.regex_allowed() => self.regex(),
                _ => {
                    self.i += 1;
                    self.code(c);
                }
            }
        }
        if !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
    }

    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n')
    }

    /// A line break: trailing spaces dropped, blank lines collapsed.
    fn newline(&mut self) {
        self.pending.clear();
        if !self.at_line_start() {
            self.out.push('\n');
        }
        self.i += 1;
    }

    /// One character of code (already stepped past), after the spaces before it; tracks
    /// braces for template literals.
    fn code(&mut self, c: char) {
        self.out.push_str(&self.pending);
        self.pending.clear();
        if self.lang == Lang::Js {
            match c {
                '{' => self.depth += 1,
                '}' if self.templates.last() == Some(&self.depth) => {
                    // The end of a `${…}`: back into the template literal.
                    self.templates.pop();
                    self.out.push(c);
                    self.template_body();
                    return;
                }
                '}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        self.out.push(c);
    }

    /// `/* … */`: gone, as a line break if it held one, else as a space where one is needed.
    fn block_comment(&mut self) {
        let start = self.i;
        self.i += 2;
        while self.i < self.chars.len() && !(self.peek(0) == Some('*') && self.peek(1) == Some('/'))
        {
            self.i += 1;
        }
        self.i = (self.i + 2).min(self.chars.len());
        let held_newline = self.chars[start..self.i].contains(&'\n');
        if held_newline && self.lang == Lang::Js {
            self.pending.clear();
            if !self.at_line_start() {
                self.out.push('\n');
            }
        } else if self.pending.is_empty() && !self.at_line_start() {
            let next_is_space = self.peek(0).is_none_or(char::is_whitespace);
            if !next_is_space {
                // `a/**/b`: the comment separates two tokens; a space would say more in CSS.
                self.pending
                    .push_str(if self.lang == Lang::Js { " " } else { "/**/" });
            }
        }
    }

    /// Copies a literal from its opening character to the closing one `end(c, opener)` accepts
    /// (or the end of the line), backslash escapes included.
    fn literal(&mut self, mut end: impl FnMut(char, char) -> bool) {
        let open = self.chars[self.i];
        self.i += 1;
        self.code(open);
        while let Some(c) = self.peek(0) {
            self.out.push(c);
            self.i += 1;
            if c == '\\' {
                if let Some(n) = self.peek(0) {
                    self.out.push(n);
                    self.i += 1;
                }
            } else if end(c, open) || c == '\n' {
                break;
            }
        }
    }

    fn template(&mut self) {
        self.i += 1;
        self.code('`');
        self.template_body();
    }

    /// A template literal's text up to its closing backtick or a `${`, copied as it is.
    fn template_body(&mut self) {
        while let Some(c) = self.peek(0) {
            self.out.push(c);
            self.i += 1;
            match c {
                '\\' => {
                    if let Some(n) = self.peek(0) {
                        self.out.push(n);
                        self.i += 1;
                    }
                }
                '`' => return,
                '$' if self.peek(0) == Some('{') => {
                    self.out.push('{');
                    self.i += 1;
                    self.templates.push(self.depth);
                    return;
                }
                _ => {}
            }
        }
    }

    /// Whether a `/` here starts a regular expression: not after a value (a name, a number, a
    /// closing bracket or quote), unless the name is a keyword such as `return`.
    fn regex_allowed(&self) -> bool {
        let before = self.out.trim_end();
        let Some(last) = before.chars().last() else {
            return true;
        };
        if last.is_alphanumeric() || last == '_' || last == '$' {
            let word: String = before
                .chars()
                .rev()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            return BEFORE_REGEX.contains(&word.as_str());
        }
        !matches!(last, ')' | ']' | '}' | '"' | '\'' | '`')
    }

    /// A regular expression literal: `/` to the `/` that closes it (not inside `[…]`).
    fn regex(&mut self) {
        let mut in_class = false;
        self.literal(move |c, _| {
            // Called once per character after the opening `/`.
            match c {
                '[' => in_class_set(&mut in_class, true),
                ']' => in_class_set(&mut in_class, false),
                '/' => !in_class,
                _ => false,
            }
        });
    }
}

/// Sets `flag` (a regular expression's character class), never closing the literal.
fn in_class_set(flag: &mut bool, value: bool) -> bool {
    *flag = value;
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_indentation_and_blank_lines_go() {
        let src = "// head\n/** Doc\n * more\n */\nexport function f(a) {\n  // why\n  return a + 1; // trailing\n\n\n  /* inline */ const b = 2;  \n}\n";
        assert_eq!(
            js(src),
            "export function f(a) {\nreturn a + 1;\nconst b = 2;\n}\n"
        );
    }

    #[test]
    fn literals_are_copied_as_they_are() {
        let src = "const s = '// not a comment', t = \"/* nor */\";\nconst u = `a\n    // kept ${x + `in ${'}'} `}\n  b`;\nconst r = /[/]\\/\\/*x/g, d = a / b / c;\nif (ok) return /'/.test(s);\n";
        let out = js(src);
        assert!(out.contains("'// not a comment'") && out.contains("\"/* nor */\""));
        assert!(
            out.contains("`a\n    // kept ${x + `in ${'}'} `}\n  b`"),
            "{out}"
        );
        assert!(
            out.contains("/[/]\\/\\/*x/g") && out.contains("a / b / c"),
            "{out}"
        );
        assert!(out.contains("return /'/.test(s);"), "{out}");
    }

    #[test]
    fn a_comment_between_tokens_still_separates_them() {
        assert_eq!(js("let/**/a = 1;"), "let a = 1;\n");
        assert_eq!(js("a = b/*\n*/c"), "a = b\nc\n");
        assert_eq!(css("a/**/b { }"), "a/**/b { }\n");
        assert_eq!(css("a /* x */ b { }"), "a  b { }\n");
    }

    #[test]
    fn css_keeps_strings_and_urls() {
        let src = "/* theme */\n.a {\n  content: \"/* no */\";\n  background: url(//x.org/a.png); /* c */\n}\n\n@media print {\n  .b { color: red; }\n}\n";
        assert_eq!(
            css(src),
            ".a {\ncontent: \"/* no */\";\nbackground: url(//x.org/a.png);\n}\n@media print {\n.b { color: red; }\n}\n"
        );
    }
}
