//! Faithfulness: every recommendation's text and every footnote, with the corrections its
//! editorial notes document undone, equals the project's copy of the source text
//! (`content/source/`). Any other difference — a dropped sentence, a changed word, a lost
//! footnote — fails here.

mod common;

use recpub::model::{Dataset, Recommendation};

const SOURCE: &str = "content/source/lanzarote-ict-recommendations.txt";

fn dataset() -> Dataset {
    recpub::load_dataset(&common::root().join("content")).expect("the bundled content is valid")
}

fn source() -> String {
    std::fs::read_to_string(common::root().join(SOURCE)).unwrap()
}

/// Normalises extracted text for comparison: table pipes, bold marks and separator dashes
/// go; superscript footnote numbers become plain number tokens; white space collapses; no
/// space before closing punctuation.
fn normalise(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    let mut in_superscript = false;
    for c in s.chars() {
        let digit = "⁰¹²³⁴⁵⁶⁷⁸⁹".chars().position(|x| x == c);
        if digit.is_some() != in_superscript {
            t.push(' '); // a superscript number is a token of its own
            in_superscript = digit.is_some();
        }
        match digit {
            Some(d) => t.push(char::from(b'0' + d as u8)),
            None if c == '|' => t.push(' '),
            None => t.push(c),
        }
    }
    let t = t.replace("**", " ");
    let words: Vec<&str> = t
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| c == '-'))
        .collect();
    let mut out = words.join(" ");
    for p in [",", ".", ";", ":", ")"] {
        out = out.replace(&format!(" {p}"), p);
    }
    out.replace("( ", "(")
}

/// Replaces each correction's published text by the source's, undoing the edition's changes.
fn undo(text: &str, corrections: Vec<(&str, &str)>) -> String {
    let mut out = text.to_string();
    for (published, source) in corrections {
        assert_eq!(
            out.matches(published).count(),
            1,
            "correction text {published:?} not once in {text:?}"
        );
        out = out.replacen(published, source, 1);
    }
    out
}

/// The source form of each footnote: `N text`, corrections undone, normalised.
fn footnotes_as_in_source(ds: &Dataset) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for r in &ds.recommendations {
        for f in &r.footnotes {
            let corr = r
                .corrections_for(Some(&f.label))
                .map(|c| (c.text.as_str(), c.source.as_str()))
                .collect();
            out.push((
                f.label.clone(),
                normalise(&undo(&format!("{} {}", f.label, f.text), corr)),
            ));
        }
    }
    out.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
    out
}

/// Start of the marker that opens `rec`'s text in the source, searching from `from`.
fn find_marker(src: &str, from: usize, rec: &Recommendation) -> (usize, usize) {
    if let Some(m) = &rec.source_marker {
        let i = from
            + src[from..]
                .find(m.as_str())
                .unwrap_or_else(|| panic!("{}: marker {m:?} not found", rec.id));
        return (i, i + m.len());
    }
    for word in ["Recommendation ", "Recommendations "] {
        let pat = format!("{word}{}", rec.id);
        let mut at = from;
        while let Some(i) = src[at..].find(&pat).map(|i| at + i) {
            let end = i + pat.len();
            if !src[end..].starts_with(|c: char| c.is_ascii_digit()) {
                return (i, end);
            }
            at = end;
        }
    }
    panic!("{}: no marker in the source after byte {from}", rec.id)
}

/// Each recommendation's stretch of the source: from its marker to the next marker or the next
/// section heading.
fn chunks<'s>(src: &'s str, ds: &Dataset) -> Vec<&'s str> {
    let headings: Vec<usize> = ds
        .sections
        .iter()
        .map(|s| {
            let line = format!("\n{}. {}\n", s.id, s.title);
            src.find(&line)
                .unwrap_or_else(|| panic!("heading {line:?} not in the source"))
                + 1
        })
        .collect();
    let mut marks = Vec::new();
    let mut pos = 0;
    for r in &ds.recommendations {
        let (start, end) = find_marker(src, pos, r);
        marks.push((start, end));
        pos = end;
    }
    (0..marks.len())
        .map(|k| {
            let end = marks.get(k + 1).map_or(src.len(), |m| m.0);
            let end = headings
                .iter()
                .copied()
                .filter(|&h| h > marks[k].1 && h < end)
                .min()
                .unwrap_or(end);
            &src[marks[k].1..end]
        })
        .collect()
}

