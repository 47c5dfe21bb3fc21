//! Release versions: `1.0`, `1.1`, `2.0` in; ordered values out. Numbers compare as numbers
//! (`1.10` comes after `1.9`), and trailing zeros do not count (`1` and `1.0` are one version).

use std::cmp::Ordering;
use std::fmt;

/// A version: dot-separated numbers, as written.
#[derive(Debug, Clone, Eq)]
pub struct Version {
    text: String,
    parts: Vec<u32>,
}

impl Version {
    /// Parses `1.1`; `None` for anything but dot-separated numbers (at most four).
    pub fn parse(s: &str) -> Option<Version> {
        let parts: Vec<u32> = s
            .split('.')
            .map(|p| {
                let digits = !p.is_empty() && p.len() <= 6 && p.bytes().all(|b| b.is_ascii_digit());
                digits.then(|| p.parse().ok()).flatten()
            })
            .collect::<Option<_>>()?;
        (parts.len() <= 4).then(|| Version {
            text: s.to_string(),
            parts,
        })
    }

    /// As written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn key(&self) -> &[u32] {
        let n = self
            .parts
            .iter()
            .rposition(|p| *p != 0)
            .map_or(0, |i| i + 1);
        &self.parts[..n]
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
        assert!(v("2") > v("1.99"));
        assert_eq!(v("1"), v("1.0"));
        for bad in ["", "1.", "v1", "1.a", "1..2", "-1", "1.0.0.0.0", "1 .0"] {
            assert!(Version::parse(bad).is_none(), "{bad:?} accepted");
        }
    }
}
