//! Broken links traced back to the content: the link check's findings, the content files and
//! the dataset in, each broken link that a recommendation's or a page's Markdown made out as a
//! located diagnostic (`content/pages/about.md:5:3: error: broken link /nope/ (no such page or
//! file)`), so `check` and `build` name the file and line to fix, not the rendered page.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::content::{ContentFiles, SourceFile, split_front_matter};
use crate::diag::Diagnostics;
use crate::markdown::{links, rendered_link};
use crate::model::Dataset;
use crate::model::Urls;
use crate::output::BrokenLink;

/// Every broken link as a located diagnostic, when each is on a page made from a content file
/// (a recommendation's or a content page's, or a brief that repeats a recommendation's text);
/// `None` if any comes from the theme, which has no content file to point at.
pub(super) fn locate(
    files: &ContentFiles,
    ds: &Dataset,
    urls: &Urls,
    broken: &[BrokenLink],
) -> Option<Diagnostics> {
    let further = files.reports.iter().flat_map(|r| &r.recommendations);
    let by_path: HashMap<&Path, &SourceFile> = files
        .recommendations
        .iter()
        .chain(&files.pages)
        .chain(further)
        .map(|f| (f.path.as_path(), f))
        .collect();
    // Every report's recommendation pages: a further report's are under its own URLs.
    let reports = std::iter::once((ds, urls.clone()))
        .chain(ds.further.iter().map(|f| (&f.ds, urls.for_report(&f.slug))));
    let rec_pages = reports.flat_map(|(ds, urls)| {
        ds.recommendations
            .iter()
            .map(move |r| (urls.recommendation(&r.id), &r.path))
    });
    let page_pages = ds.pages.iter().map(|p| (urls.page(&p.slug), &p.path));
    let sources: HashMap<String, &SourceFile> = rec_pages
        .chain(page_pages)
        .filter_map(|(url, path)| Some((urls.output_path(&url)?, *by_path.get(path.as_path())?)))
        .collect();
    // A Party's brief repeats the texts of recommendation pages: a link broken there is broken
    // on the recommendation's page too, which names the file to fix. Its pages are all in its
    // folder (a long brief's parts too); its file is beside.
    let briefs: HashSet<String> = ds
        .parties
        .iter()
        .flat_map(|p| [urls.party_brief(&p.slug), urls.party_brief_file(&p.slug)])
        .filter_map(|url| urls.output_path(&url))
        .map(|path| {
            path.strip_suffix("index.html")
                .map_or(path.clone(), str::to_string)
        })
        .collect();
    let in_brief = |page: &str| {
        let under = |b: &String| b.ends_with('/') && page.starts_with(b.as_str());
        briefs.contains(page) || briefs.iter().any(under)
    };
    let located: HashSet<&str> = broken
        .iter()
        .filter(|b| sources.contains_key(&b.page))
        .map(|b| b.link.as_str())
        .collect();
    let mut diags = Diagnostics::default();
    for b in broken {
        if in_brief(&b.page) && located.contains(b.link.as_str()) {
            continue;
        }
        let file = sources.get(&b.page)?;
        diags.push(file.error_at(
            offset_of(file, &b.link, urls.base()),
            format!("broken link {} ({})", b.link, b.reason),
        ));
    }
    Some(diags.sorted())
}

/// Where in `file` the Markdown link that renders as `link` is: in the body; else in the
/// front matter (an editorial note's Markdown), where `](target` is written; else the start.
fn offset_of(file: &SourceFile, link: &str, base: &str) -> usize {
    let Ok(fm) = split_front_matter(&file.text) else {
        return 0;
    };
    let in_body = links(fm.body)
        .into_iter()
        .find(|(_, url)| rendered_link(url, base) == link)
        .map(|(at, _)| fm.body_offset + at);
    // As written: the link itself, or a site path without the base.
    let site_path = link.strip_prefix(base).map(|rest| format!("/{rest}"));
    let in_notes = || {
        [Some(link.to_string()), site_path.clone()]
            .into_iter()
            .flatten()
            .find_map(|target| fm.toml.find(&format!("]({target}")))
            .map(|at| fm.toml_offset + at)
    };
    in_body.or_else(in_notes).unwrap_or(0)
}
