//! SYNTH: a real, validated dataset in; the files of a synthetic content folder N times its
//! size out (relative paths and contents, sorted by path), byte-identical for a given seed.
//! What must hold: `check` accepts the output, with no diagnostics.
//!
//! Shape. The real sections are kept, each with N times its real number of recommendations,
//! numbered from 1 without gaps and written by the real id pattern. (More sections would need
//! ids and titles nobody chose.)
//! Every real recommendation is the template of N synthetic ones in its own section, shuffled,
//! so the mix of levels and scopes per section is exactly N times the real one.
//!
//! Words. Titles and texts are Markov chains over the real titles and texts. Words that could
//! upset the loader are never learnt: Party names (so texts addressed to all Parties name
//! none), "Committee" (so the first Committee verb is the one matching the level), and
//! "Recommendation", "Article", "para" (so no text cites anything: no `references`).
//!
//! Lists. Each designated recommendation gives its Parties in footnotes with globally unique
//! labels (one footnote, or one per sector where the template has sectors); lengths are drawn
//! from the real lists and Parties by their real frequency in them. Lists are always complete
//! and without qualifiers; a Party list given in the sentence becomes a footnote.

mod chain;
mod emit;
mod generate;
mod profile;
mod rng;

use std::path::PathBuf;

use crate::model::{Dataset, Level, RecId, Scope};

use profile::{Profile, Template};
use rng::SplitMix64;

/// Recommendation numbers have at most four digits.
const MAX_NUMBER: u32 = 9999;

/// One synthetic recommendation, ready to be written.
struct SynthRec {
    id: RecId,
    title: String,
    level: Level,
    scope: Scope,
    /// Empty unless designated.
    lists: Vec<SynthList>,
    /// The main text, without the footnote definitions.
    body: String,
}

/// One designated list, given by footnote `label`.
struct SynthList {
    sector: Option<String>,
    label: String,
    names: Vec<String>,
}

/// The largest scale whose numbers still fit in four digits.
pub(crate) fn max_scale(base: &Dataset) -> u32 {
    let largest = base
        .sections
        .iter()
        .map(|s| {
            let in_section = base.recommendations.iter();
            in_section.filter(|r| r.id.section == s.id).count() as u32
        })
        .max()
        .unwrap_or(0);
    MAX_NUMBER / largest.max(1)
}

/// The files of a content folder `scale` times the size of `base`, sorted by path.
///
/// # Panics
/// If `scale` is 0 or above [`max_scale`].
pub(crate) fn synthesize(base: &Dataset, scale: u32, seed: u64) -> Vec<(PathBuf, String)> {
    let max = max_scale(base);
    assert!(
        (1..=max).contains(&scale),
        "scale {scale} is not in 1..={max}"
    );
    let profile = Profile::learn(base);
    let mut rng = SplitMix64::new(seed);
    let mut labels = 0;
    let mut files = table_files(base, scale, seed);
    for section in &base.sections {
        let mut plan: Vec<&Template> = profile
            .templates
            .iter()
            .filter(|t| t.section == section.id)
            .flat_map(|t| std::iter::repeat_n(t, scale as usize))
            .collect();
        rng.shuffle(&mut plan);
        for (i, t) in plan.into_iter().enumerate() {
            let id = base.ids.rec_of(section.id.clone(), i as u32 + 1);
            let rec = profile.generate(id, t, &mut rng, &mut labels);
            let path = PathBuf::from(format!("recommendations/{}.md", rec.id));
            files.push((path, emit::recommendation(&rec, base)));
        }
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// The four tables and the pages, as the real dataset has them (the site title says
/// "synthetic").
fn table_files(base: &Dataset, scale: u32, seed: u64) -> Vec<(PathBuf, String)> {
    let mut files = vec![
        ("site.toml".into(), emit::site(base, scale, seed)),
        ("legend.toml".into(), emit::legend(base)),
        ("sections.toml".into(), emit::sections(base)),
        ("parties.toml".into(), emit::parties(base)),
    ];
    for p in &base.pages {
        let path = PathBuf::from(format!("pages/{}.md", p.slug));
        files.push((path, emit::page(p)));
    }
    files
}
/// The bundled real dataset, for tests.
#[cfg(test)]
fn real() -> Dataset {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    crate::load_dataset(&root.join("content")).expect("the bundled content is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scale_one_keeps_the_real_shape() {
        let base = real();
        let files = synthesize(&base, 1, 42);
        let recs: Vec<_> = files
            .iter()
            .filter(|(p, _)| p.starts_with("recommendations"))
            .collect();
        assert_eq!(recs.len(), base.recommendations.len());
        assert!(files.windows(2).all(|w| w[0].0 < w[1].0), "sorted by path");
        let count = |needle: &str| recs.iter().filter(|(_, t)| t.contains(needle)).count();
        let require = base.level_by_id("require").unwrap();
        let real_count = |l: Level| base.recommendations.iter().filter(|r| r.level == l).count();
        assert_eq!(count("level = \"require\""), real_count(require));
        assert_eq!(
            count("[[addressees.sectors]]\nsector = \"health\""),
            2,
            "X-5 and X-6"
        );
        assert_eq!(synthesize(&base, 1, 42), files, "deterministic");
        assert_ne!(synthesize(&base, 1, 43), files, "seeded");
    }
}
