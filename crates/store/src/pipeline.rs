//! The one way a workflow command is written: begin the write → load the case
//! scoped to the actor → check the client's version (`If-Match`) → decide (a
//! pure `domain` function) → save the changed and created records → write the
//! audit and outbox events → commit. Commands differ only in the decision
//! they call and in what they prepare for it (a number, an engineer's name).
//!
//! Every changed row is updated only if it still has the version it was
//! loaded with, so of two concurrent commands on one case exactly one commits
//! and the other answers 412; on PostgreSQL the update also holds the row
//! until commit.

use crate::db::by_id;
use crate::entities::{follow_up, machine, repair_report, service_request, work_order};
use crate::error::StoreError;
use crate::service::common::find_request;
use crate::service::records;
use crate::service::{reports, work_orders};
use crate::{Store, WriteTx, audit, sequences, settings};
use chrono::{DateTime, Datelike, FixedOffset, Utc};
use furrow_domain::DomainError;
use furrow_domain::auth::Actor;
use furrow_domain::service::calendar::WorkCalendar;
use furrow_domain::service::decide::{Case, Ctx, Decision, NewRecord, Replacement};
use furrow_domain::service::sla::SlaSettings;
use sea_orm::sea_query::{Alias, Expr};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::{NotSet, Set},
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect,
};
use uuid::Uuid;

/// The record a command names, whose version `If-Match` refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Request(Uuid),
    WorkOrder(Uuid),
    Report(Uuid),
    /// The report of a work order, which may not exist yet (version 0).
    ReportOfWorkOrder(Uuid),
    /// A follow-up call, with its request's case.
    FollowUp(Uuid),
}

/// Who may load the case: an actor through its scope, or a sign-off link
/// already checked (the link is the customer's authority).
#[derive(Debug, Clone, Copy)]
pub enum Access<'a> {
    Actor(&'a Actor),
    Link,
}

/// The rows of a case as loaded.
struct Rows {
    request: service_request::Model,
    work_order: Option<work_order::Model>,
    report: Option<repair_report::Model>,
    follow_up: Option<follow_up::Model>,
}

/// A command under way inside its write transaction: a [`Creation`] (the
/// transaction, actor and time, whose accessors it offers through `Deref`)
/// with the case it loaded.
pub struct Pipeline<'a> {
    write: Creation<'a>,
    rows: Rows,
    case: Case,
}

impl<'a> std::ops::Deref for Pipeline<'a> {
    type Target = Creation<'a>;

    fn deref(&self) -> &Creation<'a> {
        &self.write
    }
}

/// What a committed command wrote: the ids of its case, created ones included.
#[derive(Debug, Clone, Copy)]
pub struct Committed {
    pub request_id: Uuid,
    /// The work order created by the command, else the one it addressed.
    pub work_order_id: Option<Uuid>,
    /// The report created by the command, else the loaded one.
    pub report_id: Option<Uuid>,
}

impl<'a> Pipeline<'a> {
    /// Begins the write, loads the case `target` names as `access` may see
    /// it (404 otherwise), and checks `expected` against the target's version.
    pub async fn begin(
        store: &Store,
        actor: &'a Actor,
        access: Access<'_>,
        target: Target,
        expected: Option<i32>,
    ) -> Result<Self, StoreError> {
        let write = Creation::begin(store, actor).await?;
        let rows = load(&*write.tx, access, target).await?;
        let current = match target {
            Target::Request(_) => rows.request.version,
            Target::WorkOrder(_) => rows.work_order.as_ref().map_or(0, |w| w.version),
            Target::Report(_) | Target::ReportOfWorkOrder(_) => {
                rows.report.as_ref().map_or(0, |r| r.version)
            }
            Target::FollowUp(_) => rows.follow_up.as_ref().map_or(0, |f| f.version),
        };
        if expected.is_some_and(|v| v != current) {
            return Err(StoreError::StaleVersion { current });
        }
        let case = Case {
            request: records::request(&rows.request)?,
            work_order: rows
                .work_order
                .as_ref()
                .map(records::work_order)
                .transpose()?,
            report: rows.report.as_ref().map(records::report).transpose()?,
        };
        Ok(Self { write, rows, case })
    }

    /// [`Pipeline::begin`] for a signed-in actor, who sees the case as the
    /// permission table's scope says: the one way staff commands begin.
    pub async fn for_actor(
        store: &Store,
        actor: &'a Actor,
        target: Target,
        expected: Option<i32>,
    ) -> Result<Self, StoreError> {
        Self::begin(store, actor, Access::Actor(actor), target, expected).await
    }

