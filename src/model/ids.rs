//! Identifier newtypes: recommendation ids (`III-14`, `1.4`), section ids (`III`, `A.1`) and
//! Party slugs (`north-macedonia`), with the only parsers that accept them ([`IdScheme`] for
//! ids, which depend on the dataset's sections and id pattern). Slugs are URL-safe by
//! construction, so none can escape the output folder.

use std::fmt;

/// A section's id as `sections.toml` writes it (`II`, `3`, `A`, `A.1`): ASCII letters and
/// digits, with single `.` or `-` between them ([`is_section_id`]). It orders by the section's
/// place in `sections.toml` (its rank, given by the [`IdScheme`] that made it), so `IX` comes
/// before `X` and `B` before `A` when the file says so; a section the file does not list comes
/// after every listed one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SectionId {
    rank: u32,
    id: String,
}

impl SectionId {
    pub fn as_str(&self) -> &str {
        &self.id
    }

    /// URL segment: lower case (`iii`, `a.1`).
    pub fn slug(&self) -> String {
        self.id.to_lowercase()
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

/// The longest section id: ids are parts of URLs and file names, and short labels.
pub const SECTION_ID_MAX: usize = 16;

/// Whether `s` is a valid section id: 1 to 16 ASCII letters and digits, where a single `.` or
/// `-` may join two runs of them (`II`, `3`, `A`, `A.1`, `B-2`). URL-safe, and never `.` or
/// `..`, so no section can escape the output folder.
pub fn is_section_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SECTION_ID_MAX
        && s.split(['.', '-'])
            .all(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// How a recommendation id is written: its section, one separator, its number from 1.
/// `sections.toml` declares it as `id_pattern`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdPattern {
    /// `{section}-{n}`: `III-14` (the default).
    Hyphen,
    /// `{section}.{n}`: `1.4`, `A.1.2`.
    Dot,
}

impl IdPattern {
    /// The patterns a dataset may declare, as written in `sections.toml`.
    pub const ALL: [(&'static str, IdPattern); 2] = [
        ("{section}-{n}", IdPattern::Hyphen),
        ("{section}.{n}", IdPattern::Dot),
    ];

    /// The pattern written as `s`, if it is one.
    pub fn parse(s: &str) -> Option<IdPattern> {
        IdPattern::ALL
            .iter()
            .find(|(w, _)| *w == s)
            .map(|(_, p)| *p)
    }

    /// The character between section and number.
    pub fn separator(self) -> char {
        match self {
            IdPattern::Hyphen => '-',
            IdPattern::Dot => '.',
        }
    }

    /// The pattern as `sections.toml` writes it.
    pub fn as_str(self) -> &'static str {
        IdPattern::ALL
            .iter()
            .find(|(_, p)| *p == self)
            .map_or("", |(w, _)| w)
    }
}

/// A dataset's ids: its sections in report order and how its recommendation ids are written.
/// The one parser of section and recommendation ids: files, references, release notes and
/// the release history all read ids through it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdScheme {
    sections: Vec<String>,
    pattern: IdPattern,
}

impl Default for IdScheme {
    /// No sections, today's `{section}-{n}` pattern.
    fn default() -> Self {
        IdScheme::new(Vec::new(), IdPattern::Hyphen)
    }
}

impl IdScheme {
    /// The scheme of sections listed in report order (as `sections.toml` lists them).
    pub fn new(sections: Vec<String>, pattern: IdPattern) -> IdScheme {
        IdScheme { sections, pattern }
    }

    pub fn pattern(&self) -> IdPattern {
        self.pattern
    }

    /// A section id, ranked by its place in the list (after every listed one when it is not
    /// listed); `None` when `s` is not a valid id at all.
    pub fn section(&self, s: &str) -> Option<SectionId> {
        if !is_section_id(s) {
            return None;
        }
        let rank = self.sections.iter().position(|x| x == s);
        Some(SectionId {
            rank: rank.map_or(u32::MAX, |r| r as u32),
            id: s.to_string(),
        })
    }

    /// The first listed section.
    pub fn first_section(&self) -> Option<SectionId> {
        self.section(self.sections.first()?)
    }

    /// Whether the section is one of the listed ones.
    pub fn knows(&self, section: &SectionId) -> bool {
        section.rank != u32::MAX
    }

    /// A recommendation id as the pattern writes it: a valid section id, the separator, and a
    /// number from 1 without leading zeros (at most 4 digits). The section may be unknown
    /// (see [`IdScheme::knows`]).
    pub fn rec(&self, s: &str) -> Option<RecId> {
        let sep = self.pattern.separator();
        let (sec, num) = s.rsplit_once(sep)?;
        let valid_num = !num.is_empty()
            && num.len() <= 4
            && !num.starts_with('0')
            && num.bytes().all(|b| b.is_ascii_digit());
        if !valid_num {
            return None;
        }
        Some(RecId {
            section: self.section(sec)?,
            number: num.parse().ok()?,
            sep,
        })
    }

    /// The id of recommendation `number` of `section`, written by the pattern.
    pub fn rec_of(&self, section: SectionId, number: u32) -> RecId {
        RecId {
            section,
            number,
            sep: self.pattern.separator(),
        }
    }

    /// Every recommendation id written in `text`, with its byte offset: each maximal run of
    /// letters, digits, `.` and `-` that, without its trailing `.` and `-`, the pattern
    /// accepts (`(II-1)`, `II-1,` and `1.4.` name one; `II-10` does not name `II-1`).
    pub fn find_ids<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, RecId)> + 't {
        let part = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
        let mut at = 0;
        std::iter::from_fn(move || {
            while at < text.len() {
                let rest = &text[at..];
                let start = at + rest.find(part)?;
                let len = text[start..]
                    .find(|c| !part(c))
                    .unwrap_or(text.len() - start);
                at = start + len;
                let word = text[start..at].trim_end_matches(['.', '-']);
                if let Some(id) = self.rec(word) {
                    return Some((start, id));
                }
            }
            None
        })
    }
}

