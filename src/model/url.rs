//! URL rules: a URL as `site.toml` or `--base-url` gives it in; out, the URL with its scheme and
//! host in lower case, or what is wrong with it and what to write instead. One set of rules for
//! the base URL and every URL field of `site.toml`. Refused: a scheme-relative `//host/x`
//! (browsers would complete it from the page, so it would not be the address it looks like), a
//! scheme other than http and https (and mailto for links), a host that is not plain ASCII (its
//! punycode form is suggested), a user name before the host, a port outside 1–65535, an
//! unclosed or invalid IPv6 bracket, white space, backslashes and broken `%` escapes; for a
//! link, anything but an absolute address or a site path (`/about/`), with a `mailto:` hint for
//! a bare e-mail address; for the base URL, a query, a fragment or a file instead of a folder.

mod punycode;

use std::fmt;
use std::net::Ipv6Addr;

/// What is wrong with a URL, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UrlError {
    /// What the URL is (`base URL`, `link target`), for the message.
    pub(crate) what: &'static str,
    /// The URL as given.
    pub(crate) given: String,
    /// What is wrong, said of the URL: `has no scheme`.
    pub(crate) problem: String,
    /// What to do instead.
    pub(crate) help: String,
}

impl UrlError {
    fn new(what: &'static str, given: &str, problem: impl Into<String>) -> UrlError {
        UrlError {
            what,
            given: given.to_string(),
            problem: problem.into(),
            help: String::new(),
        }
    }

    fn help(mut self, help: impl Into<String>) -> UrlError {
        self.help = help.into();
        self
    }

    /// `base URL "//example.org/" has no scheme`.
    pub(crate) fn message(&self) -> String {
        format!("{} {:?} {}", self.what, self.given, self.problem)
    }
}

/// One line: the message, then what to do.
impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help)
    }
}

impl std::error::Error for UrlError {}

/// A base URL checked: the origin when absolute (`https://example.org`), and the path, which
/// starts and ends with `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Base {
    pub(crate) origin: Option<String>,
    pub(crate) path: String,
}

const BASE: &str = "base URL";
const LINK: &str = "link target";

/// Where the site is published: `/`, a path (`/lanzarote/`, `lanzarote`) or an absolute http
/// or https address of a folder.
pub(crate) fn check_base(given: &str) -> Result<Base, UrlError> {
    let err = |problem: &str| UrlError::new(BASE, given, problem);
    if let Some(host_and_path) = given.strip_prefix("//") {
        let help = format!("write the scheme too: \"https://{host_and_path}\"");
        return Err(err("has no scheme").help(help));
    }
    let (origin, path) = match split_scheme(given) {
        Some((scheme, rest)) => {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                let problem =
                    format!("has the scheme \"{scheme}\": only http and https are supported");
                return Err(err(&problem).help(BASE_HELP));
            }
            let abs = absolute(BASE, given, &scheme, rest)?;
            (Some(abs.origin()), abs.rest)
        }
        None => (None, given.to_string()),
    };
    Ok(Base {
        origin,
        path: base_path(given, &path)?,
    })
}

const BASE_HELP: &str =
    "give the address where the site is published, like \"https://example.org/lanzarote/\"";

/// The base URL's path: letters, digits and `- . _ ~ /`, no empty, `.` or `..` segment, and a
/// folder: a last segment that names a file (`index.html`) is refused.
fn base_path(given: &str, path: &str) -> Result<String, UrlError> {
    let err = |problem: &str, help: String| Err(UrlError::new(BASE, given, problem).help(help));
    let folder = |p: &str| {
        given.strip_suffix(p).map(|g| match g.ends_with('/') {
            true => g.to_string(),
            false => format!("{g}/"),
        })
    };
    if let Some(at) = path.find(['?', '#']) {
        let help = folder(&path[at..]).map_or(BASE_HELP.into(), |f| format!("write \"{f}\""));
        return err("has a query or fragment: a base URL is a folder", help);
    }
    let ok = |c: char| c.is_ascii_alphanumeric() || "-._~/".contains(c);
    if !path.chars().all(ok) {
        let problem = "has a path with other characters than letters, digits and - . _ ~ /";
        return err(problem, BASE_HELP.into());
    }
    let trimmed = path.trim_matches('/');
    let odd = |seg: &str| seg.is_empty() || seg == "." || seg == "..";
    if !trimmed.is_empty() && trimmed.split('/').any(odd) {
        return err("has an empty, `.` or `..` segment", BASE_HELP.into());
    }
    let last = trimmed.rsplit('/').next().unwrap_or("");
    if !path.ends_with('/') && names_a_file(last) {
        let help = folder(last).map_or(BASE_HELP.into(), |f| format!("write the folder: \"{f}\""));
        return err(&format!("names a file (\"{last}\"), not a folder"), help);
    }
    Ok(match trimmed {
        "" => "/".to_string(),
        t => format!("/{t}/"),
    })
}

