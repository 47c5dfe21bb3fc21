//! Documented examples: every ```` ```console ```` block of `README.md` and `docs/*.md` runs here
//! in a temporary copy of the project's `content/` and `themes/`, and what it prints must match
//! the block; every other command line the documents show (a synopsis such as `recpub build
//! [--out DIR]`, `bash scripts/…`) must name only flags the command knows and scripts that exist.
//! So a stale figure, a renamed flag or a moved script fails the test suite.
//!
//! A console block: `$ COMMAND` lines, each followed by the output it prints (stdout and stderr
//! together). In the output, `[..]` matches any text within a line and a line `...` any number
//! of lines; a last line `(exit status N)` expects that status (0 otherwise). `cargo run
//! --release --` runs the binary under test. A `serve` command is stopped once its output has
//! matched.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// One `$ command` of a console block, with the output the document shows for it.
struct Example {
    place: String,
    command: String,
    expected: Vec<String>,
    status: i32,
}

/// The documents whose examples are tested: README.md and every `docs/*.md`, sorted.
fn documents() -> Vec<PathBuf> {
    let mut docs: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .expect("docs/ exists")
        .map(|e| e.expect("docs/ entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    docs.sort();
    docs.insert(0, Path::new(ROOT).join("README.md"));
    docs
}

/// Fenced blocks of a Markdown file: (info string, first line number, lines).
fn fenced_blocks(text: &str) -> Vec<(String, usize, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, usize, Vec<String>)> = None;
    for (n, line) in text.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_string(), n + 2, Vec::new())),
            (Some(_), Some(rest)) if rest.trim().is_empty() => blocks.extend(open.take()),
            (Some((_, _, lines)), _) => lines.push(line.to_string()),
            (None, None) => {}
        }
    }
    blocks
}

/// The examples of one console block, in order.
fn examples(file: &str, first_line: usize, lines: &[String]) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Example {
                place: format!("{file}:{}", first_line + i),
                command: cmd.to_string(),
                expected: Vec::new(),
                status: 0,
            });
        } else if let Some(ex) = out.last_mut() {
            match line
                .strip_prefix("(exit status ")
                .and_then(|s| s.strip_suffix(')'))
            {
                Some(n) => ex.status = n.parse().expect("exit status is a number"),
                None => ex.expected.push(line.trim_end().to_string()),
            }
        } else {
            panic!(
                "{file}:{}: console block output before any `$ ` command",
                first_line + i
            );
        }
    }
    out
}

/// Whether `line` matches `pattern`, where `[..]` stands for any text.
fn line_matches(pattern: &str, line: &str) -> bool {
    let mut parts = pattern.split("[..]");
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = line.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    for (i, part) in parts.iter().enumerate() {
        if i + 1 == parts.len() {
            return rest.ends_with(part);
        }
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    rest.is_empty()
}

/// Whether the lines match the patterns, where a pattern line `...` stands for any lines.
fn lines_match(patterns: &[String], lines: &[&str]) -> bool {
    match patterns.split_first() {
        None => lines.is_empty(),
        Some((p, rest)) if p == "..." => (0..=lines.len()).any(|k| lines_match(rest, &lines[k..])),
        Some((p, rest)) => {
            !lines.is_empty() && line_matches(p, lines[0]) && lines_match(rest, &lines[1..])
        }
    }
}

/// A temporary project holding copies of `content/` and `themes/`.
fn scratch_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for sub in ["content", "themes"] {
        let status = Command::new("cp")
            .args(["-R", &format!("{ROOT}/{sub}")])
            .arg(dir.path())
            .status()
            .expect("cp runs");
        assert!(status.success(), "copying {sub}");
    }
    dir
}