    /// The whole pipeline of a staff command whose decision needs only the
    /// case and its context: [`Pipeline::for_actor`], `decide`, commit.
    pub async fn run(
        store: &Store,
        actor: &'a Actor,
        target: Target,
        expected: Option<i32>,
        decide: impl FnOnce(&Case, &Ctx<'a>) -> Result<Decision, DomainError>,
    ) -> Result<Committed, StoreError> {
        let p = Self::for_actor(store, actor, target, expected).await?;
        let d = decide(p.case(), &p.ctx())?;
        p.commit(d).await
    }

    /// [`Pipeline::run`] for a decision that starts or stops clocks: it gets
    /// the SLA settings and the working-day calendar ([`settings::clocks`]).
    pub async fn run_with_clocks(
        store: &Store,
        actor: &'a Actor,
        target: Target,
        expected: Option<i32>,
        decide: impl FnOnce(
            &Case,
            &Ctx<'a>,
            &SlaSettings,
            &WorkCalendar,
        ) -> Result<Decision, DomainError>,
    ) -> Result<Committed, StoreError> {
        let (sla, calendar) = settings::clocks(store).await?;
        Self::run(store, actor, target, expected, |case, ctx| {
            decide(case, ctx, &sla, &calendar)
        })
        .await
    }

    /// The case as loaded, for the decision.
    pub fn case(&self) -> &Case {
        &self.case
    }

    /// The follow-up a [`Target::FollowUp`] command addresses.
    pub fn follow_up(
        &self,
    ) -> Result<furrow_domain::service::follow_up::FollowUpRecord, StoreError> {
        records::follow_up(self.rows.follow_up.as_ref().ok_or(StoreError::NotFound)?)
    }

    /// The case's request as stored (what the decision's records leave out).
    pub fn request_row(&self) -> &service_request::Model {
        &self.rows.request
    }

    /// The customer of the case's request.
    pub fn customer_id(&self) -> Uuid {
        self.rows.request.customer_id
    }

    /// The site address taken at the request's intake, if it has one.
    pub fn site_address(&self) -> Option<&str> {
        self.rows.request.site_address.as_deref()
    }

    /// Saves what `decision` says, writes its events and commits.
    pub async fn commit(self, decision: Decision) -> Result<Committed, StoreError> {
        let conn = &*self.write.tx;
        let now = self.write.now;
        let Rows {
            request: mut request_row,
            work_order,
            report,
            follow_up: follow_up_row,
        } = self.rows;
        if let Some(r) = &decision.request {
            let loaded = request_row.version;
            records::put_request(&mut request_row, r);
            request_row.updated_at = now;
            request_row.version = loaded + 1;
            let am = service_request::ActiveModel::from(request_row.clone()).reset_all();
            save_versioned(conn, am, request_row.id, loaded).await?;
        }
        if let Some(w) = &decision.work_order {
            let existing = work_order.as_ref().ok_or(StoreError::NotFound)?;
            let mut row = records::work_order_row(w, Some(existing), now);
            row.version = existing.version + 1;
            let am = work_order::ActiveModel::from(row).reset_all();
            save_versioned(conn, am, existing.id, existing.version).await?;
        }
        if let Some(r) = &decision.report {
            let existing = report.as_ref().ok_or(StoreError::NotFound)?;
            let mut row = records::report_row(r, Some(existing), now)?;
            row.version = existing.version + 1;
            let mut am = repair_report::ActiveModel::from(row).reset_all();
            // The signature and its address are written by the sign-off alone.
            am.signature_png = NotSet;
            am.signed_ip = NotSet;
            save_versioned(conn, am, existing.id, existing.version).await?;
        }
        if let Some(f) = &decision.follow_up {
            let existing = follow_up_row.as_ref().ok_or(StoreError::NotFound)?;
            let mut row = existing.clone();
            records::put_follow_up(&mut row, f);
            row.version = existing.version + 1;
            row.updated_at = now;
            let am = follow_up::ActiveModel::from(row).reset_all();
            save_versioned(conn, am, existing.id, existing.version).await?;
        }
        if let Some(r) = &decision.replacement {
            replace_machine(conn, r, now).await?;
        }
        self.write.commit(&decision).await?;
        Ok(Committed {
            request_id: request_row.id,
            work_order_id: decision
                .created_work_order()
                .map(|w| w.id)
                .or(work_order.map(|w| w.id)),
            report_id: decision
                .created_report()
                .map(|r| r.id)
                .or(report.map(|r| r.id)),
        })
    }
}

/// A command that creates its case (intake): a write with nothing to load
/// yet, whose decision is saved as every other command's is.
pub struct Creation<'a> {
    tx: WriteTx,
    actor: &'a Actor,
    now: DateTime<Utc>,
}

