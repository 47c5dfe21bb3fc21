//! A minimal HTTP/1.0 client for the `serve` tests: one request at a time, and the
//! live-reload event stream read frame by frame. HTTP/1.0, so bodies end when the connection
//! closes and the stream needs no chunk decoding.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// How long any single wait may take.
pub const WAIT: Duration = Duration::from_secs(20);

/// One raw HTTP/1.0 request → (status, head, body).
pub fn request(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut req = format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    s.write_all(format!("{req}\r\n").as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

/// A live-reload event stream, read frame by frame.
pub struct Events {
    stream: TcpStream,
    buf: String,
}

impl Events {
    pub fn open(port: u16, host: &str, origin: Option<&str>) -> Events {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        let req = format!("GET /__recpub/events HTTP/1.0\r\nHost: {host}\r\n{origin}\r\n");
        stream.write_all(req.as_bytes()).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        let mut events = Events {
            stream,
            buf: String::new(),
        };
        let started = Instant::now();
        while !events.buf.contains(": connected") && started.elapsed() < WAIT {
            events.read_some();
        }
        assert!(events.buf.contains("200 OK"), "{}", events.buf);
        events
    }

    fn read_some(&mut self) {
        let mut chunk = [0u8; 65536];
        if let Ok(n) = self.stream.read(&mut chunk) {
            self.buf.push_str(&String::from_utf8_lossy(&chunk[..n]));
        }
    }

    /// Whether the server closes the stream within `timeout` (events before that are skipped).
    pub fn closed_within(&mut self, timeout: Duration) -> bool {
        let started = Instant::now();
        let mut chunk = [0u8; 4096];
        while started.elapsed() < timeout {
            if let Ok(0) = self.stream.read(&mut chunk) {
                return true;
            }
        }
        false
    }

    /// The next named event within `timeout`: (name, data).
    pub fn next(&mut self, timeout: Duration) -> Option<(String, String)> {
        let started = Instant::now();
        loop {
            while let Some(end) = self.buf.find("\n\n") {
                let frame: String = self.buf.drain(..end + 2).collect();
                if let Some(event) = parse_frame(&frame) {
                    return Some(event);
                }
            }
            if started.elapsed() > timeout {
                return None;
            }
            self.read_some();
        }
    }

    /// Waits for the event `name`, failing on any other named event first.
    pub fn expect(&mut self, name: &str) -> String {
        match self.next(WAIT) {
            Some((n, data)) if n == name => data,
            other => panic!("expected {name:?}, got {other:?}"),
        }
    }
}

fn parse_frame(frame: &str) -> Option<(String, String)> {
    let mut name = None;
    let mut data = Vec::new();
    for line in frame.lines() {
        if let Some(n) = line.strip_prefix("event: ") {
            name = Some(n.to_string());
        } else if let Some(d) = line.strip_prefix("data: ").or(line.strip_prefix("data:")) {
            data.push(d);
        }
    }
    Some((name?, data.join("\n")))
}

/// One raw HTTP/1.0 request with any method → (status, head, body bytes).
pub fn request_bytes(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(WAIT)).unwrap();
    let mut req = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    s.write_all(format!("{req}\r\n").as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let end = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let body = raw.get(end + 4..).unwrap_or_default().to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head, body)
}
