//! The theme's templates: its `templates/` folder in, a [`Tera`] with every `*.html` under it
//! parsed (named by its path below the folder, `/`-separated, as `Tera::new` names them) out,
//! with every string each asks for by a literal key (`t(key="…")`), to check them all at once.
//! Parsing is most of a 1× build's fixed cost, so the files are parsed on all cores (or read
//! as parsed from the cache: [`super::ast_cache`]), then linked (inheritance chains, macro
//! imports) once.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::strings::{KeyUse, key_uses};
use crate::cache::Cache;
use crate::inputs::{is_scratch_path, is_template};
use rayon::prelude::*;
use tera::{Template, Tera};
use walkdir::WalkDir;

/// Every template under `dir`, parsed (or as kept parsed in `cache`) and linked, and the
/// literal string keys they use, in template order.
pub(in crate::render) fn parse_templates(
    dir: &Path,
    cache: Option<&Cache>,
) -> Result<(Tera, Vec<KeyUse>)> {
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    // An editor's scratch file (Emacs' `.#base.html` lock, a `.git` folder) is no template:
    // the rule `serve` watches by.
    let walk = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_scratch_path(e.path()));
    for entry in walk {
        let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
        let path = entry.path();
        if entry.file_type().is_file() && is_template(path) {
            let name = path.strip_prefix(dir).unwrap_or(path);
            let name = name.to_string_lossy().replace('\\', "/");
            files.push((name, path.to_path_buf()));
        }
    }
    let parsed = files
        .par_iter()
        .map(|(name, path)| {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading {}", path.display()))?;
            let shown = path.to_string_lossy().into_owned();
            let template = super::ast_cache::template(cache, name, &shown, &text)?;
            Ok((template, key_uses(&format!("templates/{name}"), &text)))
        })
        .collect::<Result<Vec<(Template, Vec<KeyUse>)>>>()?;
    let mut tera = Tera::default();
    let mut keys = Vec::new();
    for (template, uses) in parsed {
        tera.templates.insert(template.name.clone(), template);
        keys.extend(uses);
    }
    tera.build_inheritance_chains()?;
    tera.check_macro_files()?;
    Ok((tera, keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_named_by_their_path_and_linked() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join("parts")).unwrap();
        std::fs::write(dir.join("base.html"), "<b>{% block x %}{% endblock %}</b>").unwrap();
        std::fs::write(
            dir.join("parts/page.html"),
            "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block x %}{{ m::hi() }}{% endblock %}",
        )
        .unwrap();
        std::fs::write(dir.join("macros.html"), "{% macro hi() %}hi{% endmacro %}").unwrap();
        std::fs::write(dir.join("notes.txt"), "{% broken").unwrap();
        std::fs::write(dir.join(".#base.html"), "{% broken").unwrap();
        std::fs::create_dir(dir.join(".git")).unwrap();
        std::fs::write(dir.join(".git/x.html"), "{% broken").unwrap();
        let (tera, _) = parse_templates(dir, None).unwrap();
        let mut names: Vec<&str> = tera.get_template_names().collect();
        names.sort();
        assert_eq!(names, ["base.html", "macros.html", "parts/page.html"]);
        let html = tera
            .render("parts/page.html", &tera::Context::new())
            .unwrap();
        assert_eq!(html, "<b>hi</b>");
    }

    #[test]
    fn a_syntax_error_names_its_file_and_a_missing_parent_fails() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("bad.html"), "{% if %}").unwrap();
        let e = format!("{:#}", parse_templates(tmp.path(), None).unwrap_err());
        assert!(
            e.contains("failed to parse") && e.contains("bad.html"),
            "{e}"
        );
        std::fs::write(tmp.path().join("bad.html"), "{% extends \"none.html\" %}").unwrap();
        assert!(parse_templates(tmp.path(), None).is_err());
    }
}
