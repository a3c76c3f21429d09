//! The dealers, for the pages that name them or offer them as choices.

use crate::hooks::{Remote, use_api};
use crate::services::dealers;
use furrow_domain::dealers::DealerView;
use yew::prelude::*;

/// Every dealer; none while they load or when they cannot be read (the
/// pages then show ids without names rather than fail).
#[hook]
pub fn use_dealers() -> Vec<DealerView> {
    let list = use_api((), |_| dealers::list_all());
    match &*list {
        Remote::Ready(d) => d.clone(),
        _ => Vec::new(),
    }
}