impl<'a> Creation<'a> {
    /// Begins the write.
    pub async fn begin(store: &Store, actor: &'a Actor) -> Result<Self, StoreError> {
        Ok(Self {
            tx: store.begin_write().await?,
            actor,
            now: store.now(),
        })
    }

    /// The actor and the store's time, for the decision.
    pub fn ctx(&self) -> Ctx<'a> {
        Ctx {
            actor: self.actor,
            now: self.now,
        }
    }

    /// The open transaction, for what the command writes beside its decision.
    pub fn tx(&self) -> &DatabaseTransaction {
        &self.tx
    }

    /// A fresh number of `prefix` for the year of `now` in `zone`
    /// (`WO-2026-000123`), taken in this transaction so a failed command
    /// uses none.
    pub async fn take_number(&self, prefix: &str, zone: FixedOffset) -> Result<String, StoreError> {
        number(&self.tx, self.now, prefix, zone).await
    }

    /// Saves what `decision` creates, writes its events and commits.
    pub async fn commit(self, decision: &Decision) -> Result<(), StoreError> {
        save_created(&*self.tx, self.actor, decision, self.now).await?;
        self.tx.commit().await?;
        Ok(())
    }
}

/// A fresh number of `prefix` for the year of `now` in `zone`, taken in `tx`.
async fn number(
    tx: &WriteTx,
    now: DateTime<Utc>,
    prefix: &str,
    zone: FixedOffset,
) -> Result<String, StoreError> {
    let year = now.with_timezone(&zone).year();
    Ok(sequences::take_number(&**tx, &format!("{prefix}-{year}")).await?)
}

/// Inserts the records `decision` creates and records its events, inside the
/// caller's transaction: the one way a command's new records and events are
/// written.
pub async fn save_created(
    conn: &impl ConnectionTrait,
    actor: &Actor,
    decision: &Decision,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for new in &decision.create {
        create(conn, new, now).await?;
    }
    // Last, so the outbox's counter is held only for the commit.
    for event in &decision.events {
        audit::record_event(conn, Some(actor), event, now).await?;
    }
    Ok(())
}

/// Gives the machine of a replacement (换货) its new serial and restarted
/// 三包 period, if it still has the version the decision read.
async fn replace_machine(
    conn: &impl ConnectionTrait,
    r: &Replacement,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let am = machine::ActiveModel {
        serial_number: Set(r.new_serial.clone()),
        replaced_on: Set(Some(r.replaced_on)),
        warranty_end: Set(r.warranty_end),
        version: Set(r.version + 1),
        updated_at: Set(now),
        ..Default::default()
    };
    save_versioned(conn, am, r.machine_id, r.version).await
}

/// Writes a changed row (its version already advanced) if the stored one
/// still has version `loaded`; otherwise someone else wrote first: 412.
async fn save_versioned<A>(
    conn: &impl ConnectionTrait,
    am: A,
    id: Uuid,
    loaded: i32,
) -> Result<(), StoreError>
where
    A: ActiveModelTrait,
{
    let res = sea_orm::Update::many(A::Entity::default())
        .set(am)
        .filter(Expr::col(Alias::new("id")).eq(id))
        .filter(Expr::col(Alias::new("version")).eq(loaded))
        .exec(conn)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::StaleVersion {
            current: loaded + 1,
        })
    }
}

