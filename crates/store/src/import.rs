//! Spreadsheet import (批量导入) of customers, product models, machines and
//! the parts catalog.
//!
//! One pass plans every row: references are resolved from maps loaded in a
//! few bulk queries, each row is compared with its stored record (so a second
//! import of the same file finds everything `unchanged` and writes nothing),
//! and duplicates within the file are caught. A real import with no errors
//! then writes the plan in one write transaction with batched inserts; one bad
//! row and nothing is written.

mod customers;
mod machines;
mod parts;
mod product_models;

use crate::entities::audit_event;
use crate::error::StoreError;
use crate::record_kit::VersionedRow;
use crate::versioned::{column, fresh};
use crate::{Backend, Store, audit, db, sessions};
use chrono::{DateTime, Utc};
use furrow_domain::access::{self, Action};
use furrow_domain::auth::Actor;
use furrow_domain::import::{
    HeaderMap, ImportAction, ImportCellError, ImportKind, ImportReport, ImportRowResult,
    MAX_IMPORT_ROWS,
};
use furrow_domain::validation::Validator;
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr,
    EntityTrait, IntoActiveModel, Iterable, QueryFilter, Select, TransactionTrait, TryIntoModel,
};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A non-blank row of the uploaded sheet, numbered as the spreadsheet shows
/// it: the store receives rows already decoded from the file's bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    /// 1-based row number.
    pub number: u32,
    pub cells: Vec<String>,
}

/// Keys per `IN (...)` query when loading stored records: well under the
/// bind-variable limits of SQLite (32766) and PostgreSQL (65535).
const LOAD_CHUNK: usize = 1000;
/// Rows per multi-row INSERT, further capped by the bind variables it needs.
const INSERT_CHUNK: usize = 500;
const MAX_BIND_VARS: usize = 30_000;

/// Imports a decoded file (its first row is the header), or with `dry_run`
/// only says what importing it would do.
///
/// A file without rows, or with more than the import limit, is a validation
/// error on `file`; problems with the header or rows come back in the report,
/// and then nothing is written.
pub async fn run(
    store: &Store,
    actor: &Actor,
    kind: ImportKind,
    rows: &[SheetRow],
    dry_run: bool,
) -> Result<ImportReport, StoreError> {
    if !access::may(actor, kind.record(), Action::Import) {
        return Err(StoreError::Forbidden(format!(
            "this account may not import {}",
            kind.as_str()
        )));
    }
    sessions::check_taken_probes(store, actor, kind.record()).await?;
    if rows.len() > MAX_IMPORT_ROWS + 1 {
        return Err(file_error(format!(
            "the file has more than {MAX_IMPORT_ROWS} data rows"
        )));
    }
    let mut report = ImportReport::new(kind, dry_run);
    let (header_row, data) = rows
        .split_first()
        .ok_or_else(|| file_error("the file has no rows".into()))?;
    report.total_rows = data.len() as u32;
    let header = match HeaderMap::new(kind, &header_row.cells) {
        Ok(h) => h,
        Err(errors) => {
            report.push(ImportRowResult {
                row: header_row.number,
                key: String::new(),
                action: ImportAction::Error,
                errors,
            });
            return Ok(report);
        }
    };
    report.ignored_columns = header.ignored_columns();
    let ctx = Ctx {
        actor,
        now: db::now(),
        header: &header,
        rows: data,
    };
    if dry_run {
        // A read transaction: one consistent snapshot, rolled back when dropped.
        let tx = store.conn().begin().await?;
        prefer_custom_plans(&tx, store.backend()).await?;
        plan_and_write(&tx, &ctx, &mut report, false).await?;
        drop(tx);
        return reveal_taken(store, actor, report).await;
    }
    // Planned inside the write transaction, so the comparison with stored
    // records holds until the commit.
    let tx = store.begin_write().await?;
    prefer_custom_plans(&*tx, store.backend()).await?;
    plan_and_write(&*tx, &ctx, &mut report, true).await?;
    if report.has_errors() {
        drop(tx);
        return reveal_taken(store, actor, report).await;
    }
    tx.commit().await?;
    report.applied = true;
    tracing::info!(
        kind = kind.as_str(),
        created = report.created,
        updated = report.updated,
        unchanged = report.unchanged,
        "spreadsheet imported"
    );
    Ok(report)
}

