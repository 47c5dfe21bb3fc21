//! Random batches of edits to a small site (pages replaced, added and removed, ids dropped,
//! other files added and removed), from a seed: after each, the incremental check must report
//! what a full check of the same files reports.

use std::collections::{BTreeMap, BTreeSet};

use super::replace::Touched;
use super::*;
use crate::html_scan::scan;

/// xorshift64*: a few random numbers a test can repeat from its seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A small site as data: HTML pages (path → ids and links) and other files.
#[derive(Clone, Default)]
struct Model {
    pages: BTreeMap<String, (Vec<String>, Vec<String>)>,
    others: BTreeSet<String>,
}

/// The page names links are made from: not all of them exist at any time.
const NAMES: [&str; 8] = ["a", "b", "c", "d", "e", "f", "g", "h"];

fn html((ids, links): &(Vec<String>, Vec<String>)) -> String {
    let ids = ids.iter().map(|i| format!("<h2 id=\"{i}\">x</h2>"));
    let links = links.iter().map(|l| format!("<a href=\"{l}\">x</a>"));
    ids.chain(links).collect()
}

impl Model {
    fn path(name: &str) -> String {
        format!("{name}/index.html")
    }

    /// A link of one of the forms a theme writes, to a page or file that may not exist.
    fn random_link(rng: &mut Rng, base: &str) -> String {
        let name = NAMES[rng.below(NAMES.len())];
        let id = rng.below(4);
        match rng.below(9) {
            0 => format!("{base}{name}/"),
            1 | 2 => format!("{base}{name}/#i{id}"),
            3 => format!("#i{id}"),
            4 => format!("../{name}/#i{id}"),
            5 => format!("{base}s{}.css", rng.below(3)),
            6 => format!("https://x.org{base}{name}/"),
            7 => "https://elsewhere.org/".to_string(),
            _ => format!("/other/{name}/"),
        }
    }

    fn random_page(rng: &mut Rng, base: &str) -> (Vec<String>, Vec<String>) {
        let ids = (0..4).filter(|_| rng.chance(60)).map(|i| format!("i{i}"));
        let ids = ids.collect();
        let links = (0..rng.below(7)).map(|_| Model::random_link(rng, base));
        (ids, links.collect())
    }

    /// Every file's path with its HTML (`None` for other files).
    fn files(&self) -> Vec<(String, Option<String>)> {
        let pages = self
            .pages
            .iter()
            .map(|(p, page)| (p.clone(), Some(html(page))));
        let others = self.others.iter().map(|p| (p.clone(), None));
        pages.chain(others).collect()
    }

    fn full_check(&self, urls: &Urls) -> Vec<BrokenLink> {
        let files = self.files();
        let mut index = LinkIndex::default();
        for (path, html) in &files {
            index.add(path.clone(), html.as_deref().map(scan));
        }
        index.check(urls)
    }

    /// Drops the broken links from the pages that hold them; returns the pages changed.
    fn repair(&mut self, broken: &[BrokenLink]) -> Vec<String> {
        let mut changed = Vec::new();
        for b in broken {
            let links = &mut self.pages.get_mut(&b.page).expect("a page").1;
            links.retain(|l| *l != b.link);
            changed.push(b.page.clone());
        }
        changed.dedup();
        changed
    }

    /// One random edit: a page replaced, added or removed, or another file added or
    /// removed. Returns the paths changed and removed.
    fn random_edit(&mut self, rng: &mut Rng, base: &str) -> (Vec<String>, Vec<String>) {
        let page = Model::path(NAMES[rng.below(NAMES.len())]);
        let other = format!("s{}.css", rng.below(3));
        match rng.below(6) {
            0..=2 => {
                self.pages
                    .insert(page.clone(), Model::random_page(rng, base));
                (vec![page], vec![])
            }
            3 if self.pages.contains_key(&page) => {
                // Only the ids change: links to the anchors that go break.
                let ids = &mut self.pages.get_mut(&page).expect("a page").0;
                ids.retain(|_| rng.chance(50));
                (vec![page], vec![])
            }
            4 => {
                self.pages.remove(&page);
                (vec![], vec![page])
            }
            _ if self.others.remove(&other) => (vec![], vec![other]),
            _ => {
                self.others.insert(other.clone());
                (vec![other], vec![])
            }
        }
    }

    /// What `LinkIndex::replace` is given for these paths.
    fn batch(&self, changed: &[String]) -> Vec<(String, Option<String>)> {
        changed
            .iter()
            .map(|p| (p.clone(), self.pages.get(p).map(html)))
            .collect()
    }
}

fn replace(
    index: &mut LinkIndex,
    urls: &Urls,
    batch: &[(String, Option<String>)],
    removed: &[String],
) -> Touched {
    let changed = batch
        .iter()
        .map(|(p, h)| (p.clone(), h.as_deref().map(scan)))
        .collect();
    index.replace(urls, changed, removed)
}

/// Random batches of edits, each checked incrementally and in full: the two must agree, on a
/// state kept after a failed check too (its batch's `Touched` merged into the next's).
fn incremental_checks_match_full_checks(seed: u64, base_url: &str) {
    let urls = Urls::parse(base_url).unwrap();
    let base = urls.base().to_string();
    let mut rng = Rng(seed);
    let mut model = Model::default();
    for name in NAMES.iter().take(5) {
        model
            .pages
            .insert(Model::path(name), Model::random_page(&mut rng, &base));
    }
    model.others.insert("s0.css".to_string());
    let broken = model.full_check(&urls);
    model.repair(&broken);
    let files = model.files();
    let mut index = LinkIndex::default();
    for (path, html) in &files {
        index.add(path.clone(), html.as_deref().map(scan));
    }
    assert_eq!(index.check(&urls), [], "seed {seed}: a clean start");
    let mut pending = Touched::default();
    let mut broke = 0;
    for step in 0..60 {
        let (mut changed, mut removed) = (Vec::new(), Vec::new());
        for _ in 0..1 + rng.below(3) {
            let (c, r) = model.random_edit(&mut rng, &base);
            changed.extend(c);
            removed.extend(r);
        }
        // A path may be changed, then removed by a later edit of the batch (so not changed),
        // or removed, then made again (so in both lists: removals go first).
        changed.retain(|p| model.pages.contains_key(p) || model.others.contains(p));
        let batch = model.batch(&changed);
        pending.merge(replace(&mut index, &urls, &batch, &removed));
        let want = model.full_check(&urls);
        assert_eq!(
            index.check_after(&urls, &pending),
            want,
            "seed {seed} step {step}"
        );
        assert_eq!(
            index.check(&urls),
            want,
            "seed {seed} step {step}: the full check"
        );
        if want.is_empty() {
            pending = Touched::default();
        } else if rng.chance(60) {
            broke += 1;
            let fixed = model.repair(&want);
            pending.merge(replace(&mut index, &urls, &model.batch(&fixed), &[]));
            assert_eq!(
                index.check_after(&urls, &pending),
                [],
                "seed {seed} step {step}"
            );
            pending = Touched::default();
        }
    }
    assert!(
        broke > 3,
        "seed {seed}: the edits broke links only {broke} times"
    );
}

#[test]
fn incremental_checks_match_full_checks_at_the_root() {
    for seed in 1..=40 {
        incremental_checks_match_full_checks(seed * 7919, "/");
    }
}

#[test]
fn incremental_checks_match_full_checks_under_a_base_path() {
    for seed in 1..=40 {
        incremental_checks_match_full_checks(seed * 104_729, "https://x.org/l/");
    }
}
