use super::*;

fn base(s: &str) -> Result<(Option<String>, String), String> {
    check_base(s)
        .map(|b| (b.origin, b.path))
        .map_err(|e| e.to_string())
}

#[test]
fn base_urls_accepted_and_normalised() {
    let abs = |o: &str, p: &str| Ok((Some(o.to_string()), p.to_string()));
    let rel = |p: &str| Ok((None, p.to_string()));
    assert_eq!(base("/"), rel("/"));
    assert_eq!(base("lanzarote"), rel("/lanzarote/"));
    assert_eq!(base("/a/v1.2"), rel("/a/v1.2/"));
    assert_eq!(base("https://x.org"), abs("https://x.org", "/"));
    assert_eq!(
        base("HTTPS://Example.ORG:8443/lz/"),
        abs("https://example.org:8443", "/lz/")
    );
    assert_eq!(base("http://[::1]:1111/"), abs("http://[::1]:1111", "/"));
    assert_eq!(base("http://127.0.0.1/x"), abs("http://127.0.0.1", "/x/"));
}

#[test]
fn base_urls_refused_with_what_to_write() {
    for (given, want) in [
        (
            "//example.org/lz/",
            "base URL \"//example.org/lz/\" has no scheme; write the scheme too: \"https://example.org/lz/\"",
        ),
        (
            "https://example.org:99999/",
            "base URL \"https://example.org:99999/\" has the port \"99999\", not a number from 1 to 65535; give a port from 1 to 65535, or none for the scheme's own",
        ),
        (
            "https://example.org/lz/index.html",
            "base URL \"https://example.org/lz/index.html\" names a file (\"index.html\"), not a folder; write the folder: \"https://example.org/lz/\"",
        ),
        (
            "https://bücher.example/lz/",
            "base URL \"https://bücher.example/lz/\" has an internationalised host \"bücher.example\"; write the host in its ASCII (punycode) form: \"https://xn--bcher-kva.example/lz/\"",
        ),
        (
            "ftp://example.org/",
            "base URL \"ftp://example.org/\" has the scheme \"ftp\": only http and https are supported; give the address where the site is published, like \"https://example.org/lanzarote/\"",
        ),
        (
            "https://example.org/lz/?x=1",
            "base URL \"https://example.org/lz/?x=1\" has a query or fragment: a base URL is a folder; write \"https://example.org/lz/\"",
        ),
    ] {
        assert_eq!(base(given).unwrap_err(), want);
    }
    for bad in [
        "http://[::1",
        "http://[::1]x/",
        "http://[zz]/",
        "https://",
        "https:example.org",
        "https://exa mple.org/",
        "https://user@example.org/",
        "https://example.org:/",
        "https://example.org:0/",
        "https://-x.org/",
        "https://x..org/",
        "/a//b/",
        "/a/../b/",
        "/index.html",
        "/a b/",
    ] {
        assert!(check_base(bad).is_err(), "{bad} accepted");
    }
}

#[test]
fn links_accepted_and_normalised() {
    for (given, want) in [
        ("https://example.org/report", "https://example.org/report"),
        ("HTTP://EXAMPLE.org/A?b=C#D", "http://example.org/A?b=C#D"),
        ("MailTo:errors@example.org", "mailto:errors@example.org"),
        (
            "mailto:a@example.org,b@example.org?subject=Error%20in%20II-1",
            "mailto:a@example.org,b@example.org?subject=Error%20in%20II-1",
        ),
        ("/about/", "/about/"),
        (
            "https://[2001:db8::1]:8080/x",
            "https://[2001:db8::1]:8080/x",
        ),
    ] {
        assert_eq!(check_link(given).as_deref(), Ok(want), "{given}");
    }
}

#[test]
fn links_refused_with_what_to_write() {
    let refused = |s: &str| check_link(s).unwrap_err();
    let e = refused("errors@example.org");
    assert_eq!(
        e.message(),
        "link target \"errors@example.org\" is an e-mail address without \"mailto:\""
    );
    assert_eq!(e.help, "write \"mailto:errors@example.org\"");
    let e = refused("//evil.org/x");
    assert_eq!(e.message(), "link target \"//evil.org/x\" has no scheme");
    assert_eq!(
        refused("example.org/licence").help,
        "write \"https://example.org/licence\""
    );
    assert_eq!(
        refused("mailto:errors@bücher.example").help,
        "write the host in its ASCII (punycode) form: \"mailto:errors@xn--bcher-kva.example\""
    );
    for bad in [
        "http://[::1",
        "https://example.org:65536/",
        "javascript:alert(1)",
        "data:text/html,x",
        "about/",
        "mailto:",
        "mailto:errors",
        "https://example.org/a b",
        "/\\evil.org/",
        "https://example.org/%zz",
        "https://example.org/\u{7}",
    ] {
        assert!(check_link(bad).is_err(), "{bad} accepted");
    }
}
