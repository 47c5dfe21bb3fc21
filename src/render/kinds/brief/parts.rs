//! Briefs in parts: a brief whose entries are more than one page holds ([`PAGE_BYTES`]) in;
//! out, its first page (`parties/<slug>/brief/`: what the brief holds, its downloads, and
//! contents that link to every part instead of the entries) and its parts, each a group of
//! the brief (`…/brief/all/`) or, when the group alone is more than a page holds, a page of it
//! (`…/brief/all/page/2/`). The entries keep the whole brief's order (group by group, each in
//! the report's order), every one in exactly one part; each part says which Party's brief it
//! is, that it is part k of n, where its texts are from, and links to the parts before and
//! after it, the brief's first page and the Party page, so that it reads and prints alone.

use std::ops::Range;
use std::sync::Arc;

use anyhow::Result;
use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::{Hash, Hasher};

use super::entries::Entries;
use super::{BriefView, GroupView, Shared};
use crate::graph::{Concern, PartyIdx, RecIdx};
use crate::render::Renderer;
use crate::render::compose::{ItemSource, ListHtml, Part};
use crate::render::engine::deps::Node;
use crate::render::views::{Link, Meta};

/// The most bytes of entries' HTML (the Committee's texts with their footnotes and notes)
/// one brief page holds. A brief whose entries weigh no more is one page, as every brief of
/// the bundled content is (the heaviest, about 112 KB); a heavier one is in parts of at most
/// this weight each (an entry heavier alone is a part alone), which with the page around
/// them keeps every page under 500 KB. By weight, not by count: an entry of the bundled
/// content is 0.7 to 4.2 KB.
pub(crate) const PAGE_BYTES: usize = 300_000;

/// A run of a group's entries that is one part: the positions in the group, and the entries.
#[derive(Debug)]
pub(super) struct Chunk {
    range: Range<usize>,
    list: ListHtml,
}

/// A part as the brief's other pages link to it.
#[derive(Debug, Clone, Serialize)]
pub(super) struct PartLink {
    url: String,
    /// Its number in the brief, from 1.
    n: usize,
    /// How many recommendations it holds, and the first and last.
    count: usize,
    first: String,
    last: String,
}

/// A part of a brief, as `brief_part.html` sees it.
#[derive(Debug, Serialize)]
struct PartView<'a> {
    name: &'a str,
    /// The Party page.
    crumb: Link,
    /// The brief's first page, with its contents: the breadcrumb's "Brief".
    contents: Link,
    /// This part, and how many the brief is in.
    part: PartLink,
    of: usize,
    /// The group the part holds, its entries the part's.
    group: GroupView,
    /// This part's page of the group, and how many the group is in.
    page: usize,
    pages: usize,
    prev: Option<PartLink>,
    next: Option<PartLink>,
}

/// The recommendations of one group of a brief, in order.
pub(super) enum Member<'b> {
    /// A group of the first report: which it is, and its recommendations.
    First(Concern, &'b [RecIdx]),
    /// A group of a further report: its recommendations' ids.
    Further(Vec<String>),
}

/// What a brief in parts is made of, beside its view.
pub(super) struct Brief<'b, 'g, 'a> {
    pub p: PartyIdx,
    /// Each group the view shows, the first report's then the further reports' (as
    /// [`groups`] gives them).
    pub members: &'b [Member<'b>],
    pub entries: &'b Entries,
    pub shared: &'b Shared<'g, 'a>,
}

/// Every group of `view`, the first report's then each further report's, in the brief's
/// order.
fn groups<'v>(view: &'v BriefView) -> impl Iterator<Item = &'v GroupView> {
    let further = view.reports.iter().flat_map(|rep| &rep.groups);
    view.groups.iter().chain(further)
}

/// The same, to change.
fn groups_mut<'v>(view: &'v mut BriefView) -> impl Iterator<Item = &'v mut GroupView> {
    let further = view.reports.iter_mut().flat_map(|rep| &mut rep.groups);
    view.groups.iter_mut().chain(further)
}

/// Whether the entries of `view`'s groups fit on one page ([`part_count`] on their weights).
pub(super) fn fits(view: &BriefView, entries: &Entries) -> bool {
    let sizes: Vec<Vec<usize>> = groups(view)
        .map(|g| {
            let list = g.entries.as_ref().map_or(&[][..], |l| &l.parts[..]);
            list.iter().map(|part| weight(part, entries)).collect()
        })
        .collect();
    part_count(&sizes) == 0
}

