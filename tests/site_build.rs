//! `recpub build` through the CLI: exit codes, the summary line, base URLs, determinism, the
//! output folder's safety, link checking, and what named pages and data files say.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::site::{SiteTest, group, rec_ids};
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

fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
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
    let site = SiteTest::small()
        .with_args(&["--base-url", "/lanzarote/"])
        .build();
    let mut pages = 0;
    for (rel, bytes) in tree(&site.out())
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let html = String::from_utf8(bytes).unwrap();
        let mut checked = 0;
        for attr in ["href=\"", "src=\""] {
            for value in html.split(attr).skip(1).map(|s| &s[..s.find('"').unwrap()]) {
                let external = ["#", "https://", "mailto:"];
                if external.iter().any(|e| value.starts_with(e)) {
                    continue;
                }
                assert!(value.starts_with("/lanzarote/"), "{rel}: {value}");
                checked += 1;
            }
        }
        // Every page links at least its stylesheet, the home page and the navigation.
        assert!(checked >= 3, "{rel}: only {checked} internal links");
        pages += 1;
    }
    // One page per recommendation at least: the walk saw the whole site.
    assert!(pages > site.rec_ids().len(), "only {pages} pages");
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
    let site = SiteTest::small().build();
    let before = tree(&site.out());
    // II-1's text invites: a "request" level contradicts it.
    let site = site.edit(
        "recommendations/II-1.md",
        "level = \"invite\"",
        "level = \"request\"",
    );
    let o = site.try_build();
    assert_eq!(o.code, 1, "{}", o.stderr);
    let content = site.content();
    let checked = recpub(&["check", "--content", content.to_str().unwrap()]);
    assert_eq!(o.stderr, stderr(&checked), "build and check print alike");
    assert!(
        o.stderr
            .contains("recommendations/II-1.md:4:9: error: level \"request\""),
        "{}",
        o.stderr
    );
    assert!(o.stdout.is_empty());
    assert!(tree(&site.out()) == before, "the earlier output changed");
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
    let o = SiteTest::small()
        .with_file("pages/broken.md", BROKEN_PAGE)
        .with_args(&["--base-url", "/lanzarote/"]);
    let (out, o) = (o.out(), o.try_build());
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains(
            "pages/broken.md:5:5: error: broken link /lanzarote/nope/ (no such page or file)\n"
        ),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("error: 1 error(s) in "), "{}", o.stderr);
    assert!(!out.exists());
}

/// A content page whose Markdown links to a page that does not exist, on its line 5, col 5.
const BROKEN_PAGE: &str = "+++\ntitle = \"Broken\"\ndescription = \"A page with a broken link.\"\n+++\nSee [nowhere](/nope/).\n";

/// A copy of the project (bundled content and theme) whose base template puts `links` at the
/// end of every page's footer.
fn project_with_footer(links: &str) -> TempDir {
    let tmp = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    common::copy_tree(&root.join("themes"), &tmp.path().join("themes"));
    common::copy_tree(&root.join("content"), &tmp.path().join("content"));
    let base = tmp.path().join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    assert!(html.contains("</footer>"));
    let html = html.replacen("</footer>", &format!("{links}</footer>"), 1);
    fs::write(&base, html).unwrap();
    tmp
}

