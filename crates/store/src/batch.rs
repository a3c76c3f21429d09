//! Several writes sent to the database in one go where the driver allows it.
//!
//! sqlx runs each SQLite connection on a thread of its own and hands every
//! statement over to it and its result back: two thread wake-ups, which cost
//! more than a small insert. Statements joined into one string go over in one
//! hand-off; sqlx binds their `?` values in order across them, runs them one
//! after another and stops at the first error (the caller's transaction then
//! rolls back, as after a single failed statement). PostgreSQL's extended
//! protocol takes one statement per message, so there they run one by one.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

/// Runs `statements` in order, inside the caller's transaction, and returns
/// the rows they return; the first error ends the run.
pub async fn query_all(
    conn: &impl ConnectionTrait,
    statements: Vec<Statement>,
) -> Result<Vec<QueryResult>, DbErr> {
    if conn.get_database_backend() != DbBackend::Sqlite {
        let mut rows = Vec::new();
        for s in statements {
            rows.extend(conn.query_all(s).await?);
        }
        return Ok(rows);
    }
    conn.query_all(joined(statements)).await
}

/// One SQLite statement string of `statements`, their values in order.
fn joined(statements: Vec<Statement>) -> Statement {
    let mut sql = String::new();
    let mut values: Vec<Value> = Vec::new();
    for s in statements {
        sql.push_str(&s.sql);
        sql.push_str(";\n");
        values.extend(s.values.map(|v| v.0).unwrap_or_default());
    }
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_follow_their_statements_in_order() {
        let s = joined(vec![
            Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO a VALUES (?, ?)",
                [1.into(), 2.into()],
            ),
            Statement::from_string(DbBackend::Sqlite, "DELETE FROM b"),
            Statement::from_sql_and_values(
                DbBackend::Sqlite,
                "INSERT INTO c VALUES (?)",
                ["x".into()],
            ),
        ]);
        assert_eq!(
            s.sql,
            "INSERT INTO a VALUES (?, ?);\nDELETE FROM b;\nINSERT INTO c VALUES (?);\n"
        );
        let values = s.values.expect("values").0;
        assert_eq!(
            values,
            vec![Value::from(1), Value::from(2), Value::from("x")]
        );
    }
}
