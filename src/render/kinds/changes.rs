//! The change history: the releases of the site graph's dataset in; out, `/changes/` (every
//! release, newest first, with its note) and one page per release listing each recommendation
//! it changed, field by field, before and after, with the words that changed marked; in a
//! site of several reports, every report's (see `release_changes`).

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::release_changes::{Of, changes_in};
use super::worddiff::{Marks, word_diff};
use crate::markdown;
use crate::model::releases::{Change, Field, RecState, Release};
use crate::render::Renderer;
use crate::render::theme::strings::Strings;
use crate::render::views::{Link, Meta};

/// A release in the history.
#[derive(Debug, Serialize)]
struct ReleaseSummary {
    version: String,
    date: String,
    url: String,
    note_html: String,
    /// How many recommendations it changed; `None` for the first release.
    changed: Option<usize>,
}

/// `/changes/`.
#[derive(Debug, Serialize)]
struct ChangesView {
    releases: Vec<ReleaseSummary>,
    feed: String,
}

/// One release's page.
#[derive(Debug, Serialize)]
struct ReleaseView {
    release: ReleaseSummary,
    /// The release before, when there is one.
    previous: Option<String>,
    changes: Vec<ChangeView>,
    feed: String,
    /// `/changes/`, for the breadcrumb.
    crumb: Link,
}

/// One changed recommendation.
#[derive(Debug, Serialize)]
pub(in crate::render) struct ChangeView {
    /// The report it is of, by name, in a site of several reports.
    pub report: Option<String>,
    pub id: String,
    /// The anchor of its entry (`ii-10`).
    pub anchor: String,
    /// Its page; `None` when it has been deleted since (the entry names it, unlinked).
    pub url: Option<String>,
    pub title: String,
    /// `changed`, `added` or `removed`.
    pub status: &'static str,
    pub fields: Vec<FieldView>,
}

/// One changed field: before and after, paragraph by paragraph, as marked HTML.
#[derive(Debug, Serialize)]
pub(in crate::render) struct FieldView {
    pub field: &'static str,
    pub before: Vec<String>,
    pub after: Vec<String>,
}

/// Renders `/changes/` and each release's page (nothing when there are no releases).
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    let history = &g.history();
    if history.releases.is_empty() {
        return Ok(());
    }
    let u = g.urls();
    let t = r.strings();
    let reports = Of::every(g);
    let summaries: Vec<ReleaseSummary> = history
        .releases
        .iter()
        .enumerate()
        .rev()
        .map(|(i, (rel, _))| summary(r, rel, (i > 0).then(|| changes_in(&reports, i).len())))
        .collect();
    let meta = Meta::new(
        g,
        u.changes(),
        t.fill("changes.title", &[])?,
        t.fill("changes.description", &[])?,
    );
    let view = ChangesView {
        releases: summaries,
        feed: u.changes_feed(),
    };
    r.page("changes.html", meta, &view)?;
    (0..history.releases.len())
        .into_par_iter()
        .try_for_each(|i| render_release(r, &reports, i))?;
    super::feeds::render_all(r)
}

fn render_release(r: &Renderer, reports: &[Of], i: usize) -> Result<()> {
    let g = r.site();
    let t = r.strings();
    let rel = &g.history().releases[i].0;
    let changes = changes_in(reports, i);
    let previous = i
        .checked_sub(1)
        .map(|j| g.history().releases[j].0.version.to_string());
    let v = rel.version.as_str();
    let meta = Meta::new(
        g,
        g.urls().release(v),
        t.fill("changes.release_title", &[("version", v)])?,
        t.fill(
            "changes.release_description",
            &[("version", v), ("date", &rel.date)],
        )?,
    );
    let views = changes
        .iter()
        .map(|(of, c)| change_view(r, of, c))
        .collect::<Result<_>>()?;
    let view = ReleaseView {
        release: summary(r, rel, (i > 0).then_some(changes.len())),
        previous,
        changes: views,
        feed: g.urls().changes_feed(),
        crumb: Link {
            url: g.urls().changes(),
            label: t.get("changes.heading")?.to_string(),
        },
    };
    r.page("release.html", meta, &view)
}

