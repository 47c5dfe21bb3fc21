//! What `synth` learns from a real dataset: one template per recommendation (section, level,
//! scope, sectors), Markov chains over the titles and the texts after the Committee verb, the
//! addressee phrases and preambles, and the lengths and Party frequencies of the real lists.
//! No word that could name a Party, a Committee verb or a reference is learnt.

use std::collections::HashSet;

use crate::model::{Dataset, Level, Recommendation, Scope, SectionId};

use super::chain::Chain;

/// What a real recommendation passes on to its synthetic copies.
pub(super) struct Template {
    pub(super) section: SectionId,
    pub(super) level: Level,
    pub(super) scope: Scope,
    /// Sector ids, where the real one lists Parties per sector.
    pub(super) sectors: Vec<String>,
    /// Whether its text opens with a clause before "the Lanzarote Committee".
    pub(super) preamble: bool,
}

/// Everything learnt from the real dataset.
pub(super) struct Profile<'a> {
    pub(super) base: &'a Dataset,
    pub(super) templates: Vec<Template>,
    pub(super) titles: Chain,
    pub(super) clauses: Chain,
    /// Real addressee phrases ("Parties", "those Parties that are not already doing so"), for
    /// scope all and open.
    pub(super) phrases_all: Vec<String>,
    pub(super) phrases_open: Vec<String>,
    pub(super) preambles: Vec<String>,
    /// Lengths of the real non-empty Party lists.
    pub(super) lengths: Vec<usize>,
    /// Per Party (in `base.parties` order): real lists naming it, plus one.
    pub(super) weights: Vec<u64>,
}

/// Which words may be learnt: none that could name a Party, a Committee verb or a reference.
struct WordFilter {
    /// The first word of every Party name: no name can occur without it.
    party_words: HashSet<String>,
}

impl WordFilter {
    fn new(base: &Dataset) -> Self {
        let first_word = |name: &str| {
            let mut words = name.split(|c: char| !c.is_alphanumeric());
            words.find(|w| !w.is_empty()).unwrap_or(name).to_string()
        };
        WordFilter {
            party_words: base.parties.iter().map(|p| first_word(&p.name)).collect(),
        }
    }

    fn clean(&self, word: &str) -> bool {
        // Markup could add footnote markers, lists or tables to the text.
        const MARKUP: &[char] = &['[', ']', '*', '_', '`', '<', '>', '#', '|', '\\', '~'];
        !word.contains(MARKUP)
            && !["Committee", "Recommendation", "Article"]
                .iter()
                .any(|w| word.contains(w))
            && !word.ends_with("para")
            && word
                .split(|c: char| !c.is_alphanumeric())
                .all(|w| !self.party_words.contains(w))
    }

    fn clean_text(&self, text: &str) -> bool {
        text.split_whitespace().all(|w| self.clean(w))
    }
}

/// A real text cut at its Committee verb: the preamble before "the Lanzarote Committee", the
/// addressee phrase up to the first " to ", and the clause after it.
fn split_text<'t>(text: &'t str, verb: &str) -> Option<(&'t str, &'t str, &'t str)> {
    let pattern = format!("Committee {verb} ");
    let at = text.find(&pattern)?;
    let before = &text[..at];
    let before = before.strip_suffix("Lanzarote ").unwrap_or(before);
    let before = before
        .strip_suffix("the ")
        .or_else(|| before.strip_suffix("The "))
        .unwrap_or(before);
    let after = &text[at + pattern.len()..];
    let (phrase, clause) = after.split_once(" to ")?;
    Some((before.trim(), phrase.trim(), clause.trim()))
}

impl<'a> Profile<'a> {
    pub(super) fn learn(base: &'a Dataset) -> Self {
        let mut p = Profile {
            base,
            templates: Vec::new(),
            titles: Chain::new(false),
            clauses: Chain::new(true),
            phrases_all: Vec::new(),
            phrases_open: Vec::new(),
            preambles: Vec::new(),
            lengths: Vec::new(),
            weights: vec![1; base.parties.len()],
        };
        let filter = WordFilter::new(base);
        for r in &base.recommendations {
            p.titles.learn(&r.title, |w| filter.clean(w));
            let verb = base.level_info(r.level).verb();
            let split = split_text(&r.text, verb);
            if let Some(parts) = split {
                p.learn_text(r.addressees.scope, parts, &filter);
            }
            p.learn_lists(r);
            p.templates.push(Template {
                section: r.id.section.clone(),
                level: r.level,
                scope: r.addressees.scope,
                sectors: r
                    .addressees
                    .lists
                    .iter()
                    .flat_map(|l| l.sector.clone())
                    .collect(),
                preamble: split.is_some_and(|(pre, _, _)| !pre.is_empty()),
            });
        }
        p
    }

    fn learn_text(
        &mut self,
        scope: Scope,
        (pre, phrase, clause): (&str, &str, &str),
        f: &WordFilter,
    ) {
        self.clauses.learn(clause, |w| f.clean(w));
        if !pre.is_empty() && f.clean_text(pre) {
            self.preambles.push(pre.to_string());
        }
        let phrases = match scope {
            Scope::All => &mut self.phrases_all,
            Scope::Open => &mut self.phrases_open,
            Scope::Designated => return,
        };
        if !phrase.is_empty() && f.clean_text(phrase) {
            phrases.push(phrase.to_string());
        }
    }

    fn learn_lists(&mut self, r: &Recommendation) {
        for list in r.addressees.lists.iter().filter(|l| !l.parties.is_empty()) {
            self.lengths.push(list.parties.len());
            for a in &list.parties {
                let i = self.base.parties.iter().position(|p| p.slug == a.party);
                if let Some(i) = i {
                    self.weights[i] += 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::real;

    #[test]
    fn texts_split_at_the_committee_verb() {
        let text = "Acknowledging that X, the Lanzarote Committee invites all Parties to act now.";
        assert_eq!(
            split_text(text, "invites"),
            Some(("Acknowledging that X,", "all Parties", "act now."))
        );
        assert_eq!(
            split_text("The Committee requests nobody.", "requests"),
            None
        );
    }

    #[test]
    fn the_filter_keeps_out_party_names_and_references() {
        let base = real();
        let f = WordFilter::new(&base);
        for word in [
            "Albania,",
            "Bosnia",
            "North",
            "Albania's",
            "Article",
            "para",
            "Committee",
            "[^1]",
        ] {
            assert!(!f.clean(word), "{word} passed");
        }
        for word in ["Parties", "ensure", "paragraphs", "(CSAM)", "children,"] {
            assert!(f.clean(word), "{word} refused");
        }
    }
}
