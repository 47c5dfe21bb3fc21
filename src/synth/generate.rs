//! What `synth` makes from a profile: one synthetic recommendation per template, with a title
//! and text from the chains, the level's Committee verb, and Party lists in footnotes whose
//! labels count up across the whole run.

use crate::model::{RecId, Scope};

use super::profile::{Profile, Template};
use super::rng::SplitMix64;
use super::{SynthList, SynthRec};

const MAX_TITLE_WORDS: usize = 12;
const MAX_CLAUSE_WORDS: usize = 80;

impl Profile<'_> {
    pub(super) fn generate(
        &self,
        id: RecId,
        t: &Template,
        rng: &mut SplitMix64,
        labels: &mut u32,
    ) -> SynthRec {
        // Without Parties there is nobody to designate: such a template becomes open.
        let scope = match t.scope {
            Scope::Designated if self.base.parties.is_empty() => Scope::Open,
            s => s,
        };
        let mut title = self.title(rng);
        let lists = if scope == Scope::Designated {
            self.lists(t, rng, labels)
        } else {
            Vec::new()
        };
        let body = self.body(t, scope, &lists, rng);
        // Keep `check`'s rule: a title keeps the hedge ("to consider …") of the text's request.
        let verb = self.base.level_info(t.level).verb();
        if let Some((word, _)) = crate::model::validate::hedge::missing_hedge(&title, &body, verb) {
            title = format!("{}{} {title}", word[..1].to_uppercase(), &word[1..]);
        }
        SynthRec {
            id,
            title,
            level: t.level,
            scope,
            lists,
            body,
        }
    }

    fn title(&self, rng: &mut SplitMix64) -> String {
        let words = self.titles.generate(rng, MAX_TITLE_WORDS);
        let title = words.join(" ");
        let title = title.trim_end_matches([',', ';', ':', '.']);
        if title.is_empty() {
            "Synthetic recommendation".to_string()
        } else {
            title.to_string()
        }
    }

    /// One list, or one per sector of the template; footnote labels count up across the run.
    fn lists(&self, t: &Template, rng: &mut SplitMix64, labels: &mut u32) -> Vec<SynthList> {
        let sectors: Vec<Option<String>> = if t.sectors.is_empty() {
            vec![None]
        } else {
            t.sectors.iter().cloned().map(Some).collect()
        };
        sectors
            .into_iter()
            .map(|sector| {
                *labels += 1;
                SynthList {
                    sector,
                    label: labels.to_string(),
                    names: self.draw_parties(rng),
                }
            })
            .collect()
    }

    /// A real list length, then that many distinct Parties, each drawn with its real weight;
    /// returned in `parties.toml` order.
    fn draw_parties(&self, rng: &mut SplitMix64) -> Vec<String> {
        let parties = &self.base.parties;
        let want = rng.pick(&self.lengths).copied().unwrap_or(1);
        let mut weights = self.weights.clone();
        for _ in 0..want.clamp(1, parties.len()) {
            let total: u64 = weights.iter().sum();
            let mut r = rng.below(total as usize) as u64;
            for w in weights.iter_mut() {
                if r < *w {
                    // Chosen: weight 0 marks it and keeps it from being drawn again.
                    *w = 0;
                    break;
                }
                r -= *w;
            }
        }
        let chosen = parties.iter().zip(&weights).filter(|(_, w)| **w == 0);
        chosen.map(|(p, _)| p.name.clone()).collect()
    }

    /// "[Preamble, the] Lanzarote Committee <verb> <phrase>[^n] to <clause>.", and for sector
    /// lists the clause ends with a colon and one item per sector.
    fn body(
        &self,
        t: &Template,
        scope: Scope,
        lists: &[SynthList],
        rng: &mut SplitMix64,
    ) -> String {
        let verb = self.base.level_info(t.level).verb();
        let preamble = rng.pick(&self.preambles).filter(|_| t.preamble);
        let opener = match preamble {
            Some(p) => format!("{p} the Lanzarote Committee"),
            None => "The Lanzarote Committee".to_string(),
        };
        let (phrases, fallback) = match scope {
            Scope::All => (&self.phrases_all, "Parties"),
            _ => (
                &self.phrases_open,
                "those Parties that are not already doing so",
            ),
        };
        let phrase = rng.pick(phrases).map_or(fallback, String::as_str);
        let marker = match lists {
            [one] if one.sector.is_none() => format!("[^{}]", one.label),
            _ => String::new(),
        };
        let by_sector = lists.iter().any(|l| l.sector.is_some());
        let clause = self.clause(rng, if by_sector { ':' } else { '.' });
        let mut body = format!("{opener} {verb} {phrase}{marker} to {clause}");
        if by_sector {
            body.push('\n');
        }
        for l in lists.iter().filter(|l| l.sector.is_some()) {
            body.push_str(&format!("\n- {}[^{}]", self.sector_label(l), l.label));
        }
        body
    }

    fn sector_label<'s>(&'s self, l: &'s SynthList) -> &'s str {
        let id = l.sector.as_deref().unwrap_or_default();
        let sector = self.base.sectors.iter().find(|s| s.id == id);
        sector.map_or(id, |s| s.label.as_str())
    }

    fn clause(&self, rng: &mut SplitMix64, end: char) -> String {
        let words = self.clauses.generate(rng, MAX_CLAUSE_WORDS);
        let clause = if words.is_empty() {
            "take the necessary measures".to_string()
        } else {
            words.join(" ")
        };
        let clause = clause.trim_end_matches([',', ';', ':', '.', ' ']);
        format!("{clause}{end}")
    }
}
