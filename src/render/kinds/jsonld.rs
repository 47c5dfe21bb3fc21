//! Structured data (schema.org JSON-LD): a recommendation or the data page in, the text of a
//! `<script type="application/ld+json">` out. Serialised by serde_json, then `<`, `>` and `&`
//! are written as `\u003c`, `\u003e`, `\u0026`: the same JSON, but no data can close the
//! script element or open a comment in it.
//!
//! A recommendation is a `CreativeWork`, not `Legislation`: the Committee's recommendations
//! are not legal acts, and the type must not claim more force than the text has.

use crate::render::engine::Site;
use anyhow::{Context, Result};
use serde::Serialize;

use crate::model::Recommendation;

const CONTEXT: &str = "https://schema.org";

/// The report a recommendation is part of.
#[derive(Serialize)]
struct Report<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Organization<'a>>,
    /// The body's reference of the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(rename = "inLanguage", skip_serializing_if = "Option::is_none")]
    in_language: Option<&'a str>,
    /// When the Committee adopted it, as ISO 8601 (`2022-03`); left out when the source's date
    /// is not a month and year.
    #[serde(rename = "dateCreated", skip_serializing_if = "Option::is_none")]
    date_created: Option<String>,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// One recommendation.
#[derive(Serialize)]
struct Work<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: String,
    /// The short title (editorial, as on the page).
    name: &'a str,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(rename = "isPartOf")]
    is_part_of: Report<'a>,
}

/// The open data.
#[derive(Serialize)]
struct Dataset<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    description: &'a str,
    url: &'a str,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<&'a str>,
    /// The edition's date.
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<&'a str>,
    #[serde(rename = "isBasedOn")]
    is_based_on: Report<'a>,
    distribution: Vec<Download>,
}

#[derive(Serialize)]
struct Download {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(rename = "encodingFormat")]
    encoding_format: &'static str,
    #[serde(rename = "contentUrl")]
    content_url: String,
    /// In bytes, as schema.org's `contentSize` takes it as text.
    #[serde(rename = "contentSize")]
    content_size: String,
}

/// The content page that describes the open data (`/data/`): it carries the `Dataset`.
pub(in crate::render) const DATA_PAGE: &str = "data";

/// A data file's media type, from its name.
fn media_type(name: &str) -> &'static str {
    if name.ends_with(".csl.json") {
        "application/vnd.citationstyles.csl+json"
    } else if name.ends_with(".json") {
        "application/json"
    } else if name.ends_with(".csv") {
        "text/csv"
    } else if name.ends_with(".cff") {
        // CITATION.cff is YAML (Citation File Format).
        "application/yaml"
    } else {
        "application/octet-stream"
    }
}

/// The JSON-LD of a recommendation's page, whose permalink is `url`.
pub(in crate::render) fn recommendation(
    g: Site,
    rec: &Recommendation,
    url: &str,
) -> Result<String> {
    to_script(&Work {
        context: CONTEXT,
        kind: "CreativeWork",
        identifier: rec.id.to_string(),
        name: &rec.title,
        url,
        in_language: &g.meta().language,
        is_part_of: report(g),
    })
}

/// The JSON-LD of the data page at `url`: a `Dataset` with one download per data file.
pub(in crate::render) fn dataset(
    g: Site,
    url: &str,
    description: &str,
    files: &[super::data::Download],
) -> Result<String> {
    let site = &g.meta();
    to_script(&Dataset {
        context: CONTEXT,
        kind: "Dataset",
        name: &site.title,
        description,
        url,
        in_language: &site.language,
        version: site.edition.as_ref().map(|e| e.version.as_str()),
        date_modified: site.edition.as_ref().map(|e| e.date.as_str()),
        is_based_on: report(g),
        distribution: files
            .iter()
            .map(|f| Download {
                kind: "DataDownload",
                name: f.name.to_string(),
                encoding_format: media_type(f.name),
                content_url: g.urls().absolute(&f.url),
                content_size: format!("{} B", f.bytes),
            })
            .collect(),
    })
}

fn report<'a>(g: Site<'_, 'a>) -> Report<'a> {
    let r = &g.meta().report;
    Report {
        kind: "Report",
        name: &r.title,
        author: r.body.as_deref().map(|name| Organization {
            kind: "Organization",
            name,
        }),
        identifier: r.reference.as_deref(),
        url: r.url.as_deref(),
        in_language: r.language.as_deref(),
        date_created: r.adopted.as_deref().and_then(iso_month),
    }
}

/// "March 2022" → "2022-03", "2022" → "2022"; `None` without a year (schema.org dates are
/// ISO 8601).
fn iso_month(date: &str) -> Option<String> {
    match super::cite::year_month(date) {
        (Some(year), Some(month)) => Some(format!("{year}-{month:02}")),
        (Some(year), None) => Some(year.to_string()),
        (None, _) => None,
    }
}

/// JSON that can sit inside `<script>`: `<`, `>`, `&` escaped as `\uXXXX`. These characters
/// only ever occur inside JSON strings, where the escape means the same character.
fn to_script(value: &impl Serialize) -> Result<String> {
    let json = serde_json::to_string(value).context("serialising JSON-LD")?;
    Ok(script_safe(&json))
}

pub(in crate::render) fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_the_script_and_means_the_same() {
        let value = serde_json::json!({"name": "</script><script>alert(1)</script> & <!--"});
        let safe = to_script(&value).unwrap();
        for bad in ["<", ">", "&"] {
            assert!(!safe.contains(bad), "{safe}");
        }
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn adoption_dates_become_iso_months() {
        assert_eq!(iso_month("March 2022").as_deref(), Some("2022-03"));
        assert_eq!(iso_month("january 2020").as_deref(), Some("2020-01"));
        // A season is no month: the year alone is what the date says.
        assert_eq!(iso_month("Spring 2022").as_deref(), Some("2022"));
        assert_eq!(iso_month("March 22"), None);
        assert_eq!(iso_month("2022").as_deref(), Some("2022"));
    }
}
