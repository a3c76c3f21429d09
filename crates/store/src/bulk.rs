//! The bulk-load API: many records at once, for loading a data set at scale
//! (the bench's million requests) where running each command would take days.
//!
//! Callers build plain rows ([`DealerRow`], [`ServiceRequestRow`], ...) with
//! exactly what the commands would have left behind, collect them in a
//! [`Batch`], and [`Batch::write`] it inside one write transaction of theirs:
//! multi-row inserts, as many rows per statement as the engine takes bound
//! parameters. The rows are the store's, not its entities, so a new column
//! with a default is added here and nowhere else (rows are `Default`; loaders
//! spell out what they mean and leave the rest).
//!
//! Nothing here checks the domain's rules: the loader is trusted to write what
//! the commands would have written. Everything here is for loading and
//! measuring, never for serving requests.

use crate::entities::{
    audit_event, customer, dealer, engineer_profile, follow_up, machine, product_model,
    repair_report, sequence, service_request, sign_link, user, work_order,
};
use crate::error::StoreError;
use crate::idempotency::IdempotencyKey;
use crate::{Store, WriteTx};
use chrono::{DateTime, NaiveDate, Utc};
use furrow_domain::auth::Actor;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, IntoActiveModel, Iterable,
    PaginatorTrait,
};
use uuid::Uuid;

