//! Batches of writes (`furrow_store::batch`): every statement runs with its own
//! values, and a failing one leaves nothing of the batch once rolled back.

use crate::helpers::fresh_store;
use furrow_store::audit;
use furrow_store::batch::execute_all;
use furrow_store::entities::audit_event;
use furrow_store::sea_orm::{ConnectionTrait, EntityTrait, QueryTrait};
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
    execute_all(&*tx, writes).await.unwrap();
    tx.commit().await.unwrap();

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
    let err = execute_all(&*tx, vec![first, twice]).await;
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
