//! Theme wording: `themes/<name>/i18n/<language>.toml` in; out, a `t(key=…, name=…)` function
//! for templates and [`Strings::fill`] for the few texts Rust assembles (page titles and
//! descriptions). Every sentence a reader sees lives in the theme, so a redesign or a second
//! language needs no Rust change; Rust hands over data and picks keys. The names of the body,
//! its treaty and its report come from the content (`[names]` in site.toml, else the theme's
//! neutral words) and fill `{body}`, `{Body}`, … in every string.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};

/// A theme's strings for one language, by dotted key (`party.group.open.heading`).
#[derive(Debug, Clone, Default)]
pub(in crate::render) struct Strings {
    by_key: Arc<HashMap<String, String>>,
    /// The content's names and their sentence-initial forms (`body`, `Body`), filled into
    /// every string after the values a caller gives.
    names: Arc<Vec<(String, String)>>,
    /// The file they came from, for errors.
    file: String,
}

impl Strings {
    /// Loads `i18n/<language>.toml` of the theme in `theme_dir`.
    pub(in crate::render) fn load(theme_dir: &Path, language: &str) -> Result<Strings> {
        let path = theme_dir.join(crate::inputs::strings_file(language));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the theme's strings {}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let mut by_key = HashMap::new();
        flatten("", &table, &mut by_key).with_context(|| format!("in {}", path.display()))?;
        Ok(Strings {
            by_key: Arc::new(by_key),
            names: Arc::default(),
            file: path.display().to_string(),
        })
    }

    /// These strings with `names` filled in: each name site.toml gives, else the theme's
    /// neutral word at `names.<placeholder>`; `{Body}` is `{body}` with a capital first letter,
    /// for a name that starts a sentence. One set of strings then serves any body, and the
    /// theme's words never name one ("the Committee", "the Convention") by themselves.
    pub(in crate::render) fn with_names(mut self, names: &crate::model::Names) -> Result<Strings> {
        let mut filled = Vec::new();
        for (placeholder, given) in names.by_placeholder() {
            let name = match given {
                Some(name) => name.to_string(),
                None => self.get(&format!("names.{placeholder}"))?.to_string(),
            };
            filled.push((capitalised(placeholder), capitalised(&name)));
            filled.push((placeholder.to_string(), name));
        }
        self.names = Arc::new(filled);
        Ok(self)
    }

    /// The values of one call, then the names: a caller's value wins over a name.
    fn with_names_after<'v>(
        &'v self,
        args: impl Iterator<Item = (&'v str, &'v str)> + Clone,
    ) -> impl Iterator<Item = (&'v str, &'v str)> + Clone {
        let names = self.names.iter().map(|(k, v)| (k.as_str(), v.as_str()));
        args.chain(names)
    }

    /// The string at `key`; a missing key is a theme error naming the file.
    pub(in crate::render) fn get(&self, key: &str) -> Result<&str> {
        self.by_key
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| anyhow!("{}: no string \"{key}\"", self.file))
    }

    /// The string at `key`, if the theme has one.
    pub(in crate::render) fn find(&self, key: &str) -> Option<&str> {
        self.by_key.get(key).map(String::as_str)
    }

    /// The string at `key` with each `{name}` replaced by its value.
    pub(in crate::render) fn fill(&self, key: &str, args: &[(&str, &str)]) -> Result<String> {
        Ok(fill(
            self.get(key)?,
            self.with_names_after(args.iter().copied()),
        ))
    }

    /// The Tera function `t(key="…", name=value…)`: the string at `key`, each `{name}` filled
    /// with the argument of that name. Tera escapes the result like any other value.
    pub(in crate::render) fn tera_function(&self) -> impl tera::Function + use<> {
        let strings = self.clone();
        move |args: &HashMap<String, tera::Value>| -> tera::Result<tera::Value> {
            let key = match args.get("key") {
                Some(tera::Value::String(k)) => k,
                _ => return Err("t() needs a string argument `key`".into()),
            };
            let s = strings
                .get(key)
                .map_err(|e| tera::Error::msg(e.to_string()))?;
            let values: Vec<(&str, String)> = args
                .iter()
                .filter(|(name, _)| name.as_str() != "key")
                .map(|(name, v)| (name.as_str(), value_text(v)))
                .collect();
            let values = values.iter().map(|(n, v)| (*n, v.as_str()));
            let filled = fill(s, strings.with_names_after(values));
            Ok(tera::Value::String(filled))
        }
    }
}

