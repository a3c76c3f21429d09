//! SQLite's process-wide settings. A test binary of its own: the setting only
//! takes effect before SQLite starts, so no other test may open SQLite first.

use furrow_store::Store;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn a_store_opens_sqlite_with_memory_statistics_off() {
    let store = Store::connect("sqlite::memory:").await.unwrap();
    store
        .conn()
        .execute_unprepared("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('furrow')")
        .await
        .unwrap();
    // SAFETY: reads a counter; valid at any time.
    #[allow(unsafe_code)]
    let counted = unsafe { libsqlite3_sys::sqlite3_memory_used() };
    // With statistics on, the open connection's memory would be counted.
    assert_eq!(counted, 0);
}
