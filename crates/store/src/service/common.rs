//! Shared pieces of the workflow's store code: scoping, optimistic locking,
//! state errors, clocks and the batched views.

use crate::db::by_id;
use crate::entities::{
    customer, machine, product_model, repair_report, service_request, user, work_order,
};
use crate::error::StoreError;
use crate::settings;
use chrono::{DateTime, TimeZone, Utc};
use furrow_domain::access::{self, RecordKind, Scope};
use furrow_domain::auth::Actor;
use furrow_domain::master::MachineCategory;
use furrow_domain::service::commands::Command;
use furrow_domain::service::decide::available_commands;
use furrow_domain::service::sanbao;
use furrow_domain::service::sla::{ClockState, RunningClocks, downtime_end, downtime_hours};
use furrow_domain::service::*;
use sea_orm::sea_query::{
    Alias, Asterisk, DynIden, Expr, IntoIden, JoinType, Query, SelectStatement,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, Order, QueryFilter, QueryOrder,
    QueryResult, QuerySelect, QueryTrait, Select,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The sort key of a request with no running clock: after every real due time.
pub fn far_future() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(9999, 12, 31, 0, 0, 0).unwrap()
}

/// The clocks of a request still running.
pub fn running(m: &service_request::Model) -> RunningClocks {
    ClockState {
        is_open: m.is_open,
        first_contact_due: m.first_contact_due,
        first_contact_at: m.first_contact_at,
        arrival_due: m.arrival_due,
        arrived_at: m.arrived_at,
        repair_due: m.repair_due,
        repaired_at: m.repaired_at,
    }
    .running()
}

/// The urgency sort key of a request as stored.
pub fn sort_due(m: &service_request::Model) -> DateTime<Utc> {
    running(m).next().map(|(_, d)| d).unwrap_or_else(far_future)
}

/// A 422 on one field, as the form shows it.
pub fn field_error(field: &str, code: &str, message: &str) -> StoreError {
    let mut v = furrow_domain::validation::Validator::new();
    v.error(field, code, message);
    v.finish().unwrap_err().into()
}

/// Requests the actor may see, as the permission table's scope says: a
/// dealer its own dealer's, a field engineer the ones assigned to them.
pub fn scoped_requests(actor: &Actor) -> Select<service_request::Entity> {
    let q = service_request::Entity::find();
    match access::scope(actor, RecordKind::ServiceRequest) {
        Scope::All => q,
        Scope::OwnDealer => q.filter(service_request::Column::DealerId.eq(actor.dealer_id)),
        Scope::OwnWorkOrders => q.filter(
            service_request::Column::Id.in_subquery(
                Query::select()
                    .column(work_order::Column::RequestId)
                    .from(work_order::Entity)
                    .and_where(Expr::col(work_order::Column::EngineerId).eq(actor.user_id))
                    .to_owned(),
            ),
        ),
        Scope::None => q.filter(service_request::Column::Id.is_null()),
    }
}

/// One request the actor may see, or NotFound.
pub async fn find_request(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
) -> Result<service_request::Model, StoreError> {
    find_in(
        conn,
        scoped_requests(actor),
        service_request::Column::Id,
        id,
    )
    .await
}

/// Rows of a field engineer's table (work orders, reports) the actor may
/// see, as the permission table's scope on `kind` says: a field engineer the
/// ones whose `engineer` column names them; dealers none.
pub fn scoped_to_engineer<E: EntityTrait>(
    actor: &Actor,
    kind: RecordKind,
    id: E::Column,
    engineer: E::Column,
) -> Select<E> {
    let q = E::find();
    match access::scope(actor, kind) {
        Scope::All => q,
        Scope::OwnWorkOrders => q.filter(engineer.eq(actor.user_id)),
        Scope::OwnDealer | Scope::None => q.filter(id.is_null()),
    }
}

