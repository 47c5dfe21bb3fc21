//! A Party's CSV: one Party and how each recommendation concerns it in; out, its
//! `recommendations.csv` as pieces: one row per recommendation of the first report, grouped as
//! its page groups them, then, in a site of several reports, one row per recommendation of
//! each further report, grouped the same way, every row then starting with its report's slug
//! (`main` for the first, as in `recommendations.csv`).

use std::sync::OnceLock;

use anyhow::Result;

use super::data_reports::report_of_first;
use super::party::named_as;
use super::party_reports::{by_concern, named_in_further};
use crate::graph::{Concern, ConcernGroups, RecIdx};
use crate::model::{FurtherReport, Party};
use crate::output::Piece;
use crate::render::Renderer;

/// The Party's CSV as pieces: its header, then one row per recommendation, with its group
/// (every recommendation is in one); `unnamed` holds each recommendation's row for a Party it
/// does not name, once made, with its group, shared by the CSVs of all such Parties. On a
/// rebuild, the row of a recommendation that did not change is the last CSV's.
pub(in crate::render) fn party_csv(
    r: &Renderer,
    url: &str,
    party: &Party,
    groups: &ConcernGroups,
    unnamed: &[OnceLock<(Concern, Piece)>],
) -> Result<Vec<Piece>> {
    let path = r.site().urls().output_path(url).unwrap_or_default();
    let mut out: Vec<Piece> = Vec::with_capacity(r.site().recs().len() + 1);
    let report_column = report_of_first(r.site()).map(|_| "report");
    let header = report_column.into_iter().chain(CSV_HEADER);
    out.push(Piece::from(super::data::csv_line(header)?));
    let mut places = vec![0; r.site().recs().len()];
    let last = r.tracking().and_then(|t| t.last_pieces(&path));
    for (concern, recs) in groups.iter() {
        for &i in recs {
            places[i.index()] = out.len();
            out.push(if let Some(kept) = last.as_ref().and_then(|l| l.rec(i)) {
                kept.clone()
            } else if r.site().item(i).addressees().names(&party.slug) {
                // A Party the source names in any list has its own row (how it is named).
                Piece::from(csv_row(r, concern, i, Some(party))?)
            } else {
                unnamed_row(r, concern, i, &unnamed[i.index()])?
            });
        }
    }
    if let Some(t) = r.tracking() {
        t.keep_places(&path, &places);
    }
    // After every row of the first report (whose places a rebuild keeps), made again on
    // each render: a further report's edit builds in full.
    for f in r.site().further() {
        for row in further_rows(r, f, party)? {
            out.push(Piece::from(row));
        }
    }
    Ok(out)
}

/// The rows of further report `f`'s recommendations, group by group, as the first report's.
fn further_rows(r: &Renderer, f: &FurtherReport, party: &Party) -> Result<Vec<String>> {
    let g = r.site();
    let urls = g.urls().for_report(&f.slug);
    let mut rows = Vec::new();
    for (concern, recs) in by_concern(f, party) {
        for rec in recs {
            let named = named_in_further(g, f, rec, party);
            let row = Row {
                report: Some(f.slug.as_str()),
                concern,
                rec,
                level: f.ds.level_id(rec.level),
                named: &named.join("; "),
                permalink: &urls.permalink(&rec.id),
            };
            rows.push(row.line()?);
        }
    }
    Ok(rows)
}

/// The Party CSV's columns.
const CSV_HEADER: [&str; 10] = [
    "group",
    "id",
    "level",
    "section",
    "title",
    "text",
    "footnotes",
    "named_as",
    "list_status",
    "permalink",
];

/// Recommendation `i`'s row, in group `concern`, in the CSV of a Party it does not name: the
/// row is then the same for all such Parties in that group, so it is made once (`cell`) and
/// shared, not made once per Party (at 100×, 11,100 rows instead of 477,300). A Party that
/// joined after the report was adopted may be in another group than the rest: its row is its
/// own.
fn unnamed_row(
    r: &Renderer,
    concern: Concern,
    i: RecIdx,
    cell: &OnceLock<(Concern, Piece)>,
) -> Result<Piece> {
    if let Some((_, row)) = cell.get().filter(|(c, _)| *c == concern) {
        return Ok(row.clone());
    }
    let row = Piece::from(csv_row(r, concern, i, None)?);
    // Two Parties may make it at once: both make the same bytes.
    let (c, kept) = cell.get_or_init(|| (concern, row.clone()));
    Ok(if *c == concern { kept.clone() } else { row })
}

/// One CSV row: recommendation `i` of the first report in group `concern`, as it names
/// `party` (none: not named).
fn csv_row(r: &Renderer, concern: Concern, i: RecIdx, party: Option<&Party>) -> Result<String> {
    let g = r.site();
    let rec = g.rec(i);
    let named = party.map_or_else(String::new, |p| named_as(g, g.item(i), p).join("; "));
    Row {
        report: report_of_first(g),
        concern,
        rec,
        level: g.level_id(rec.level),
        named: &named,
        permalink: r.items.permalink(i),
    }
    .line()
}

/// What one row says of a recommendation of any report.
struct Row<'r> {
    /// Its report's slug, in a site of several reports only.
    report: Option<&'r str>,
    concern: Concern,
    rec: &'r crate::model::Recommendation,
    /// Its level's id, in its report's legend.
    level: &'r str,
    /// How the source names the Party, each naming joined with `; `.
    named: &'r str,
    permalink: &'r str,
}

impl Row<'_> {
    /// The row, as [`CSV_HEADER`] (after the `report` column, when there is one) names its
    /// cells.
    fn line(&self) -> Result<String> {
        let rec = self.rec;
        // As `recommendations.csv` writes them: `label: text`, joined.
        let footnotes: Vec<String> = rec
            .footnotes
            .iter()
            .map(|f| format!("{}: {}", f.label, f.text))
            .collect();
        super::data::csv_line(self.report.into_iter().chain([
            self.concern.as_str(),
            &rec.id.to_string(),
            self.level,
            rec.id.section.as_str(),
            &rec.title,
            &rec.text,
            &footnotes.join("; "),
            self.named,
            rec.addressees.completeness().as_str(),
            self.permalink,
        ]))
    }
}