/// `index.html`, `site.php`: a name with an extension of letters (a version such as `v1.2`
/// is a folder name).
fn names_a_file(segment: &str) -> bool {
    segment.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// A link `site.toml` gives (the publisher's page, the licence, where to report an error, the
/// Committee's page): an http or https address, a `mailto:` address, or a site path
/// (`/about/`), shown on every page. Out: the URL with its scheme and host in lower case.
pub(crate) fn check_link(given: &str) -> Result<String, UrlError> {
    let err = |problem: &str| UrlError::new(LINK, given, problem);
    if let Some(c) = given.chars().find(|c| c.is_whitespace() || c.is_control()) {
        let problem = format!(
            "contains {}",
            if c == ' ' {
                "a space".into()
            } else {
                format!("the character U+{:04X}", u32::from(c))
            }
        );
        return Err(err(&problem).help("write a space as %20, and remove any other"));
    }
    if given.contains('\\') {
        return Err(err("contains a backslash").help("write / instead: browsers read \\ as /"));
    }
    check_escapes(LINK, given)?;
    if let Some(host_and_path) = given.strip_prefix("//") {
        let help = format!("write the scheme too: \"https://{host_and_path}\"");
        return Err(err("has no scheme").help(help));
    }
    match split_scheme(given) {
        Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
            s @ ("http" | "https") => {
                let abs = absolute(LINK, given, s, rest)?;
                Ok(format!("{}{}", abs.origin(), abs.rest))
            }
            "mailto" => mailto(given, rest),
            _ => Err(err("is not allowed").help(crate::markdown::SAFE_LINK_HELP)),
        },
        None if given.starts_with('/') => Ok(given.to_string()),
        None => Err(not_absolute(given)),
    }
}

/// A link without a scheme that is not a site path: an e-mail address, a host, or a relative
/// path that would lead elsewhere from every page.
fn not_absolute(given: &str) -> UrlError {
    let err = |problem: &str| UrlError::new(LINK, given, problem);
    let first = given.split(['/', '?', '#']).next().unwrap_or("");
    if first.contains('@') {
        return err("is an e-mail address without \"mailto:\"")
            .help(format!("write \"mailto:{given}\""));
    }
    if first.contains('.') && !first.starts_with('.') {
        return err("has no scheme").help(format!("write \"https://{given}\""));
    }
    err("is neither an address nor a site path")
        .help("give an http or https address, a mailto: address, or a site path such as /about/")
}

/// `mailto:` with an address `name@host` (more, after `,`, and a `?subject=` are allowed).
fn mailto(given: &str, rest: &str) -> Result<String, UrlError> {
    let addresses = rest.split('?').next().unwrap_or("");
    for address in addresses.split(',') {
        let Some((name, host)) = address
            .rsplit_once('@')
            .filter(|(n, h)| !n.is_empty() && !h.is_empty())
        else {
            return Err(UrlError::new(LINK, given, "is not an e-mail address")
                .help("write mailto: and the address, like \"mailto:errors@example.org\""));
        };
        let fix = |ascii: &str| format!("mailto:{name}@{ascii}");
        check_host(LINK, given, host, &fix)?;
    }
    Ok(format!("mailto:{rest}"))
}

/// An absolute http(s) URL split: scheme and authority in lower case, the rest as given.
struct Absolute {
    scheme: String,
    authority: String,
    rest: String,
}

impl Absolute {
    fn origin(&self) -> String {
        format!("{}://{}", self.scheme, self.authority)
    }
}

