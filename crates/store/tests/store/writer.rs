//! SQLite's writes go through one connection of their own, so no write finds
//! its page cache dropped by another connection's write.

use crate::helpers::fresh_store;
use furrow_store::testing::on_postgres;
use sea_orm::{ConnectionTrait, Statement, TransactionTrait};

/// Temporary tables live on one connection: the mark tells which one ran.
async fn marked(conn: &impl ConnectionTrait) -> bool {
    conn.query_one(Statement::from_string(
        conn.get_database_backend(),
        "SELECT count(*) AS n FROM sqlite_temp_master WHERE name = 'writer_mark'",
    ))
    .await
    .unwrap()
    .is_some_and(|row| row.try_get::<i64>("", "n").unwrap() == 1)
}

#[tokio::test]
async fn every_sqlite_write_runs_on_the_same_connection_and_reads_do_not() {
    if on_postgres() {
        eprintln!("skipped: PostgreSQL takes any pooled connection for a write");
        return;
    }
    let store = fresh_store().await;
    let first = store.begin_write().await.unwrap();
    first
        .execute_unprepared("CREATE TEMP TABLE writer_mark (x INTEGER)")
        .await
        .unwrap();
    first.commit().await.unwrap();

    // A read takes a pooled connection, the one the first write gave back if
    // writes came from the pool.
    let read = store.conn().begin().await.unwrap();
    assert!(
        !marked(&read).await,
        "reads run on connections of their own"
    );
    let second = store.begin_write().await.unwrap();
    assert!(
        marked(&*second).await,
        "the second write ran where the first did"
    );
    second.commit().await.unwrap();
    read.commit().await.unwrap();
}
