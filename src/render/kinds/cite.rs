//! Citations as files: one recommendation's facts in; out, its BibTeX entry, its RIS record and
//! its CSL-JSON item. Each format escapes what comes from the content its own way: BibTeX's
//! special characters become commands (braces stay balanced), RIS values are kept to one line,
//! and CSL-JSON is escaped by `serde_json`. The dataset's `CITATION.cff` is in `super::cff`.

use anyhow::Result;
use serde::Serialize;

use crate::graph::RecIdx;
use crate::model::{FurtherReport, Recommendation, Report};
use crate::render::Renderer;

/// The key of further report `f`'s recommendation `rec` in a file that cites every report's:
/// `special-1.1`, its report's slug before its id, since ids are unique within a report only.
pub(in crate::render) fn further_key(f: &FurtherReport, rec: &Recommendation) -> String {
    format!("{}-{}", f.slug, rec.id)
}

/// What a citation of one recommendation names: the Committee, the report, the round, the
/// adoption date, the recommendation's id and short title, its address and, in the note, the
/// edition it was read in. The report has no version of its own: the edition's version is
/// this dataset's, so it is only in the note, never in a version field of the report.
#[derive(Debug, Clone)]
pub(in crate::render) struct Citation<'a> {
    /// The citation key: the id, `III-16` (a further report's in a file of every report's
    /// citations: `<slug>-<id>`, see [`further_key`]).
    pub id: String,
    /// The monitoring body, as the report's author; empty when site.toml does not name it
    /// (then every format leaves it out, as every empty field).
    pub author: &'a str,
    /// "Recommendation III-16: <its short title>", from the theme's words.
    pub title: String,
    /// The report's title.
    pub report: &'a str,
    /// "Implementation report, 2nd monitoring round", from the theme's words.
    pub series: String,
    /// The adoption date as site.toml gives it ("March 2022").
    pub adopted: &'a str,
    /// The body's reference of the report ("T-ES(2022)01"), when its facts give it.
    pub reference: Option<&'a str>,
    /// "Adopted March 2022. <site>, edition 1.0 (2026-11-29).", from the theme's words.
    pub note: String,
    /// The recommendation's permalink.
    pub url: String,
}

/// The citation of recommendation `i`, its words from the theme (`cite.*`).
pub(in crate::render) fn of<'a>(r: &Renderer<'_, 'a>, i: RecIdx) -> Result<Citation<'a>> {
    let rec = r.site().rec(i);
    let url = r.items.permalink(i).to_string();
    in_report(r, &r.site().meta().report, rec, rec.id.to_string(), url)
}

/// The citation of `rec`, a recommendation of `rep` (the first report's or a further one's),
/// cited by `key` at its permalink `url`; the edition and the site are the site's.
pub(in crate::render) fn in_report<'a>(
    r: &Renderer<'_, 'a>,
    rep: &'a Report,
    rec: &Recommendation,
    key: String,
    url: String,
) -> Result<Citation<'a>> {
    let site = &r.site().meta();
    let adopted = rep.adopted.as_deref().unwrap_or_default();
    let t = r.strings();
    let note = match &site.edition {
        Some(e) => t.fill(
            "cite.note",
            &[
                ("adopted", adopted),
                ("site", &site.title),
                ("version", &e.version),
                ("date", &e.date),
            ],
        )?,
        None => t.fill(
            "cite.note_no_edition",
            &[("adopted", adopted), ("site", &site.title)],
        )?,
    };
    let id = rec.id.to_string();
    Ok(Citation {
        title: t.fill("cite.title", &[("id", &id), ("title", &rec.title)])?,
        id: key,
        author: rep.body.as_deref().unwrap_or_default(),
        report: &rep.title,
        series: match &rep.round {
            Some(round) => t.fill("cite.series", &[("round", round)])?,
            None => String::new(),
        },
        adopted,
        reference: rep.reference.as_deref(),
        note,
        url,
    })
}

