//! Rebuilds against full builds: random sequences of edits (a recommendation's text, title,
//! level, addressees or references; a new or deleted recommendation; a table; a content page;
//! a template; the theme's strings; the thesaurus, good or refused), each passed through the
//! classifier `serve` watches by and applied to the last build with `Build::apply` as `serve`
//! does, and the result compared byte for byte with a full build of the same files. An edit a full build
//! refuses must be refused too. `RECPUB_REBUILD_STEPS=N` runs longer sequences.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use recpub::inputs::classify;
use recpub::project::{Given, Project};
use recpub::site::{Build, FileBody, build_in_memory};

/// A small xorshift generator: the same seed, the same edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A project in a temporary folder: a content folder and a copy of the theme.
struct Site {
    _tmp: tempfile::TempDir,
    root: PathBuf,
}

impl Site {
    fn new(content: &Path) -> Site {
        let tmp = tempfile::TempDir::new().unwrap();
        let root = tmp.path().canonicalize().unwrap();
        common::copy_tree(content, &root.join("content"));
        common::copy_tree(&common::root().join("themes"), &root.join("themes"));
        Site { _tmp: tmp, root }
    }

    fn project(&self, base_url: &str) -> Project {
        let given = Given {
            root: Some(&self.root),
            base_url: Some(base_url),
            ..Given::default()
        };
        Project::resolve(&given).unwrap()
    }

    fn recs(&self) -> PathBuf {
        self.root.join("content/recommendations")
    }

    /// Every recommendation file, sorted.
    fn rec_files(&self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(self.recs())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        files
    }
}

/// Replaces the first `from` in the file at `path`; `false` when it has none.
fn replace(path: &Path, from: &str, to: &str) -> bool {
    let text = fs::read_to_string(path).unwrap();
    if !text.contains(from) {
        return false;
    }
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    true
}

/// The id a recommendation file declares.
fn id_of(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("id = ")).unwrap();
    line.trim_start_matches("id = ")
        .trim_matches('"')
        .to_string()
}

