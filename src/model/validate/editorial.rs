//! Validates a recommendation's editorial notes: a known kind, a note without unsafe links, and
//! corrections whose published text really occurs once in the text or footnote they name.

use crate::content::raw::{RawCorrection, RawRecommendation};
use crate::markdown::BodyInfo;
use crate::model::{Correction, EditorialKind, EditorialNote};

use super::ctx::Ctx;

/// `"a", "b", "c"`: the ids of every kind, in declaration order.
fn quoted_list(kinds: &[EditorialKind]) -> String {
    let quoted: Vec<String> = kinds
        .iter()
        .map(|k| format!("\"{}\"", k.as_str()))
        .collect();
    quoted.join(", ")
}

/// Editorial notes: a known kind, a note, and corrections whose published text is really there.
pub(super) fn validate_editorial(
    cx: &mut Ctx,
    raw: &RawRecommendation,
    body: &BodyInfo,
) -> Vec<EditorialNote> {
    let mut out = Vec::new();
    for e in &raw.editorial {
        let Some(kind) = EditorialKind::parse(e.kind.get_ref()) else {
            cx.at(
                &e.kind,
                format!("unknown editorial kind \"{}\"", e.kind.get_ref()),
            )
            .help = Some(format!(
                "kind is one of {}",
                quoted_list(&EditorialKind::ALL)
            ));
            continue;
        };
        if e.note.get_ref().trim().is_empty() {
            cx.at(&e.note, "editorial note is empty");
        }
        for (_, url) in crate::markdown::unsafe_links(e.note.get_ref()) {
            cx.at(
                &e.note,
                format!("link target \"{url}\" is not allowed in an editorial note"),
            );
        }
        for (_, c) in crate::markdown::refused_references(e.note.get_ref()) {
            cx.at(&e.note, super::rec::control_reference_message(c));
        }
        let corrections = e
            .corrections
            .iter()
            .filter_map(|c| validate_correction(cx, c, body))
            .collect();
        out.push(EditorialNote {
            kind,
            note: e.note.get_ref().trim().to_string(),
            corrections,
        });
    }
    out
}

fn validate_correction(cx: &mut Ctx, c: &RawCorrection, body: &BodyInfo) -> Option<Correction> {
    let target = match &c.footnote {
        None => body.text.clone(),
        Some(label) => match body
            .footnotes
            .iter()
            .find(|(m, _)| &m.label == label.get_ref())
        {
            Some((m, text)) => format!("{} {text}", m.label),
            None => {
                cx.at(
                    label,
                    format!(
                        "correction names footnote [^{}], which is not defined",
                        label.get_ref()
                    ),
                );
                return None;
            }
        },
    };
    let text = c.text.get_ref();
    if text.is_empty() || target.matches(text.as_str()).count() != 1 {
        let what = if c.footnote.is_some() {
            "the footnote"
        } else {
            "the text"
        };
        cx.at(
            &c.text,
            format!("correction text \"{text}\" must occur exactly once in {what}"),
        );
        return None;
    }
    Some(Correction {
        footnote: c.footnote.as_ref().map(|f| f.get_ref().clone()),
        source: c.source.get_ref().clone(),
        text: text.clone(),
    })
}
