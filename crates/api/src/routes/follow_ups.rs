//! Follow-up calls (客户回访): the queue, one follow-up, and its commands.

use crate::paging::Paging;
use crate::record_kit::{Many, command, list, one_order, read, show};
use furrow_domain::RecordKind;
use furrow_domain::service::commands::Command;
use furrow_domain::service::follow_up::FollowUpFilters;
use furrow_store::service::follow_ups;
use utoipa_actix_web::service_config::ServiceConfig;

pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list(
        "/follow-ups",
        "list_follow_ups",
        RecordKind::FollowUp,
        "The follow-up queue (回访): with `state=due` or `overdue` (pending and past due)\n\
         by due time, soonest first; `done` and `unreachable` latest due first; all by\n\
         due time without `state`. Each row names the request, customer, phone,\n\
         machine, engineer, due time, attempts and state, with its `actions`. Dealers\n\
         see their own requests' follow-ups; engineers those of their work orders.",
        one_order("follow_ups"),
        async |store, actor, q: FollowUpFilters, (), paging: &Paging| {
            follow_ups::list(store, actor, &paging.listing(q, ())).await
        },
    ))
    .service(read(
        "/follow-ups/{id}",
        "get_follow_up",
        RecordKind::FollowUp,
        "One follow-up, with its request's summary and the caller's `actions`.",
        follow_ups::get,
    ))
    .service(show(
        "/service-requests/{id}/follow-ups",
        "list_service_request_follow_ups",
        RecordKind::FollowUp,
        "The follow-ups of one request (one per finished service), oldest first.",
        async |store, actor, id| follow_ups::of_request(store, actor, id).await.map(Many),
    ))
    .service(command(
        "/follow-ups/{id}/attempts",
        "record_follow_up_attempt",
        Command::RecordFollowUpAttempt,
        "Records a call (or mail, message, visit) that ended without an outcome: one\n\
         more attempt, a failed one when the customer was not reached (`reached:\n\
         false`), which the unreachable close counts.",
        follow_ups::record_attempt,
    ))
    .service(command(
        "/follow-ups/{id}/outcome",
        "record_follow_up_outcome",
        Command::RecordFollowUpOutcome,
        "Records what the customer said (satisfaction on the five-point scale, whether\n\
         the machine runs normally, comments, suggestions): the follow-up is done and\n\
         the request `closed`. `machine_running_normally: false` (with `comments`\n\
         saying what is wrong) also opens a new service request for the same customer\n\
         and machine with `repeat_of` set, through intake (its clocks start now), and\n\
         whoever dispatches is alerted (`GET /notifications`, kind `repeat_request`):\n\
         the view names it as `repeat_request_id`.",
        follow_ups::record_outcome,
    ))
    .service(command(
        "/follow-ups/{id}/close-unreachable",
        "close_follow_up_unreachable",
        Command::CloseFollowUpUnreachable,
        "Closes the follow-up as unreachable (and the request `closed`) once the\n\
         customer was not reached on the number of attempts the follow-up settings\n\
         say (`GET /settings/follow_up`, default 3); before that 409\n\
         `too_few_attempts`. It counts in no satisfaction figure.",
        follow_ups::close_unreachable,
    ));
}
