//! FAITHFULNESS: the recommendations and the project's copy of the report's text
//! (`content/source/*.txt`) in; out, every difference between them that no `[[editorial]]`
//! correction declares, each at the first differing word of the recommendation's file. The one
//! rule that `check`, `build`, `serve` and the tests apply: undo every declared correction,
//! normalise both sides (see [`words`]), and compare them word by word.

mod stretches;
mod words;

use std::collections::HashSet;

use crate::content::ContentFiles;
use crate::diag::{Diagnostic, Diagnostics};
use crate::markdown::{analyse_body, plain_text_located};
use crate::model::{RecId, Recommendation, Section};

use stretches::chunks;
use words::{Word, normalise, strings, undo};

/// One difference from the source that no correction declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The recommendation whose file holds it.
    pub id: RecId,
    /// Byte offset, in the recommendation's body ([`Recommendation::body`]), of the first word
    /// that differs.
    pub at: usize,
    /// The front-matter field the difference is about, when it is one (`source_marker`): the
    /// error is then at its value rather than at `at`.
    pub field: Option<&'static str>,
    pub message: String,
    pub help: &'static str,
}

const HELP_TEXT: &str = "restore the source's words, or declare the change as a correction in an \
                         [[editorial]] entry (docs/content.md)";
const HELP_MARKER: &str = "set `source_marker` to the words that open its text in content/source/";

/// Reports every difference between `recs` and the source copy in `files` at its place in
/// the recommendation's file. Content without a source copy is not compared.
pub(crate) fn check_faithfulness(
    files: &ContentFiles,
    sections: &[Section],
    recs: &[&Recommendation],
    diags: &mut Diagnostics,
) {
    let Some(source) = source_text(files) else {
        return;
    };
    for d in source_differences(recs, sections, &source) {
        let rec = recs
            .iter()
            .find(|r| r.id == d.id)
            .expect("every difference names one of `recs`");
        let file = files.recommendations.iter().find(|f| f.path == rec.path);
        let Some(file) = file else {
            // Not read from a file (never so in a run): reported all the same.
            diags.push(Diagnostic::error(&rec.path, (1, 1), d.message).with_help(d.help));
            continue;
        };
        // The body is the end of the file (see `split_front_matter`).
        let body = file.text.len().saturating_sub(rec.body.len());
        let at = d
            .field
            .and_then(|name| field_value(&file.text[..body], name))
            .unwrap_or(body + d.at);
        diags.push(file.error_at(at, d.message).with_help(d.help));
    }
}

/// The offset of the value of the front-matter line `name = …` in `front`, if there is one.
fn field_value(front: &str, name: &str) -> Option<usize> {
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let value = line
            .strip_prefix(name)
            .and_then(|rest| rest.trim_start().strip_prefix('='));
        if let Some(value) = value {
            return Some(offset + line.len() - value.trim_start().len());
        }
        offset += line.len();
    }
    None
}

/// The source copy: every `source/*.txt` file of the content, in name order, one after the
/// other; `None` when there is none.
fn source_text(files: &ContentFiles) -> Option<String> {
    let texts: Vec<&str> = files.source.iter().map(|f| f.text.as_str()).collect();
    (!texts.is_empty()).then(|| texts.join("\n"))
}

