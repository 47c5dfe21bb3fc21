//! Open data: the graph in, `data/recommendations.json`, `data/recommendations.csv`,
//! `data/recommendations.csl.json`, `data/parties.json` and `data/CITATION.cff` out. Records
//! are built from the model, never scraped from pages; every record carries its page's
//! permalink. Every CSV row (here and in each Party's CSV) is made by [`csv_line`], so no
//! cell can start a spreadsheet formula.

use crate::render::engine::Site;
use std::borrow::Cow;
use std::collections::BTreeMap;

use anyhow::{Context, Result};
use serde::Serialize;

use super::data_reports::{append, further_citations, further_records, report_of_first};
use crate::graph::{Concern, PartyIdx, RecIdx};
use crate::model::Recommendation;
use crate::output::Piece;
use crate::render::{Renderer, kinds::pieces};

/// One recommendation as open data.
#[derive(Debug, Serialize)]
pub(in crate::render) struct RecRecord<'a> {
    /// The report's slug, in a site of several reports only ([`report_of_first`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a str>,
    id: String,
    section: &'a str,
    level: &'a str,
    scope: &'static str,
    /// Names as the source spells them; empty unless designated.
    parties: Vec<&'a str>,
    /// Name → qualifier ("Belgium" → "French community"), where the source gives one.
    party_qualifiers: BTreeMap<&'a str, &'a str>,
    /// Sector → names, for recommendations with one list per sector.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    sectors: BTreeMap<&'a str, Vec<&'a str>>,
    list_status: &'static str,
    title: &'a str,
    text: &'a str,
    footnotes: Vec<FootnoteRecord<'a>>,
    references: RefsRecord<'a>,
    /// Every difference from the source, as the recommendation's page declares it.
    editorial: Vec<EditorialRecord<'a>>,
    url: String,
}

/// One editorial note: its kind, its words as plain text, and the changes it documents.
#[derive(Debug, Serialize)]
struct EditorialRecord<'a> {
    kind: &'static str,
    note: String,
    corrections: Vec<CorrectionRecord<'a>>,
}

/// One change from the source: where (`footnote`, or the main text when null), the source's
/// words and the published words.
#[derive(Debug, Serialize)]
struct CorrectionRecord<'a> {
    footnote: Option<&'a str>,
    source: &'a str,
    published: &'a str,
}

#[derive(Debug, Serialize)]
struct FootnoteRecord<'a> {
    label: &'a str,
    text: &'a str,
}

#[derive(Debug, Serialize)]
struct RefsRecord<'a> {
    recommendations: Vec<String>,
    articles: &'a [String],
    explanatory_report: &'a [String],
}

/// One Party as open data, with the ids of the recommendations that concern it by group.
#[derive(Debug, Serialize)]
struct PartyRecord<'a> {
    slug: &'a str,
    name: &'a str,
    iso: &'a str,
    /// The day it became a Party (`YYYY-MM-DD`), where parties.toml gives it.
    #[serde(skip_serializing_if = "Option::is_none")]
    joined: Option<String>,
    url: String,
    /// Those that name the Party.
    designated: Vec<&'a str>,
    /// Those that may concern it: a list lost or incomplete that does not name it.
    may_concern: Vec<&'a str>,
    /// In a site of several reports, the same two lists for every report, the first's
    /// (`main`, as above) first, then each further report's in slug order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reports: Vec<super::data_reports::PartyInReport<'a>>,
}

/// A data file as the data page lists it: its address, the theme's key for what it holds
/// (`downloads.<key>`), and its size in bytes, counted as it is written.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Download {
    pub url: String,
    /// The file's name: `recommendations.json`.
    pub name: &'static str,
    pub key: &'static str,
    pub bytes: usize,
    /// The size in KiB with one decimal, as shown.
    pub kib: String,
}

