//! `serve` through the real binary: a temp copy of `content/` and `themes/`, the server on a
//! free loopback port, plain HTTP/1.0 over `TcpStream` (so bodies end at close and the event
//! stream needs no chunk decoding). Every wait is bounded.

use crate::common;
use crate::{client, server};

use std::fs;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use client::{Events, WAIT, request, request_bytes};
use server::Server;

const SCRIPT: &str = "<script src=\"/__recpub/live.js\"></script>";

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

const III_16: &str = "content/recommendations/III-16.md";
const OLD_TITLE: &str = "Training for prosecutors on ICT-facilitated offences";

#[test]
fn serves_pages_with_the_script_and_reloads_on_edit() {
    let server = Server::start(|_| {});
    let (status, body) = server.get("/");
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!("{SCRIPT}\n</body>")),
        "no live script"
    );
    let (status, js) = server.get("/__recpub/live.js");
    assert!(status == 200 && js.contains("EventSource"));
    let mut events = server.events();
    edit(
        &server.path(III_16),
        OLD_TITLE,
        "Prosecutors trained on edits",
    );
    events.expect("reload");
    let (status, page) = server.get("/recommendations/iii-16/");
    assert_eq!(status, 200);
    assert!(page.contains("Prosecutors trained on edits"));
    // Folders redirect to their slash form; misses get the site's 404 page.
    let (status, head, _) = request(server.port, "/about?x=1", &[]);
    assert_eq!(status, 301);
    assert!(
        head.to_lowercase().contains("location: /about/?x=1"),
        "{head}"
    );
    let (status, body) = server.get("/no/such/page/");
    assert!(status == 404 && body.contains(SCRIPT));
}

#[test]
fn saves_by_rename_and_by_delete_and_create_are_seen() {
    let server = Server::start(|_| {});
    let mut events = server.events();
    let target = server.path(III_16);
    let tmp = server.path("content/recommendations/III-16.md.tmp");
    let text = fs::read_to_string(&target).unwrap();
    fs::write(&tmp, text.replace(OLD_TITLE, "Renamed into place")).unwrap();
    fs::rename(&tmp, &target).unwrap();
    events.expect("reload");
    assert!(
        server
            .get("/recommendations/iii-16/")
            .1
            .contains("Renamed into place")
    );
    fs::remove_file(&target).unwrap();
    fs::write(&target, text.replace(OLD_TITLE, "Deleted and created")).unwrap();
    // The delete may be seen (and fail to build) before the create: wait for the new text.
    let deadline = Instant::now() + WAIT;
    loop {
        let (name, _) = events.next(WAIT).expect("no event after delete + create");
        if name == "reload"
            && server
                .get("/recommendations/iii-16/")
                .1
                .contains("Deleted and")
        {
            break;
        }
        assert!(Instant::now() < deadline, "new text never served");
    }
}

#[test]
fn a_bad_edit_shows_the_error_keeps_the_old_page_and_a_fix_reloads() {
    let server = Server::start(|_| {});
    let mut events = server.events();
    let ii_1 = server.path("content/recommendations/II-1.md");
    edit(&ii_1, "level = \"invite\"", "level = \"request\"");
    let data = events.expect("error");
    let want = "content/recommendations/II-1.md:4:9: error: level \"request\"";
    assert!(data.contains(want), "{data}");
    let (status, page) = server.get("/recommendations/ii-1/");
    assert_eq!(status, 200, "last good build no longer served");
    assert!(page.contains("/levels/invite/"));
    // A page opened while the build is broken is told at once.
    let mut late = server.events();
    assert!(late.expect("error").contains(want));
    edit(&ii_1, "level = \"request\"", "level = \"invite\"");
    events.expect("reload");
    late.expect("reload");
}

#[test]
fn a_change_the_draft_note_does_not_name_is_served_with_a_notice_and_check_refuses_it() {
    // The draft note as the content has it: it does not name II-1.
    let server = Server::start(|dir| {
        let note = "content/releases/next.md";
        fs::copy(common::root().join(note), dir.join(note)).unwrap();
    });
    let mut events = server.events();
    let ii_1 = server.path("content/recommendations/II-1.md");
    edit(
        &ii_1,
        "title = \"Use the term",
        "title = \"Always use the term",
    );
    events.expect("reload");
    let (status, page) = server.get("/recommendations/ii-1/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Always use the term"),
        "the edit is not served"
    );
    // A page (re)connecting after the build is told why it is not publishable yet.
    let mut page_events = server.events();
    let notice = page_events.expect("notice");
    let warning = "warning: II-1 has changed since release 1.1 (title) and the note of the next \
                   release does not name it";
    assert!(
        notice.starts_with("content/recommendations/II-1.md:3:") && notice.contains(warning),
        "{notice}"
    );
    assert!(notice.contains("help: name II-1 in "), "{notice}");
    // `check` refuses the same content, with the same rule as an error.
    let check = common::run_check(&server.path(""));
    assert_eq!(check.code, 1, "{}", check.stderr);
    let error = warning.replacen("warning:", "error:", 1);
    assert!(check.stderr.contains(&error), "{}", check.stderr);
    // Naming it in the note clears the notice.
    common::name_in_draft_note(&server.path("content"), &["II-1"]);
    events.expect("reload");
    let mut after = server.events();
    assert_eq!(after.next(Duration::from_millis(600)), None);
}