/// Every difference between the recommendations and `source` (the report's text) that the
/// recommendations' corrections do not declare, in report order. `sections` cut the last
/// recommendation of each section off at the next section's heading.
pub fn source_differences(
    recs: &[&Recommendation],
    sections: &[Section],
    source: &str,
) -> Vec<Difference> {
    let mut recs = recs.to_vec();
    recs.sort_by(|a, b| a.id.cmp(&b.id));
    let notes: Vec<Note> = recs.iter().flat_map(|r| footnotes(r)).collect();
    // Longest first, so that a footnote is not taken for the start of a longer one.
    let mut by_length: Vec<(&Note, Vec<String>)> =
        notes.iter().map(|n| (n, strings(&n.words))).collect();
    by_length.sort_by_key(|(_, w)| std::cmp::Reverse(w.join(" ").len()));
    let labels: HashSet<&str> = notes.iter().map(|n| n.label.as_str()).collect();
    let mut found: HashSet<(&RecId, &str)> = HashSet::new();
    let (chunks, mut out) = chunks(source, &recs, sections);
    let mut texts = Vec::new();
    for (r, chunk) in recs.iter().zip(&chunks) {
        let Some(chunk) = chunk else { continue };
        let got = text_of_stretch(chunk, &by_length, &mut found);
        texts.push((*r, without_markers(got, &labels)));
    }
    let unfound: Vec<&Note> = notes
        .iter()
        .filter(|n| !found.contains(&(&n.id, n.label.as_str())))
        .collect();
    // The whole source, word by word, only to place a footnote that is not found.
    let all_source: Vec<Vec<String>> = if unfound.is_empty() {
        Vec::new()
    } else {
        chunks
            .iter()
            .flatten()
            .map(|c| strings(&normalise(c.chars().map(|ch| (ch, 0)))))
            .collect()
    };
    for (r, got) in &texts {
        let next_lost = chunks_lost(&recs, &chunks, r);
        let explained = next_lost || unfound.iter().any(|n| n.id == r.id);
        out.extend(text_difference(r, got, explained));
    }
    out.extend(unfound.iter().map(|n| note_difference(n, &all_source)));
    out.sort_by(|a, b| (&a.id, a.at).cmp(&(&b.id, b.at)));
    out
}