/// Writes the data files (recommendations as JSON, CSV and CSL-JSON, Parties as JSON, and
/// the dataset's `CITATION.cff`); returns them in the order the data page lists them.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<Vec<Download>> {
    let g = r.site();
    let ids: Vec<String> = g.recs().iter().map(|&i| g.rec(i).id.to_string()).collect();
    let parties: Vec<PartyRecord> = g
        .parties()
        .iter()
        .map(|&p| party_record(g, &ids, p))
        .collect();
    let at = |name| g.urls().data_file(name);
    let mut json = pieces::join(r, &at("recommendations.json"), &pieces::JSON_ARRAY, |i| {
        pieces::json_element(&record(r, i))
    })?;
    let further = further_records(g);
    let more: Vec<String> = further
        .iter()
        .map(pieces::json_element)
        .collect::<Result<_>>()?;
    append(&mut json, &pieces::JSON_ARRAY, more);
    let report_column = report_of_first(g).map(|_| "report");
    let header = csv_line(report_column.into_iter().chain(CSV_HEADER))?;
    let csv_form = pieces::Form {
        head: &header,
        between: "",
        tail: "",
        empty: &header,
    };
    let mut csv = pieces::join(r, &at("recommendations.csv"), &csv_form, |i| {
        csv_row(&record(r, i))
    })?;
    append(
        &mut csv,
        &csv_form,
        further.iter().map(csv_row).collect::<Result<_>>()?,
    );
    let mut csl = pieces::join(
        r,
        &at("recommendations.csl.json"),
        &pieces::JSON_ARRAY,
        |i| pieces::json_element(&super::cite::csl(&super::cite::of(r, i)?)),
    )?;
    append(&mut csl, &pieces::JSON_ARRAY, further_citations(r)?);
    let whole = |text: String| vec![Piece::from(text)];
    let files: [(&'static str, &'static str, Vec<Piece>); 5] = [
        ("recommendations.json", "recommendations_json", json),
        ("recommendations.csv", "recommendations_csv", csv),
        ("recommendations.csl.json", "recommendations_csl", csl),
        (
            "parties.json",
            "parties_json",
            whole(pretty_json(&parties)?),
        ),
        (
            "CITATION.cff",
            "citation_cff",
            whole(super::cff::citation_cff(r)?),
        ),
    ];
    let mut listed = Vec::with_capacity(files.len());
    for (name, key, pieces) in files {
        let url = g.urls().data_file(name);
        let bytes: usize = pieces.iter().map(Piece::len).sum();
        listed.push(Download {
            url: url.clone(),
            name,
            key,
            bytes,
            kib: format!("{:.1}", bytes as f64 / 1024.0),
        });
        r.pieces_at_url(&url, pieces)?;
    }
    Ok(listed)
}

/// `value` as indented JSON with a final line break.
fn pretty_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut json = serde_json::to_string_pretty(value).context("serialising data")?;
    json.push('\n');
    Ok(json)
}

fn name<'a>(g: Site<'_, 'a>, slug: &'a crate::model::PartySlug) -> &'a str {
    g.party_name(slug)
}

fn record<'a>(r: &Renderer<'_, 'a>, i: RecIdx) -> RecRecord<'a> {
    let g = r.site();
    let rec = g.rec(i);
    let url = r.items.permalink(i).to_string();
    record_of(g, rec, g.level_id(rec.level), url, report_of_first(g))
}

/// `rec`'s record, at level `level` (its id) and permalink `url`, in report `report`.
pub(in crate::render) fn record_of<'a>(
    g: Site<'_, 'a>,
    rec: &'a Recommendation,
    level: &'a str,
    url: String,
    report: Option<&'a str>,
) -> RecRecord<'a> {
    let a = &rec.addressees;
    let mut qualifiers = BTreeMap::new();
    let mut sectors = BTreeMap::new();
    for list in &a.lists {
        for p in &list.parties {
            if let Some(q) = &p.qualifier {
                qualifiers.entry(name(g, &p.party)).or_insert(q.as_str());
            }
        }
        if let Some(sector) = &list.sector {
            sectors.insert(
                sector.as_str(),
                list.parties.iter().map(|p| name(g, &p.party)).collect(),
            );
        }
    }
    RecRecord {
        report,
        id: rec.id.to_string(),
        section: rec.id.section.as_str(),
        level,
        scope: a.scope.as_str(),
        parties: a.named_parties().into_iter().map(|s| name(g, s)).collect(),
        party_qualifiers: qualifiers,
        sectors,
        list_status: a.completeness().as_str(),
        title: &rec.title,
        text: &rec.text,
        footnotes: rec
            .footnotes
            .iter()
            .map(|f| FootnoteRecord {
                label: &f.label,
                text: &f.text,
            })
            .collect(),
        references: RefsRecord {
            recommendations: rec
                .references
                .recommendations
                .iter()
                .map(|r| r.to_string())
                .collect(),
            articles: &rec.references.articles,
            explanatory_report: &rec.references.explanatory_report,
        },
        editorial: editorial_records(rec),
        url,
    }
}

fn editorial_records(rec: &Recommendation) -> Vec<EditorialRecord<'_>> {
    rec.editorial
        .iter()
        .map(|e| EditorialRecord {
            kind: e.kind.as_str(),
            note: crate::markdown::plain_text(&e.note),
            corrections: e
                .corrections
                .iter()
                .map(|c| CorrectionRecord {
                    footnote: c.footnote.as_deref(),
                    source: &c.source,
                    published: &c.text,
                })
                .collect(),
        })
        .collect()
}

const CSV_HEADER: [&str; 19] = [
    "id",
    "section",
    "level",
    "scope",
    "parties",
    "party_qualifiers",
    "sectors",
    "list_status",
    "title",
    "text",
    "footnotes",
    "references_recommendations",
    "references_articles",
    "references_explanatory_report",
    "editorial_notes",
    "corrections_footnote",
    "corrections_source",
    "corrections_published",
    "url",
];

