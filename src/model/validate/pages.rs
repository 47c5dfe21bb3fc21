//! Validates content pages (`content/pages/<slug>.md`): front matter, a safe unique slug.

use crate::content::raw::RawPage;
use crate::content::{SourceFile, parse_toml, split_front_matter};
use crate::diag::Diagnostics;
use crate::markdown::values;
use crate::model::Page;
use crate::model::facts::{Facts, NAMES};
use crate::model::ids::is_slug;
use crate::model::urls::GENERATED_FOLDERS;

/// Pages sorted by weight, then slug.
/// `facts` are the dataset's numbers, which a page may name (`{{ recommendations }}`).
pub(super) fn validate_pages(
    files: &[SourceFile],
    facts: &Facts,
    diags: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages: Vec<Page> = files
        .iter()
        .filter_map(|f| validate_page(f, facts, diags))
        .collect();
    pages.sort_by(|a, b| (a.weight, &a.slug).cmp(&(b.weight, &b.slug)));
    pages
}

fn validate_page(file: &SourceFile, facts: &Facts, diags: &mut Diagnostics) -> Option<Page> {
    let fm = split_front_matter(&file.text)
        .map_err(|e| diags.push(file.error_at(e.offset, e.message)))
        .ok()?;
    let raw: RawPage = parse_toml(file, fm.toml, fm.toml_offset, diags)?;
    let slug = file
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    if GENERATED_FOLDERS.contains(&slug.as_str()) {
        let msg = format!("page slug \"{slug}\" is taken by a generated page (/{slug}/)");
        let help = format!(
            "rename the file; these are taken: {}",
            GENERATED_FOLDERS.join(", ")
        );
        diags.push(file.error_at(0, msg).with_help(help));
        return None;
    }
    if !is_slug(&slug) {
        let msg = format!("invalid page file name \"{slug}.md\"");
        diags.push(
            file.error_at(0, msg)
                .with_help(crate::content::raw::SLUG_HELP),
        );
        return None;
    }
    let before = diags.error_count();
    let mut cx = super::ctx::Ctx {
        file,
        fm: fm.toml_offset,
        body: fm.body_offset,
        diags,
    };
    super::rec::check_title(&mut cx, &raw.title);
    if cx.diags.error_count() > before {
        return None;
    }
    super::rec::check_links(&mut cx, fm.body);
    super::rec::check_control_references(&mut cx, fm.body);
    check_values(&mut cx, fm.body, facts);
    if diags.error_count() > before {
        return None;
    }
    Some(Page {
        slug,
        path: file.path.clone(),
        title: raw.title.into_inner(),
        description: raw.description.into_inner(),
        weight: raw.weight,
        menu: raw.menu,
        body: fm.body.to_string(),
    })
}

/// The names a page uses must be known and have a value; a number the data knows, written out
/// in the page's prose, is a warning with the name to write instead.
fn check_values(cx: &mut super::ctx::Ctx, body: &str, facts: &Facts) {
    let names = || NAMES.iter().map(|(n, _)| *n);
    for p in values::placeholders(body) {
        let written = &body[p.range.clone()];
        match facts.value(&p.name) {
            Some(Some(_)) => {}
            Some(None) => {
                let what = NAMES
                    .iter()
                    .find(|(n, _)| *n == p.name)
                    .map_or("", |(_, w)| w);
                let msg = format!(
                    "{written} has no value: it is {what}, which this dataset does not set"
                );
                cx.in_body(p.range.start, msg);
            }
            None => {
                let help = match crate::diag::did_you_mean(&p.name, names()) {
                    Some(near) => format!("did you mean {{{{ {near} }}}}?"),
                    None => format!("a page may name {}", names().collect::<Vec<_>>().join(", ")),
                };
                let msg = format!("unknown value {written}");
                cx.in_body(p.range.start, msg).help = Some(help);
            }
        }
    }
    for range in values::prose_ranges(body) {
        for h in facts.hard_coded(&body[range.clone()]) {
            let msg = format!(
                "\"{}\" is a number the data knows, written by hand",
                h.written
            );
            let help = format!("write {{{{ {} }}}}: the page then follows the data", h.name);
            cx.warn_in_body(range.start + h.offset, msg).help = Some(help);
        }
    }
}