/// The year and month (1–12) of a date written like "March 2022" or "2022-03": the last run
/// of four digits is the year; an English month name, or the number after `YYYY-`, the month.
pub(in crate::render) fn year_month(date: &str) -> (Option<u32>, Option<u32>) {
    let words: Vec<&str> = date
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let year_at = words
        .iter()
        .rposition(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
    let year = year_at.and_then(|i| words[i].parse().ok());
    // A month's name or its abbreviation of at least three letters ("Mar", "Sept").
    let by_name = words.iter().find_map(|w| {
        let w = w.to_ascii_lowercase();
        let m = MONTH_NAMES
            .iter()
            .position(|name| w.len() >= 3 && name.starts_with(w.as_str()))?;
        Some(m as u32 + 1)
    });
    let by_number = year_at
        .and_then(|i| words.get(i + 1))
        .and_then(|w| w.parse().ok())
        .filter(|m| (1..=12).contains(m));
    (year, by_name.or(by_number))
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A BibTeX value: the characters BibTeX or LaTeX read as syntax written as commands, braces
/// escaped so that every entry stays balanced, line breaks and controls as spaces.
pub(in crate::render) fn bibtex_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '&' | '%' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One recommendation as a BibTeX `@incollection` entry: the recommendation within the report.
/// Titles are braced whole so that styles keep their capitals; the edition is in `note`.
pub(in crate::render) fn bibtex(c: &Citation) -> String {
    let (year, month) = year_month(c.adopted);
    let mut fields: Vec<(&str, String)> = vec![
        ("author", format!("{{{{{}}}}}", bibtex_escape(c.author))),
        ("title", format!("{{{{{}}}}}", bibtex_escape(&c.title))),
        ("booktitle", format!("{{{{{}}}}}", bibtex_escape(c.report))),
        ("series", format!("{{{}}}", bibtex_escape(&c.series))),
    ];
    if let Some(y) = year {
        fields.push(("year", format!("{{{y}}}")));
    }
    if let Some(m) = month {
        fields.push(("month", MONTHS_BIB[m as usize - 1].to_string()));
    }
    fields.push(("note", format!("{{{}}}", bibtex_escape(&c.note))));
    fields.push(("url", format!("{{{}}}", bibtex_escape(&c.url))));
    // A fact site.toml does not give leaves only its braces: the field goes.
    fields.retain(|(_, v)| !v.trim_matches(['{', '}']).is_empty());
    let mut out = format!("@incollection{{{},\n", bibtex_key(&c.id));
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push_str("}\n");
    out
}

/// BibTeX's month macros, which every style knows.
const MONTHS_BIB: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A citation key: the id's letters, digits, hyphens and dots (an id has nothing else).
fn bibtex_key(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '.')
        .collect()
}

/// A RIS value: one line (RIS has no escapes; a line break would start a new tag).
fn ris_value(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                ' '
            } else {
                c
            }
        })
        .collect();
    one_line.trim().to_string()
}

/// One recommendation as a RIS record (`CHAP`: a part of the report), lines ending in CR LF
/// as the format specifies; the edition is in `N1`.
pub(in crate::render) fn ris(c: &Citation) -> String {
    let (year, month) = year_month(c.adopted);
    let mut tags: Vec<(&str, String)> = vec![
        ("TY", "CHAP".into()),
        ("ID", c.id.clone()),
        ("AU", c.author.into()),
        ("TI", c.title.clone()),
        ("T2", c.report.into()),
        ("T3", c.series.clone()),
    ];
    if let Some(y) = year {
        tags.push(("PY", y.to_string()));
        let m = month.map_or(String::new(), |m| format!("{m:02}"));
        tags.push(("DA", format!("{y}/{m}//")));
    }
    tags.push(("N1", c.note.clone()));
    tags.push(("UR", c.url.clone()));
    tags.retain(|(_, v)| !v.is_empty());
    let mut out = String::new();
    for (tag, value) in tags {
        out.push_str(&format!("{tag}  - {}\r\n", ris_value(&value)));
    }
    out.push_str("ER  - \r\n");
    out
}

/// One recommendation as a CSL-JSON item (`chapter`: a part of the report).
#[derive(Debug, Serialize)]
pub(in crate::render) struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: &'a str,
    #[serde(rename = "container-title")]
    container_title: &'a str,
    #[serde(rename = "collection-title", skip_serializing_if = "str::is_empty")]
    collection_title: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    author: Vec<CslName<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    /// The report's reference, when its facts give it.
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<&'a str>,
    note: &'a str,
    #[serde(rename = "URL")]
    url: &'a str,
}

/// A name CSL keeps whole: an institution.
#[derive(Debug, Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

#[derive(Debug, Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<u32>; 1],
}