/// Inserts a record a decision creates.
async fn create(
    conn: &impl ConnectionTrait,
    new: &NewRecord,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    match new {
        NewRecord::Request(r) => {
            let row = crate::service::requests::new_row(r);
            service_request::Entity::insert(service_request::ActiveModel::from(row).reset_all())
                .exec_without_returning(conn)
                .await?;
        }
        NewRecord::WorkOrder(w) => {
            let row = records::work_order_row(w, None, now);
            work_order::Entity::insert(work_order::ActiveModel::from(row).reset_all())
                .exec_without_returning(conn)
                .await?;
        }
        NewRecord::Report(r) => {
            let row = records::report_row(r, None, now)?;
            repair_report::Entity::insert(repair_report::ActiveModel::from(row).reset_all())
                .exec_without_returning(conn)
                .await?;
        }
        NewRecord::FollowUp(f) => {
            follow_up::Entity::insert(follow_up::ActiveModel {
                id: Set(Uuid::now_v7()),
                request_id: Set(f.request_id),
                due_at: Set(f.due_at),
                status: Set("pending".into()),
                method: Set(None),
                attempts: Set(0),
                reached: Set(None),
                satisfaction: Set(None),
                machine_running_normally: Set(None),
                comments: Set(None),
                suggestions: Set(None),
                completed_at: Set(None),
                failed_attempts: Set(0),
                last_attempt_at: Set(None),
                completed_by: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            })
            .exec_without_returning(conn)
            .await?;
        }
    }
    Ok(())
}

/// Loads the case of `target` as `access` may see it.
async fn load(
    conn: &impl ConnectionTrait,
    access: Access<'_>,
    target: Target,
) -> Result<Rows, StoreError> {
    lock_target(conn, target).await?;
    let (request_id, work_order, report) = match target {
        Target::Request(named) | Target::FollowUp(named) => {
            let follow_up = match target {
                Target::FollowUp(_) => Some(by_id::<follow_up::Entity>(conn, named).await?),
                _ => None,
            };
            let id = follow_up.as_ref().map_or(named, |f| f.request_id);
            // Seeing the follow-up is seeing its request.
            let request = match access {
                Access::Actor(a) => find_request(conn, a, id).await?,
                Access::Link => by_id::<service_request::Entity>(conn, id).await?,
            };
            let work_order = match request.work_order_id {
                Some(w) => Some(by_id::<work_order::Entity>(conn, w).await?),
                None => None,
            };
            let report = report_of(conn, work_order.as_ref().map(|w| w.id)).await?;
            return Ok(Rows {
                request,
                work_order,
                report,
                follow_up,
            });
        }
        Target::WorkOrder(id) | Target::ReportOfWorkOrder(id) => {
            let w = match access {
                Access::Actor(a) => work_orders::find(conn, a, id).await?,
                Access::Link => by_id::<work_order::Entity>(conn, id).await?,
            };
            let report = report_of(conn, Some(w.id)).await?;
            (w.request_id, Some(w), report)
        }
        Target::Report(id) => {
            let r = match access {
                Access::Actor(a) => reports::find(conn, a, id).await?,
                Access::Link => by_id::<repair_report::Entity>(conn, id).await?,
            };
            let w = by_id::<work_order::Entity>(conn, r.work_order_id).await?;
            (r.request_id, Some(w), Some(r))
        }
    };
    // Seeing the work order or report is seeing its request.
    let request = by_id::<service_request::Entity>(conn, request_id).await?;
    Ok(Rows {
        request,
        work_order,
        report,
        follow_up: None,
    })
}

/// Locks the named row first. On PostgreSQL a second command on the same
/// record then waits here until the first commits and reads what it wrote (a
/// newer version: 412), instead of reading half the case before that commit
/// and half after. SQLite's one writer already runs commands one at a time.
async fn lock_target(conn: &impl ConnectionTrait, target: Target) -> Result<(), StoreError> {
    if conn.get_database_backend() != sea_orm::DbBackend::Postgres {
        return Ok(());
    }
    match target {
        Target::Request(id) => {
            service_request::Entity::find_by_id(id)
                .lock_exclusive()
                .one(conn)
                .await?;
        }
        Target::WorkOrder(id) | Target::ReportOfWorkOrder(id) => {
            work_order::Entity::find_by_id(id)
                .lock_exclusive()
                .one(conn)
                .await?;
        }
        Target::Report(id) => {
            repair_report::Entity::find_by_id(id)
                .lock_exclusive()
                .one(conn)
                .await?;
        }
        Target::FollowUp(id) => {
            follow_up::Entity::find_by_id(id)
                .lock_exclusive()
                .one(conn)
                .await?;
        }
    }
    Ok(())
}

async fn report_of(
    conn: &impl ConnectionTrait,
    work_order_id: Option<Uuid>,
) -> Result<Option<repair_report::Model>, StoreError> {
    let Some(w) = work_order_id else {
        return Ok(None);
    };
    Ok(repair_report::Entity::find()
        .filter(repair_report::Column::WorkOrderId.eq(w))
        .one(conn)
        .await?)
}
