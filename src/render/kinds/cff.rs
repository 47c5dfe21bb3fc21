//! The whole dataset as a citation: site.toml's publication, edition, publisher and licence in;
//! `CITATION.cff` (Citation File Format 1.2.0, YAML) out. The dataset (this edition, with its
//! editorial titles and notes) is credited to its editors, the publisher; the Committee is the
//! author of the report it publishes, cited as its source (`references`). Every string is written as a JSON string, which is a valid YAML double-quoted
//! scalar, so no value from the content can break the file's structure.

use anyhow::Result;

use super::cite::year_month;
use crate::model::Publisher;
use crate::render::Renderer;

/// A YAML scalar for `s`: double-quoted, escaped as JSON escapes it.
fn quoted(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// The `CITATION.cff` of the site: the dataset (this edition) and the report it publishes.
pub(in crate::render) fn citation_cff(r: &Renderer) -> Result<String> {
    let g = r.site();
    let site = &g.meta();
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
    out.push_str(&authors(r)?);
    if g.urls().is_absolute() {
        out.push_str(&format!("url: {}\n", quoted(&g.urls().base_url())));
    }
    if let Some(l) = &site.licence {
        out.push_str(&format!("license-url: {}\n", quoted(&l.url)));
    }
    out.push_str(&report_reference(r)?);
    Ok(out)
}

/// The dataset's authors: the edition's editors, that is its publisher (an entity, with its
/// page), or, while site.toml states none, an entity named by the theme ("Editors of <short
/// title>", `cite.cff_editors`). Never the Committee: it wrote the report, not the editorial
/// titles and notes, and the report is cited as the source.
fn authors(r: &Renderer) -> Result<String> {
    let site = &r.site().meta();
    let site_name = [("site", site.short_title.as_str())];
    let editors = r.strings().fill("cite.cff_editors", &site_name)?;
    Ok(authors_yaml(site.publisher.as_ref(), &editors))
}

/// The `authors` list: `publisher` (with its page when that is an absolute address, as CFF
/// wants one), or an entity named `editors`.
fn authors_yaml(publisher: Option<&Publisher>, editors: &str) -> String {
    let mut out = String::from("authors:\n");
    let name = publisher.map_or(editors, |p| p.name.as_str());
    out.push_str(&format!("  - name: {}\n", quoted(name)));
    let page = publisher.and_then(|p| p.url.as_deref());
    if let Some(url) = page.filter(|u| u.starts_with("https://") || u.starts_with("http://")) {
        out.push_str(&format!("    website: {}\n", quoted(url)));
    }
    out
}

/// The report, as the reference the dataset is drawn from.
fn report_reference(r: &Renderer) -> Result<String> {
    let rep = &r.site().meta().report;
    let mut out = String::from("references:\n  - type: report\n");
    out.push_str(&format!("    title: {}\n", quoted(&rep.title)));
    // CFF requires a reference's authors: "anonymous" is its word for an unknown one.
    let body = rep.body.as_deref().unwrap_or("anonymous");
    out.push_str(&format!("    authors:\n      - name: {}\n", quoted(body)));
    let (year, month) = year_month(rep.adopted.as_deref().unwrap_or_default());
    if let Some(y) = year {
        out.push_str(&format!("    year: {y}\n"));
    }
    if let Some(m) = month {
        out.push_str(&format!("    month: {m}\n"));
    }
    if let Some(round) = &rep.round {
        let series = r.strings().fill("cite.series", &[("round", round)])?;
        out.push_str(&format!("    collection-title: {}\n", quoted(&series)));
    }
    if let Some(number) = &rep.reference {
        out.push_str(&format!("    number: {}\n", quoted(number)));
    }
    if let Some(url) = rep.url.as_deref().filter(|u| u.starts_with("http")) {
        out.push_str(&format!("    url: {}\n", quoted(url)));
    }
    // CFF's languages are ISO 639 codes: the tag's primary subtag.
    if let Some(lang) = rep.language.as_deref().and_then(|l| l.split('-').next()) {
        out.push_str(&format!("    languages:\n      - {}\n", quoted(lang)));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn publisher(url: Option<&str>) -> Publisher {
        Publisher {
            name: "Child Rights \"Lab\"".into(),
            url: url.map(str::to_string),
            contact: "mailto:errors@example.org".into(),
        }
    }

    #[test]
    fn the_publisher_is_the_author_with_its_page() {
        let p = publisher(Some("https://example.org/lab/"));
        assert_eq!(
            authors_yaml(Some(&p), "Editors of X"),
            "authors:\n  - name: \"Child Rights \\\"Lab\\\"\"\n    website: \"https://example.org/lab/\"\n"
        );
        // A site path is no web address for CFF: the name alone.
        let p = publisher(Some("/about/"));
        assert_eq!(
            authors_yaml(Some(&p), "Editors of X"),
            "authors:\n  - name: \"Child Rights \\\"Lab\\\"\"\n"
        );
    }

    #[test]
    fn without_a_publisher_the_editors_are_the_author_never_the_committee() {
        assert_eq!(
            authors_yaml(None, "Editors of Lanzarote ICT recommendations"),
            "authors:\n  - name: \"Editors of Lanzarote ICT recommendations\"\n"
        );
    }
}