/// A shell running `command` in `dir` with the binary under test first on `PATH`.
fn shell(command: &str, dir: &Path) -> Command {
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_recpub"));
    let path = format!(
        "{}:{}",
        bin.parent().expect("binary folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let command = command.replace("cargo run --release -- ", "recpub ");
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(format!("exec {command} 2>&1"))
        .current_dir(dir)
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// Runs a command to its end: (output lines, exit status).
fn run_to_end(ex: &Example, dir: &Path) -> (String, i32) {
    let out = shell(&ex.command, dir).output().expect("bash runs");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    (text, out.status.code().unwrap_or(-1))
}

/// Runs a server until its output matches the example (or 60 s pass), then stops it.
fn run_server(ex: &Example, dir: &Path) -> (String, i32) {
    let mut child = shell(&ex.command, dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("bash runs");
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen: Vec<String> = Vec::new();
    while Instant::now() < deadline {
        let refs: Vec<&str> = seen.iter().map(String::as_str).collect();
        if lines_match(&ex.expected, &refs) {
            break;
        }
        match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(line) => seen.push(line),
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        }
    }
    child.kill().ok();
    child.wait().ok();
    (seen.join("\n"), 0)
}

/// Every console example runs and prints what its document shows.
#[test]
fn console_examples_print_what_the_documents_show() {
    let mut failures = Vec::new();
    let mut count = 0;
    for doc in documents() {
        let name = doc.strip_prefix(ROOT).unwrap_or(&doc).display().to_string();
        let text = std::fs::read_to_string(&doc).expect("document reads");
        for (info, first, lines) in fenced_blocks(&text) {
            if info != "console" {
                continue;
            }
            // Each block starts from a clean copy: a block may edit the content to show an error.
            let project = scratch_project();
            for ex in examples(name.trim_start_matches('/'), first, &lines) {
                count += 1;
                let serve = ex.command.split_whitespace().nth(1) == Some("serve");
                let (out, status) = if serve {
                    run_server(&ex, project.path())
                } else {
                    run_to_end(&ex, project.path())
                };
                let got: Vec<&str> = out.lines().map(str::trim_end).collect();
                if status != ex.status || !lines_match(&ex.expected, &got) {
                    failures.push(format!(
                        "{}: `{}` (exit status {status}, expected {})\n--- shown:\n{}\n--- printed:\n{}",
                        ex.place,
                        ex.command,
                        ex.status,
                        ex.expected.join("\n"),
                        got.join("\n")
                    ));
                }
            }
        }
    }
    assert!(count >= 5, "only {count} console examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The flags a command's `--help` lists.
fn help_flags(sub: &str) -> Vec<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args([sub, "--help"])
        .output()
        .expect("recpub runs");
    assert!(
        out.status.success(),
        "recpub {sub} --help fails: not a command?"
    );
    String::from_utf8_lossy(&out.stdout)
        .split(|c: char| c.is_whitespace() || c == ',' || c == '=')
        .filter(|w| w.starts_with("--"))
        .map(String::from)
        .collect()
}

/// The problems of one shown command line: unknown flags, missing scripts.
fn synopsis_problems(line: &str) -> Vec<String> {
    let line = line.trim().trim_start_matches("$ ");
    let line = line.replace("cargo run --release -- ", "recpub ");
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        ["recpub", sub, rest @ ..] if !sub.starts_with('-') => {
            let known = help_flags(sub);
            rest.iter()
                .map(|w| w.trim_matches(|c| "[]".contains(c)))
                .filter(|w| w.starts_with("--"))
                .map(|w| w.split('=').next().unwrap_or(w))
                .filter(|w| !known.iter().any(|k| k == w))
                .map(|w| format!("`recpub {sub}` has no flag {w}"))
                .collect()
        }
        ["bash", script, ..] if !Path::new(ROOT).join(script).is_file() => {
            vec![format!("no script {script}")]
        }
        _ => Vec::new(),
    }
}

/// Every command line the documents show names real flags and real scripts.
#[test]
fn shown_commands_name_real_flags_and_scripts() {
    let mut problems = Vec::new();
    for doc in documents() {
        let name = doc.strip_prefix(ROOT).unwrap_or(&doc).display().to_string();
        let text = std::fs::read_to_string(&doc).expect("document reads");
        for (info, first, lines) in fenced_blocks(&text) {
            for (i, line) in lines.iter().enumerate() {
                let shown = info == "console" && line.starts_with("$ ")
                    || info != "console" && !line.starts_with('#');
                if shown {
                    for p in synopsis_problems(line) {
                        problems.push(format!("{name}:{}: {p}", first + i));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn patterns_match_as_documented() {
    assert!(line_matches("built [..] in [..]s", "built 3 pages in 0.1s"));
    assert!(!line_matches(
        "built [..] in [..]s",
        "built 3 pages in 0.1ms!"
    ));
    assert!(line_matches("exact", "exact"));
    assert!(!line_matches("exact", "exactly"));
    let pats: Vec<String> = ["a", "...", "z"].map(String::from).to_vec();
    assert!(lines_match(&pats, &["a", "b", "c", "z"]));
    assert!(lines_match(&pats, &["a", "z"]));
    assert!(!lines_match(&pats, &["a", "b"]));
    assert!(synopsis_problems("recpub build [--nope DIR]").len() == 1);
    assert!(synopsis_problems("recpub build [--out DIR] [--quiet]").is_empty());
    assert!(synopsis_problems("bash scripts/missing.sh").len() == 1);
}