async fn plan_and_write(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    report: &mut ImportReport,
    write: bool,
) -> Result<(), StoreError> {
    use crate::entities::{customer, machine, part, product_model};
    match ctx.header.kind() {
        ImportKind::Customers => {
            let (plan, moved) = customers::plan(conn, ctx, report).await?;
            if write && !report.has_errors() {
                plan.write(conn, customer::Column::Id, customer::Column::Version)
                    .await?;
                for (customer_id, dealer) in moved {
                    crate::customers::records_follow(conn, customer_id, dealer).await?;
                }
            }
        }
        ImportKind::ProductModels => {
            let plan = product_models::plan(conn, ctx, report).await?;
            if write && !report.has_errors() {
                plan.write(
                    conn,
                    product_model::Column::Id,
                    product_model::Column::Version,
                )
                .await?;
            }
        }
        ImportKind::Machines => {
            let plan = machines::plan(conn, ctx, report).await?;
            if write && !report.has_errors() {
                plan.write(conn, machine::Column::Id, machine::Column::Version)
                    .await?;
            }
        }
        ImportKind::Parts => {
            let (plan, models) = parts::plan(conn, ctx, report).await?;
            if write && !report.has_errors() {
                plan.write(conn, part::Column::Id, part::Column::Version)
                    .await?;
                parts::write_models(conn, models).await?;
            }
        }
    }
    Ok(())
}

/// A dealer's report, once its rows refused for keys taken by other dealers
/// are counted (`sessions::taken_probe_wait`); a file with more of them than
/// the dealer may be told of now answers 429 and tells none of them.
async fn reveal_taken(
    store: &Store,
    actor: &Actor,
    report: ImportReport,
) -> Result<ImportReport, StoreError> {
    let Some(dealer) = access::own_dealer(actor, report.kind.record()) else {
        return Ok(report);
    };
    let taken = report
        .rows
        .iter()
        .flat_map(|r| &r.errors)
        .filter(|e| e.code == "taken")
        .count() as u32;
    if taken == 0 {
        return Ok(report);
    }
    let allowance = sessions::taken_probe_allowance(store, dealer).await?;
    sessions::count_taken_probes(store, dealer, taken).await?;
    if taken > allowance {
        let retry_after_secs = sessions::taken_probe_wait(store, dealer)
            .await?
            .unwrap_or(1);
        return Err(StoreError::Throttled { retry_after_secs });
    }
    Ok(report)
}

/// PostgreSQL switches a prepared statement to a generic plan after five runs
/// on a connection; for `code IN ($1..$1000)` on a freshly imported table that
/// plan is a sequential scan comparing each row with every key (seconds per
/// chunk). Planning each chunk with its keys as constants keeps the lookup
/// hashed. `SET LOCAL` ends with the transaction.
async fn prefer_custom_plans(conn: &impl ConnectionTrait, backend: Backend) -> Result<(), DbErr> {
    if backend == Backend::Postgres {
        conn.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan")
            .await?;
    }
    Ok(())
}

fn file_error(message: String) -> StoreError {
    let mut v = Validator::new();
    v.error("file", "unreadable", message);
    v.finish().unwrap_err().into()
}

/// Who imports, the one timestamp every written row gets, and the sheet's
/// header and data rows: what every step of planning reads.
pub(crate) struct Ctx<'a> {
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    pub header: &'a HeaderMap,
    pub rows: &'a [SheetRow],
}

/// Which side of a row's change an audit summary describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// The stored record, as the row found it.
    Before,
    /// The record as the row writes it.
    After,
}

