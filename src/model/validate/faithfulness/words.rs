//! The normal form the faithfulness check compares: characters of text, each with the byte
//! offset it comes from, in; words out. The source was extracted from a table layout, so table
//! pipes, bold marks and separator dashes go, superscript footnote numbers become words of
//! their own, white space collapses, and closing punctuation joins the word before it (the
//! source has "so , to" where the text has "so, to").

use crate::model::Correction;

/// A word of normalised text and the byte offset its first character comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Word {
    pub(super) text: String,
    pub(super) at: usize,
}

const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];

/// The words of `chars`, normalised.
pub(super) fn normalise(chars: impl IntoIterator<Item = (char, usize)>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    for w in split(plain(chars)) {
        if w.text.chars().all(|c| c == '-') {
            continue; // a table's separator row
        }
        let closes = w.text.starts_with([',', '.', ';', ':', ')']);
        match out.last_mut() {
            Some(prev) if closes || prev.text.ends_with('(') => prev.text.push_str(&w.text),
            _ => out.push(w),
        }
    }
    out
}

/// Superscript digits as plain digits, apart from the words around them; table pipes and bold
/// marks (`**`) as spaces.
fn plain(chars: impl IntoIterator<Item = (char, usize)>) -> Vec<(char, usize)> {
    let chars: Vec<(char, usize)> = chars.into_iter().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut in_superscript = false;
    let mut i = 0;
    while i < chars.len() {
        let (c, at) = chars[i];
        let digit = SUPERSCRIPTS.iter().position(|&x| x == c);
        if digit.is_some() != in_superscript {
            out.push((' ', at));
            in_superscript = digit.is_some();
        }
        match digit {
            Some(d) => out.push((char::from(b'0' + d as u8), at)),
            None if c == '|' => out.push((' ', at)),
            None if c == '*' && chars.get(i + 1).is_some_and(|n| n.0 == '*') => {
                out.push((' ', at));
                i += 1;
            }
            None => out.push((c, at)),
        }
        i += 1;
    }
    out
}

/// Words split at white space, each at its first character.
fn split(chars: Vec<(char, usize)>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current: Option<Word> = None;
    for (c, at) in chars {
        if c.is_whitespace() {
            words.extend(current.take());
        } else {
            let w = current.get_or_insert_with(|| Word {
                text: String::new(),
                at,
            });
            w.text.push(c);
        }
    }
    words.extend(current);
    words
}

/// Undoes `corrections` in `chars` (the published text, white space collapsed as the loader
/// checked them): each published text becomes the source's words, placed where it was. A
/// correction whose text is not there exactly once is skipped: the editorial check reports it.
pub(super) fn undo<'a>(
    chars: Vec<(char, usize)>,
    corrections: impl Iterator<Item = &'a Correction>,
) -> Vec<(char, usize)> {
    let mut chars = collapse(chars);
    for c in corrections {
        let s: String = chars.iter().map(|x| x.0).collect();
        if c.text.is_empty() || s.matches(c.text.as_str()).count() != 1 {
            continue;
        }
        let Some(byte) = s.find(c.text.as_str()) else {
            continue;
        };
        let start = s[..byte].chars().count();
        let end = start + c.text.chars().count();
        let at = chars[start].1;
        chars.splice(start..end, c.source.chars().map(|ch| (ch, at)));
    }
    chars
}

/// White space collapsed to single spaces, none at either end.
fn collapse(chars: Vec<(char, usize)>) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for (c, at) in chars {
        if !c.is_whitespace() {
            out.push((c, at));
        } else if out.last().is_some_and(|l| l.0 != ' ') {
            out.push((' ', at));
        }
    }
    if out.last().is_some_and(|l| l.0 == ' ') {
        out.pop();
    }
    out
}

/// The words' texts.
pub(super) fn strings(words: &[Word]) -> Vec<String> {
    words.iter().map(|w| w.text.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        strings(&normalise(s.chars().map(|c| (c, 0)))).join(" ")
    }

    #[test]
    fn normalise_handles_the_extraction_noise() {
        assert_eq!(
            text("| so ¹⁴⁰ to |---| a , b ( c ) **d** - e"),
            "so 140 to a, b (c) d e"
        );
        assert_eq!(text("so¹⁴⁰, to"), "so 140, to");
    }

    #[test]
    fn words_keep_their_place() {
        let s = "ab  , cd";
        let w = normalise(s.char_indices().map(|(i, c)| (c, i)));
        assert_eq!(
            w,
            [
                Word {
                    text: "ab,".into(),
                    at: 0
                },
                Word {
                    text: "cd".into(),
                    at: 6
                }
            ]
        );
    }

    #[test]
    fn corrections_are_undone_in_place() {
        let s = "done so, to act";
        let c = Correction {
            footnote: None,
            source: "so , to".into(),
            text: "so, to".into(),
        };
        let chars = undo(s.char_indices().map(|(i, c)| (c, i)).collect(), [c].iter());
        let got: String = chars.iter().map(|x| x.0).collect();
        assert_eq!(got, "done so , to act");
        assert_eq!(chars[5].1, 5);
        assert_eq!(chars[13], ('a', 12));
    }
}
