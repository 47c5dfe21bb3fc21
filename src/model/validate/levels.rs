//! The legend's levels, and a level read from a text: `[[level]]` entries in, the dataset's
//! levels (in file order, weakest first) or located errors out; a recommendation's text in, the
//! level its Committee verb marks (the first one in the text, the longest phrase there) out.

use std::collections::{HashMap, HashSet};

use crate::content::SourceFile;
use crate::content::raw::{RawLevel, S, at};
use crate::diag::Diagnostics;
use crate::model::{Level, LevelInfo, MAX_LEVELS};

/// The levels of `raw`, in its order; an entry with an error is reported and left out.
pub(super) fn validate_levels(
    f: &SourceFile,
    raw: Vec<RawLevel>,
    diags: &mut Diagnostics,
) -> Vec<LevelInfo> {
    if raw.is_empty() {
        diags.push(
            f.error_at(0, "the legend defines no level").with_help(
                "add a [[level]] for each level, weakest first, with its id, label, verbs and description",
            ),
        );
    }
    if raw.len() > MAX_LEVELS {
        diags.push(f.error_at(
            at(&raw[MAX_LEVELS].id, 0),
            format!(
                "the legend defines {} levels, more than {MAX_LEVELS}",
                raw.len()
            ),
        ));
    }
    let mut ids = HashSet::new();
    // Each phrase → the level it marks: a phrase marks one level only.
    let mut marks: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for l in raw {
        let id_ok = super::tables::check_slug(f, &l.id, &mut ids, "level", diags);
        let verbs: Vec<S> = l.verb.into_iter().chain(l.verbs).collect();
        let mut ok = id_ok && !verbs.is_empty();
        if verbs.is_empty() {
            diags.push(
                f.error_at(
                    at(&l.id, 0),
                    format!("level \"{}\" has no verb", l.id.get_ref()),
                )
                .with_help("give the phrases that mark it in a text, like verbs = [\"invites\"]"),
            );
        }
        for v in &verbs {
            ok &= check_phrase(f, v, l.id.get_ref(), &mut marks, diags);
        }
        if ok {
            let level = Level(u16::try_from(out.len()).expect("a legend file holds few levels"));
            out.push(LevelInfo {
                level,
                id: l.id.into_inner(),
                label: l.label.into_inner(),
                verbs: verbs.into_iter().map(|v| v.into_inner()).collect(),
                description: l.description.into_inner(),
            });
        }
    }
    out
}

/// A verb phrase is not empty and marks no other level (nor this one twice).
fn check_phrase(
    f: &SourceFile,
    v: &S,
    level: &str,
    marks: &mut HashMap<String, String>,
    diags: &mut Diagnostics,
) -> bool {
    let phrase = v.get_ref();
    if phrase.trim().is_empty() {
        diags.push(f.error_at(at(v, 0), format!("level \"{level}\" has an empty verb")));
        return false;
    }
    if let Some(other) = marks.get(phrase) {
        diags.push(
            f.error_at(
                at(v, 0),
                format!("the verb \"{phrase}\" already marks level \"{other}\""),
            )
            .with_help("a level is read from its verb, so each phrase marks one level"),
        );
        return false;
    }
    marks.insert(phrase.clone(), level.to_string());
    true
}

/// The level the body's first verb in `text` marks, with the phrase found: at the first
/// `speaker` ("Committee") followed by one of the levels' phrases (as whole words), or without
/// a speaker at the first word that starts one, the longest phrase there ("strongly
/// encourages" before "encourages").
pub(crate) fn level_in_text<'l>(
    levels: &'l [LevelInfo],
    speaker: Option<&str>,
    text: &str,
) -> Option<(&'l LevelInfo, &'l str)> {
    let at = |after: &str| {
        levels
            .iter()
            .flat_map(|l| l.verbs.iter().map(move |v| (l, v.as_str())))
            .filter(|(_, v)| starts_with_words(after, v))
            .max_by_key(|(_, v)| v.len())
    };
    match speaker {
        Some(s) => {
            let s = format!("{s} ");
            text.match_indices(&s)
                .find_map(|(i, _)| at(&text[i + s.len()..]))
        }
        None => word_starts(text).find_map(|i| at(&text[i..])),
    }
}

/// The byte offsets where a word starts in `text`.
fn word_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut prev_alnum = false;
    text.char_indices().filter_map(move |(i, c)| {
        let start = c.is_alphanumeric() && !prev_alnum;
        prev_alnum = c.is_alphanumeric();
        start.then_some(i)
    })
}

/// Whether `text` starts with `phrase` ending at a word's end.
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase)
        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(i: u16, id: &str, verbs: &[&str]) -> LevelInfo {
        LevelInfo {
            level: Level(i),
            id: id.into(),
            label: id.into(),
            verbs: verbs.iter().map(|v| v.to_string()).collect(),
            description: String::new(),
        }
    }

    #[test]
    fn the_longest_phrase_at_the_first_verb_wins() {
        let levels = [
            level(0, "encourages", &["encourages"]),
            level(
                1,
                "strongly-encourages",
                &["strongly encourages", "encourages strongly"],
            ),
            level(2, "urges", &["urges"]),
        ];
        let id =
            |t: &str| level_in_text(&levels, Some("Committee"), t).map(|(l, v)| (l.id.as_str(), v));
        assert_eq!(
            id("The Committee strongly encourages Parties. The Committee urges them."),
            Some(("strongly-encourages", "strongly encourages"))
        );
        assert_eq!(
            id("The Committee encourages strongly that Parties …"),
            Some(("strongly-encourages", "encourages strongly"))
        );
        assert_eq!(
            id("The Committee encourages Parties."),
            Some(("encourages", "encourages"))
        );
        // A phrase ends at a word's end; a "Committee" without a verb is passed over.
        assert_eq!(id("The Committee urgesx. The Committee notes."), None);
        assert_eq!(
            id("The Committee notes that. The Committee urges."),
            Some(("urges", "urges"))
        );
    }

    #[test]
    fn the_speaker_is_the_datasets_and_without_one_the_first_phrase_counts() {
        let levels = [
            level(0, "encourages", &["encourages"]),
            level(1, "strongly-encourages", &["strongly encourages"]),
            level(2, "urges", &["urges"]),
        ];
        let text = "Noting that the law encourages reporting, GREVIO strongly encourages Parties.";
        let id = |s: Option<&str>, t: &str| level_in_text(&levels, s, t).map(|(l, _)| l.id.clone());
        assert_eq!(
            id(Some("GREVIO"), text).as_deref(),
            Some("strongly-encourages")
        );
        // No "Committee" in a GREVIO text: nothing read after it.
        assert_eq!(id(Some("Committee"), text), None);
        // Without a speaker, the first phrase that starts at a word, whatever precedes it.
        assert_eq!(id(None, text).as_deref(), Some("encourages"));
        assert_eq!(id(None, "GREVIO urges Parties.").as_deref(), Some("urges"));
        assert_eq!(
            id(None, "It resurges; GREVIO urges.").as_deref(),
            Some("urges")
        );
    }
}
