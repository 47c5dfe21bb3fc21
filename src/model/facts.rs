//! Numbers the data knows, for prose: the dataset's counts and edition in; out, the value of
//! each name a content page may write as `{{ name }}`, and the places where a text writes one
//! of those numbers out by hand (which goes stale when the data changes).

use super::Dataset;

/// The names a content page may use, each with what it stands for (said in `check`'s help).
pub(crate) const NAMES: [(&str, &str); 6] = [
    ("recommendations", "the number of recommendations"),
    ("sections", "the number of sections"),
    ("parties", "the number of Parties"),
    ("first_section", "the first section's id"),
    ("last_section", "the last section's id"),
    ("edition", "the edition's version (site.toml's [edition])"),
];

/// What the data knows that prose might write out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    pub recommendations: usize,
    pub sections: usize,
    pub parties: usize,
    pub first_section: Option<String>,
    pub last_section: Option<String>,
    /// The edition's version, when `site.toml` sets one.
    pub edition: Option<String>,
}

/// A number written out by hand where a name would follow the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HardCoded {
    /// Byte offset of the number in the text.
    pub offset: usize,
    /// The number as written (`111`, `ten`, `1.1`).
    pub written: String,
    /// The name that says it.
    pub name: &'static str,
}

impl Facts {
    /// The facts of a valid dataset.
    pub(crate) fn of(ds: &Dataset) -> Facts {
        Facts {
            recommendations: ds.recommendations.len(),
            sections: ds.sections.len(),
            parties: ds.parties.len(),
            first_section: ds.sections.first().map(|s| s.id.to_string()),
            last_section: ds.sections.last().map(|s| s.id.to_string()),
            edition: ds.site.edition.as_ref().map(|e| e.version.clone()),
        }
    }

    /// The value of `name`: `None` for a name that is not one of [`NAMES`], `Some(None)` for
    /// one this dataset has no value for (no edition, no section).
    pub(crate) fn value(&self, name: &str) -> Option<Option<String>> {
        Some(match name {
            "recommendations" => Some(self.recommendations.to_string()),
            "sections" => Some(self.sections.to_string()),
            "parties" => Some(self.parties.to_string()),
            "first_section" => self.first_section.clone(),
            "last_section" => self.last_section.clone(),
            "edition" => self.edition.clone(),
            _ => return None,
        })
    }

    /// The counts and the edition's version that `text` writes out: a count followed by what
    /// it counts ("111 recommendations", "ten sections", "47 Parties"), the version after
    /// "edition" or "version". Other numbers are left alone: "77 recommendations concern
    /// Finland" is not the count of all of them.
    pub(crate) fn hard_coded(&self, text: &str) -> Vec<HardCoded> {
        let words = words(text);
        let mut found = Vec::new();
        for (i, &(offset, word)) in words.iter().enumerate() {
            let next = words
                .get(i + 1)
                .map(|w| w.1.to_lowercase())
                .unwrap_or_default();
            let before = i.checked_sub(1).map(|j| words[j].1.to_lowercase());
            let name = match number(word) {
                Some(n) if n == self.recommendations && next.starts_with("recommendation") => {
                    Some("recommendations")
                }
                Some(n) if n == self.sections && next.starts_with("section") => Some("sections"),
                Some(n) if n == self.parties && (next == "party" || next == "parties") => {
                    Some("parties")
                }
                _ if self.edition.as_deref() == Some(word)
                    && matches!(before.as_deref(), Some("edition" | "version")) =>
                {
                    Some("edition")
                }
                _ => None,
            };
            if let Some(name) = name {
                let written = word.to_string();
                found.push(HardCoded {
                    offset,
                    written,
                    name,
                });
            }
        }
        found
    }
}

/// The words of `text` with their byte offsets: letters and digits, with a dot inside a
/// number (`1.1`) kept.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let dot_in_number = c == '.'
            && start.is_some()
            && i > 0
            && bytes[i - 1].is_ascii_digit()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        match (c.is_alphanumeric() || dot_in_number, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A count written in digits or as an English word up to twenty, or a multiple of ten.
fn number(word: &str) -> Option<usize> {
    if let Ok(n) = word.parse() {
        return Some(n);
    }
    const WORDS: [&str; 21] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
    ];
    const TENS: [&str; 7] = [
        "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let w = word.to_lowercase();
    let small = WORDS.iter().position(|&x| x == w);
    small.or_else(|| TENS.iter().position(|&x| x == w).map(|i| (i + 3) * 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> Facts {
        Facts {
            recommendations: 111,
            sections: 10,
            parties: 48,
            first_section: Some("II".into()),
            last_section: Some("XI".into()),
            edition: Some("1.1".into()),
        }
    }

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let f = facts().hard_coded(text);
        f.into_iter().map(|h| (h.written, h.name)).collect()
    }

    #[test]
    fn counts_written_out_are_found_where_they_are() {
        let text = "The 111 recommendations, in ten sections, to the 48 Parties (edition 1.1).";
        let hits = facts().hard_coded(text);
        assert_eq!(
            hits.iter()
                .map(|h| (&text[h.offset..h.offset + h.written.len()], h.name))
                .collect::<Vec<_>>(),
            [
                ("111", "recommendations"),
                ("ten", "sections"),
                ("48", "parties"),
                ("1.1", "edition")
            ]
        );
    }

    #[test]
    fn other_numbers_are_left_alone() {
        assert!(
            found("77 recommendations concern Finland; 111 texts; 10 pt; 1.1 metres").is_empty()
        );
        assert!(found("version 1.10, 1.1.2 and recommendation 111").is_empty());
        assert_eq!(
            found("One hundred and Eleven? No: TEN Sections."),
            [("TEN".into(), "sections")]
        );
    }

    #[test]
    fn every_name_has_a_value_or_says_it_has_none() {
        let f = facts();
        for (name, _) in NAMES {
            assert!(matches!(f.value(name), Some(Some(_))), "{name}");
        }
        assert_eq!(f.value("recommendations"), Some(Some("111".into())));
        assert_eq!(f.value("recomendations"), None);
        let none = Facts::default();
        assert_eq!(none.value("edition"), Some(None));
    }
}
