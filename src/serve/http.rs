//! HTTP: requests in, files of the in-memory site streamed without a copy (with the
//! live-reload script injected into HTML, see `stream`), the live-reload event stream and the script out. Paths are resolved against the site
//! map only (see `resolve`), so nothing outside the site can be served.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::sync::{broadcast, oneshot};

use super::resolve::{Resolved, resolve};
use super::state::{LiveEvent, Shared};
use super::stream::FileStream;
use crate::output::{FileBody, SiteFiles};

/// The live-reload event stream; `__recpub` is reserved, no site file lives there.
pub(super) const EVENTS_PATH: &str = "/__recpub/events";
/// The live-reload script.
pub(super) const SCRIPT_PATH: &str = "/__recpub/live.js";
/// Injected before `</body>` of every HTML page served.
pub(super) const SCRIPT_TAG: &str = "<script src=\"/__recpub/live.js\"></script>\n";

const LIVE_JS: &str = include_str!("live.js");

/// What the handlers share: the site and the `Host` values the event stream accepts.
pub(super) struct App {
    /// The site and the live-reload channel.
    pub shared: Arc<Shared>,
    /// `127.0.0.1:1111`, `localhost:1111` …: the bound address and loopback names.
    pub hosts: Vec<String>,
    /// Whether pages, not only the event stream, refuse a `Host` outside `hosts`.
    pub pages_need_known_host: bool,
}

/// The server's routes.
pub(super) fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(SCRIPT_PATH, get(script))
        .fallback(page)
        .with_state(app)
}

async fn page(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if app.pages_need_known_host && !same_origin(&headers, &app.hosts) {
        return (StatusCode::FORBIDDEN, "unknown host\n").into_response();
    }
    if method != Method::GET && method != Method::HEAD {
        let allow = [(header::ALLOW, "GET, HEAD")];
        return (StatusCode::METHOD_NOT_ALLOWED, allow).into_response();
    }
    let Some(files) = app.shared.snapshot().files else {
        return no_site_yet();
    };
    match resolve(uri.path(), &files) {
        Resolved::File(path) => file_response(StatusCode::OK, &path, &files[path.as_str()]),
        Resolved::Redirect(to) => {
            let to = match uri.query() {
                Some(q) => format!("{to}?{q}"),
                None => to,
            };
            (StatusCode::MOVED_PERMANENTLY, [(header::LOCATION, to)]).into_response()
        }
        Resolved::NotFound => not_found(&files),
    }
}