/// The words of one stretch of the source with the footnotes found in it taken out (each
/// noted in `found`).
fn text_of_stretch<'n>(
    chunk: &str,
    notes: &[(&'n Note, Vec<String>)],
    found: &mut HashSet<(&'n RecId, &'n str)>,
) -> Vec<String> {
    let mut got = strings(&normalise(chunk.chars().map(|c| (c, 0))));
    // Only footnotes whose first word is in the stretch can be in it.
    let present: HashSet<String> = got.iter().cloned().collect();
    for (n, words) in notes {
        let here = words.first().is_some_and(|w| present.contains(w));
        if here && remove_once(&mut got, words) {
            found.insert((&n.id, n.label.as_str()));
        }
    }
    got
}

/// Whether the recommendation after `r` has no stretch of the source (its marker is missing),
/// so that `r`'s stretch runs on over its text.
fn chunks_lost(recs: &[&Recommendation], chunks: &[Option<&str>], r: &Recommendation) -> bool {
    let i = recs.iter().position(|x| x.id == r.id);
    i.and_then(|i| chunks.get(i + 1))
        .is_some_and(|c| c.is_none())
}

/// A footnote as the source prints it: `N text`, its corrections undone, normalised; each word
/// with its place in the recommendation's body.
struct Note {
    id: RecId,
    label: String,
    words: Vec<Word>,
    /// Where its definition starts in the body.
    at: usize,
}

/// The footnotes of `r` in their source form.
fn footnotes(r: &Recommendation) -> Vec<Note> {
    analyse_body(&r.body)
        .footnotes
        .into_iter()
        .map(|(m, _)| {
            let start = m.offset + m.label.len() + "[^]:".len();
            let line = &r.body[start..];
            let line = &line[..line.find('\n').unwrap_or(line.len())];
            let lead = line.len() - line.trim_start().len();
            let text = line.trim();
            let mut chars: Vec<(char, usize)> = m.label.chars().map(|c| (c, m.offset)).collect();
            chars.push((' ', m.offset));
            let base = start + lead;
            chars.extend(
                plain_text_located(text)
                    .into_iter()
                    .map(|(c, at)| (c, base + at)),
            );
            let words = normalise(undo(chars, r.corrections_for(Some(m.label.as_str()))));
            Note {
                id: r.id.clone(),
                label: m.label,
                words,
                at: m.offset,
            }
        })
        .collect()
}

/// The main text of `r` in its source form: corrections undone, normalised.
fn text_words(r: &Recommendation) -> Vec<Word> {
    normalise(undo(plain_text_located(&r.body), r.corrections_for(None)))
}

/// Removes the first whole occurrence of `needle` from `hay`; whether it was there.
fn remove_once(hay: &mut Vec<String>, needle: &[String]) -> bool {
    let Some(first) = needle.first() else {
        return false;
    };
    let found = (0..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| &hay[i] == first && hay[i..i + needle.len()] == *needle);
    if let Some(i) = found {
        hay.drain(i..i + needle.len());
    }
    found.is_some()
}

/// The source's words with its footnote markers (the labels of the dataset's footnotes, alone
/// or before punctuation) left out, normalised again.
fn without_markers(got: Vec<String>, labels: &HashSet<&str>) -> Vec<String> {
    let kept: Vec<String> = got
        .into_iter()
        .filter_map(|w| {
            let digits = w.trim_end_matches(|c: char| !c.is_ascii_digit());
            let rest = &w[digits.len()..];
            let punct = rest.chars().all(|c| ",.;:)".contains(c));
            if labels.contains(digits) && punct {
                (!rest.is_empty()).then(|| rest.to_string())
            } else {
                Some(w)
            }
        })
        .collect();
    strings(&normalise(kept.join(" ").chars().map(|c| (c, 0))))
}

/// The first difference between `r`'s text and its stretch of the source, `got`. When
/// `explained` (a footnote not found, a lost marker after it), the source running on past the
/// text is left to that error.
fn text_difference(r: &Recommendation, got: &[String], explained: bool) -> Option<Difference> {
    let want = text_words(r);
    let k = (0..want.len().max(got.len())).find(|&k| want.get(k).map(|w| &w.text) != got.get(k))?;
    let at = want.get(k).or(want.last()).map_or(0, |w| w.at);
    let message = match (want.get(k), got.get(k)) {
        (Some(_), Some(_)) => format!(
            "{}'s text differs from the source: here \"{}\", in the source \"{}\"",
            r.id,
            excerpt(want[k..].iter().map(|w| &w.text)),
            excerpt(got[k..].iter()),
        ),
        (Some(_), None) => format!(
            "{}'s text goes on where the source's ends: \"{}\"",
            r.id,
            excerpt(want[k..].iter().map(|w| &w.text))
        ),
        _ if explained => return None,
        _ => format!(
            "{}'s text ends before the source's: the source goes on with \"{}\"",
            r.id,
            excerpt(got[k..].iter())
        ),
    };
    Some(Difference {
        id: r.id.clone(),
        at,
        message,
        help: HELP_TEXT,
        field: None,
    })
}

/// A footnote found nowhere in the source as published: at its first word that differs from
/// the passage of the source that matches it longest.
fn note_difference(n: &Note, source: &[Vec<String>]) -> Difference {
    let want = strings(&n.words);
    let best = source
        .iter()
        .flat_map(|chunk| (0..chunk.len()).map(move |i| &chunk[i..]))
        .filter(|s| s.first() == want.first())
        .map(|s| (common_prefix(&want, s), s))
        .max_by_key(|(p, _)| *p);
    let (message, at) = match best {
        Some((p, s)) if p > 1 && p < want.len() => (
            format!(
                "footnote {} differs from the source: here \"{}\", in the source \"{}\"",
                n.label,
                excerpt(want[p..].iter()),
                excerpt(s[p..].iter())
            ),
            n.words[p].at,
        ),
        _ => (format!("footnote {} is not in the source", n.label), n.at),
    };
    Difference {
        id: n.id.clone(),
        at,
        message,
        help: HELP_TEXT,
        field: None,
    }
}

fn common_prefix(a: &[String], b: &[String]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

/// Up to six words, "…" after them when there are more.
fn excerpt<'a>(words: impl Iterator<Item = &'a String>) -> String {
    let words: Vec<&String> = words.take(7).collect();
    let shown: Vec<&str> = words.iter().take(6).map(|w| w.as_str()).collect();
    let more = if words.len() > 6 { " …" } else { "" };
    format!("{}{more}", shown.join(" "))
}
