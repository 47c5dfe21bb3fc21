//! Theme wording: `themes/<name>/i18n/<language>.toml` in; out, a `t(key=…, name=…)` function
//! for templates and [`Strings::fill`] for the few texts Rust assembles (page titles and
//! descriptions). Every sentence a reader sees lives in the theme, so a redesign or a second
//! language needs no Rust change; Rust hands over data and picks keys.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};

/// A theme's strings for one language, by dotted key (`party.group.open.heading`).
#[derive(Debug, Clone, Default)]
pub(super) struct Strings {
    by_key: Arc<HashMap<String, String>>,
    /// The file they came from, for errors.
    file: String,
}

impl Strings {
    /// Loads `i18n/<language>.toml` of the theme in `theme_dir`.
    pub(super) fn load(theme_dir: &Path, language: &str) -> Result<Strings> {
        let path = theme_dir.join("i18n").join(format!("{language}.toml"));
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading the theme's strings {}", path.display()))?;
        let table: toml::Table =
            toml::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
        let mut by_key = HashMap::new();
        flatten("", &table, &mut by_key).with_context(|| format!("in {}", path.display()))?;
        Ok(Strings {
            by_key: Arc::new(by_key),
            file: path.display().to_string(),
        })
    }

    /// The string at `key`; a missing key is a theme error naming the file.
    pub(super) fn get(&self, key: &str) -> Result<&str> {
        self.by_key
            .get(key)
            .map(String::as_str)
            .ok_or_else(|| anyhow!("{}: no string \"{key}\"", self.file))
    }

    /// The string at `key` with each `{name}` replaced by its value.
    pub(super) fn fill(&self, key: &str, args: &[(&str, &str)]) -> Result<String> {
        Ok(fill(self.get(key)?, args.iter().copied()))
    }

    /// The Tera function `t(key="…", name=value…)`: the string at `key`, each `{name}` filled
    /// with the argument of that name. Tera escapes the result like any other value.
    pub(super) fn tera_function(&self) -> impl tera::Function + use<> {
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
            let filled = fill(s, values.iter().map(|(n, v)| (*n, v.as_str())));
            Ok(tera::Value::String(filled))
        }
    }
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

/// Replaces each `{name}` in `pattern` with its value, in one pass, so a value that itself
/// contains `{…}` is never expanded.
fn fill<'v>(pattern: &str, args: impl Iterator<Item = (&'v str, &'v str)> + Clone) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
