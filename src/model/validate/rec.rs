//! Validates one recommendation file: its front matter, id, footnotes, links and level (against
//! the Committee's verb) here; addressees, references and editorial notes in their own modules.

use std::collections::HashSet;

use crate::content::SourceFile;
use crate::content::raw::RawRecommendation;
use crate::content::{parse_toml, split_front_matter};
use crate::diag::{Diagnostics, did_you_mean};
use crate::markdown::{BodyInfo, analyse_body};
use crate::model::{Footnote, IdScheme, Level, RecId, Recommendation};

use super::addressees::validate_addressees;
use super::ctx::Ctx;
use super::editorial::validate_editorial;
use super::hedge::check_hedged_title;
use super::levels::level_in_text;
use super::references::validate_references;
use super::tables::Tables;

/// What one file yielded: its id (when readable, even if other fields have errors, so that
/// numbering checks do not cascade) and the recommendation when the file is valid.
pub(super) struct LoadedRec {
    pub at: Located,
    pub rec: Option<Recommendation>,
}

/// A recommendation file's id and declared references, with their places: what the checks
/// across files read (unique ids, numbering, references).
#[derive(Debug, Clone)]
pub(super) struct Located {
    pub id: RecId,
    pub path: std::path::PathBuf,
    /// Line and column of the id value.
    pub id_at: (usize, usize),
    /// Declared references to recommendations, with the line and column of each.
    pub ref_at: Vec<(RecId, (usize, usize))>,
}

/// Validates one file, reporting all its errors; `None` if even its id is unreadable.
pub(super) fn validate_recommendation(
    file: &SourceFile,
    t: &Tables,
    diags: &mut Diagnostics,
) -> Option<LoadedRec> {
    let fm = match split_front_matter(&file.text) {
        Ok(fm) => fm,
        Err(e) => {
            diags.push(file.error_at(e.offset, e.message));
            return id_from_file_name(file, &t.ids);
        }
    };
    let Some(raw) = parse_toml::<RawRecommendation>(file, fm.toml, fm.toml_offset, diags) else {
        return id_from_file_name(file, &t.ids);
    };
    let before = diags.error_count();
    let mut cx = Ctx {
        file,
        fm: fm.toml_offset,
        body: fm.body_offset,
        diags,
    };
    let id = validate_id(&mut cx, &raw, t);
    check_title(&mut cx, &raw.title);
    let body = analyse_body(fm.body);
    if body.text.is_empty() {
        cx.push(fm.body_offset, "the recommendation's text is empty");
    }
    check_footnotes(&mut cx, &body);
    check_links(&mut cx, fm.body);
    check_control_references(&mut cx, fm.body);
    let level = validate_level(&mut cx, &raw, &body, t).map(|(level, verb)| {
        let verb = verb.unwrap_or(t.levels[level.index()].verb());
        check_hedged_title(&mut cx, &raw.title, &body.text, verb);
        level
    });
    let addressees = validate_addressees(&mut cx, &raw.addressees, &body, t);
    let (references, ref_offsets) = validate_references(&mut cx, &raw, &body, fm.body, &t.ids);
    let editorial = validate_editorial(&mut cx, &raw, &body);
    let Some(id) = id else {
        return id_from_file_name(file, &t.ids);
    };
    let ref_at = ref_offsets
        .into_iter()
        .map(|(id, o)| (id, file.line_col(o)))
        .collect();
    let id_at = file.line_col(fm.toml_offset + raw.id.span().start);
    // A part can be missing without an error of its own (a Party whose entry in parties.toml
    // is the one at fault), so validity needs both: no new error and every part present.
    let no_new_errors = cx.diags.error_count() == before;
    let rec = level
        .zip(addressees)
        .filter(|_| no_new_errors)
        .map(|(level, addressees)| Recommendation {
            id: id.clone(),
            path: file.path.clone(),
            title: raw.title.get_ref().trim().to_string(),
            level,
            addressees,
            body: fm.body.to_string(),
            text: body.text.clone(),
            footnotes: body
                .footnotes
                .iter()
                .map(|(m, text)| Footnote {
                    label: m.label.clone(),
                    text: text.clone(),
                })
                .collect(),
            references,
            source_marker: raw.source_marker.map(|m| m.into_inner()),
            editorial,
        });
    let at = Located {
        id,
        path: file.path.clone(),
        id_at,
        ref_at,
    };
    Some(LoadedRec { at, rec })
}

