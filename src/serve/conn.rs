//! Connections: a listening socket and the router in, each accepted connection served over
//! HTTP/1 out, with limits that slow or idle clients cannot get round:
//! - a header-read timeout: a request's headers must arrive within it; hyper runs the same
//!   timer while a kept-alive connection waits for its next request, so it ends idle ones too;
//! - an idle timeout: a connection that moves no byte either way for that long is closed (a
//!   client that stops reading a response); event streams send a keep-alive comment every 15 s,
//!   so they stay;
//! - a cap on open connections, below the open-file limit, so that sockets can never take the
//!   file handles a rebuild needs: past it, new connections wait in the kernel's queue until
//!   one closes;
//! - a write buffer of [`WRITE_BUFFER`] per connection: a response's body is asked for its next
//!   chunk only once the buffer has room, so a slow reader holds a few chunks in memory; and a
//!   kernel send buffer of [`SEND_BUFFER`], so that it cannot pin megabytes of kernel memory.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// What hyper holds for a connection before it waits for the client to read (and the most a
/// request's headers may be): about two chunks of a response. A slow reader then holds that
/// much of the response, not the file; at 100× 300 slow readers of the 12.4 MB data file held
/// 12 MB each when every response was a copy.
const WRITE_BUFFER: usize = 2 * super::stream::CHUNK;

/// The limits every connection is served under.
#[derive(Debug, Clone, Copy)]
pub(super) struct Limits {
    /// How long a request's headers (or the start of the next request) may take.
    pub header_read: Duration,
    /// How long a connection may move no byte.
    pub idle: Duration,
    /// Open connections at most; more wait in the kernel's queue.
    pub max_connections: usize,
}

/// The default cap: half the open-file limit, less a margin for the build, the watcher and
/// the runtime, within 16..=1024.
pub(super) fn default_max_connections() -> usize {
    #[cfg(unix)]
    let files = rustix::process::getrlimit(rustix::process::Resource::Nofile)
        .current
        .unwrap_or(u64::MAX);
    #[cfg(not(unix))]
    let files = 2048u64;
    cap_for(files)
}

fn cap_for(open_files: u64) -> usize {
    let half = open_files.saturating_sub(64) / 2;
    usize::try_from(half).unwrap_or(usize::MAX).clamp(16, 1024)
}

/// Accepts and serves connections until the listener fails for good.
pub(super) async fn serve(listener: TcpListener, router: Router, limits: Limits) -> io::Result<()> {
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    loop {
        let slot = slots.clone().acquire_owned().await.expect("never closed");
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file handles or a connection reset before it was accepted: the next
            // accept may succeed once a connection closes.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        limit_send_buffer(&stream);
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _slot = slot;
            serve_one(stream, service, limits).await;
        });
    }
}

/// The kernel's send buffer of one connection (it doubles the value for its bookkeeping).
/// Left to itself Linux grows it to 4 MB for a client that reads slowly: 300 slow readers of
/// a large file pinned 1.1 GB of kernel memory, near the point where every socket of the
/// machine is slowed. 256 KiB still fills a loopback or LAN link.
const SEND_BUFFER: usize = 256 * 1024;

fn limit_send_buffer(stream: &TcpStream) {
    #[cfg(unix)]
    // Best effort: a socket that refuses keeps the kernel's default.
    let _ = rustix::net::sockopt::set_socket_send_buffer_size(stream, SEND_BUFFER);
    #[cfg(not(unix))]
    let _ = stream;
}

/// Serves one connection until it ends, errs (a header timeout) or goes idle.
async fn serve_one(stream: TcpStream, service: TowerToHyperService<Router>, limits: Limits) {
    let epoch = Instant::now();
    let last = Arc::new(AtomicU64::new(0));
    let io = TokioIo::new(Watched {
        inner: stream,
        epoch,
        last: last.clone(),
    });
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read)
        .max_buf_size(WRITE_BUFFER)
        .serve_connection(io, service);
    tokio::select! {
        // Errors here are the client's (a timeout, a reset): nothing to report.
        _ = conn => {}
        _ = idle(epoch, &last, limits.idle) => {}
    }
}

/// Resolves once no byte has moved for `limit`.
async fn idle(epoch: Instant, last: &AtomicU64, limit: Duration) {
    loop {
        let moved = epoch + Duration::from_millis(last.load(Ordering::Relaxed));
        let deadline = moved + limit;
        if Instant::now() >= deadline {
            return;
        }
        tokio::time::sleep_until(deadline).await;
    }
}

/// A TCP stream that notes when bytes last moved, in milliseconds since `epoch`.
struct Watched {
    inner: TcpStream,
    epoch: Instant,
    last: Arc<AtomicU64>,
}

impl Watched {
    fn touch(&self) {
        let ms = u64::try_from(self.epoch.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(ms, Ordering::Relaxed);
    }
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let polled = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.touch();
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        data: &[u8],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write(cx, data);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    /// Vectored, so that hyper queues a response's chunks (views of the site in memory) as
    /// they are instead of copying them into one buffer per connection.
    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let polled = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            self.touch();
        }
        polled
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_leaves_half_the_file_limit_to_the_build() {
        assert_eq!(cap_for(1024), 480);
        assert_eq!(cap_for(256), 96);
        assert_eq!(cap_for(40), 16);
        assert_eq!(cap_for(u64::MAX), 1024);
    }
}