#[test]
fn a_broken_first_build_serves_an_error_page_that_recovers() {
    let server = Server::start(|dir| {
        let p = dir.join("content/recommendations/II-1.md");
        edit(&p, "level = \"invite\"", "level = \"request\"");
    });
    let (status, body) = server.get("/");
    assert_eq!(status, 503);
    assert!(body.contains(SCRIPT) && body.contains("did not build"));
    let mut events = server.events();
    assert!(events.expect("error").contains("II-1.md:4:9: error:"));
    let p = server.path("content/recommendations/II-1.md");
    edit(&p, "level = \"request\"", "level = \"invite\"");
    events.expect("reload");
    assert_eq!(server.get("/").0, 200);
}

/// The theme's strings and the thesaurus are inputs like any other: an edit of either rebuilds,
/// and a thesaurus `check` refuses shows `check`'s very diagnostics.
#[test]
fn edits_of_the_theme_strings_and_the_thesaurus_rebuild_and_a_bad_thesaurus_shows_checks_error() {
    let server = Server::start(|_| {});
    let mut events = server.events();
    let strings = server.path("themes/default/i18n/en.toml");
    edit(&strings, "home = \"Home\"", "home = \"Front page\"");
    events.expect("reload");
    let (_, page) = server.get("/recommendations/iii-16/");
    assert!(
        page.contains(">Front page<"),
        "the new string is not served"
    );
    // A new reader's word for the Committee's "children": in the search index served.
    let thesaurus = server.path("content/thesaurus.toml");
    edit(
        &thesaurus,
        "reader = [\"kids\",",
        "reader = [\"younglings\", \"kids\",",
    );
    events.expect("reload");
    let (_, search) = server.get("/search/");
    let attribute = "data-index=\"";
    let at = search
        .find(attribute)
        .expect("the search page names its index")
        + attribute.len();
    let url: String = search[at..].chars().take_while(|c| *c != '"').collect();
    let (status, index) = server.get(&url);
    assert_eq!(status, 200, "{url}");
    assert!(
        index.contains("\"younglings\""),
        "the new word is not in {url}"
    );
    // A Committee's word the recommendations never use: refused, as `check` refuses it.
    edit(
        &thesaurus,
        "committee = [\"children\", \"child\"]",
        "committee = [\"childer\"]",
    );
    let error = events.expect("error");
    let check = common::run_check(&server.path(""));
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check.stderr.contains("content/thesaurus.toml:"),
        "{}",
        check.stderr
    );
    assert_eq!(error.trim_end(), check.stderr.trim_end());
    edit(
        &thesaurus,
        "committee = [\"childer\"]",
        "committee = [\"children\", \"child\"]",
    );
    events.expect("reload");
}

#[test]
fn a_burst_of_saves_makes_one_or_two_rebuilds_and_scratch_files_none() {
    let server = Server::start(|_| {});
    let mut events = server.events();
    let before = server.builds();
    let dir = server.path("content/recommendations");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for f in files.iter().take(100) {
        let text = fs::read(f).unwrap();
        fs::write(f, text).unwrap();
    }
    events.expect("reload");
    // Anything else from the same burst arrives well within a second.
    let mut reloads = 1;
    while let Some((name, _)) = events.next(Duration::from_millis(1500)) {
        assert_eq!(name, "reload");
        reloads += 1;
    }
    assert!(reloads <= 2, "{reloads} reloads for one burst");
    assert_eq!(server.builds() - before, reloads);
    // Editor scratch files never rebuild.
    for name in [
        ".III-16.md.swp",
        "III-16.md~",
        "4913",
        ".#III-16.md",
        "x.tmp",
    ] {
        fs::write(dir.join(name), "scratch").unwrap();
    }
    assert_eq!(events.next(Duration::from_millis(600)), None);
}