/// For a file whose front matter cannot be read: its file name stands for its id, so that its
/// neighbours are not reported as a gap in the numbering.
pub(super) fn id_from_file_name(file: &SourceFile, ids: &IdScheme) -> Option<LoadedRec> {
    let id = ids.rec(file.path.file_stem()?.to_str()?)?;
    let at = Located {
        id,
        path: file.path.clone(),
        id_at: (1, 1),
        ref_at: Vec::new(),
    };
    Some(LoadedRec { at, rec: None })
}

fn validate_id(cx: &mut Ctx, raw: &RawRecommendation, t: &Tables) -> Option<RecId> {
    let Some(id) = t.ids.rec(raw.id.get_ref()) else {
        cx.at(
            &raw.id,
            format!("invalid recommendation id \"{}\"", raw.id.get_ref()),
        )
        .help = Some(id_help(&t.ids));
        return None;
    };
    if !t.has_section(&id.section) {
        if !t.complete("sections.toml") {
            return None;
        }
        let help = unknown_section_help(&id, t);
        cx.at(
            &raw.id,
            format!("unknown section \"{}\" in id \"{id}\"", id.section),
        )
        .help = Some(help);
        return None;
    }
    let stem = cx
        .file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    if stem != id.to_string() {
        cx.at(
            &raw.id,
            format!("id \"{id}\" does not match the file name \"{stem}.md\""),
        )
        .help = Some(format!("rename the file to {id}.md"));
        return None;
    }
    Some(id)
}

/// What an id looks like under the dataset's pattern, with an example from its first section.
pub(super) fn id_help(ids: &IdScheme) -> String {
    let pattern = ids.pattern();
    let example = ids.first_section().map_or_else(
        || format!("III{}14", pattern.separator()),
        |s| ids.rec_of(s, 1).to_string(),
    );
    format!(
        "ids follow the pattern \"{}\" of sections.toml: a section of sections.toml, \"{}\" and a number from 1, like \"{example}\"",
        pattern.as_str(),
        pattern.separator()
    )
}

/// A section missing from sections.toml is most often one not added yet, so the help says
/// where to add it; a known section is suggested too when it differs only in case (`ii` for
/// `II`: ids are case-sensitive) or has the same characters in another order (`VI` for `IV`):
/// any other id is a section of its own, not a slip.
fn unknown_section_help(id: &RecId, t: &Tables) -> String {
    let section = id.section.as_str();
    let sorted = |s: &str| {
        let mut c: Vec<char> = s.chars().collect();
        c.sort_unstable();
        c
    };
    let known = || t.sections.iter().map(|s| &s.id);
    if let Some(s) = known().find(|s| s.as_str().eq_ignore_ascii_case(section)) {
        let near = t.ids.rec_of(s.clone(), id.number);
        return format!("did you mean \"{near}\"? Section ids are case-sensitive");
    }
    let add = format!("add section \"{section}\" to sections.toml");
    match known().find(|s| sorted(s.as_str()) == sorted(section)) {
        Some(s) => format!(
            "{add}, or did you mean \"{}\"?",
            t.ids.rec_of(s.clone(), id.number)
        ),
        None => add,
    }
}

/// A Markdown body may not spell a control character or a noncharacter as a character
/// reference (`&#7;`, `&#xFFFE;`): the same rule as for the characters themselves.
pub(super) fn check_control_references(cx: &mut Ctx, markdown: &str) {
    for (offset, c) in crate::markdown::refused_references(markdown) {
        cx.in_body(offset, control_reference_message(c)).help =
            Some(crate::content::chars::help(c).into());
    }
}

/// The message for a character reference to a refused character.
pub(super) fn control_reference_message(c: char) -> String {
    format!(
        "a character reference to {} is not allowed",
        crate::content::chars::describe(c)
    )
}

