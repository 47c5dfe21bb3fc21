//! Incremental rebuilds: the last good full build and a batch of changed recommendation files
//! in, the next site out without rebuilding it all, when the batch is the common edit: files
//! whose title, level, addressees and references are unchanged (only the text, footnotes or
//! editorial notes changed). That changes the recommendation's page, the data files, the
//! search index and the search page, nothing else; every other file is reused. Anything else
//! (a new or deleted file, a listed field changed, an error) says "rebuild in full". The result
//! equals a full rebuild byte for byte (tested below).

use std::path::Path;
use std::sync::Arc;

use crate::content::{ContentFiles, decode};
use crate::failure::Failure;
use crate::graph::{SiteGraph, Urls};
use crate::model::{Dataset, Recommendation, validate_one_recommendation};
use crate::output::{Collector, LinkIndex, SiteFiles, scan_page};
use crate::render::{self, Theme};
use crate::site::FullBuild;

/// What the last good build was made from, and what it made.
pub(super) struct Last {
    content: ContentFiles,
    ds: Dataset,
    theme: Theme,
    urls: Urls,
    files: Arc<SiteFiles>,
    links: LinkIndex,
}

/// One validated edit: which file and recommendation it replaces.
struct Edit {
    file_index: usize,
    file: crate::content::SourceFile,
    rec_index: usize,
    rec: Recommendation,
}

impl Last {
    /// Keeps a full build; returns it with the site it made.
    pub(super) fn new(build: FullBuild) -> (Last, Arc<SiteFiles>) {
        let (files, links) = build.out.into_parts();
        let files = Arc::new(files.unwrap_or_default());
        let last = Last {
            content: build.content,
            ds: build.ds,
            theme: build.theme,
            urls: build.urls,
            files: files.clone(),
            links,
        };
        (last, files)
    }

    /// The next site after the recommendation files at `paths` (absolute) changed, or
    /// `Ok(None)` when the change needs a full rebuild. After an `Err` this state no longer
    /// matches the content: the caller must drop it.
    pub(super) fn text_edit(&mut self, paths: &[&Path]) -> Result<Option<Arc<SiteFiles>>, Failure> {
        let mut edits: Vec<Edit> = Vec::new();
        for path in paths {
            match self.edit(path) {
                Some(e) if !edits.iter().any(|x| x.file_index == e.file_index) => edits.push(e),
                Some(_) => {}
                None => return Ok(None),
            }
        }
        for e in edits.iter_mut() {
            self.content.recommendations[e.file_index] = e.file.clone();
            std::mem::swap(&mut self.ds.recommendations[e.rec_index], &mut e.rec);
        }
        let out = Collector::in_memory();
        {
            let graph = SiteGraph::build(&self.ds, self.urls.clone());
            let recs: Vec<&Recommendation> = edits
                .iter()
                .map(|e| &self.ds.recommendations[e.rec_index])
                .collect();
            render::render_text_edit(&graph, &self.theme, &recs, &out, &self.files)?;
        }
        let (new, _) = out.into_parts();
        self.merge(new.unwrap_or_default())?;
        Ok(Some(self.files.clone()))
    }

    /// The edit `path` makes, if it is a text-only edit of a known, valid recommendation.
    fn edit(&self, path: &Path) -> Option<Edit> {
        let file_index = self.file_index(path)?;
        let shown = self.content.recommendations[file_index].path.clone();
        // Anything but a plain file within the size limit (a link, now) goes the full way,
        // where the loader's rules report it.
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.is_file() || meta.len() > crate::content::MAX_FILE_BYTES {
            return None;
        }
        let file = decode(&shown, std::fs::read(path).ok()?).ok()?;
        let rec = validate_one_recommendation(&self.content, &file)?;
        // An edit the release rule refuses goes the full way, which reports it.
        if !crate::releases::edit_allowed(&self.content, &self.ds.history, &file) {
            return None;
        }
        let rec_index = self
            .ds
            .recommendations
            .iter()
            .position(|r| r.id == rec.id)?;
        let old = &self.ds.recommendations[rec_index];
        let same_listing = old.path == rec.path
            && old.title == rec.title
            && old.level == rec.level
            && old.addressees == rec.addressees
            && old.references == rec.references;
        same_listing.then_some(Edit {
            file_index,
            file,
            rec_index,
            rec,
        })
    }

    /// Which recommendation file `path` (absolute, as the watcher reports it) is.
    fn file_index(&self, path: &Path) -> Option<usize> {
        let name = path.file_name()?;
        self.content.recommendations.iter().position(|f| {
            f.path.file_name() == Some(name) && f.path.canonicalize().is_ok_and(|p| p == path)
        })
    }

