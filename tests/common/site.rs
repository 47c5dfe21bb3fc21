//! A fixture site in a temporary folder, built with the real binary and theme, for engine
//! tests that assert on files: copy a fixture's content, change it, build, read what came out.
//! What a test expects is read from the fixture's own files (its recommendations, its Parties),
//! never from the bundled dataset, so an editorial fix to `content/` breaks no engine test.

use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::{Output, copy_tree, fixtures, root, run};

/// A copy of a fixture's content, and where it is built.
pub struct SiteTest {
    tmp: TempDir,
    args: Vec<String>,
}

impl SiteTest {
    /// `tests/fixtures/site-small/content`: five recommendations of two sections, three
    /// Parties, each kind of addressee list, a page, two releases.
    pub fn small() -> SiteTest {
        SiteTest::from_fixture("site-small/content")
    }

    /// The content folder `tests/fixtures/<dir>`.
    pub fn from_fixture(dir: &str) -> SiteTest {
        let tmp = TempDir::new().unwrap();
        copy_tree(&fixtures().join(dir), &tmp.path().join("content"));
        SiteTest {
            tmp,
            args: Vec::new(),
        }
    }

    /// The temporary folder that holds the content and the output.
    pub fn dir(&self) -> &Path {
        self.tmp.path()
    }

    /// The content folder.
    pub fn content(&self) -> PathBuf {
        self.tmp.path().join("content")
    }

    /// The output folder `build` writes.
    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    /// Writes `text` at `rel` under the content folder (a new page, a replaced file).
    pub fn with_file(self, rel: &str, text: &str) -> SiteTest {
        let path = self.content().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Replaces the first `from` in the content file `rel` with `to` (which must be there).
    pub fn edit(self, rel: &str, from: &str, to: &str) -> SiteTest {
        let path = self.content().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// Builds with these extra arguments too (`--base-url …`).
    pub fn with_args(mut self, args: &[&str]) -> SiteTest {
        self.args.extend(args.iter().map(|a| a.to_string()));
        self
    }

    /// Runs `build` (from the project root, so the real theme is used) and gives its output.
    pub fn try_build(&self) -> Output {
        let (content, out) = (self.content(), self.out());
        let cache = self.tmp.path().join("cache");
        let mut args = vec!["build", "--content", path(&content), "--out", path(&out)];
        args.extend(["--cache-dir", path(&cache)]);
        args.extend(self.args.iter().map(String::as_str));
        run(&root(), &args)
    }

    /// [`SiteTest::try_build`], which must succeed.
    pub fn build(self) -> SiteTest {
        let o = self.try_build();
        assert_eq!(o.code, 0, "build failed: {}", o.stderr);
        self
    }

    /// A file of the built site, as text.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The ids of the fixture's recommendations (its file names), sorted as strings.
    pub fn rec_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = fs::read_dir(self.content().join("recommendations"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
        ids.sort();
        ids
    }
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The `<section>` of a page's group, by its heading id (a Party page's `designated`, a
/// listing's `sec-1`).
pub fn group<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no group {id}"));
    let len = html[start..].find("</section>").unwrap();
    &html[start..start + len]
}

/// The recommendation ids listed in an HTML fragment, in page order.
pub fn rec_ids(fragment: &str) -> Vec<String> {
    fragment
        .split("<span class=\"rec-id\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_string())
        .collect()
}
