//! References found in a recommendation's plain text: other recommendations ("Recommendation
//! II-1"), Articles of the Convention ("Article 20(1)(a)") and paragraphs of its Explanatory
//! Report ("para 129"). The loader checks the declared references against these.

use super::IdScheme;

/// References as they occur in a text, each once, in order of first mention.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct FoundRefs {
    pub recommendations: Vec<String>,
    pub articles: Vec<String>,
    pub paragraphs: Vec<String>,
}

/// Scans plain text for references; a recommendation's id is read by the dataset's `ids`.
pub fn find_refs(text: &str, ids: &IdScheme) -> FoundRefs {
    let mut found = FoundRefs::default();
    for (i, _) in text.match_indices("Recommendation ") {
        let word = first_word(&text[i + "Recommendation ".len()..]);
        // The id is the word's first id: `II-1.`, `(II-1)` or `1.4,` end a sentence or clause.
        if let Some((0, id)) = ids.find_ids(word).next() {
            push_once(&mut found.recommendations, &id.to_string());
        }
    }
    for (i, _) in text.match_indices("Article ") {
        if let Some(article) = parse_article(&text[i + "Article ".len()..]) {
            push_once(&mut found.articles, &article);
        }
    }
    for (i, _) in text.match_indices("para ") {
        let digits: String = text[i + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() {
            push_once(&mut found.paragraphs, &digits);
        }
    }
    found
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

fn push_once(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_string());
    }
}

/// Parses the article designation at the start of `s` into the normal form `20(1)(a)`:
/// a number, then bracketed parts; the source's `20(1),f.` and `21(1) c.` forms become
/// `20(1)(f)` and `21(1)(c)`.
pub fn parse_article(s: &str) -> Option<String> {
    let number: String = s.chars().take_while(char::is_ascii_digit).collect();
    if number.is_empty() {
        return None;
    }
    let mut out = number.clone();
    let mut rest = &s[number.len()..];
    while let Some(inner) = rest.strip_prefix('(') {
        let end = inner.find(')')?;
        let part = &inner[..end];
        if part.is_empty() || !part.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        out.push_str(&format!("({part})"));
        rest = &inner[end + 1..];
    }
    if let Some(letter) = trailing_letter(rest) {
        out.push_str(&format!("({letter})"));
    }
    Some(out)
}

/// The `,f.` or ` c.` that the source uses for a point of an article's paragraph.
fn trailing_letter(rest: &str) -> Option<char> {
    let rest = rest.strip_prefix(',').or_else(|| rest.strip_prefix(' '))?;
    let mut chars = rest.chars();
    let letter = chars.next()?;
    (letter.is_ascii_lowercase() && chars.next() == Some('.')).then_some(letter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_normalise() {
        assert_eq!(parse_article("20(2) Lanzarote").as_deref(), Some("20(2)"));
        assert_eq!(parse_article("20(1)(a))").as_deref(), Some("20(1)(a)"));
        assert_eq!(parse_article("20(1),f. of").as_deref(), Some("20(1)(f)"));
        assert_eq!(parse_article("21(1) c. of").as_deref(), Some("21(1)(c)"));
        assert_eq!(parse_article("18), offences").as_deref(), Some("18"));
        assert_eq!(parse_article("25(1)(e) of").as_deref(), Some("25(1)(e)"));
        assert_eq!(parse_article("20 of the").as_deref(), Some("20"));
        assert_eq!(parse_article("of"), None);
    }

    #[test]
    fn finds_each_reference_once() {
        let text = "in line with its Recommendation II-1 above and Recommendation II-1. \
                    Article 25(3) with regards to Article 25(1)(e), para 129 of the Explanatory Report.";
        let ids = IdScheme::new(vec!["II".into()], crate::model::IdPattern::Hyphen);
        let found = find_refs(text, &ids);
        assert_eq!(found.recommendations, ["II-1"]);
        assert_eq!(found.articles, ["25(3)", "25(1)(e)"]);
        assert_eq!(found.paragraphs, ["129"]);
    }

    #[test]
    fn recommendations_are_read_by_the_pattern() {
        let ids = IdScheme::new(vec!["1".into()], crate::model::IdPattern::Dot);
        let text = "As in Recommendation 1.4. See Recommendation 2.1, not Recommendation II-1.";
        assert_eq!(find_refs(text, &ids).recommendations, ["1.4", "2.1"]);
    }
}