/// A site file with its type, streamed from the site in memory (not copied); HTML gets the
/// live-reload script before its last `</body>` (or at its end).
fn file_response(status: StatusCode, path: &str, file: &FileBody) -> Response {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    let script = (ext == "html").then(|| {
        let at = file.rfind_ignore_ascii_case(b"</body>");
        (at.unwrap_or(file.len()), SCRIPT_TAG)
    });
    let headers = [
        (header::CONTENT_TYPE, content_type(ext)),
        (header::CACHE_CONTROL, "no-store"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    ];
    let body = Body::new(FileStream::new(file, script));
    (status, headers, body).into_response()
}

fn not_found(files: &SiteFiles) -> Response {
    match files.get("404.html") {
        Some(page) => file_response(StatusCode::NOT_FOUND, "404.html", page),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// Before any build succeeded: a page that shows the error overlay and reloads once fixed.
fn no_site_yet() -> Response {
    let html = "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <title>recpub serve: the site did not build</title>\n</head>\n<body>\n<main>\n\
        <h1>The site did not build</h1>\n<p>The error is shown below and in the terminal. \
        This page reloads by itself once the site builds.</p>\n</main>\n</body>\n</html>\n";
    let page = FileBody::whole(html.as_bytes().to_vec());
    file_response(StatusCode::SERVICE_UNAVAILABLE, "error.html", &page)
}

fn content_type(ext: &str) -> &'static str {
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

async fn script() -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
    ];
    (headers, LIVE_JS).into_response()
}

/// The event stream, for pages of this server only: another site open in the same browser
/// must not be able to watch the rebuilds (its Origin, or a rebinding Host, is refused).
async fn events(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    if !same_origin(&headers, &app.hosts) {
        return (StatusCode::FORBIDDEN, "forbidden\n").into_response();
    }
    let (id, rx, close) = app.shared.subscribe();
    let mut pending = VecDeque::from([Event::default().comment("connected")]);
    // A page opened while the build is broken shows the error at once; one opened on a build
    // that `check` would refuse shows why, without hiding the page.
    let snapshot = app.shared.snapshot();
    if let Some(text) = snapshot.notice {
        pending.push_back(Event::default().event("notice").data(text.trim_end()));
    }
    if let Some(text) = snapshot.error {
        pending.push_back(sse_event(&LiveEvent::Error(text)));
    }
    let stream = EventStream {
        shared: app.shared.clone(),
        id,
        rx,
        close,
        pending,
    };
    // When the stream ends (the cap closed it, or the server stops), the connection closes
    // too, rather than waiting as a kept-alive socket.
    let close = [(header::CONNECTION, "close")];
    let sse = Sse::new(stream.into_stream()).keep_alive(KeepAlive::default());
    (close, sse).into_response()
}

/// Whether `Host` is one of `hosts` and `Origin`, if sent, is `http://` and one of them.
pub(super) fn same_origin(headers: &HeaderMap, hosts: &[String]) -> bool {
    let text = |v: &HeaderValue| v.to_str().ok().map(str::to_ascii_lowercase);
    let known = |h: &str| hosts.iter().any(|k| k == h);
    let host_ok = headers
        .get(header::HOST)
        .and_then(text)
        .is_some_and(|h| known(&h));
    let origin_ok = match headers.get(header::ORIGIN) {
        None => true,
        Some(v) => text(v)
            .and_then(|o| o.strip_prefix("http://").map(str::to_string))
            .is_some_and(|h| known(&h)),
    };
    host_ok && origin_ok
}

fn sse_event(event: &LiveEvent) -> Event {
    match event {
        LiveEvent::Reload => Event::default().event("reload").data("reload"),
        LiveEvent::Css => Event::default().event("css").data("css"),
        LiveEvent::Error(text) => Event::default().event("error").data(text.trim_end()),
    }
}

/// One client's stream: the events queued for it, then the broadcast, until it is closed
/// (too many clients) or gone; either way it is unregistered.
struct EventStream {
    shared: Arc<Shared>,
    id: u64,
    rx: broadcast::Receiver<LiveEvent>,
    close: oneshot::Receiver<()>,
    pending: VecDeque<Event>,
}

impl Drop for EventStream {
    fn drop(&mut self) {
        self.shared.unsubscribe(self.id);
    }
}

impl EventStream {
    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> {
        futures_util::stream::unfold(self, |mut st| async move {
            if let Some(event) = st.pending.pop_front() {
                return Some((Ok(event), st));
            }
            loop {
                tokio::select! {
                    _ = &mut st.close => return None,
                    got = st.rx.recv() => match got {
                        Ok(event) => return Some((Ok(sse_event(&event)), st)),
                        // Missed events: the next one still brings the page up to date.
                        Err(broadcast::error::RecvError::Lagged(_)) => continue,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_only_for_this_origin() {
        let hosts = vec!["127.0.0.1:1111".to_string(), "localhost:1111".to_string()];
        let check = |host: Option<&str>, origin: Option<&str>| {
            let mut h = HeaderMap::new();
            if let Some(v) = host {
                h.insert(header::HOST, v.parse().unwrap());
            }
            if let Some(v) = origin {
                h.insert(header::ORIGIN, v.parse().unwrap());
            }
            same_origin(&h, &hosts)
        };
        assert!(check(Some("127.0.0.1:1111"), None));
        assert!(check(Some("LOCALHOST:1111"), Some("http://localhost:1111")));
        assert!(!check(Some("127.0.0.1:1111"), Some("http://evil.example")));
        assert!(!check(Some("127.0.0.1:1111"), Some("null")));
        assert!(!check(Some("evil.example:1111"), None));
        assert!(!check(None, None));
    }
}
