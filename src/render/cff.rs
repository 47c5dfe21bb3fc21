//! The whole dataset as a citation: site.toml's publication, edition, publisher and licence in;
//! `CITATION.cff` (Citation File Format 1.2.0, YAML) out, citing the report it publishes as a
//! reference. Every string is written as a JSON string, which is a valid YAML double-quoted
//! scalar, so no value from the content can break the file's structure.

use anyhow::Result;

use super::Renderer;
use super::cite::year_month;

/// A YAML scalar for `s`: double-quoted, escaped as JSON escapes it.
fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The `CITATION.cff` of the site: the dataset (this edition) and the report it publishes.
pub(super) fn citation_cff(r: &Renderer) -> Result<String> {
    let g = r.g;
    let site = &g.ds.site;
    let rep = &site.report;
    let mut out = String::from("cff-version: 1.2.0\n");
    let message = r.strings().fill("cite.cff_message", &[])?;
    out.push_str(&format!("message: {}\n", quoted(&message)));
    out.push_str("type: dataset\n");
    out.push_str(&format!("title: {}\n", quoted(&site.title)));
    out.push_str(&format!("abstract: {}\n", quoted(&site.description)));
    if let Some(e) = &site.edition {
        out.push_str(&format!("version: {}\n", quoted(&e.version)));
        out.push_str(&format!("date-released: {}\n", quoted(&e.date)));
    }
    // The dataset's authors: its publisher, or else the Committee whose words it holds.
    let author = site.publisher.as_ref().map_or(&rep.author, |p| &p.name);
    out.push_str(&format!("authors:\n  - name: {}\n", quoted(author)));
    if g.urls.is_absolute() {
        out.push_str(&format!("url: {}\n", quoted(&g.urls.base_url())));
    }
    if let Some(l) = &site.licence {
        out.push_str(&format!("license-url: {}\n", quoted(&l.url)));
    }
    out.push_str(&report_reference(r)?);
    Ok(out)
}

/// The report, as the reference the dataset is drawn from.
fn report_reference(r: &Renderer) -> Result<String> {
    let rep = &r.g.ds.site.report;
    let mut out = String::from("references:\n  - type: report\n");
    out.push_str(&format!("    title: {}\n", quoted(&rep.title)));
    out.push_str(&format!(
        "    authors:\n      - name: {}\n",
        quoted(&rep.author)
    ));
    let (year, month) = year_month(&rep.adopted);
    if let Some(y) = year {
        out.push_str(&format!("    year: {y}\n"));
    }
    if let Some(m) = month {
        out.push_str(&format!("    month: {m}\n"));
    }
    let series = r.strings().fill("cite.series", &[("round", &rep.round)])?;
    out.push_str(&format!("    collection-title: {}\n", quoted(&series)));
    Ok(out)
}
