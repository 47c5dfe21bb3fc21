//! Punycode (RFC 3492): an internationalised host name in, its ASCII form (`xn--` labels) out,
//! for the hint that tells a maintainer what to write. Each label is put in lower case and
//! composed (NFC) first, as IDNA's mapping does for the names people write.

use unicode_normalization::UnicodeNormalization;

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// `bücher.example` → `xn--bcher-kva.example`; `None` if a label would overflow.
pub(super) fn to_ascii(host: &str) -> Option<String> {
    let labels: Option<Vec<String>> = host
        .split('.')
        .map(|label| {
            let label: String = label.nfc().collect::<String>().to_lowercase();
            if label.is_ascii() {
                Some(label)
            } else {
                encode(&label).map(|p| format!("xn--{p}"))
            }
        })
        .collect();
    Some(labels?.join("."))
}

/// One label's Punycode, without the `xn--` prefix.
pub(super) fn encode(input: &str) -> Option<String> {
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(out.len()).ok()?;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias, mut handled) = (INITIAL_N, 0u32, INITIAL_BIAS, basic);
    while (handled as usize) < code_points.len() {
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                encode_delta(delta, bias, &mut out);
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n += 1;
    }
    Some(out)
}

/// `delta` as a generalised variable-length integer.
fn encode_delta(delta: u32, bias: u32, out: &mut String) {
    let mut q = delta;
    let mut k = BASE;
    loop {
        let t = if k <= bias {
            T_MIN
        } else if k >= bias + T_MAX {
            T_MAX
        } else {
            k - bias
        };
        if q < t {
            break;
        }
        out.push(digit(t + (q - t) % (BASE - t)));
        q = (q - t) / (BASE - t);
        k += BASE;
    }
    out.push(digit(q));
}

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn digit(d: u32) -> char {
    let d = d as u8;
    char::from(if d < 26 { b'a' + d } else { b'0' + d - 26 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rfc_samples_and_common_hosts() {
        // RFC 3492, 7.1: (A) Arabic, (B) Chinese, (L) Japanese with Latin.
        let arabic = "\u{644}\u{64A}\u{647}\u{645}\u{627}\u{628}\u{62A}\u{643}\u{644}\u{645}\u{648}\u{634}\u{639}\u{631}\u{628}\u{64A}\u{61F}";
        assert_eq!(encode(arabic).unwrap(), "egbpdaj6bu4bxfgehfvwxn");
        assert_eq!(
            encode("他们为什么不说中文").unwrap(),
            "ihqwcrb4cv8a8dqg056pqjye"
        );
        assert_eq!(
            encode("3年B組金八先生").unwrap(),
            "3B-ww4c5e180e575a65lsy2b"
        );
        assert_eq!(to_ascii("Bücher.example").unwrap(), "xn--bcher-kva.example");
        assert_eq!(to_ascii("münchen.de").unwrap(), "xn--mnchen-3ya.de");
        // A decomposed ü is composed first.
        assert_eq!(to_ascii("mu\u{308}nchen.de").unwrap(), "xn--mnchen-3ya.de");
    }
}
