//! The rendering engine: the site graph, the theme and the output sink in; to each page kind, a
//! [`Renderer`] whose only way to the graph is the [`Site`] view, which records every read of
//! data a rebuild can tell changed before it returns it. The graph and the recording are
//! private here: a page kind (any other module of `render`) cannot read the graph unrecorded,
//! nor record by hand, so a new page kind needs no dependency code.

pub(crate) mod deps;
mod recording;
mod site;

use std::sync::Mutex;

use super::Theme;
use super::items::Items;
use super::layout::Layout;
use super::views::SiteView;
use crate::graph::SiteGraph;
use crate::markdown::Highlighter;
use crate::output::Sink;
use deps::Tracking;
pub(crate) use site::{Shown, Site};

/// Renders pages into the output sink; pages listed in the sitemap are remembered. Shared by
/// the threads that render.
pub(crate) struct Renderer<'g, 'a> {
    /// Private: reached through [`Renderer::site`] alone.
    g: &'g SiteGraph<'a>,
    pub(in crate::render) theme: &'g Theme,
    pub(in crate::render) site: SiteView<'a>,
    pub(in crate::render) layout: Layout,
    pub(in crate::render) items: Items,
    pub(in crate::render) out: &'g dyn Sink,
    /// `None` when the build draws no preview images (`check`, `serve`).
    pub(in crate::render) previews: Option<&'g super::Previews>,
    /// Highlights the content pages' code blocks.
    pub(in crate::render) code: &'g Highlighter,
    sitemap: Mutex<Vec<String>>,
    /// What each page reads, when a rebuild will want to know (`serve`).
    tracking: Option<&'g Tracking<'g>>,
}

impl<'g, 'a> Renderer<'g, 'a> {
    /// A renderer of `g` with `theme` into `out`; with `tracking`, what each unit reads is
    /// recorded.
    #[allow(clippy::too_many_arguments)]
    pub(in crate::render) fn new(
        g: &'g SiteGraph<'a>,
        theme: &'g Theme,
        layout: Layout,
        site: SiteView<'a>,
        items: Items,
        out: &'g dyn Sink,
        previews: Option<&'g super::Previews>,
        code: &'g Highlighter,
        tracking: Option<&'g Tracking<'g>>,
    ) -> Renderer<'g, 'a> {
        Renderer {
            g,
            theme,
            site,
            layout,
            items,
            out,
            previews,
            code,
            sitemap: Mutex::default(),
            tracking,
        }
    }

    /// The site's data, each read recorded for the unit open on this thread.
    pub(in crate::render) fn site(&self) -> Site<'g, 'a> {
        Site::new(self.g, self.tracking)
    }

    /// The record of the last render and this one's, for the caches of list items, own items,
    /// brief entries and pieces (none of them a read: each is keyed by what it was made of).
    pub(in crate::render) fn tracking(&self) -> Option<&'g Tracking<'g>> {
        self.tracking
    }
}

#[cfg(test)]
mod tests;
