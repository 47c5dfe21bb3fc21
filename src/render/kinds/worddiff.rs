//! Word-level differences: two texts in, the before text with removed words marked `<del>` and
//! the after text with added words marked `<ins>` out, as escaped HTML. Each mark starts with a
//! visually hidden word from the theme, so a screen reader says what the mark means and no
//! reader depends on colour.

use imara_diff::{Algorithm, Diff, InternedInput};

use crate::markdown::escape;

/// The theme's hidden words that open a `<del>` and an `<ins>` ("removed:", "added:").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marks<'a> {
    pub removed: &'a str,
    pub added: &'a str,
    /// Said before each side of a change too long to compare word by word.
    pub whole: &'a str,
}

/// The most words compared one by one: the differing middles of both texts together (what is
/// left once the words they start and end with alike are set aside). The comparison takes
/// memory in proportion to the words and time bounded by the diff's own heuristics; past this
/// many, a page of marks would not be read anyway, and the two texts are shown whole, as
/// removed and added, after the theme's sentence saying so ([`Marks::whole`]).
const MAX_COMPARED_WORDS: usize = 150_000;

/// `(before_html, after_html)` of `before` and `after`, words compared exactly.
pub(crate) fn word_diff(before: &str, after: &str, marks: Marks) -> (String, String) {
    word_diff_within(before, after, marks, MAX_COMPARED_WORDS)
}

/// [`word_diff`], comparing at most `most` words one by one.
fn word_diff_within(before: &str, after: &str, marks: Marks, most: usize) -> (String, String) {
    let a: Vec<&str> = before.split_whitespace().collect();
    let b: Vec<&str> = after.split_whitespace().collect();
    match changed_words(&a, &b, most) {
        Some((removed, added)) => (
            render(&a, &removed, "del", marks.removed),
            render(&b, &added, "ins", marks.added),
        ),
        None => (
            whole(&a, "del", marks.removed, marks.whole),
            whole(&b, "ins", marks.added, marks.whole),
        ),
    }
}

/// One side of a change too long to compare: the sentence that says so, then every word
/// marked.
fn whole(words: &[&str], tag: &str, mark: &str, said: &str) -> String {
    if words.is_empty() {
        return String::new();
    }
    let marked = render(words, &vec![true; words.len()], tag, mark);
    format!(
        "<span class=\"change-whole\">{}</span> {marked}",
        escape(said)
    )
}

/// One side's words as HTML, each run of `marked` words in a `tag` opened by `mark`.
fn render(words: &[&str], marked: &[bool], tag: &str, mark: &str) -> String {
    let mut html = String::new();
    let mut run: Vec<&str> = Vec::new();
    let mut open = false;
    for (word, &m) in words.iter().zip(marked) {
        if m != open {
            flush(&mut html, &mut run, open, tag, mark);
            open = m;
        }
        run.push(word);
    }
    flush(&mut html, &mut run, open, tag, mark);
    html
}

/// Appends a run of words, marked or not, after a space when the text already has words.
fn flush(html: &mut String, run: &mut Vec<&str>, marked: bool, tag: &str, mark: &str) {
    if run.is_empty() {
        return;
    }
    if !html.is_empty() {
        html.push(' ');
    }
    let words = escape(&run.join(" "));
    if marked {
        let mark = escape(mark);
        html.push_str(&format!(
            "<{tag}><span class=\"visually-hidden\">{mark} </span>{words}</{tag}>"
        ));
    } else {
        html.push_str(&words);
    }
    run.clear();
}

/// Which words of `a` are removed and which of `b` added: Myers' algorithm in its linear-space
/// form (imara-diff, with the heuristics of GNU diff and git that bound its time on long and
/// very different texts). `None` when the words that differ in the middle are more than `most`.
fn changed_words(a: &[&str], b: &[&str], most: usize) -> Option<(Vec<bool>, Vec<bool>)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    if (a.len() - pre - suf) + (b.len() - pre - suf) > most {
        return None;
    }
    let mut input = InternedInput::default();
    input.update_before(a.iter().copied());
    input.update_after(b.iter().copied());
    let diff = Diff::compute(Algorithm::Myers, &input);
    let removed = (0..a.len() as u32).map(|i| diff.is_removed(i)).collect();
    let added = (0..b.len() as u32).map(|i| diff.is_added(i)).collect();
    Some((removed, added))
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Marks = Marks {
        removed: "removed:",
        added: "added:",
        whole: "Too long to compare word by word:",
    };

    #[test]
    fn marks_only_the_words_that_changed() {
        let (before, after) = word_diff(
            "Criminalise grooming even without a meeting",
            "Consider criminalising grooming even without a meeting",
            M,
        );
        assert_eq!(
            before,
            "<del><span class=\"visually-hidden\">removed: </span>Criminalise</del> grooming even without a meeting"
        );
        assert_eq!(
            after,
            "<ins><span class=\"visually-hidden\">added: </span>Consider criminalising</ins> grooming even without a meeting"
        );
    }

    #[test]
    fn escapes_words_and_handles_empty_sides() {
        let (before, after) = word_diff("", "<b> & x", M);
        assert_eq!(before, "");
        assert!(after.contains("&lt;b&gt; &amp; x</ins>"), "{after}");
        let (same, again) = word_diff("a b", "a  b", M);
        assert_eq!((same.as_str(), again.as_str()), ("a b", "a b"));
    }

    #[test]
    fn long_edits_are_compared_in_linear_memory() {
        // Edits at both ends leave the whole middle to compare: 2 × 60,000 words, which a
        // table of the two lengths' product would need 14 GB for.
        let words: Vec<String> = (0..60_000).map(|i| format!("w{}", i % 997)).collect();
        let before = words.join(" ");
        let mut edited = words.clone();
        edited[0] = "first".into();
        edited[59_999] = "last".into();
        edited[30_000] = "middle".into();
        let (old, new) = word_diff(&before, &edited.join(" "), M);
        assert_eq!(old.matches("<del>").count(), 3, "three words removed");
        assert_eq!(new.matches("<ins>").count(), 3, "three words added");
        assert!(
            new.starts_with("<ins><span class=\"visually-hidden\">added: </span>first</ins> w1 w2")
        );
        assert!(
            new.contains("w89 <ins><span class=\"visually-hidden\">added: </span>middle</ins> w91"),
            "the middle edit is in place"
        );
    }

    #[test]
    fn past_the_bound_both_texts_are_shown_whole_and_said_to_be() {
        let (before, after) = word_diff_within("a b c d", "a x y d", M, 3);
        let said = "<span class=\"change-whole\">Too long to compare word by word:</span> ";
        assert_eq!(
            before,
            format!("{said}<del><span class=\"visually-hidden\">removed: </span>a b c d</del>")
        );
        assert_eq!(
            after,
            format!("{said}<ins><span class=\"visually-hidden\">added: </span>a x y d</ins>")
        );
        // Within the bound, the same texts are compared word by word.
        let (_, after) = word_diff_within("a b c d", "a x y d", M, 4);
        assert_eq!(
            after,
            "a <ins><span class=\"visually-hidden\">added: </span>x y</ins> d"
        );
        let (empty, _) = word_diff_within("", "a b c d", M, 3);
        assert_eq!(empty, "", "an empty side says nothing");
    }
}
