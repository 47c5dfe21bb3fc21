//! THESAURUS: `content/thesaurus.toml` (optional) in, the readers' words → Committee's words
//! table that search uses out, or located errors. Every Committee-side term must occur in the
//! recommendations, no term maps to itself, no reader term is listed twice, and every Party
//! alias names a known Party.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use super::tables::Tables;
use crate::content::raw::{S, at};
use crate::content::{SourceFile, parse_toml};
use crate::diag::Diagnostics;
use crate::model::{PartySlug, Recommendation};
use crate::search::{is_stop_word, tokenize};

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
    reader: Vec<S>,
    committee: Vec<S>,
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
    let committee: BTreeSet<String> = e.committee.iter().map(|c| key(c.get_ref())).collect();
    for c in &e.committee {
        let missing = words.is_some_and(|w| !w.contains(c.get_ref()));
        if key(c.get_ref()).is_empty() || missing {
            diags.push(
                f.error_at(
                    at(c, 0),
                    format!(
                        "thesaurus term \"{}\" does not occur in any recommendation",
                        c.get_ref()
                    ),
                )
                .with_help("the Committee's side must be words the recommendations use"),
            );
        }
    }
    for r in &e.reader {
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
        reader: e.reader.into_iter().map(S::into_inner).collect(),
        committee: e.committee.into_iter().map(S::into_inner).collect(),
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

/// Every recommendation's words (title, text, footnotes) as one token string per
/// recommendation, to look phrases up in.
struct DatasetWords(Vec<String>);

impl DatasetWords {
    fn new(recs: &[&Recommendation]) -> Self {
        DatasetWords(
            recs.iter()
                .map(|r| {
                    let notes = r.footnotes.iter().map(|f| f.text.as_str());
                    let all = [r.title.as_str(), r.text.as_str()].into_iter().chain(notes);
                    let tokens: Vec<String> = all.flat_map(tokenize).collect();
                    format!(" {} ", tokens.join(" "))
                })
                .collect(),
        )
    }

    /// Whether `phrase` occurs, word for word, in some recommendation.
    fn contains(&self, phrase: &str) -> bool {
        let needle = format!(" {} ", tokenize(phrase).join(" "));
        self.0.iter().any(|text| text.contains(&needle))
    }
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