/// The editorial columns of one record: notes as "kind: note" lines, and the corrections as
/// three columns of lines in the same order (footnote label or empty, source, published).
fn editorial_cells(r: &RecRecord) -> [String; 4] {
    let notes: Vec<String> = r
        .editorial
        .iter()
        .map(|e| format!("{}: {}", e.kind, e.note))
        .collect();
    let corr: Vec<&CorrectionRecord> = r.editorial.iter().flat_map(|e| &e.corrections).collect();
    let col = |f: &dyn Fn(&CorrectionRecord) -> String| -> String {
        corr.iter().map(|c| f(c)).collect::<Vec<_>>().join("\n")
    };
    [
        notes.join("\n"),
        col(&|c| c.footnote.unwrap_or("").to_string()),
        col(&|c| c.source.to_string()),
        col(&|c| c.published.to_string()),
    ]
}

/// One record as a CSV row; lists joined with "; ".
pub(in crate::render) fn csv_row(r: &RecRecord) -> Result<String> {
    let quals: Vec<String> = r
        .party_qualifiers
        .iter()
        .map(|(n, q)| format!("{n}: {q}"))
        .collect();
    let sectors: Vec<String> = r
        .sectors
        .iter()
        .map(|(s, n)| format!("{s}: {}", n.join(", ")))
        .collect();
    let notes: Vec<String> = r
        .footnotes
        .iter()
        .map(|f| format!("{}: {}", f.label, f.text))
        .collect();
    let [ed_notes, ed_footnote, ed_source, ed_published] = editorial_cells(r);
    csv_line(r.report.into_iter().chain([
        r.id.as_str(),
        r.section,
        r.level,
        r.scope,
        &r.parties.join("; "),
        &quals.join("; "),
        &sectors.join("; "),
        r.list_status,
        r.title,
        r.text,
        &notes.join("; "),
        &r.references.recommendations.join("; "),
        &r.references.articles.join("; "),
        &r.references.explanatory_report.join("; "),
        &ed_notes,
        &ed_footnote,
        &ed_source,
        &ed_published,
        &r.url,
    ]))
}

/// Characters that make a spreadsheet read a cell as a formula (OWASP's list): `=`, `+`, `-`,
/// `@`, and tab or carriage return (some spreadsheets skip them and then see the formula).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell that would start a formula gets a leading `'`, as OWASP recommends: spreadsheets
/// then show it as text, and a reader of the raw CSV can still recognise the value.
pub(in crate::render) fn csv_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The buffer of the writer that makes one CSV row ([`csv_line`]), in bytes.
const CSV_ROW_BUFFER: usize = 256;

/// One CSV row with its line break, every cell made safe by [`csv_cell`] (copied only when
/// changed: the Party CSVs have millions of cells at scale).
pub(in crate::render) fn csv_line<'c>(cells: impl IntoIterator<Item = &'c str>) -> Result<String> {
    // A small buffer: the default, 8 KiB zeroed for every row, cost more than the row (a
    // writer per row, 8,600 rows at 10×); longer rows are flushed into the Vec in pieces.
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(CSV_ROW_BUFFER)
        .from_writer(Vec::new());
    w.write_record(cells.into_iter().map(|c| match csv_cell(c) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }))?;
    let bytes = w.into_inner().context("writing a CSV row")?;
    // The cells are text, and the writer adds only quotes, commas and line breaks.
    String::from_utf8(bytes).context("writing a CSV row")
}

/// Party `i`'s record; `ids`: each recommendation's id as written, by [`RecIdx`] (made once
/// for all Parties: at 100× they list 100,000 ids).
fn party_record<'a>(g: Site<'_, 'a>, ids: &'a [String], i: PartyIdx) -> PartyRecord<'a> {
    let (p, c) = (g.party(i), g.concerns(i));
    let ids = |k: Concern| -> Vec<&str> { c.get(k).iter().map(|&r| &*ids[r.index()]).collect() };
    let (designated, may_concern) = (ids(Concern::Named), ids(Concern::Uncertain));
    let concerns = c
        .iter()
        .filter(|(k, _)| k.concerns())
        .map(|(_, r)| r.len())
        .sum();
    PartyRecord {
        reports: super::data_reports::party_in_reports(g, p, concerns, &designated, &may_concern),
        slug: p.slug.as_str(),
        name: &p.name,
        iso: &p.iso,
        joined: p.joined.map(|d| d.to_string()),
        url: g.urls().absolute(&g.urls().party(&p.slug)),
        designated,
        may_concern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_start_a_formula_are_quoted_as_text() {
        for start in FORMULA_STARTS {
            let cell = format!("{start}HYPERLINK(\"x\")");
            assert_eq!(csv_cell(&cell), format!("'{cell}"));
        }
        assert_eq!(csv_cell("III-16"), "III-16");
        assert_eq!(csv_cell("a = b"), "a = b");
        assert_eq!(csv_cell(""), "");
    }

    #[test]
    fn a_row_longer_than_the_writers_buffer_is_written_whole() {
        let long = "word ".repeat(CSV_ROW_BUFFER);
        let row = csv_line(["II-1", "a, b", &long, "say \"hi\"\nthen go"]).unwrap();
        // RFC 4180 as a reader sees it: a cell with a comma, quote or line break is quoted,
        // its quotes doubled; one line break ends the row.
        let expected = format!("II-1,\"a, b\",{long},\"say \"\"hi\"\"\nthen go\"\n");
        assert_eq!(row, expected);
    }
}
