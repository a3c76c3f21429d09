//! Dealers (经销商).

use crate::services::requests::{ApiError, Call};
use furrow_domain::Page;
use furrow_domain::dealers::{DealerInput, DealerView};
use furrow_domain::page::MAX_PAGE_SIZE;
use uuid::Uuid;

/// At most this many pages are read by [`list_all`] (a choice list, not a report).
const MAX_PAGES: usize = 20;

/// `GET /dealers`, one page.
pub async fn list(cursor: Option<&str>) -> Result<Page<DealerView>, ApiError> {
    Call::get("/dealers")
        .query("limit", MAX_PAGE_SIZE)
        .query_opt("cursor", cursor)
        .fetch()
        .await
}

/// Every dealer, following the cursor, for choice lists and name lookups.
pub async fn list_all() -> Result<Vec<DealerView>, ApiError> {
    let mut all = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..MAX_PAGES {
        let page = list(cursor.as_deref()).await?;
        all.extend(page.items);
        match page.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    Ok(all)
}

/// `GET /dealers/{id}`.
pub async fn get(id: Uuid) -> Result<DealerView, ApiError> {
    Call::get(format!("/dealers/{id}")).fetch().await
}

/// `POST /dealers`.
pub async fn create(input: &DealerInput) -> Result<DealerView, ApiError> {
    Call::post("/dealers").json(input).fetch().await
}

/// `PUT /dealers/{id}` against `version`.
pub async fn update(id: Uuid, version: i32, input: &DealerInput) -> Result<DealerView, ApiError> {
    Call::put(format!("/dealers/{id}"))
        .if_match(version)
        .json(input)
        .fetch()
        .await
}

/// `POST /dealers/{id}/deactivate` or `/activate` against `version`.
pub async fn set_active(id: Uuid, version: i32, active: bool) -> Result<DealerView, ApiError> {
    let action = if active { "activate" } else { "deactivate" };
    Call::post(format!("/dealers/{id}/{action}"))
        .if_match(version)
        .fetch()
        .await
}