/// How many parts a brief is in, from the weights of its entries in bytes,
/// group by group in the brief's order: none when they fit on one page ([`PAGE_BYTES`]);
/// else each group's entries packed in parts of at most that weight ([`pack`]). The one rule
/// a brief is split by: the renderer decides by it ([`fits`], [`chunks`]), and the build's
/// progress counts a brief's files by it (`super::expected_parts`).
pub(crate) fn part_count(groups: &[Vec<usize>]) -> usize {
    let total: usize = groups.iter().flatten().sum();
    if total <= PAGE_BYTES {
        return 0;
    }
    groups.iter().map(|sizes| group_parts(sizes).len()).sum()
}

/// One group's parts, by the weights of its entries: consecutive ranges of them.
fn group_parts(sizes: &[usize]) -> Vec<Range<usize>> {
    pack(sizes, PAGE_BYTES)
}

/// The bytes of an entry.
fn weight(part: &Part, entries: &Entries) -> usize {
    match part {
        Part::Item(i) => entries.piece(*i).len(),
        Part::Own(html) => html.len(),
    }
}

/// Consecutive ranges of `sizes`, each of at most `budget` in all or of one size alone;
/// none for no sizes.
pub(super) fn pack(sizes: &[usize], budget: usize) -> Vec<Range<usize>> {
    let (mut out, mut start, mut sum) = (Vec::new(), 0, 0);
    for (k, &size) in sizes.iter().enumerate() {
        if k > start && sum + size > budget {
            out.push(start..k);
            (start, sum) = (k, 0);
        }
        sum += size;
    }
    if start < sizes.len() {
        out.push(start..sizes.len());
    }
    out
}

/// Group `k`'s parts. The first report's "all" and "open" groups' are the same on every
/// brief: made once.
fn chunks(b: &Brief, k: usize, group: &GroupView) -> Arc<[Chunk]> {
    let make = || -> Arc<[Chunk]> {
        let parts = group.entries.as_ref().map_or(&[][..], |l| &l.parts[..]);
        let sizes: Vec<usize> = parts.iter().map(|p| weight(p, b.entries)).collect();
        let chunk = |range: Range<usize>| Chunk {
            list: ListHtml {
                count: range.len(),
                parts: Arc::from(&parts[range.clone()]),
            },
            range,
        };
        group_parts(&sizes).into_iter().map(chunk).collect()
    };
    match &b.members[k] {
        Member::First(concern @ (Concern::All | Concern::Open), _) => {
            let (slot, _) = b.shared.slot(*concern);
            b.shared.parted[slot].get_or_init(make).clone()
        }
        _ => make(),
    }
}

/// One part in the making: its group (by position in the view), its page of the group (from
/// 0), and the group's chunks.
type Planned = (usize, usize, Arc<[Chunk]>);

/// Renders the brief `view` in parts: its first page at `meta`, then each part.
pub(super) fn render(r: &Renderer, b: &Brief, meta: Meta, mut view: BriefView) -> Result<()> {
    // Every part, group by group.
    let mut plan: Vec<Planned> = Vec::new();
    for (k, group) in groups(&view).enumerate() {
        let chunks = chunks(b, k, group);
        plan.extend((0..chunks.len()).map(|page| (k, page, chunks.clone())));
    }
    let links: Vec<PartLink> = plan
        .iter()
        .map(|planned| link(r, b, &view, planned))
        .enumerate()
        .map(|(n, link)| PartLink { n: n + 1, ..link })
        .collect();
    // The parts show each group's heading without its entries: the first page's, as it was.
    let heads: Vec<GroupView> = groups(&view).map(head).collect();
    for (k, group) in groups_mut(&mut view).enumerate() {
        let of_group = plan.iter().zip(&links).filter(|((j, ..), _)| *j == k);
        *group = GroupView {
            parts: of_group.map(|(_, l)| l.clone()).collect(),
            ..head(group)
        };
    }
    view.parts = plan.len();
    let (contents, description) = (meta.path.clone(), meta.description.clone());
    r.page_from("brief.html", meta, &view, b.entries)?;
    for (n, (k, page, chunks)) in plan.iter().enumerate() {
        let mut part = PartView {
            name: view.name,
            crumb: view.crumb.clone(),
            contents: Link {
                url: contents.clone(),
                label: r.strings().fill("brief.crumb", &[])?,
            },
            part: links[n].clone(),
            of: plan.len(),
            group: heads[*k].clone(),
            page: page + 1,
            pages: chunks.len(),
            prev: n.checked_sub(1).map(|m| links[m].clone()),
            next: links.get(n + 1).cloned(),
        };
        let (n, total) = ((n + 1).to_string(), plan.len().to_string());
        let args = [("party", view.name), ("n", &n), ("total", &total)];
        let title = r.strings().fill("brief.part_title", &args)?;
        let meta = Meta::new(r.site(), part.part.url.clone(), title, description.clone());
        let list = &chunks[*page].list;
        if r.kept_page(&meta, shape(r, &meta, &part, list)?, &reads(list))? {
            continue;
        }
        part.group.entries = Some(list.clone());
        r.page_from("brief_part.html", meta, &part, b.entries)?;
    }
    Ok(())
}

