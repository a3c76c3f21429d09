//! SQLite's process-wide settings, made once before the first connection.
//!
//! SQLite keeps memory statistics by default, and to count every allocation
//! it takes one process-wide mutex around each. sqlx copies every column value
//! of every row it reads (`sqlite3_value_dup`), so a 50-row request page made
//! thousands of allocations, all through that one lock, from the pool's
//! connection threads at once. perf on the default request list at 1,000,000
//! requests (`cargo xtask bench` data) put 9% of the server's samples in mutex
//! lock and unlock, called (by its DWARF call graph) almost only from SQLite's
//! allocator; turning the statistics off cut the page's CPU by 7%.
//! Furrow reads no SQLite memory statistics, so it turns them off.

use std::sync::Once;

/// Turns SQLite's memory statistics off, once per process, before any SQLite
/// connection exists ([`crate::Store::connect_with`] calls it).
pub fn disable_memory_statistics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config may only run while no other thread uses SQLite.
        // Every SQLite connection in Furrow is opened by `Store::connect_with`,
        // which calls this first, and `call_once` makes concurrent callers
        // wait until it returns. The variadic argument is the C int the option
        // takes. Once SQLite is initialised the call fails with SQLITE_MISUSE
        // and changes nothing, which is safe to ignore.
        #[allow(unsafe_code)]
        let rc = unsafe {
            libsqlite3_sys::sqlite3_config(
                libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
                0 as std::os::raw::c_int,
            )
        };
        if rc != libsqlite3_sys::SQLITE_OK {
            tracing::debug!(
                rc,
                "SQLite was initialised already; memory statistics stay on"
            );
        }
    });
}