#[test]
fn a_broken_link_in_the_theme_is_reported_with_its_page_and_nothing_is_written() {
    let tmp = project_with_footer("<a href=\"/nope/\">x</a>");
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
    let forms = concat!(
        "<a href='/about/'>ok</a><a href=/cite/>ok</a><a HREF = \"/data/\">ok</a>",
        "<a href='/single/'>x</a><a href=/unquoted/>x</a><a HREF = \"/spaced/\">x</a>",
        "<img alt='' src=/pixel.png><form action='/act/'></form>",
        "<img alt=\"\" srcset=\"/one.png 1x, /two.png 2x\">",
        "<!-- <a href=\"/commented/\"> --><script>x = '<a href=\"/scripted/\">';</script>",
    );
    let tmp = project_with_footer(forms);
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
    // An absolute base, so that the one warning a relative base brings stays out of stderr;
    // the bundled content names no publisher yet, which such a build warns about, once.
    let base = ["--base-url", "https://example.org/"];
    let publisher = format!("warning: {}\n", recpub::site::NO_PUBLISHER_WARNING);
    for (name, extra) in [
        ("a", &base[..]),
        ("b", &[&base[..], &["--quiet"]].concat()[..]),
    ] {
        let o = build(&tmp.path().join(name), extra);
        assert!(o.status.success(), "{}", stderr(&o));
        // stderr is a pipe here: the bar is never drawn, whatever the build's length.
        assert_eq!(stderr(&o), publisher, "{extra:?}");
        assert!(
            stdout(&o).starts_with("built "),
            "{extra:?}: {}",
            stdout(&o)
        );
    }
}

#[test]
fn a_failed_build_leaves_no_staging_folder_behind() {
    let site = SiteTest::small().with_file("pages/broken.md", BROKEN_PAGE);
    let o = site.try_build();
    // A broken link in content is a content error, found after every page was written.
    assert_eq!(o.code, 1, "{}", o.stderr);
    // Pages were written into a staging folder as they were rendered; it is gone. The cache
    // folder (`--cache-dir`, beside the content here) may keep the theme's parsed templates,
    // which do not depend on the content: it is not output.
    let mut left: Vec<_> = fs::read_dir(site.dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "cache")
        .collect();
    left.sort();
    assert_eq!(left, ["content"], "left behind: {left:?}");
}

#[test]
fn open_data_has_every_recommendation_with_its_permalink() {
    let site = SiteTest::small()
        .with_args(&["--base-url", "https://site.example/small/"])
        .build();
    let recs: serde_json::Value =
        serde_json::from_str(&site.read("data/recommendations.json")).unwrap();
    let recs = recs.as_array().unwrap();
    let ids: Vec<&str> = recs.iter().map(|r| r["id"].as_str().unwrap()).collect();
    // Report order, which for these ids is also string order.
    assert_eq!(ids, site.rec_ids());
    for r in recs {
        let slug = r["id"].as_str().unwrap().to_lowercase();
        assert_eq!(
            r["url"].as_str().unwrap(),
            format!("https://site.example/small/recommendations/{slug}/")
        );
    }
    // III-1's footnote names Finland and Belgium, and the list is whole; II-2's is cut.
    let rec = |id: &str| recs.iter().find(|r| r["id"] == id).unwrap();
    assert_eq!(
        rec("III-1")["parties"],
        serde_json::json!(["Finland", "Belgium"])
    );
    assert_eq!(rec("III-1")["list_status"], "complete");
    assert_eq!(rec("II-2")["list_status"], "partial");
    let csv = site.read("data/recommendations.csv");
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, site.rec_ids().len());
    let parties: serde_json::Value = serde_json::from_str(&site.read("data/parties.json")).unwrap();
    let fin = parties
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["slug"] == "finland")
        .unwrap();
    assert_eq!(fin["designated"], serde_json::json!(["III-1"]));
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>https://site.example/small/parties/finland/</loc>")
    );
}