/// Link targets must be harmless (no `javascript:` and the like).
pub(super) fn check_links(cx: &mut Ctx, markdown: &str) {
    for (offset, url) in crate::markdown::unsafe_links(markdown) {
        let d = cx.in_body(offset, format!("link target \"{url}\" is not allowed"));
        d.help = Some(crate::markdown::SAFE_LINK_HELP.into());
    }
}

/// The longest title, in characters: titles are a short line in every listing (the longest
/// is 72 characters), so a long one is repeated on hundreds of pages.
pub(super) const MAX_TITLE_CHARS: usize = 200;

/// The most footnotes one file may define (the report has at most 4 per recommendation).
pub(super) const MAX_FOOTNOTES: usize = 1000;

/// A title is a short line of text.
pub(super) fn check_title(cx: &mut Ctx, title: &crate::content::raw::S) {
    let chars = title.get_ref().trim().chars().count();
    if chars == 0 {
        cx.at(title, "title is empty");
    } else if chars > MAX_TITLE_CHARS {
        cx.at(
            title,
            format!("title is {chars} characters long, over the limit of {MAX_TITLE_CHARS}"),
        );
    }
}

/// Every marker has a definition, every definition a marker, and no label is defined twice;
/// at most [`MAX_FOOTNOTES`]. Linear in the number of footnotes (label sets, not searches).
fn check_footnotes(cx: &mut Ctx, body: &BodyInfo) {
    if let Some((m, _)) = body.footnotes.get(MAX_FOOTNOTES) {
        cx.in_body(
            m.offset,
            format!(
                "{} footnotes, over the limit of {MAX_FOOTNOTES} per file",
                body.footnotes.len()
            ),
        );
        return;
    }
    let defined: HashSet<&str> = body
        .footnotes
        .iter()
        .map(|(m, _)| m.label.as_str())
        .collect();
    let used: HashSet<&str> = body.markers.iter().map(|m| m.label.as_str()).collect();
    for m in &body.markers {
        if !defined.contains(m.label.as_str()) {
            cx.in_body(
                m.offset,
                format!("footnote [^{}] is used but not defined", m.label),
            )
            .help = Some(format!(
                "add a line \"[^{}]: …\" at the end of the text",
                m.label
            ));
        }
    }
    let mut seen = HashSet::new();
    for (m, _) in &body.footnotes {
        if !seen.insert(m.label.as_str()) {
            cx.in_body(
                m.offset,
                format!("footnote [^{}] is defined twice", m.label),
            );
        } else if !used.contains(m.label.as_str()) {
            cx.in_body(
                m.offset,
                format!("footnote [^{}] is defined but never used", m.label),
            );
        }
    }
}

/// The level is one of the legend's and agrees with the Committee's verb in the text (the
/// level the first verb marks, [`level_in_text`]). Returns it with the verb found, if any.
fn validate_level<'t>(
    cx: &mut Ctx,
    raw: &RawRecommendation,
    body: &BodyInfo,
    t: &'t Tables,
) -> Option<(Level, Option<&'t str>)> {
    let id = raw.level.get_ref();
    let Some(info) = t.levels.iter().find(|l| &l.id == id) else {
        // An entry the legend refused, or a legend without levels (reported there), may be
        // what is wrong.
        if t.complete("legend.toml") && !t.levels.is_empty() {
            let ids = || t.levels.iter().map(|l| l.id.as_str());
            let all = ids().map(|l| format!("\"{l}\"")).collect::<Vec<_>>();
            let help = did_you_mean(id, ids())
                .map(|l| format!("did you mean \"{l}\"?"))
                .unwrap_or_else(|| format!("level is one of {}", all.join(", ")));
            cx.at(&raw.level, format!("unknown level \"{id}\"")).help = Some(help);
        }
        return None;
    };
    let found = level_in_text(&t.levels, t.speaker.as_deref(), &body.text);
    if let Some((marked, verb)) = found.filter(|(l, _)| l.level != info.level) {
        let msg = format!("level \"{id}\" does not match the verb its text uses \"{verb}\"");
        cx.at(&raw.level, msg).help = Some(format!("did you mean \"{}\"?", marked.id));
    }
    // The hedge rule reads on from the verb the text uses for this level.
    let verb = found.filter(|(l, _)| l.level == info.level);
    Some((info.level, verb.map(|(_, v)| v)))
}
