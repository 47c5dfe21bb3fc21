//! A brief's entries: one recommendation in; its entry as every brief shows it (the theme's
//! `brief_entry.html`: level, section, the Committee's full text and footnotes, the editorial
//! notes, its permanent address) out, rendered once per render and scanned once, or an entry
//! of one brief's own that says how the source names the Party; and a further report's
//! recommendation's entry, by the same template.

use crate::render::engine::Site;
use std::sync::{Arc, OnceLock};

use anyhow::{Context, Result};
use serde::Serialize;

use crate::graph::{PartyIdx, RecIdx};
use crate::html_scan::{PageScan, scan as scan_page};
use crate::markdown;
use crate::model::{FurtherReport, Recommendation};
use crate::output::{Interner, Piece, Prepared};
use crate::render::compose::ItemSource;
use crate::render::views::SectionRef;
use crate::render::{Renderer, Theme};

/// The template of one recommendation's entry.
const ENTRY_TEMPLATE: &str = "brief_entry.html";

/// One recommendation's entry.
#[derive(Debug, Serialize)]
struct EntryView<'a> {
    id: String,
    /// Its anchor in the brief (`iii-16`).
    slug: String,
    /// Its permanent address.
    url: &'a str,
    title: &'a str,
    level: &'a str,
    level_label: &'a str,
    section: Option<SectionRef<'a>>,
    /// Ours, from the Committee's Markdown, footnote anchors scoped to the entry.
    body_html: String,
    editorial: Vec<NoteView>,
    /// How the source names the Party: "Belgium (French community)" (own entries only).
    named_as: Vec<String>,
    /// The content's language when the interface's is another, as `SiteView::content_lang`.
    content_lang: Option<&'a str>,
    /// The level of its heading: 3 under a group's, 4 in a further report's part of the
    /// brief, under the report's and the group's.
    h: u8,
}

/// An editorial note, its Markdown rendered by us.
#[derive(Debug, Clone, Serialize)]
struct NoteView {
    kind: &'static str,
    note_html: String,
}

/// Recommendation `i`'s entry of Party `p`'s own, which says how the source names the Party;
/// `None` when it names it plainly (the shared entry is then the brief's).
/// `texts` keeps each recommendation's text and notes as HTML for the other briefs' own entries.
pub(super) fn own_entry(
    r: &Renderer,
    p: PartyIdx,
    i: RecIdx,
    texts: &Texts,
) -> Result<Option<Piece>> {
    let (g, party) = (r.site(), r.site().party(p));
    let named_as = crate::render::kinds::party::named_as(g, g.item(i), party);
    if named_as.is_empty() {
        return Ok(None);
    }
    let permalink = g.urls().permalink(g.item(i).id());
    let html = texts.0[i.index()]
        .get_or_init(|| EntryTexts::of(g, i))
        .clone();
    let entry = EntryView {
        named_as,
        ..entry_view(g, i, &permalink, html)
    };
    render_entry(r.theme, &entry).map(|html| Some(Piece::from(html)))
}

/// Each recommendation's text and editorial notes as HTML, by [`RecIdx`], made once per render
/// for the briefs' own entries: a text named in several ways is in the brief of every Party
/// it names so, and its Markdown was rendered again for each (at 10×, 709 own entries).
pub(super) struct Texts(Vec<OnceLock<EntryTexts>>);

impl Texts {
    /// Room for `n` recommendations, none made yet.
    pub(super) fn new(n: usize) -> Texts {
        Texts((0..n).map(|_| OnceLock::new()).collect())
    }
}

/// A recommendation's text and notes, as its entry shows them.
#[derive(Debug, Clone)]
pub(super) struct EntryTexts {
    body_html: String,
    editorial: Vec<NoteView>,
}

impl EntryTexts {
    /// Recommendation `i`'s text, footnote anchors scoped to its entry, and its notes.
    fn of(g: Site<'_, '_>, i: RecIdx) -> EntryTexts {
        let rec = g.rec(i);
        let base = g.urls().base();
        let scope = format!("{}-", rec.id.slug());
        EntryTexts {
            body_html: markdown::to_html_scoped(&rec.body, base, &scope),
            editorial: notes(rec, base),
        }
    }
}

/// Recommendation `i`'s entry as every brief shows it, `url` its permanent address, `html` its
/// text and notes.
fn entry_view<'a>(g: Site<'_, 'a>, i: RecIdx, url: &'a str, html: EntryTexts) -> EntryView<'a> {
    let rec = g.rec(i);
    EntryView {
        id: rec.id.to_string(),
        body_html: html.body_html,
        slug: rec.id.slug(),
        url,
        title: &rec.title,
        level: g.level_id(rec.level),
        level_label: &g.level_info(rec.level).label,
        section: g.section_of(i).map(|s| SectionRef::new(g, g.section(s))),
        editorial: html.editorial,
        named_as: Vec::new(),
        content_lang: g.meta().content_lang(),
        h: 3,
    }
}