/// Where a template asks for a string by a literal key: `t(key="…")`, at `line:col` of
/// `template` (`templates/…`, as the theme folder has it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(in crate::render) struct KeyUse {
    pub key: String,
    pub template: String,
    pub line: usize,
    pub col: usize,
}

impl Strings {
    /// Every key of `uses` that these strings lack, all in one error naming the file and, for
    /// each key, the first place that uses it. Keys built at render time (`"rec.kind_" ~ k`)
    /// and those Rust picks are checked where they are used.
    pub(in crate::render) fn check_uses(&self, uses: &[KeyUse]) -> Result<()> {
        let mut missing: Vec<&KeyUse> = Vec::new();
        for u in uses {
            if !self.by_key.contains_key(&u.key) && !missing.iter().any(|m| m.key == u.key) {
                missing.push(u);
            }
        }
        if missing.is_empty() {
            return Ok(());
        }
        // One line: a failure's text is printed with its control characters escaped.
        let each: Vec<String> = missing
            .iter()
            .map(|m| {
                format!(
                    "\"{}\" (used at {}:{}:{})",
                    m.key, m.template, m.line, m.col
                )
            })
            .collect();
        bail!("{}: no string {}", self.file, each.join(", no string "))
    }
}

/// The literal keys `text`, the template shown as `template`, passes to `t()`: `t(key="a.b")`
/// or `t(key='a.b', n=…)`; a key built from an expression is not one.
pub(in crate::render) fn key_uses(template: &str, text: &str) -> Vec<KeyUse> {
    let mut out = Vec::new();
    for (at, _) in text.match_indices("t(") {
        let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
        if text[..at].chars().next_back().is_some_and(ident) {
            continue; // `fmt(`, `count_t(`
        }
        let rest = text[at + 2..].trim_start();
        let Some(rest) = rest.strip_prefix("key") else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\'' | '`'))
        else {
            continue;
        };
        let Some(len) = rest[1..].find(quote) else {
            continue;
        };
        let after = rest[1 + len + 1..].trim_start();
        if !(after.starts_with(',') || after.starts_with(')')) {
            continue;
        }
        let key_at = text.len() - rest.len() + 1;
        let (line, col) = crate::diag::line_col(text, key_at);
        out.push(KeyUse {
            key: rest[1..1 + len].to_string(),
            template: template.to_string(),
            line,
            col,
        });
    }
    out
}

/// Nested tables become dotted keys; every leaf must be a string.
fn flatten(prefix: &str, table: &toml::Table, out: &mut HashMap<String, String>) -> Result<()> {
    for (k, v) in table {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        match v {
            toml::Value::String(s) => {
                out.insert(key, s.clone());
            }
            toml::Value::Table(t) => flatten(&key, t, out)?,
            _ => bail!("\"{key}\" is not a string or a table"),
        }
    }
    Ok(())
}