/// `//host[:port]` and what follows, after an http or https scheme.
fn absolute(
    what: &'static str,
    given: &str,
    scheme: &str,
    rest: &str,
) -> Result<Absolute, UrlError> {
    let err = |problem: &str| UrlError::new(what, given, problem);
    let Some(rest) = rest.strip_prefix("//") else {
        let help = format!("write \"{scheme}://\" and the host, like \"{scheme}://example.org/\"");
        return Err(err("has no host").help(help));
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.contains('@') {
        let after = &authority[authority.rfind('@').map_or(0, |i| i + 1)..];
        let help = format!("remove the part before \"@\": \"{scheme}://{after}{path}\"");
        return Err(err("has a user name before its host").help(help));
    }
    let (host, port) = split_port(what, given, authority)?;
    if let Some(port) = port {
        check_port(what, given, port)?;
    }
    let fix = |ascii: &str| {
        let port = port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{scheme}://{ascii}{port}{path}")
    };
    let host = check_host(what, given, host, &fix)?;
    let authority = match port {
        Some(p) => format!("{host}:{p}"),
        None => host,
    };
    Ok(Absolute {
        scheme: scheme.to_string(),
        authority,
        rest: path.to_string(),
    })
}

/// `host:port` → (host, port); an IPv6 address is in brackets.
fn split_port<'a>(
    what: &'static str,
    given: &str,
    authority: &'a str,
) -> Result<(&'a str, Option<&'a str>), UrlError> {
    if authority.starts_with('[') {
        let Some(close) = authority.find(']') else {
            return Err(
                UrlError::new(what, given, "has an unclosed \"[\" in its host")
                    .help("write an IPv6 address in brackets, like \"http://[::1]/\""),
            );
        };
        let (host, after) = authority.split_at(close + 1);
        return match after.strip_prefix(':') {
            Some(port) => Ok((host, Some(port))),
            None if after.is_empty() => Ok((host, None)),
            None => Err(
                UrlError::new(what, given, format!("has \"{after}\" after its host"))
                    .help("only a port may follow the host, like \"http://[::1]:8080/\""),
            ),
        };
    }
    Ok(match authority.split_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority, None),
    })
}

fn check_port(what: &'static str, given: &str, port: &str) -> Result<(), UrlError> {
    let n: Option<u32> =
        (port.len() <= 5 && !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()))
            .then(|| port.parse().ok())
            .flatten();
    match n {
        Some(1..=65535) => Ok(()),
        _ => {
            let problem = if port.is_empty() {
                "has an empty port".to_string()
            } else {
                format!("has the port \"{port}\", not a number from 1 to 65535")
            };
            Err(UrlError::new(what, given, problem)
                .help("give a port from 1 to 65535, or none for the scheme's own"))
        }
    }
}

/// A host name (labels of ASCII letters, digits and hyphens), an IPv4 or a bracketed IPv6
/// address; out in lower case. `fix` makes the whole URL again with an ASCII host, for the
/// hint when the host is internationalised.
fn check_host(
    what: &'static str,
    given: &str,
    host: &str,
    fix: &dyn Fn(&str) -> String,
) -> Result<String, UrlError> {
    let err = |problem: String| UrlError::new(what, given, problem);
    if host.is_empty() {
        return Err(err("has no host".into()).help("give the host, like \"https://example.org/\""));
    }
    if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        return match inner.parse::<Ipv6Addr>() {
            Ok(_) => Ok(host.to_ascii_lowercase()),
            Err(_) => Err(err(format!("has an invalid IPv6 address \"{host}\""))
                .help("write an IPv6 address in brackets, like \"http://[::1]/\"")),
        };
    }
    if !host.is_ascii() {
        let ascii = punycode::to_ascii(host);
        let help = match ascii {
            Some(a) => format!(
                "write the host in its ASCII (punycode) form: \"{}\"",
                fix(&a)
            ),
            None => "write the host in its ASCII (punycode) form, xn--…".to_string(),
        };
        return Err(err(format!("has an internationalised host \"{host}\"")).help(help));
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    if host.len() > 253 || !host.split('.').all(label_ok) {
        return Err(err(format!("has an invalid host \"{host}\"")).help(
            "a host is words of letters, digits and hyphens joined by dots, like \"example.org\"",
        ));
    }
    Ok(host.to_ascii_lowercase())
}

/// Every `%` starts an escape of two hexadecimal digits.
fn check_escapes(what: &'static str, given: &str) -> Result<(), UrlError> {
    let b = given.as_bytes();
    let broken = b.iter().enumerate().any(|(i, &c)| {
        c == b'%'
            && !(b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)))
    });
    if broken {
        return Err(UrlError::new(
            what,
            given,
            "has a % not followed by two hexadecimal digits",
        )
        .help("write a % sign as %25"));
    }
    Ok(())
}

/// `https:` → (`https`, the rest): a scheme is a letter, then letters, digits, `+ - .`.
fn split_scheme(s: &str) -> Option<(&str, &str)> {
    let (scheme, rest) = s.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    (first && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then_some((scheme, rest))
}

#[cfg(test)]
mod tests;
