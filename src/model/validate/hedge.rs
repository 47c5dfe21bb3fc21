//! The title rule for hedged recommendations: when the Committee's operative verb asks Parties
//! "to consider …", "to encourage …", "to endeavour to …", "to contemplate …" or "to analyse the
//! possibilities …", the editorial short title must keep that word, so that an invitation to
//! consider a measure never reads as an order to take it.

use crate::content::raw::S;

use super::ctx::Ctx;

/// The hedging verbs the rule looks for, with the stem a title must contain to keep them and
/// what the text then asks of Parties.
const HEDGES: [(&str, &str, &str); 5] = [
    ("consider", "consider", "to consider the measure"),
    ("encourage", "encourag", "to encourage the measure"),
    ("endeavour", "endeavour", "to endeavour to take the measure"),
    ("contemplate", "contemplat", "to contemplate the measure"),
    (
        "analyse",
        "analys",
        "to analyse the possibilities of the measure",
    ),
];

/// Words after "to" that do not start an infinitive ("with regards to their law").
const NOT_VERBS: [&str; 8] = ["the", "a", "an", "their", "this", "these", "its", "which"];

/// Reports a title that drops the hedge of the Committee's operative request (`verb` is the
/// level's verb, such as "invites").
pub(crate) fn check_hedged_title(cx: &mut Ctx, title: &S, text: &str, verb: &str) {
    let Some((word, asks)) = missing_hedge(title.get_ref(), text, verb) else {
        return;
    };
    cx.at(
        title,
        format!(
            "title drops the Committee's \"to {word}\": the text {verb} Parties only {asks}, \
             so the title may not read as an order to take it"
        ),
    )
    .help = Some(format!(
        "keep the hedge in the title, for example \"{}{} …\"",
        word[..1].to_uppercase(),
        &word[1..]
    ));
}

/// The hedging verb ("consider", "encourage" …) that `text` puts after the Committee's `verb`
/// and `title` leaves out, if any, with what the text then asks.
pub(crate) fn missing_hedge(
    title: &str,
    text: &str,
    verb: &str,
) -> Option<(&'static str, &'static str)> {
    let hedge = operative_infinitive(text, verb)?;
    let (word, stem, asks) = HEDGES.iter().find(|(w, _, _)| *w == hedge)?;
    (!title.to_lowercase().contains(stem)).then_some((*word, *asks))
}

/// The first infinitive after the body's `verb` ("invites") in the operative sentence: the word after
/// the first "to" that is followed by a lower-case word which is not a determiner, past an
/// adverb ("to consistently analyse").
fn operative_infinitive<'t>(text: &'t str, verb: &str) -> Option<&'t str> {
    // The level was read at the verb's first use as a word: the operative sentence is there.
    let pattern = format!("{verb} ");
    let start = text
        .match_indices(&pattern)
        .map(|(i, _)| i)
        .find(|&i| !text[..i].ends_with(|c: char| c.is_alphanumeric()))?;
    let sentence = &text[start..];
    let sentence = &sentence[..sentence.find(". ").unwrap_or(sentence.len())];
    let mut words = sentence.split_whitespace();
    while let Some(w) = words.next() {
        if w != "to" {
            continue;
        }
        let next = words.clone().next()?;
        let lower = next.starts_with(|c: char| c.is_ascii_lowercase());
        if lower && !NOT_VERBS.contains(&next) {
            let mut after = words.clone().skip(1);
            let verb = match after.next() {
                Some(v) if next.ends_with("ly") => v,
                _ => next,
            };
            return Some(verb.trim_end_matches([',', ';', ':']));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{missing_hedge, operative_infinitive};

    #[test]
    fn finds_the_operative_infinitive() {
        let t = "The Lanzarote Committee invites Parties which have made a reservation with \
                 regards to Article 25(1)(e)[^164] to consider removing this reservation.";
        assert_eq!(operative_infinitive(t, "invites"), Some("consider"));
        let t = "The Lanzarote Committee requires Parties not already doing so to take the \
                 necessary measures to encourage helplines.";
        assert_eq!(operative_infinitive(t, "requires"), Some("take"));
        let t = "The Lanzarote Committee invites all Parties to encourage the participation.";
        assert_eq!(operative_infinitive(t, "invites"), Some("encourage"));
        assert_eq!(operative_infinitive("No verb here.", "invites"), None);
        let t = "The Lanzarote Committee invites all Parties to consistently analyse the \
                 possibilities to expand international cooperation.";
        assert_eq!(operative_infinitive(t, "invites"), Some("analyse"));
        let t = "The Lanzarote Committee requests Albania and Norway to endeavour to take the \
                 necessary measures.";
        assert_eq!(operative_infinitive(t, "requests"), Some("endeavour"));
    }

    #[test]
    fn a_title_must_keep_the_hedge() {
        let t =
            "The Lanzarote Committee invites Parties to contemplate appropriate legal responses.";
        assert_eq!(
            missing_hedge("Legal responses", t, "invites"),
            Some(("contemplate", "to contemplate the measure"))
        );
        assert_eq!(
            missing_hedge("Contemplate legal responses", t, "invites"),
            None
        );
        let t =
            "The Lanzarote Committee invites all Parties to regularly analyse the possibilities.";
        assert!(missing_hedge("Cooperation with non-Parties", t, "invites").is_some());
        assert_eq!(
            missing_hedge("Analyse the possibilities", t, "invites"),
            None
        );
    }
}
