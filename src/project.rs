//! The project: the command line's paths and the project root in; out, every folder a command
//! reads or writes (content, theme, output, cache) and the base URL it was given, resolved
//! once, so no later stage looks at the working directory on its own.
//!
//! The project root is `--root`; without it, the folder that holds the content folder when it
//! also holds `themes/` (so `--content ../site/content` finds `../site/themes/`); else the
//! working directory. Paths given on the command line are the user's, relative to where the
//! command runs, as a shell means them; the defaults are in the root: `content/`,
//! `themes/<name>/`, `output/`, `.recpub-cache/`.

use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::cache::DEFAULT_DIR as DEFAULT_CACHE;

/// The folder under the project root that holds the themes.
pub const THEMES: &str = "themes";
/// The content folder's name in the project root.
pub const CONTENT: &str = "content";
/// The output folder's name in the project root.
pub const OUTPUT: &str = "output";

/// What the command line said about the project; `None`: the default in the project root.
#[derive(Debug, Clone, Copy)]
pub struct Given<'a> {
    pub root: Option<&'a Path>,
    pub content: Option<&'a Path>,
    /// The theme's folder name under the root's `themes/`.
    pub theme: &'a str,
    pub out: Option<&'a Path>,
    pub cache: Option<&'a Path>,
    /// Overrides the content's `base_url`.
    pub base_url: Option<&'a str>,
}

impl Default for Given<'_> {
    fn default() -> Self {
        Given {
            root: None,
            content: None,
            theme: "default",
            out: None,
            cache: None,
            base_url: None,
        }
    }
}

/// Every folder a run reads or writes, and the base URL it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The project root (empty: the working directory).
    pub root: PathBuf,
    /// The content folder, as given (diagnostics name files under it).
    pub content: PathBuf,
    /// The theme folder: `themes/<name>` in the root.
    pub theme: PathBuf,
    /// Where `build` writes the site (and what `serve` never rebuilds for).
    pub out: PathBuf,
    /// Where preview images are kept between builds.
    pub cache: PathBuf,
    /// `--base-url`, overriding the content's `base_url`.
    pub base_url: Option<String>,
}

impl Project {
    /// Resolves the project from what the command line gave. Fails on a theme name that is not
    /// a plain folder name, or a `--root` that is not a folder.
    pub fn resolve(given: &Given) -> Result<Project> {
        check_theme_name(given.theme)?;
        let root = root_of(given);
        if given.root.is_some() && !root.is_dir() {
            bail!("project root {} is not a folder", root.display());
        }
        let or_in_root = |path: Option<&Path>, name: &str| match path {
            Some(p) => p.to_path_buf(),
            None => root.join(name),
        };
        Ok(Project {
            content: or_in_root(given.content, CONTENT),
            theme: root.join(THEMES).join(given.theme),
            out: or_in_root(given.out, OUTPUT),
            cache: or_in_root(given.cache, DEFAULT_CACHE),
            base_url: given.base_url.map(str::to_string),
            root,
        })
    }

    /// Refuses an output folder inside the content folder or the theme folder (or equal to
    /// one): the build reads those, so each build would publish the one before it again.
    /// Paths are compared with symbolic links resolved, for an output folder that does not
    /// exist yet too. A content or theme folder that does not exist is left for the build to
    /// report.
    pub fn check_out_outside_inputs(&self) -> Result<()> {
        let out = canonical(&self.out);
        for (what, dir) in [("content", &self.content), ("theme", &self.theme)] {
            let Ok(input) = dir.canonicalize() else {
                continue;
            };
            if out.starts_with(&input) {
                bail!(
                    "refusing to build into {}: it is inside the {what} folder {}, which the build reads (each build would publish the previous one again); choose an output folder outside it",
                    self.out.display(),
                    dir.display()
                );
            }
        }
        Ok(())
    }
}

