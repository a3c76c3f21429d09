//! Service requests: intake with SLA clocks and idempotency, lists by urgency,
//! the timeline, dispatch, remote resolution and cancellation.

use super::common::*;
use super::intake_refs::{Resolved, resolve};
use crate::cursor::contains_pattern;
use crate::db::by_id;
use crate::db::now;
use crate::entities::{
    customer, idempotency_key, machine, product_model, service_request, work_order,
};
use crate::error::StoreError;
use crate::idempotency::{self, IdempotencyKey};
use crate::pipeline::{self, Creation};
use crate::{Store, audit, customers, engineers, settings, warranty};
use chrono::{DateTime, Duration, Utc};
use furrow_domain::RecordKind;
use furrow_domain::audit::AuditEventView;
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineCategory;
use furrow_domain::master::WarrantyStatus;
use furrow_domain::service::coverage::propose_coverage;
use furrow_domain::service::decide::intake::{
    self as decide_intake, IntakeRefs, NewRequest, Numbered,
};
use furrow_domain::service::dispatch::{Candidate, DispatchSettings, Job, rank};
use furrow_domain::service::sanbao::{LegalClock, ServiceNetwork, under_sanbao};
use furrow_domain::service::site::Site;
use furrow_domain::service::sla::SlaSettings;
use furrow_domain::service::sla::{ClockInput, clocks};
use furrow_domain::service::*;
use furrow_domain::validation::clamp_to_span;
use furrow_domain::visibility::{self, Reader};
use sea_orm::sea_query::{Expr, Func, LikeExpr, Query};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, QueryTrait,
};
use uuid::Uuid;

/// The audit entity of everything that happens in a request's life.
pub const ENTITY: &str = RecordKind::ServiceRequest.as_str();

pub use super::desk::{cancel, dispatch, record_contact, resolve_remotely};
pub use super::lists::{count_requests as count, list_requests as list};

/// What the law and the coverage read of an intake's references at `at`:
/// the customer's registered site, the service network, and the machine's
/// warranty that day (`Unknown` without a machine, which the law presumes
/// covered, see `sanbao::under_sanbao`).
async fn legal_facts(
    store: &Store,
    r: &Resolved,
    sla: &SlaSettings,
    at: DateTime<Utc>,
) -> Result<(Site, ServiceNetwork, WarrantyStatus), StoreError> {
    let network = settings::cached::<ServiceNetwork>(store).await?.0;
    let status = match &r.machine {
        Some(m) => {
            let zone = sla.zone();
            warranty::status_on(store.conn(), m, at.with_timezone(&zone).date_naive(), zone).await?
        }
        None => WarrantyStatus::Unknown,
    };
    Ok((registered_site(&r.customer), network, status))
}

/// The customer's registered address as a site: a request's site unless its
/// intake named another point.
fn registered_site(c: &customer::Model) -> Site {
    Site::of_address(
        &c.province,
        c.city.as_deref(),
        c.county.as_deref(),
        c.lat,
        c.lon,
    )
}

/// Preview for the intake form: the clocks (the promised arrival time
/// proposed from the SLA), the machine's warranty today and who would pay.
pub async fn preview_clocks(
    store: &Store,
    actor: &Actor,
    q: &ClockPreviewQuery,
) -> Result<ClockPreview, StoreError> {
    let r = resolve(store.conn(), actor, q.customer_id, q.machine_id, None).await?;
    let (sla, calendar) = settings::clocks(store).await?;
    let at = now();
    let (registered, network, warranty) = legal_facts(store, &r, &sla, at).await?;
    let given = Site {
        division: None,
        lat: q.site_lat,
        lon: q.site_lon,
    };
    let site = Site::or_registered(given, registered);
    let c = clocks(
        &sla,
        &calendar,
        &ClockInput {
            reported_at: at,
            priority: q.priority,
            kind: q.kind.unwrap_or(RequestKind::Repair),
            site,
            category: r.category,
            in_warranty: under_sanbao(warranty),
            in_network: network.covers(&site),
            harvest_critical: q.harvest_critical,
            diagnosed_part: SuspectedPart::Unknown,
            needs_onsite: q.needs_onsite,
            promised_arrival_at: None,
        },
    );
    Ok(ClockPreview {
        in_season: c.in_season,
        harvest_critical: c.harvest_critical,
        legal_clock: c.legal_clock,
        repair_due_provisional: c.repair_due_provisional,
        first_contact_due: c.first_contact_due,
        arrival_due: c.arrival_due,
        repair_due: c.repair_due,
        warranty,
        coverage: propose_coverage(
            warranty,
            q.kind.unwrap_or(RequestKind::Repair),
            q.suspected_part.unwrap_or(SuspectedPart::Unknown),
        ),
    })
}

