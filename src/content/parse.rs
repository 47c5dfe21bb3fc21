//! PARSE: TOML text of a content file in, a typed `RawX` value out, or located diagnostics:
//! a syntax or shape error (with "did you mean" for a misspelt field), and every string that
//! holds a control character or a noncharacter ([`super::chars`]). Tabs and line breaks are allowed only in the fields that hold
//! prose ([`MULTI_LINE_KEYS`]); everywhere else a value is one line of text.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

use super::{SourceFile, chars};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};

/// Fields whose text may run over several lines (Markdown notes, quoted source text).
pub(super) const MULTI_LINE_KEYS: [&str; 3] = ["note", "source", "text"];

/// Parses TOML that starts at byte `offset` of `file`. A syntax or shape error is one
/// diagnostic at its place in the file; refused characters are one diagnostic per string.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    file: &SourceFile,
    toml_text: &str,
    offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    let located = |e: toml::de::Error| {
        let at = offset + e.span().map_or(0, |s| s.start);
        let message = e.message().trim().replace('\n', " ");
        let help = unknown_field_help(&message);
        let d = file.error_at(at, message);
        match help {
            Some(h) => d.with_help(h),
            None => d,
        }
    };
    let table = match DeTable::parse(toml_text) {
        Ok(t) => t,
        Err(e) => {
            diags.push(located(e));
            return None;
        }
    };
    let before = diags.0.len();
    check_strings(table.get_ref(), &mut |at, key, c| {
        diags.push(control_error(file, offset + at, key, c))
    });
    if diags.0.len() > before {
        return None;
    }
    T::deserialize(Deserializer::from(table))
        .map_err(|e| diags.push(located(e)))
        .ok()
}

/// Calls `found(offset, key, char)` for the first disallowed character of every key and string
/// value in `table`; `key` is the name of the field the value belongs to.
fn check_strings(table: &DeTable, found: &mut impl FnMut(usize, &str, char)) {
    for (key, value) in table.iter() {
        if let Some(c) = key.get_ref().chars().find(|&c| chars::is_refused(c)) {
            found(key.span().start, key.get_ref(), c);
        }
        check_value(value, key.get_ref(), found);
    }
}

fn check_value(value: &Spanned<DeValue>, key: &str, found: &mut impl FnMut(usize, &str, char)) {
    match value.get_ref() {
        DeValue::String(s) => {
            let multi = MULTI_LINE_KEYS.contains(&key);
            let bad =
                |&c: &char| chars::is_refused(c) && !(multi && matches!(c, '\t' | '\n' | '\r'));
            if let Some(c) = s.chars().find(bad) {
                found(value.span().start, key, c);
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                check_value(item, key, found);
            }
        }
        DeValue::Table(t) => check_strings(t, found),
        _ => {}
    }
}

fn control_error(file: &SourceFile, offset: usize, key: &str, c: char) -> Diagnostic {
    let what = match c {
        '\t' => "a tab".to_string(),
        '\n' | '\r' => "a line break".to_string(),
        _ => chars::describe(c),
    };
    let help = if matches!(c, '\t' | '\n' | '\r') {
        format!(
            "`{key}` is one line of text; only {} may hold tabs and line breaks",
            MULTI_LINE_KEYS.map(|k| format!("`{k}`")).join(", ")
        )
    } else {
        chars::help(c).to_string()
    };
    file.error_at(offset, format!("`{key}` contains {what}"))
        .with_help(help)
}

/// For serde's "unknown field `levle`, expected one of `id`, `level`, …": the closest
/// expected field, as a `help:` line.
fn unknown_field_help(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let candidates: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    did_you_mean(field, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_fields_get_the_closest_expected_one() {
        let m = "unknown field `levle`, expected one of `id`, `title`, `level`, `addressees`";
        assert_eq!(
            unknown_field_help(m).as_deref(),
            Some("did you mean `level`?")
        );
        let m = "unknown field `strength`, expected one of `id`, `title`, `level`";
        assert_eq!(unknown_field_help(m), None);
        assert_eq!(unknown_field_help("invalid basic string"), None);
    }
}
