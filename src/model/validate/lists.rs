//! Party lists: splits a footnote such as "Albania, Belgium (French community), Bosnia and
//! Herzegovina and Ukraine." into Party entries, and finds Party names in running text. Both
//! are how the loader checks a declared list against the Committee's own words.

use super::tables::Tables;

/// One entry of a list: the name as written and an optional qualifier in brackets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Entry {
    pub name: String,
    pub qualifier: Option<String>,
}

impl Entry {
    /// Parses `Name` or `Name (qualifier)`.
    pub(super) fn parse(s: &str) -> Entry {
        let s = s.trim();
        match s.strip_suffix(')').and_then(|x| x.split_once(" (")) {
            Some((name, q)) => Entry {
                name: name.trim().to_string(),
                qualifier: Some(q.trim().to_string()),
            },
            None => Entry {
                name: s.to_string(),
                qualifier: None,
            },
        }
    }

    /// As written in content: `Name (qualifier)`.
    pub(super) fn display(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} ({q})", self.name),
            None => self.name.clone(),
        }
    }
}

/// The editorial mark for names lost from a list.
pub(super) const GAP: &str = "[…]";

/// Splits a footnote's list into entries. Names joined by "and" are split only where both
/// sides are known Parties, so "Bosnia and Herzegovina" stays whole. Unknown pieces are
/// returned as entries too, for the caller to report.
pub(super) fn split_list(text: &str, tables: &Tables) -> Vec<Entry> {
    let text = text.trim().trim_end_matches('.');
    let mut out = Vec::new();
    for chunk in text.split(',') {
        let chunk = chunk.trim();
        let chunk = chunk.strip_prefix("and ").unwrap_or(chunk).trim();
        // The gap mark stands between names: "Iceland, […] Lithuania".
        let chunk = chunk.strip_prefix(GAP).unwrap_or(chunk).trim();
        if chunk.is_empty() {
            continue;
        }
        out.extend(split_and(chunk, tables));
    }
    out
}

fn split_and(chunk: &str, tables: &Tables) -> Vec<Entry> {
    let known = |s: &str| tables.party_by_name.contains_key(&Entry::parse(s).name);
    if known(chunk) {
        return vec![Entry::parse(chunk)];
    }
    for (i, _) in chunk.match_indices(" and ") {
        let (left, right) = (&chunk[..i], &chunk[i + 5..]);
        if known(left) && known(right) {
            return vec![Entry::parse(left), Entry::parse(right)];
        }
    }
    vec![Entry::parse(chunk)]
}

/// Party names that occur in `text` as whole words, longest first so that a name inside a
/// longer one is not counted twice; returned in order of first occurrence.
pub(super) fn names_in_text<'t>(text: &str, tables: &'t Tables) -> Vec<&'t str> {
    let mut names: Vec<&str> = tables.party_by_name.keys().map(String::as_str).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    // One pass over word starts (names begin with a capital), trying the longest name first;
    // a match is skipped over, so "Bosnia and Herzegovina" never also counts as another name.
    while i < text.len() {
        let rest = &text[i..];
        let at_word = !text[..i].ends_with(char::is_alphanumeric);
        let hit = at_word && rest.starts_with(char::is_uppercase);
        let name = hit
            .then(|| names.iter().copied().find(|n| bounded_prefix(rest, n)))
            .flatten();
        if let Some(name) = name {
            if !out.contains(&name) {
                out.push(name);
            }
            i += name.len();
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out
}

/// Whether `text` starts with `name` as a whole word.
fn bounded_prefix(text: &str, name: &str) -> bool {
    text.starts_with(name) && !text[name.len()..].starts_with(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartySlug;

    fn tables() -> Tables {
        let mut t = Tables::default();
        for (name, slug) in [
            ("Albania", "albania"),
            ("Belgium", "belgium"),
            ("Bosnia and Herzegovina", "bosnia-and-herzegovina"),
            ("Turkey", "turkey"),
            ("Ukraine", "ukraine"),
            ("Slovak Republic", "slovak-republic"),
        ] {
            t.party_by_name.insert(name.into(), PartySlug::parse(slug));
        }
        t
    }

    fn names(entries: Vec<Entry>) -> Vec<String> {
        entries.iter().map(Entry::display).collect()
    }

    #[test]
    fn splits_lists_keeping_compound_names() {
        let t = tables();
        assert_eq!(
            names(split_list(
                "Albania, Bosnia and Herzegovina, Turkey and Ukraine.",
                &t
            )),
            ["Albania", "Bosnia and Herzegovina", "Turkey", "Ukraine"]
        );
        assert_eq!(
            names(split_list("Turkey, and Ukraine.", &t)),
            ["Turkey", "Ukraine"]
        );
        assert_eq!(
            names(split_list(
                "Belgium (Flemish and French communities), […] Slovak Republic, […]",
                &t
            )),
            [
                "Belgium (Flemish and French communities)",
                "Slovak Republic"
            ]
        );
        assert_eq!(
            names(split_list("Albania, Narnia", &t)),
            ["Albania", "Narnia"]
        );
    }

    #[test]
    fn finds_names_in_text_by_whole_word() {
        let t = tables();
        let text = "requests Bosnia and Herzegovina, Albania and Ukraine to act; Albanian law.";
        assert_eq!(
            names_in_text(text, &t),
            ["Bosnia and Herzegovina", "Albania", "Ukraine"]
        );
    }
}
