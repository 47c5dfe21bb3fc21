//! Layers: the library's source (`src/`) and the layer table of `ARCHITECTURE.md` in; a failure
//! out for any import between top-level modules that closes a cycle (shown as a path, `a → b →
//! a`, with the file and line of each import) or that goes up the table. The table ("## Layers",
//! one row a layer, lowest first) is the only place the layers are written: a module may import
//! the modules of lower rows and those before it in its own row, nothing else.
//!
//! An import is a path that leaves its top-level module: `crate::x…`, `crate::{x…, y…}` (the
//! first name of each item) and `super::…` chains that climb to the crate root. Comments,
//! strings and test code (items under `#[cfg(test)]`, and the files of `#[cfg(test)] mod x;`)
//! are not searched: a test may reach any module. `src/main.rs`, a crate of its own, and
//! `lib.rs`, the root, are not modules of the table.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

mod scan;

use scan::{code_only, crate_edges, named_modules, top_level_modules, without_tests};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Imports between top-level modules: (importer, imported) → where, as `file:line`.
pub(crate) type Edges = BTreeMap<(String, String), Vec<String>>;

/// Each import cycle, as a path that starts and ends at one module: for each group of modules
/// that reach each other (a strongly connected component), a shortest cycle through its first
/// module (alphabetically).
fn cycles(edges: &Edges) -> Vec<Vec<String>> {
    let mut next: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (a, b) in edges.keys() {
        next.entry(a).or_default().insert(b);
    }
    let reached: BTreeMap<&str, BTreeMap<String, String>> =
        next.keys().map(|&m| (m, reach(&next, m))).collect();
    let mut grouped = BTreeSet::new();
    let mut out = Vec::new();
    for (&m, parent) in &reached {
        if grouped.contains(m) || !parent.contains_key(m) {
            continue;
        }
        // The group: every module `m` reaches that reaches `m` back.
        grouped.extend(
            parent
                .keys()
                .filter(|n| reached.get(n.as_str()).is_some_and(|p| p.contains_key(m)))
                .cloned(),
        );
        let mut path = vec![m.to_string()];
        while let Some(p) = parent.get(path.last().unwrap()).filter(|p| *p != m) {
            path.push(p.clone());
        }
        path.push(m.to_string());
        path.reverse();
        out.push(path);
    }
    out
}

/// Every module reachable from `from`, each with the module it is first reached from: breadth
/// first, so that the path back to `from` is a shortest one.
fn reach(next: &BTreeMap<&str, BTreeSet<&str>>, from: &str) -> BTreeMap<String, String> {
    let mut parent = BTreeMap::new();
    let mut queue = VecDeque::from([from.to_string()]);
    while let Some(m) = queue.pop_front() {
        for &n in next.get(m.as_str()).into_iter().flatten() {
            if !parent.contains_key(n) {
                parent.insert(n.to_string(), m.clone());
                queue.push_back(n.to_string());
            }
        }
    }
    parent
}

/// A cycle told as a path, each import with where it is made.
fn describe_cycle(cycle: &[String], edges: &Edges) -> String {
    let mut text = cycle.join(" → ");
    for w in cycle.windows(2) {
        let at = &edges[&(w[0].clone(), w[1].clone())];
        text += &format!("\n  {} → {}: {}", w[0], w[1], at.join(", "));
    }
    text
}

/// The layer table of `ARCHITECTURE.md`: each module with its rank (row, place in the row).
fn layers(doc: &str) -> BTreeMap<String, (usize, usize)> {
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("Layers\n"))
        .expect("a \"## Layers\" section");
    let mut ranks = BTreeMap::new();
    let rows = section
        .lines()
        .filter(|l| l.starts_with("| "))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            cells[1]
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| cells[2].to_string())
        });
    for (row, modules) in rows.enumerate() {
        for (place, m) in modules.split('`').skip(1).step_by(2).enumerate() {
            let old = ranks.insert(m.to_string(), (row, place));
            assert!(old.is_none(), "ARCHITECTURE.md lists `{m}` in two layers");
        }
    }
    ranks
}

/// Every import that goes up the table, told with where it is made.
fn upward(edges: &Edges, ranks: &BTreeMap<String, (usize, usize)>) -> Vec<String> {
    edges
        .iter()
        .filter(|((a, b), _)| match (ranks.get(a), ranks.get(b)) {
            (Some(x), Some(y)) => x <= y,
            _ => true,
        })
        .map(|((a, b), at)| {
            let row = |m: &String| ranks.get(m).map(|r| r.0 + 1);
            let why = match (row(a), row(b)) {
                (Some(x), Some(y)) if x == y => format!("which comes after it in layer {x}"),
                (Some(x), Some(y)) => format!("of layer {y}, above its layer {x}"),
                _ => "and one of them is in no layer".to_string(),
            };
            format!("{a} imports {b}, {why}: {}", at.join(", "))
        })
        .collect()
}