#[test]
fn files_the_build_never_reads_make_no_rebuild() {
    let server = Server::start(|_| {});
    let mut events = server.events();
    let before = server.builds();
    let content = server.path("content");
    let recs = content.join("recommendations");
    // Notes and editors' backup, swap and temporary files: created, then deleted.
    for path in [
        content.join("notes.txt"),
        recs.join("notes.txt"),
        recs.join("III-16.md.orig"),
        recs.join("III-16.md.bck"),
        recs.join(".III-16.md.kate-swp"),
        recs.join(".goutputstream-5XK2Q1"),
        recs.join("III-16.md.crswap"),
        recs.join("III-16.md___jb_tmp___"),
        server.path("themes/default/static/style.css.orig"),
    ] {
        fs::write(&path, "scratch").unwrap();
        fs::remove_file(&path).unwrap();
    }
    assert_eq!(events.next(Duration::from_millis(600)), None);
    assert_eq!(server.builds(), before);
    // `sed -i` writes a temporary file beside the one it edits and renames it over: one
    // change, named alone.
    let text = fs::read_to_string(server.path(III_16)).unwrap();
    let temp = recs.join("sedX4a9Qz");
    fs::write(&temp, text.replacen(OLD_TITLE, "Edited by sed", 1)).unwrap();
    fs::rename(&temp, server.path(III_16)).unwrap();
    events.expect("reload");
    let line = server.wait_line(|l| l.starts_with("built ") && l.contains("changed)"));
    assert!(line.ends_with("(III-16.md changed)"), "{line}");
}

/// Slow clients (headers sent a line at a time, then nothing) are closed within the header
/// timeout, and with a low open-file limit pages keep answering and rebuilds keep working.
#[test]
fn slow_clients_are_closed_and_pages_keep_answering_under_a_low_file_limit() {
    let server = Server::start_limited(Some(128), &["--header-timeout", "1"], |_| {});
    let (status, _) = server.get("/");
    assert_eq!(status, 200);
    let addr = std::net::SocketAddr::from(([127, 0, 0, 1], server.port));
    let mut slow = Vec::new();
    for _ in 0..300 {
        // Past the cap, connections wait in the kernel's queue (or time out connecting).
        if let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(50)) {
            let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            slow.push(s);
        }
    }
    assert!(slow.len() > 100, "only {} connections opened", slow.len());
    // A page still answers, once the slow ones have been closed for it.
    let (status, body) = server.get("/recommendations/iii-16/");
    assert_eq!(status, 200);
    assert!(body.contains(OLD_TITLE));
    // Every slow connection is closed by the server (end of file or reset), none kept open
    // (a read that times out, after 20 s, is one kept open). Those queued past the cap are
    // accepted as earlier ones close, then time out in turn: about 10 s in all.
    for s in &mut slow {
        s.set_read_timeout(Some(WAIT)).unwrap();
        let mut buf = [0u8; 256];
        loop {
            match s.read(&mut buf) {
                Ok(0) => break,
                Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break,
                Err(e) => panic!("a slow connection was kept open: {e}"),
                // A 408 or similar before the close is fine.
                Ok(_) => continue,
            }
        }
    }
    drop(slow);
    // The file handles a rebuild needs are there.
    let mut events = server.events();
    edit(&server.path(III_16), OLD_TITLE, "Rebuilt under a low limit");
    events.expect("reload");
    assert!(
        server
            .get("/recommendations/iii-16/")
            .1
            .contains("Rebuilt under a low limit")
    );
}

#[test]
fn polling_sees_template_edits() {
    let server = Server::start_with(&["--poll"], |_| {});
    let mut events = server.events();
    edit(
        &server.path("themes/default/templates/base.html"),
        "</footer>",
        "<p>Polled.</p></footer>",
    );
    events.expect("reload");
    assert!(server.get("/").1.contains("<p>Polled.</p>"));
}

#[test]
fn traversal_never_leaves_the_site() {
    let server = Server::start(|_| {});
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/about/..%2f..%2fsecret.txt",
        "//secret.txt",
        "/secret.txt",
        "/content/site.toml",
        "/%2fetc%2fpasswd",
        "/secret.txt%00.html",
        "/C:/secret.txt",
    ] {
        let (status, _, body) = request(server.port, path, &[]);
        // The HTTP parser may refuse a path before it reaches the resolver (400).
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(!body.contains("TOP-SECRET"), "{path} leaked");
        assert!(!body.contains("[report]"), "{path} served site.toml");
    }
}

