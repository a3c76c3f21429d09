//! SQLite's one writer, with group commit: write transactions that queue
//! behind one another share one COMMIT, and so one WAL write and one fsync.
//!
//! SQLite runs one write transaction at a time, and with `synchronous=FULL`
//! each COMMIT waits for an fsync; at 1,000,000 requests an intake's commit
//! wrote 22 WAL pages (strace), among them the last page of each index on an
//! ever-growing value (the number, the times), which every intake writes. So
//! while other writers wait for the lock, a finished writer does not commit:
//! its changes stay in the open transaction, it hands the lock on and waits.
//! The last writer of the queue commits for all, and every member hears the
//! outcome of that one COMMIT. Nothing is acknowledged before the COMMIT that
//! makes it durable, so durability is the same as with one commit per writer;
//! a failed COMMIT fails every member, none of which has answered yet.
//!
//! - A member that fails or is dropped rolls back to its savepoint: only its
//!   own changes go (the group's first member needs no savepoint, since the
//!   transaction holds nothing else yet).
//! - A member's `SAVEPOINT`, and the `RELEASE` of the member before it, go
//!   to the database with its first statement, not on their own: each
//!   statement is a hand-off to the connection's thread and back. An intake's
//!   writes @32 (`bench --quick`, one run each): 2,928/s with them on their
//!   own, 3,696/s with them folded in. A rollback to a savepoint, the failure
//!   path, runs on its own before the next statement.
//! - Every member's savepoint has the same name, so the statements that carry
//!   it stay the same text and keep their place in the connection's cache of
//!   prepared statements. A rollback to it is safe only if its `SAVEPOINT`
//!   ran, else it would reach the last member's: a member whose first
//!   statement was cut off before answering leaves it in doubt, and then the
//!   whole group rolls back and its members hear of the failure (none has
//!   been answered). Intakes @32 over HTTP (`bench --quick`, one run each):
//!   1,707/s with numbered savepoints, 2,075/s with one name; the server's
//!   CPU per intake fell from 0.59 to 0.49 ms.
//! - A member sees the changes of the members before it, which commit with
//!   it or fail with it; readers on other connections see none of them until
//!   the COMMIT.
//! - A waiting member waits for its answer alone: queued for the lock, each
//!   waiting member would take the lock in turn after its group's COMMIT, only
//!   to give it back. A member that goes away uncommitted with no writer
//!   queued leaves a task that commits the group for the members waiting. If
//!   no answer comes within [`ANSWER_PATIENCE`] (a queued writer that went
//!   away before its turn), a waiting member queues for the lock and, if no
//!   one has committed its group by then, commits it itself. So a group never
//!   stays open because the writer that was to close it went away.
//! - The COMMIT runs in a task of its own: a client that hangs up cannot cut
//!   it off between the database and the members' answers.

use sea_orm::entity::prelude::async_trait::async_trait;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, Statement, TransactionTrait,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use tokio::sync::{Mutex, OwnedMutexGuard, oneshot};

/// At most this many writers share one COMMIT, so a member's wait for its
/// answer stays bounded under any queue.
const MAX_GROUP: usize = 64;

/// How long a waiting member waits for its answer before it queues for the
/// lock to commit its group itself. In the full bench intakes @32 passed the
/// lock at about 1,550/s, so a group of 64 would take about 41 ms.
const ANSWER_PATIENCE: std::time::Duration = std::time::Duration::from_millis(100);

/// The outcome of a shared COMMIT, as every member hears it.
type Outcome = Result<(), String>;

/// The one write connection and its group (cheap to clone).
#[derive(Clone)]
pub(crate) struct SqliteWriter {
    db: DatabaseConnection,
    /// The writer lock: whoever holds it writes into the group.
    group: Arc<Mutex<Group>>,
    /// Writers waiting for the lock to begin: a finished member waits for
    /// them to join its group rather than commit alone.
    queued: Arc<AtomicUsize>,
    /// COMMITs so far, counted under the lock: a waiting member that gets the
    /// lock sees whether its group was committed meanwhile.
    commits: Arc<AtomicU64>,
}