/// The highest number of section `s` among the files.
fn last_number(site: &Site, s: &str) -> u32 {
    site.rec_files()
        .iter()
        .filter_map(|p| {
            p.file_stem()?
                .to_str()?
                .strip_prefix(&format!("{s}-"))?
                .parse()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

/// Makes one random edit; returns the paths it changed and what it was.
fn edit(site: &Site, rng: &mut Rng, step: usize) -> (Vec<PathBuf>, String) {
    let files = site.rec_files();
    let file = files[rng.below(files.len())].clone();
    let id = id_of(&file);
    let section = id.split('-').next().unwrap().to_string();
    let changed = |what: String, paths: Vec<PathBuf>| (paths, what);
    match rng.below(11) {
        0 | 1 => {
            let text = fs::read_to_string(&file).unwrap();
            fs::write(&file, format!("{} edited{step}\n", text.trim_end())).unwrap();
            changed(format!("text of {id}"), vec![file])
        }
        2 => {
            replace(&file, "title = \"", &format!("title = \"Edited {step} "));
            changed(format!("title of {id}"), vec![file])
        }
        3 => {
            // The level and the Committee's verb change together, as they must.
            let levels = [
                ("invite", "invites"),
                ("request", "requests"),
                ("require", "requires"),
            ];
            let (to, to_verb) = levels[rng.below(3)];
            for (from, verb) in levels {
                if replace(
                    &file,
                    &format!("level = \"{from}\""),
                    &format!("level = \"{to}\""),
                ) {
                    replace(&file, &format!(" {verb} "), &format!(" {to_verb} "));
                    break;
                }
            }
            changed(format!("level of {id} to {to}"), vec![file])
        }
        4 => {
            let _ = replace(&file, "scope = \"all\"", "scope = \"open\"")
                || replace(&file, "scope = \"open\"", "scope = \"all\"");
            changed(format!("addressees of {id}"), vec![file])
        }
        5 => {
            let n = last_number(site, &section) + 1;
            let new = site.recs().join(format!("{section}-{n}.md"));
            let text = fs::read_to_string(&file).unwrap();
            let text = text.replacen(
                &format!("id = \"{id}\""),
                &format!("id = \"{section}-{n}\""),
                1,
            );
            fs::write(&new, text).unwrap();
            changed(format!("new {section}-{n}"), vec![new])
        }
        6 => {
            let n = last_number(site, &section);
            let gone = site.recs().join(format!("{section}-{n}.md"));
            fs::remove_file(&gone).unwrap();
            changed(format!("deleted {section}-{n}"), vec![gone])
        }
        7 => {
            let target = id_of(&files[rng.below(files.len())]);
            let text = fs::read_to_string(&file).unwrap();
            if text.contains("[references]") || target == id {
                return changed(format!("nothing ({id} has references)"), vec![]);
            }
            let text = text.replacen(
                "\n+++\n",
                &format!("\n[references]\nrecommendations = [\"{target}\"]\n+++\n"),
                1,
            );
            let text = format!("{} See Recommendation {target}.\n", text.trim_end());
            fs::write(&file, text).unwrap();
            changed(format!("{id} cites {target}"), vec![file])
        }
        8 => {
            let (rel, from) = match rng.below(4) {
                0 => ("content/sections.toml", "title = \""),
                1 => ("content/legend.toml", "label = \""),
                2 => ("themes/default/i18n/en.toml", "home = \""),
                _ => ("themes/default/templates/rec_item.html", "<"),
            };
            let path = site.root.join(rel);
            replace(&path, from, &format!("{from}E{step} "));
            changed(format!("{rel} edited"), vec![path])
        }
        9 => thesaurus_edit(site, rng, step),
        _ => {
            let page = site.root.join("content/pages/about.md");
            let text = fs::read_to_string(&page).unwrap();
            fs::write(&page, format!("{text}\nEdited {step}.\n")).unwrap();
            changed("about page".to_string(), vec![page])
        }
    }
}

/// An edit of the thesaurus (when the content has one): a new reader's word, or, every other
/// time, a Committee's word no recommendation uses, which a full build refuses.
fn thesaurus_edit(site: &Site, rng: &mut Rng, step: usize) -> (Vec<PathBuf>, String) {
    let path = site.root.join("content/thesaurus.toml");
    if !path.is_file() {
        return (vec![], "nothing (no thesaurus)".to_string());
    }
    let what = if rng.below(2) == 0 {
        replace(
            &path,
            "reader = [\"",
            &format!("reader = [\"word{step}\", \""),
        );
        "a reader's word added to the thesaurus"
    } else {
        replace(
            &path,
            "committee = [\"",
            &format!("committee = [\"E{step} "),
        );
        "a Committee's word changed in the thesaurus"
    };
    (vec![path], what.to_string())
}

/// Puts the files under `root` back as `tree` holds them.
fn restore(root: &Path, tree: &BTreeMap<String, Vec<u8>>) {
    for path in common::tree(root).keys() {
        if !tree.contains_key(path) {
            fs::remove_file(root.join(path)).unwrap();
        }
    }
    for (path, bytes) in tree {
        fs::write(root.join(path), bytes).unwrap();
    }
}

/// The first path where two sites differ, for the failure message.
fn first_difference(
    a: &BTreeMap<Arc<str>, FileBody>,
    b: &BTreeMap<Arc<str>, FileBody>,
) -> Option<String> {
    let keys = a.keys().chain(b.keys());
    keys.into_iter()
        .find(|k| a.get(*k) != b.get(*k))
        .map(|k| k.to_string())
}

/// Applies `steps` random edits from `seed` to a copy of `content`, each compared with a full
/// build; returns how many rebuilds reused files (rendered only part of the site), and how many
/// accepted edits touched recommendation files only (the edits that may be partial).
fn run(content: &Path, seed: u64, steps: usize, base_url: &str) -> (usize, usize) {
    let site = Site::new(content);
    let project = site.project(base_url);
    let mut rng = Rng(seed);
    let mut last = Some(Build::new(&project, base_url).expect("the first build"));
    let (mut partial, mut of_recs) = (0, 0);
    for step in 0..steps {
        let before = common::tree(&site.root);
        let (paths, what) = edit(&site, &mut rng, step);
        // What `serve` hands over: the paths its watcher classifies as inputs, which must be
        // every path an edit changed.
        let (content, theme) = (&project.content, &project.theme);
        let watched: Vec<PathBuf> = paths
            .iter()
            .filter(|p| classify(p, content, theme).is_some())
            .cloned()
            .collect();
        assert_eq!(
            watched, paths,
            "step {step} ({what}): an edited input is not watched"
        );
        let full = build_in_memory(&project, base_url);
        let next = match last.take() {
            Some(build) => build.apply(&paths),
            None => Build::new(&project, base_url),
        };
        match (next, full) {
            (Ok(build), Ok(full)) => {
                let quick = build.files();
                if let Some(path) = first_difference(&quick, &full) {
                    panic!("step {step} ({what}): {path} differs from a full build");
                }
                let reused = build.reused();
                eprintln!("step {step} ({what}): {reused} files reused");
                partial += usize::from(build.reused() > 0);
                let recs = site.recs();
                of_recs +=
                    usize::from(!paths.is_empty() && paths.iter().all(|p| p.starts_with(&recs)));
                last = Some(build);
            }
            (Err(_), Err(_)) => {
                eprintln!("step {step} ({what}): refused");
                // Back to the last good files: the next step starts from a full build, as
                // `serve` does after a failure.
                restore(&site.root, &before);
            }
            (Ok(_), Err(e)) => panic!("step {step} ({what}): a full build fails: {e:?}"),
            (Err(e), Ok(_)) => panic!("step {step} ({what}): only the rebuild fails: {e:?}"),
        }
    }
    (partial, of_recs)
}

/// How many edits a sequence makes: a few in CI, more on demand.
fn steps(default: usize) -> usize {
    std::env::var("RECPUB_REBUILD_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// A synthetic dataset (`synth --scale 1`: no releases) in `tmp`.
fn synthetic(tmp: &Path) -> PathBuf {
    synthetic_at(tmp, 1)
}

/// A synthetic dataset `scale` times the bundled content's size in `tmp`.
fn synthetic_at(tmp: &Path, scale: u32) -> PathBuf {
    let content = tmp.join("content");
    let status = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(["synth", "--scale", &scale.to_string(), "--out"])
        .arg(&content)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    content
}

#[test]
fn a_text_edit_renders_what_shows_its_text_a_title_edit_what_shows_its_item_and_a_scope_edit_keeps_links()
 {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = Site::new(&synthetic(tmp.path()));
    let parties = fs::read_to_string(site.root.join("content/parties.toml")).unwrap();
    let parties = parties.matches("[[party]]").count();
    // A recommendation addressed to all Parties: every Party page lists it.
    let file = site
        .rec_files()
        .into_iter()
        .find(|f| fs::read_to_string(f).unwrap().contains("scope = \"all\""))
        .unwrap();
    let project = site.project("/");
    let first = Build::new(&project, "/").unwrap();
    let total = first.files().len();
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, format!("{} edited\n", text.trim_end())).unwrap();
    let after_text = first.apply(std::slice::from_ref(&file)).unwrap();
    // Its page and citation files, the files that read every recommendation (data, search,
    // content pages, the 404 page), and what shows its text for every Party (the brief, as a
    // page and a file, and the CSV): a few dozen at most and three per Party, not the site.
    let made = total - after_text.reused();
    assert!(made < 40 + 3 * parties, "{made} of {total} files made");
    for path in [
        "parties/albania/brief/index.html",
        "parties/albania/recommendations.csv",
    ] {
        let file = String::from_utf8(after_text.files()[path].to_vec()).unwrap();
        assert!(file.contains(" edited"), "{path} shows the new text");
    }
    replace(&file, "title = \"", "title = \"Edited ");
    let after_title = after_text.apply(std::slice::from_ref(&file)).unwrap();
    // What shows the item is rendered again; the other recommendations' pages are kept.
    assert!(after_title.reused() > 0, "a title edit is partial");
    let page =
        String::from_utf8(after_title.files()["parties/albania/index.html"].to_vec()).unwrap();
    assert!(
        page.contains(">Edited "),
        "the Party page shows the new title"
    );
    let full = build_in_memory(&project, "/").unwrap();
    assert!(first_difference(&after_title.files(), &full).is_none());
    // Now addressed to the Parties not already doing so: it moves to another group of every
    // Party page, whose counts change; the pages are rendered again, with the same links.
    assert!(replace(&file, "scope = \"all\"", "scope = \"open\""));
    let after_scope = after_title.apply(std::slice::from_ref(&file)).unwrap();
    assert!(
        after_scope.same_links() >= parties,
        "{} pages with the same links",
        after_scope.same_links()
    );
    let full = build_in_memory(&project, "/").unwrap();
    assert!(first_difference(&after_scope.files(), &full).is_none());
}

#[test]
fn a_broken_link_in_an_edited_text_is_reported_at_its_line() {
    let tmp = tempfile::TempDir::new().unwrap();
    let site = Site::new(&synthetic(tmp.path()));
    let project = site.project("/");
    let first = Build::new(&project, "/").unwrap();
    let file = site.recs().join("II-1.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        format!("{} See [this](/nowhere/).\n", text.trim_end()),
    )
    .unwrap();
    let failure = first.apply(&[file]).err().expect("a link to no page fails");
    let report = recpub::report::failure_text(&failure);
    assert!(report.contains("II-1.md:"), "not located: {report}");
    assert!(report.contains("/nowhere/"), "{report}");
}

#[test]
fn rebuilds_of_a_synthetic_dataset_match_full_builds() {
    let tmp = tempfile::TempDir::new().unwrap();
    let content = synthetic(tmp.path());
    let n = steps(14);
    let (partial, of_recs) = run(&content, 0x9e37_79b9_7f4a_7c15, n, "/");
    // Most edits touch recommendations only: those rebuilds must reuse files, or the
    // comparison proves nothing about what dependency tracking leaves alone.
    assert!(
        of_recs > 0 && partial * 2 >= of_recs,
        "only {partial} of {of_recs} edits of recommendation files were partial"
    );
}

/// At 12 times the bundled content, lists are long enough to be paginated (sections, levels,
/// the shared lists by addressees) and Party pages show long groups by their counts, with
/// pages of their own for each Party's long groups (named, not named), and the briefs are in
/// parts: those pages come, go and change with the edits too.
#[test]
fn rebuilds_of_a_synthetic_dataset_with_paginated_lists_match_full_builds() {
    let tmp = tempfile::TempDir::new().unwrap();
    let content = synthetic_at(tmp.path(), 12);
    let n = steps(4);
    let (partial, of_recs) = run(&content, 0x2545_f491_4f6c_dd1d, n, "/");
    assert!(
        partial > 0,
        "none of {of_recs} edits of recommendation files was partial"
    );
}

#[test]
fn rebuilds_of_the_bundled_content_match_full_builds() {
    let content = common::root().join("content");
    let site = Site::new(&content);
    // The draft note names every recommendation, and the next few of each section, so that
    // the release rule allows each edit and each new recommendation.
    let mut note = String::from("Edited:");
    let mut sections = std::collections::BTreeSet::new();
    for f in site.rec_files() {
        let id = id_of(&f);
        note.push_str(&format!(" {id},"));
        sections.insert(id.split('-').next().unwrap().to_string());
    }
    for s in sections {
        let last = last_number(&site, &s);
        for n in last + 1..=last + 3 {
            note.push_str(&format!(" {s}-{n},"));
        }
    }
    fs::write(site.root.join("content/releases/next.md"), note + "\n").unwrap();
    // Without the source copy, so that edits of the Committee's text are accepted (with it,
    // they are refused: see the test below).
    fs::remove_dir_all(site.root.join("content/source")).unwrap();
    let (partial, _) = run(
        &site.root.join("content"),
        42,
        steps(8),
        "https://example.org/recs/",
    );
    assert!(partial > 0, "no rebuild was partial");
}

#[test]
fn an_edit_of_the_committees_text_is_refused_by_a_rebuild_as_by_a_full_build() {
    let site = Site::new(&common::root().join("content"));
    common::name_all_in_draft_note(&site.root.join("content"));
    let project = site.project("/");
    let first = Build::new(&project, "/").expect("the bundled content builds");
    let file = site.recs().join("III-16.md");
    replace(&file, "for prosecutors who", "for judges who");
    let full = build_in_memory(&project, "/");
    let Err(err) = full else {
        panic!("a full build accepts the changed word")
    };
    assert!(
        format!("{err:?}").contains("III-16's text differs from the source"),
        "{err:?}"
    );
    assert!(first.apply(std::slice::from_ref(&file)).is_err());
}

#[test]
fn edits_of_the_theme_strings_and_the_thesaurus_rebuild_as_a_full_build_does() {
    let site = Site::new(&common::root().join("content"));
    let project = site.project("/");
    let mut build = Build::new(&project, "/").expect("the bundled content builds");
    let strings = site.root.join("themes/default/i18n/en.toml");
    let thesaurus = site.root.join("content/thesaurus.toml");
    for (path, from, to, good) in [
        (&strings, "home = \"Home\"", "home = \"Front page\"", true),
        (
            &thesaurus,
            "reader = [\"kids\",",
            "reader = [\"younglings\", \"kids\",",
            true,
        ),
        (
            &thesaurus,
            "committee = [\"children\", \"child\"]",
            "committee = [\"childer\"]",
            false,
        ),
    ] {
        assert!(replace(path, from, to), "{from:?}");
        let (content, theme) = (&project.content, &project.theme);
        assert!(
            classify(path, content, theme).is_some(),
            "{} is not watched",
            path.display()
        );
        let full = build_in_memory(&project, "/");
        let next = build.apply(std::slice::from_ref(path));
        if !good {
            let (Err(full), Err(next)) = (full, next) else {
                panic!("{to}: not refused by both")
            };
            let text = |f| recpub::report::failure_text(&f);
            assert_eq!(text(next), text(full));
            return;
        }
        build = next.expect("the rebuild");
        let full = full.expect("the full build");
        assert!(first_difference(&build.files(), &full).is_none(), "{to}");
        let page = String::from_utf8(build.files()["recommendations/iii-16/index.html"].to_vec());
        assert!(!path.ends_with("en.toml") || page.unwrap().contains(">Front page<"));
    }
    panic!("the bad thesaurus was not tried");
}