/// The result of an intake: the request, or the stored first response to a retry.
pub type Intake = idempotency::Once<Box<ServiceRequestView>>;

/// Records a service request (报修受理).
///
/// A retry with the same `Idempotency-Key` gets the first attempt's stored
/// answer. The key is not looked up first, which would cost every intake a
/// statement: the key's row is written in the creating transaction, so a retry
/// fails there and rolls back (no number is used), and only then is the stored
/// answer read. Any other failure is checked the same way, so a retry is
/// answered as the first attempt was even if, say, the customer has since left
/// the actor's scope.
pub async fn intake(
    store: &Store,
    actor: &Actor,
    input: &CreateServiceRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Intake, StoreError> {
    idempotency::once(store, key, async || create(store, actor, input, key).await).await
}

/// The new request of an intake, its event and its key's answer, committed:
/// the references resolved in the actor's scope, the number taken in the
/// write, the request decided by `decide::intake`, saved by the pipeline.
async fn create(
    store: &Store,
    actor: &Actor,
    input: &CreateServiceRequest,
    key: Option<&IdempotencyKey>,
) -> Result<Box<ServiceRequestView>, StoreError> {
    let Prepared {
        resolved: r,
        refs,
        sla,
        calendar,
        network,
    } = prepare(store, actor, input).await?;
    let names = (
        r.customer.name,
        r.customer.phone,
        r.machine.map(|m| m.serial_number),
        r.model.as_ref().map(|m| m.name.clone()),
        r.model.map(|m| m.category),
        None,
        user_names(store.conn(), [actor.user_id])
            .await?
            .remove(&actor.user_id),
    );
    let write = Creation::begin(store, actor).await?;
    let numbered = Numbered {
        id: Uuid::now_v7(),
        number: write.take_number("SR", sla.zone()).await?,
    };
    let decision = decide_intake::intake(
        &write.ctx(),
        &refs,
        input,
        &sla,
        &calendar,
        &network,
        numbered,
    )?;
    let created = decision.created_request().ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom("intake created no request".into()))
    })?;
    let row = new_row(created);
    let view = with_actions(actor, request_view(row, names, created.reported_at)?);
    idempotency::remember(write.tx(), key, &view).await?;
    write.commit(&decision).await?;
    Ok(Box::new(view))
}

/// What an intake decision reads besides its form: the references resolved
/// in the actor's scope and the settings of the clocks and the law.
pub(crate) struct Prepared {
    pub resolved: Resolved,
    pub refs: IntakeRefs,
    pub sla: SlaSettings,
    pub calendar: furrow_domain::service::calendar::WorkCalendar,
    pub network: ServiceNetwork,
}

/// Checks the form and resolves what it refers to as `actor` may see it,
/// before the write: intake's, and the repeat request a follow-up opens.
pub(crate) async fn prepare(
    store: &Store,
    actor: &Actor,
    input: &CreateServiceRequest,
) -> Result<Prepared, StoreError> {
    decide_intake::validate(input, store.now())?;
    let (sla, calendar) = settings::clocks(store).await?;
    let r = resolve(
        store.conn(),
        actor,
        input.customer_id,
        input.machine_id,
        input.model_id,
    )
    .await?;
    if let Some(prev) = input.repeat_of {
        find_request(store.conn(), actor, prev).await.map_err(|_| {
            field_error("repeat_of", "unknown", "no request you can see has this id")
        })?;
    }
    let (registered_site, network, warranty) = legal_facts(store, &r, &sla, store.now()).await?;
    let refs = IntakeRefs {
        customer_id: r.customer.id,
        dealer_id: r.customer.dealer_id,
        province: r.customer.province.clone(),
        warranty,
        machine_id: r.machine.as_ref().map(|m| m.id),
        model_id: r.model_id,
        category: r.category,
        registered_address: address_line(&r.customer),
        registered_site,
    };
    Ok(Prepared {
        resolved: r,
        refs,
        sla,
        calendar,
        network,
    })
}

