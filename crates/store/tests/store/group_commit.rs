//! SQLite's group commit: writers queued behind one another share one COMMIT,
//! nothing is seen or answered before it, and a member's failure undoes only
//! its own changes.

use crate::helpers::{fresh_store, until_queued};
use furrow_store::testing::on_postgres;
use furrow_store::{Store, WriteTx};
use sea_orm::{ConnectionTrait, Statement};
use std::time::{Duration, Instant};
use tokio::sync::oneshot;

/// A fresh SQLite store with a table of marks, or `None` on PostgreSQL.
async fn sqlite_store() -> Option<Store> {
    if on_postgres() {
        eprintln!("skipped: group commit is SQLite's");
        return None;
    }
    let store = fresh_store().await;
    store
        .execute_unprepared("CREATE TABLE marks (name TEXT PRIMARY KEY)")
        .await
        .unwrap();
    Some(store)
}

async fn mark(tx: &WriteTx, name: &str) -> Result<(), sea_orm::DbErr> {
    tx.execute_unprepared(&format!("INSERT INTO marks VALUES ('{name}')"))
        .await
        .map(drop)
}

/// The committed marks, as a reader on another connection sees them.
async fn marks(store: &Store) -> Vec<String> {
    let rows = store
        .conn()
        .query_all(Statement::from_string(
            store.conn().get_database_backend(),
            "SELECT name FROM marks ORDER BY name",
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| r.try_get::<String>("", "name").unwrap())
        .collect()
}

fn commits(store: &Store) -> u64 {
    store.sqlite_writer_state().unwrap().1
}

/// A write transaction that has marked `name`.
async fn begun(store: &Store, name: &str) -> WriteTx {
    let tx = store.begin_write().await.unwrap();
    mark(&tx, name).await.unwrap();
    tx
}

/// `a` marked and committed while `b` held the lock, so `a` waits for the
/// group's COMMIT; `b` has marked and waits to be let go (see [`writer`]).
async fn a_waiting_while_b_writes(
    store: &Store,
) -> (
    tokio::task::JoinHandle<Result<(), sea_orm::DbErr>>,
    tokio::task::JoinHandle<Result<(), sea_orm::DbErr>>,
    oneshot::Sender<bool>,
) {
    let a = begun(store, "a").await;
    let (b, b_marked, b_go) = writer(store, "b");
    until_queued(store, 1).await;
    let a_done = tokio::spawn(a.commit());
    b_marked.await.unwrap();
    (a_done, b, b_go)
}

/// A writer that marks `name`, tells it has, and commits when let go
/// (or drops its transaction, when told `false`).
fn writer(
    store: &Store,
    name: &'static str,
) -> (
    tokio::task::JoinHandle<Result<(), sea_orm::DbErr>>,
    oneshot::Receiver<()>,
    oneshot::Sender<bool>,
) {
    let (marked_tx, marked) = oneshot::channel();
    let (go, go_rx) = oneshot::channel::<bool>();
    let store = store.clone();
    let task = tokio::spawn(async move {
        let tx = store.begin_write().await?;
        mark(&tx, name).await?;
        marked_tx.send(()).ok();
        if go_rx.await.unwrap_or(false) {
            tx.commit().await
        } else {
            Ok(())
        }
    });
    (task, marked, go)
}

#[tokio::test]
async fn writers_queued_behind_each_other_share_one_commit_seen_only_once_made() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let before = commits(&store);
    // `a` is done while `b` waits: it leaves its changes to the group.
    let (a_done, b, b_go) = a_waiting_while_b_writes(&store).await;
    assert!(!a_done.is_finished(), "a is answered only after the COMMIT");
    assert!(marks(&store).await.is_empty(), "nothing is seen before it");
    b_go.send(true).unwrap();
    b.await.unwrap().unwrap();
    a_done.await.unwrap().unwrap();
    assert_eq!(marks(&store).await, ["a", "b"]);
    assert_eq!(commits(&store), before + 1, "one COMMIT for both");
}

