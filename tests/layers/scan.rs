//! Reading the library's source for imports: a file's text in, the top-level modules its code
//! names out (see `super` for what counts as an import), and every import between top-level
//! modules of `src/`, with where it is made.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{Edges, ROOT};

/// `src` with comments, strings and character literals blanked (line breaks kept, so line
/// numbers stay right): only code is searched for paths.
pub(super) fn code_only(src: &str) -> String {
    let b: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    let mut i = 0;
    while i < b.len() {
        let end = literal_end(&b, i);
        if end > i {
            b[i..end].iter().for_each(|&c| blank(&mut out, c));
            i = end;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    out
}

/// The end of the comment, string or character literal that starts at `i`; `i` if none does.
fn literal_end(b: &[char], i: usize) -> usize {
    let at = |k: usize| b.get(k).copied().unwrap_or('\0');
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    match (at(i), at(i + 1)) {
        ('/', '/') => (i..b.len()).find(|&k| b[k] == '\n').unwrap_or(b.len()),
        ('/', '*') => {
            let (mut depth, mut k) = (0, i);
            while k < b.len() {
                match (at(k), at(k + 1)) {
                    ('/', '*') => (depth, k) = (depth + 1, k + 2),
                    ('*', '/') if depth == 1 => return k + 2,
                    ('*', '/') => (depth, k) = (depth - 1, k + 2),
                    _ => k += 1,
                }
            }
            b.len()
        }
        ('"', _) => string_end(b, i + 1),
        ('r', '"' | '#') if i == 0 || !ident(at(i - 1)) || at(i - 1) == 'b' => {
            let hashes = b[i + 1..].iter().take_while(|&&c| c == '#').count();
            if at(i + 1 + hashes) != '"' {
                return i;
            }
            let close: Vec<char> = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let from = i + 2 + hashes;
            (from..b.len())
                .find(|&k| b[k..].starts_with(&close))
                .map_or(b.len(), |k| k + close.len())
        }
        ('\'', '\\') => (i + 2..b.len())
            .find(|&k| b[k] == '\'')
            .map_or(b.len(), |k| k + 1),
        ('\'', _) if at(i + 2) == '\'' => i + 3,
        _ => i,
    }
}

/// The end of a `"…"` string whose text starts at `k`.
fn string_end(b: &[char], mut k: usize) -> usize {
    while k < b.len() {
        match b[k] {
            '\\' => k += 2,
            '"' => return k + 1,
            _ => k += 1,
        }
    }
    b.len()
}

/// `code` (from [`code_only`]) with every item under `#[cfg(test)]` blanked, and the names of
/// the test modules it declares in files of their own (`#[cfg(test)] mod name;`).
pub(super) fn without_tests(code: &str) -> (String, Vec<String>) {
    const ATTR: &str = "#[cfg(test)]";
    let mut out = code.to_string();
    let mut files = Vec::new();
    while let Some(start) = out.find(ATTR) {
        let end = item_end(out.as_bytes(), start + ATTR.len());
        let item = &out[start + ATTR.len()..end];
        let words: Vec<&str> = item.split_whitespace().collect();
        if let [.., "mod", name] = words.as_slice() {
            files.push(name.trim_end_matches(';').to_string());
        }
        let blanked: String = out[start..end]
            .chars()
            .map(|c| if c == '\n' { '\n' } else { ' ' })
            .collect();
        out.replace_range(start..end, &blanked);
    }
    (out, files)
}

/// The end of the item that starts at `k`: after its first `;` or `,` outside any bracket, or
/// after its body's closing brace; before the closing brace of the item around it, if first.
fn item_end(b: &[u8], mut k: usize) -> usize {
    let (mut parens, mut braces) = (0i32, 0i32);
    while k < b.len() {
        match b[k] {
            b'(' | b'[' => parens += 1,
            b')' | b']' => parens -= 1,
            b'{' => braces += 1,
            b'}' if braces == 0 => return k,
            b'}' if braces == 1 => return k + 1,
            b'}' => braces -= 1,
            b';' | b',' if parens == 0 && braces == 0 => return k + 1,
            _ => {}
        }
        k += 1;
    }
    b.len()
}

/// A token of code: a word or `::`, `{`, `}`, `,` (other characters are dropped), with its line.
fn tokens(code: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let (mut line, mut i) = (1, 0);
    let b = code.as_bytes();
    while i < b.len() {
        let c = b[i];
        let len = if c.is_ascii_alphanumeric() || c == b'_' {
            b[i..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
                .count()
        } else if b[i..].starts_with(b"::") {
            2
        } else {
            1
        };
        if len > 1 || matches!(c, b'{' | b'}' | b',') || c.is_ascii_alphanumeric() || c == b'_' {
            out.push((&code[i..i + len], line));
        }
        line += usize::from(c == b'\n');
        i += len.max(1);
    }
    out
}

/// The top-level modules named by the paths of `code`, a file of module `module` (its path
/// from the crate root, `["output", "links"]`), each with its line: `crate::x`, the first name
/// of each item of `crate::{…}`, and the same after `super::` chains that reach the crate root.
pub(super) fn named_modules(code: &str, module: &[String]) -> Vec<(String, usize)> {
    let t = tokens(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        let start = i;
        let climbs = t[i..]
            .chunks(2)
            .take_while(|p| p.len() == 2 && p[0].0 == "super" && p[1].0 == "::")
            .count();
        let at_root = if climbs > 0 {
            i += 2 * climbs;
            climbs == module.len() && (start == 0 || t[start - 1].0 != "::")
        } else if t[i].0 == "crate" && t.get(i + 1).is_some_and(|n| n.0 == "::") {
            i += 2;
            start == 0 || t[start - 1].0 != "::"
        } else {
            i += 1;
            continue;
        };
        if at_root {
            out.extend(first_names(&t[i..]));
        }
    }
    out
}

/// The first name of a use tree: `x` of `x::…`, or of each item of `{x::…, y}`.
fn first_names(t: &[(&str, usize)]) -> Vec<(String, usize)> {
    let word = |s: &str| s.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
    match t.first() {
        Some(&("{", _)) => {
            let (mut depth, mut out, mut expect) = (0, Vec::new(), true);
            for &(s, line) in t {
                match s {
                    "{" => depth += 1,
                    "}" if depth == 1 => break,
                    "}" => depth -= 1,
                    "," if depth == 1 => expect = true,
                    _ if depth == 1 && expect => {
                        expect = false;
                        if word(s) && s != "self" {
                            out.push((s.to_string(), line));
                        }
                    }
                    _ => {}
                }
            }
            out
        }
        Some(&(s, line)) if word(s) => vec![(s.to_string(), line)],
        _ => Vec::new(),
    }
}

/// The top-level modules `lib.rs` declares.
pub(super) fn top_level_modules(lib: &str) -> BTreeSet<String> {
    let (code, _) = without_tests(&code_only(lib));
    let t = tokens(&code);
    t.windows(2)
        .filter(|w| w[0].0 == "mod")
        .map(|w| w[1].0.to_string())
        .collect()
}

/// Every import between the top-level modules of the crate whose source is `src`.
pub(super) fn crate_edges(src: &Path) -> Edges {
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let tops = top_level_modules(&lib);
    let mut edges = Edges::new();
    let mut queue: Vec<(PathBuf, Vec<String>)> = tops
        .iter()
        .flat_map(|m| {
            [
                (src.join(format!("{m}.rs")), vec![m.clone()]),
                (src.join(m).join("mod.rs"), vec![m.clone()]),
            ]
        })
        .collect();
    while let Some((file, module)) = queue.pop() {
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        let (code, test_files) = without_tests(&code_only(&text));
        let dir = module_dir(src, &module);
        for child in top_children(&code)
            .into_iter()
            .filter(|c| !test_files.contains(c))
        {
            let path = [module.clone(), vec![child.clone()]].concat();
            queue.push((dir.join(format!("{child}.rs")), path.clone()));
            queue.push((dir.join(&child).join("mod.rs"), path));
        }
        let shown = file
            .strip_prefix(ROOT)
            .unwrap_or(&file)
            .display()
            .to_string();
        for (name, line) in named_modules(&code, &module) {
            if tops.contains(&name) && name != module[0] {
                let key = (module[0].clone(), name);
                edges
                    .entry(key)
                    .or_default()
                    .push(format!("{shown}:{line}"));
            }
        }
    }
    edges
}

/// The folder of a module's child files: `src/output/links/` for `["output", "links"]`.
fn module_dir(src: &Path, module: &[String]) -> PathBuf {
    module.iter().fold(src.to_path_buf(), |d, m| d.join(m))
}

/// The modules a file declares in files of their own (`mod x;`).
fn top_children(code: &str) -> Vec<String> {
    let mut t = tokens(code);
    t.push(("", 0));
    t.windows(3)
        .filter(|w| w[0].0 == "mod" && w[2].0 != "{")
        .map(|w| w[1].0.to_string())
        .collect()
}
