//! The shared lists by addressees: each scope (to all Parties, open, designated) in, the list
//! of its recommendations by section out, paginated (`Urls::scope_list`). Party pages link to
//! them for their long groups to all Parties and open, instead of repeating them.

use anyhow::Result;
use rayon::prelude::*;

use super::listings::{all_title_by, listed_pages};
use crate::model::Scope;
use crate::render::Renderer;
use crate::render::paged::Paged;
use crate::render::views::{Link, level_counts};

/// The shared list of each scope's recommendations (`scope_list`), by section: one unit per
/// scope, which reads which recommendations have it (the counts change when addressees do)
/// and their items. Party pages link here instead of repeating a long list.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    Scope::ALL.par_iter().try_for_each(|&scope| {
        let first = g.urls().scope_list(scope);
        r.unit(&first.clone(), || {
            let recs = g.with_scope(scope);
            let t = r.strings();
            let n = recs.len().to_string();
            let name = t.fill(&format!("scope.{}", scope.as_str()), &[])?;
            let args = [("scope", name.as_str()), ("n", &n)];
            let paged = Paged {
                first,
                heading: t.fill("listing.scope_title", &args)?,
                intro: t.fill(&format!("listing.scope_intro_{}", scope.as_str()), &args)?,
                description: t.fill("listing.scope_description", &args)?,
                crumb: Some(Link {
                    url: g.urls().recommendations_grouped("by-addressees"),
                    label: all_title_by(t, "addressees")?,
                }),
                counts: level_counts(g, recs),
                by_section: true,
            };
            listed_pages(r, &paged, recs)
        })
    })
}
