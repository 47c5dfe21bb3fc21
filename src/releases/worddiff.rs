//! Word-level differences: two texts in, the before text with removed words marked `<del>` and
//! the after text with added words marked `<ins>` out, as escaped HTML. Each mark starts with a
//! visually hidden word from the theme, so a screen reader says what the mark means and no
//! reader depends on colour.

use crate::markdown::escape;

/// The theme's hidden words that open a `<del>` and an `<ins>` ("removed:", "added:").
#[derive(Debug, Clone, Copy)]
pub(crate) struct Marks<'a> {
    pub removed: &'a str,
    pub added: &'a str,
}

/// One run of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Removed,
    Added,
}

/// `(before_html, after_html)` of `before` and `after`, words compared exactly.
pub(crate) fn word_diff(before: &str, after: &str, marks: Marks) -> (String, String) {
    let a: Vec<&str> = before.split_whitespace().collect();
    let b: Vec<&str> = after.split_whitespace().collect();
    let ops = diff(&a, &b);
    let side = |keep: Op, tag: &str, mark: &str| {
        let mut html = String::new();
        let mut run: Vec<&str> = Vec::new();
        let mut open = false;
        for (op, word) in ops.iter().filter(|(op, _)| *op == Op::Same || *op == keep) {
            let marked = *op == keep;
            if marked != open {
                flush(&mut html, &mut run, open, tag, mark);
                open = marked;
            }
            run.push(word);
        }
        flush(&mut html, &mut run, open, tag, mark);
        html
    };
    (
        side(Op::Removed, "del", marks.removed),
        side(Op::Added, "ins", marks.added),
    )
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

/// The edit script from `a` to `b`: the common prefix and suffix kept, the middle by longest
/// common subsequence (the texts are a few hundred words, and only changed ones are compared).
fn diff<'w>(a: &[&'w str], b: &[&'w str]) -> Vec<(Op, &'w str)> {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (ma, mb) = (&a[pre..a.len() - suf], &b[pre..b.len() - suf]);
    let mut out: Vec<(Op, &str)> = a[..pre].iter().map(|w| (Op::Same, *w)).collect();
    // lcs[i][j]: length of the longest common subsequence of ma[i..] and mb[j..].
    let (n, m) = (ma.len(), mb.len());
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i * (m + 1) + j] = if ma[i] == mb[j] {
                lcs[(i + 1) * (m + 1) + j + 1] + 1
            } else {
                lcs[(i + 1) * (m + 1) + j].max(lcs[i * (m + 1) + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && ma[i] == mb[j] {
            out.push((Op::Same, ma[i]));
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || lcs[i * (m + 1) + j + 1] >= lcs[(i + 1) * (m + 1) + j]) {
            out.push((Op::Added, mb[j]));
            j += 1;
        } else {
            out.push((Op::Removed, ma[i]));
            i += 1;
        }
    }
    out.extend(a[a.len() - suf..].iter().map(|w| (Op::Same, *w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: Marks = Marks {
        removed: "removed:",
        added: "added:",
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
}
