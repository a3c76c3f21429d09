//! Keeps the server's memory small under sign-in bursts.
//!
//! Every password hash (argon2id, DESIGN §6) allocates one 19 MiB block. glibc
//! serves the first such block with mmap, then raises its mmap threshold to the
//! freed size, so later blocks come from per-thread arenas that keep the memory
//! after the hash is done: the bench measured 219 MB resident after a handful
//! of sign-ins. A fixed 1 MiB threshold makes every large block an mmap that is
//! returned on free; small allocations are as before. With it the full bench
//! peaked at 88 MB on SQLite and 66 MB on PostgreSQL (219 and 258 MB before).

/// Sets glibc's mmap threshold; call once at start, before the runtime starts.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn return_large_blocks_to_the_os() {
    const THRESHOLD: libc::c_int = 1 << 20;
    // SAFETY: mallopt only changes a malloc tuning parameter; it is called
    // before any other thread exists and its arguments are valid constants.
    #[allow(unsafe_code)]
    let ok = unsafe { libc::mallopt(libc::M_MMAP_THRESHOLD, THRESHOLD) };
    if ok != 1 {
        eprintln!("warning: could not set the malloc mmap threshold");
    }
}

/// Other allocators return large blocks by themselves.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn return_large_blocks_to_the_os() {}
