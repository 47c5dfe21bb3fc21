//! Index build time: the content folders given in `RECPUB_BENCH_CONTENT` (colon-separated;
//! default `content`) are loaded once, then the index is built repeatedly: from scratch
//! (`build_search_index`), and by one `SearchIndexer` kept across builds after one
//! recommendation's text is edited (a word the vocabulary has, or a new word each time), as
//! `serve` rebuilds. Medians are printed. `bash bench/search.sh` runs it at 1× and 100×.

use std::path::Path;
use std::time::{Duration, Instant};

use recpub::model::Dataset;
use recpub::model::Urls;
use recpub::search::{SearchIndexer, build_search_index};

fn main() {
    let dirs = std::env::var("RECPUB_BENCH_CONTENT").unwrap_or_else(|_| "content".into());
    for dir in dirs.split(':') {
        let ds = recpub::load_dataset(Path::new(dir)).expect("valid content");
        let urls = Urls::parse("/").expect("a valid base");
        let n = ds.recommendations.len();
        let runs = if n > 1000 { 7 } else { 51 };
        let cold = median((0..runs).map(|_| time(|| build_search_index(&ds, &urls))));
        let bytes: usize = build_search_index(&ds, &urls)
            .files
            .iter()
            .map(|f| f.1.len())
            .sum();
        println!(
            "search index build: {n} recommendations: from scratch: median {cold:.2} ms over \
             {runs} runs, {} KB",
            bytes / 1024
        );
        for (what, word) in [("a known word", false), ("a new word", true)] {
            let edited = median(edits(&ds, &urls, runs, word));
            println!(
                "search index build: {n} recommendations: indexer kept, one text edited \
                 ({what}): median {edited:.2} ms over {runs} runs"
            );
        }
    }
}

/// Times of `runs` rebuilds by one indexer, each after an edit to one recommendation's text.
fn edits(ds: &Dataset, urls: &Urls, runs: usize, new_word: bool) -> Vec<Duration> {
    let mut ds = ds.clone();
    let mut indexer = SearchIndexer::default();
    indexer.build(&ds, urls);
    let i = ds.recommendations.len() / 2;
    let text = ds.recommendations[i].text.clone();
    (0..runs)
        .map(|k| {
            let added = if new_word {
                format!(" edit{k}")
            } else {
                " safeguarding".repeat(k + 1)
            };
            ds.recommendations[i].text = format!("{text}{added}");
            time(|| indexer.build(&ds, urls))
        })
        .collect()
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let t = Instant::now();
    std::hint::black_box(f());
    t.elapsed()
}

/// The median, in milliseconds.
fn median(times: impl IntoIterator<Item = Duration>) -> f64 {
    let mut times: Vec<Duration> = times.into_iter().collect();
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1000.0
}
