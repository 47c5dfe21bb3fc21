//! The home page: the site graph in, `index.html` out: the Party picker, the level legend, the
//! sections, and the matrix of what concerns each Party (its total, split four ways, beside
//! the per-section counts of recommendations naming it).

use crate::render::engine::Site;
use anyhow::Result;
use serde::Serialize;

use super::listings::{
    LevelSummary, PartySummary, SectionSummary, level_summaries, party_summary, section_summaries,
};
use crate::graph::{Concern, PartyIdx};
use crate::render::Renderer;
use crate::render::theme::level_words::{self, LevelWords};
use crate::render::views::Meta;

/// One cell of the Party × section matrix.
#[derive(Debug, Serialize)]
struct Cell<'a> {
    count: usize,
    /// The strongest level among the counted recommendations, for shading.
    level: Option<&'a str>,
    /// That level's symbol and its name in a sentence (its label in lower case).
    symbol: Option<String>,
    name: Option<String>,
    url: Option<String>,
}

/// One Party's row of the matrix: how many recommendations concern it, in each way, then
/// those naming it, section by section.
#[derive(Debug, Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    party: PartySummary<'a>,
    cells: Vec<Cell<'a>>,
}

/// Which ways of concerning a Party the matrix shows.
#[derive(Debug, Serialize)]
struct Columns {
    named: bool,
    all: bool,
    open: bool,
    uncertain: bool,
}

/// The home page.
#[derive(Debug, Serialize)]
struct HomeView<'a> {
    levels: Vec<LevelSummary<'a>>,
    level_words: LevelWords,
    sections: Vec<SectionSummary<'a>>,
    rows: Vec<Row<'a>>,
    /// Which of the matrix's columns (named, all, open, uncertain) the dataset has: a way of
    /// concerning a Party that no recommendation has gets no column.
    columns: Columns,
    total: usize,
    parties: usize,
    /// An id of the dataset, for the search box's hint.
    example_id: String,
}

fn matrix<'a>(g: Site<'_, 'a>, symbols: &[String]) -> Vec<Row<'a>> {
    let cells = |p: PartyIdx| {
        let url = g.urls().party(&g.party(p).slug);
        g.sections()
            .iter()
            .map(|&s| {
                let (count, level) = g.named_in_section(p, s);
                let anchor = format!("{url}#designated-{}", g.section(s).id.slug());
                Cell {
                    count,
                    level: level.map(|l| g.level_id(l)),
                    symbol: level.map(|l| symbols[l.index()].clone()),
                    name: level.map(|l| g.level_info(l).label.to_lowercase()),
                    url: (count > 0).then_some(anchor),
                }
            })
            .collect()
    };
    g.parties()
        .iter()
        .map(|&p| Row {
            party: party_summary(g, p),
            cells: cells(p),
        })
        .collect()
}

/// Renders the home page: a unit, which reads only counts.
pub(in crate::render) fn render_home(r: &Renderer) -> Result<()> {
    r.unit(&r.site().urls().home(), || home(r))
}

fn home(r: &Renderer) -> Result<()> {
    let g = r.site();
    let s = r.strings();
    let levels = g.levels();
    let symbols = levels
        .iter()
        .map(|l| level_words::symbol(levels, l, s))
        .collect::<Result<Vec<_>>>()?;
    let view = HomeView {
        levels: level_summaries(g, s)?,
        level_words: LevelWords::new(g, s)?,
        sections: section_summaries(g),
        rows: matrix(g, &symbols),
        columns: Columns {
            named: g.concern_used(Concern::Named),
            all: g.concern_used(Concern::All),
            open: g.concern_used(Concern::Open),
            uncertain: g.concern_used(Concern::Uncertain),
        },
        total: g.recs().len(),
        parties: g.parties().len(),
        example_id: g.first_id().map(ToString::to_string).unwrap_or_default(),
    };
    let site = &g.meta();
    let desc = [("description", site.description.as_str())];
    let meta = Meta::new(
        g,
        g.urls().home(),
        s.fill("home.title", &[])?,
        s.fill("home.description", &desc)?,
    );
    r.page("home.html", meta, &view)
}