/// What a row will write once the whole file is known to be good.
pub(crate) struct Plan<A> {
    inserts: Vec<A>,
    /// Id, the version the row was compared with, and the new values.
    updates: Vec<(Uuid, i32, A)>,
    audits: Vec<audit_event::ActiveModel>,
}

impl<A> Plan<A>
where
    A: ActiveModelTrait + Send + Clone,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    fn new() -> Self {
        Self {
            inserts: Vec::new(),
            updates: Vec::new(),
            audits: Vec::new(),
        }
    }

    /// A new record, with its "imported" audit event.
    fn create(
        &mut self,
        ctx: &Ctx<'_>,
        entity_type: &str,
        id: Uuid,
        row: A,
        changes: serde_json::Value,
    ) {
        self.audits.push(audit_row(ctx, entity_type, id, changes));
        self.inserts.push(row);
    }

    /// A changed record, with its "imported" audit event listing the changes.
    fn update(
        &mut self,
        ctx: &Ctx<'_>,
        entity_type: &str,
        id: Uuid,
        version: i32,
        row: A,
        changes: serde_json::Value,
    ) {
        self.audits.push(audit_row(ctx, entity_type, id, changes));
        self.updates.push((id, version, row));
    }

    /// The one way a valid row lands: `fill` applied over its stored record
    /// `current`, or over a new active record at version 1. A row that
    /// changes no column is `unchanged` and plans nothing; otherwise it is
    /// planned with its "imported" event (`audit`: the fields an event
    /// compares, from a row). Answers the row as it will be written.
    #[allow(clippy::too_many_arguments)] // the row's place in the file, its record, and the record kind's two functions
    fn place(
        &mut self,
        ctx: &Ctx<'_>,
        report: &mut ImportReport,
        row: &SheetRow,
        key: &str,
        entity_type: &str,
        current: Option<&<A::Entity as EntityTrait>::Model>,
        fill: impl FnOnce(&mut A),
        audit: impl Fn(<A::Entity as EntityTrait>::Model) -> Result<serde_json::Value, StoreError>,
    ) -> Result<Option<<A::Entity as EntityTrait>::Model>, StoreError>
    where
        A: ActiveModelBehavior + TryIntoModel<<A::Entity as EntityTrait>::Model>,
        <A::Entity as EntityTrait>::Model: VersionedRow + Clone + PartialEq,
    {
        let audit = |m, _: Side| audit(m);
        self.place_with(
            ctx,
            report,
            row,
            key,
            entity_type,
            current,
            fill,
            false,
            audit,
        )
    }

    /// [`Plan::place`] for a record with children kept beside its row (a
    /// part's models): `children_changed` makes a row that changes no column
    /// an update all the same, and `audit` is told which side of the change
    /// it describes, the children being different on each.
    #[allow(clippy::too_many_arguments)] // as `place`
    fn place_with(
        &mut self,
        ctx: &Ctx<'_>,
        report: &mut ImportReport,
        row: &SheetRow,
        key: &str,
        entity_type: &str,
        current: Option<&<A::Entity as EntityTrait>::Model>,
        fill: impl FnOnce(&mut A),
        children_changed: bool,
        audit: impl Fn(<A::Entity as EntityTrait>::Model, Side) -> Result<serde_json::Value, StoreError>,
    ) -> Result<Option<<A::Entity as EntityTrait>::Model>, StoreError>
    where
        A: ActiveModelBehavior + TryIntoModel<<A::Entity as EntityTrait>::Model>,
        <A::Entity as EntityTrait>::Model: VersionedRow + Clone + PartialEq,
    {
        let col = column::<A::Entity>;
        let Some(m) = current else {
            let mut am: A = fresh(Uuid::now_v7(), ctx.now)?;
            fill(&mut am);
            let created = am.clone().try_into_model()?;
            let changes = audit(created.clone(), Side::After)?;
            self.create(ctx, entity_type, created.id(), am, changes);
            outcome(report, row.number, key, ImportAction::Create, Vec::new());
            return Ok(Some(created));
        };
        let mut am = m.clone().into_active_model();
        fill(&mut am);
        if !children_changed && am.clone().try_into_model()? == *m {
            outcome(report, row.number, key, ImportAction::Unchanged, Vec::new());
            return Ok(None);
        }
        am.set(col("version")?, (m.version() + 1).into());
        am.set(col("updated_at")?, ctx.now.into());
        let after = am.clone().try_into_model()?;
        let changes = audit::diff(
            &audit(m.clone(), Side::Before)?,
            &audit(after.clone(), Side::After)?,
        );
        self.update(ctx, entity_type, m.id(), m.version(), am, changes);
        outcome(report, row.number, key, ImportAction::Update, Vec::new());
        Ok(Some(after))
    }

    /// Writes the plan: inserts and audit events in multi-row statements.
    /// An update applies only to the version the row was compared with: on
    /// PostgreSQL another writer may have changed the record since, and its
    /// change must not be silently overwritten.
    async fn write(
        self,
        conn: &impl ConnectionTrait,
        id_column: <A::Entity as EntityTrait>::Column,
        version_column: <A::Entity as EntityTrait>::Column,
    ) -> Result<(), StoreError> {
        insert_chunked(conn, self.inserts).await?;
        for (id, version, row) in self.updates {
            let done = A::Entity::update_many()
                .set(row)
                .filter(id_column.eq(id))
                .filter(version_column.eq(version))
                .exec(conn)
                .await?;
            if done.rows_affected == 0 {
                return Err(StoreError::conflict(
                    "changed_during_import",
                    "a record in the file was changed by someone else during the import; nothing was imported, try again",
                ));
            }
        }
        Ok(insert_chunked(conn, self.audits).await?)
    }
}

