//! The CSV downloads cannot start a spreadsheet formula: titles beginning with each of OWASP's
//! formula characters are built into the site, and every CSV is parsed back with the `csv`
//! crate. Tabs and carriage returns, the other two, cannot reach a title at all.

use crate::common;

use std::fs;
use std::path::Path;

use common::{copy_tree, root, run};

/// Recommendations addressed to all Parties, so they are on every Party's CSV too.
const EDITS: [(&str, &str); 4] = [
    (
        "II-1.md",
        "=HYPERLINK(\\\"https://evil.example/\\\", \\\"click\\\")",
    ),
    ("II-2.md", "+1+cmd|' /C calc'!A0"),
    ("II-7.md", "-2+3+cmd|' /C calc'!A0"),
    ("II-6.md", "@SUM(1+1)*cmd|' /C calc'!A0"),
];

fn set_title(content: &Path, file: &str, title: &str) {
    let path = content.join("recommendations").join(file);
    let text = fs::read_to_string(&path).unwrap();
    let start = text.find("\ntitle = \"").unwrap() + 1;
    let end = start + text[start..].find('\n').unwrap();
    let text = format!("{}title = \"{title}\"{}", &text[..start], &text[end..]);
    fs::write(&path, text).unwrap();
}

/// Every record of a CSV file, header included.
fn records(path: &Path) -> Vec<Vec<String>> {
    csv::Reader::from_path(path)
        .unwrap()
        .into_records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn cells_that_would_start_a_formula_are_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    copy_tree(&root().join("content"), &content);
    copy_tree(&root().join("themes"), &dir.path().join("themes"));
    for (file, title) in EDITS {
        set_title(&content, file, title);
    }
    let ids: Vec<&str> = EDITS
        .iter()
        .map(|(f, _)| f.trim_end_matches(".md"))
        .collect();
    common::name_in_draft_note(&content, &ids);
    let out = run(dir.path(), &["build", "--out", "site"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let site = dir.path().join("site");
    let all = records(&site.join("data/recommendations.csv"));
    let albania = records(&site.join("parties/albania/recommendations.csv"));
    for (file, title) in EDITS {
        let title = title.replace("\\\"", "\"");
        let id = file.trim_end_matches(".md");
        let row = all.iter().find(|r| r[0] == id).unwrap();
        assert_eq!(row[8], format!("'{title}"), "{id} in recommendations.csv");
        let row = albania.iter().find(|r| r[1] == id).unwrap();
        assert_eq!(row[4], format!("'{title}"), "{id} in Albania's CSV");
    }
    // No cell of any CSV of the site starts a formula.
    for (rel, _) in common::tree(&site) {
        if !rel.ends_with(".csv") {
            continue;
        }
        for row in records(&site.join(&rel)) {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{rel}: {cell:?}"
                );
            }
        }
    }
}

#[test]
fn tabs_and_carriage_returns_cannot_start_a_title() {
    for (escape, shown) in [("\\t", "a tab"), ("\\r", "a line break")] {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        copy_tree(&root().join("content"), &content);
        set_title(&content, "II-1.md", &format!("{escape}=1+1"));
        let out = run(dir.path(), &["check"]);
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(
            out.stderr.starts_with(&format!(
                "content/recommendations/II-1.md:3:9: error: `title` contains {shown}\n"
            )),
            "{}",
            out.stderr
        );
    }
}
