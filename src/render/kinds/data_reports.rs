//! The data files' part for the site's further reports: the further reports in, each
//! recommendation's record (with its report's slug) out, appended after the first report's
//! records; and the slug the first report's records carry. Nothing in a site of one report,
//! whose records carry no report.

use super::data::{RecRecord, record_of};
use super::pieces;
use crate::output::Piece;
use crate::render::engine::Site;

/// The slug the data files give the first report in a site of several reports (none in a
/// site of one, whose records carry no report). A further report may not take it.
pub(in crate::render) const FIRST_REPORT: &str = crate::model::reports::FIRST_REPORT;

/// The first report's slug in the records: only when the site holds further reports.
pub(in crate::render) fn report_of_first(g: Site) -> Option<&'static str> {
    (!g.further().is_empty()).then_some(FIRST_REPORT)
}

/// The records of every further report's recommendations, in slug order, then report order.
pub(in crate::render) fn further_records<'a>(g: Site<'_, 'a>) -> Vec<RecRecord<'a>> {
    let mut out = Vec::new();
    for f in g.further() {
        let urls = g.urls().for_report(&f.slug);
        for rec in &f.ds.recommendations {
            let url = urls.absolute(&urls.recommendation(&rec.id));
            let level = f.ds.level_id(rec.level);
            out.push(record_of(g, rec, level, url, Some(f.slug.as_str())));
        }
    }
    out
}

/// Extends a data file made by [`pieces::join`] in `form` with the further reports' records
/// (`more`, each made as one of its elements), before its tail.
pub(in crate::render) fn append(out: &mut Vec<Piece>, form: &pieces::Form, more: Vec<String>) {
    if more.is_empty() {
        return;
    }
    let text = Piece::copy;
    let none_yet = matches!(&out[..], [p] if p.as_bytes() == form.empty.as_bytes());
    if none_yet {
        out.clear();
        out.push(text(form.head));
    } else if !form.tail.is_empty() {
        out.pop();
    }
    for (k, m) in more.into_iter().enumerate() {
        if (k > 0 || !none_yet) && !form.between.is_empty() {
            out.push(text(form.between));
        }
        out.push(Piece::from(m));
    }
    if !form.tail.is_empty() {
        out.push(text(form.tail));
    }
}