/// The CSL-JSON item of `c`.
pub(in crate::render) fn csl<'a>(c: &'a Citation<'a>) -> CslItem<'a> {
    let (year, month) = year_month(c.adopted);
    CslItem {
        id: &c.id,
        kind: "chapter",
        title: &c.title,
        container_title: c.report,
        collection_title: &c.series,
        author: (!c.author.is_empty())
            .then_some(CslName { literal: c.author })
            .into_iter()
            .collect(),
        issued: year.map(|y| CslDate {
            date_parts: [std::iter::once(y).chain(month).collect()],
        }),
        number: c.reference,
        note: &c.note,
        url: &c.url,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(author: &'a str, report: &'a str) -> Citation<'a> {
        Citation {
            id: "III-16".into(),
            author,
            title: "Recommendation III-16: Remove material".into(),
            report,
            series: "Implementation report, 2nd round".into(),
            adopted: "March 2022",
            reference: None,
            note: "Adopted March 2022. A site, edition 1.0 (2026-01-01).".into(),
            url: "https://x.org/recommendations/iii-16/".into(),
        }
    }

    #[test]
    fn dates_give_year_and_month() {
        assert_eq!(year_month("March 2022"), (Some(2022), Some(3)));
        assert_eq!(year_month("2022-03"), (Some(2022), Some(3)));
        assert_eq!(year_month("adopted 14 Sept 2021"), (Some(2021), Some(9)));
        assert_eq!(year_month("2019"), (Some(2019), None));
        assert_eq!(year_month("Marchpane"), (None, None));
        assert_eq!(year_month("soon"), (None, None));
    }

    #[test]
    fn bibtex_escapes_every_special_character_and_stays_balanced() {
        let nasty = r"A {B} \ & 100% $x #1 a_b ~ ^ end}";
        let bib = bibtex(&sample(nasty, "Report\nwith a break"));
        assert!(bib.contains(
            r"author = {{A \{B\} \textbackslash{} \& 100\% \$x \#1 a\_b \textasciitilde{} \textasciicircum{} end\}}},"
        ), "{bib}");
        assert!(
            bib.contains("booktitle = {{Report with a break}},"),
            "{bib}"
        );
        // Unescaped braces balance over the whole entry.
        let mut depth = 0i32;
        let mut chars = bib.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => {
                    chars.next();
                }
                '{' => depth += 1,
                '}' => depth -= 1,
                _ => {}
            }
            assert!(depth >= 0, "{bib}");
        }
        assert_eq!(depth, 0, "{bib}");
        assert!(bib.starts_with("@incollection{III-16,\n") && bib.contains("  month = mar,\n"));
    }

    #[test]
    fn ris_keeps_every_value_on_its_line() {
        let ris = ris(&sample("Committee\r\nTY  - JOUR", "Report"));
        let lines: Vec<&str> = ris.split("\r\n").collect();
        assert_eq!(lines[0], "TY  - CHAP");
        assert_eq!(lines[2], "AU  - Committee  TY  - JOUR");
        assert!(lines.contains(&"DA  - 2022/03//"));
        assert_eq!(lines.iter().filter(|l| l.starts_with("TY  - ")).count(), 1);
        assert!(ris.ends_with("ER  - \r\n"));
    }

    /// The edition is this dataset's, not the report's: no format gives the report (or the
    /// recommendation in it) a version; the edition is in the note. The title names the
    /// recommendation and its subject.
    #[test]
    fn the_edition_is_in_the_note_and_the_title_names_the_subject() {
        let c = sample("Committee", "Report");
        let bib = bibtex(&c);
        assert!(
            !bib.contains("version") && !bib.contains("edition ="),
            "{bib}"
        );
        assert!(
            bib.contains("title = {{Recommendation III-16: Remove material}},"),
            "{bib}"
        );
        assert!(bib.contains("note = {Adopted March 2022. A site, edition 1.0 (2026-01-01).},"));
        let ris = ris(&c);
        let tags: Vec<&str> = ris.split("\r\n").map(|l| &l[..l.len().min(2)]).collect();
        assert!(!tags.contains(&"ET") && !tags.contains(&"VL"), "{ris}");
        assert!(
            ris.contains("TI  - Recommendation III-16: Remove material\r\n"),
            "{ris}"
        );
        assert!(ris.contains("N1  - Adopted March 2022. A site, edition 1.0 (2026-01-01).\r\n"));
        let csl = serde_json::to_value(csl(&c)).unwrap();
        assert_eq!(csl.get("version"), None);
        assert_eq!(csl.get("edition"), None);
        assert_eq!(csl["title"], "Recommendation III-16: Remove material");
        assert_eq!(
            csl["note"],
            "Adopted March 2022. A site, edition 1.0 (2026-01-01)."
        );
    }
}
