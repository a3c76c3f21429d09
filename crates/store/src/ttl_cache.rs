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
use std::future::Future;
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

/// A cache miss: the epoch when the load started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Ticket(u64);

impl<K: Eq + Hash, V: Clone> TtlCache<K, V> {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        // The map holds no invariant a panic could break half-way.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The value for `key`: the one loaded less than [`TTL`] ago, or what
    /// `load` reads now, remembered unless something was forgotten meanwhile.
    pub async fn get_or_load<E, Fut>(&self, key: K, load: impl FnOnce() -> Fut) -> Result<V, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        let ticket = match self.get(&key) {
            Ok(known) => return Ok(known),
            Err(ticket) => ticket,
        };
        let loaded = load().await?;
        self.store(ticket, key, loaded.clone());
        Ok(loaded)
    }

    /// The value if loaded less than [`TTL`] ago, else a ticket for storing it.
    fn get(&self, key: &K) -> Result<V, Ticket> {
        let inner = self.lock();
        match inner.entries.get(key) {
            Some((at, v)) if at.elapsed() < TTL => Ok(v.clone()),
            _ => Err(Ticket(inner.epoch)),
        }
    }

    /// Remembers a value loaded after `ticket` was taken, unless something was
    /// forgotten since (the load may have read the row before that change).
    fn store(&self, ticket: Ticket, key: K, value: V) {
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
    use std::cell::Cell;

    type Cache = TtlCache<u32, &'static str>;

    /// Loads through the cache, counting the loads.
    async fn read(cache: &Cache, loads: &Cell<u32>, value: &'static str) -> &'static str {
        let loaded: Result<_, ()> = cache
            .get_or_load(1, || async {
                loads.set(loads.get() + 1);
                Ok(value)
            })
            .await;
        loaded.unwrap()
    }

    #[tokio::test]
    async fn a_loaded_value_is_served_until_forgotten() {
        let (cache, loads) = (Cache::default(), Cell::new(0));
        assert_eq!(read(&cache, &loads, "dealer").await, "dealer");
        assert_eq!(read(&cache, &loads, "changed").await, "dealer");
        assert_eq!(loads.get(), 1);
        cache.forget(&1);
        assert_eq!(read(&cache, &loads, "changed").await, "changed");
        assert_eq!(loads.get(), 2);
    }

    #[tokio::test]
    async fn a_load_that_raced_a_change_is_not_stored() {
        let cache = Cache::default();
        let stale: Result<_, ()> = cache
            .get_or_load(1, || async {
                // The row changes (and is forgotten) while this copy is in flight.
                cache.forget(&1);
                Ok("stale")
            })
            .await;
        assert_eq!(stale, Ok("stale"), "the caller still gets what it read");
        let loads = Cell::new(0);
        assert_eq!(read(&cache, &loads, "fresh").await, "fresh");
        assert_eq!(loads.get(), 1, "the stale row must not be served");
    }

    #[tokio::test]
    async fn a_failed_load_is_not_remembered() {
        let (cache, loads) = (Cache::default(), Cell::new(0));
        let failed = cache.get_or_load(1, || async { Err("down") }).await;
        assert_eq!(failed, Err("down"));
        assert_eq!(read(&cache, &loads, "up").await, "up");
        assert_eq!(loads.get(), 1);
    }

    #[tokio::test]
    async fn the_cache_stays_bounded() {
        let cache = TtlCache::<usize, ()>::default();
        for key in 0..MAX_ENTRIES + 10 {
            let loaded: Result<(), ()> = cache.get_or_load(key, || async { Ok(()) }).await;
            loaded.unwrap();
        }
        assert!(cache.lock().entries.len() <= MAX_ENTRIES);
    }
}
