//! The follow-up calls (客户回访): the queue scoped as their requests are,
//! and their commands run through the pipeline on [`Target::FollowUp`].

use super::common::*;
use super::requests::{Prepared, prepare};
use crate::cursor::{contains_pattern, decode_time, encode_time, page_end};
use crate::db::now;
use crate::entities::{customer, follow_up, machine, product_model, service_request};
use crate::error::StoreError;
use crate::pipeline::{Pipeline, Target};
use crate::service::records;
use crate::{Listing, Store, customers, settings};
use chrono::{DateTime, Utc};
use furrow_domain::RecordKind;
use furrow_domain::auth::Actor;
use furrow_domain::page::{Page, clamp_limit};
use furrow_domain::service::RequestStatus;
use furrow_domain::service::decide::available_commands;
use furrow_domain::service::decide::follow_ups::{self as decide, follow_up_state};
use furrow_domain::service::decide::intake::{self as decide_intake, Numbered};
use furrow_domain::service::follow_up::*;
use sea_orm::sea_query::{Expr, Func, LikeExpr};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The follow-up rules in force.
async fn rules(store: &Store) -> Result<FollowUpSettings, StoreError> {
    Ok(settings::cached::<FollowUpSettings>(store).await?.0)
}

/// The requests `actor` may see that pass the filters on the request.
fn requests_matching(actor: &Actor, f: &FollowUpFilters) -> sea_orm::sea_query::SelectStatement {
    use service_request::Column as C;
    let mut q = scoped_requests(actor);
    if let Some(e) = f.engineer_id {
        q = q.filter(C::EngineerId.eq(e));
    }
    if let Some(d) = f.dealer_id {
        q = q.filter(C::DealerId.eq(d));
    }
    if let Some(r) = f.service_request_id {
        q = q.filter(C::Id.eq(r));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = contains_pattern(text);
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(C::Number)))
                        .like(LikeExpr::new(p).escape('\\')),
                )
                .add(C::CustomerId.in_subquery(customers::matching_ids(text))),
        );
    }
    q.select_only().column(C::Id).into_query()
}

/// Whether the queue tab lists newest first (the finished ones) or by due
/// time (those still to make).
fn newest_first(f: &FollowUpFilters) -> bool {
    matches!(
        f.state,
        Some(FollowUpQueue::Done | FollowUpQueue::Unreachable)
    )
}

/// The follow-up queue: those to make by due time, the finished ones (the
/// `done` and `unreachable` tabs) newest due first, in keyset pages.
pub async fn list(
    store: &Store,
    actor: &Actor,
    listing: &Listing<FollowUpFilters>,
) -> Result<Page<FollowUpView>, StoreError> {
    use follow_up::Column as C;
    let f = &listing.filters;
    let limit = clamp_limit(listing.limit);
    let t = now();
    let mut q =
        follow_up::Entity::find().filter(C::RequestId.in_subquery(requests_matching(actor, f)));
    let pending = FollowUpStatus::Pending.as_str();
    q = match f.state {
        None => q,
        // Overdue is `is_overdue`: pending and past its due time.
        Some(FollowUpQueue::Due) => q.filter(C::Status.eq(pending)).filter(C::DueAt.gte(t)),
        Some(FollowUpQueue::Overdue) => q.filter(C::Status.eq(pending)).filter(C::DueAt.lt(t)),
        Some(FollowUpQueue::Done) => q.filter(C::Status.eq(FollowUpStatus::Done.as_str())),
        Some(FollowUpQueue::Unreachable) => {
            q.filter(C::Status.eq(FollowUpStatus::Unreachable.as_str()))
        }
    };
    if let Some(from) = f.due_from {
        q = q.filter(C::DueAt.gte(from));
    }
    if let Some(before) = f.due_before {
        q = q.filter(C::DueAt.lt(before));
    }
    let desc = newest_first(f);
    if let Some(c) = &listing.cursor {
        let (at, id) = decode_time(c)?;
        let (past, id_past) = if desc {
            (C::DueAt.lt(at), C::Id.lt(id))
        } else {
            (C::DueAt.gt(at), C::Id.gt(id))
        };
        q = q.filter(
            Condition::any()
                .add(past)
                .add(Condition::all().add(C::DueAt.eq(at)).add(id_past)),
        );
    }
    let q = if desc {
        q.order_by_desc(C::DueAt).order_by_desc(C::Id)
    } else {
        q.order_by_asc(C::DueAt).order_by_asc(C::Id)
    };
    let mut rows = q.limit(limit + 1).all(store.conn()).await?;
    let next = page_end(&mut rows, limit).map(|r| encode_time(r.due_at, r.id));
    let items = views(store.conn(), actor, rows, &rules(store).await?, t).await?;
    Ok(Page::new(items, next))
}