/// A template argument as text: numbers without quotes.
fn value_text(v: &tera::Value) -> String {
    match v {
        tera::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `s` with its first letter in upper case: `the Committee` → `The Committee`.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The report's facts that site.toml may leave out: a sentence that names one that is absent
/// drops it with its words ([`without_empty`]). Only these: any other empty value (a note
/// slot such as `{labels_note}`) is filled in place, so no other words are lost.
const OPTIONAL_FACTS: [&str; 3] = ["author", "round", "adopted"];

/// Replaces each `{name}` in `pattern` with its value, in one pass, so a value that itself
/// contains `{…}` is never expanded. An empty value of one of the [`OPTIONAL_FACTS`] (a
/// report's round or adoption date) goes with the words around it ([`without_empty`]), so no
/// dangling punctuation is left.
fn fill<'v>(pattern: &str, args: impl Iterator<Item = (&'v str, &'v str)> + Clone) -> String {
    let pattern = without_empty(pattern, args.clone());
    let pattern: &str = &pattern;
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name = after.find('}').map(|close| &after[..close]);
        match name.and_then(|n| args.clone().find(|(k, _)| *k == n)) {
            Some((n, v)) => {
                out.push_str(v);
                rest = &after[n.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `pattern` without each `{name}` whose value is empty, and the words that go with it: its
/// parentheses when it is inside some (`" (adopted {adopted})"`); else its clause, the text
/// between the nearest `", "`, `": "` or `". "` before it and the nearest of those or `" ("`
/// after it, with one of the separators (the one before when it is a comma, else the one after).
fn without_empty<'p, 'v>(
    pattern: &'p str,
    args: impl Iterator<Item = (&'v str, &'v str)>,
) -> Cow<'p, str> {
    let mut absent = args
        .filter(|(n, v)| v.is_empty() && OPTIONAL_FACTS.contains(n))
        .peekable();
    // Every string of every page is filled here: most name no absent fact and are not copied.
    if absent.peek().is_none() {
        return Cow::Borrowed(pattern);
    }
    let mut out = pattern.to_string();
    for (name, _) in absent {
        let placeholder = format!("{{{name}}}");
        while let Some(at) = out.find(&placeholder) {
            let (start, end) = clause_of(&out, at, at + placeholder.len());
            out.replace_range(start..end, "");
        }
    }
    Cow::Owned(out)
}

/// The bytes to remove with the placeholder at `at..end` of `s` (see [`without_empty`]).
fn clause_of(s: &str, at: usize, end: usize) -> (usize, usize) {
    let open = s[..at].rfind('(').filter(|&o| !s[o..at].contains(')'));
    if let (Some(open), Some(close)) = (open, s[end..].find(')')) {
        let start = if s[..open].ends_with(' ') {
            open - 1
        } else {
            open
        };
        return (start, end + close + 1);
    }
    let before = [", ", ": ", ". "]
        .iter()
        .filter_map(|d| s[..at].rfind(d).map(|i| (i, *d)))
        .max_by_key(|(i, _)| *i);
    let after = [", ", ": ", ". ", " ("]
        .iter()
        .filter_map(|d| s[end..].find(d).map(|i| (end + i, *d)))
        .min_by_key(|(i, _)| *i);
    let clause_start = before.map_or(0, |(i, d)| i + d.len());
    let clause_end = after.map_or_else(|| s.len() - usize::from(s.ends_with('.')), |(i, _)| i);
    match (before, after) {
        (Some((i, ", ")), _) | (Some((i, _)), None) => (i, clause_end),
        (_, Some((i, " ("))) => (clause_start, i + 1),
        (_, Some((i, d))) => (clause_start, i + d.len()),
        (None, None) => (0, clause_end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Names;

    #[test]
    fn an_empty_value_goes_with_its_words() {
        let citation = "{author}, {title}, report, {round} (adopted {adopted}), Rec {id}.";
        let f = |args: &[(&str, &str)]| fill(citation, args.iter().copied());
        let all = [
            ("author", "C"),
            ("title", "T"),
            ("round", "R"),
            ("adopted", "2022"),
            ("id", "1.1"),
        ];
        assert_eq!(f(&all), "C, T, report, R (adopted 2022), Rec 1.1.");
        let no = |gone: &[&str]| {
            let args: Vec<(&str, &str)> = all
                .iter()
                .map(|&(k, v)| (k, if gone.contains(&k) { "" } else { v }))
                .collect();
            f(&args)
        };
        assert_eq!(no(&["author"]), "T, report, R (adopted 2022), Rec 1.1.");
        assert_eq!(no(&["adopted"]), "C, T, report, R, Rec 1.1.");
        assert_eq!(no(&["round"]), "C, T, report (adopted 2022), Rec 1.1.");
        assert_eq!(no(&["round", "adopted", "author"]), "T, report, Rec 1.1.");
        let source = |args: &[(&str, &str)]| {
            fill(
                "From: {author}, {t}, report, {round}.",
                args.iter().copied(),
            )
        };
        assert_eq!(
            source(&[("author", ""), ("t", "T"), ("round", "")]),
            "From: T, report."
        );
        // Another empty value is filled in place: the words around it stay.
        let note = |args: &[(&str, &str)]| fill("Editorial. {note}A level.", args.iter().copied());
        assert_eq!(note(&[("note", "")]), "Editorial. A level.");
        let note = |args: &[(&str, &str)]| fill("Adopted {adopted}. {site}.", args.iter().copied());
        assert_eq!(note(&[("adopted", ""), ("site", "S")]), "S.");
        let series =
            |args: &[(&str, &str)]| fill("Implementation report, {round}", args.iter().copied());
        assert_eq!(series(&[("round", "")]), "Implementation report");
    }

    #[test]
    fn fill_replaces_named_values_once() {
        let args = [("party", "Finland"), ("n", "{party}")];
        assert_eq!(
            fill("{n} concern {party}.", args.iter().copied()),
            "{party} concern Finland."
        );
        assert_eq!(
            fill("no {such} name", args.iter().copied()),
            "no {such} name"
        );
        assert_eq!(fill("open { brace", args.iter().copied()), "open { brace");
    }

    #[test]
    fn a_missing_string_names_the_file_and_key() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        std::fs::write(
            dir.path().join("i18n/en.toml"),
            "[rec]\nlabel = \"Rec {id}\"\n",
        )
        .unwrap();
        let s = Strings::load(dir.path(), "en").unwrap();
        assert_eq!(s.fill("rec.label", &[("id", "II-1")]).unwrap(), "Rec II-1");
        let err = s.get("rec.nope").unwrap_err().to_string();
        assert!(
            err.ends_with("i18n/en.toml: no string \"rec.nope\""),
            "{err}"
        );
        let err = Strings::load(dir.path(), "fr").unwrap_err().to_string();
        assert!(err.contains("i18n/fr.toml"), "{err}");
    }

    #[test]
    fn every_missing_key_a_template_uses_is_reported_in_one_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        std::fs::write(dir.path().join("i18n/en.toml"), "[rec]\nlabel = \"Rec\"\n").unwrap();
        let s = Strings::load(dir.path(), "en").unwrap();
        let page = "<h1>{{ t(key=\"rec.label\") }}</h1>\n<p>{{ t( key = 'rec.lead', n=1) }} \
                    {{ t(key=\"rec.kind_\" ~ k) }}</p>\n{{ fmt(key=\"no.key\") }}";
        let foot = "{{ t(key=\"foot.terms\") }}{{ t(key=\"rec.lead\") }}";
        let mut uses = key_uses("templates/page.html", page);
        uses.extend(key_uses("templates/foot.html", foot));
        let keys: Vec<&str> = uses.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(keys, ["rec.label", "rec.lead", "foot.terms", "rec.lead"]);
        let err = s.check_uses(&uses).unwrap_err().to_string();
        let file = dir.path().join("i18n/en.toml");
        let want = format!(
            "{}: no string \"rec.lead\" (used at templates/page.html:2:17), no string \"foot.terms\" (used at templates/foot.html:1:11)",
            file.display()
        );
        assert_eq!(err, want);
        assert!(s.check_uses(&uses[..1]).is_ok());
    }

    /// A theme with neutral names and strings that use them, in a temporary folder.
    fn named_theme(names: &str) -> (tempfile::TempDir, Strings) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("i18n")).unwrap();
        let strings = "[rec]\ntext = \"{Body_short}'s text\"\nid = \"{body} {id}\"\n\
                       terms = \"{body}'s page, the {treaty}, {Report_kind}, {rights_holder}'s\"\n\
                       open = \"to {open_parties}\"\n";
        std::fs::write(dir.path().join("i18n/en.toml"), format!("{names}{strings}")).unwrap();
        let s = Strings::load(dir.path(), "en").unwrap();
        (dir, s)
    }

    const NEUTRAL: &str = "[names]\nbody = \"the monitoring body\"\n\
                           body_short = \"the monitoring body\"\ntreaty = \"treaty\"\n\
                           report_kind = \"report\"\nrights_holder = \"its publisher\"\n\
                           open_parties = \"some Parties\"\n";

    #[test]
    fn the_contents_names_fill_every_string_else_the_themes_neutral_words() {
        let (_dir, theme) = named_theme(NEUTRAL);
        let s = theme.clone().with_names(&Names::default()).unwrap();
        assert_eq!(
            s.fill("rec.text", &[]).unwrap(),
            "The monitoring body's text"
        );
        let terms = "the monitoring body's page, the treaty, Report, its publisher's";
        assert_eq!(s.fill("rec.terms", &[]).unwrap(), terms);
        assert_eq!(s.fill("rec.open", &[]).unwrap(), "to some Parties");
        // Without `body_short`, `body` stands in; a name is never capitalised where it is
        // written in lower case, and never expanded as a pattern itself.
        let names = Names {
            body: Some("GREVIO {id}".into()),
            treaty: Some("Istanbul Convention".into()),
            report_kind: Some("evaluation report".into()),
            open_parties: Some("Parties “not yet doing so”".into()),
            ..Names::default()
        };
        let s = theme.with_names(&names).unwrap();
        let open = "to Parties “not yet doing so”";
        assert_eq!(s.fill("rec.open", &[]).unwrap(), open);
        assert_eq!(s.fill("rec.text", &[]).unwrap(), "GREVIO {id}'s text");
        let terms =
            "GREVIO {id}'s page, the Istanbul Convention, Evaluation report, its publisher's";
        assert_eq!(s.fill("rec.terms", &[]).unwrap(), terms);
        assert_eq!(
            s.fill("rec.id", &[("id", "II-1")]).unwrap(),
            "GREVIO {id} II-1"
        );
        // A caller's value of the same name wins; templates get the names too.
        assert_eq!(
            s.fill("rec.id", &[("body", "X"), ("id", "1")]).unwrap(),
            "X 1"
        );
        let mut tera = tera::Tera::default();
        tera.register_function("t", s.tera_function());
        let page = tera.render_str("{{ t(key=\"rec.text\") }}", &tera::Context::new());
        assert_eq!(page.unwrap(), "GREVIO {id}'s text");
    }

    #[test]
    fn a_name_neither_the_content_nor_the_theme_gives_is_a_theme_error() {
        let (dir, theme) = named_theme("");
        let err = theme.clone().with_names(&Names::default()).unwrap_err();
        let file = dir.path().join("i18n/en.toml");
        assert_eq!(
            err.to_string(),
            format!("{}: no string \"names.body\"", file.display())
        );
        let all = Names {
            body: Some("b".into()),
            treaty: Some("t".into()),
            report_kind: Some("r".into()),
            rights_holder: Some("h".into()),
            open_parties: Some("o".into()),
            ..Names::default()
        };
        assert!(
            theme.with_names(&all).is_ok(),
            "every name given: none needed"
        );
    }

    #[test]
    fn capitalised_upper_cases_the_first_letter_only() {
        assert_eq!(capitalised("the Committee"), "The Committee");
        assert_eq!(capitalised("GREVIO"), "GREVIO");
        assert_eq!(capitalised("ärzte"), "Ärzte");
        assert_eq!(capitalised(""), "");
    }

    #[test]
    fn nested_tables_become_dotted_keys() {
        let table: toml::Table = toml::from_str("a = \"x\"\n[b.c]\nd = \"y\"\n").unwrap();
        let mut out = HashMap::new();
        flatten("", &table, &mut out).unwrap();
        assert_eq!(out["a"], "x");
        assert_eq!(out["b.c.d"], "y");
        let bad: toml::Table = toml::from_str("n = 3\n").unwrap();
        let err = flatten("", &bad, &mut HashMap::new()).unwrap_err();
        assert_eq!(err.to_string(), "\"n\" is not a string or a table");
    }
}