/// The open transaction and the members waiting for its COMMIT.
#[derive(Default)]
struct Group {
    txn: Option<DatabaseTransaction>,
    acks: Vec<oneshot::Sender<Outcome>>,
    /// The savepoint of the last member that committed into the group is
    /// still open: the next member's first statement releases it (or the
    /// COMMIT).
    unreleased: bool,
    /// What a member that went away uncommitted left to undo before anything
    /// else runs.
    undo: Option<Undo>,
}

/// What a member that went away left to undo.
#[derive(Clone, Copy)]
enum Undo {
    /// Its savepoint, which is open.
    Savepoint,
    /// The whole group: the member's savepoint may or may not have opened.
    Group,
}

/// How far a member's savepoint has come.
enum Opening {
    /// The group's first member writes in the group's transaction.
    First,
    /// Not yet opened; its `SAVEPOINT` goes with the first statement, after
    /// the `RELEASE` of the last member's if that is still open.
    Pending { releases_last: bool },
    /// Sent with a statement that has not answered.
    Sent,
    /// Open.
    Open,
}

/// The SQL before a member's first statement.
const SAVEPOINT: &str = "SAVEPOINT member;\n";
const RELEASE_AND_SAVEPOINT: &str = "RELEASE member;\nSAVEPOINT member;\n";

impl Group {
    /// Undoes what a member that went away left. When its savepoint cannot
    /// be rolled back to, or may not exist, the group is rolled back whole and
    /// its members (none answered yet) hear of the failure.
    async fn undo_dropped(&mut self) -> Result<(), DbErr> {
        let (Some(undo), Some(txn)) = (self.undo.take(), &self.txn) else {
            return Ok(());
        };
        let error = match undo {
            Undo::Savepoint => match txn
                .execute_unprepared("ROLLBACK TO member; RELEASE member")
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) => e,
            },
            Undo::Group => DbErr::Custom("a write was cut off mid-statement".into()),
        };
        drop(self.txn.take());
        let failed: Outcome = Err(format!("the group was rolled back: {error}"));
        for ack in self.acks.drain(..) {
            ack.send(failed.clone()).ok();
        }
        Err(error)
    }
}

impl SqliteWriter {
    pub(crate) fn new(db: DatabaseConnection) -> Self {
        Self {
            db,
            group: Arc::default(),
            queued: Arc::default(),
            commits: Arc::default(),
        }
    }

    /// Waits for the lock and joins the open group, or opens one. `alone`:
    /// commit the open group first and commit on its own (imports, whose
    /// length would hold back the answers of the members before them).
    pub(crate) async fn begin(&self, alone: bool) -> Result<Member, DbErr> {
        let mut guard = {
            let _queued = Queued::enter(&self.queued);
            self.group.clone().lock_owned().await
        };
        if alone && guard.txn.is_some() {
            let (back, _outcome) = self.commit_group(guard).await?;
            guard = back;
        }
        if let Err(e) = guard.undo_dropped().await {
            // Not this writer's failure: it begins a new group.
            tracing::warn!(error = %e, "a write group was rolled back");
        }
        let opening = if guard.txn.is_some() {
            Opening::Pending {
                releases_last: std::mem::take(&mut guard.unreleased),
            }
        } else {
            debug_assert!(guard.acks.is_empty(), "a closed group has no members");
            guard.txn = Some(self.db.begin().await?);
            guard.unreleased = false;
            Opening::First
        };
        Ok(Member {
            opening: std::sync::Mutex::new(opening),
            guard: Some(guard),
            writer: self.clone(),
            alone,
        })
    }

    /// Commits the open group, if any, so a read on another connection sees
    /// every change made so far (after a conflict with a change not yet
    /// committed, for example).
    pub(crate) async fn settle(&self) -> Result<(), DbErr> {
        let guard = self.group.clone().lock_owned().await;
        if guard.txn.is_none() {
            return Ok(());
        }
        self.commit_group(guard).await?.1
    }

    /// Writers waiting for the lock to begin (tests watch the queue with it).
    pub(crate) fn queued(&self) -> usize {
        self.queued.load(Ordering::Acquire)
    }