async fn insert_chunked<A>(conn: &impl ConnectionTrait, rows: Vec<A>) -> Result<(), DbErr>
where
    A: ActiveModelTrait + Send + Clone,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter()
        .count()
        .max(1);
    let per_statement = INSERT_CHUNK.min(MAX_BIND_VARS / columns).max(1);
    // Moved, not cloned, into each statement: the rows can be large.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        A::Entity::insert_many(rows.by_ref().take(per_statement))
            .exec_without_returning(conn)
            .await?;
    }
    Ok(())
}

/// The audit event of an imported record: the same shape `audit::record`
/// writes, built here so thousands of them go out in a few statements.
fn audit_row(
    ctx: &Ctx<'_>,
    entity_type: &str,
    entity_id: Uuid,
    changes: serde_json::Value,
) -> audit_event::ActiveModel {
    audit_event::ActiveModel {
        id: Set(Uuid::now_v7()),
        at: Set(ctx.now),
        actor_id: Set(Some(ctx.actor.user_id)),
        actor_name: Set(ctx.actor.username.clone()),
        entity_type: Set(entity_type.to_owned()),
        entity_id: Set(entity_id),
        action: Set("imported".to_owned()),
        changes: Set(changes),
    }
}

/// Stored records whose `column` is one of `keys`, a chunk of keys per query.
async fn load_by<E>(
    conn: &impl ConnectionTrait,
    select: Select<E>,
    column: E::Column,
    keys: &HashSet<String>,
) -> Result<Vec<E::Model>, DbErr>
where
    E: EntityTrait,
{
    let keys: Vec<&String> = keys.iter().filter(|k| !k.is_empty()).collect();
    let mut out = Vec::new();
    for chunk in keys.chunks(LOAD_CHUNK) {
        let filter = column.is_in(chunk.iter().map(|k| k.as_str()));
        out.extend(select.clone().filter(filter).all(conn).await?);
    }
    Ok(out)
}

