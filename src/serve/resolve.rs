//! Request path → file of the in-memory site. The path is percent-decoded once, segment by
//! segment; anything that could mean "elsewhere" is refused rather than normalised. Files come
//! from the site map in memory, never from the file system, so even a path that slipped
//! through could only name a file of the site: nothing outside it can be served.

use crate::output::SiteFiles;

/// Where a request path leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Resolved {
    /// Serve this file of the site (its output path).
    File(String),
    /// `dir` when `dir/index.html` exists: redirect to `dir/` so relative links resolve.
    Redirect(String),
    /// No such file, or a path we refuse: the site's 404 page.
    NotFound,
}

/// Resolves the raw request path (without its query) against `files`.
pub(super) fn resolve(raw_path: &str, files: &SiteFiles) -> Resolved {
    let Some(rel) = decode_path(raw_path) else {
        return Resolved::NotFound;
    };
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return match files.contains_key(index.as_str()) {
            true => Resolved::File(index),
            false => Resolved::NotFound,
        };
    }
    if files.contains_key(rel.as_str()) {
        Resolved::File(rel)
    } else if files.contains_key(format!("{rel}/index.html").as_str()) {
        Resolved::Redirect(format!("{raw_path}/"))
    } else {
        Resolved::NotFound
    }
}

/// The site-relative path (`a/b.css`, `a/` or empty) of a raw path that starts with `/`, or
/// `None` if it is malformed or could name something outside the site: `.` or `..`
/// segments, empty segments (`//x`, an absolute path), a separator, backslash or NUL that
/// only appears after decoding, a drive letter (`C:`).
fn decode_path(raw_path: &str) -> Option<String> {
    let rest = raw_path.strip_prefix('/')?;
    let segments: Vec<&str> = rest.split('/').collect();
    let last = segments.len() - 1;
    let mut out = Vec::with_capacity(segments.len());
    for (i, raw) in segments.into_iter().enumerate() {
        let seg = percent_decode(raw)?;
        let bad_char = seg.contains(['/', '\\', '\0', ':']);
        let empty_inside = seg.is_empty() && i != last;
        if bad_char || empty_inside || seg == "." || seg == ".." {
            return None;
        }
        out.push(seg);
    }
    Some(out.join("/"))
}

/// Decodes `%XX` escapes once; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        [
            "index.html",
            "about/index.html",
            "style.css",
            "a b.txt",
            "404.html",
        ]
        .into_iter()
        .map(|p| (p.into(), p.as_bytes().to_vec().into()))
        .collect()
    }

    fn file(p: &str) -> Resolved {
        Resolved::File(p.into())
    }

    #[test]
    fn serves_files_and_indexes() {
        let s = site();
        assert_eq!(resolve("/", &s), file("index.html"));
        assert_eq!(resolve("/style.css", &s), file("style.css"));
        assert_eq!(resolve("/about/", &s), file("about/index.html"));
        assert_eq!(resolve("/about/index.html", &s), file("about/index.html"));
        assert_eq!(resolve("/a%20b.txt", &s), file("a b.txt"));
        assert_eq!(resolve("/%61bout/", &s), file("about/index.html"));
    }

    #[test]
    fn a_folder_without_slash_redirects() {
        let s = site();
        assert_eq!(resolve("/about", &s), Resolved::Redirect("/about/".into()));
        assert_eq!(resolve("/style.css/", &s), Resolved::NotFound);
        assert_eq!(resolve("/nope", &s), Resolved::NotFound);
        assert_eq!(resolve("/nope/", &s), Resolved::NotFound);
    }

    #[test]
    fn refuses_every_traversal_variant() {
        let s = site();
        for bad in [
            "/../index.html",
            "/about/../index.html",
            "/about/..",
            "/./index.html",
            "/%2e%2e/index.html",
            "/%2E%2E/index.html",
            "/.%2e/index.html",
            "/%252e%252e/index.html",
            "/about%2f..%2findex.html",
            "/about%2Findex.html",
            "/..%5cindex.html",
            "/about\\..\\index.html",
            "/about%5cindex.html",
            "//etc/passwd",
            "/about//index.html",
            "/C:/Windows/win.ini",
            "/C%3a/Windows/win.ini",
            "/index.html%00",
            "/index.html\0",
            "/%zz",
            "/%c3",
            "/%",
            "index.html",
            "",
        ] {
            assert_eq!(resolve(bad, &s), Resolved::NotFound, "{bad:?}");
        }
    }

    #[test]
    fn decodes_only_once() {
        // `%252e%252e` is the literal segment `%2e%2e`, a name no file has.
        assert_eq!(decode_path("/%252e%252e/x").as_deref(), Some("%2e%2e/x"));
        assert_eq!(decode_path("/a/b/").as_deref(), Some("a/b/"));
    }
}
