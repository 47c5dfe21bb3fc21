//! The search client: the theme's two modules in (`static/search-engine.js`, which loads,
//! tokenises and scores without touching the page, and `static/search.js`, the page), both
//! modules as the site serves them out (content-hashed names, the page importing the engine by
//! its hashed name), and the one inline script the offline edition needs (a page opened from a
//! folder may not import modules).

use std::path::Path;

use anyhow::{Context, Result, bail};

use crate::model::hashed_name;

/// The engine module in the theme's `static/`, written as `search-engine.<hash>.js`.
pub const ENGINE: &str = "search-engine.js";
/// The page module in the theme's `static/`, written as `search.<hash>.js`.
pub const PAGE: &str = "search.js";

/// How the page module imports the engine (with either quote).
const SPECIFIERS: [&str; 2] = ["'./search-engine.js'", "\"./search-engine.js\""];

/// A module as the site serves it: its content-hashed name (relative to the site root) and text.
#[derive(Debug, Clone)]
pub struct Module {
    pub name: String,
    pub text: String,
}

/// The client as the site serves it.
#[derive(Debug)]
pub struct PageModule {
    /// The page module, `search.<hash>.js`, its import of the engine naming the engine's
    /// hashed file, so a browser that caches the page forever never runs it with another
    /// engine.
    pub page: Module,
    /// The engine module, `search-engine.<hash>.js` (the page's `modulepreload`); `None` when
    /// the theme has no engine module.
    pub engine: Option<Module>,
}

/// The page module as served; `None` when the theme has no `search.js`.
pub fn page_module(static_dir: &Path) -> Result<Option<PageModule>> {
    let Some(page) = read(&static_dir.join(PAGE))? else {
        return Ok(None);
    };
    let engine = read(&static_dir.join(ENGINE))?.map(|text| Module {
        name: hashed_name(stem(ENGINE), "js", text.as_bytes()),
        text,
    });
    let text = match &engine {
        Some(e) => pin_engine(&page, &e.name),
        None => page,
    };
    Ok(Some(PageModule {
        page: Module {
            name: hashed_name(stem(PAGE), "js", text.as_bytes()),
            text,
        },
        engine,
    }))
}

/// A file name without its extension.
fn stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// The page's engine import, naming the engine's served file `engine` (both sit at the root).
fn pin_engine(page: &str, engine: &str) -> String {
    SPECIFIERS.iter().fold(page.to_string(), |text, s| {
        let q = &s[..1];
        text.replace(s, &format!("{q}./{engine}{q}"))
    })
}

/// One script for a page that may not import (the offline edition, opened from `file://`):
/// the engine, then the page without its `import … from './search-engine.js';` (the names it
/// imports are then the engine's own declarations, so it must import them unrenamed).
pub fn inline_script(static_dir: &Path) -> Result<Option<String>> {
    let Some(page) = read(&static_dir.join(PAGE))? else {
        return Ok(None);
    };
    let Some(engine) = read(&static_dir.join(ENGINE))? else {
        return Ok(Some(page));
    };
    Ok(Some(format!(
        "{}\n{}",
        engine.trim_end(),
        without_engine_import(&page)?
    )))
}

/// `page` without its import statement of the engine (the whole statement, which may span
/// lines); an error if it imports the engine another way (`import * as`, a rename).
fn without_engine_import(page: &str) -> Result<String> {
    let Some(at) = SPECIFIERS.iter().find_map(|s| page.find(s)) else {
        return Ok(page.to_string());
    };
    let start = page[..at]
        .rfind("import ")
        .context("an engine import without `import`")?;
    let end = page[at..].find(';').map_or(page.len(), |i| at + i + 1);
    let names = &page[start..at];
    if !names.contains('{') || names.contains(" as ") || names.contains('*') {
        bail!("{PAGE} must import the engine as `import {{ a, b }} from './search-engine.js';`");
    }
    let end = end + usize::from(page[end..].starts_with('\n'));
    Ok(format!("{}{}", &page[..start], &page[end..]))
}

/// A theme module's text as served (`crate::compact::js`: without comments and indentation),
/// or `None` when it does not exist.
fn read(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(|text| Some(crate::compact::js(&text)))
            .with_context(|| format!("{} is not UTF-8", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_JS: &str = "// page\nimport {\n  a,\n  b,\n} from './search-engine.js';\nimport x from './other.js';\nexport const c = a + b;\n";

    #[test]
    fn the_engine_import_is_pinned_to_the_engine_hash() {
        let out = pin_engine(PAGE_JS, "search-engine.0123456789.js");
        assert!(
            out.contains("} from './search-engine.0123456789.js';"),
            "{out}"
        );
        assert!(out.contains("import x from './other.js';"));
        let dq = pin_engine("import { a } from \"./search-engine.js\";", "e.1.js");
        assert_eq!(dq, "import { a } from \"./e.1.js\";");
    }

    #[test]
    fn inlining_drops_the_whole_engine_import_and_nothing_else() {
        let out = without_engine_import(PAGE_JS).unwrap();
        assert_eq!(
            out,
            "// page\nimport x from './other.js';\nexport const c = a + b;\n"
        );
        assert_eq!(without_engine_import("let a;").unwrap(), "let a;");
        for bad in [
            "import * as e from './search-engine.js';",
            "import { a as b } from './search-engine.js';",
        ] {
            assert!(without_engine_import(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_offline_script_is_the_engine_then_the_page() {
        let dir = std::env::temp_dir().join(format!("recpub-client-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(PAGE), PAGE_JS).unwrap();
        std::fs::write(dir.join(ENGINE), "export const a = 1, b = 2;").unwrap();
        let script = inline_script(&dir).unwrap().unwrap();
        // Served compacted: the comment line is gone.
        assert!(
            script.starts_with("export const a = 1, b = 2;\nimport x"),
            "{script}"
        );
        let m = page_module(&dir).unwrap().unwrap();
        assert_eq!(
            m.page.name,
            hashed_name("search", "js", m.page.text.as_bytes())
        );
        let engine = m.engine.unwrap();
        assert_eq!(
            engine.name,
            hashed_name("search-engine", "js", b"export const a = 1, b = 2;\n")
        );
        assert!(m.page.text.contains(&format!("from './{}';", engine.name)));
        assert!(!m.page.text.contains("search-engine.js"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
