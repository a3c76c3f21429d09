//! [`use_api`] for something that may not be chosen yet (the customer of a
//! new request, a request's work order): nothing is fetched until it is.

use crate::hooks::{Remote, use_api};
use crate::services::requests::ApiError;
use std::future::Future;
use yew::prelude::*;

/// `fetch(deps)` while `deps` is some; ready with none otherwise.
#[hook]
pub fn use_api_when<T, D, F, Fut>(deps: Option<D>, fetch: F) -> UseStateHandle<Remote<Option<T>>>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    use_api(deps, |deps| async move {
        match deps {
            Some(d) => fetch(d).await.map(Some),
            None => Ok(None),
        }
    })
}