    /// Puts the new files in place of the old, and checks the links of the whole site again.
    fn merge(&mut self, new: SiteFiles) -> Result<(), Failure> {
        let mut site: SiteFiles = (*self.files).clone();
        // The search index files are named by their content's hash: the old ones go.
        let stale: Vec<String> = site
            .keys()
            .filter(|p| p.starts_with("search/") && !new.contains_key(*p))
            .cloned()
            .collect();
        for path in stale {
            site.remove(&path);
            self.links.remove(&path);
        }
        for (path, bytes) in new {
            self.links.remove(&path);
            let page = path
                .ends_with(".html")
                .then(|| std::str::from_utf8(&bytes).ok().map(scan_page))
                .flatten();
            self.links.add(path.clone(), page);
            site.insert(path, bytes);
        }
        let broken = self.links.check(&self.urls);
        if !broken.is_empty() {
            return Err(Failure::BrokenLinks {
                links: broken,
                to_disk: false,
            });
        }
        self.files = Arc::new(site);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::path::PathBuf;

    use super::*;
    use crate::project::{Given, Project};
    use crate::site::{build_full_in_memory, build_in_memory};

    /// The project of the content copy at `content`, with the real theme.
    fn project(content: &Path) -> Project {
        let given = Given {
            content: Some(content),
            ..Given::default()
        };
        Project::resolve(&given).unwrap()
    }

    /// A copy of the real content, and its first full build kept for text edits.
    fn setup() -> (tempfile::TempDir, PathBuf, Last) {
        let tmp = tempfile::TempDir::new().unwrap();
        let content = tmp.path().join("content");
        fs::create_dir(&content).unwrap();
        for entry in walkdir::WalkDir::new("content") {
            let entry = entry.unwrap();
            let to = tmp.path().join(entry.path());
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).unwrap();
            } else {
                fs::copy(entry.path(), &to).unwrap();
            }
        }
        // The draft note of the next release names the recommendations the tests edit.
        fs::write(
            content.join("releases/next.md"),
            "II-1, II-2 and III-16 edited.\n",
        )
        .unwrap();
        let build = build_full_in_memory(&project(&content), "/").unwrap();
        (tmp, content, Last::new(build).0)
    }

    fn edit(content: &Path, rec: &str, from: &str, to: &str) -> PathBuf {
        let path = content.join("recommendations").join(rec);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rec} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
        path.canonicalize().unwrap()
    }

    #[test]
    fn a_text_edit_gives_the_site_a_full_rebuild_gives() {
        let (_tmp, content, mut last) = setup();
        // Two bodies at once: III-16's (its footnote keeps its list) and II-1's.
        let a = edit(
            &content,
            "III-16.md",
            "on ICT facilitated",
            "on ICT-facilitated",
        );
        let b = edit(
            &content,
            "II-1.md",
            "policies addressing",
            "policies, edited, addressing",
        );
        let quick = last
            .text_edit(&[&a, &b])
            .unwrap()
            .expect("a text-only edit");
        let full = build_in_memory(&project(&content), "/").unwrap();
        assert_eq!(
            quick.keys().collect::<Vec<_>>(),
            full.keys().collect::<Vec<_>>()
        );
        for (path, bytes) in &full {
            assert!(quick[path] == *bytes, "{path} differs from a full rebuild");
        }
        let page = String::from_utf8(quick["recommendations/ii-1/index.html"].to_vec()).unwrap();
        assert!(page.contains("policies, edited, addressing"));
    }

    #[test]
    fn listed_fields_new_files_and_errors_need_a_full_rebuild() {
        let (_tmp, content, mut last) = setup();
        let title = edit(&content, "II-1.md", "title = \"", "title = \"New ");
        assert!(last.text_edit(&[&title]).unwrap().is_none(), "title");
        let level = edit(&content, "II-2.md", "level = \"", "level = \"x");
        assert!(
            last.text_edit(&[&level]).unwrap().is_none(),
            "invalid level"
        );
        let unnamed = edit(&content, "II-3.md", "The Lanzarote", "The edited Lanzarote");
        assert!(
            last.text_edit(&[&unnamed]).unwrap().is_none(),
            "a change the draft note does not name"
        );
        let new = content.join("recommendations/II-99.md");
        fs::write(&new, "+++\n+++\n").unwrap();
        let new = new.canonicalize().unwrap();
        assert!(last.text_edit(&[&new]).unwrap().is_none(), "new file");
    }
}
