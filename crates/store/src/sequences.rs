//! Human-facing numbers (`C000123`, `SR-2026-000123`) from named counters,
//! advanced inside the creating transaction so concurrent creations never
//! share a number and a rolled-back creation does not burn one.

use crate::entities::sequence;
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

/// The next value of the counter `name` (1 for a new counter).
pub async fn next(conn: &impl ConnectionTrait, name: &str) -> Result<i64, DbErr> {
    let row = sequence::Entity::insert(sequence::ActiveModel {
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
    .exec_with_returning(conn)
    .await?;
    Ok(row.value)
}
