//! Opaque keyset cursors: the sort key and id of the last row of a page.

use crate::StoreError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use furrow_domain::validation::Validator;
use uuid::Uuid;

/// Encodes a (key, id) position.
pub fn encode(key: &str, id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{key}\u{1f}{id}"))
}

/// The field error of a cursor this API did not make (tampered or truncated).
pub fn invalid() -> StoreError {
    let mut v = Validator::new();
    v.error(
        "cursor",
        "invalid",
        "the cursor is not one this API returned",
    );
    StoreError::Validation(v.finish().unwrap_err())
}

/// Decodes a cursor made by [`encode`]; a tampered one is a field error.
pub fn decode(cursor: &str) -> Result<(String, Uuid), StoreError> {
    let raw = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = String::from_utf8(raw).map_err(|_| invalid())?;
    let (key, id) = text.split_once('\u{1f}').ok_or_else(invalid)?;
    Ok((key.to_owned(), id.parse().map_err(|_| invalid())?))
}

/// Separates a list's name from the position in a sealed cursor.
const LIST_SEPARATOR: char = '\u{1e}';

/// Seals a list's position into the cursor a client sees: the cursor names the
/// list (and order) it was made for, so it cannot be replayed on another list.
pub fn seal(list: &str, position: &str) -> String {
    URL_SAFE_NO_PAD.encode(format!("{list}{LIST_SEPARATOR}{position}"))
}

/// Opens a cursor made by [`seal`] for `list`: the position inside, or `None`
/// when the cursor was not made by this API for this list.
pub fn open(list: &str, cursor: &str) -> Option<String> {
    let raw = URL_SAFE_NO_PAD.decode(cursor).ok()?;
    let text = String::from_utf8(raw).ok()?;
    let (name, position) = text.split_once(LIST_SEPARATOR)?;
    (name == list && !position.is_empty()).then(|| position.to_owned())
}

/// Encodes an `updated_at` position (sync order).
pub fn encode_time(at: DateTime<Utc>, id: Uuid) -> String {
    encode(&at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), id)
}

/// Decodes an `updated_at` position.
pub fn decode_time(cursor: &str) -> Result<(DateTime<Utc>, Uuid), StoreError> {
    let (key, id) = decode(cursor)?;
    let at = DateTime::parse_from_rfc3339(&key)
        .map_err(|_| invalid())?
        .with_timezone(&Utc);
    Ok((at, id))
}

/// A `LIKE` pattern matching `text` anywhere, with wildcards in it escaped.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text
        .trim()
        .to_lowercase()
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Cuts the look-ahead row off a page; returns the last kept row when more follow.
pub fn page_end<T>(rows: &mut Vec<T>, limit: u64) -> Option<&T> {
    if rows.len() as u64 > limit {
        rows.truncate(limit as usize);
        rows.last()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_garbage_is_refused() {
        let id = Uuid::now_v7();
        assert_eq!(
            decode(&encode("C0001", id)).unwrap(),
            ("C0001".to_owned(), id)
        );
        let at = Utc::now();
        let (back, _) = decode_time(&encode_time(at, id)).unwrap();
        assert_eq!(back.timestamp_micros(), at.timestamp_micros());
        assert!(decode("not-a-cursor").is_err());
    }

    #[test]
    fn sealed_cursors_open_only_on_their_own_list() {
        let position = encode("C0001", Uuid::now_v7());
        let sealed = seal("customers", &position);
        assert_eq!(open("customers", &sealed), Some(position.clone()));
        assert_eq!(open("machines", &sealed), None);
        assert_eq!(open("customers", &position), None);
        assert_eq!(open("customers", "admin"), None);
        assert_eq!(open("customers", &seal("customers", "")), None);
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(contains_pattern(" 50%_A "), "%50\\%\\_a%");
    }
}