/// A recommendation id: section and number, written by the dataset's [`IdPattern`] (`III-14`,
/// `1.4`). Orders by section (in report order), then number.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecId {
    pub section: SectionId,
    pub number: u32,
    /// The pattern's separator, for writing the id.
    sep: char,
}

impl RecId {
    /// The id of another recommendation of the same section, written the same way.
    pub fn with_number(&self, number: u32) -> RecId {
        RecId {
            number,
            ..self.clone()
        }
    }

    /// URL segment: lower case, `iii-14`, `a.1.2`.
    pub fn slug(&self) -> String {
        self.to_string().to_lowercase()
    }
}

impl fmt::Display for RecId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}{}", self.section, self.sep, self.number)
    }
}

/// A Party's URL slug: lower-case ASCII words joined by single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartySlug(String);

impl PartySlug {
    pub fn parse(s: &str) -> Option<PartySlug> {
        let ok = !s.is_empty()
            && s.len() <= 64
            && s.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            });
        ok.then(|| PartySlug(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PartySlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Whether `s` is a safe page slug (same rule as Party slugs).
pub fn is_slug(s: &str) -> bool {
    PartySlug::parse(s).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roman() -> IdScheme {
        let sections = ["II", "III", "IX", "X"].map(String::from).to_vec();
        IdScheme::new(sections, IdPattern::Hyphen)
    }

    #[test]
    fn rec_ids_parse_strictly() {
        let ids = roman();
        let id = ids.rec("III-14").unwrap();
        assert_eq!((id.section.as_str(), id.number), ("III", 14));
        assert_eq!(
            (id.to_string(), id.slug()),
            ("III-14".into(), "iii-14".into())
        );
        for bad in [
            "III-",
            "III-0",
            "III-014",
            "III 14",
            "-1",
            "X-1a",
            "../X-1",
            "III.14",
            "III--1",
            "III-12345",
        ] {
            assert!(ids.rec(bad).is_none(), "{bad} accepted");
        }
        // An unknown section is an id all the same; validation says the section is unknown.
        let xii = ids.rec("XII-1").unwrap();
        assert!(!ids.knows(&xii.section) && ids.knows(&id.section));
    }

    #[test]
    fn section_ids_are_url_safe_words() {
        for good in ["II", "3", "A", "A.1", "b-2", "Annex1"] {
            assert!(is_section_id(good), "{good} refused");
        }
        for bad in [
            "",
            ".",
            "..",
            "A..1",
            "A.",
            "-A",
            "A/1",
            "A 1",
            "é",
            "A_1",
            "12345678901234567",
        ] {
            assert!(!is_section_id(bad), "{bad} accepted");
        }
    }

    #[test]
    fn dotted_ids_split_at_the_last_dot() {
        let ids = IdScheme::new(vec!["A.1".into(), "1".into()], IdPattern::Dot);
        let id = ids.rec("A.1.12").unwrap();
        assert_eq!((id.section.as_str(), id.number), ("A.1", 12));
        assert_eq!(
            (id.to_string(), id.slug()),
            ("A.1.12".into(), "a.1.12".into())
        );
        assert!(ids.rec("1.3").is_some() && ids.rec("1-3").is_none());
    }

    #[test]
    fn sections_order_as_listed() {
        let ids = IdScheme::new(vec!["B".into(), "A".into()], IdPattern::Hyphen);
        assert!(ids.section("B") < ids.section("A"));
        // Unlisted sections come last.
        assert!(ids.section("A") < ids.section("C"));
        let r = roman();
        assert!(r.section("IX") < r.section("X") && r.section("III") < r.section("IX"));
    }

    #[test]
    fn ids_order_by_section_then_number() {
        let r = roman();
        let mut ids: Vec<_> = ["X-1", "II-10", "II-9", "II-1"]
            .iter()
            .map(|s| r.rec(s).unwrap())
            .collect();
        ids.sort();
        assert_eq!(
            ids.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
            ["II-1", "II-9", "II-10", "X-1"]
        );
    }

    #[test]
    fn ids_are_found_as_whole_words() {
        let found = |ids: &IdScheme, text: &str| -> Vec<String> {
            ids.find_ids(text).map(|(_, id)| id.to_string()).collect()
        };
        let r = roman();
        // `II-1-2` reads as recommendation 2 of a section `II-1`: never as `II-1`.
        assert_eq!(
            found(&r, "(II-1), II-10: and II-1-2, III-1-."),
            ["II-1", "II-10", "II-1-2", "III-1"]
        );
        let d = IdScheme::new(vec!["1".into(), "A.1".into()], IdPattern::Dot);
        assert_eq!(
            found(&d, "See 1.4. Also A.1.2, 2.1.1 and 1.04"),
            ["1.4", "A.1.2", "2.1.1"]
        );
        assert_eq!(d.find_ids("x 1.4").next().map(|(at, _)| at), Some(2));
    }

    #[test]
    fn slugs_cannot_escape() {
        assert!(PartySlug::parse("north-macedonia").is_some());
        for bad in ["", "..", "a/b", "a--b", "-a", "North", "a b", "a\\b", "é"] {
            assert!(PartySlug::parse(bad).is_none(), "{bad} accepted");
        }
    }
}
