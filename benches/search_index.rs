//! Index build time: the content folders given in `RECPUB_BENCH_CONTENT` (colon-separated;
//! default `content`) are loaded once, then `build_search_index` runs repeatedly; the median
//! is printed. `bash bench/search.sh` runs it at 1× and 100×.

use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let dirs = std::env::var("RECPUB_BENCH_CONTENT").unwrap_or_else(|_| "content".into());
    for dir in dirs.split(':') {
        let ds = recpub::load_dataset(Path::new(dir)).expect("valid content");
        let urls = recpub::graph::Urls::parse("/").expect("a valid base");
        let runs = if ds.recommendations.len() > 1000 {
            7
        } else {
            51
        };
        let mut times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let files = recpub::search::build_search_index(&ds, &urls);
                std::hint::black_box(files);
                t.elapsed()
            })
            .collect();
        times.sort();
        let bytes: usize = recpub::search::build_search_index(&ds, &urls)
            .files
            .iter()
            .map(|f| f.1.len())
            .sum();
        println!(
            "search index build: {} recommendations: median {:.2} ms over {runs} runs, {} KB",
            ds.recommendations.len(),
            times[runs / 2].as_secs_f64() * 1000.0,
            bytes / 1024
        );
    }
}
