//! A Party's long groups: a group of a Party page longer than [`INLINE_MAX`] in, its count per
//! section (for the Party page) and the list's own pages out. The recommendations to all
//! Parties and the open ones are the same for every Party: their pages are the shared lists
//! (`Urls::scope_list`); a Party's own groups (named, not named, may concern) get pages under
//! the Party's (`Urls::party_group`), paginated like every listing. Also what each group of a
//! Party holds, as every page that shows the group says it.

use anyhow::Result;
use rayon::prelude::*;
use serde::Serialize;

use super::party::{own_parts, term_key};
use crate::graph::{Concern, PartyIdx, RecIdx};
use crate::model::{Date, Party, Scope};
use crate::render::Renderer;
use crate::render::paged::{self, INLINE_MAX, Paged};
use crate::render::views::{Link, SectionRef, level_counts};

/// A group too long for the Party page: a link to all of it, and its count per section.
#[derive(Debug, Serialize)]
pub(in crate::render) struct Split<'a> {
    all: Link,
    sections: Vec<SectionCount<'a>>,
}

/// How many of a group's recommendations a section holds, linking to where they start.
#[derive(Debug, Serialize)]
struct SectionCount<'a> {
    /// `designated-<section>` in the named group, which the home matrix links to.
    anchor: Option<String>,
    section: SectionRef<'a>,
    count: usize,
    url: String,
}

/// Whether a group of `n` recommendations is shown on the Party page by its counts and links
/// rather than item by item.
pub(in crate::render) fn is_long(n: usize) -> bool {
    n > INLINE_MAX
}

/// The list a group's pages show and the URL of their first page: the shared list of its
/// scope for "all" and "open", else the Party's own.
fn pages_of<'g>(r: &Renderer<'g, '_>, p: PartyIdx, concern: Concern) -> (String, &'g [RecIdx]) {
    let g = r.site();
    match concern {
        Concern::All => (g.urls().scope_list(Scope::All), g.with_scope(Scope::All)),
        Concern::Open => (g.urls().scope_list(Scope::Open), g.with_scope(Scope::Open)),
        _ => (
            g.urls().party_group(&g.party(p).slug, concern.as_str()),
            g.concerns(p).get(concern),
        ),
    }
}

/// Party `p`'s long group `concern`, as its page shows it.
pub(in crate::render) fn split<'a>(
    r: &Renderer<'_, 'a>,
    p: PartyIdx,
    concern: Concern,
) -> Result<Split<'a>> {
    let g = r.site();
    let (first, recs) = pages_of(r, p, concern);
    let mut sections = Vec::new();
    for &si in g.sections() {
        let count = recs
            .iter()
            .filter(|&&i| g.section_of(i) == Some(si))
            .count();
        let Some(url) = paged::section_link(g, &first, recs, si) else {
            continue;
        };
        let s = g.section(si);
        sections.push(SectionCount {
            anchor: (concern == Concern::Named).then(|| format!("designated-{}", s.id.slug())),
            section: SectionRef::new(g, s),
            count,
            url,
        });
    }
    let n = recs.len().to_string();
    let all = Link {
        url: first,
        label: r.strings().fill("listing.see_all", &[("n", &n)])?,
    };
    Ok(Split { all, sections })
}

/// The pages of every Party's long groups of its own (named, not named, may concern): each
/// group a unit, which reads how the Party's recommendations concern it and their items.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    let groups = [Concern::Named, Concern::NotNamed, Concern::Uncertain];
    let jobs: Vec<(PartyIdx, Concern)> = g
        .parties()
        .iter()
        .flat_map(|&p| groups.map(|c| (p, c)))
        .filter(|&(p, c)| is_long(g.concerns(p).get(c).len()))
        .collect();
    jobs.par_iter().try_for_each(|&(p, concern)| {
        let (first, recs) = pages_of(r, p, concern);
        r.unit(&first.clone(), || {
            // The group's members were read before the unit opened: read again inside it.
            r.site().concerns(p);
            render_group(r, p, concern, first, recs)
        })
    })
}

fn render_group(
    r: &Renderer,
    p: PartyIdx,
    concern: Concern,
    first: String,
    recs: &[RecIdx],
) -> Result<()> {
    let (g, t) = (r.site(), r.strings());
    let party = g.party(p);
    let term = t.fill(term_key(concern), &[])?;
    let description = description(r, p, concern)?;
    let paged = Paged {
        first,
        heading: t.fill(
            "party.group_title",
            &[("party", &party.name), ("group", &term)],
        )?,
        intro: description.clone(),
        description,
        crumb: Some(Link {
            url: g.urls().party(&party.slug),
            label: party.name.clone(),
        }),
        counts: level_counts(g, recs),
        by_section: true,
    };
    let parts = if concern == Concern::Named {
        own_parts(r, p, recs)?
    } else {
        r.item_parts(recs)
    };
    paged::render(r, &paged, recs, parts)
}

/// What group `concern` of Party `p` holds, under its heading on the Party page, in the brief
/// and on the group's own pages. For a Party that joined after the report was adopted, the
/// lists that do not name it include those the source lost in full or in part (it could not be
/// on them), and none may concern it.
pub(in crate::render) fn description(
    r: &Renderer,
    p: PartyIdx,
    concern: Concern,
) -> Result<String> {
    let (g, party) = (r.site(), r.site().party(p));
    description_in(r, party, concern, g.meta().report.adopted_on)
}

/// The same for `party`'s group `concern` in a report adopted on `adopted_on` (a further
/// report's, in a brief).
pub(in crate::render) fn description_in(
    r: &Renderer,
    party: &Party,
    concern: Concern,
    adopted_on: Option<Date>,
) -> Result<String> {
    let late = Concern::joined_later(party, adopted_on);
    let which = match concern {
        Concern::NotNamed | Concern::Uncertain if late => "joined_description",
        _ => "description",
    };
    let key = format!("party.group.{}.{which}", concern.as_str());
    r.strings().fill(&key, &[("party", party.name.as_str())])
}