/// The entry of `rec`, a recommendation of further report `f`, in a brief; `named_as`: how
/// the source names the brief's Party, when with a qualifier or a sector (the entry is then
/// the brief's own). Its anchors start with the report's slug, since its id may be one of the
/// first report's too.
pub(super) fn further_entry(
    r: &Renderer,
    f: &FurtherReport,
    rec: &Recommendation,
    named_as: Vec<String>,
) -> Result<String> {
    let g = r.site();
    let urls = g.urls().for_report(&f.slug);
    let url = urls.permalink(&rec.id);
    let slug = format!("{}-{}", f.slug, rec.id.slug());
    let level = f.ds.level_info(rec.level);
    let section = f.ds.sections.iter().find(|s| s.id == rec.id.section);
    let entry = EntryView {
        id: rec.id.to_string(),
        body_html: markdown::to_html_scoped(&rec.body, urls.base(), &format!("{slug}-")),
        slug,
        url: &url,
        title: &rec.title,
        level: &level.id,
        level_label: &level.label,
        section: section.map(|s| SectionRef {
            id: s.id.as_str(),
            title: &s.title,
            url: urls.section(&s.id),
        }),
        editorial: notes(rec, urls.base()),
        named_as,
        content_lang: g.meta().content_lang(),
        h: 4,
    };
    render_entry(r.theme, &entry)
}

/// `rec`'s editorial notes, their Markdown rendered against `base`.
fn notes(rec: &Recommendation, base: &str) -> Vec<NoteView> {
    rec.editorial
        .iter()
        .map(|e| NoteView {
            kind: e.kind.as_str(),
            note_html: markdown::to_html(&e.note, base),
        })
        .collect()
}

/// About how many bytes recommendation `rec`'s entry weighs, before it is rendered: its
/// Markdown (text and footnotes), title and editorial notes as written, and what
/// `brief_entry.html` adds around them: [`ENTRY_FRAME`] bytes.
pub(super) fn estimated_weight(rec: &Recommendation) -> usize {
    let notes: usize = rec.editorial.iter().map(|e| e.note.len()).sum();
    rec.body.len() + rec.title.len() + notes + ENTRY_FRAME
}

/// What the default theme's entry adds to its text, title and notes: its markup, level,
/// section and permanent address. At 8 times the bundled content, 490 to 1,360 bytes, about
/// 550 on average (more where a footnote lists many Parties).
const ENTRY_FRAME: usize = 550;

/// What `brief_entry.html` sees.
#[derive(Serialize)]
struct EntryContext<'e, 'a> {
    entry: &'e EntryView<'a>,
}

fn render_entry(theme: &Theme, entry: &EntryView) -> Result<String> {
    let ctx = tera::Context::from_serialize(EntryContext { entry })
        .context("building the template context")?;
    theme
        .tera
        .render(ENTRY_TEMPLATE, &ctx)
        .with_context(|| format!("rendering {ENTRY_TEMPLATE} for {}", entry.id))
}

/// Every recommendation's shared entry, made the first time a brief shows it (on a rebuild,
/// taken from the last render while the recommendation did not change), with its links and
/// ids (scanned once, whatever the number of briefs that show it), by [`RecIdx`].
pub(super) struct Entries {
    made: Vec<OnceLock<Arc<MadeEntry>>>,
    /// Each scan looked up in a rebuild's interner, once.
    prepared: Vec<OnceLock<Prepared>>,
}

/// One recommendation's entry in the briefs as a render made it, with its links and ids and
/// their digest; a rebuild takes it whole while the recommendation did not change.
#[derive(Debug)]
pub(crate) struct MadeEntry {
    html: Piece,
    scan: PageScan<'static>,
    digest: u128,
}

impl Entries {
    pub(super) fn new(n: usize) -> Entries {
        Entries {
            made: (0..n).map(|_| OnceLock::new()).collect(),
            prepared: (0..n).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Makes recommendation `i`'s entry, unless made. Two briefs may make one at once: both
    /// make the same bytes, and the first kept is the one every brief shows.
    pub(super) fn make(&self, r: &Renderer, i: RecIdx) -> Result<()> {
        let cell = &self.made[i.index()];
        if cell.get().is_some() {
            return Ok(());
        }
        if let Some(kept) = r.tracking().and_then(|t| t.cached_entry(i)) {
            let _ = cell.set(kept.clone());
            return Ok(());
        }
        let g = r.site();
        let permalink = g.urls().permalink(g.item(i).id());
        let view = entry_view(g, i, &permalink, EntryTexts::of(g, i));
        let html = render_entry(r.theme, &view)?;
        let scan = scan_page(&html).into_owned();
        let _ = cell.set(Arc::new(MadeEntry {
            digest: scan.digest(),
            scan,
            html: Piece::from(html),
        }));
        Ok(())
    }

    /// The entries made in this render, for the next.
    pub(super) fn into_made(self) -> Vec<(RecIdx, Arc<MadeEntry>)> {
        self.made
            .into_iter()
            .enumerate()
            .filter_map(|(k, cell)| Some((RecIdx::from_index(k), cell.into_inner()?)))
            .collect()
    }

    fn get(&self, i: RecIdx) -> &MadeEntry {
        self.made[i.index()]
            .get()
            .expect("a brief makes each entry it shows before composing")
    }
}

impl ItemSource for Entries {
    fn piece(&self, i: RecIdx) -> &Piece {
        &self.get(i).html
    }

    fn scan(&self, i: RecIdx) -> &PageScan<'static> {
        &self.get(i).scan
    }

    fn digest(&self, i: RecIdx) -> u128 {
        self.get(i).digest
    }

    fn prepared(&self, i: RecIdx, interner: &Interner) -> &Prepared {
        self.prepared[i.index()].get_or_init(|| interner.prepare(self.get(i).scan.borrowed()))
    }
}
