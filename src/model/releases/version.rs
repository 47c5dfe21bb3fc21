//! Release versions: `1.0`, `1.1`, `2.0.1` in; ordered values out. A version is
//! `MAJOR.MINOR` or `MAJOR.MINOR.PATCH`, numbers without leading zeros (so each version has one
//! spelling: `01.2` is refused, not recorded as typed). Numbers compare as numbers (`1.10` comes
//! after `1.9`), and a zero patch does not count (`1.0` and `1.0.0` are one version).

use std::cmp::Ordering;
use std::fmt;

/// What a version may be, for messages that refuse one.
pub(crate) const VERSION_RULE: &str = "a version is MAJOR.MINOR or MAJOR.MINOR.PATCH, numbers without leading zeros, like 1.2 or 1.2.1";

/// A version: two or three numbers, as written.
#[derive(Debug, Clone, Eq)]
pub struct Version {
    text: String,
    parts: Vec<u32>,
}

impl Version {
    /// Parses `1.1` or `1.1.2`; `None` for anything else ([`VERSION_RULE`]).
    pub fn parse(s: &str) -> Option<Version> {
        let parts: Vec<u32> = s
            .split('.')
            .map(|p| {
                let digits = !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit());
                let canonical = p == "0" || !p.starts_with('0');
                (digits && canonical).then(|| p.parse().ok()).flatten()
            })
            .collect::<Option<_>>()?;
        (2..=3).contains(&parts.len()).then(|| Version {
            text: s.to_string(),
            parts,
        })
    }

    /// As written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The numbers without a zero patch: `1.0.0` and `1.0` are one version.
    fn key(&self) -> &[u32] {
        match self.parts.as_slice() {
            [rest @ .., 0] if rest.len() == 2 => rest,
            parts => parts,
        }
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(other.key())
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_numbers() {
        let v = |s| Version::parse(s).unwrap();
        assert!(v("1.10") > v("1.9"));
        assert!(v("1.1") > v("1.0"));
        assert!(v("2.0") > v("1.99"));
        assert!(v("1.2.1") > v("1.2"));
        assert_eq!(v("1.0"), v("1.0.0"));
        assert_eq!(v("1.2.0"), v("1.2"));
        assert_eq!(v("10.0.1").as_str(), "10.0.1");
    }

    #[test]
    fn only_major_minor_and_patch_without_leading_zeros() {
        for bad in [
            "",
            "1",
            "1.",
            "v1",
            "1.a",
            "1..2",
            "-1",
            "1 .0",
            "01.2",
            "1.02",
            "1.0.00",
            "00.1",
            "1.2.3.4",
            "1.2.3.4.5.6.7.8.9.10",
            "1.1000000",
        ] {
            assert!(Version::parse(bad).is_none(), "{bad:?} accepted");
        }
    }
}
