//! Loading data from the API into a component: loading, ready or failed, and
//! answers to superseded requests (the user typed on) are dropped.

use crate::services::requests::ApiError;
use std::future::Future;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Data being fetched.
#[derive(Debug, Clone, PartialEq)]
pub enum Remote<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Calls `fetch(deps)` whenever `deps` change and keeps the latest answer.
/// The handle can be set by the page, e.g. to show a record it just saved.
#[hook]
pub fn use_api<T, D, F, Fut>(deps: D, fetch: F) -> UseStateHandle<Remote<T>>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Remote::Loading);
    let generation = use_mut_ref(|| 0u64);
    {
        let state = state.clone();
        use_effect_with(deps, move |deps| {
            *generation.borrow_mut() += 1;
            let mine = *generation.borrow();
            state.set(Remote::Loading);
            let fut = fetch(deps.clone());
            spawn_local(async move {
                let answer = fut.await;
                if *generation.borrow() == mine {
                    state.set(match answer {
                        Ok(v) => Remote::Ready(v),
                        Err(e) => Remote::Failed(e),
                    });
                }
            });
        });
    }
    state
}