fn summary(r: &Renderer, rel: &Release, changed: Option<usize>) -> ReleaseSummary {
    let u = r.site().urls();
    ReleaseSummary {
        version: rel.version.to_string(),
        date: rel.date.clone(),
        url: u.release(rel.version.as_str()),
        note_html: markdown::to_html(&rel.note, u.base()),
        changed,
    }
}

/// A changed recommendation with the words of each changed field marked.
pub(in crate::render) fn change_view(r: &Renderer, of: &Of, c: &Change) -> Result<ChangeView> {
    let t = r.strings();
    let marks = Marks {
        removed: t.get("changes.removed")?,
        added: t.get("changes.added")?,
        whole: t.get("changes.too_long")?,
    };
    let state = c.after.as_ref().or(c.before.as_ref());
    let status = match (&c.before, &c.after) {
        (Some(_), Some(_)) => "changed",
        (None, _) => "added",
        (_, None) => "removed",
    };
    let mut fields = Vec::new();
    for &f in &c.fields {
        let before = paragraphs(of, t, c.before.as_ref(), f)?;
        let after = paragraphs(of, t, c.after.as_ref(), f)?;
        let n = before.len().max(after.len());
        let pairs: Vec<(String, String)> = (0..n)
            .map(|i| {
                let get = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                word_diff(&get(&before), &get(&after), marks)
            })
            .collect();
        fields.push(FieldView {
            field: f.as_str(),
            before: pairs
                .iter()
                .map(|p| p.0.clone())
                .filter(|s| !s.is_empty())
                .collect(),
            after: pairs
                .into_iter()
                .map(|p| p.1)
                .filter(|s| !s.is_empty())
                .collect(),
        });
    }
    Ok(ChangeView {
        report: of.name().map(str::to_string),
        id: c.id.to_string(),
        anchor: of.anchor(&c.id),
        url: of.rec_url(&c.id),
        title: state.map_or_else(String::new, |s| s.title.clone()),
        status,
        fields,
    })
}

/// What a reader reads of one field, as plain-text paragraphs (empty when `state` is absent).
fn paragraphs(of: &Of, t: &Strings, state: Option<&RecState>, f: Field) -> Result<Vec<String>> {
    let Some(s) = state else {
        return Ok(Vec::new());
    };
    Ok(match f {
        Field::Title => vec![s.title.clone()],
        Field::Level => vec![of.level_label(&s.level).unwrap_or(&s.level).to_string()],
        Field::Addressees => {
            let mut out = vec![
                t.get(&format!("scope.{}", s.scope))
                    .unwrap_or(&s.scope)
                    .to_string(),
            ];
            for l in &s.lists {
                let names = l.parties.join(", ");
                out.push(match &l.sector {
                    Some(sector) => format!("{}: {names}", of.sector_label(sector)),
                    None => names,
                });
            }
            out
        }
        Field::Text => text_paragraphs(&s.body),
        Field::Editorial => s
            .editorial
            .iter()
            .map(|n| {
                let kind = t.get(&format!("rec.kind_{}", n.kind)).unwrap_or(&n.kind);
                let mut p = format!("{kind}: {}", markdown::plain_text(&n.note));
                for (_, source, text) in &n.corrections {
                    p.push_str(&format!(" “{source}” → “{text}”"));
                }
                Ok(p)
            })
            .collect::<Result<_>>()?,
    })
}

/// The Committee's text as plain text, then each footnote as "label text" (plain text
/// leaves footnotes out, and a changed footnote must show).
fn text_paragraphs(body: &str) -> Vec<String> {
    let mut out = vec![markdown::plain_text(body)];
    for line in body.lines() {
        let def = line.strip_prefix("[^").and_then(|l| l.split_once("]:"));
        if let Some((label, text)) = def {
            out.push(format!("{label} {}", markdown::plain_text(text)));
        }
    }
    out
}

/// The "Changed in" links of a recommendation page: one per release that changed it.
pub(in crate::render) fn changed_in(r: &Renderer, id: &crate::model::RecId) -> Vec<Link> {
    let u = r.site().urls();
    r.site()
        .history()
        .changed_in(id)
        .into_iter()
        .map(|v| Link {
            url: u.release_entry(v.as_str(), id),
            label: v.to_string(),
        })
        .collect()
}
