//! Identifier newtypes: recommendation ids (`III-14`), section ids (`III`) and Party slugs
//! (`north-macedonia`), with the only parsers that accept them. Slugs are URL-safe by
//! construction, so none can escape the output folder.

use std::fmt;

/// A section's Roman numeral, upper case. Orders by numeric value (II < IX < X).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SectionId(String);

impl Ord for SectionId {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.value(), &self.0).cmp(&(other.value(), &other.0))
    }
}

impl PartialOrd for SectionId {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl SectionId {
    /// Accepts an upper-case Roman numeral (`II`, `XI`).
    pub fn parse(s: &str) -> Option<SectionId> {
        let ok = !s.is_empty() && s.len() <= 8 && s.chars().all(|c| "IVXLC".contains(c));
        ok.then(|| SectionId(s.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The numeral's value (subtractive notation: IX = 9).
    pub fn value(&self) -> u32 {
        let digit = |c| match c {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            _ => 100,
        };
        let digits: Vec<i64> = self.0.chars().map(digit).collect();
        let mut total = 0;
        for (i, d) in digits.iter().enumerate() {
            // A smaller digit before a larger one is subtracted (IV, IX, XL).
            if digits.get(i + 1).is_some_and(|next| next > d) {
                total -= d;
            } else {
                total += d;
            }
        }
        total.max(0) as u32
    }

    /// URL segment: lower case.
    pub fn slug(&self) -> String {
        self.0.to_lowercase()
    }
}

impl fmt::Display for SectionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A recommendation id: section and number, `III-14`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RecId {
    pub section: SectionId,
    pub number: u32,
}

impl RecId {
    /// Accepts `<SECTION>-<n>` with an upper-case Roman numeral and a number from 1.
    pub fn parse(s: &str) -> Option<RecId> {
        let (sec, num) = s.split_once('-')?;
        let valid_num =
            !num.is_empty() && num.len() <= 4 && num.bytes().all(|b| b.is_ascii_digit());
        let number: u32 = if valid_num {
            num.parse().ok()?
        } else {
            return None;
        };
        (number > 0 && !num.starts_with('0')).then_some(())?;
        Some(RecId {
            section: SectionId::parse(sec)?,
            number,
        })
    }

    /// URL segment: lower case, `iii-14`.
    pub fn slug(&self) -> String {
        format!("{}-{}", self.section.slug(), self.number)
    }
}

impl fmt::Display for RecId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.section, self.number)
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

    #[test]
    fn rec_ids_parse_strictly() {
        let id = RecId::parse("III-14").unwrap();
        assert_eq!((id.section.as_str(), id.number), ("III", 14));
        assert_eq!(id.slug(), "iii-14");
        for bad in [
            "iii-14", "III-", "III-0", "III-014", "III 14", "-1", "X-1a", "III-14-2", "../X-1",
        ] {
            assert!(RecId::parse(bad).is_none(), "{bad} accepted");
        }
    }

    #[test]
    fn sections_order_by_value() {
        let v: Vec<u32> = ["II", "IV", "IX", "XI", "XL"]
            .iter()
            .map(|s| SectionId::parse(s).unwrap().value())
            .collect();
        assert_eq!(v, [2, 4, 9, 11, 40]);
        assert!(SectionId::parse("IX").unwrap() < SectionId::parse("X").unwrap());
        assert!(SectionId::parse("V").unwrap() < SectionId::parse("IX").unwrap());
    }

    #[test]
    fn ids_order_by_section_then_number() {
        let mut ids: Vec<_> = ["II-10", "II-9", "II-1"]
            .iter()
            .map(|s| RecId::parse(s).unwrap())
            .collect();
        ids.sort();
        assert_eq!(
            ids.iter().map(|i| i.to_string()).collect::<Vec<_>>(),
            ["II-1", "II-9", "II-10"]
        );
    }

    #[test]
    fn slugs_cannot_escape() {
        assert!(PartySlug::parse("north-macedonia").is_some());
        for bad in ["", "..", "a/b", "a--b", "-a", "North", "a b", "a\\b", "é"] {
            assert!(PartySlug::parse(bad).is_none(), "{bad} accepted");
        }
    }
}