/// The row of a request intake creates; the urgency key follows its clocks.
pub fn new_row(r: &NewRequest) -> service_request::Model {
    let mut row = service_request::Model {
        id: r.id,
        number: r.number.clone(),
        status: r.status.as_str().into(),
        is_open: true,
        channel: r.channel.as_str().into(),
        kind: r.kind.as_str().into(),
        priority: r.priority.as_str().into(),
        priority_rank: r.priority.rank(),
        customer_id: r.customer_id,
        machine_id: r.machine_id,
        model_id: r.model_id,
        reported_serial: r.reported_serial.clone(),
        dealer_id: r.dealer_id,
        region: r.region.clone(),
        site_address: r.site_address.clone(),
        site_lat: r.site_lat,
        site_lon: r.site_lon,
        symptoms: r.symptoms.clone(),
        preliminary_judgement: r.preliminary_judgement.clone(),
        needs_onsite: r.needs_onsite,
        harvest_critical: r.harvest_critical,
        machine_stopped: r.machine_stopped,
        stopped_rank: r.stopped_rank,
        operation_at_risk: r.operation_at_risk.map(|o| o.as_str().to_owned()),
        suspected_part: r.suspected_part.as_str().into(),
        in_season: r.in_season,
        legal_clock: r.legal_clock.as_str().into(),
        diagnosed_part: r.diagnosed_part.as_str().into(),
        promised_arrival_at: r.promised_arrival_at,
        reported_at: r.reported_at,
        first_contact_due: r.first_contact_due,
        first_contact_at: None,
        arrival_due: r.arrival_due,
        arrived_at: None,
        repair_due: r.repair_due,
        repaired_at: None,
        completed_at: None,
        closed_at: None,
        sort_due: r.reported_at,
        work_order_id: None,
        engineer_id: None,
        repeat_of: r.repeat_of,
        cancel_reason: None,
        resolution: None,
        proposed_coverage: r.proposed_coverage.map(|c| c.as_str().to_owned()),
        coverage: None,
        coverage_reason: None,
        parts_waiting_since: None,
        created_by: r.created_by,
        created_by_name: r.created_by_name.clone(),
        version: 1,
        created_at: r.reported_at,
        updated_at: r.reported_at,
    };
    row.sort_due = sort_due(&row);
    row
}

/// A stored request read back as intake's record, for the bench's twin,
/// which copies a loaded row.
fn new_request_of(m: &service_request::Model) -> Result<NewRequest, StoreError> {
    Ok(NewRequest {
        id: m.id,
        number: m.number.clone(),
        status: RequestStatus::New,
        channel: parse(&m.channel, Channel::parse)?,
        kind: parse(&m.kind, RequestKind::parse)?,
        priority: parse(&m.priority, Priority::parse)?,
        customer_id: m.customer_id,
        machine_id: m.machine_id,
        model_id: m.model_id,
        reported_serial: m.reported_serial.clone(),
        dealer_id: m.dealer_id,
        region: m.region.clone(),
        site_address: m.site_address.clone(),
        site_lat: m.site_lat,
        site_lon: m.site_lon,
        symptoms: m.symptoms.clone(),
        preliminary_judgement: m.preliminary_judgement.clone(),
        needs_onsite: m.needs_onsite,
        harvest_critical: m.harvest_critical,
        machine_stopped: m.machine_stopped,
        stopped_rank: m.stopped_rank,
        operation_at_risk: m
            .operation_at_risk
            .as_deref()
            .map(|o| parse(o, Operation::parse))
            .transpose()?,
        suspected_part: parse(&m.suspected_part, SuspectedPart::parse)?,
        proposed_coverage: coverage_of(m.proposed_coverage.as_deref())?,
        in_season: m.in_season,
        legal_clock: parse(&m.legal_clock, LegalClock::parse)?,
        diagnosed_part: parse(&m.diagnosed_part, SuspectedPart::parse)?,
        promised_arrival_at: m.promised_arrival_at,
        reported_at: m.reported_at,
        first_contact_due: m.first_contact_due,
        arrival_due: m.arrival_due,
        repair_due: m.repair_due,
        repeat_of: m.repeat_of,
        created_by: m.created_by,
        created_by_name: m.created_by_name.clone(),
    })
}

