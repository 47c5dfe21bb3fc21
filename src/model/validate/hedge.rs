//! The title rule for hedged recommendations: when the Committee's operative verb asks Parties
//! "to consider …" or "to encourage …", the editorial short title must keep that word, so that
//! an invitation to consider a measure never reads as an order to take it.

use crate::content::raw::S;

use super::ctx::Ctx;

/// The hedging verbs the rule looks for, with the stem a title must contain to keep them.
const HEDGES: [(&str, &str); 2] = [("consider", "consider"), ("encourage", "encourag")];

/// Words after "to" that do not start an infinitive ("with regards to their law").
const NOT_VERBS: [&str; 8] = ["the", "a", "an", "their", "this", "these", "its", "which"];

/// Reports a title that drops the hedge of the Committee's operative request (`verb` is the
/// level's verb, such as "invites").
pub(crate) fn check_hedged_title(cx: &mut Ctx, title: &S, text: &str, verb: &str) {
    let Some(word) = missing_hedge(title.get_ref(), text, verb) else {
        return;
    };
    cx.at(
        title,
        format!(
            "title drops the Committee's \"to {word}\": the text {verb} Parties only to {word} \
             the measure, so the title may not read as an order to take it"
        ),
    )
    .help = Some(format!(
        "keep the hedge in the title, for example \"{}{} …\"",
        word[..1].to_uppercase(),
        &word[1..]
    ));
}

/// The hedging verb ("consider", "encourage") that `text` puts after the Committee's `verb`
/// and `title` leaves out, if any.
pub(crate) fn missing_hedge(title: &str, text: &str, verb: &str) -> Option<&'static str> {
    let hedge = operative_infinitive(text, verb)?;
    let (word, stem) = HEDGES.iter().find(|(w, _)| *w == hedge)?;
    (!title.to_lowercase().contains(stem)).then_some(*word)
}

/// The first infinitive after "Committee {verb}" in the operative sentence: the word after
/// the first "to" that is followed by a lower-case word which is not a determiner.
fn operative_infinitive<'t>(text: &'t str, verb: &str) -> Option<&'t str> {
    let start = text.find(&format!("Committee {verb} "))?;
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
            return Some(next.trim_end_matches([',', ';', ':']));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::operative_infinitive;

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
    }
}
