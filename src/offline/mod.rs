//! OFFLINE: one rendered file of the online site in, its version for the offline edition out
//! (none, one or two files), so that the site works opened from a folder (`file://`) without a
//! server: every URL under the base path made relative with its `index.html`; the search
//! modules inlined into the search page as one script (Chromium refuses module scripts from `file://`); each
//! file the search page loads also written as a `.js` twin that stores it in
//! `window.RECPUB_INDEX` (`fetch` is refused there; a `<script>` is not); and the files only a
//! server uses (`sitemap.xml`, `robots.txt`, `404.html`) left out. The online rendering is not
//! touched: this runs on its output, file by file, on the thread that rendered it.

mod kept;
mod rewrite;
mod zip;

use std::borrow::Cow;

use anyhow::{Context, Result, bail};
use serde_json::Value;

use crate::model::Urls;
use crate::search::{DATA_FILE, PAGE, PageModule, URL_FIELDS, inline_script, page_module};
pub(crate) use kept::KeptZip;
pub(crate) use zip::{ZipSink, folder_name, identity as zip_identity};

/// Files a server needs and a folder does not.
const SERVER_ONLY: [&str; 3] = ["sitemap.xml", "robots.txt", "404.html"];

/// The global the `.js` twins store their data in, keyed by file name (`search.js` reads it).
const GLOBAL: &str = "window.RECPUB_INDEX";

/// What the offline edition of a site needs to know: the base path, and the search script
/// to inline. Its `Debug` form is everything it depends on (see [`zip_identity`]).
#[derive(Debug)]
pub(crate) struct Rewriter {
    urls: Urls,
    /// The search script's URL in the online pages, and its text.
    script: Option<(String, String)>,
    /// The engine module's URL in the online pages' `modulepreload` (the inline script holds
    /// the engine, and `file://` refuses module loads: the preload goes).
    engine: Option<String>,
}

impl Rewriter {
    /// The edition of a site served at `urls`, with the theme in `theme_dir` (whose search
    /// modules, `static/search-engine.js` then `static/search.js`, are inlined into the search
    /// page as one script).
    pub(crate) fn new(urls: &Urls, theme_dir: &std::path::Path) -> Result<Rewriter> {
        let dir = theme_dir.join("static");
        let module = page_module(&dir)?;
        let engine = module
            .as_ref()
            .and_then(|m| m.engine.as_ref())
            .map(|e| urls.at(&e.name));
        let script = match (module, inline_script(&dir)?) {
            (Some(PageModule { page, .. }), Some(text)) => {
                if text.to_ascii_lowercase().contains("</script") {
                    bail!(
                        "{}: `</script` cannot be inlined into a page",
                        dir.join(PAGE).display()
                    );
                }
                Some((urls.at(&page.name), text))
            }
            _ => None,
        };
        Ok(Rewriter {
            urls: urls.clone(),
            script,
            engine,
        })
    }

    /// The offline edition's files for the online file at `path`.
    pub(crate) fn files<'b>(
        &self,
        path: &str,
        bytes: &'b [u8],
    ) -> Result<Vec<(String, Cow<'b, [u8]>)>> {
        if SERVER_ONLY.contains(&path) {
            return Ok(Vec::new());
        }
        let same = |bytes| Ok(vec![(path.to_string(), Cow::Borrowed(bytes))]);
        if path.ends_with(".html") || path.ends_with(".css") {
            let Ok(text) = std::str::from_utf8(bytes) else {
                return same(bytes);
            };
            let out = if path.ends_with(".css") {
                match rewrite::rewrite_css(&self.urls, path, text) {
                    Cow::Borrowed(_) => return same(bytes),
                    Cow::Owned(css) => css,
                }
            } else {
                self.page(path, text)?
            };
            return Ok(vec![(path.to_string(), Cow::Owned(out.into_bytes()))]);
        }
        let loaded_by_search = path.starts_with("search/") || path == DATA_FILE;
        if !(loaded_by_search && path.ends_with(".json")) {
            return same(bytes);
        }
        let bytes = if path.starts_with("search/index.") {
            Cow::Owned(self.entry(path, bytes)?)
        } else {
            Cow::Borrowed(bytes)
        };
        let twin = Cow::Owned(twin(path, &bytes));
        Ok(vec![
            (path.to_string(), bytes),
            (format!("{path}.js"), twin),
        ])
    }

    /// A page: URLs made relative, then the search script inlined where it is loaded.
    fn page(&self, path: &str, html: &str) -> Result<String> {
        let mut out = rewrite::rewrite_html(&self.urls, path, html);
        if let Some((url, text)) = &self.script
            && let Some(rel) = rewrite::relative(&self.urls, path, url)
        {
            let tag = format!("<script type=\"module\" src=\"{rel}\"></script>");
            replace(
                &mut out,
                &tag,
                &format!("<script type=\"module\">\n{text}</script>"),
            );
        }
        if let Some(url) = &self.engine
            && let Some(rel) = rewrite::relative(&self.urls, path, url)
        {
            let preload = format!("<link rel=\"modulepreload\" href=\"{rel}\">\n");
            replace(&mut out, &preload, "");
        }
        if find(&out, "<script type=\"module\" src=").is_some() {
            bail!(
                "{path}: a module script cannot load from a folder (file://); only the theme's search.js, loaded as `<script type=\"module\" src=\"…\"></script>`, is inlined"
            );
        }
        Ok(out)
    }

    /// The search index's entry file, its URLs made relative to it (it sits beside the search
    /// page, which uses them).
    fn entry(&self, path: &str, bytes: &[u8]) -> Result<Vec<u8>> {
        let mut entry: Value =
            serde_json::from_slice(bytes).with_context(|| format!("reading {path}"))?;
        for field in URL_FIELDS {
            let Some(value) = entry.get_mut(field) else {
                continue;
            };
            let strings: Vec<&mut Value> = match value {
                Value::Array(items) => items.iter_mut().collect(),
                v => vec![v],
            };
            for v in strings {
                if let Some(rel) = v
                    .as_str()
                    .and_then(|s| rewrite::relative(&self.urls, path, s))
                {
                    *v = Value::String(rel);
                }
            }
        }
        serde_json::to_vec(&entry).with_context(|| format!("writing {path}"))
    }
}