#[test]
fn binds_loopback_by_default_and_refuses_foreign_origins() {
    let server = Server::start(|_| {});
    let port = server.port;
    let ok = format!("127.0.0.1:{port}");
    for (host, origin) in [
        (ok.as_str(), "Origin: http://evil.example\r\n"),
        (ok.as_str(), "Origin: null\r\n"),
        ("evil.example", ""),
    ] {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        let req = format!("GET /__recpub/events HTTP/1.0\r\nHost: {host}\r\n{origin}\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        assert!(
            raw.split(' ').nth(1) == Some("403"),
            "{host} {origin}: {raw}"
        );
    }
    let localhost = format!("localhost:{port}");
    let origin = format!("http://localhost:{port}");
    Events::open(port, &localhost, Some(&origin));
    // Pages too answer only to loopback names (DNS rebinding would expose drafts).
    for (host, want) in [("evil.example", "403"), (localhost.as_str(), "200")] {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(WAIT)).unwrap();
        let req = format!("GET / HTTP/1.0\r\nHost: {host}\r\n\r\n");
        s.write_all(req.as_bytes()).unwrap();
        let mut raw = String::new();
        s.read_to_string(&mut raw).unwrap();
        assert_eq!(raw.split(' ').nth(1), Some(want), "page for Host {host}");
    }
}

#[test]
fn beyond_100_event_streams_the_oldest_is_closed() {
    let server = Server::start(|_| {});
    let mut oldest = server.events();
    let mut newer: Vec<Events> = (0..100).map(|_| server.events()).collect();
    assert!(oldest.closed_within(WAIT), "the oldest stream stayed open");
    assert!(!newer[0].closed_within(Duration::from_millis(200)));
}

/// Over HTTP/1.1, where a connection outlives its response, a capped stream's socket is
/// closed with it (well before the 10 s a kept-alive connection may wait for a request).
#[test]
fn a_capped_event_streams_connection_is_closed_too() {
    let server = Server::start(|_| {});
    let mut oldest = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    let req = format!(
        "GET /__recpub/events HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n\r\n",
        server.port
    );
    oldest.write_all(req.as_bytes()).unwrap();
    let mut head = [0u8; 64];
    oldest.set_read_timeout(Some(WAIT)).unwrap();
    let n = oldest.read(&mut head).unwrap();
    assert!(String::from_utf8_lossy(&head[..n]).contains("200 OK"));
    let _newer: Vec<Events> = (0..100).map(|_| server.events()).collect();
    oldest
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut rest = Vec::new();
    let closed = oldest.read_to_end(&mut rest);
    assert!(closed.is_ok(), "the socket stayed open: {closed:?}");
}

#[test]
fn a_taken_port_is_one_clear_line_and_exit_2() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = common::run(&common::root(), &["serve", "--port", &port]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        format!("error: cannot listen on 127.0.0.1:{port}: address in use\n")
    );
}

/// The header's value in a response head, case-insensitively.
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
    })
}

/// Files kept in memory in pieces (the data file, a Party page) and larger than a chunk are
/// served byte for byte as `build` writes them, the page with the live-reload script before
/// `</body>`; HEAD gives the same length and no body; a Range header is ignored, as before
/// (the whole file, 200).
#[test]
fn large_files_in_pieces_are_served_whole_and_head_and_range_are_unchanged() {
    let server = Server::start(|_| {});
    let out = common::run(
        &server.path(""),
        &[
            "build",
            "--content",
            "content",
            "--out",
            "built",
            "--no-zip",
            "-q",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // More than a chunk (64 KiB) each but the Party page, which is many pieces.
    for (path, file) in [
        ("/data/recommendations.json", "data/recommendations.json"),
        ("/", "index.html"),
        ("/parties/finland/", "parties/finland/index.html"),
    ] {
        let built = fs::read(server.path("built").join(file)).unwrap();
        assert!(built.len() > 40_000, "{file}: only {} bytes", built.len());
        let (status, head, body) = request_bytes(server.port, "GET", path, &[]);
        assert_eq!(status, 200, "{path}");
        let want = if file.ends_with(".html") {
            let text = String::from_utf8(built).unwrap();
            let at = text.rfind("</body>").unwrap();
            format!("{}{SCRIPT}\n{}", &text[..at], &text[at..]).into_bytes()
        } else {
            built
        };
        assert!(
            body == want,
            "{path}: {} bytes served, {} built",
            body.len(),
            want.len()
        );
        let length = header(&head, "content-length");
        assert_eq!(length, Some(want.len().to_string()), "{path}: {head}");
        let (status, head_only, nothing) = request_bytes(server.port, "HEAD", path, &[]);
        assert_eq!((status, nothing.len()), (200, 0), "{path}");
        assert_eq!(header(&head_only, "content-length"), length, "{path}");
        assert_eq!(
            header(&head_only, "content-type"),
            header(&head, "content-type")
        );
        let (status, _, ranged) =
            request_bytes(server.port, "GET", path, &[("Range", "bytes=0-9")]);
        assert_eq!(status, 200, "{path}");
        assert!(
            ranged == body,
            "{path}: a range request got part of the file"
        );
    }
}