    /// COMMITs made so far.
    pub(crate) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Acquire)
    }

    /// Commits the group in a task of its own and tells its members; gives
    /// the lock back with the outcome.
    async fn commit_group(
        &self,
        mut guard: OwnedMutexGuard<Group>,
    ) -> Result<(OwnedMutexGuard<Group>, Result<(), DbErr>), DbErr> {
        let commits = self.commits.clone();
        let task = tokio::spawn(async move {
            let undone = guard.undo_dropped().await;
            let acks = std::mem::take(&mut guard.acks);
            let outcome = match (undone, guard.txn.take()) {
                (Err(e), _) => Err(e),
                (Ok(()), Some(txn)) => txn.commit().await,
                (Ok(()), None) => Ok(()),
            };
            commits.fetch_add(1, Ordering::AcqRel);
            let shared: Outcome = outcome.as_ref().map(drop).map_err(ToString::to_string);
            for ack in acks {
                // A member that went away does not need its answer.
                ack.send(shared.clone()).ok();
            }
            (guard, outcome)
        });
        task.await
            .map_err(|e| DbErr::Custom(format!("the group commit stopped: {e}")))
    }

    /// A member that handed the lock on waits for the COMMIT of its group;
    /// after [`ANSWER_PATIENCE`] without an answer it queues for the lock, and
    /// makes the COMMIT itself if no one has by then.
    async fn await_commit(
        &self,
        commits: u64,
        mut answer: oneshot::Receiver<Outcome>,
    ) -> Result<(), DbErr> {
        let mut abandoned = Abandoned {
            writer: Some(self.clone()),
            commits,
        };
        if let Ok(outcome) = tokio::time::timeout(ANSWER_PATIENCE, &mut answer).await {
            abandoned.writer = None;
            return answered(outcome);
        }
        let outcome = tokio::select! {
            biased;
            outcome = &mut answer => outcome,
            guard = self.group.clone().lock_owned() => {
                if self.commits() == commits {
                    abandoned.writer = None;
                    return self.commit_group(guard).await?.1;
                }
                drop(guard);
                answer.await
            }
        };
        abandoned.writer = None;
        answered(outcome)
    }
}

/// A waiting member's answer, as its own result.
fn answered(outcome: Result<Outcome, oneshot::error::RecvError>) -> Result<(), DbErr> {
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(DbErr::Custom(format!("the shared commit failed: {e}"))),
        Err(_) => Err(DbErr::Custom(
            "the shared commit ended without an answer".into(),
        )),
    }
}

/// One write transaction in the group; see [`crate::WriteTx`].
pub(crate) struct Member {
    /// How far its savepoint has come.
    opening: std::sync::Mutex<Opening>,
    /// The writer lock, held until the member commits or is dropped.
    guard: Option<OwnedMutexGuard<Group>>,
    writer: SqliteWriter,
    alone: bool,
}

impl Member {
    /// The group's transaction, where this member's statements go.
    fn txn(&self) -> &DatabaseTransaction {
        self.guard
            .as_ref()
            .and_then(|g| g.txn.as_ref())
            .expect("a member is used only while it holds the lock of an open group")
    }

