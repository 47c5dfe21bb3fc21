//! What the theme says about a dataset's levels, whatever their number: the levels and the
//! theme's strings in, their count in words, their verbs and labels joined, and each level's
//! symbol out, for the sentences of the home and levels pages to fill in.

use crate::render::engine::Site;
use anyhow::Result;
use serde::Serialize;

use super::strings::Strings;
use crate::model::LevelInfo;

/// The levels in the words of a sentence, weakest first.
#[derive(Debug, Clone, Serialize)]
pub(in crate::render) struct LevelWords {
    /// How many levels there are, as a word where the theme has one ("three").
    pub count: String,
    /// Each level's verb, joined as alternatives: "invites, requests or requires".
    pub verbs: String,
    /// The labels, joined as a list: "Invite, Request and Require".
    pub labels: String,
    /// The labels in lower case, comma separated: "invite, request, require".
    pub names: String,
    /// Each level's symbol and lower-case label: "○ invite, ◐ request, ● require".
    pub symbols: String,
    /// The legend's note on where the labels come from, followed by a space; empty without
    /// one.
    pub labels_note: String,
}

impl LevelWords {
    pub(in crate::render) fn new(g: Site, s: &Strings) -> Result<LevelWords> {
        let levels = g.levels();
        let names: Vec<String> = levels.iter().map(|l| l.label.to_lowercase()).collect();
        let symbols = levels
            .iter()
            .zip(&names)
            .map(|(l, name)| Ok(format!("{} {name}", symbol(levels, l, s)?)))
            .collect::<Result<Vec<_>>>()?;
        let count = s.get("level.count_words")?.split(' ').nth(levels.len());
        Ok(LevelWords {
            count: count.map_or_else(|| levels.len().to_string(), String::from),
            verbs: join(s, "level.join_or", levels.iter().map(LevelInfo::verb))?,
            labels: join(s, "level.join_and", levels.iter().map(|l| l.label.as_str()))?,
            names: names.join(", "),
            symbols: symbols.join(", "),
            labels_note: g
                .labels_note()
                .map_or_else(String::new, |n| format!("{n} ")),
        })
    }

    /// The arguments of a sentence about the levels: `{count}`, `{verbs}`, `{labels}`,
    /// `{names}` and `{symbols}`.
    pub(in crate::render) fn args(&self) -> [(&'static str, &str); 5] {
        [
            ("count", &self.count),
            ("verbs", &self.verbs),
            ("labels", &self.labels),
            ("names", &self.names),
            ("symbols", &self.symbols),
        ]
    }
}

/// The symbol that stands for `level` (in the home page's matrix): the theme's
/// `level.symbol_<id>` if it has one, else one of `level.symbols` (weakest to strongest),
/// picked evenly for the dataset's number of levels.
pub(in crate::render) fn symbol(
    levels: &[LevelInfo],
    level: &LevelInfo,
    s: &Strings,
) -> Result<String> {
    if let Some(own) = s.find(&format!("level.symbol_{}", level.id)) {
        return Ok(own.to_string());
    }
    let scale: Vec<&str> = s.get("level.symbols")?.split(' ').collect();
    let (steps, last) = (
        scale.len().saturating_sub(1),
        levels.len().saturating_sub(1),
    );
    // The weakest level takes the first symbol and the strongest the last.
    let at = (level.level.index() * steps + last / 2)
        .checked_div(last)
        .unwrap_or(steps);
    Ok(scale.get(at).copied().unwrap_or_default().to_string())
}

/// `items` joined with commas, the last two by the theme's `key` ("{rest} or {last}").
fn join<'i>(s: &Strings, key: &str, items: impl Iterator<Item = &'i str>) -> Result<String> {
    let items: Vec<&str> = items.collect();
    match items.split_last() {
        None => Ok(String::new()),
        Some((last, [])) => Ok(last.to_string()),
        Some((last, rest)) => s.fill(key, &[("rest", &rest.join(", ")), ("last", last)]),
    }
}
