//! One rule set: every invalid fixture of `tests/diagnostics.rs` applied as an edit to a good
//! build of the valid `tests/fixtures/base/`, through `Build::apply` as `serve` applies a save
//! (recommendation files through its quick path, anything else in full), must be refused with
//! exactly the diagnostics `check` prints for it (`<name>/expected.stderr`). The one difference
//! is the one `serve` is documented to make: a change the draft release note does not name is
//! served, with `check`'s errors as warnings (two fixtures).

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_tree, fixtures};
use recpub::project::{Given, Project};
use recpub::site::Build;

/// The rule whose findings `serve` shows as warnings, not errors (docs/serve.md): a changed
/// recommendation the draft note of the next release does not name.
const UNANNOUNCED: &str = "and the note of the next release does not name it";

/// Whether every finding of `check` in `expected` is [`UNANNOUNCED`]'s.
fn only_unannounced(expected: &str) -> bool {
    let findings: Vec<&str> = expected
        .lines()
        .filter(|l| !l.starts_with("  ") && !l.starts_with("error: "))
        .collect();
    !findings.is_empty() && findings.iter().all(|l| l.ends_with(UNANNOUNCED))
}

/// Every path under `from`'s content, as it is under `root` once laid over it.
fn laid_over(from: &Path, root: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(from.join("content"))
        .min_depth(1)
        .into_iter()
        .map(|e| {
            root.join("content").join(
                e.unwrap()
                    .path()
                    .strip_prefix(from.join("content"))
                    .unwrap(),
            )
        })
        .collect()
}

/// Applies the fixture at `fixture` to a build of the base fixture; what the rebuild says, as
/// `check` would print it from the project folder (paths relative to it).
fn refusal(fixture: &Path) -> Result<String, String> {
    let tmp = tempfile::TempDir::new().unwrap();
    let root = tmp.path().canonicalize().unwrap();
    copy_tree(&fixtures().join("base"), &root);
    copy_tree(&common::root().join("themes"), &root.join("themes"));
    let given = Given {
        root: Some(&root),
        ..Given::default()
    };
    let project = Project::resolve(&given).unwrap();
    let build = Build::new(&project, "/").expect("the base fixture builds");
    copy_tree(&fixture.join("content"), &root.join("content"));
    let relative = |text: String| text.replace(&format!("{}/", root.display()), "");
    match build.apply(&laid_over(fixture, &root)) {
        Err(failure) => Err(relative(recpub::report::failure_text(&failure))),
        Ok(build) => {
            let warnings: String = build
                .unannounced()
                .iter()
                .map(|w| format!("{w}\n"))
                .collect();
            Ok(relative(warnings))
        }
    }
}

#[test]
fn an_edit_check_refuses_is_refused_by_serve_the_same_way_for_every_rule() {
    let mut names: Vec<PathBuf> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 30, "{} fixtures", names.len());
    let mut failures = Vec::new();
    for fixture in &names {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let expected = fs::read_to_string(fixture.join("expected.stderr")).unwrap();
        let got = refusal(fixture);
        let ok = match (&got, only_unannounced(&expected)) {
            (Err(text), false) => *text == expected,
            // Served: `check`'s findings, each a warning, without the count line.
            (Ok(warnings), true) => {
                let errors: Vec<&str> = expected
                    .lines()
                    .filter(|l| !l.starts_with("error: "))
                    .collect();
                let as_warnings = errors.join("\n").replace(": error: ", ": warning: ") + "\n";
                !warnings.is_empty() && *warnings == as_warnings
            }
            _ => false,
        };
        if !ok {
            failures.push(format!(
                "{name}:\n--- check\n{expected}--- serve\n{got:?}\n"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ:\n\n{}",
        failures.len(),
        names.len(),
        failures.join("\n")
    );
}