/// One follow-up, as the actor may see its request (404 otherwise).
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<FollowUpView, StoreError> {
    let row = follow_up::Entity::find_by_id(id)
        .filter(
            follow_up::Column::RequestId
                .in_subquery(requests_matching(actor, &FollowUpFilters::default())),
        )
        .one(store.conn())
        .await?
        .ok_or(StoreError::NotFound)?;
    let mut v = views(store.conn(), actor, vec![row], &rules(store).await?, now()).await?;
    v.pop().ok_or(StoreError::NotFound)
}

/// The follow-ups of a request the actor sees, oldest first (one per
/// finished service; none before).
pub async fn of_request(
    store: &Store,
    actor: &Actor,
    request_id: Uuid,
) -> Result<Vec<FollowUpView>, StoreError> {
    find_request(store.conn(), actor, request_id).await?;
    let rows = follow_up::Entity::find()
        .filter(follow_up::Column::RequestId.eq(request_id))
        .order_by_asc(follow_up::Column::DueAt)
        .all(store.conn())
        .await?;
    views(store.conn(), actor, rows, &rules(store).await?, now()).await
}

/// Records an attempt that ended without an outcome.
pub async fn record_attempt(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &FollowUpAttemptRequest,
) -> Result<FollowUpView, StoreError> {
    input.validate()?;
    let s = rules(store).await?;
    let p = Pipeline::for_actor(store, actor, Target::FollowUp(id), expected).await?;
    let d = decide::record_attempt(p.case(), &p.follow_up()?, &s, &p.ctx(), input)?;
    p.commit(d).await?;
    get(store, actor, id).await
}

/// Records the outcome: the follow-up is done and the request closed; a
/// machine not running normally opens a repeat request through intake's
/// decision, in the same transaction.
pub async fn record_outcome(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &FollowUpOutcomeRequest,
) -> Result<FollowUpView, StoreError> {
    input.validate()?;
    let s = rules(store).await?;
    // The form of the repeat request, resolved before the write as intake's is.
    let seen = get(store, actor, id).await?;
    let request = find_request(store.conn(), actor, seen.request_id).await?;
    let form = decide::repeat_request(
        request.id,
        request.customer_id,
        request.machine_id,
        request.model_id,
        input,
    );
    let prepared = match &form {
        Some(form) => Some(prepare(store, actor, form).await?),
        None => None,
    };
    let p = Pipeline::for_actor(store, actor, Target::FollowUp(id), expected).await?;
    let repeat = match (&form, prepared) {
        (
            Some(form),
            Some(Prepared {
                refs,
                sla,
                calendar,
                network,
                ..
            }),
        ) => {
            let numbered = Numbered {
                id: Uuid::now_v7(),
                number: p.take_number("SR", sla.zone()).await?,
            };
            Some(decide_intake::intake(
                &p.ctx(),
                &refs,
                form,
                &sla,
                &calendar,
                &network,
                numbered,
            )?)
        }
        _ => None,
    };
    let d = decide::record_outcome(p.case(), &p.follow_up()?, &s, &p.ctx(), input, repeat)?;
    p.commit(d).await?;
    get(store, actor, id).await
}

