//! Diagnostics: a located message about the content (`path:line:col: error: …`), plus the
//! byte-offset → line:column mapping every loader stage uses to produce them. Whatever a
//! diagnostic quotes is printed with invisible characters escaped (`\u{0}`), so a terminal
//! shows what is in the file rather than obeying it.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a diagnostic is. Only errors fail `check` and `build`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a diagnostic points: a file, 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

/// One problem found in the content, located in a file; or a warning about the run as a whole
/// (no location: a relative base URL, a leftover folder that could not be deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub location: Option<Location>,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// What was not checked because of this error (a table that does not parse).
    pub note: Option<String>,
}

impl Diagnostic {
    /// An error at `line:col` of `path`.
    pub fn error(path: &Path, (line, col): (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            location: Some(Location {
                path: path.to_path_buf(),
                line,
                col,
            }),
            severity: Severity::Error,
            message: message.into(),
            help: None,
            note: None,
        }
    }

    /// A warning at `line:col` of `path`: something that builds but that a maintainer should
    /// change (a number written out by hand that the data knows).
    pub fn warning_at(path: &Path, at: (usize, usize), message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, at, message)
        }
    }

    /// A warning about the run as a whole, in no file: printed `warning: message`.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            location: None,
            severity: Severity::Warning,
            message: message.into(),
            help: None,
            note: None,
        }
    }

    /// The file it points at, if it points at one.
    pub fn path(&self) -> Option<&Path> {
        self.location.as_ref().map(|l| l.path.as_path())
    }

    /// Adds a `help:` suggestion.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a `note:` line.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    /// GNU style, so editors and CI can jump to the place: `path:line:col: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        if let Some(Location { path, line, col }) = &self.location {
            let path = path.display().to_string().replace('\\', "/");
            write!(f, "{}:{line}:{col}: ", visible(&path))?;
        }
        write!(f, "{level}: {}", visible(&self.message))?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", visible(help))?;
        }
        if let Some(note) = &self.note {
            write!(f, "\n  note: {}", visible(note))?;
        }
        Ok(())
    }
}

/// All diagnostics of a run, in a stable order (path, line, column, message).
#[derive(Debug, Default, Clone)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// The warnings, without the errors.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// Number of errors (warnings excluded).
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts for deterministic output and drops exact repeats.
    pub fn sorted(mut self) -> Self {
        self.0
            .sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
        self.0.dedup();
        self
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// `s` with every invisible or terminal-controlling character (C0 and C1 controls, DEL,
/// bidirectional overrides, zero-width characters, the BOM) written as `\u{…}` in hex.
/// Borrowed when there is nothing to escape.
pub(crate) fn visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_invisible) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Characters a terminal or editor does not show as themselves.
pub(crate) fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Maps byte offsets of one file's text to 1-based line and column (columns count characters,
/// so a caret lands right in an editor even after accented Party names).
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, line_starts }
    }

    /// Line and column of byte `offset` (clamped to the text).
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..]
            .char_indices()
            .take_while(|(i, _)| start + i < offset)
            .filter(|(_, c)| *c != '\r')
            .count();
        (line + 1, col + 1)
    }
}

/// Line and column of byte `offset` in `text` (clamped), as [`LineIndex::line_col`] gives
/// them, without indexing the whole text: for one lookup in a file (a recommendation's id and
/// references, on every build), counting the newlines before `offset` is cheaper.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = memchr::memchr_iter(b'\n', before).count();
    let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
    let col = text[start..]
        .char_indices()
        .take_while(|(i, _)| start + i < offset)
        .filter(|(_, c)| *c != '\r')
        .count();
    (line + 1, col + 1)
}

/// Suggests the candidate closest to `word`, when it is close enough to be a likely typo.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let cand = c.to_lowercase();
            // A name given in part ("Macedonia") is as likely a slip as a typo is.
            let contained = cand.contains(&lower) || lower.contains(&cand);
            let score = if contained {
                0.95
            } else {
                strsim::jaro_winkler(&lower, &cand)
            };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_lookup_agrees_with_the_index_at_every_offset() {
        let text = "ab\nçd\r\nef\n\nx";
        let whole = LineIndex::new(text);
        for offset in 0..text.len() + 3 {
            assert_eq!(line_col(text, offset), whole.line_col(offset), "{offset}");
        }
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let idx = LineIndex::new("ab\nçd\r\nef");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(1), (1, 2));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(5), (2, 2)); // 'ç' is two bytes, one column
        assert_eq!(idx.line_col(8), (3, 1));
        assert_eq!(idx.line_col(999), (3, 3));
    }

    #[test]
    fn suggestions_only_for_near_misses() {
        let names = ["North Macedonia", "Monaco", "Malta"];
        assert_eq!(did_you_mean("Macedonia", names), Some("North Macedonia"));
        assert_eq!(did_you_mean("Monacco", names), Some("Monaco"));
        assert_eq!(did_you_mean("Narnia", names), None);
    }

    #[test]
    fn invisible_characters_are_escaped_wherever_a_diagnostic_quotes_them() {
        let d = Diagnostic::error(
            Path::new("content/a\u{1b}[2J.md"),
            (1, 2),
            "unknown Party \"Al\u{0}ba\u{202e}nia\"",
        )
        .with_help("did you mean \"Al\tbania\"?")
        .with_note("not\u{85}checked");
        assert_eq!(
            d.to_string(),
            "content/a\\u{1b}[2J.md:1:2: error: unknown Party \"Al\\u{0}ba\\u{202e}nia\"\n  help: did you mean \"Al\\u{9}bania\"?\n  note: not\\u{85}checked"
        );
        assert!(matches!(visible("Türkiye"), Cow::Borrowed("Türkiye")));
    }

    #[test]
    fn a_warning_about_the_run_has_no_location_and_sorts_first() {
        let w = Diagnostic::warning("no sitemap\u{1b}");
        assert_eq!(w.to_string(), "warning: no sitemap\\u{1b}");
        let e = Diagnostic::error(Path::new("content/a.md"), (1, 1), "bad");
        let diags = Diagnostics(vec![e.clone(), w.clone()]).sorted();
        assert_eq!(diags.0, [w.clone(), e]);
        assert_eq!(diags.error_count(), 1);
        assert_eq!(diags.warnings().collect::<Vec<_>>(), [&w]);
    }

    #[test]
    fn display_is_gnu_style_with_help() {
        let d = Diagnostic::error(Path::new("content/a.md"), (3, 9), "unknown Party \"X\"")
            .with_help("did you mean \"Y\"?");
        assert_eq!(
            d.to_string(),
            "content/a.md:3:9: error: unknown Party \"X\"\n  help: did you mean \"Y\"?"
        );
    }
}
