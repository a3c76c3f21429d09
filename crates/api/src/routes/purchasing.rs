//! Purchasing (采购): purchase requests (`PR-YYYY-NNNNNN`) raised on a
//! shortage, from a reorder suggestion or by hand, approved, ordered from a
//! supplier with an expected date, received (partly, then fully) into a
//! warehouse through receipt movements of the ledger, or cancelled; progress
//! notes; the overdue flag; and the reorder suggestions. Who may give each
//! command is the permission table; the record's `actions` are the commands
//! the caller may give now.

use crate::auth::Authenticated;
use crate::error::ApiError;
use crate::idempotency;
use crate::paging::Paging;
use crate::record_kit::{command, command_bare, list, one_order, read};
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, post, web};
use furrow_domain::RecordKind;
use furrow_domain::parts::purchasing::{
    CancelInput, NewPurchaseRequest, NoteInput, OrderInput, ReceiveInput,
};
use furrow_domain::parts::{PurchaseFilters, PurchaseRequestView, SuggestionFilters};
use furrow_domain::service::commands::Command;
use furrow_store::purchasing;
use utoipa_actix_web::service_config::ServiceConfig;

/// The reorder suggestions: registered before `/parts/{id}`, whose id would
/// otherwise take the path's last segment.
pub fn configure_suggestions(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/parts/reorder-suggestions",
        "list_reorder_suggestions",
        RecordKind::PurchaseRequest,
        "Reorder suggestions (补货建议) by part number: every active part whose on hand\n\
         over every warehouse plus what is on order (the outstanding quantity of\n\
         approved, ordered and partly received purchase requests) is below its reorder\n\
         point. `suggested` = max(reorder quantity, the last 90 days' issues) − on\n\
         order, and never less than what brings on hand plus on order back to the\n\
         point. To buy, raise a purchase request with `origin: reorder` and the\n\
         chosen parts as its lines (`POST /purchase-requests`).",
        one_order("reorder_suggestions"),
        async |store, actor, q: SuggestionFilters, _, paging: &Paging| {
            purchasing::reorder_suggestions(store, actor, &paging.listing(q, ())).await
        },
    ));
}

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/purchase-requests",
        "list_purchase_requests",
        RecordKind::PurchaseRequest,
        "Purchase requests (采购申请), newest first, with their lines, notes, expected\n\
         date and `overdue` flag (expected before today and not fully received), and\n\
         the caller's `actions`. Filters: status, origin, a part on a line, supplier,\n\
         overdue, open, the work order waiting for them; `q` finds a number.",
        one_order("purchase_requests"),
        async |store, actor, q: PurchaseFilters, _, paging: &Paging| {
            purchasing::list(store, actor, &paging.listing(q, ())).await
        },
    ))
    .service(create_purchase_request)
    .service(read(
        "/purchase-requests/{id}",
        "get_purchase_request",
        RecordKind::PurchaseRequest,
        "One purchase request with its lines (quantity, received, outstanding), progress\n\
         notes and the commands the caller may give now (`actions`).",
        purchasing::get,
    ))
    .service(command_bare(
        "/purchase-requests/{id}/approve",
        "approve_purchase_request",
        Command::ApprovePurchase,
        "Approves a requested purchase request (purchasing, managers); 409\n\
         `invalid_state` from any other state.",
        purchasing::approve,
    ))
    .service(command(
        "/purchase-requests/{id}/order",
        "order_purchase_request",
        Command::OrderPurchase,
        "Orders an approved purchase request from a supplier (下单, purchasing), expected\n\
         on a date today or later (422 `expected_on` otherwise).",
        async |store, actor, id, expected, body: &OrderInput| {
            purchasing::order(store, actor, id, expected, body).await
        },
    ))
    .service(command(
        "/purchase-requests/{id}/receive",
        "receive_purchase_request",
        Command::ReceivePurchase,
        "Receives parts of an ordered purchase request into a warehouse (到货入库,\n\
         purchasing and parts clerks): one `receipt` movement per line, referring to\n\
         the request, posted in the same transaction as the request's update. The\n\
         request is `received` once nothing is outstanding, else `partly_received`.\n\
         More than is outstanding of a part answers 409 `over_receipt` and writes\n\
         nothing.",
        async |store, actor, id, expected, body: &ReceiveInput| {
            purchasing::receive(store, actor, id, expected, body).await
        },
    ))
    .service(command(
        "/purchase-requests/{id}/cancel",
        "cancel_purchase_request",
        Command::CancelPurchase,
        "Cancels a purchase request that is not finished, with a reason (purchasing).\n\
         What was received stays received; the rest is no longer on order.",
        async |store, actor, id, expected, body: &CancelInput| {
            purchasing::cancel(store, actor, id, expected, body).await
        },
    ))
    .service(command(
        "/purchase-requests/{id}/notes",
        "note_purchase_request",
        Command::NotePurchase,
        "Adds a progress note (进度备注, purchasing and parts clerks), in any state.",
        async |store, actor, id, expected, body: &NoteInput| {
            purchasing::note(store, actor, id, expected, body).await
        },
    ));
}

/// Raises a purchase request (采购申请, parts clerks and purchasing): by hand,
/// from reorder suggestions (`origin: reorder`), or on a shortage for a work
/// order (`origin: shortage` with `work_order_id`, and the requisition's
/// id). Numbered `PR-YYYY-NNNNNN`; starts `requested`.
#[utoipa::path(tag = "purchase-requests", request_body = NewPurchaseRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = idempotency::DESCRIPTION)),
    responses(
    (status = 201, body = PurchaseRequestView, description = "The purchase request raised",
        headers(("ETag" = String, description = "The version"), ("Location" = String, description = "Its address"))),
    (status = 422, description = "Invalid fields: no lines, a part twice or unknown or inactive, a quantity, a shortage without its work order", body = furrow_domain::Problem, content_type = "application/problem+json"),
))]
#[post("/purchase-requests")]
async fn create_purchase_request(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: web::Json<NewPurchaseRequest>,
) -> Result<HttpResponse, ApiError> {
    auth.require_command(Command::RequestPurchase)?;
    let key = idempotency::key(&req, auth.actor.user_id, &*body)?;
    let once = purchasing::create(&state.store, &auth.actor, &body, key.as_ref()).await?;
    Ok(idempotency::answer(once, "/purchase-requests", |v| {
        (v.id, v.version)
    }))
}
