//! Parts requisitions (领用单): the queue, one requisition, the engineer's
//! request for parts for an open work order, and the parts clerk's issue
//! (发料), returns (退库), exchanges (退换) and cancel. Every write takes
//! `If-Match` (the requisition's ETag); a posting that would take a
//! warehouse's stock below zero answers 409 `insufficient_stock` and writes
//! nothing.

use crate::paging::Paging;
use crate::record_kit::{Created, command, list, one_order, read};
use furrow_domain::RecordKind;
use furrow_domain::parts::{RequisitionFilters, RequisitionInput};
use furrow_domain::service::commands::Command;
use furrow_store::requisitions;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/requisitions",
        "list_requisitions",
        RecordKind::Requisition,
        "The requisition queue (领用单), latest change first: each with its work order,\n\
         request, machine, engineer, lines (requested, issued, returned, exchanged,\n\
         short, outstanding) and the caller's `actions`. Filters: `status`, `work_order_id`,\n\
         `engineer_id`, `machine_id`, `q` (part of the number), `short=true` (a line\n\
         found short). Engineers see their own work orders' requisitions; dealers none.",
        one_order("requisitions"),
        async |store, actor, q: RequisitionFilters, _, paging: &Paging| {
            requisitions::list(store, actor, &paging.listing(q, ())).await
        },
    ))
    .service(read(
        "/requisitions/{id}",
        "get_requisition",
        RecordKind::Requisition,
        "One requisition with its lines and the caller's `actions`; its ETag is its\n\
         version. Another engineer's requisition answers 404.",
        requisitions::get,
    ))
    .service(command(
        "/work-orders/{id}/requisitions",
        "create_work_order_requisition",
        Command::CreateRequisition,
        "The engineer asks for parts (领用申请) for their own open work order (assigned,\n\
         scheduled or on site): each line a catalog part, more than 0. Approving a\n\
         repair report creates the requisition of its catalog parts by itself. 201\n\
         with the new requisition (`RQ-YYYY-NNNNNN`); `If-Match` is not compared (send `*`).",
        async |store, actor, id, _expected, body: &RequisitionInput| {
            requisitions::create(store, actor, id, body)
                .await
                .map(Created)
        },
    ))
    .service(command(
        "/requisitions/{id}/issue",
        "issue_requisition",
        Command::IssueParts,
        "Issues parts (发料, parts clerks) from one warehouse to the recipient (领用人员,\n\
         required): per line 0 up to what is outstanding, posted as `issue` movements\n\
         referring to the requisition. A line left outstanding while the warehouse has\n\
         none of its part left is recorded short (`short`, 缺料). More than the warehouse\n\
         holds: 409 `insufficient_stock`, nothing written; more than outstanding, a line\n\
         outside the catalog or no recipient: 422.",
        requisitions::issue,
    ))
    .service(command(
        "/requisitions/{id}/returns",
        "return_requisition_parts",
        Command::ReturnParts,
        "Takes unused issued parts back (退库, parts clerks) into a warehouse, as `return`\n\
         movements: per line never more than issued minus returned (else 422).",
        requisitions::return_parts,
    ))
    .service(command(
        "/requisitions/{id}/exchanges",
        "exchange_requisition_parts",
        Command::ExchangeParts,
        "Exchanges faulty issued parts for good ones (退换, parts clerks): per line an\n\
         `exchange_in` of the faulty units taken back and an `exchange_out` of the good\n\
         ones handed to the recipient, of the same quantity, at most issued minus\n\
         returned; the reason is required. Good units short in the warehouse: 409\n\
         `insufficient_stock`.",
        requisitions::exchange,
    ))
    .service(command(
        "/requisitions/{id}/cancel",
        "cancel_requisition",
        Command::CancelRequisition,
        "Cancels an open or partly issued requisition with a reason (parts clerks);\n\
         what was issued stays issued and can still be returned.",
        requisitions::cancel,
    ));
}