    fn opening(&self) -> std::sync::MutexGuard<'_, Opening> {
        self.opening.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The savepoint's SQL, to go before the statement about to be sent if
    /// it is the first.
    fn sending(&self) -> Option<&'static str> {
        let mut opening = self.opening();
        match *opening {
            Opening::Pending { releases_last } => {
                *opening = Opening::Sent;
                Some(if releases_last {
                    RELEASE_AND_SAVEPOINT
                } else {
                    SAVEPOINT
                })
            }
            _ => None,
        }
    }

    /// The statement sent with `prefix` answered; an error too comes after
    /// the savepoint ran, the first statement of the text.
    fn answered(&self, prefix: Option<&str>) {
        if prefix.is_some() {
            *self.opening() = Opening::Open;
        }
    }

    /// Leaves the member's changes to the group and answers once the group's
    /// COMMIT is durable.
    pub(crate) async fn commit(mut self) -> Result<(), DbErr> {
        let opening = std::mem::replace(&mut *self.opening(), Opening::First);
        let mut guard = self.guard.take().expect("an open member holds the lock");
        match opening {
            Opening::First => {}
            // Released by the next member's first statement, or by the COMMIT.
            Opening::Open => guard.unreleased = true,
            // Nothing ran: the last member's savepoint is still to release.
            Opening::Pending { releases_last } => guard.unreleased = releases_last,
            Opening::Sent => {
                guard.undo = Some(Undo::Group);
                return Err(DbErr::Custom(
                    "a statement of this write was cut off; its group is rolled back".into(),
                ));
            }
        }
        let alone_in_queue = self.writer.queued.load(Ordering::Acquire) == 0;
        if self.alone || alone_in_queue || guard.acks.len() + 1 >= MAX_GROUP {
            return self.writer.commit_group(guard).await?.1;
        }
        let (tell, answer) = oneshot::channel();
        guard.acks.push(tell);
        let commits = self.writer.commits();
        drop(guard);
        self.writer.await_commit(commits, answer).await
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        let Some(mut guard) = self.guard.take() else {
            return;
        };
        // Rolled back before the lock goes (another thread may take it at
        // once): the first member with the whole transaction, which holds
        // nothing else (sqlx queues the ROLLBACK ahead of any later statement on
        // the connection); any other to its savepoint, which the next holder
        // of the lock does before anything else.
        match *self.opening() {
            Opening::First => drop(guard.txn.take()),
            Opening::Pending { releases_last } => guard.unreleased = releases_last,
            Opening::Sent => guard.undo = Some(Undo::Group),
            Opening::Open => guard.undo = Some(Undo::Savepoint),
        }
        let left_waiting = !guard.acks.is_empty() && self.writer.queued() == 0;
        let commits = self.writer.commits();
        drop(guard);
        if left_waiting {
            // No writer queued will commit for the members waiting: a task does.
            commit_abandoned(self.writer.clone(), commits);
        }
    }
}

/// Counts a writer waiting for the lock, until it has it or goes away.
struct Queued<'a>(&'a AtomicUsize);

impl<'a> Queued<'a> {
    fn enter(count: &'a AtomicUsize) -> Self {
        count.fetch_add(1, Ordering::AcqRel);
        Self(count)
    }
}

impl Drop for Queued<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// A waiting member that goes away before its answer, or the last member of a
/// group that goes away uncommitted, leaves a task to commit the group, in
/// case no one else is left to.
struct Abandoned {
    writer: Option<SqliteWriter>,
    commits: u64,
}

impl Drop for Abandoned {
    fn drop(&mut self) {
        if let Some(writer) = self.writer.take() {
            commit_abandoned(writer, self.commits);
        }
    }
}

/// Spawns a task that commits the group open since `commits`, unless someone
/// has committed it by the time the task has the lock.
fn commit_abandoned(writer: SqliteWriter, commits: u64) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    runtime.spawn(async move {
        let guard = writer.group.clone().lock_owned().await;
        if writer.commits() == commits
            && let Err(e) = writer
                .commit_group(guard)
                .await
                .and_then(|(_, outcome)| outcome)
        {
            tracing::error!(error = %e, "committing an abandoned write group failed");
        }
    });
}

/// `stmt`, after `prefix`.
fn prefixed(prefix: Option<&str>, stmt: Statement) -> Statement {
    match prefix {
        Some(prefix) => Statement {
            sql: format!("{prefix}{}", stmt.sql),
            ..stmt
        },
        None => stmt,
    }
}

#[async_trait]
impl ConnectionTrait for Member {
    fn get_database_backend(&self) -> DbBackend {
        DbBackend::Sqlite
    }

    async fn execute(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        let prefix = self.sending();
        let result = self.txn().execute(prefixed(prefix, stmt)).await;
        self.answered(prefix);
        result
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        let prefix = self.sending();
        let result = match prefix {
            Some(prefix) => {
                self.txn()
                    .execute_unprepared(&format!("{prefix}{sql}"))
                    .await
            }
            None => self.txn().execute_unprepared(sql).await,
        };
        self.answered(prefix);
        result
    }

    async fn query_one(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        let prefix = self.sending();
        let result = self.txn().query_one(prefixed(prefix, stmt)).await;
        self.answered(prefix);
        result
    }

    async fn query_all(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        let prefix = self.sending();
        let result = self.txn().query_all(prefixed(prefix, stmt)).await;
        self.answered(prefix);
        result
    }
}
