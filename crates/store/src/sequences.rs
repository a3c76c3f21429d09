//! Human-facing numbers (`C000123`, `SR-2026-000123`) from named counters,
//! advanced inside the creating transaction so concurrent creations never
//! share a number and a rolled-back creation does not burn one.

use crate::batch;
use crate::entities::sequence;
use sea_orm::sea_query::{
    Alias, BinOper, Expr, Func, InsertStatement, OnConflict, Query, SimpleExpr,
};
use sea_orm::{
    ActiveModelTrait, ActiveValue, ActiveValue::Set, ConnectionTrait, DbBackend, DbErr,
    EntityTrait, IdenStatic, Iterable, QueryTrait, Statement,
};

/// The next value of the counter `name` (1 for a new counter).
pub async fn next(conn: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    let row = advance(name).exec_with_returning(conn).await?;
    Ok(row.value)
}

fn advance(name: &str) -> sea_orm::Insert<sequence::ActiveModel> {
    sequence::Entity::insert(sequence::ActiveModel {
        name: Set(name.to_owned()),
        value: Set(1),
    })
    .on_conflict(
        OnConflict::column(sequence::Column::Name)
            .value(
                sequence::Column::Value,
                Expr::col((sequence::Entity, sequence::Column::Value)).add(1),
            )
            .to_owned(),
    )
}

/// Where the number goes in [`numbered`] text: `{n}`, the counter's value
/// padded to six digits, as `format!("{n:06}")` pads it.
pub const VALUE: &str = "{n}";

/// Advances the counter `name` and runs `statements`, which read its new
/// value through [`numbered`], in the same hand-off on SQLite; returns the value.
///
/// On SQLite every statement is a hand-off to the connection's thread and
/// back, under the writer lock: a creation that took its number first and
/// wrote its rows with it made two. The rows' number is composed in SQL
/// instead, from the counter as the statement before left it. Intakes @32
/// with relaxed durability, so that CPU and hand-offs rather than the disk
/// bound them (`bench --quick`, one run each): 959 and 966/s over HTTP with
/// two hand-offs, 1,143/s with one; an intake's writes alone 1,200 and
/// 1,344/s, then 2,224/s.
pub async fn next_with(
    conn: &impl ConnectionTrait,
    name: &str,
    statements: Vec<Statement>,
) -> Result<i64, DbErr> {
    let backend = conn.get_database_backend();
    let mut first = advance(name).into_query();
    first.returning_col(sequence::Column::Value);
    let mut all = vec![backend.build(&first)];
    all.extend(statements);
    // Only the first statement returns a row; all of them run.
    let row = batch::query_all(conn, all)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| DbErr::RecordNotInserted)?;
    row.try_get("", sequence::Column::Value.as_str())
}

/// `text` with each `pattern` in it replaced by `pattern` with [`VALUE`]
/// filled in from the counter `name`, as SQL for a statement of [`next_with`].
/// The pattern names its place in full (`"number":"SR-2026-{n}"` in a JSON
/// body) so that text a user wrote, escaped in JSON, cannot match it.
pub fn numbered(name: &str, text: String, pattern: &str) -> SimpleExpr {
    let value: SimpleExpr = Func::cast_as(
        SimpleExpr::SubQuery(
            None,
            Box::new(
                Query::select()
                    .column(sequence::Column::Value)
                    .from(sequence::Entity)
                    .and_where(Expr::col(sequence::Column::Name).eq(name))
                    .to_owned()
                    .into_sub_query_statement(),
            ),
        ),
        Alias::new("TEXT"),
    )
    .into();
    // Six digits at least: zeros for the digits the value lacks, none past six.
    let padded = SimpleExpr::from(
        Func::cust(Alias::new("substr"))
            .arg("000000")
            .arg(SimpleExpr::from(Func::cust(Alias::new("length")).arg(value.clone())).add(1)),
    )
    .binary(BinOper::Custom("||"), value);
    let filled = Func::cust(Alias::new("replace"))
        .arg(pattern)
        .arg(VALUE)
        .arg(padded);
    Func::cust(Alias::new("replace"))
        .arg(text)
        .arg(pattern)
        .arg(filled)
        .into()
}

/// [`numbered`] for a JSON column (PostgreSQL's `json` takes no text).
pub fn numbered_json(backend: DbBackend, name: &str, json: String, pattern: &str) -> SimpleExpr {
    let text = numbered(name, json, pattern);
    match backend {
        DbBackend::Postgres => text.cast_as(Alias::new("json")),
        _ => text,
    }
}

/// The insert of `row` with `column` set to `expr` instead of its value.
/// Columns go in as their values are: unlike sea-orm's own insert, no
/// `save_as` conversion applies (none of the entities it serves declares one).
pub fn insert_with<A: ActiveModelTrait>(
    row: A,
    column: <A::Entity as EntityTrait>::Column,
    expr: SimpleExpr,
) -> InsertStatement {
    let mut expr = Some(expr);
    let (mut columns, mut values) = (Vec::new(), Vec::new());
    for c in <A::Entity as EntityTrait>::Column::iter() {
        let value = match row.get(c) {
            ActiveValue::Set(v) | ActiveValue::Unchanged(v) => v,
            ActiveValue::NotSet => continue,
        };
        columns.push(c);
        values.push(match expr.take_if(|_| c.as_str() == column.as_str()) {
            Some(e) => e,
            None => Expr::val(value).into(),
        });
    }
    let mut q = Query::insert();
    q.into_table(A::Entity::default()).columns(columns);
    q.values_panic(values);
    q
}
