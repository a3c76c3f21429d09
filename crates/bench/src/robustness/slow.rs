//! Slow clients: one sends a request head with `Content-Length`, then the body
//! a byte every 250 ms; another sends the head itself that way. Each must be
//! answered 408 or cut off within the bound, or it would hold a connection
//! (and a worker's attention) for as long as it likes.

use std::fmt;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The body timeout the suite's server runs with (`FURROW_BODY_TIMEOUT_SECS`);
/// the slow clients' limit (`--slow-body-limit`) leaves a margin above it.
pub const SERVER_BODY_TIMEOUT_SECS: u64 = 10;

/// How a slow client's connection ended.
#[derive(Debug, Clone)]
pub enum End {
    /// The server answered (the status) after this long.
    Answered(u16, Duration),
    /// The server closed or reset the connection without an answer.
    Closed(Duration),
    /// Still open when the client gave up.
    StillOpen(Duration),
    /// The client could not connect.
    NoConnection(String),
}

/// One probe's outcome.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub name: &'static str,
    pub end: End,
    pub limit: Duration,
    pub bytes_sent: usize,
}

impl Outcome {
    /// Cut off in time: 408, or closed, within the limit.
    pub fn ok(&self) -> bool {
        match self.end {
            End::Answered(408, after) | End::Closed(after) => after <= self.limit,
            _ => false,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verdict = if self.ok() { "ok" } else { "FAILED" };
        let limit = self.limit.as_secs_f64();
        match &self.end {
            End::Answered(status, after) => write!(
                f,
                "{}: answered {status} after {:.1} s and {} bytes (limit {limit:.0} s): {verdict}",
                self.name,
                after.as_secs_f64(),
                self.bytes_sent
            ),
            End::Closed(after) => write!(
                f,
                "{}: connection closed after {:.1} s and {} bytes (limit {limit:.0} s): {verdict}",
                self.name,
                after.as_secs_f64(),
                self.bytes_sent
            ),
            End::StillOpen(after) => write!(
                f,
                "{}: still open after {:.1} s and {} bytes (limit {limit:.0} s): {verdict}",
                self.name,
                after.as_secs_f64(),
                self.bytes_sent
            ),
            End::NoConnection(e) => write!(f, "{}: could not connect: {e}: {verdict}", self.name),
        }
    }
}

/// The head then the body a byte at a time.
pub async fn slow_body(port: u16, token: String, limit: Duration) -> Outcome {
    let head = format!(
        "POST /api/v1/service-requests HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: 10000\r\n\r\n{{"
    );
    trickle("slow body", port, head, b' ', limit).await
}

/// The request line, then header bytes one at a time.
pub async fn slow_head(port: u16, limit: Duration) -> Outcome {
    let head = "POST /api/v1/service-requests HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".to_owned();
    trickle("slow head", port, head, b'a', limit).await
}

async fn trickle(
    name: &'static str,
    port: u16,
    first: String,
    byte: u8,
    limit: Duration,
) -> Outcome {
    let started = Instant::now();
    let give_up = limit + Duration::from_secs(5);
    let mut out = Outcome {
        name,
        end: End::StillOpen(Duration::ZERO),
        limit,
        bytes_sent: 0,
    };
    let stream = match TcpStream::connect(("127.0.0.1", port)).await {
        Ok(s) => s,
        Err(e) => {
            out.end = End::NoConnection(e.to_string());
            return out;
        }
    };
    let _ = stream.set_nodelay(true);
    let (mut rd, mut wr) = stream.into_split();
    let reader = tokio::spawn(async move {
        let mut got = Vec::new();
        let mut buf = [0u8; 1024];
        loop {
            match rd.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    got.extend_from_slice(&buf[..n]);
                    // The status line is all we need.
                    if got.windows(2).any(|w| w == b"\r\n") {
                        break;
                    }
                }
            }
        }
        got
    });
    let mut writing_failed = false;
    if wr.write_all(first.as_bytes()).await.is_ok() {
        out.bytes_sent = first.len();
    } else {
        writing_failed = true;
    }
    let mut reader = reader;
    loop {
        tokio::select! {
            got = &mut reader => {
                let after = started.elapsed();
                let got = got.unwrap_or_default();
                out.end = match status_of(&got) {
                    Some(status) => End::Answered(status, after),
                    None => End::Closed(after),
                };
                return out;
            }
            () = tokio::time::sleep(Duration::from_millis(250)) => {
                if started.elapsed() > give_up {
                    out.end = End::StillOpen(started.elapsed());
                    reader.abort();
                    return out;
                }
                if !writing_failed {
                    if wr.write_all(&[byte]).await.is_ok() {
                        out.bytes_sent += 1;
                    } else {
                        // The server closed its side; the reader sees it too.
                        writing_failed = true;
                    }
                }
            }
        }
    }
}

/// `HTTP/1.1 408 Request Timeout\r\n...` -> 408.
fn status_of(got: &[u8]) -> Option<u16> {
    let text = std::str::from_utf8(got).ok()?;
    let rest = text.strip_prefix("HTTP/1.")?;
    rest.get(2..5)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::status_of;

    #[test]
    fn reads_the_status_line() {
        assert_eq!(status_of(b"HTTP/1.1 408 Request Timeout\r\n"), Some(408));
        assert_eq!(status_of(b"HTTP/1.0 400 Bad Request\r\n"), Some(400));
        assert_eq!(status_of(b""), None);
        assert_eq!(status_of(b"garbage"), None);
    }
}
