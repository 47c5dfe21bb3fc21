//! Validates a recommendation's declared references (other recommendations, Convention
//! Articles, Explanatory Report paragraphs) against the references its text makes.

use crate::content::raw::RawRecommendation;
use crate::markdown::BodyInfo;
use crate::model::refs::{find_refs, parse_article};
use crate::model::{IdScheme, RecId, References};

use super::ctx::Ctx;

/// Declared references must be well formed and be exactly those the text makes.
pub(super) fn validate_references(
    cx: &mut Ctx,
    raw: &RawRecommendation,
    body: &BodyInfo,
    text: &str,
    ids: &IdScheme,
) -> (References, Vec<(RecId, usize)>) {
    let found = find_refs(&body.text, ids);
    let decl = &raw.references;
    let mut refs = References::default();
    let mut offsets = Vec::new();
    for r in &decl.recommendations {
        match ids.rec(r.get_ref()) {
            Some(id) => {
                offsets.push((id.clone(), cx.fm + r.span().start));
                refs.recommendations.push(id);
            }
            None => {
                cx.at(r, format!("invalid recommendation id \"{}\"", r.get_ref()));
            }
        }
    }
    for a in &decl.articles {
        match parse_article(a.get_ref()).filter(|n| n == a.get_ref()) {
            Some(n) => refs.articles.push(n),
            None => {
                let d = cx.at(a, format!("invalid article \"{}\"", a.get_ref()));
                d.help = Some("write articles like \"20(1)(a)\"".into());
            }
        }
    }
    refs.explanatory_report = decl
        .explanatory_report
        .iter()
        .map(|p| p.get_ref().clone())
        .collect();
    let pairs = [
        (
            "recommendations",
            "Recommendation ",
            &found.recommendations,
            // An invalid id is reported above, not also as one the text does not cite.
            decl.recommendations
                .iter()
                .filter(|r| ids.rec(r.get_ref()).is_some())
                .collect::<Vec<_>>(),
        ),
        (
            "articles",
            "Article ",
            &found.articles,
            decl.articles.iter().collect(),
        ),
        (
            "explanatory_report",
            "para ",
            &found.paragraphs,
            decl.explanatory_report.iter().collect(),
        ),
    ];
    for (field, prefix, in_text, declared) in pairs {
        for f in in_text
            .iter()
            .filter(|f| !declared.iter().any(|d| d.get_ref() == *f))
        {
            let offset = text
                .find(&format!("{prefix}{}", f.split('(').next().unwrap_or(f)))
                .unwrap_or(0);
            cx.in_body(
                offset,
                format!("the text cites {prefix}{f}, which `references.{field}` does not list"),
            );
        }
        for d in declared.iter().filter(|d| !in_text.contains(d.get_ref())) {
            cx.at(
                d,
                format!(
                    "`references.{field}` lists \"{}\", which the text does not cite",
                    d.get_ref()
                ),
            );
        }
    }
    (refs, offsets)
}
