//! Text that no engine can store: the NUL character (U+0000).
//!
//! PostgreSQL refuses it in any text value and SQLite would store it, so the
//! same input would answer 500 on one engine and 2xx on the other. It has no
//! place in any field or search, so it is refused before a handler runs: in a
//! query string (`%00`) with 400 `nul_in_text`, and in a JSON body (where it
//! can only arrive as the escape `\u0000`) while the body streams in, so
//! nothing is buffered twice and the JSON extractor's size limit still holds.

use crate::error::ApiError;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::error::PayloadError;
use actix_web::http::header;
use actix_web::middleware::Next;
use actix_web::web::Bytes;
use futures_util::StreamExt;

/// The message a refused body or query carries (the JSON error mapping
/// recognises it).
pub const NUL_REFUSED: &str = "text may not contain the NUL character (U+0000)";

/// Refuses `%00` in the query string and `\u0000` in a JSON body.
pub async fn refuse_nul(
    mut req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    if req.query_string().contains("%00") {
        return Err(ApiError::BadRequest {
            code: "nul_in_text",
            detail: format!("the query string is not valid: {NUL_REFUSED}"),
        }
        .into());
    }
    let json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("json"));
    if json {
        let mut scan = EscapeScan::default();
        let body = req.take_payload().map(move |chunk| {
            let chunk = chunk?;
            if chunk.iter().any(|&b| scan.finds_nul(b)) {
                return Err(PayloadError::Io(std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    NUL_REFUSED,
                )));
            }
            Ok::<Bytes, PayloadError>(chunk)
        });
        req.set_payload(Payload::Stream {
            payload: Box::pin(body),
        });
    }
    next.call(req).await
}

/// Follows JSON's backslash escapes byte by byte, across chunk boundaries.
/// Outside strings valid JSON has no backslash, so every escape it sees is
/// inside a string; `\\u0000` is an escaped backslash and some text, not NUL.
#[derive(Debug, Default, Clone, Copy)]
enum EscapeScan {
    #[default]
    Plain,
    /// Just after a backslash.
    Escape,
    /// Inside `\uXXXX`: how many hex digits were seen, all `0` so far.
    Hex(u8),
    /// Inside `\uXXXX` after a digit other than `0`: `left` digits remain.
    OtherHex(u8),
}

impl EscapeScan {
    /// Takes the next byte; true when it completes `\u0000`.
    fn finds_nul(&mut self, b: u8) -> bool {
        let (next, nul) = match *self {
            EscapeScan::Plain if b == b'\\' => (EscapeScan::Escape, false),
            EscapeScan::Plain => (EscapeScan::Plain, false),
            EscapeScan::Escape if b == b'u' => (EscapeScan::Hex(0), false),
            EscapeScan::Escape => (EscapeScan::Plain, false),
            EscapeScan::Hex(3) if b == b'0' => (EscapeScan::Plain, true),
            EscapeScan::Hex(n) if b == b'0' => (EscapeScan::Hex(n + 1), false),
            EscapeScan::Hex(n) => Self::after_digit(3 - n),
            EscapeScan::OtherHex(left) => Self::after_digit(left),
        };
        *self = next;
        nul
    }

    /// After a digit of `\uXXXX` that is not part of `\u0000`.
    fn after_digit(left_after: u8) -> (EscapeScan, bool) {
        if left_after == 0 {
            (EscapeScan::Plain, false)
        } else {
            (EscapeScan::OtherHex(left_after - 1), false)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::EscapeScan;

    fn finds_nul(chunks: &[&str]) -> bool {
        let mut scan = EscapeScan::default();
        chunks.iter().any(|c| c.bytes().any(|b| scan.finds_nul(b)))
    }

    #[test]
    fn an_escaped_nul_is_found_even_split_across_chunks() {
        assert!(finds_nul(&[r#"{"name":"a\u0000b"}"#]));
        assert!(finds_nul(&[r#"{"name":"a\u00"#, r#"00b"}"#]));
        assert!(finds_nul(&[r#"{"name":"a\"#, r#"u0000"}"#]));
    }

    #[test]
    fn other_escapes_and_an_escaped_backslash_are_not_nul() {
        assert!(!finds_nul(&[r#"{"name":"a\\u0000b"}"#]));
        assert!(!finds_nul(&[r#"{"name":"\u0001\u1000\u0010\n\"0000"}"#]));
        assert!(!finds_nul(&[r#"{"name":"张立新 0000"}"#]));
        assert!(finds_nul(&[r#"{"name":"\u00010000\u0000"}"#]));
    }
}
