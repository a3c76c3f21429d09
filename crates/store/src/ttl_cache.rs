//! Rows every request needs, remembered for a moment.
//!
//! On SQLite every statement is a round trip to sqlx's worker thread, on
//! PostgreSQL one over the network (`cargo xtask bench`, perf). Two reads ran on
//! nearly every request and change rarely: the signed-in user (roles, dealer,
//! active flag) and the SLA settings every intake computes its clocks from.
//! A [`TtlCache`] keeps such a value for [`TTL`]:
//! - a change made through this process forgets the value at commit, so it
//!   applies to the next request at once;
//! - a change made elsewhere (another server on the same PostgreSQL, the
//!   `furrow` command line) applies within [`TTL`].
//!
//! A load that read the row before a change committed must not store it after
//! the change forgot it: every forget advances an epoch, and a load only stores
//! what it read if the epoch did not move meanwhile.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// How long a loaded value is trusted without reading the database again.
pub const TTL: Duration = Duration::from_secs(2);

/// Above this many entries the cache drops what has expired (and everything if
/// that is not enough), so it cannot grow without bound.
const MAX_ENTRIES: usize = 10_000;

struct Inner<K, V> {
    epoch: u64,
    entries: HashMap<K, (Instant, V)>,
}

/// Shared by the clones of one [`crate::Store`].
pub struct TtlCache<K, V> {
    inner: Arc<Mutex<Inner<K, V>>>,
}

impl<K, V> Clone for TtlCache<K, V> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<K, V> Default for TtlCache<K, V> {
    fn default() -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                epoch: 0,
                entries: HashMap::new(),
            })),
        }
    }
}

/// A cache miss: load the value, then [`TtlCache::store`] it with this ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ticket(u64);

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // The map holds no invariant a panic could break half-way.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value if loaded less than [`TTL`] ago, else a ticket for storing it.
    pub fn get(&self, key: &K) -> Result<V, Ticket> {
        let inner = self.lock();
        match inner.entries.get(key) {
            Some((at, v)) if at.elapsed() < TTL => Ok(v.clone()),
            _ => Err(Ticket(inner.epoch)),
        }
    }

    /// Remembers a value loaded after `ticket` was taken, unless something was
    /// forgotten since (the load may have read the row before that change).
    pub fn store(&self, ticket: Ticket, key: K, value: V) {
        let mut inner = self.lock();
        if inner.epoch != ticket.0 {
            return;
        }
        if inner.entries.len() >= MAX_ENTRIES {
            inner.entries.retain(|_, (at, _)| at.elapsed() < TTL);
            if inner.entries.len() >= MAX_ENTRIES {
                inner.entries.clear();
            }
        }
        inner.entries.insert(key, (Instant::now(), value));
    }

    /// Forgets a value whose row changed; call after the change committed.
    pub fn forget(&self, key: &K) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.entries.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_value_is_served_until_forgotten() {
        let cache = TtlCache::<u32, &str>::default();
        let ticket = cache.get(&1).unwrap_err();
        cache.store(ticket, 1, "dealer");
        assert_eq!(cache.get(&1), Ok("dealer"));
        cache.forget(&1);
        assert!(cache.get(&1).is_err());
    }

    #[test]
    fn a_load_that_raced_a_change_is_not_stored() {
        let cache = TtlCache::<u32, &str>::default();
        let ticket = cache.get(&1).unwrap_err();
        // The row changes (and is forgotten) while the stale copy is in flight.
        cache.forget(&1);
        cache.store(ticket, 1, "stale");
        assert!(cache.get(&1).is_err(), "the stale row must not be served");
        // The next load, after the change, is stored.
        let ticket = cache.get(&1).unwrap_err();
        cache.store(ticket, 1, "fresh");
        assert_eq!(cache.get(&1), Ok("fresh"));
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = TtlCache::<usize, ()>::default();
        for key in 0..MAX_ENTRIES + 10 {
            let ticket = cache.get(&key).unwrap_err();
            cache.store(ticket, key, ());
        }
        assert!(cache.lock().entries.len() <= MAX_ENTRIES);
    }
}
