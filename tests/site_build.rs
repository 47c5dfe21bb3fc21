//! `recpub build` through the CLI: exit codes, the summary line, base URLs, determinism, the
//! output folder's safety, link checking, and what named pages and data files say.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::tree;
use tempfile::TempDir;

/// Runs recpub from the crate root (so `content/` and `themes/` are found).
fn recpub(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recpub"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("recpub runs")
}

fn build(out: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    recpub(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the real content folder in a temp dir, to break on purpose.
fn content_copy(tmp: &TempDir) -> PathBuf {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let to = tmp.path().join("content");
    for (rel, bytes) in tree(&from) {
        let path = to.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    to
}

fn built_site() -> (TempDir, PathBuf) {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    let o = build(&out, &[]);
    assert!(o.status.success(), "build failed: {}", stderr(&o));
    (tmp, out)
}

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The `<section>` of a Party page group, by its heading id.
fn group<'h>(html: &'h str, id: &str) -> &'h str {
    let start = html
        .find(&format!("aria-labelledby=\"{id}\""))
        .unwrap_or_else(|| panic!("no group {id}"));
    let len = html[start..].find("</section>").unwrap();
    &html[start..start + len]
}

/// The recommendation ids listed in an HTML fragment.
fn rec_ids(fragment: &str) -> Vec<String> {
    fragment
        .split("<span class=\"rec-id\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].to_string())
        .collect()
}

#[test]
fn builds_the_real_content_with_a_summary_line() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("custom-out");
    let o = build(&out, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let line = stdout(&o);
    assert!(
        line.starts_with("built ") && line.contains(" pages, ") && line.contains(" files in "),
        "summary: {line}"
    );
    assert_eq!(line.lines().count(), 1, "one line: {line}");
    for page in [
        "index.html",
        "recommendations/iii-16/index.html",
        "parties/finland/index.html",
        "404.html",
    ] {
        assert!(out.join(page).is_file(), "{page} missing");
    }
    assert!(out.join(".recpub-output").is_file());
}

#[test]
fn a_sub_path_base_url_prefixes_every_internal_link() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    let o = build(&out, &["--base-url", "/lanzarote/"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut checked = 0;
    for (rel, bytes) in tree(&out).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"", "src=\""] {
            for value in html.split(attr).skip(1).map(|s| &s[..s.find('"').unwrap()]) {
                if value.starts_with('#') || value.starts_with("https://") {
                    continue;
                }
                assert!(value.starts_with("/lanzarote/"), "{rel}: {value}");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = TempDir::new().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    // One build on all cores, one on a single thread: parallel rendering must not change a byte.
    for (out, threads) in [(&a, None), (&b, Some("1"))] {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recpub"));
        cmd.args([
            "build",
            "--out",
            out.to_str().unwrap(),
            "--base-url",
            "https://example.org/lanzarote/",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
        if let Some(n) = threads {
            cmd.env("RAYON_NUM_THREADS", n);
        }
        let o = cmd.output().unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between builds");
    }
}

#[test]
fn content_errors_are_printed_like_check_and_leave_the_output_intact() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    assert!(build(&out, &[]).status.success());
    let before = tree(&out);

    let content = content_copy(&tmp);
    let file = content.join("recommendations/II-1.md");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replacen("level = \"invite\"", "level = \"request\"", 1),
    )
    .unwrap();
    let content_arg = content.to_str().unwrap();

    let o = build(&out, &["--content", content_arg]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let checked = recpub(&["check", "--content", content_arg]);
    assert_eq!(stderr(&o), stderr(&checked), "build and check print alike");
    assert!(
        stderr(&o).contains("recommendations/II-1.md:4:9: error: level \"request\""),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).is_empty());
    assert!(tree(&out) == before, "the earlier output changed");
}

#[test]
fn refuses_to_replace_a_folder_that_is_not_an_output() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("precious");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "keep me").unwrap();
    let o = build(&out, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("refusing to replace"), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    let names: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["precious"], "nothing else left behind");

    // An empty folder is fine, and so is rebuilding over an earlier output.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert!(build(&empty, &[]).status.success());
    assert!(build(&empty, &[]).status.success());
}

#[test]
fn a_broken_link_in_content_is_a_content_error_at_its_line_and_nothing_is_written() {
    let tmp = TempDir::new().unwrap();
    let content = content_copy(&tmp);
    fs::write(
        content.join("pages/broken.md"),
        "+++\ntitle = \"Broken\"\ndescription = \"A page with a broken link.\"\n+++\nSee [nowhere](/nope/).\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let o = build(
        &out,
        &[
            "--content",
            content.to_str().unwrap(),
            "--base-url",
            "/lanzarote/",
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "pages/broken.md:5:5: error: broken link /lanzarote/nope/ (no such page or file)\n"
        ),
        "{err}"
    );
    assert!(err.contains("error: 1 error(s) in "), "{err}");
    assert!(!out.exists());
}

#[test]
fn a_broken_link_in_the_theme_is_reported_with_its_page_and_nothing_is_written() {
    let tmp = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&root.join("themes"), &tmp.path().join("themes"));
    common::copy_tree(&root.join("content"), &tmp.path().join("content"));
    let base = tmp.path().join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    assert!(html.contains("</footer>"));
    fs::write(
        &base,
        html.replacen("</footer>", "<a href=\"/nope/\">x</a></footer>", 1),
    )
    .unwrap();
    // `check` renders too, so it finds the same.
    for args in [&["build", "--out", "site"][..], &["check"]] {
        let o = common::run(tmp.path(), args);
        assert_eq!(o.code, 2, "{args:?}");
        assert!(
            o.stderr.contains(
                "error: broken link in about/index.html: /nope/ (no such page or file)\n"
            ),
            "{}",
            o.stderr
        );
        if args[0] == "build" {
            assert!(o.stderr.contains("broken link(s)"), "{}", o.stderr);
        }
    }
    assert!(!tmp.path().join("site").exists());
}

/// A theme may write a link in any form HTML allows; each is checked. The good ones in each
/// form pass, the broken ones are all named.
#[test]
fn links_in_every_attribute_form_of_a_theme_are_checked() {
    let tmp = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&root.join("themes"), &tmp.path().join("themes"));
    common::copy_tree(&root.join("content"), &tmp.path().join("content"));
    let base = tmp.path().join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    let forms = concat!(
        "<a href='/about/'>ok</a><a href=/cite/>ok</a><a HREF = \"/data/\">ok</a>",
        "<a href='/single/'>x</a><a href=/unquoted/>x</a><a HREF = \"/spaced/\">x</a>",
        "<img alt='' src=/pixel.png><form action='/act/'></form>",
        "<img alt=\"\" srcset=\"/one.png 1x, /two.png 2x\">",
        "<!-- <a href=\"/commented/\"> --><script>x = '<a href=\"/scripted/\">';</script>",
    );
    fs::write(
        &base,
        html.replacen("</footer>", &format!("{forms}</footer>"), 1),
    )
    .unwrap();
    let o = common::run(tmp.path(), &["check"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    let reported: Vec<&str> = o
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("error: broken link in about/index.html: "))
        .collect();
    let want = [
        "/single/ (no such page or file)",
        "/unquoted/ (no such page or file)",
        "/spaced/ (no such page or file)",
        "/pixel.png (no such page or file)",
        "/act/ (no such page or file)",
        "/one.png (no such page or file)",
        "/two.png (no such page or file)",
    ];
    assert_eq!(reported, want, "{}", o.stderr);
}

#[test]
fn no_progress_bar_off_a_terminal_and_quiet_keeps_the_summary() {
    let tmp = TempDir::new().unwrap();
    // An absolute base, so that the one warning a relative base brings stays out of stderr.
    let base = ["--base-url", "https://example.org/"];
    for (name, extra) in [
        ("a", &base[..]),
        ("b", &[&base[..], &["--quiet"]].concat()[..]),
    ] {
        let o = build(&tmp.path().join(name), extra);
        assert!(o.status.success(), "{}", stderr(&o));
        // stderr is a pipe here: the bar is never drawn, whatever the build's length.
        assert_eq!(stderr(&o), "", "{extra:?}");
        assert!(
            stdout(&o).starts_with("built "),
            "{extra:?}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn a_failed_build_leaves_no_staging_folder_behind() {
    let tmp = TempDir::new().unwrap();
    let content = content_copy(&tmp);
    fs::write(
        content.join("pages/broken.md"),
        "+++\ntitle = \"Broken\"\ndescription = \"A broken link.\"\n+++\nSee [nowhere](/nope/).\n",
    )
    .unwrap();
    let out = tmp.path().join("site");
    let o = build(&out, &["--content", content.to_str().unwrap()]);
    // A broken link in content is a content error, found after every page was written.
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Pages were written into a staging folder as they were rendered; it is gone.
    let left: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["content"], "left behind: {left:?}");
}

#[test]
fn finland_is_designated_by_name_only_in_vi_3() {
    let (_tmp, out) = built_site();
    let html = read(&out, "parties/finland/index.html");
    assert_eq!(rec_ids(group(&html, "designated")), ["VI-3"]);
    let uncertain = rec_ids(group(&html, "uncertain"));
    assert!(uncertain.contains(&"II-5".to_string()), "{uncertain:?}");
    let not_named = rec_ids(group(&html, "not-designated"));
    assert!(!not_named.contains(&"II-5".to_string()), "{not_named:?}");
    assert!(not_named.contains(&"III-16".to_string()), "{not_named:?}");
    // Every recommendation is in exactly one group.
    let mut all: Vec<String> = ["designated", "all", "open", "not-designated", "uncertain"]
        .iter()
        .flat_map(|g| rec_ids(group(&html, g)))
        .collect();
    assert_eq!(all.len(), 111);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 111);
    let csv = read(&out, "parties/finland/recommendations.csv");
    assert!(csv.contains("designated,VI-3,require,VI,"), "{csv}");
    assert!(csv.contains("uncertain,II-5,"), "{csv}");
}

#[test]
fn the_home_matrix_links_finland_section_vi() {
    let (_tmp, out) = built_site();
    let html = read(&out, "index.html");
    assert!(html.contains("<caption"), "matrix has a caption");
    let row_start = html
        .find("<a href=\"/parties/finland/\">Finland</a></th>")
        .unwrap();
    let row = &html[row_start..row_start + html[row_start..].find("</tr>").unwrap()];
    assert_eq!(
        row.matches("<span class=\"n\">1</span>").count(),
        1,
        "{row}"
    );
    assert!(row.contains("<td class=\"lvl lvl-require\"><a href=\"/parties/finland/#designated-vi\"><span class=\"n\">1</span>"), "{row}");
    // The row's total counts every recommendation that concerns Finland, not only VI-3.
    assert!(
        row.contains("<td class=\"total-cell\"><a href=\"/parties/finland/\">80</a></td>"),
        "{row}"
    );
}

#[test]
fn recommendation_pages_show_what_the_source_lacks() {
    let (_tmp, out) = built_site();
    let ii5 = read(&out, "recommendations/ii-5/index.html");
    assert!(ii5.contains("The list of Parties is missing from the source"));
    let x5 = read(&out, "recommendations/x-5/index.html");
    assert!(x5.contains("This list is incomplete in the source"));
    assert!(x5.contains("<h3>Education sector</h3>"));
    let iii16 = read(&out, "recommendations/iii-16/index.html");
    assert!(iii16.contains(r#"<a href="/parties/switzerland/">Switzerland</a>"#));
    assert!(iii16.contains(r#"<div class="footnote" id="fn-141">"#));
    // The citation names the edition (whichever it is) and ends with the permalink.
    assert!(iii16.contains(
        "2nd monitoring round (adopted March 2022), Recommendation III-16. In: Lanzarote Committee recommendations on ICT-facilitated sexual exploitation and abuse, edition "
    ));
    assert!(iii16.contains(
        r#"). <a class="cite-url" href="/recommendations/iii-16/" data-cite-url data-relative>/recommendations/iii-16/</a></p>"#
    ));
    assert!(iii16.contains(r#"<a href="/recommendations/iii-16/cite.bib" download>"#));
    assert!(iii16.contains(r#"<a class="copy-link" href="/recommendations/iii-16/">"#));
}

#[test]
fn open_data_has_every_recommendation_with_its_permalink() {
    let tmp = TempDir::new().unwrap();
    let out = tmp.path().join("site");
    assert!(
        build(&out, &["--base-url", "https://example.org/lanzarote/"])
            .status
            .success()
    );
    let recs: serde_json::Value =
        serde_json::from_str(&read(&out, "data/recommendations.json")).unwrap();
    let recs = recs.as_array().unwrap();
    assert_eq!(recs.len(), 111);
    let iii16 = recs.iter().find(|r| r["id"] == "III-16").unwrap();
    assert!(
        iii16["parties"]
            .as_array()
            .unwrap()
            .contains(&"Switzerland".into())
    );
    assert_eq!(iii16["list_status"], "complete");
    for r in recs {
        let slug = r["id"].as_str().unwrap().to_lowercase();
        let url = r["url"].as_str().unwrap();
        assert_eq!(
            url,
            format!("https://example.org/lanzarote/recommendations/{slug}/")
        );
    }
    let ii5 = recs.iter().find(|r| r["id"] == "II-5").unwrap();
    assert_eq!(
        (
            ii5["list_status"].as_str(),
            ii5["parties"].as_array().unwrap().len()
        ),
        (Some("unknown"), 0)
    );
    let csv = read(&out, "data/recommendations.csv");
    assert_eq!(
        csv::Reader::from_reader(csv.as_bytes()).records().count(),
        111
    );
    let parties: serde_json::Value =
        serde_json::from_str(&read(&out, "data/parties.json")).unwrap();
    let fin = parties
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "finland")
        .unwrap();
    assert_eq!(fin["designated"], serde_json::json!(["VI-3"]));
    assert!(
        read(&out, "sitemap.xml")
            .contains("<loc>https://example.org/lanzarote/parties/finland/</loc>")
    );
}

#[test]
fn the_full_list_can_be_grouped_by_level_and_by_addressees_without_javascript() {
    let (_tmp, out) = built_site();
    let by_level = read(&out, "recommendations/by-level/index.html");
    let (require, request, invite) = (
        rec_ids(group(&by_level, "sec-1")),
        rec_ids(group(&by_level, "sec-2")),
        rec_ids(group(&by_level, "sec-3")),
    );
    assert!(group(&by_level, "sec-1").contains(">Require</a>"));
    assert_eq!((require.len(), request.len(), invite.len()), (20, 15, 76));
    assert!(require.contains(&"III-12".to_string()) && invite.contains(&"II-1".to_string()));
    let by_scope = read(&out, "recommendations/by-addressees/index.html");
    let all = rec_ids(group(&by_scope, "sec-1"));
    let open = rec_ids(group(&by_scope, "sec-2"));
    let designated = rec_ids(group(&by_scope, "sec-3"));
    assert_eq!((all.len(), open.len(), designated.len()), (52, 24, 35));
    assert!(open.contains(&"VIII-9".to_string()) && designated.contains(&"II-5".to_string()));
    // Every grouping links to the others and marks itself.
    for (page, current) in [
        ("recommendations/index.html", "/recommendations/"),
        (
            "recommendations/by-level/index.html",
            "/recommendations/by-level/",
        ),
        (
            "recommendations/by-addressees/index.html",
            "/recommendations/by-addressees/",
        ),
    ] {
        let html = read(&out, page);
        assert!(
            html.contains(&format!("<a href=\"{current}\" aria-current=\"page\">")),
            "{page}"
        );
        assert!(html.contains("<a href=\"/parties/\">Party</a>"), "{page}");
        // The title is the link of each listed recommendation.
        assert!(html.contains("<a class=\"rec-link\" href=\"/recommendations/ii-1/\"><span class=\"rec-id\">II-1</span> <span class=\"rec-title\">"), "{page}");
    }
}

#[test]
fn the_accessibility_statement_is_in_every_footer_and_not_in_the_menu() {
    let (_tmp, out) = built_site();
    for page in [
        "index.html",
        "recommendations/iii-16/index.html",
        "data/index.html",
    ] {
        let html = read(&out, page);
        let (head, footer) = html.split_once("<footer").unwrap();
        assert!(
            footer.contains(r#"<a href="/accessibility/">Accessibility</a>"#),
            "{page}: footer"
        );
        assert!(!head.contains(r#"href="/accessibility/""#), "{page}: menu");
    }
    let statement = read(&out, "accessibility/index.html");
    for tested in [
        "axe-core",
        "Keyboard",
        "390 pixels",
        "Print",
        "Known limits",
    ] {
        assert!(statement.contains(tested), "statement lacks {tested}");
    }
    assert!(statement.contains(r#"<h2 id="report">Report an error</h2>"#));
}
