//! Who is behind an access token, remembered for a moment.
//!
//! Every authenticated request needs the user's current roles, dealer and
//! active flag. Reloading them was one of the two statements of a dealer's
//! status read, and on SQLite every statement is a round trip to sqlx's worker
//! thread (`cargo xtask bench`, perf). The cache keeps a user for [`TTL`]:
//! - a change made through this process (update, deactivation, new password)
//!   forgets the user at commit, so it applies to the next request at once;
//! - a change made elsewhere (another server on the same PostgreSQL, the
//!   `furrow` command line) applies within [`TTL`], where the access token
//!   itself lives 15 minutes.
//!
//! A load that read the row before a change committed must not store it after
//! the change forgot the user: every forget advances an epoch, and a load
//! only stores what it read if the epoch did not move meanwhile.

use furrow_domain::auth::Actor;
use furrow_domain::users::UserView;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use uuid::Uuid;

/// How long a loaded user is trusted without reading the database again.
pub const TTL: Duration = Duration::from_secs(2);

/// Above this many users the cache drops what has expired (and everything if
/// that is not enough), so it cannot grow without bound.
const MAX_ENTRIES: usize = 10_000;

/// The signed-in user as the request handlers see them.
pub type Principal = (Actor, UserView);

#[derive(Default)]
struct Inner {
    epoch: u64,
    entries: HashMap<Uuid, (Instant, Principal)>,
}

/// Shared by the clones of one [`crate::Store`].
#[derive(Clone, Default)]
pub struct ActorCache {
    inner: Arc<Mutex<Inner>>,
}

/// A cache miss: load the user, then [`ActorCache::store`] with this ticket.
#[derive(Debug, Clone, Copy)]
pub struct Ticket(u64);

impl ActorCache {
    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The map holds no invariant a panic could break half-way.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The user if loaded less than [`TTL`] ago, else a ticket for storing it.
    pub fn get(&self, id: Uuid) -> Result<Principal, Ticket> {
        let inner = self.lock();
        match inner.entries.get(&id) {
            Some((at, p)) if at.elapsed() < TTL => Ok(p.clone()),
            _ => Err(Ticket(inner.epoch)),
        }
    }

    /// Remembers a user loaded after `ticket` was taken, unless some user was
    /// forgotten since (the load may have read the row before that change).
    pub fn store(&self, ticket: Ticket, principal: &Principal) {
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
        inner
            .entries
            .insert(principal.0.user_id, (Instant::now(), principal.clone()));
    }

    /// Forgets a user whose row changed; call after the change committed.
    pub fn forget(&self, id: Uuid) {
        let mut inner = self.lock();
        inner.epoch += 1;
        inner.entries.remove(&id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use furrow_domain::Role;

    fn principal(id: Uuid) -> Principal {
        let now = chrono::Utc::now();
        let user = UserView {
            id,
            username: "dealer1".into(),
            display_name: "Dealer".into(),
            roles: vec![Role::Dealer],
            permissions: vec![],
            dealer_id: None,
            department: None,
            locale: None,
            active: true,
            version: 1,
            created_at: now,
            updated_at: now,
        };
        let actor = Actor {
            user_id: id,
            username: user.username.clone(),
            roles: user.roles.clone(),
            dealer_id: None,
        };
        (actor, user)
    }

    #[test]
    fn a_stored_user_is_served_until_forgotten() {
        let cache = ActorCache::default();
        let id = Uuid::now_v7();
        let ticket = cache.get(id).unwrap_err();
        cache.store(ticket, &principal(id));
        assert_eq!(cache.get(id).unwrap().0.user_id, id);
        cache.forget(id);
        assert!(cache.get(id).is_err());
    }

    #[test]
    fn a_load_that_raced_a_change_is_not_stored() {
        let cache = ActorCache::default();
        let id = Uuid::now_v7();
        let ticket = cache.get(id).unwrap_err();
        // The user changes (and is forgotten) while the stale row is in flight.
        cache.forget(id);
        cache.store(ticket, &principal(id));
        assert!(cache.get(id).is_err(), "the stale row must not be served");
        // The next load, after the change, is stored.
        let ticket = cache.get(id).unwrap_err();
        cache.store(ticket, &principal(id));
        assert!(cache.get(id).is_ok());
    }

    #[test]
    fn the_cache_stays_bounded() {
        let cache = ActorCache::default();
        for _ in 0..MAX_ENTRIES + 10 {
            let id = Uuid::now_v7();
            let ticket = cache.get(id).unwrap_err();
            cache.store(ticket, &principal(id));
        }
        assert!(cache.lock().entries.len() <= MAX_ENTRIES);
    }
}
