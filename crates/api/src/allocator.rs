//! Keeps the server's memory small: under sign-in bursts, and with many
//! threads allocating.
//!
//! Every password hash (argon2id, DESIGN §6) allocates one 19 MiB block. glibc
//! serves the first such block with mmap, then raises its mmap threshold to the
//! freed size, so later blocks come from per-thread arenas that keep the memory
//! after the hash is done: the bench measured 219 MB resident after a handful
//! of sign-ins. A fixed 1 MiB threshold makes every large block an mmap that is
//! returned on free; small allocations are as before. With it the full bench
//! peaked at 88 MB on SQLite and 66 MB on PostgreSQL (219 and 258 MB before).
//!
//! glibc also gives each thread that allocates an arena of its own, up to eight
//! per core, and an arena keeps what its thread freed for that thread. The
//! server has the HTTP workers, the runtime's blocking threads and, on SQLite,
//! one thread per connection: each arena grows to its thread's own peak. One
//! arena per core is enough for threads that share the cores: the full SQLite
//! bench peaked at 76 MB with it and at 104 MB without it.

/// Sets glibc's malloc tuning; call once at start, before the runtime starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn keep_memory_small() {
    const MMAP_THRESHOLD: libc::c_int = 1 << 20;
    // One arena per core (glibc allows eight per core).
    let arenas = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 64) as libc::c_int;
    for (param, value, what) in [
        (libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD, "mmap threshold"),
        (libc::M_ARENA_MAX, arenas, "arena count"),
    ] {
        // SAFETY: mallopt only changes a malloc tuning parameter; it is called
        // before any other thread exists and its arguments are valid constants.
        #[allow(unsafe_code)]
        let ok = unsafe { libc::mallopt(param, value) };
        if ok != 1 {
            eprintln!("warning: could not set the malloc {what}");
        }
    }
}

/// Other allocators return large blocks by themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn keep_memory_small() {}