#[test]
fn no_import_cycle_between_top_level_modules() {
    let edges = crate_edges(&Path::new(ROOT).join("src"));
    assert!(edges.len() > 20, "too few imports found: {edges:?}");
    let found: Vec<String> = cycles(&edges)
        .iter()
        .map(|c| describe_cycle(c, &edges))
        .collect();
    assert!(
        found.is_empty(),
        "import cycles between top-level modules:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_module_imports_only_lower_layers_of_architecture_md() {
    let src = Path::new(ROOT).join("src");
    let doc = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let ranks = layers(&doc);
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let tops = top_level_modules(&lib);
    let listed: BTreeSet<String> = ranks.keys().cloned().collect();
    assert_eq!(
        listed, tops,
        "ARCHITECTURE.md's layers list other modules than src/lib.rs"
    );
    let bad = upward(&crate_edges(&src), &ranks);
    assert!(
        bad.is_empty(),
        "imports up the layers of ARCHITECTURE.md:\n{}",
        bad.join("\n")
    );
}

fn synthetic(edges: &[(&str, &str)]) -> Edges {
    let at = |a: &str, b: &str| vec![format!("src/{a}.rs:{}", b.len())];
    edges
        .iter()
        .map(|&(a, b)| ((a.into(), b.into()), at(a, b)))
        .collect()
}

#[test]
fn the_cycle_finder_tells_each_cycle_as_a_shortest_path() {
    let dag = synthetic(&[
        ("render", "output"),
        ("output", "model"),
        ("render", "model"),
    ]);
    assert!(cycles(&dag).is_empty());
    let looped = synthetic(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("b", "a")]);
    assert_eq!(cycles(&looped), [["a", "b", "a"]]);
    let two = synthetic(&[
        ("x", "y"),
        ("y", "z"),
        ("z", "x"),
        ("p", "q"),
        ("q", "p"),
        ("x", "p"),
    ]);
    assert_eq!(
        cycles(&two),
        [vec!["p", "q", "p"], vec!["x", "y", "z", "x"]]
    );
    let told = describe_cycle(&cycles(&looped)[0], &looped);
    assert_eq!(told, "a → b → a\n  a → b: src/a.rs:1\n  b → a: src/b.rs:1");
}

#[test]
fn imports_are_read_from_code_only() {
    let src = r#"//! Uses crate::doc in a comment.
use crate::{model::{Dataset, Urls}, graph, self};
use crate::diag::Diagnostics;
pub(super) fn f() -> String { crate::text::tokenize("crate::string"); super::cache::x(); '"'.to_string() }
/* crate::block */ fn g() { super::super::fx::h(); }
#[cfg(test)]
mod tests { use crate::site; }
#[cfg(test)]
mod scale;
"#;
    let (code, test_files) = without_tests(&code_only(src));
    assert_eq!(test_files, ["scale"]);
    let top = named_modules(&code, &["output".to_string()]);
    let expected = [
        ("model", 2),
        ("graph", 2),
        ("diag", 3),
        ("text", 4),
        ("cache", 4),
    ];
    let expected: Vec<(String, usize)> = expected.iter().map(|&(m, l)| (m.into(), l)).collect();
    assert_eq!(top, expected);
    let deep = named_modules(&code, &["output".to_string(), "links".to_string()]);
    assert!(deep.iter().any(|(m, l)| m == "fx" && *l == 5), "{deep:?}");
    assert!(
        !deep.iter().any(|(m, _)| m == "cache"),
        "super:: of a child stays in output"
    );
}

#[test]
fn an_import_up_the_table_is_refused() {
    let doc = "# A\n\n## Layers\n\n| Layer | Modules | What |\n|---|---|---|\n\
               | 1 | `diag`, `cache` | leaves |\n| 2 | `model` | data |\n\n## Next\n| 3 | `x` | no |\n";
    let ranks = layers(doc);
    assert_eq!(ranks.len(), 3, "{ranks:?}");
    assert!(upward(&synthetic(&[("model", "diag"), ("cache", "diag")]), &ranks).is_empty());
    let up = upward(&synthetic(&[("diag", "model"), ("diag", "cache")]), &ranks);
    assert_eq!(up.len(), 2, "{up:?}");
    assert!(
        up[0].starts_with("diag imports cache, which comes after it in layer 1: src/diag.rs:5"),
        "{up:?}"
    );
    assert!(
        up[1].starts_with("diag imports model, of layer 2, above its layer 1"),
        "{up:?}"
    );
    let stray = upward(&synthetic(&[("model", "site")]), &ranks);
    assert_eq!(
        stray,
        ["model imports site, and one of them is in no layer: src/model.rs:4"]
    );
}
