//! Keyset pages at the API's edge: the page size is checked (refused, not
//! silently changed), and cursors are sealed with the name of the list (and
//! order) that made them, so a cursor of one list is refused by every other.

use crate::error::ApiError;
use actix_web::HttpResponse;
use furrow_domain::Page;
use furrow_domain::page::{MAX_PAGE_SIZE, limit_allowed};
use furrow_store::{Listing, StoreError, cursor};
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

/// The paging parameters every list takes.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Page size, 1-200 (default 50); others answer 400 `invalid_limit`.
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page of this same list (and order);
    /// any other answers 400 `invalid_cursor`.
    pub cursor: Option<String>,
}

/// `?total=true`, on the lists that count their records (the master lists
/// and the request list).
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TotalQuery {
    /// `true` to have the answer carry `total`, how many records the filters
    /// select over all pages (one count more; ask on the first page).
    pub total: Option<bool>,
}

/// `page` with its `total` from `count` when the client asked for it
/// (`count` is not run otherwise).
pub async fn with_total<T>(
    asked: Option<bool>,
    page: Page<T>,
    count: impl Future<Output = Result<u64, StoreError>>,
) -> Result<Page<T>, StoreError> {
    let total = match asked {
        Some(true) => Some(count.await?),
        _ => None,
    };
    Ok(Page { total, ..page })
}

/// The choice named by `given` among `choices` (the first when none is
/// given), or 400 `invalid_query` naming them.
pub fn pick<S: Copy>(
    what: &str,
    given: Option<&str>,
    choices: &[(&str, S)],
) -> Result<S, ApiError> {
    let found = match given {
        None => choices.first(),
        Some(name) => choices.iter().find(|(n, _)| *n == name),
    };
    found.map(|(_, s)| *s).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        ApiError::BadRequest {
            code: "invalid_query",
            detail: format!(
                "unknown {what} `{}`: use {}",
                given.unwrap_or_default(),
                names.join(" or ")
            ),
        }
    })
}

/// The checked `limit` and the opened `cursor` of one list request.
#[derive(Debug)]
pub struct Paging {
    list: String,
    /// The page size asked for, within `1..=MAX_PAGE_SIZE`.
    pub limit: Option<u64>,
    /// The store's position inside the client's cursor.
    pub cursor: Option<String>,
}

fn invalid_cursor() -> ApiError {
    ApiError::BadRequest {
        code: "invalid_cursor",
        detail: "the cursor is not a `next_cursor` this list returned".into(),
    }
}

impl Paging {
    /// Checks the page size and opens the cursor of the list named `list`
    /// (`customers`, `customers.sync`...): 400 `invalid_limit` or
    /// `invalid_cursor` when they are not acceptable.
    pub fn new(list: impl Into<String>, page: PageQuery) -> Result<Self, ApiError> {
        let PageQuery { limit, cursor } = page;
        let list = list.into();
        if let Some(l) = limit
            && !limit_allowed(l)
        {
            return Err(ApiError::BadRequest {
                code: "invalid_limit",
                detail: format!("limit must be between 1 and {MAX_PAGE_SIZE}; it was {l}"),
            });
        }
        let cursor = cursor
            .map(|c| cursor::open(&list, &c).ok_or_else(invalid_cursor))
            .transpose()?;
        Ok(Self {
            list,
            limit,
            cursor,
        })
    }

    /// The largest page from the store position `cursor` (already opened):
    /// how an export walks a whole list.
    pub fn largest(list: impl Into<String>, cursor: Option<String>) -> Self {
        Self {
            list: list.into(),
            limit: Some(MAX_PAGE_SIZE),
            cursor,
        }
    }

    /// The store's request for this page of a list with `filters`, in the
    /// list's order `sort`.
    pub fn listing<F, S>(&self, filters: F, sort: S) -> Listing<F, S> {
        Listing {
            filters,
            sort,
            cursor: self.cursor.clone(),
            limit: self.limit,
        }
    }

    /// The 200 answer of a page, its `next_cursor` sealed for this list. A
    /// position the store cannot read is the client's bad cursor.
    pub fn respond<T: Serialize>(
        &self,
        page: Result<Page<T>, StoreError>,
    ) -> Result<HttpResponse, ApiError> {
        let mut page = page.map_err(|e| match e {
            StoreError::Validation(v) if v.0.iter().any(|f| f.field == "cursor") => {
                invalid_cursor()
            }
            other => other.into(),
        })?;
        page.next_cursor = page.next_cursor.map(|c| cursor::seal(&self.list, &c));
        Ok(HttpResponse::Ok().json(page))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_outside_the_range_and_foreign_cursors_are_refused() {
        let page = |limit, cursor| PageQuery { limit, cursor };
        assert!(Paging::new("users", page(Some(0), None)).is_err());
        assert!(Paging::new("users", page(Some(MAX_PAGE_SIZE + 1), None)).is_err());
        assert!(Paging::new("users", page(Some(MAX_PAGE_SIZE), None)).is_ok());
        assert!(Paging::new("users", page(None, Some("admin".into()))).is_err());
        let sealed = cursor::seal("dealers", "D001");
        assert!(Paging::new("users", page(None, Some(sealed.clone()))).is_err());
        let p = Paging::new("dealers", page(None, Some(sealed))).unwrap();
        assert_eq!(p.cursor.as_deref(), Some("D001"));
    }
}
