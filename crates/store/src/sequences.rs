//! Human-facing numbers (`C000123`, `SR-2026-000123`) from named counters,
//! advanced inside the creating transaction so concurrent creations never
//! share a number and a rolled-back creation does not burn one.

use crate::entities::sequence;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

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

/// The next number of the counter `prefix`: `{prefix}-{value}` with the value
/// padded to six digits (`SR-2026-000123`, `WO-2026-000456`). Every numbered
/// document takes its number this way, in its creating transaction.
pub async fn take_number(conn: &impl ConnectionTrait, prefix: &str) -> Result<String, DbErr> {
    Ok(format!("{prefix}-{:06}", next(conn, prefix).await?))
}