/// Removes `needle` from `hay` once, as whole tokens; returns whether it was there.
fn remove_tokens(hay: &mut String, needle: &str) -> bool {
    let mut from = 0;
    while let Some(i) = hay[from..].find(needle).map(|i| from + i) {
        let end = i + needle.len();
        let starts = i == 0 || hay.as_bytes()[i - 1] == b' ';
        let ends = end == hay.len() || hay.as_bytes()[end] == b' ';
        if starts && ends {
            hay.replace_range(i..end, " ");
            *hay = hay.split_whitespace().collect::<Vec<_>>().join(" ");
            return true;
        }
        from = end;
    }
    false
}

/// Every difference between the dataset and the source: one line per recommendation whose
/// text differs, and one for footnotes not found in the source as published.
fn differences(ds: &Dataset, src: &str) -> Vec<String> {
    let notes = footnotes_as_in_source(ds);
    let labels: Vec<&str> = notes.iter().map(|(l, _)| l.as_str()).collect();
    let mut found = vec![false; notes.len()];
    let mut out = Vec::new();
    for (r, chunk) in ds.recommendations.iter().zip(chunks(src, ds)) {
        let mut got = normalise(chunk);
        for (k, (_, note)) in notes.iter().enumerate() {
            found[k] |= remove_tokens(&mut got, note);
        }
        // What remains of the source besides the text is footnote markers.
        let got: Vec<&str> = got.split(' ').filter(|w| !labels.contains(w)).collect();
        let got = normalise(&got.join(" "));
        let corr = r
            .corrections_for(None)
            .map(|c| (c.text.as_str(), c.source.as_str()))
            .collect();
        let want = normalise(&undo(&r.text, corr));
        if got != want {
            out.push(format!("{}:\n  source:  {got}\n  dataset: {want}", r.id));
        }
    }
    let missing: Vec<&str> = labels
        .iter()
        .zip(&found)
        .filter(|(_, f)| !**f)
        .map(|(l, _)| *l)
        .collect();
    if !missing.is_empty() {
        out.push(format!(
            "footnotes not found in the source as published: {missing:?}"
        ));
    }
    out
}

#[test]
fn every_recommendation_matches_the_source_text() {
    let diffs = differences(&dataset(), &source());
    assert!(
        diffs.is_empty(),
        "{} difference(s) from the source:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

#[test]
fn a_changed_word_or_a_dropped_party_is_caught() {
    let (mut ds, src) = (dataset(), source());
    let find = |ds: &Dataset, id: &str| {
        ds.recommendations
            .iter()
            .position(|r| r.id.to_string() == id)
            .unwrap()
    };
    let (i, j) = (find(&ds, "III-16"), find(&ds, "X-6"));
    ds.recommendations[i].text = ds.recommendations[i].text.replace("prosecutors", "judges");
    let f = ds.recommendations[j]
        .footnotes
        .iter_mut()
        .find(|f| f.label == "292")
        .unwrap();
    f.text = f.text.replace("Andorra, ", "");
    let diffs = differences(&ds, &src);
    // The changed word; the full list of 292 left over in X-6's stretch of the source; and the
    // shortened footnote found nowhere.
    assert_eq!(diffs.len(), 3, "{diffs:?}");
    assert!(
        diffs[0].starts_with("III-16:") && diffs[0].contains("for judges who"),
        "{}",
        diffs[0]
    );
    assert!(
        diffs[1].starts_with("X-6:") && diffs[1].contains("Albania, Andorra, Austria"),
        "{}",
        diffs[1]
    );
    assert_eq!(
        diffs[2],
        "footnotes not found in the source as published: [\"292\"]"
    );
}

#[test]
fn the_dataset_has_every_recommendation_of_every_section() {
    let ds = dataset();
    let counts: Vec<(String, usize)> = ds
        .sections
        .iter()
        .map(|s| {
            (
                s.id.to_string(),
                ds.recommendations
                    .iter()
                    .filter(|r| r.id.section == s.id)
                    .count(),
            )
        })
        .collect();
    let want = [
        ("II", 12),
        ("III", 32),
        ("IV", 9),
        ("V", 19),
        ("VI", 4),
        ("VII", 7),
        ("VIII", 9),
        ("IX", 8),
        ("X", 7),
        ("XI", 4),
    ];
    assert_eq!(counts, want.map(|(s, n)| (s.to_string(), n)));
    assert_eq!(ds.recommendations.len(), 111);
}

#[test]
fn normalise_handles_the_extraction_noise() {
    assert_eq!(
        normalise("| so ¹⁴⁰ to |---| a , b ( c ) **d** - e"),
        "so 140 to a, b (c) d e"
    );
}