/// `path` absolute, with symbolic links resolved, whether or not it exists: its nearest
/// existing ancestor canonicalised, the rest (which holds no link, since it does not exist)
/// appended with `.` and `..` resolved by name.
fn canonical(path: &Path) -> PathBuf {
    use std::path::Component;
    let Ok(absolute) = std::path::absolute(path) else {
        return path.to_path_buf();
    };
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    let mut resolved = loop {
        if let Ok(c) = existing.canonicalize() {
            break c;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return absolute,
        }
    };
    for part in rest.into_iter().rev() {
        match part {
            Component::ParentDir => {
                resolved.pop();
            }
            Component::CurDir => {}
            other => resolved.push(other),
        }
    }
    resolved
}

/// `--root`; else the content folder's parent when it holds `themes/`; else the working
/// directory (an empty path, so that default paths print as they always have: `content/…`).
fn root_of(given: &Given) -> PathBuf {
    if let Some(root) = given.root {
        return root.to_path_buf();
    }
    given
        .content
        .and_then(Path::parent)
        .filter(|parent| parent.join(THEMES).is_dir())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Only a plain folder name is accepted, so a theme name cannot point outside `themes/`.
fn check_theme_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        bail!("theme {name:?}: a theme is named by its folder under themes/");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_names_are_plain_folder_names() {
        let p = Project::resolve(&Given::default()).unwrap();
        assert_eq!(p.theme, Path::new("themes/default"));
        for bad in ["", "../x", "a/b", "a\\b", "."] {
            let given = Given {
                theme: bad,
                ..Given::default()
            };
            assert!(Project::resolve(&given).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn defaults_are_in_the_root_and_given_paths_are_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        let given = Given {
            root: Some(root),
            ..Given::default()
        };
        let p = Project::resolve(&given).unwrap();
        assert_eq!(p.content, root.join("content"));
        assert_eq!(p.theme, root.join("themes/default"));
        assert_eq!(p.out, root.join("output"));
        assert_eq!(p.cache, root.join(".recpub-cache"));
        let given = Given {
            content: Some(Path::new("c")),
            out: Some(Path::new("o")),
            cache: Some(Path::new("k")),
            base_url: Some("/x/"),
            ..given
        };
        let p = Project::resolve(&given).unwrap();
        let kept = (p.content.as_path(), p.out.as_path(), p.cache.as_path());
        assert_eq!(kept, (Path::new("c"), Path::new("o"), Path::new("k")));
        assert_eq!(p.base_url.as_deref(), Some("/x/"));
        assert_eq!(
            p.theme,
            root.join("themes/default"),
            "the theme stays the root's"
        );
    }

    #[test]
    fn without_a_root_the_content_folder_finds_its_themes_beside_it() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("themes/default")).unwrap();
        let content = site.join("content");
        let given = Given {
            content: Some(&content),
            ..Given::default()
        };
        let p = Project::resolve(&given).unwrap();
        assert_eq!(p.root, site);
        assert_eq!(p.theme, site.join("themes/default"));
        assert_eq!(p.out, site.join("output"));
        // A content folder alone (a synthetic one): the working directory's themes.
        let alone = tmp.path().join("synth");
        let given = Given {
            content: Some(&alone),
            ..Given::default()
        };
        let p = Project::resolve(&given).unwrap();
        assert_eq!(p.root, PathBuf::new());
        assert_eq!(p.theme, Path::new("themes/default"));
    }

    #[test]
    fn folders_that_do_not_exist_yet_resolve_through_links_and_dots() {
        let tmp = tempfile::tempdir().unwrap();
        let real = tmp.path().canonicalize().unwrap();
        std::fs::create_dir_all(real.join("a/b")).unwrap();
        assert_eq!(canonical(&real.join("a/b/new/x")), real.join("a/b/new/x"));
        assert_eq!(canonical(&real.join("a/new/../b/./y")), real.join("a/b/y"));
        assert_eq!(canonical(&real.join("a/new/../../z")), real.join("z"));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(real.join("a/b"), real.join("link")).unwrap();
            assert_eq!(canonical(&real.join("link/site")), real.join("a/b/site"));
        }
    }

    #[test]
    fn a_root_that_is_not_a_folder_is_refused() {
        let given = Given {
            root: Some(Path::new("/no/such/recpub/root")),
            ..Given::default()
        };
        let e = Project::resolve(&given).unwrap_err().to_string();
        assert!(e.contains("is not a folder"), "{e}");
    }
}
