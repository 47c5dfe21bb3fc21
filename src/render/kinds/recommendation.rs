//! Recommendation pages: one recommendation in, its page out: level, section, addressees (with
//! what the source does not preserve said plainly), text with footnotes, references both ways,
//! editorial notes, a citation and its permalink; beside the page, the citation as BibTeX
//! (`cite.bib`) and RIS (`cite.ris`).

use crate::render::engine::Site;
use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::jsonld;
use crate::graph::RecIdx;
use crate::markdown;
use crate::model::CitationFormat;
use crate::model::{PartyList, Recommendation};
use crate::render::Renderer;
use crate::render::compose::ListHtml;
use crate::render::views::{ImageView, Link, Meta, RecItem, SectionRef, party_label};

/// A recommendation page.
#[derive(Debug, Serialize)]
struct RecommendationView<'a> {
    id: String,
    title: &'a str,
    level: &'a str,
    level_label: &'a str,
    level_url: String,
    section: Option<SectionRef<'a>>,
    addressees: AddresseesView,
    /// Rendered by us from the Committee's Markdown: the only HTML marked safe.
    body_html: String,
    refers_to: ListHtml,
    referenced_by: ListHtml,
    articles: &'a [String],
    explanatory_report: &'a [String],
    prev: Option<RecItem<'a>>,
    next: Option<RecItem<'a>>,
    editorial: Vec<EditorialView>,
    permalink: String,
    /// The citation as files: BibTeX and RIS.
    bibtex_url: String,
    ris_url: String,
    /// The releases that changed it, each linking to its entry on the release's page.
    changed_in: Vec<Link>,
}

/// To whom the recommendation is addressed.
#[derive(Debug, Serialize)]
struct AddresseesView {
    /// The scope's id: the theme names it and says what it means (`scope.<id>`, `_def`).
    scope: &'static str,
    lists: Vec<ListView>,
}

/// One list of designated Parties (one per sector for ).
#[derive(Debug, Serialize)]
struct ListView {
    sector: Option<String>,
    footnote: Option<String>,
    parties: Vec<Link>,
    /// `complete`, `partial` or `unknown`; the theme says plainly what is not preserved.
    status: &'static str,
}

/// An editorial note, its Markdown rendered by us.
#[derive(Debug, Serialize)]
struct EditorialView {
    kind: &'static str,
    note_html: String,
}

/// Renders every recommendation page, on all cores: each a unit with its citation files.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    g.recs().par_iter().try_for_each(|&i| {
        let key = g.urls().recommendation(g.item(i).id());
        r.unit(&key, || render_one(r, i))
    })
}

/// Renders one recommendation's page and its citation files.
fn render_one(r: &Renderer, i: RecIdx) -> Result<()> {
    let g = r.site();
    let rec = r.site().rec(i);
    let view = view(r, i);
    let cite = super::cite::of(r, i)?;
    r.file_at_url(&view.bibtex_url, super::cite::bibtex(&cite).into_bytes())?;
    r.file_at_url(&view.ris_url, super::cite::ris(&cite).into_bytes())?;
    let alt = r.strings().fill(
        "preview.rec_alt",
        &[
            ("id", &view.id),
            ("level", view.level_label),
            ("title", &rec.title),
        ],
    )?;
    let meta = Meta {
        og_type: "article",
        image: ImageView::at(g, &g.urls().recommendation_preview(&rec.id), alt),
        jsonld: Some(jsonld::recommendation(g, rec, &view.permalink)?),
        ..Meta::new(
            g,
            g.urls().recommendation(&rec.id),
            r.strings().fill(
                "rec.title",
                &[("id", &rec.id.to_string()), ("title", &rec.title)],
            )?,
            description(rec),
        )
    };
    r.page("recommendation.html", meta, &view)
}

fn view<'a>(r: &Renderer<'_, 'a>, i: RecIdx) -> RecommendationView<'a> {
    let g = r.site();
    let rec = g.rec(i);
    let (prev, next) = g.neighbours(i);
    let u = g.urls();
    let info = g.level_info(rec.level);
    let refs: Vec<RecIdx> = rec
        .references
        .recommendations
        .iter()
        .filter_map(|id| g.find_rec(id))
        .collect();
    let permalink = r.items.permalink(i).to_string();
    RecommendationView {
        id: rec.id.to_string(),
        title: &rec.title,
        level: &info.id,
        level_label: &info.label,
        level_url: u.level(&info.id),
        section: g.section_of(i).map(|s| SectionRef::new(g, g.section(s))),
        addressees: addressees(g, rec),
        body_html: markdown::to_html(&rec.body, u.base()),
        refers_to: r.list(&refs),
        referenced_by: r.list(g.referenced_by(i)),
        articles: &rec.references.articles,
        explanatory_report: &rec.references.explanatory_report,
        prev: prev.map(|p| RecItem::new(g, g.item(p))),
        next: next.map(|n| RecItem::new(g, g.item(n))),
        editorial: rec
            .editorial
            .iter()
            .map(|e| EditorialView {
                kind: e.kind.as_str(),
                note_html: markdown::to_html(&e.note, u.base()),
            })
            .collect(),
        permalink,
        bibtex_url: u.recommendation_citation(&rec.id, CitationFormat::Bibtex),
        ris_url: u.recommendation_citation(&rec.id, CitationFormat::Ris),
        changed_in: super::changes::changed_in(r, &rec.id),
    }
}

fn addressees(g: Site, rec: &Recommendation) -> AddresseesView {
    let a = &rec.addressees;
    AddresseesView {
        scope: a.scope.as_str(),
        lists: a.lists.iter().map(|l| list_view(g, l)).collect(),
    }
}

fn list_view(g: Site, list: &PartyList) -> ListView {
    let sector = list
        .sector
        .as_deref()
        .map(|id| g.sector_label(id).to_string());
    ListView {
        sector,
        footnote: list.footnote.clone(),
        parties: list
            .parties
            .iter()
            .map(|p| Link {
                url: g.urls().party(&p.party),
                label: party_label(g, &p.party, p.qualifier.as_deref()),
            })
            .collect(),
        status: list.completeness.as_str(),
    }
}

/// The meta description: the start of the Committee's text.
fn description(rec: &Recommendation) -> String {
    let text = &rec.text;
    if text.chars().count() <= 200 {
        return text.clone();
    }
    let cut: String = text.chars().take(200).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