#[tokio::test]
async fn a_failing_member_undoes_only_its_own_changes() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let before = commits(&store);
    let a = begun(&store, "a").await;
    // In the order they queue: `b` commits into the group; `c` marks, then
    // fails on a duplicate of `b`'s mark (which it sees); `d` commits.
    let (b, _b_marked, b_go) = writer(&store, "b");
    until_queued(&store, 1).await;
    let failing = {
        let store = store.clone();
        tokio::spawn(async move {
            let tx = begun(&store, "c").await;
            mark(&tx, "b").await
        })
    };
    until_queued(&store, 2).await;
    let (d, _d_marked, d_go) = writer(&store, "d");
    until_queued(&store, 3).await;
    b_go.send(true).unwrap();
    d_go.send(true).unwrap();
    let a_done = tokio::spawn(a.commit());
    assert!(failing.await.unwrap().is_err(), "c's duplicate fails");
    for done in [b, d] {
        done.await.unwrap().unwrap();
    }
    a_done.await.unwrap().unwrap();
    assert_eq!(marks(&store).await, ["a", "b", "d"]);
    assert_eq!(commits(&store), before + 1);
}

#[tokio::test]
async fn a_member_cut_off_mid_statement_fails_its_whole_group_and_loses_nothing_answered() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let a = begun(&store, "a").await;
    let cut_off = {
        let store = store.clone();
        tokio::spawn(async move {
            let tx = store.begin_write().await.unwrap();
            // Its first statement (a long count) is abandoned before it
            // answers: whether its savepoint opened is unknown, so rolling
            // back to it is unsafe.
            let long = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c \
                        WHERE x < 2000000) SELECT count(*) FROM c";
            let sent = tokio::time::timeout(Duration::ZERO, tx.execute_unprepared(long)).await;
            assert!(sent.is_err(), "cut off before it answered");
        })
    };
    until_queued(&store, 1).await;
    let a_done = tokio::spawn(a.commit());
    cut_off.await.unwrap();
    assert!(
        a_done.await.unwrap().is_err(),
        "a hears that its group was rolled back"
    );
    assert!(marks(&store).await.is_empty());
    // The next write starts a new group.
    let next = begun(&store, "c").await;
    next.commit().await.unwrap();
    assert_eq!(marks(&store).await, ["c"]);
}

#[tokio::test]
async fn a_group_s_first_member_rolls_back_alone_and_the_next_write_starts_clean() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let first = begun(&store, "gone").await;
    drop(first);
    let next = begun(&store, "kept").await;
    next.commit().await.unwrap();
    assert_eq!(marks(&store).await, ["kept"]);
}

#[tokio::test]
async fn a_group_whose_waiting_members_all_went_away_is_still_committed() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let before = commits(&store);
    let (a_done, b, b_go) = a_waiting_while_b_writes(&store).await;
    // `a`'s client hangs up while it waits for the COMMIT, and `b` fails.
    a_done.abort();
    assert!(a_done.await.unwrap_err().is_cancelled());
    b_go.send(false).unwrap();
    b.await.unwrap().unwrap();
    // Nobody is left to commit `a`'s changes but the task it left.
    let deadline = Instant::now() + Duration::from_secs(10);
    while marks(&store).await.is_empty() {
        assert!(
            Instant::now() < deadline,
            "a's changes were never committed"
        );
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    assert_eq!(marks(&store).await, ["a"]);
    assert_eq!(commits(&store), before + 1);
}

#[tokio::test]
async fn a_write_alone_commits_the_open_group_first_and_then_its_own() {
    let Some(store) = sqlite_store().await else {
        return;
    };
    let before = commits(&store);
    let a = begun(&store, "a").await;
    let alone = {
        let store = store.clone();
        tokio::spawn(async move {
            let tx = store.begin_write_alone().await?;
            let seen_before = marks(&store).await;
            mark(&tx, "z").await?;
            tx.commit().await.map(|()| seen_before)
        })
    };
    until_queued(&store, 1).await;
    a.commit().await.unwrap();
    assert_eq!(alone.await.unwrap().unwrap(), ["a"], "a committed first");
    assert_eq!(marks(&store).await, ["a", "z"]);
    assert_eq!(commits(&store), before + 2);
}
