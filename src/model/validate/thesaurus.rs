//! THESAURUS: `content/thesaurus.toml` (optional) in, the readers' words → Committee's words
//! table that search uses out, or located errors. Every entry has terms on both sides, every
//! Committee-side term occurs in the Committee's text (not only in an editorial short title),
//! no term maps to itself, no reader term is listed twice, and every Party alias names a known
//! Party.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;
use toml::Spanned;

use super::tables::Tables;
use crate::content::raw::{S, at};
use crate::content::{SourceFile, parse_toml};
use crate::diag::Diagnostics;
use crate::model::{PartySlug, Recommendation};
use crate::text::{is_stop_word, tokenize};

/// Words readers use, mapped to the words the Committee uses, and other names of Parties.
/// Search only: the mapping never changes what a recommendation says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Thesaurus {
    /// In file order.
    pub terms: Vec<ThesaurusTerm>,
    /// Other names of a Party ("Türkiye" for Turkey), in file order.
    pub aliases: Vec<(PartySlug, String)>,
}

/// One entry: any of `reader` finds what any of `committee` finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThesaurusTerm {
    pub reader: Vec<String>,
    pub committee: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawThesaurus {
    #[serde(default)]
    term: Vec<RawTerm>,
    #[serde(default)]
    party: Vec<RawAlias>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    reader: Spanned<Vec<S>>,
    committee: Spanned<Vec<S>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlias {
    name: S,
    aliases: Vec<S>,
}

/// Validates the thesaurus against the recommendations' words (`None`: not checked) and the
/// Parties. No file: an empty thesaurus.
pub(crate) fn validate_thesaurus(
    file: Option<&SourceFile>,
    t: &Tables,
    recs: Option<&[&Recommendation]>,
    diags: &mut Diagnostics,
) -> Thesaurus {
    let Some(f) = file else {
        return Thesaurus::default();
    };
    let Some(raw) = parse_toml::<RawThesaurus>(f, &f.text, 0, diags) else {
        return Thesaurus::default();
    };
    let words = recs.map(DatasetWords::new);
    let mut seen = BTreeMap::new();
    let terms = raw
        .term
        .into_iter()
        .filter_map(|e| validate_term(f, e, words.as_ref(), &mut seen, diags))
        .collect();
    let aliases = validate_aliases(f, raw.party, t, diags);
    Thesaurus { terms, aliases }
}

/// A term's key: its tokens, stop words left out, so "Sex education" and "sex-education" are
/// one term.
fn key(term: &str) -> String {
    let tokens: Vec<String> = tokenize(term)
        .into_iter()
        .filter(|w| !is_stop_word(w))
        .collect();
    tokens.join(" ")
}

fn validate_term(
    f: &SourceFile,
    e: RawTerm,
    words: Option<&DatasetWords>,
    seen: &mut BTreeMap<String, usize>,
    diags: &mut Diagnostics,
) -> Option<ThesaurusTerm> {
    let before = diags.error_count();
    check_sides(f, &e, diags);
    let committee: BTreeSet<String> = e
        .committee
        .get_ref()
        .iter()
        .map(|c| key(c.get_ref()))
        .collect();
    for c in e.committee.get_ref() {
        if let Some((msg, help)) = committee_problem(c.get_ref(), words) {
            diags.push(f.error_at(at(c, 0), msg).with_help(help));
        }
    }
    for r in e.reader.get_ref() {
        let k = key(r.get_ref());
        let msg = if k.is_empty() {
            format!("reader term \"{}\" has no searchable word", r.get_ref())
        } else if committee.contains(&k) {
            format!("reader term \"{}\" maps to itself", r.get_ref())
        } else if let Some(line) = seen.get(&k) {
            format!(
                "duplicate reader term \"{}\" (also on line {line})",
                r.get_ref()
            )
        } else {
            seen.insert(k, f.line_col(at(r, 0)).0);
            continue;
        };
        diags.push(f.error_at(at(r, 0), msg));
    }
    (diags.error_count() == before).then(|| ThesaurusTerm {
        reader: e
            .reader
            .into_inner()
            .into_iter()
            .map(S::into_inner)
            .collect(),
        committee: e
            .committee
            .into_inner()
            .into_iter()
            .map(S::into_inner)
            .collect(),
    })
}

/// An entry needs a term on each side: with no reader term it maps nothing, with no Committee
/// term its reader terms would find nothing.
fn check_sides(f: &SourceFile, e: &RawTerm, diags: &mut Diagnostics) {
    if e.reader.get_ref().is_empty() {
        diags.push(
            f.error_at(at(&e.reader, 0), "thesaurus entry has no reader term")
                .with_help("list the words readers type in `reader`, or remove the entry"),
        );
    }
    if e.committee.get_ref().is_empty() {
        diags.push(
            f.error_at(at(&e.committee, 0), "thesaurus entry has no Committee term")
                .with_help("list in `committee` the words the recommendations' text uses"),
        );
    }
}

/// What is wrong with a Committee-side term, if anything: no searchable word, or not in the
/// Committee's text (the recommendations' text and footnotes; `None`: not checked).
fn committee_problem(term: &str, words: Option<&DatasetWords>) -> Option<(String, String)> {
    let help = "the Committee's side must be words the recommendations' text or footnotes use";
    if key(term).is_empty() {
        let msg = format!("thesaurus term \"{term}\" has no searchable word");
        return Some((msg, help.into()));
    }
    let words = words?;
    if words.in_text(term) {
        return None;
    }
    Some(match words.title_with(term) {
        Some(id) => (
            format!(
                "thesaurus term \"{term}\" occurs only in an editorial short title ({id}), not in \
                 the Committee's text"
            ),
            format!("{help}; the short titles are ours, not the Committee's"),
        ),
        None => (
            format!("thesaurus term \"{term}\" does not occur in the Committee's text"),
            help.into(),
        ),
    })
}

fn validate_aliases(
    f: &SourceFile,
    raw: Vec<RawAlias>,
    t: &Tables,
    diags: &mut Diagnostics,
) -> Vec<(PartySlug, String)> {
    let names: BTreeSet<String> = t.party_by_name.keys().map(|n| key(n)).collect();
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for p in raw {
        let slug = match t.party(p.name.get_ref()) {
            Ok(slug) => slug.cloned(),
            Err((msg, help)) => {
                let d = f.error_at(at(&p.name, 0), msg);
                diags.push(match help {
                    Some(h) => d.with_help(h),
                    None => d,
                });
                None
            }
        };
        for a in p.aliases {
            let k = key(a.get_ref());
            let problem = if k.is_empty() {
                Some("has no searchable word")
            } else if names.contains(&k) {
                Some("is a Party's name already")
            } else if !seen.insert(k) {
                Some("is listed twice")
            } else {
                None
            };
            if let Some(problem) = problem {
                let msg = format!("Party alias \"{}\" {problem}", a.get_ref());
                diags.push(f.error_at(at(&a, 0), msg));
            } else if let Some(slug) = &slug {
                out.push((slug.clone(), a.into_inner()));
            }
        }
    }
    out
}

/// Every recommendation's words as token strings, to look phrases up in: the Committee's
/// (text and footnotes, one string per recommendation), and the editorial short titles with
/// their recommendation's id.
struct DatasetWords {
    texts: Vec<String>,
    titles: Vec<(String, String)>,
}

impl DatasetWords {
    fn new(recs: &[&Recommendation]) -> Self {
        DatasetWords {
            texts: recs
                .iter()
                .map(|r| {
                    let notes = r.footnotes.iter().map(|f| f.text.as_str());
                    token_string(std::iter::once(r.text.as_str()).chain(notes))
                })
                .collect(),
            titles: recs
                .iter()
                .map(|r| {
                    (
                        r.id.to_string(),
                        token_string(std::iter::once(r.title.as_str())),
                    )
                })
                .collect(),
        }
    }

    /// Whether `phrase` occurs, word for word, in the Committee's text of some recommendation.
    fn in_text(&self, phrase: &str) -> bool {
        let needle = needle(phrase);
        self.texts.iter().any(|text| text.contains(&needle))
    }

    /// The first recommendation whose short title has `phrase`, word for word.
    fn title_with(&self, phrase: &str) -> Option<&str> {
        let needle = needle(phrase);
        let found = self.titles.iter().find(|(_, t)| t.contains(&needle));
        found.map(|(id, _)| id.as_str())
    }
}

/// The tokens of `parts` as one string, padded with spaces.
fn token_string<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    let tokens: Vec<String> = parts.flat_map(tokenize).collect();
    format!(" {} ", tokens.join(" "))
}

/// A phrase as a token string padded with spaces, so that it matches whole words only.
fn needle(phrase: &str) -> String {
    format!(" {} ", tokenize(phrase).join(" "))
}

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn keys_ignore_case_punctuation_and_stop_words() {
        assert_eq!(key("Sex-Education"), "sex education");
        assert_eq!(key("the age of consent"), "age consent");
        assert_eq!(key("of the"), "");
    }
}
