//! Stock-takes (`/stocktakes`, 盘点): opening one, reading its count sheet,
//! counting a line against the line's version, reconciling and cancelling
//! against the stock-take's.

use crate::services::requests::Call;
use crate::services::resource::{Answer, Resource};
use furrow_domain::parts::{CountInput, StocktakeDetail, StocktakeInput, StocktakeLineView};
use uuid::Uuid;

const STOCKTAKES: Resource = Resource::new("/stocktakes");

/// `POST /stocktakes` with the form's `Idempotency-Key`.
pub fn open(input: &StocktakeInput, nonce: &str) -> impl Answer<StocktakeDetail> + use<> {
    STOCKTAKES.create(input, nonce)
}

/// `GET /stocktakes/{id}`, all lines or only those with a variance.
pub fn get(id: Uuid, variance_only: bool) -> impl Answer<StocktakeDetail> {
    Call::get(format!("/stocktakes/{id}"))
        .query_opt("variance_only", variance_only.then_some(true))
        .fetch()
}

/// `PUT /stocktakes/{id}/lines/{part}` against the line's `version`.
pub fn count(
    id: Uuid,
    part: Uuid,
    version: i32,
    input: &CountInput,
) -> impl Answer<StocktakeLineView> + use<> {
    STOCKTAKES.put(id, &format!("lines/{part}"), version, input)
}

/// `POST /stocktakes/{id}/reconcile` against the stock-take's `version`.
pub fn reconcile(id: Uuid, version: i32) -> impl Answer<StocktakeDetail> + use<> {
    STOCKTAKES.command(id, "reconcile", version).fetch()
}

/// `POST /stocktakes/{id}/cancel` against the stock-take's `version`.
pub fn cancel(id: Uuid, version: i32) -> impl Answer<StocktakeDetail> + use<> {
    STOCKTAKES.command(id, "cancel", version).fetch()
}