/// Where `needle` first is in `text` (a vectorised search: every page is searched).
fn find(text: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(text.as_bytes(), needle.as_bytes())
}

/// Replaces every `from` in `text` with `to`; a page without it (most) is not copied.
fn replace(text: &mut String, from: &str, to: &str) {
    if find(text, from).is_some() {
        *text = text.replace(from, to);
    }
}

/// The `.js` twin of a JSON file: a script that stores the data under the file's name.
fn twin(path: &str, json: &[u8]) -> Vec<u8> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let key = serde_json::to_string(name).expect("a string serialises");
    let mut out = format!("{GLOBAL}={GLOBAL}||{{}};{GLOBAL}[{key}]=").into_bytes();
    out.extend_from_slice(json);
    out.extend_from_slice(b";\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition() -> Rewriter {
        Rewriter {
            urls: Urls::parse("/l/").unwrap(),
            script: Some(("/l/search.abc.js".into(), "export const x = 1;\n".into())),
            engine: Some("/l/search-engine.0123456789.js".into()),
        }
    }

    fn text<'a>(files: &'a [(String, Cow<[u8]>)], i: usize) -> &'a str {
        std::str::from_utf8(&files[i].1).unwrap()
    }

    #[test]
    fn server_files_go_and_search_files_get_twins() {
        let e = edition();
        for p in SERVER_ONLY {
            assert!(e.files(p, b"x").unwrap().is_empty(), "{p}");
        }
        let entry = br#"{"dataUrl":"/l/data/recommendations.json","partyUrls":["/l/parties/fi/"],"recUrl":"/l/recommendations/{slug}/","shards":["search/post-0.1.json"]}"#;
        let files = e.files("search/index.1.json", entry).unwrap();
        let want = r#"{"dataUrl":"../data/recommendations.json","partyUrls":["../parties/fi/index.html"],"recUrl":"../recommendations/{slug}/index.html","shards":["search/post-0.1.json"]}"#;
        assert_eq!(text(&files, 0), want);
        assert_eq!(files[1].0, "search/index.1.json.js");
        assert_eq!(
            text(&files, 1),
            format!("{GLOBAL}={GLOBAL}||{{}};{GLOBAL}[\"index.1.json\"]={want};\n")
        );
        assert_eq!(e.files(DATA_FILE, b"[]").unwrap().len(), 2);
        let other = e.files("data/parties.json", b"[]").unwrap();
        assert_eq!(
            other,
            [("data/parties.json".to_string(), Cow::Borrowed(&b"[]"[..]))]
        );
    }

    #[test]
    fn the_search_script_is_inlined_and_other_modules_refused() {
        let e = edition();
        let page = "<a href=\"/l/\">home</a><link rel=\"modulepreload\" href=\"/l/search-engine.0123456789.js\">\n<script type=\"module\" src=\"/l/search.abc.js\"></script>";
        let files = e.files("search/index.html", page.as_bytes()).unwrap();
        assert_eq!(
            text(&files, 0),
            "<a href=\"../index.html\">home</a><script type=\"module\">\nexport const x = 1;\n</script>"
        );
        let other = r#"<script type="module" src="/l/other.js"></script>"#;
        assert!(e.files("a/index.html", other.as_bytes()).is_err());
    }
}