/// Writes what an intake writes for `row`, as a new request: its key's
/// `answer`, the request and its `created` event, through the pipeline's
/// save. The bench's intake twin measures it.
pub async fn insert_intake(
    conn: &impl ConnectionTrait,
    row: &service_request::Model,
    actor: &Actor,
    answer: Option<(&IdempotencyKey, String)>,
) -> Result<(), StoreError> {
    if let Some((key, body)) = answer {
        idempotency_key::Entity::insert(idempotency::row(key, 201, body))
            .exec_without_returning(conn)
            .await?;
    }
    let decision = decide_intake::created(new_request_of(row)?);
    pipeline::save_created(conn, actor, &decision, row.created_at).await
}

/// How the request list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RequestSort {
    /// Open requests by urgency (DESIGN §4), then finished ones newest first.
    #[default]
    Urgency,
    /// Newest report first.
    Newest,
}

/// The requests `actor` may see that pass `f` (the list's filters, not its
/// order or cursor).
pub(super) fn filtered(
    actor: &Actor,
    f: &RequestFilters,
    now: DateTime<Utc>,
) -> sea_orm::Select<service_request::Entity> {
    use service_request::Column as C;
    let mut q = scoped_requests(actor);
    if let Some(s) = f.status {
        q = q.filter(C::Status.eq(s.as_str()));
    }
    if let Some(o) = f.open {
        q = q.filter(C::IsOpen.eq(o));
    }
    if let Some(p) = f.priority {
        q = q.filter(C::Priority.eq(p.as_str()));
    }
    if let Some(c) = f.channel {
        q = q.filter(C::Channel.eq(c.as_str()));
    }
    if let Some(d) = f.dealer_id {
        q = q.filter(C::DealerId.eq(d));
    }
    if let Some(e) = f.engineer_id {
        q = q.filter(C::EngineerId.eq(e));
    }
    if let Some(c) = f.customer_id {
        q = q.filter(C::CustomerId.eq(c));
    }
    if let Some(m) = f.machine_id {
        q = q.filter(C::MachineId.eq(m));
    }
    match f.overdue {
        Some(true) => q = q.filter(C::IsOpen.eq(true)).filter(C::SortDue.lt(now)),
        Some(false) => {
            q = q.filter(
                Condition::any()
                    .add(C::IsOpen.eq(false))
                    .add(C::SortDue.gte(now)),
            )
        }
        None => {}
    }
    match f.contacted {
        Some(true) => q = q.filter(C::FirstContactAt.is_not_null()),
        Some(false) => q = q.filter(C::FirstContactAt.is_null()),
        None => {}
    }
    if let Some(d) = f.due_before.map(clamp_to_span) {
        q = q.filter(C::IsOpen.eq(true)).filter(C::SortDue.lt(d));
    }
    if let Some(h) = f.harvest_critical {
        q = q.filter(C::HarvestCritical.eq(h));
    }
    if let Some(text) = f.q.as_deref().filter(|t| !t.trim().is_empty()) {
        let p = contains_pattern(text);
        let serials = machine::Entity::find()
            .select_only()
            .column(machine::Column::Id)
            .filter(
                Expr::expr(Func::lower(Expr::col(machine::Column::SerialNumber)))
                    .like(LikeExpr::new(p.clone()).escape('\\')),
            )
            .into_query();
        q = q.filter(
            Condition::any()
                .add(
                    Expr::expr(Func::lower(Expr::col(C::Number)))
                        .like(LikeExpr::new(p).escape('\\')),
                )
                .add(C::CustomerId.in_subquery(customers::matching_ids(text)))
                .add(C::MachineId.in_subquery(serials)),
        );
    }
    q
}

/// One request.
pub async fn get(store: &Store, actor: &Actor, id: Uuid) -> Result<ServiceRequestView, StoreError> {
    find_request_view(store.conn(), actor, id, now()).await
}

