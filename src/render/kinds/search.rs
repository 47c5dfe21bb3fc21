//! The search page and its assets: the index built from the model by `crate::search`, the
//! theme's page module `static/search.js` and the engine it imports, `static/search-engine.js`,
//! under content-hashed names, and `/search/`, which loads both.

use anyhow::{Context, Result};
use serde::Serialize;

use crate::model::Scope;
use crate::render::Renderer;
use crate::render::views::{Link, Meta};
use crate::search::{ENGINE, PAGE, SearchIndexer, page_module};

/// The theme's search modules in `static/`, written under content-hashed names, not copied.
pub(in crate::render) const SCRIPTS: [&str; 2] = [PAGE, ENGINE];

/// What the search page template needs.
#[derive(Serialize)]
struct SearchView {
    /// URL of the index entry file.
    index_url: String,
    /// URL of the hashed page module.
    script_url: String,
    /// URL of the engine module it imports, preloaded so it downloads beside the page module.
    engine_url: Option<String>,
    /// Where to browse without JavaScript.
    browse: Vec<Link>,
    /// An id of the dataset, for the search box's hint.
    example_id: String,
}

/// Writes the index files and the script, and renders `/search/`.
pub(in crate::render) fn render_all(r: &Renderer) -> Result<()> {
    let g = r.site();
    // The filters name each scope as the pages do (the theme's `scope.*`).
    let labels = Scope::ALL
        .iter()
        .map(|&s| Ok((s, r.strings().fill(&format!("scope.{}", s.as_str()), &[])?)))
        .collect::<Result<Vec<_>>>()?;
    // A rebuild keeps its indexer, which analyses only the recommendations that changed.
    let index = match r.tracking().and_then(|t| t.indexer()) {
        Some(indexer) => {
            let mut indexer = indexer
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            indexer.set_scope_labels(labels);
            indexer.build(g.dataset(), g.urls())
        }
        None => {
            let mut indexer = SearchIndexer::default();
            indexer.set_scope_labels(labels);
            indexer.build(g.dataset(), g.urls())
        }
    };
    let index_url = g.urls().at(&index.entry);
    for (path, bytes) in index.files {
        r.file(path, bytes)?;
    }
    let module = page_module(&r.theme.static_dir)?
        .with_context(|| format!("{} not found", r.theme.static_dir.join(PAGE).display()))?;
    let script_url = g.urls().at(&module.page.name);
    let engine_url = module.engine.as_ref().map(|e| g.urls().at(&e.name));
    r.file(module.page.name, module.page.text.into_bytes())?;
    if let Some(engine) = module.engine {
        r.file(engine.name, engine.text.into_bytes())?;
    }
    let t = r.strings();
    let browse = [
        ("recommendations", "search.browse_all"),
        ("sections", "search.browse_sections"),
        ("levels", "search.browse_levels"),
        ("parties", "search.browse_parties"),
    ]
    .iter()
    .map(|(kind, key)| {
        Ok(Link {
            url: g.urls().index(kind),
            label: t.fill(key, &[])?,
        })
    })
    .collect::<Result<_>>()?;
    let view = SearchView {
        index_url,
        script_url,
        engine_url,
        browse,
        example_id: g.first_id().map(ToString::to_string).unwrap_or_default(),
    };
    let (title, description) = (
        t.fill("search.title", &[])?,
        t.fill("search.description", &[])?,
    );
    let meta = Meta::new(g, g.urls().search(), title, description);
    r.page("search.html", meta, &view)
}
