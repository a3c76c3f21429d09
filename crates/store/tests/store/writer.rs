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

/// The committed rows of `marks` whose name starts with `prefix`.
async fn count_marks(store: &furrow_store::Store, prefix: &str) -> i64 {
    let conn = store.conn();
    conn.query_one(Statement::from_string(
        conn.get_database_backend(),
        format!("SELECT count(*) AS n FROM marks WHERE name LIKE '{prefix}%'"),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get::<i64>("", "n")
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writes_cut_off_at_any_point_fail_no_other_write() {
    let store = fresh_store().await;
    store
        .execute_unprepared("CREATE TABLE marks (name TEXT PRIMARY KEY)")
        .await
        .unwrap();
    // A first statement that takes a while, so some writers are cut off
    // inside it (where a write shared with others would be left in doubt).
    let slow = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 20000) \
                SELECT count(*) FROM c";
    let mut good = Vec::new();
    let mut cut = Vec::new();
    for i in 0..60u64 {
        let s = store.clone();
        good.push(tokio::spawn(async move {
            let tx = s.begin_write().await?;
            tx.execute_unprepared(&format!("INSERT INTO marks VALUES ('good{i}')"))
                .await?;
            tx.commit().await
        }));
        // A client that goes away: its request is dropped wherever it stands
        // (waiting for the writer, mid-statement, or before its commit).
        let s = store.clone();
        let doomed = tokio::spawn(async move {
            let tx = s.begin_write().await.unwrap();
            tx.execute_unprepared(slow).await.unwrap();
            tx.execute_unprepared(&format!("INSERT INTO marks VALUES ('cut{i}')"))
                .await
                .unwrap();
            std::future::pending::<()>().await;
        });
        cut.push(tokio::spawn(async move {
            tokio::time::sleep(std::time::Duration::from_micros(300 * i)).await;
            doomed.abort();
        }));
    }
    let mut failed = Vec::new();
    for g in good {
        if let Err(e) = g.await.unwrap() {
            failed.push(e.to_string());
        }
    }
    assert!(failed.is_empty(), "well-behaved writes failed: {failed:?}");
    for c in cut {
        c.await.unwrap();
    }
    assert_eq!(count_marks(&store, "good").await, 60);
    assert_eq!(
        count_marks(&store, "cut").await,
        0,
        "a write cut off before its commit leaves nothing"
    );
}