/// Declares each plain row beside the table it fills: the struct, its
/// conversions to and from the table's record, and a reader of the whole table.
macro_rules! rows {
    ($(
        $(#[$doc:meta])*
        $row:ident => $entity:ident, read by $reader:ident, counted as $table:literal {
            $($(#[$fdoc:meta])* $field:ident: $ty:ty),+ $(,)?
        }
    )+) => {
        $(
            $(#[$doc])*
            #[derive(Debug, Clone, Default, PartialEq)]
            pub struct $row {
                $($(#[$fdoc])* pub $field: $ty),+
            }

            impl From<$row> for $entity::Model {
                fn from(r: $row) -> Self {
                    $entity::Model { $($field: r.$field),+ }
                }
            }

            impl From<$entity::Model> for $row {
                fn from(m: $entity::Model) -> Self {
                    $row { $($field: m.$field),+ }
                }
            }

            /// Every row of the table, in no particular order.
            pub async fn $reader(store: &Store) -> Result<Vec<$row>, StoreError> {
                Ok($entity::Entity::find()
                    .all(store.conn())
                    .await?
                    .into_iter()
                    .map($row::from)
                    .collect())
            }
        )+

        /// Rows per table the loader writes, by table name.
        pub async fn counts(store: &Store) -> Result<Vec<(String, u64)>, StoreError> {
            Ok(vec![$(
                ($table.to_owned(), $entity::Entity::find().count(store.conn()).await?),
            )+])
        }
    };
}

rows! {
    DealerRow => dealer, read by dealers, counted as "dealers" {
        id: Uuid, code: String, name: String, region: String,
        contact_name: Option<String>, contact_phone: Option<String>, address: Option<String>,
        active: bool, version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    CustomerRow => customer, read by customers, counted as "customers" {
        id: Uuid, code: String, name: String,
        /// `CustomerKind::as_str`.
        kind: String,
        phone: String, alt_phone: Option<String>, email: Option<String>, province: String,
        city: Option<String>, county: Option<String>, address: Option<String>,
        lat: Option<f64>, lon: Option<f64>, dealer_id: Option<Uuid>, notes: Option<String>,
        /// `furrow_domain::master::search_text` of code, name and phones.
        search_text: String,
        active: bool, version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    MachineRow => machine, read by machines, counted as "machines" {
        id: Uuid, serial_number: String, model_id: Uuid, customer_id: Uuid,
        dealer_id: Option<Uuid>, sale_date: Option<NaiveDate>, warranty_end: Option<NaiveDate>,
        extended_warranty_end: Option<NaiveDate>, replaced_on: Option<NaiveDate>, engine_hours: Option<i32>, status: String, notes: Option<String>,
        active: bool, version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    UserRow => user, read by users, counted as "users" {
        id: Uuid, username: String, display_name: String,
        /// From [`crate::password::hash_blocking`]; one hash may serve many rows.
        password_hash: String,
        /// Comma-separated role names (`agent,supervisor`).
        roles: String,
        dealer_id: Option<Uuid>, department: Option<String>, locale: Option<String>,
        active: bool, version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    EngineerProfileRow => engineer_profile, read by engineer_profiles, counted as "engineer_profiles" {
        user_id: Uuid,
        /// Comma-separated machine categories.
        skills: String,
        home_base: Option<String>, lat: Option<f64>, lon: Option<f64>, phone: Option<String>,
        active: bool, version: i32, updated_at: DateTime<Utc>,
    }
    ServiceRequestRow => service_request, read by service_requests, counted as "service_requests" {
        id: Uuid, number: String, status: String, is_open: bool, channel: String, kind: String,
        priority: String, priority_rank: i32, customer_id: Uuid, machine_id: Option<Uuid>,
        model_id: Option<Uuid>, reported_serial: Option<String>, dealer_id: Option<Uuid>,
        region: Option<String>, site_address: Option<String>, site_lat: Option<f64>,
        site_lon: Option<f64>, symptoms: String, preliminary_judgement: Option<String>,
        needs_onsite: bool, harvest_critical: bool, machine_stopped: bool, stopped_rank: i32,
        operation_at_risk: Option<String>, suspected_part: String, in_season: bool,
        legal_clock: String, diagnosed_part: String,
        promised_arrival_at: Option<DateTime<Utc>>, reported_at: DateTime<Utc>,
        first_contact_due: DateTime<Utc>, first_contact_at: Option<DateTime<Utc>>,
        arrival_due: Option<DateTime<Utc>>, arrived_at: Option<DateTime<Utc>>,
        repair_due: Option<DateTime<Utc>>, repaired_at: Option<DateTime<Utc>>,
        completed_at: Option<DateTime<Utc>>, closed_at: Option<DateTime<Utc>>,
        /// The urgency key: set it with [`ServiceRequestRow::sort_due`].
        sort_due: DateTime<Utc>,
        work_order_id: Option<Uuid>, engineer_id: Option<Uuid>, repeat_of: Option<Uuid>,
        cancel_reason: Option<String>, resolution: Option<String>,
        proposed_coverage: Option<String>, coverage: Option<String>,
        coverage_reason: Option<String>, parts_waiting_since: Option<DateTime<Utc>>,
        created_by: Option<Uuid>, created_by_name: String, version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    WorkOrderRow => work_order, read by work_orders, counted as "work_orders" {
        id: Uuid, number: String, status: String, is_open: bool, request_id: Uuid,
        engineer_id: Uuid, dispatcher_id: Option<Uuid>, dispatcher_name: String,
        site_address: String, requirements: Option<String>, arrival_due: Option<DateTime<Utc>>,
        appointment_at: Option<DateTime<Utc>>, arrived_at: Option<DateTime<Utc>>,
        finished_at: Option<DateTime<Utc>>, inspection_passed: Option<bool>,
        finish_notes: Option<String>, close_reason: Option<String>,
        ack_signer_name: Option<String>, ack_satisfaction: Option<String>,
        acknowledged_at: Option<DateTime<Utc>>,
        version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    RepairReportRow => repair_report, read by repair_reports, counted as "repair_reports" {
        id: Uuid, work_order_id: Uuid, request_id: Uuid, engineer_id: Uuid, status: String,
        process: String, cause: String, measures: String, further_problems: Option<String>,
        proposals: Option<String>,
        /// A decimal written as text.
        labour_hours: String,
        /// `[PartLine]`.
        parts: serde_json::Value,
        inspection_passed: Option<bool>, submitted_at: Option<DateTime<Utc>>,
        reviewer_id: Option<Uuid>, reviewer_name: Option<String>, review_comment: Option<String>,
        reviewed_at: Option<DateTime<Utc>>, signer_name: Option<String>,
        signature_png: Option<Vec<u8>>, signed_at: Option<DateTime<Utc>>,
        signed_ip: Option<String>, refusal_reason: Option<String>,
        /// `MainAssembly::as_str`, when the report names one.
        fault_assembly: Option<String>, fault_serious: bool, fault_assembly_replaced: bool,
        version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    SignLinkRow => sign_link, read by sign_links, counted as "sign_links" {
        id: Uuid, report_id: Uuid, token_hash: String, expires_at: DateTime<Utc>,
        used_at: Option<DateTime<Utc>>, created_by: Option<Uuid>, created_at: DateTime<Utc>,
    }
    FollowUpRow => follow_up, read by follow_ups, counted as "follow_ups" {
        id: Uuid, request_id: Uuid, due_at: DateTime<Utc>, status: String,
        method: Option<String>, attempts: i32, reached: Option<bool>,
        satisfaction: Option<String>, machine_running_normally: Option<bool>,
        comments: Option<String>, suggestions: Option<String>,
        completed_at: Option<DateTime<Utc>>, failed_attempts: i32,
        last_attempt_at: Option<DateTime<Utc>>, completed_by: Option<Uuid>,
        version: i32, created_at: DateTime<Utc>, updated_at: DateTime<Utc>,
    }
    AuditEventRow => audit_event, read by audit_events, counted as "audit_events" {
        id: Uuid, at: DateTime<Utc>, actor_id: Option<Uuid>, actor_name: String,
        entity_type: String, entity_id: Uuid, action: String, changes: serde_json::Value,
    }
}

/// A product model as the loader needs it (models come from the demo data).
#[derive(Debug, Clone, PartialEq)]
pub struct ProductModelRow {
    pub id: Uuid,
    pub code: String,
    /// `MachineCategory::as_str`.
    pub category: String,
    pub warranty_months: i32,
}

/// Every product model.
pub async fn product_models(store: &Store) -> Result<Vec<ProductModelRow>, StoreError> {
    Ok(product_model::Entity::find()
        .all(store.conn())
        .await?
        .into_iter()
        .map(|m| ProductModelRow {
            id: m.id,
            code: m.code,
            category: m.category,
            warranty_months: m.warranty_months,
        })
        .collect())
}

impl CustomerRow {
    /// The one-line address lists show (`service::common::address_line`).
    pub fn address_line(&self) -> String {
        crate::service::common::address_line(&customer::Model::from(self.clone()))
    }
}

impl ServiceRequestRow {
    /// The urgency key the store keeps for the request as it stands
    /// (`service::common::sort_due`): the next running clock's due time.
    pub fn sort_due(&self) -> DateTime<Utc> {
        crate::service::common::sort_due(&service_request::Model::from(self.clone()))
    }
}

/// One request by id: a primary-key read, as the bench's read ceiling measures.
pub async fn service_request(
    store: &Store,
    id: Uuid,
) -> Result<Option<ServiceRequestRow>, StoreError> {
    Ok(service_request::Entity::find_by_id(id)
        .one(store.conn())
        .await?
        .map(ServiceRequestRow::from))
}

/// Some loaded request, to copy (the bench's intake twin), if there is one.
pub async fn any_service_request(store: &Store) -> Result<Option<ServiceRequestRow>, StoreError> {
    Ok(service_request::Entity::find()
        .one(store.conn())
        .await?
        .map(ServiceRequestRow::from))
}

/// What an intake writes for `row`, and nothing else, inside `tx`: the row,
/// its audit event and its idempotency record with the answer
/// (`service::requests::insert_intake`). The bench's intake twin measures it.
pub async fn insert_intake(
    tx: &WriteTx,
    row: &ServiceRequestRow,
    actor: &Actor,
    answer: Option<(&IdempotencyKey, String)>,
) -> Result<(), StoreError> {
    let model = service_request::Model::from(row.clone());
    crate::service::requests::insert_intake(&**tx, &model, actor, answer).await
}

/// Rows to write together, in the order the tables refer to each other.
#[derive(Debug, Default)]
pub struct Batch {
    pub dealers: Vec<DealerRow>,
    pub users: Vec<UserRow>,
    pub customers: Vec<CustomerRow>,
    pub machines: Vec<MachineRow>,
    pub engineer_profiles: Vec<EngineerProfileRow>,
    pub requests: Vec<ServiceRequestRow>,
    pub work_orders: Vec<WorkOrderRow>,
    pub reports: Vec<RepairReportRow>,
    pub sign_links: Vec<SignLinkRow>,
    pub follow_ups: Vec<FollowUpRow>,
    pub audit_events: Vec<AuditEventRow>,
}

impl Batch {
    /// Inserts every row inside `tx` (the caller commits): referenced tables
    /// first, as many rows per statement as the engine allows.
    pub async fn write(self, tx: &WriteTx) -> Result<(), StoreError> {
        let conn = &**tx;
        insert_all::<dealer::ActiveModel, _>(conn, self.dealers).await?;
        insert_all::<user::ActiveModel, _>(conn, self.users).await?;
        insert_all::<customer::ActiveModel, _>(conn, self.customers).await?;
        insert_all::<machine::ActiveModel, _>(conn, self.machines).await?;
        insert_all::<engineer_profile::ActiveModel, _>(conn, self.engineer_profiles).await?;
        insert_all::<service_request::ActiveModel, _>(conn, self.requests).await?;
        insert_all::<work_order::ActiveModel, _>(conn, self.work_orders).await?;
        insert_all::<repair_report::ActiveModel, _>(conn, self.reports).await?;
        insert_all::<sign_link::ActiveModel, _>(conn, self.sign_links).await?;
        insert_all::<follow_up::ActiveModel, _>(conn, self.follow_ups).await?;
        insert_all::<audit_event::ActiveModel, _>(conn, self.audit_events).await?;
        Ok(())
    }
}

/// Bound parameters per statement: SQLite's limit is 32766, PostgreSQL's 65535.
fn rows_per_statement(backend: DbBackend, columns: usize) -> usize {
    let limit = match backend {
        DbBackend::Postgres => 65_535,
        _ => 32_766,
    };
    (limit / columns.max(1)).clamp(1, 2_000)
}

/// Multi-row inserts of `rows`, as many per statement as the engine allows.
async fn insert_all<A, R>(conn: &impl ConnectionTrait, rows: Vec<R>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + From<<A::Entity as EntityTrait>::Model>,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
    R: Into<<A::Entity as EntityTrait>::Model>,
{
    if rows.is_empty() {
        return Ok(());
    }
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    let per = rows_per_statement(conn.get_database_backend(), columns);
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        // Every column set: a record converted to its active model is "unchanged".
        let chunk: Vec<A> = rows
            .by_ref()
            .take(per)
            .map(|r| A::from(r.into()).reset_all())
            .collect();
        <A::Entity as EntityTrait>::insert_many(chunk)
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// Sets a named counter (`customer`, `SR-2026`, `WO-2025`) to `value`, so the
/// next number the commands take follows the loaded ones.
pub async fn set_counter(tx: &WriteTx, name: &str, value: i64) -> Result<(), StoreError> {
    sequence::Entity::insert(sequence::ActiveModel {
        name: sea_orm::ActiveValue::Set(name.to_owned()),
        value: sea_orm::ActiveValue::Set(value),
    })
    .on_conflict(
        OnConflict::column(sequence::Column::Name)
            .value(sequence::Column::Value, Expr::value(value))
            .to_owned(),
    )
    .exec_without_returning(&**tx)
    .await?;
    Ok(())
}

/// Session settings for loading through `store` (open it with one connection
/// so they apply to every statement): a large page cache on SQLite; on
/// PostgreSQL no flush per commit. A crash while loading means loading again.
pub async fn prepare_for_loading(store: &Store) -> Result<(), StoreError> {
    let sql = match store.backend() {
        crate::Backend::Sqlite => "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY",
        crate::Backend::Postgres => "SET synchronous_commit = off",
    };
    Ok(store.execute_unprepared(sql).await?)
}

/// After loading: checkpoints SQLite's WAL into the database file; on
/// PostgreSQL, what autovacuum would do shortly after a bulk load (statistics
/// and the visibility map), so the planner sees the real table sizes. SQLite
/// gets no ANALYZE: Furrow never runs one. Returns what it ran, for the log.
pub async fn settle(store: &Store) -> Result<&'static str, StoreError> {
    let (sql, what) = match store.backend() {
        crate::Backend::Sqlite => ("PRAGMA wal_checkpoint(TRUNCATE)", "WAL checkpoint"),
        crate::Backend::Postgres => ("VACUUM ANALYZE", "VACUUM ANALYZE"),
    };
    store.execute_unprepared(sql).await?;
    Ok(what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_stay_under_the_bound_parameter_limits() {
        assert!(rows_per_statement(DbBackend::Sqlite, 45) * 45 <= 32_766);
        assert!(rows_per_statement(DbBackend::Postgres, 45) * 45 <= 65_535);
    }
}
