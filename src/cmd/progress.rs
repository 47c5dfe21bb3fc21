//! A progress bar for long builds: the build's file counters in, one line redrawn on stderr
//! out, only when stderr is a terminal and the build has run long enough to need one. Hand
//! written (a thread and `\r`) rather than a dependency: one bar, no styles, no multi-bars.

use std::io::{IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::site::Progress;

/// Builds quicker than this never show the bar, so short builds do not flicker.
const DELAY: Duration = Duration::from_millis(300);
/// How often the bar is redrawn.
const TICK: Duration = Duration::from_millis(100);
const WIDTH: usize = 30;

/// A running progress bar; [`Bar::finish`] erases it.
pub(super) struct Bar {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Bar {
    /// Starts drawing `progress` after a short delay, unless `quiet` or stderr is not a
    /// terminal (then nothing is ever drawn).
    pub(super) fn start(progress: Arc<Progress>, quiet: bool) -> Bar {
        let stop = Arc::new(AtomicBool::new(false));
        let thread = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let stop = stop.clone();
            std::thread::spawn(move || draw_until(&progress, &stop))
        });
        Bar { stop, thread }
    }

    /// Stops and erases the bar.
    pub(super) fn finish(mut self) {
        self.stop_thread();
    }

    fn stop_thread(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            // A panicking drawer only loses the bar.
            let _ = t.join();
        }
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.stop_thread();
    }
}

fn draw_until(progress: &Progress, stop: &AtomicBool) {
    let mut waited = Duration::ZERO;
    let mut drawn = false;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(TICK);
        waited += TICK;
        if waited < DELAY {
            continue;
        }
        let expected = progress.expected.load(Ordering::Relaxed);
        let done = progress.done.load(Ordering::Relaxed);
        eprint!("\r\x1b[2K{}", line(done, expected));
        drawn = true;
    }
    if drawn {
        // Erase the line, so the summary starts clean.
        eprint!("\r\x1b[2K");
        let _ = std::io::stderr().flush();
    }
}

/// `[#######-----------------------] 2,345 / 11,530 files`, or `loading…` before the
/// content is loaded.
fn line(done: usize, expected: usize) -> String {
    if expected == 0 {
        return "loading the content…".to_string();
    }
    // The count is an estimate (the search index has as many files as it needs).
    let expected = expected.max(done);
    let filled = (done * WIDTH) / expected;
    format!(
        "[{}{}] {done} / {expected} files",
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_and_never_overflows() {
        assert_eq!(line(0, 0), "loading the content…");
        assert!(line(0, 10).starts_with(&format!("[{}]", "-".repeat(WIDTH))));
        assert!(line(5, 10).starts_with(&format!("[{}{}]", "#".repeat(15), "-".repeat(15))));
        assert!(line(12, 10).starts_with(&format!("[{}] 12 / 12", "#".repeat(WIDTH))));
    }
}