/// A digest of part `view` (its entries not yet set) at `meta`, and of `list`, its entries, by
/// which they are (a shared entry by its recommendation's id, which a new or deleted one
/// elsewhere does not renumber; a brief's own by its bytes): the same digest and entries
/// that did not change ([`reads`]) make the same page.
fn shape(r: &Renderer, meta: &Meta, view: &PartView, list: &ListHtml) -> Result<u128> {
    let mut h = SipHasher13::new();
    h.write(&serde_json::to_vec(&(meta, view))?);
    for part in list.parts.iter() {
        match part {
            Part::Item(i) => r.site().item(*i).id().hash(&mut h),
            Part::Own(html) => h.write(html.as_bytes()),
        }
        h.write_u8(0);
    }
    Ok(h.finish128().as_u128())
}

/// What the shared entries of `list` show: all of each recommendation.
fn reads(list: &ListHtml) -> Vec<Node> {
    let items = list.parts.iter().filter_map(|part| match part {
        Part::Item(i) => Some(Node::Rec(*i)),
        Part::Own(_) => None,
    });
    items.collect()
}

/// A group's heading, description and count, without its entries or parts.
fn head(group: &GroupView) -> GroupView {
    GroupView {
        entries: None,
        parts: Vec::new(),
        ..group.clone()
    }
}

/// How the other pages of the brief link to the part `planned` (its number `n` set by the
/// caller): a further report's group's parts are under the report's slug.
fn link(r: &Renderer, b: &Brief, view: &BriefView, planned: &Planned) -> PartLink {
    let (g, (k, page, chunks)) = (r.site(), planned);
    let range = chunks[*page].range.clone();
    let ids: Vec<String> = match &b.members[*k] {
        Member::First(_, recs) => {
            let id = |i: &RecIdx| g.item(*i).id().to_string();
            let recs = &recs[range.clone()];
            recs.first()
                .map(id)
                .into_iter()
                .chain(recs.last().map(id))
                .collect()
        }
        Member::Further(ids) => {
            let ids = &ids[range.clone()];
            ids.first().into_iter().chain(ids.last()).cloned().collect()
        }
    };
    let slug = &g.party(b.p).slug;
    let group = groups(view)
        .nth(*k)
        .expect("a part of one of the brief's groups");
    let url = match &group.report {
        Some(rep) => g
            .urls()
            .party_brief_report_part(slug, &rep.slug, group.id, page + 1),
        None => g.urls().party_brief_part(slug, group.id, page + 1),
    };
    PartLink {
        url,
        n: 0,
        count: range.len(),
        first: ids.first().cloned().unwrap_or_default(),
        last: ids.last().cloned().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_keeps_order_and_the_budget() {
        assert!(pack(&[], 10).is_empty());
        assert_eq!(pack(&[4, 4, 4], 10), vec![0..2, 2..3]);
        assert_eq!(pack(&[4, 6, 1], 10), vec![0..2, 2..3]);
        // An entry heavier than the budget is a part alone.
        assert_eq!(pack(&[3, 25, 3], 10), vec![0..1, 1..2, 2..3]);
        assert_eq!(pack(&[10], 10), vec![0..1]);
    }

    #[test]
    fn a_brief_that_fits_on_a_page_has_no_parts_and_one_that_does_not_packs_each_group() {
        let third = PAGE_BYTES / 3;
        assert_eq!(part_count(&[]), 0);
        assert_eq!(part_count(&[vec![third, third], vec![third]]), 0);
        assert_eq!(3 * third, PAGE_BYTES);
        // One byte more: each group in parts of its own, the first in two.
        let over = [vec![third, third, third + 1], vec![1]];
        assert_eq!(part_count(&over), 2 + 1);
        // An empty group has no part.
        assert_eq!(part_count(&[vec![PAGE_BYTES], vec![], vec![1]]), 2);
    }
}
