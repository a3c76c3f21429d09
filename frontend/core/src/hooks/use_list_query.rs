//! A list's state in its URL: the filters, `sort` and `dir`, so back, forward
//! and reload show the same rows in the same order, and a link to a list can
//! be shared. The page reads the query, and changes it only through here.

use crate::components::{PagerProps, pager};
use crate::hooks::I18n;
use crate::route::Route;
use std::collections::BTreeMap;
use std::rc::Rc;
use yew::prelude::*;
use yew_router::prelude::*;

/// The keys of the order; every other key is a filter.
const ORDER_KEYS: [&str; 2] = ["sort", "dir"];

/// The query of a list page (`?q=..&kind=..&sort=name&dir=desc`).
#[derive(Clone)]
pub struct ListQuery {
    params: Rc<BTreeMap<String, String>>,
    push: Callback<BTreeMap<String, String>>,
}

impl PartialEq for ListQuery {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
    }
}

impl ListQuery {
    /// A parameter's value; empty ones count as absent.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The filters (everything but the order), for the API call and the export.
    pub fn filters(&self) -> impl Iterator<Item = (&str, &str)> {
        self.params
            .iter()
            .filter(|(k, v)| !ORDER_KEYS.contains(&k.as_str()) && !v.is_empty())
            .map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.filters().next().is_some()
    }

    /// The column the list is sorted by and whether descending.
    pub fn sort(&self) -> Option<(&str, bool)> {
        self.get("sort")
            .map(|s| (s, self.get("dir") == Some("desc")))
    }

    /// Sets (or, with `None`, removes) filters and puts the result in the URL.
    pub fn set(&self, changes: &[(&str, Option<String>)]) {
        let mut next = (*self.params).clone();
        for (k, v) in changes {
            match v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                Some(v) => next.insert((*k).to_owned(), v.to_owned()),
                None => next.remove(*k),
            };
        }
        self.push.emit(next);
    }

    /// Removes every filter, keeping the order.
    pub fn clear(&self) {
        let kept = self
            .params
            .iter()
            .filter(|(k, _)| ORDER_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        self.push.emit(kept);
    }

    /// Sorts by `column`: ascending first, then the other way on each click.
    pub fn toggle_sort(&self, column: &str) {
        let dir = match self.sort() {
            Some((c, false)) if c == column => "desc",
            _ => "asc",
        };
        self.set(&[("sort", Some(column.to_owned())), ("dir", Some(dir.into()))]);
    }
}

/// The query of the list at `route`, read from and written to the URL.
#[hook]
pub fn use_list_query(route: Route) -> ListQuery {
    let location = use_location();
    let navigator = use_navigator();
    let params = location
        .and_then(|l| l.query::<BTreeMap<String, String>>().ok())
        .unwrap_or_default();
    let push = Callback::from(move |q: BTreeMap<String, String>| {
        if let Some(n) = &navigator {
            let _ = n.push_with_query(&route, q);
        }
    });
    ListQuery {
        params: Rc::new(params),
        push,
    }
}

/// Keyset paging of a list: the cursors walked through for the current filters.
#[derive(Clone)]
pub struct Paging<Q: Clone + PartialEq + 'static> {
    state: UseStateHandle<(Q, Vec<Option<String>>)>,
    query: Q,
    stack: Vec<Option<String>>,
}

impl<Q: Clone + PartialEq + 'static> Paging<Q> {
    /// The cursor of the page shown (`None` on the first page).
    pub fn cursor(&self) -> Option<String> {
        self.stack.last().cloned().flatten()
    }

    /// The pager under a table; `next` is the answer's `next_cursor`, `total`
    /// its count of the whole list when it has one.
    pub fn pager(
        &self,
        i18n: &I18n,
        next: Option<String>,
        total: Option<u64>,
        disabled: bool,
    ) -> Html {
        let on_first = {
            let (state, query) = (self.state.clone(), self.query.clone());
            Callback::from(move |_| state.set((query.clone(), vec![None])))
        };
        let on_prev = {
            let (state, query, stack) =
                (self.state.clone(), self.query.clone(), self.stack.clone());
            Callback::from(move |_| {
                let mut s = stack.clone();
                if s.len() > 1 {
                    s.pop();
                }
                state.set((query.clone(), s));
            })
        };
        let has_next = next.is_some();
        let on_next = {
            let (state, query, stack) =
                (self.state.clone(), self.query.clone(), self.stack.clone());
            Callback::from(move |_| {
                if let Some(c) = &next {
                    let mut s = stack.clone();
                    s.push(Some(c.clone()));
                    state.set((query.clone(), s));
                }
            })
        };
        html! {
            { pager(i18n, &yew::props!(PagerProps { page: self.stack.len(), has_next, total, on_first, on_prev, on_next, disabled })) }
        }
    }
}

/// Paging that starts over whenever the filters change.
#[hook]
pub fn use_paging<Q: Clone + PartialEq + 'static>(query: &Q) -> Paging<Q> {
    let state = use_state(|| (query.clone(), vec![None::<String>]));
    let stack = if state.0 == *query {
        state.1.clone()
    } else {
        vec![None]
    };
    Paging {
        state,
        query: query.clone(),
        stack,
    }
}