/// The row of `q` whose `id_column` is `id`, or NotFound: one record the
/// actor may see, when `q` is scoped.
pub async fn find_in<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    q: Select<E>,
    id_column: E::Column,
    id: Uuid,
) -> Result<E::Model, StoreError> {
    q.filter(id_column.eq(id))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Parses a stored enum name; a name this build does not know is a data error.
pub fn parse<T>(value: &str, parse: fn(&str) -> Option<T>) -> Result<T, StoreError> {
    parse(value).ok_or_else(|| {
        StoreError::Db(sea_orm::DbErr::Custom(format!(
            "unknown stored value `{value}`"
        )))
    })
}

/// Display names of users, one query.
pub async fn user_names(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, String>, StoreError> {
    crate::labels::labels::<user::Entity>(conn, user::Column::Id, user::Column::DisplayName, ids)
        .await
}

/// What a request view shows of the records and people it points at.
pub type Names = (
    String,         // customer name
    String,         // customer phone
    Option<String>, // machine serial number
    Option<String>, // model name
    Option<String>, // model category
    Option<String>, // engineer's display name
    Option<String>, // creator's display name
);

/// The aliases of the names [`join_view_names`] adds, in the order of [`Names`]
/// ([`join_names`] adds all but the last).
const NAME_ALIASES: [&str; 7] = [
    "customer_name",
    "customer_phone",
    "machine_serial",
    "model_name",
    "model_category",
    "engineer_name",
    "creator_name",
];

/// A LEFT JOIN of `table` as `alias` on its `id` equal to `key` of `from`.
fn join_by_id(
    q: &mut SelectStatement,
    table: DynIden,
    alias: DynIden,
    from: DynIden,
    key: DynIden,
) {
    let on = Expr::col((alias.clone(), Alias::new("id"))).equals((from, key));
    q.join_as(JoinType::LeftJoin, table, alias, on);
}

/// Adds the names a request row shows beside its ids (customer, phone,
/// serial, model, category, engineer: the first of [`NAME_ALIASES`]) to a
/// query over requests, found at `requests` (the table, or a subquery's
/// alias), by joining what they point at; the engineer by the id column
/// `engineer` (a work order's own, in the work order list). People are named
/// by `users.display_name`, never by their login name. Every join is a LEFT
/// JOIN on a primary key, so it never changes which rows the query returns
/// (a request always has its customer).
pub(super) fn join_names(q: &mut SelectStatement, requests: DynIden, engineer: (DynIden, DynIden)) {
    use service_request::Column as R;
    let columns = [
        Expr::col((customer::Entity, customer::Column::Name)),
        Expr::col((customer::Entity, customer::Column::Phone)),
        Expr::col((machine::Entity, machine::Column::SerialNumber)),
        Expr::col((product_model::Entity, product_model::Column::Name)),
        Expr::col((product_model::Entity, product_model::Column::Category)),
        Expr::col((user::Entity, user::Column::DisplayName)),
    ];
    for (column, alias) in columns.into_iter().zip(NAME_ALIASES) {
        q.expr_as(column, Alias::new(alias));
    }
    for (table, key) in [
        (customer::Entity.into_iden(), R::CustomerId),
        (machine::Entity.into_iden(), R::MachineId),
        (product_model::Entity.into_iden(), R::ModelId),
    ] {
        join_by_id(q, table.clone(), table, requests.clone(), key.into_iden());
    }
    let users = user::Entity.into_iden();
    join_by_id(q, users.clone(), users, engineer.0, engineer.1);
}

/// [`join_names`] for a request's own engineer, and the display name of the
/// user who created it: every name of [`Names`].
fn join_view_names(q: &mut SelectStatement, requests: DynIden) {
    use service_request::Column as R;
    join_names(
        q,
        requests.clone(),
        (requests.clone(), R::EngineerId.into_iden()),
    );
    let creator: DynIden = Alias::new("creator").into_iden();
    q.expr_as(
        Expr::col((creator.clone(), user::Column::DisplayName)),
        Alias::new(NAME_ALIASES[6]),
    );
    join_by_id(
        q,
        user::Entity.into_iden(),
        creator,
        requests,
        R::CreatedBy.into_iden(),
    );
}

/// The display name of the user a record names by `id`, from [`user_names`].
/// A view shows it, and the name stored with the record only where no
/// account is behind it (the stored names are login names).
pub fn display_name(names: &HashMap<Uuid, String>, id: Option<Uuid>) -> Option<String> {
    id.and_then(|id| names.get(&id).cloned())
}

/// `q` (filtered) ordered by `order` and cut at `limit` inside a subquery
/// `page`, with `names` joined outside it: the statement of a page of
/// requests with the names it shows.
///
/// sqlx hands every statement and every row between threads, so loading the
/// names by id after the page cost a second statement and as many rows again
/// (perf during `cargo xtask bench`). Joining them into the page query itself
/// made PostgreSQL leave the urgency index walk; behind the subquery's LIMIT
/// the page keeps its plan and the joins see only the page's rows.
pub(super) fn page_of(
    q: Select<service_request::Entity>,
    order: &[(service_request::Column, Order)],
    limit: u64,
    names: impl FnOnce(&mut SelectStatement, DynIden),
) -> SelectStatement {
    let page: DynIden = Alias::new("page").into_iden();
    let mut inner = q;
    for (col, dir) in order {
        inner = inner.order_by(*col, dir.clone());
    }
    let mut outer = Query::select();
    outer
        .column((page.clone(), Asterisk))
        .from_subquery(inner.limit(limit).into_query(), page.clone());
    names(&mut outer, page.clone());
    for (col, dir) in order {
        outer.order_by((page.clone(), *col), dir.clone());
    }
    outer
}

/// The names [`join_view_names`] added to a row.
fn names_of(res: &QueryResult, pre: &str) -> Result<Names, sea_orm::DbErr> {
    let [customer, phone, serial, model, category, engineer, creator] =
        NAME_ALIASES.map(|alias| res.try_get::<Option<String>>(pre, alias));
    Ok((
        customer?.unwrap_or_default(),
        phone?.unwrap_or_default(),
        serial?,
        model?,
        category?,
        engineer?,
        creator?,
    ))
}

/// A request row with the names [`join_view_names`] added.
struct WithNames(service_request::Model, Names);

impl FromQueryResult for WithNames {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self(
            service_request::Model::from_query_result(res, pre)?,
            names_of(res, pre)?,
        ))
    }
}