/// Every event of a request's life, oldest first, as the reader may read it
/// (`visibility::event_for`: a dealer never reads the internal ones).
pub async fn timeline(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<AuditEventView>, StoreError> {
    find_request(store.conn(), actor, id).await?;
    let mut events = audit::history(store.conn(), ENTITY, id, 1000).await?;
    furrow_domain::service::resubmission::mark_answered(&mut events);
    let reader = Reader::of(actor);
    Ok(events
        .into_iter()
        .filter_map(|e| visibility::event_for(reader, e))
        .collect())
}

/// Engineers ranked for a request: at its site (taken at intake, else the
/// customer's registered point), for the proposed time (the promised arrival,
/// else the arrival due, else now), by the dispatch settings.
pub async fn suggestions(
    store: &Store,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<EngineerSuggestion>, StoreError> {
    let conn = store.conn();
    let m = find_request(conn, actor, id).await?;
    let c = by_id::<customer::Entity>(conn, m.customer_id).await?;
    let category = match m.model_id {
        Some(mid) => product_model::Entity::find_by_id(mid)
            .one(conn)
            .await?
            .and_then(|x| MachineCategory::parse(&x.category)),
        None => None,
    };
    let (settings, _) = settings::cached::<DispatchSettings>(store).await?;
    let at = m
        .promised_arrival_at
        .or(m.arrival_due)
        .unwrap_or_else(|| store.now());
    let window = Duration::hours(settings.window_hours);
    let engineers = engineers::active_with_profiles(conn).await?;
    let loads = open_workloads(conn).await?;
    let booked = booked_appointments(conn, at - window, at + window).await?;
    let away = crate::absences::overlapping(conn, at - window, at + window).await?;
    let candidates: Vec<_> = engineers
        .into_iter()
        .map(|e| {
            let id = e.user_id;
            let n = loads
                .iter()
                .find(|(x, _)| *x == id)
                .map(|(_, n)| *n)
                .unwrap_or(0);
            Candidate {
                engineer: e,
                open_orders: n,
                appointments: booked
                    .iter()
                    .filter(|(x, _)| *x == id)
                    .map(|(_, t)| *t)
                    .collect(),
                absences: away
                    .iter()
                    .filter(|(x, _)| *x == id)
                    .map(|(_, a)| *a)
                    .collect(),
            }
        })
        .collect();
    // Requests recorded before sites were taken have none: the customer's point.
    let given = Site {
        division: None,
        lat: m.site_lat,
        lon: m.site_lon,
    };
    let site = Site::or_registered(given, registered_site(&c));
    Ok(rank(
        &candidates,
        &Job {
            category,
            site: &site,
            at: Some(at),
        },
        &settings,
    ))
}

/// The appointments of open work orders in `[start, end]`, by engineer.
async fn booked_appointments(
    conn: &impl ConnectionTrait,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>)>, StoreError> {
    let rows: Vec<(Uuid, Option<DateTime<Utc>>)> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::EngineerId)
        .column(work_order::Column::AppointmentAt)
        .filter(work_order::Column::IsOpen.eq(true))
        .filter(work_order::Column::AppointmentAt.between(start, end))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, t)| t.map(|t| (id, t)))
        .collect())
}

async fn open_workloads(conn: &impl ConnectionTrait) -> Result<Vec<(Uuid, u32)>, StoreError> {
    let rows: Vec<(Uuid, i64)> = work_order::Entity::find()
        .select_only()
        .column(work_order::Column::EngineerId)
        .column_as(work_order::Column::Id.count(), "n")
        .filter(work_order::Column::IsOpen.eq(true))
        .group_by(work_order::Column::EngineerId)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id, n)| (id, n as u32)).collect())
}

/// Checks that `engineer_id` is an active engineer.
pub async fn check_engineer(
    conn: &impl ConnectionTrait,
    engineer_id: Uuid,
) -> Result<String, StoreError> {
    let all = engineers::active_with_profiles(conn).await?;
    all.into_iter()
        .find(|e| e.user_id == engineer_id)
        .map(|e| e.display_name)
        .ok_or_else(|| field_error("engineer_id", "unknown", "no active engineer has this id"))
}

/// Ids of requests of a machine (for the machine archive).
pub fn of_machine(machine_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(service_request::Column::Id)
        .from(service_request::Entity)
        .and_where(Expr::col(service_request::Column::MachineId).eq(machine_id))
        .to_owned()
}
