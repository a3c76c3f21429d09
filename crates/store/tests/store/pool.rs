//! The connection pool: a connection the database dropped while it sat idle
//! is replaced, not handed to the next statement.

use furrow_store::Store;
use furrow_store::db::ConnectSettings;
use furrow_store::testing::{fresh_database, on_postgres};
use sea_orm::{ConnectionTrait, Database, Statement};
use std::time::Duration;

async fn backend_pid(db: &impl ConnectionTrait) -> i32 {
    let row = db
        .query_one(Statement::from_string(
            db.get_database_backend(),
            "SELECT pg_backend_pid() AS pid",
        ))
        .await
        .expect("query the backend pid")
        .expect("one row");
    row.try_get("", "pid").unwrap()
}

#[tokio::test]
async fn a_connection_the_server_closed_while_idle_is_replaced_before_use() {
    // Only a server can drop a connection from outside; SQLite runs in-process.
    if !on_postgres() {
        eprintln!(
            "skipped: needs PostgreSQL (TEST_DATABASE_URL); the README's test command sets it"
        );
        return;
    }
    let db = fresh_database().await;
    let ping_idle_after = Duration::from_millis(100);
    let store = Store::connect_with(
        &db.url,
        &ConnectSettings {
            max_connections: 1,
            ping_idle_after,
            ..ConnectSettings::default()
        },
    )
    .await
    .unwrap();
    let first = backend_pid(store.conn()).await;

    let admin = Database::connect(&db.url).await.unwrap();
    admin
        .execute_unprepared(&format!("SELECT pg_terminate_backend({first})"))
        .await
        .unwrap();
    // Termination is a signal: wait until the server has let the backend go.
    for _ in 0..100 {
        let gone = admin
            .query_one(Statement::from_string(
                admin.get_database_backend(),
                format!("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = {first}"),
            ))
            .await
            .unwrap()
            .is_some_and(|row| row.try_get::<i64>("", "n").unwrap() == 0);
        if gone {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    admin.close().await.unwrap();
    // Idle past the threshold, so the pool pings the dead connection and opens a new one.
    tokio::time::sleep(ping_idle_after * 2).await;

    let second = backend_pid(store.conn()).await;
    assert_ne!(first, second, "the statement ran on a new connection");
}
