//! Characters no content may hold: a character in, whether it is refused and how a diagnostic
//! names it out. Control characters (other than tabs and line breaks, which callers allow
//! where text may hold them) are invisible and break pages and downloads; noncharacters
//! (U+FDD0–U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, U+1FFFE …)
//! are not text for interchange: XML refuses U+FFFE and U+FFFF, so a feed or a preview image
//! holding one is ill-formed. One rule for the raw file, TOML escapes and character references.

/// Whether `c` is refused: a control character (tabs and line breaks included; callers that
/// allow them say so) or a noncharacter.
pub(crate) fn is_refused(c: char) -> bool {
    c.is_control() || is_noncharacter(c)
}

/// Whether `c` is one of Unicode's 66 noncharacters.
pub(crate) fn is_noncharacter(c: char) -> bool {
    let u = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// How a message names `c`: `the control character U+0007`, `the noncharacter U+FFFE`.
pub(crate) fn describe(c: char) -> String {
    let kind = if is_noncharacter(c) {
        "noncharacter"
    } else {
        "control character"
    };
    format!("the {kind} U+{:04X}", u32::from(c))
}

/// What to do about `c`, for the `help:` line.
pub(crate) fn help(c: char) -> &'static str {
    if is_noncharacter(c) {
        "noncharacters are not text: feeds and preview images cannot hold them; remove it"
    } else {
        "control characters are invisible and break pages and downloads; remove it"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_66_noncharacters_and_no_other() {
        let all = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| is_noncharacter(c))
            .count();
        assert_eq!(all, 66);
        for c in [
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert!(is_refused(c), "{c:?}");
        }
        for c in ['\u{FDCF}', '\u{FDF0}', '\u{FFFD}', '\u{FEFF}', 'é', ' '] {
            assert!(!is_refused(c), "{c:?}");
        }
        assert!(is_refused('\u{7}') && is_refused('\u{9F}'));
        assert_eq!(describe('\u{FFFE}'), "the noncharacter U+FFFE");
        assert_eq!(describe('\u{1B}'), "the control character U+001B");
        assert_eq!(describe('\u{10FFFF}'), "the noncharacter U+10FFFF");
    }
}