/// Closes a follow-up as unreachable after the configured failed attempts.
pub async fn close_unreachable(
    store: &Store,
    actor: &Actor,
    id: Uuid,
    expected: Option<i32>,
    input: &FollowUpCloseRequest,
) -> Result<FollowUpView, StoreError> {
    input.validate()?;
    let s = rules(store).await?;
    let p = Pipeline::for_actor(store, actor, Target::FollowUp(id), expected).await?;
    let d = decide::close_unreachable(p.case(), &p.follow_up()?, &s, &p.ctx(), input)?;
    p.commit(d).await?;
    get(store, actor, id).await
}

/// Views of `rows` with what they show of their requests, in one query per table.
async fn views(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    rows: Vec<follow_up::Model>,
    s: &FollowUpSettings,
    t: DateTime<Utc>,
) -> Result<Vec<FollowUpView>, StoreError> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let request_ids: Vec<Uuid> = rows.iter().map(|r| r.request_id).collect();
    let requests: HashMap<Uuid, service_request::Model> = service_request::Entity::find()
        .filter(service_request::Column::Id.is_in(request_ids.clone()))
        .all(conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    // The latest request each one opened (a follow-up's repeat request).
    let mut repeats: HashMap<Uuid, (Uuid, String)> = HashMap::new();
    for r in service_request::Entity::find()
        .filter(service_request::Column::RepeatOf.is_in(request_ids))
        .order_by_asc(service_request::Column::ReportedAt)
        .all(conn)
        .await?
    {
        if let Some(of) = r.repeat_of {
            repeats.insert(of, (r.id, r.number));
        }
    }
    let customers: HashMap<Uuid, customer::Model> = customer::Entity::find()
        .filter(customer::Column::Id.is_in(requests.values().map(|r| r.customer_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    let machines: HashMap<Uuid, machine::Model> = machine::Entity::find()
        .filter(machine::Column::Id.is_in(requests.values().filter_map(|r| r.machine_id)))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| (m.id, m))
        .collect();
    let model_ids = requests
        .values()
        .filter_map(|r| r.model_id)
        .chain(machines.values().map(|m| m.model_id));
    let models = crate::labels::labels::<product_model::Entity>(
        conn,
        product_model::Column::Id,
        product_model::Column::Name,
        model_ids,
    )
    .await?;
    let engineers = user_names(conn, requests.values().filter_map(|r| r.engineer_id)).await?;
    rows.into_iter()
        .map(|row| {
            let f = records::follow_up(&row)?;
            let r = requests.get(&row.request_id).ok_or(StoreError::NotFound)?;
            let status = parse(&r.status, RequestStatus::parse)?;
            let c = customers.get(&r.customer_id);
            let m = r.machine_id.and_then(|id| machines.get(&id));
            let model = m.map(|m| m.model_id).or(r.model_id);
            let repeat = repeats.get(&r.id);
            Ok(FollowUpView {
                id: f.id,
                request_id: r.id,
                request_number: r.number.clone(),
                request_status: status,
                customer_id: r.customer_id,
                customer_name: c.map(|c| c.name.clone()).unwrap_or_default(),
                customer_phone: c.map(|c| c.phone.clone()),
                machine_serial: m.map(|m| m.serial_number.clone()),
                model_name: model.and_then(|id| models.get(&id).cloned()),
                engineer_id: r.engineer_id,
                engineer_name: r.engineer_id.and_then(|e| engineers.get(&e).cloned()),
                dealer_id: r.dealer_id,
                symptoms: r.symptoms.clone(),
                due_at: f.due_at,
                status: f.status,
                overdue: is_overdue(f.status, f.due_at, t),
                method: f.method,
                attempts: f.attempts,
                failed_attempts: f.failed_attempts,
                last_attempt_at: f.last_attempt_at,
                reached: f.reached,
                satisfaction: f.satisfaction,
                machine_running_normally: f.machine_running_normally,
                repeat_request_id: repeat.map(|x| x.0),
                repeat_request_number: repeat.map(|x| x.1.clone()),
                max_failed_attempts: s.max_failed_attempts,
                version: f.version,
                actions: available_commands(
                    actor,
                    RecordKind::FollowUp,
                    &follow_up_state(status, &f, s),
                ),
                comments: f.comments,
                suggestions: f.suggestions,
                completed_at: f.completed_at,
            })
        })
        .collect()
}
