//! The search client: the theme's two modules in (`static/search-engine.js`, which loads,
//! tokenises and scores without touching the page, and `static/search.js`, the page), the
//! page module as the site serves it out, and the one inline script the offline edition needs
//! (a page opened from a folder may not import modules).

use std::path::Path;

use anyhow::{Context, Result, bail};

use super::encode::content_hash;

/// The engine module in the theme's `static/`, copied as it is.
pub const ENGINE: &str = "search-engine.js";
/// The page module in the theme's `static/`, written as `search.<hash>.js`.
pub const PAGE: &str = "search.js";

/// How the page module imports the engine (with either quote).
const SPECIFIERS: [&str; 2] = ["'./search-engine.js'", "\"./search-engine.js\""];

/// The client as the site serves it.
#[derive(Debug)]
pub struct PageModule {
    /// `search.<hash>.js`, relative to the site root.
    pub name: String,
    /// The page module, its import of the engine carrying the engine's content hash
    /// (`./search-engine.js?h=…`), so a browser that caches the page forever never runs it with
    /// another engine.
    pub text: String,
    /// The engine's address relative to the site root (`search-engine.js?h=…`), for a
    /// `modulepreload`; `None` when the theme has no engine module.
    pub engine: Option<String>,
}

/// The page module as served; `None` when the theme has no `search.js`.
pub fn page_module(static_dir: &Path) -> Result<Option<PageModule>> {
    let Some(page) = read(&static_dir.join(PAGE))? else {
        return Ok(None);
    };
    let hash = read(&static_dir.join(ENGINE))?.map(|e| content_hash(e.as_bytes()));
    let text = match &hash {
        Some(h) => pin_engine(&page, h),
        None => page,
    };
    Ok(Some(PageModule {
        name: format!("search.{}.js", content_hash(text.as_bytes())),
        text,
        engine: hash.map(|h| format!("{ENGINE}?h={h}")),
    }))
}

/// The page's engine import, pinned to `hash`.
fn pin_engine(page: &str, hash: &str) -> String {
    SPECIFIERS.iter().fold(page.to_string(), |text, s| {
        let q = &s[..1];
        text.replace(s, &format!("{q}./search-engine.js?h={hash}{q}"))
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
    Ok(Some(format!("{engine}\n{}", without_engine_import(&page)?)))
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

/// A theme file's text, or `None` when it does not exist.
fn read(path: &Path) -> Result<Option<String>> {
    match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(Some)
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
        let out = pin_engine(PAGE_JS, "0123456789");
        assert!(
            out.contains("} from './search-engine.js?h=0123456789';"),
            "{out}"
        );
        assert!(out.contains("import x from './other.js';"));
        let dq = pin_engine("import { a } from \"./search-engine.js\";", "h");
        assert_eq!(dq, "import { a } from \"./search-engine.js?h=h\";");
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
        assert!(script.starts_with("export const a = 1, b = 2;\n// page\nimport x"));
        let m = page_module(&dir).unwrap().unwrap();
        assert_eq!(
            m.name,
            format!("search.{}.js", content_hash(m.text.as_bytes()))
        );
        let engine_hash = content_hash(b"export const a = 1, b = 2;");
        assert!(
            m.text
                .contains(&format!("search-engine.js?h={engine_hash}"))
        );
        assert_eq!(
            m.engine.unwrap(),
            format!("search-engine.js?h={engine_hash}")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
