//! The link check's time on a big site: a content folder (`RECPUB_LINKS_CONTENT`, e.g. one made
//! by `recpub synth --scale 100`) in, the full check's and the incremental check's medians
//! printed. Ignored by default: it measures, it asserts only that both checks agree.
//!
//! `RECPUB_LINKS_CONTENT=/tmp/s100/content cargo test --release --lib links::scale -- --ignored --nocapture`

use std::time::{Duration, Instant};

use super::*;
use crate::html_scan::scan;
use crate::output::SiteFiles;
use crate::project::{Given, Project};

/// The median and the fastest run, in milliseconds: on a shared machine the fastest is the
/// steadier figure.
fn median(mut times: Vec<Duration>) -> (f64, f64) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(times[times.len() / 2]), ms(times[0]))
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> ((f64, f64), T) {
    let mut out = None;
    let times = (0..runs)
        .map(|_| {
            let t = Instant::now();
            out = Some(std::hint::black_box(f()));
            t.elapsed()
        })
        .collect();
    (median(times), out.expect("at least one run"))
}

#[test]
#[ignore = "measures a big site; give it RECPUB_LINKS_CONTENT"]
fn full_and_incremental_check_times() {
    let Ok(content) = std::env::var("RECPUB_LINKS_CONTENT") else {
        eprintln!("RECPUB_LINKS_CONTENT is not set: nothing measured");
        return;
    };
    let given = Given {
        content: Some(std::path::Path::new(&content)),
        ..Given::default()
    };
    let project = Project::resolve(&given).expect("a project");
    let build = crate::site::build_full_in_memory(&project, "/").expect("a clean build");
    let urls = build.urls.clone();
    let (files, links) = build.out.into_parts();
    let hrefs: usize = links.files.values().flatten().map(|p| p.links.len()).sum();
    println!(
        "{} files, {hrefs} links, {} distinct",
        links.len(),
        links.interner.strings.len()
    );
    let ((median, fastest), broken) = time(15, || links.check(&urls));
    assert!(broken.is_empty());
    println!("full check: median {median:.2} ms, fastest {fastest:.2} ms over 15 runs");
    incremental(links, &files, &urls);
}

/// Times `replace` + `check_after` for `batch` (path, HTML or `None`), checked against a full
/// check of the same state.
fn time_batch(links: &mut LinkIndex, urls: &Urls, what: &str, batch: &[(String, Option<String>)]) {
    let ((median, fastest), broken) = time(21, || {
        let changed = batch
            .iter()
            .map(|(p, h)| (p.clone(), h.as_deref().map(scan)))
            .collect();
        let touched = links.replace(urls, changed, &[]);
        links.check_after(urls, &touched)
    });
    assert_eq!(broken, links.check(urls), "{what}");
    println!(
        "{what}: replace + check_after: median {median:.3} ms, fastest {fastest:.3} ms over 21 runs, {} broken",
        broken.len()
    );
}

fn incremental(mut links: LinkIndex, files: &SiteFiles, urls: &Urls) {
    let times = (0..5)
        .map(|_| {
            links.inverse = None;
            let t = Instant::now();
            links.track_targets(urls);
            t.elapsed()
        })
        .collect();
    let (median, fastest) = median(times);
    println!("track_targets: median {median:.2} ms, fastest {fastest:.2} ms over 5 runs");
    let (pages, entries) = links.inverse.as_ref().expect("made").size();
    println!("who links where: {pages} pages, {entries} page numbers in lists");
    let text = |p: &str| Some(String::from_utf8(files[p].to_vec()).expect("UTF-8"));
    let page = files
        .keys()
        .find(|p| {
            // A recommendation's own page: its slug has a number (`ii-1`), a listing's none.
            let slug = p
                .strip_prefix("recommendations/")
                .and_then(|r| r.split_once('/'));
            slug.is_some_and(|(s, rest)| rest == "index.html" && s.contains(char::is_numeric))
        })
        .expect("a recommendation page")
        .to_string();
    let html = text(&page).expect("a page");
    println!("page: {page}");
    time_batch(
        &mut links,
        urls,
        "same ids",
        &[(page.clone(), Some(html.clone()))],
    );
    let renamed = html.replacen(" id=\"", " id=\"x-", 1);
    time_batch(
        &mut links,
        urls,
        "an id renamed",
        &[(page.clone(), Some(renamed))],
    );
    time_batch(
        &mut links,
        urls,
        "ids back",
        &[(page.clone(), Some(html.clone()))],
    );
    // The page every page links to: its ids matter only to links to its anchors.
    let home = text("index.html").expect("a home page");
    let renamed = home.replacen(" id=\"", " id=\"x-", 1);
    let batch = [("index.html".to_string(), Some(renamed))];
    time_batch(&mut links, urls, "home, an id renamed", &batch);
    let batch = [("index.html".to_string(), Some(home))];
    time_batch(&mut links, urls, "home back", &batch);
    // The page goes: every link to it breaks, and both checks must say so alike.
    let t = Instant::now();
    let touched = links.replace(urls, Vec::new(), std::slice::from_ref(&page));
    let replaced = t.elapsed().as_secs_f64() * 1000.0;
    let broken = links.check_after(urls, &touched);
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    assert_eq!(broken, links.check(urls), "the page removed");
    let n = broken.len();
    println!("the page removed: {ms:.3} ms ({replaced:.3} ms replace), {n} broken links");
    let back = links.replace(urls, vec![(page.clone(), Some(scan(&html)))], &[]);
    assert_eq!(links.check_after(urls, &back), [], "the page back");
    let mut batch: Vec<(String, Option<String>)> = files
        .keys()
        .filter(|p| p.starts_with("search/") || p.starts_with("data/"))
        .map(|p| {
            (
                p.to_string(),
                p.ends_with(".html").then(|| text(p)).flatten(),
            )
        })
        .collect();
    batch.push((page, Some(html)));
    let what = format!("the page, search/ and data/ ({} files)", batch.len());
    time_batch(&mut links, urls, &what, &batch);
}
