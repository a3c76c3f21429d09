//! Batches of statements (`furrow_store::batch`): every statement runs with
//! its own values, the rows they return come back, and a failing one leaves
//! nothing of the batch once rolled back.

use crate::helpers::fresh_store;
use furrow_store::audit;
use furrow_store::batch::query_all;
use furrow_store::entities::audit_event;
use furrow_store::sea_orm::{ConnectionTrait, EntityTrait, QueryTrait, Statement};
use uuid::Uuid;

#[tokio::test]
async fn each_statement_of_a_batch_gets_its_own_values() {
    let store = fresh_store().await;
    let backend = store.conn().get_database_backend();
    let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
    let tx = store.begin_write().await.unwrap();
    let writes = [(a, "first"), (b, "second")]
        .map(|(id, action)| {
            audit::event(
                None,
                "batch_test",
                id,
                action,
                serde_json::json!({"a": action}),
            )
            .build(backend)
        })
        .to_vec();
    let mut statements = writes;
    // A statement that returns a row, after the writes: it sees them.
    statements.push(Statement::from_string(
        backend,
        "SELECT count(*) AS n FROM audit_events WHERE entity_type = 'batch_test'",
    ));
    let rows = query_all(&*tx, statements).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(rows.len(), 1, "one statement returns a row");
    assert_eq!(rows[0].try_get::<i64>("", "n").unwrap(), 2);

    let mut rows: Vec<_> = audit_event::Entity::find()
        .all(store.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.entity_type == "batch_test")
        .map(|e| {
            (
                e.entity_id,
                e.action,
                e.changes["a"].as_str().map(str::to_owned),
            )
        })
        .collect();
    rows.sort();
    assert_eq!(
        rows,
        vec![
            (a, "first".to_owned(), Some("first".to_owned())),
            (b, "second".to_owned(), Some("second".to_owned())),
        ]
    );
}

#[tokio::test]
async fn a_failing_statement_rolls_the_whole_batch_back() {
    let store = fresh_store().await;
    let backend = store.conn().get_database_backend();
    let first = audit::event(
        None,
        "batch_test",
        Uuid::now_v7(),
        "kept?",
        serde_json::json!({}),
    )
    .build(backend);
    // The same row twice: the second insert breaks the primary key.
    let twice = first.clone();
    let tx = store.begin_write().await.unwrap();
    let err = query_all(&*tx, vec![first, twice]).await;
    assert!(err.is_err(), "a duplicate key fails the batch");
    drop(tx);

    let left = audit_event::Entity::find()
        .all(store.conn())
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.entity_type == "batch_test")
        .count();
    assert_eq!(left, 0, "nothing of a failed batch stays");
}
