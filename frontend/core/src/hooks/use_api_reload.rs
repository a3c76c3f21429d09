//! [`use_api`] with a way to fetch again: the data and the callback that
//! reloads it (Retry after a failure, the record after a conflict).

use crate::hooks::{Remote, use_api};
use crate::services::requests::ApiError;
use std::future::Future;
use yew::prelude::*;

/// Calls `fetch(deps)` when `deps` change or the returned callback is called.
#[hook]
pub fn use_api_reload<T, D, F, Fut>(deps: D, fetch: F) -> (UseStateHandle<Remote<T>>, Callback<()>)
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let generation = use_state(|| 0u32);
    let data = use_api((deps, *generation), move |(deps, _)| fetch(deps));
    let reload = Callback::from(move |_: ()| generation.set(*generation + 1));
    (data, reload)
}