/// A request's id with the names [`join_view_names`] added.
struct IdNames(Uuid, Names);

impl FromQueryResult for IdNames {
    fn from_query_result(res: &QueryResult, pre: &str) -> Result<Self, sea_orm::DbErr> {
        Ok(Self(res.try_get(pre, "id")?, names_of(res, pre)?))
    }
}

/// The names shown with requests already loaded, in one query whatever their number.
async fn request_names(
    conn: &impl ConnectionTrait,
    rows: &[service_request::Model],
) -> Result<HashMap<Uuid, Names>, StoreError> {
    use service_request::{Column as R, Entity as Requests};
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let mut q = Requests::find()
        .select_only()
        .column(R::Id)
        .filter(R::Id.is_in(rows.iter().map(|r| r.id)));
    join_view_names(QueryTrait::query(&mut q), Requests.into_iden());
    Ok(q.into_model::<IdNames>()
        .all(conn)
        .await?
        .into_iter()
        .map(|IdNames(id, names)| (id, names))
        .collect())
}

/// One request the actor may see as a view, in a single statement (scope,
/// row and names): the read a dealer's integration polls most.
pub async fn find_request_view(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<ServiceRequestView, StoreError> {
    let mut q = scoped_requests(actor).filter(service_request::Column::Id.eq(id));
    join_view_names(
        QueryTrait::query(&mut q),
        service_request::Entity.into_iden(),
    );
    let WithNames(m, names) = q
        .into_model::<WithNames>()
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    let choice = super::choice::of_request(conn, &m, now).await?;
    let mut v = request_view(m, names, now)?;
    v.customer_choice = choice;
    if v.parts_waiting_since.is_some() {
        let today = now
            .with_timezone(&settings::sla(conn).await?.0.zone())
            .date_naive();
        v.parts_expected = crate::purchasing::parts_expected(conn, v.id, today).await?;
    }
    let mut v = with_actions(actor, v);
    if let Some(wo) = v.work_order_id {
        let w = by_id::<work_order::Entity>(conn, wo).await?;
        with_work_order_actions(actor, &mut v, &w)?;
        v.appointment_at = w.appointment_at;
        v.report = report_summary(conn, wo, v.engineer_name.clone()).await?;
    }
    if let Some(of) = v.repeat_of {
        v.repeat_of_number = scoped_requests(actor)
            .filter(service_request::Column::Id.eq(of))
            .one(conn)
            .await?
            .map(|r| r.number);
    }
    Ok(v)
}

/// The work order's report as its request's page sums it up, once approved:
/// only the fields `visibility::REPORT_FIELDS` shows a dealer, whoever reads.
async fn report_summary(
    conn: &impl ConnectionTrait,
    work_order_id: Uuid,
    engineer_name: Option<String>,
) -> Result<Option<ReportSummary>, StoreError> {
    let Some(r) = repair_report::Entity::find()
        .filter(repair_report::Column::WorkOrderId.eq(work_order_id))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let status = parse(&r.status, ReportStatus::parse)?;
    let fault = super::records::fault(&r)?;
    Ok(ReportSummary::shown(status).then(|| ReportSummary {
        status,
        engineer_name: engineer_name.unwrap_or_default(),
        fault,
        cause: r.cause,
        measures: r.measures,
        further_problems: r.further_problems,
        proposals: r.proposals,
        inspection_passed: r.inspection_passed,
        reviewed_at: r.reviewed_at,
        signed_at: r.signed_at,
    }))
}

/// Adds `reassign` to a request's record page when its work order may be
/// reassigned now: the supervisor finds the button on the request, and the
/// command goes to the work order, whose own view decides it the same way.
fn with_work_order_actions(
    actor: &Actor,
    v: &mut ServiceRequestView,
    w: &work_order::Model,
) -> Result<(), StoreError> {
    let status = parse(&w.status, WorkOrderStatus::parse)?;
    let state = furrow_domain::service::decide::available::case_state(
        v.status,
        v.needs_onsite,
        status,
        w.engineer_id,
        None,
        None,
        false,
    );
    if available_commands(actor, RecordKind::WorkOrder, &state).contains(&Command::Reassign) {
        v.actions.push(Command::Reassign);
    }
    Ok(())
}

/// A request view with the commands `actor` may run on it now.
pub fn with_actions(actor: &Actor, mut v: ServiceRequestView) -> ServiceRequestView {
    v.actions = available_commands(actor, RecordKind::ServiceRequest, &v.state());
    v
}

/// Requests as views, with the names of what they point at.
pub async fn request_views(
    conn: &impl ConnectionTrait,
    rows: Vec<service_request::Model>,
    now: DateTime<Utc>,
) -> Result<Vec<ServiceRequestView>, StoreError> {
    let mut names = request_names(conn, &rows).await?;
    rows.into_iter()
        .map(|m| {
            let n = names.remove(&m.id).unwrap_or_default();
            request_view(m, n, now)
        })
        .collect()
}

/// One request as a view, given the names of what it points at.
pub fn request_view(
    m: service_request::Model,
    names: Names,
    now: DateTime<Utc>,
) -> Result<ServiceRequestView, StoreError> {
    let (customer_name, customer_phone, serial, model_name, category, engineer_name, creator) =
        names;
    let next = running(&m).next();
    let legal_clock = parse(&m.legal_clock, sanbao::LegalClock::parse)?;
    let diagnosed_part = parse(&m.diagnosed_part, SuspectedPart::parse)?;
    Ok(ServiceRequestView {
        id: m.id,
        number: m.number.clone(),
        status: parse(&m.status, RequestStatus::parse)?,
        channel: parse(&m.channel, Channel::parse)?,
        kind: parse(&m.kind, RequestKind::parse)?,
        priority: parse(&m.priority, Priority::parse)?,
        customer_id: m.customer_id,
        customer_name,
        customer_phone,
        machine_id: m.machine_id,
        serial_number: serial.or(m.reported_serial.clone()),
        model_id: m.model_id,
        model_name,
        category: category.as_deref().and_then(MachineCategory::parse),
        dealer_id: m.dealer_id,
        symptoms: m.symptoms.clone(),
        site_address: m.site_address.clone(),
        site_lat: m.site_lat,
        site_lon: m.site_lon,
        preliminary_judgement: m.preliminary_judgement.clone(),
        needs_onsite: m.needs_onsite,
        harvest_critical: m.harvest_critical,
        machine_stopped: m.machine_stopped,
        operation_at_risk: m.operation_at_risk.as_deref().and_then(Operation::parse),
        suspected_part: parse(&m.suspected_part, SuspectedPart::parse)?,
        in_season: m.in_season,
        legal_clock,
        repair_due_provisional: m.repair_due.is_some()
            && sanbao::provisional(legal_clock, diagnosed_part),
        diagnosed_part,
        promised_arrival_at: m.promised_arrival_at,
        reported_at: m.reported_at,
        first_contact_due: m.first_contact_due,
        first_contact_at: m.first_contact_at,
        arrival_due: m.arrival_due,
        arrived_at: m.arrived_at,
        repair_due: m.repair_due,
        repaired_at: m.repaired_at,
        parts_waiting_since: m.parts_waiting_since,
        // Reads the purchase requests: `find_request_view` adds it.
        parts_expected: None,
        completed_at: m.completed_at,
        cancelled_at: m
            .closed_at
            .filter(|_| m.status == RequestStatus::Cancelled.as_str()),
        next_due_at: next.map(|(_, d)| d),
        overdue: next.is_some_and(|(_, d)| d < now),
        downtime_hours: downtime_hours(
            m.reported_at,
            downtime_end(m.completed_at, m.closed_at, now),
        ),
        work_order_id: m.work_order_id,
        engineer_id: m.engineer_id,
        engineer_name,
        appointment_at: None,
        report: None,
        repeat_of: m.repeat_of,
        repeat_of_number: None,
        cancel_reason: m.cancel_reason.clone(),
        resolution: m.resolution.clone(),
        // Reads the machine's warranty: `find_request_view` adds it.
        customer_choice: None,
        proposed_coverage: coverage_of(m.proposed_coverage.as_deref())?,
        coverage: coverage_of(m.coverage.as_deref())?,
        coverage_reason: m.coverage_reason.clone(),
        created_by: creator.unwrap_or_else(|| m.created_by_name.clone()),
        actions: Vec::new(),
        version: m.version,
        created_at: m.created_at,
        updated_at: m.updated_at,
    })
}

/// A stored coverage name read back (none on requests recorded before coverage).
pub fn coverage_of(stored: Option<&str>) -> Result<Option<Coverage>, StoreError> {
    stored.map(|c| parse(c, Coverage::parse)).transpose()
}

/// Who pays for a request now: as confirmed at review, else as proposed.
pub fn current_coverage(m: &service_request::Model) -> Result<Option<Coverage>, StoreError> {
    Ok(coverage_of(m.coverage.as_deref())?.or(coverage_of(m.proposed_coverage.as_deref())?))
}

/// The customer's address as one line, for the work order's site.
pub fn address_line(c: &customer::Model) -> String {
    let street = c.address.as_deref().unwrap_or("");
    // Addresses often repeat the province, city and county; keep each once.
    let mut line: String = [
        Some(c.province.as_str()),
        c.city.as_deref(),
        c.county.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|part| !street.contains(part))
    .collect();
    line.push_str(street);
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn customer(address: Option<&str>) -> customer::Model {
        customer::Model {
            id: Uuid::nil(),
            code: "C1".into(),
            name: "x".into(),
            kind: "farm".into(),
            phone: "1".into(),
            alt_phone: None,
            email: None,
            province: "黑龙江".into(),
            city: Some("哈尔滨".into()),
            county: Some("五常市".into()),
            address: address.map(Into::into),
            lat: None,
            lon: None,
            dealer_id: None,
            notes: None,
            search_text: String::new(),
            active: true,
            version: 1,
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn the_site_address_names_each_place_once() {
        assert_eq!(
            address_line(&customer(Some("黑龙江哈尔滨五常市丰收村2组"))),
            "黑龙江哈尔滨五常市丰收村2组"
        );
        assert_eq!(
            address_line(&customer(Some("丰收村2组"))),
            "黑龙江哈尔滨五常市丰收村2组"
        );
        assert_eq!(address_line(&customer(None)), "黑龙江哈尔滨五常市");
    }
}