/// The stored records the file's keys name, by key: whoever's (another
/// dealer's key is taken, not free).
async fn existing<E: EntityTrait>(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
    column: E::Column,
    key: fn(&E::Model) -> &str,
) -> Result<HashMap<String, E::Model>, DbErr> {
    let keys = distinct(ctx, ctx.header.kind().key_field());
    let found = load_by(conn, E::find(), column, &keys).await?;
    Ok(found.into_iter().map(|m| (key(&m).to_owned(), m)).collect())
}

/// The distinct trimmed values of `field` in the rows.
fn distinct(ctx: &Ctx<'_>, field: &str) -> HashSet<String> {
    ctx.rows
        .iter()
        .filter_map(|r| ctx.header.cell(&r.cells, field))
        .map(str::to_owned)
        .collect()
}

/// Dealer ids by code; the dealer table is small, so it is loaded whole.
async fn dealer_codes(
    conn: &impl ConnectionTrait,
    ctx: &Ctx<'_>,
) -> Result<HashMap<String, Uuid>, DbErr> {
    use crate::entities::dealer;
    let header = ctx.header;
    // An actor the permission table limits to its dealer's records gets its
    // own dealer forced, so the column is not read.
    if !header.has("dealer_code") || access::own_dealer(ctx.actor, header.kind().record()).is_some()
    {
        return Ok(HashMap::new());
    }
    Ok(dealer::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|d| (d.code, d.id))
        .collect())
}

/// Each row with its key, its stored record, and the error every kind
/// shares: the key already on an earlier row.
fn keyed<'a, M>(
    ctx: &Ctx<'a>,
    existing: &'a HashMap<String, M>,
) -> impl Iterator<
    Item = (
        &'a SheetRow,
        &'a str,
        Option<&'a M>,
        Option<ImportCellError>,
    ),
> {
    let (header, rows) = (ctx.header, ctx.rows);
    let mut seen = Seen::default();
    rows.iter().map(move |r| {
        let key = header.key(&r.cells);
        let again = seen.check(header, key, r.number);
        (r, key, existing.get(key), again)
    })
}

/// An error on the cell of `field`, named by its column.
fn cell_error(
    header: &HeaderMap,
    field: &str,
    code: &str,
    message: impl Into<String>,
) -> ImportCellError {
    ImportCellError::new(&header.column_of(field), field, code, message)
}

/// The dealer a `dealer_code` cell names (see [`dealer_codes`]), or an error
/// on that cell.
fn dealer_named(
    dealers: &HashMap<String, Uuid>,
    header: &HeaderMap,
    code: &str,
    errors: &mut Vec<ImportCellError>,
) -> Option<Uuid> {
    let found = dealers.get(code).copied();
    if found.is_none() {
        let message = format!("no dealer has the code {code}");
        errors.push(cell_error(header, "dealer_code", "unknown", message));
    }
    found
}

/// Finds the second and later rows with the same key.
#[derive(Default)]
struct Seen(HashMap<String, u32>);

impl Seen {
    /// Records the row's key; an error when an earlier row had it.
    fn check(&mut self, header: &HeaderMap, key: &str, row: u32) -> Option<ImportCellError> {
        if key.is_empty() {
            return None;
        }
        let field = header.kind().key_field();
        match self.0.get(key) {
            Some(first) => Some(cell_error(
                header,
                field,
                "duplicate",
                format!("`{key}` is already on row {first} of this file"),
            )),
            None => {
                self.0.insert(key.to_owned(), row);
                None
            }
        }
    }
}

/// Adds a row to the report: an error when it has errors, else `action`.
fn outcome(
    report: &mut ImportReport,
    row: u32,
    key: &str,
    action: ImportAction,
    errors: Vec<ImportCellError>,
) {
    let action = if errors.is_empty() {
        action
    } else {
        ImportAction::Error
    };
    report.push(ImportRowResult {
        row,
        key: key.to_owned(),
        action,
        errors,
    });
}