/// The fixture's Finland: named in III-1's complete list; II-1 is for all Parties, II-3 for
/// those it applies to; III-2's complete list names only Albania; II-2's list is cut in the
/// source and does not name Finland, so it may concern it.
#[test]
fn a_party_page_puts_every_recommendation_in_exactly_one_group() {
    let site = SiteTest::small().build();
    let html = site.read("parties/finland/index.html");
    let groups = [
        ("designated", vec!["III-1"]),
        ("all", vec!["II-1"]),
        ("open", vec!["II-3"]),
        ("not-designated", vec!["III-2"]),
        ("uncertain", vec!["II-2"]),
    ];
    let mut seen = Vec::new();
    for (id, want) in &groups {
        let got = rec_ids(group(&html, id));
        assert_eq!(&got, want, "group {id}");
        seen.extend(got);
    }
    seen.sort();
    assert_eq!(seen, site.rec_ids(), "each recommendation once");
    let csv = site.read("parties/finland/recommendations.csv");
    assert!(csv.contains("\ndesignated,III-1,request,III,"), "{csv}");
    assert!(csv.contains("\nuncertain,II-2,require,II,"), "{csv}");
    // Albania is named twice, in report order; "Belgium (French community)" names Belgium.
    let albania = site.read("parties/albania/index.html");
    assert_eq!(rec_ids(group(&albania, "designated")), ["II-2", "III-2"]);
    let belgium = site.read("parties/belgium/index.html");
    assert_eq!(rec_ids(group(&belgium, "designated")), ["II-2", "III-1"]);
}

/// The home matrix: Finland is named once, in section III, by a request; its total counts
/// what concerns it (III-1 names it, II-1 is to all Parties, II-3 open) and, apart, what may
/// (II-2, whose list is incomplete and does not name it); III-2's whole list leaves it out.
#[test]
fn the_home_matrix_counts_what_concerns_each_party() {
    let site = SiteTest::small().build();
    let html = site.read("index.html");
    assert!(html.contains("<caption"), "matrix has a caption");
    let start = html
        .find("<a href=\"/parties/finland/\">Finland</a></th>")
        .unwrap();
    let row = &html[start..start + html[start..].find("</tr>").unwrap()];
    assert_eq!(
        row.matches("<span class=\"n\">1</span>").count(),
        1,
        "{row}"
    );
    assert!(
        row.contains("<td class=\"lvl lvl-request\"><a href=\"/parties/finland/#designated-iii\"><span class=\"n\">1</span>"),
        "{row}"
    );
    assert!(
        row.contains("<td class=\"total-cell\"><a href=\"/parties/finland/\">3</a></td><td class=\"split\">1</td><td class=\"split\">1</td><td class=\"split\">1</td><td class=\"split may\">1</td>"),
        "{row}"
    );
}

/// Levels: II-2 requires; II-3 and III-1 request; II-1 and III-2 invite. Addressees: II-1 all
/// Parties, II-3 open, the rest designated.
#[test]
fn the_full_list_can_be_grouped_by_level_and_by_addressees_without_javascript() {
    let site = SiteTest::small().build();
    let by_level = site.read("recommendations/by-level/index.html");
    assert!(group(&by_level, "sec-1").contains(">Require</a>"));
    let groups = |html: &str| -> Vec<Vec<String>> {
        (1..=3)
            .map(|n| rec_ids(group(html, &format!("sec-{n}"))))
            .collect()
    };
    assert_eq!(
        groups(&by_level),
        [vec!["II-2"], vec!["II-3", "III-1"], vec!["II-1", "III-2"]]
    );
    let by_scope = site.read("recommendations/by-addressees/index.html");
    assert_eq!(
        groups(&by_scope),
        [vec!["II-1"], vec!["II-3"], vec!["II-2", "III-1", "III-2"]]
    );
    let out = site.out();
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

/// The footer's links (the change history, then the pages that ask to be there) are one list,
/// so they sit on one line where there is room.
#[test]
fn the_footer_links_are_one_list() {
    let site = SiteTest::small().build();
    let html = site.read("index.html");
    let footer = &html[html.find("<footer").unwrap()..];
    let list = &footer[footer.find("<ul class=\"footer-links\">").unwrap()..];
    let list = &list[..list.find("</ul>").unwrap()];
    assert!(
        list.contains("<li><a href=\"/changes/\">Changes between editions</a></li>"),
        "{list}"
    );
    assert_eq!(footer.matches("<ul class=\"footer-links\">").count(), 1);
}
