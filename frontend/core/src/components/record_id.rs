//! A record page found by the id in its address: a malformed id is a page
//! that does not exist, like an unknown one.

use crate::pages::not_found::NotFoundBody;
use uuid::Uuid;
use yew::prelude::*;

/// The id of the record a page shows.
#[derive(Properties, PartialEq)]
pub struct RecordId {
    pub id: Uuid,
}

/// The page `C` of the record `id` (as the address has it).
pub fn by_id<C: BaseComponent<Properties = RecordId>>(id: &str) -> Html {
    match Uuid::parse_str(id) {
        Ok(id) => html! { <C {id} /> },
        Err(_) => html! { <NotFoundBody /> },
    }
}
