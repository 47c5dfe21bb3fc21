//! Reporting: failures and warnings in, the text a person reads out: on the terminal (stderr)
//! for every command, and the same text in `serve`'s overlay. The one place that decides how
//! a problem reads, so `check`, `build`, `release` and `serve` say it alike.

use std::io::Write;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics, visible};
use crate::failure::Failure;
use crate::output::BrokenLink;

/// The text of a failure as the terminal shows it, every line ending in `\n`: content
/// diagnostics GNU style and their count; broken links one per line and their count; a
/// plumbing error with its causes.
pub fn failure_text(failure: &Failure) -> String {
    match failure {
        Failure::Content { folder, diags } => content_errors_text(diags, folder),
        Failure::BrokenLinks { links, to_disk } => {
            let consequence = if *to_disk {
                "; nothing was written"
            } else {
                ""
            };
            format!(
                "{}error: {} broken link(s){consequence}\n",
                broken_link_lines(links),
                links.len()
            )
        }
        Failure::Other(e) => {
            // Paths and names in the message are the user's: shown, never obeyed.
            let mut text = format!("error: {}\n", visible(&e.to_string()));
            for cause in e.chain().skip(1) {
                text.push_str(&format!("  caused by: {}\n", visible(&cause.to_string())));
            }
            text
        }
    }
}

/// Content diagnostics GNU style, then the count: `error: 2 error(s) in content`.
pub fn content_errors_text(diags: &Diagnostics, content: &Path) -> String {
    format!(
        "{diags}error: {} error(s) in {}\n",
        diags.error_count(),
        content.display()
    )
}

/// One line per broken link, naming the page it is on: `error: broken link in …`.
pub fn broken_link_lines(broken: &[BrokenLink]) -> String {
    broken
        .iter()
        .map(|b| {
            let (page, link) = (visible(&b.page), visible(&b.link));
            format!("error: broken link in {page}: {link} ({})\n", b.reason)
        })
        .collect()
}

/// The warnings among `diags`, one per line (a located one GNU style).
pub fn warnings_text(diags: &Diagnostics) -> String {
    diags.warnings().map(|d| format!("{d}\n")).collect()
}

/// Prints a failure on stderr.
pub fn print_failure(failure: &Failure) {
    print_stderr(&failure_text(failure));
}

/// Prints the warnings among `diags` on stderr.
pub fn print_warnings(diags: &Diagnostics) {
    print_stderr(&warnings_text(diags));
}

/// Prints one warning on stderr.
pub fn print_warning(warning: &Diagnostic) {
    print_stderr(&format!("{warning}\n"));
}

/// Best effort: a closed stderr leaves nowhere to say so.
fn print_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn warnings_print_alone_and_errors_count() {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::warning("no sitemap"));
        diags.push(Diagnostic::error(Path::new("content/a.md"), (2, 3), "bad"));
        assert_eq!(warnings_text(&diags), "warning: no sitemap\n");
        assert_eq!(
            content_errors_text(&diags.sorted(), Path::new("content")),
            "warning: no sitemap\ncontent/a.md:2:3: error: bad\nerror: 1 error(s) in content\n"
        );
    }

    #[test]
    fn broken_links_say_whether_the_output_was_kept() {
        let links = vec![BrokenLink {
            page: "index.html".into(),
            link: "/nope/".into(),
            reason: "no such page or file",
        }];
        let line = "error: broken link in index.html: /nope/ (no such page or file)\n";
        let to_disk = Failure::BrokenLinks {
            links: links.clone(),
            to_disk: true,
        };
        assert_eq!(
            failure_text(&to_disk),
            format!("{line}error: 1 broken link(s); nothing was written\n")
        );
        let in_memory = Failure::BrokenLinks {
            links,
            to_disk: false,
        };
        assert_eq!(
            failure_text(&in_memory),
            format!("{line}error: 1 broken link(s)\n")
        );
    }

    #[test]
    fn plumbing_errors_list_their_causes_with_invisible_characters_escaped() {
        let e = anyhow::anyhow!("disk full").context("cannot write out\u{1b}put/a.html");
        assert_eq!(
            failure_text(&Failure::Other(e)),
            "error: cannot write out\\u{1b}put/a.html\n  caused by: disk full\n"
        );
    }
}
