//! Loading data from the API into a component: loading, ready or failed, and
//! answers to superseded requests (the user typed on) are dropped.

use crate::services::requests::ApiError;
use std::any::Any;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
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
///
/// Only a thin layer is generic; the effect, the task and the check for
/// superseded answers are one non-generic hook, which keeps the wasm small.
#[hook]
pub fn use_api<T, D, F, Fut>(deps: D, fetch: F) -> UseStateHandle<Remote<T>>
where
    T: 'static,
    D: PartialEq + Clone + 'static,
    F: FnOnce(D) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = use_state(|| Remote::Loading);
    let deps = Deps(Rc::new(deps));
    let start: Start = {
        let (state, deps) = (state.clone(), deps.clone());
        Box::new(move |current: Current| {
            state.set(Remote::Loading);
            // The deps of this render: the effect only runs when they changed.
            let deps = (*deps.0).any().downcast_ref::<D>().cloned();
            let fut = deps.map(fetch);
            Box::pin(async move {
                let Some(fut) = fut else { return };
                let answer = fut.await;
                if current.still() {
                    state.set(match answer {
                        Ok(v) => Remote::Ready(v),
                        Err(e) => Remote::Failed(e),
                    });
                }
            })
        })
    };
    use_api_core(deps, start);
    state
}

/// Starts a fetch: marks the state as loading and returns the call, which
/// shows its answer while it is still `current`.
type Start = Box<dyn FnOnce(Current) -> Pin<Box<dyn Future<Output = ()>>>>;

/// Whether a call's answer is still wanted: no later call started since.
/// Checked inside the call rather than returning its answer as a closure,
/// which would be one more boxed closure type per call site.
struct Current {
    generation: Rc<RefCell<u64>>,
    mine: u64,
}

impl Current {
    fn still(&self) -> bool {
        *self.generation.borrow() == self.mine
    }
}

/// Comparable deps of any type.
trait DynDeps {
    fn same(&self, other: &dyn Any) -> bool;
    fn any(&self) -> &dyn Any;
}

impl<D: PartialEq + 'static> DynDeps for D {
    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<D>().is_some_and(|o| o == self)
    }

    fn any(&self) -> &dyn Any {
        self
    }
}

#[derive(Clone)]
struct Deps(Rc<dyn DynDeps>);

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        (*self.0).same((*other.0).any())
    }
}

/// The non-generic part of [`use_api`]: runs `start` when `deps` change and
/// drops answers to superseded calls.
#[hook]
fn use_api_core(deps: Deps, start: Start) {
    let generation = use_mut_ref(|| 0u64);
    use_effect_with(deps, move |_| {
        *generation.borrow_mut() += 1;
        let mine = *generation.borrow();
        spawn_local(start(Current { generation, mine }));
    });
}
