//! API clients' traffic (issue #21, item 1): the per-client rate limit and
//! the usage counts an administrator sees.
//!
//! The limit is kept in this process (`governor`'s keyed GCRA limiter), so
//! it holds per server instance: with N instances behind a balancer a client
//! may make up to N times the setting. That is the price of never asking the
//! database (or another service) before each request; the setting says so.
//!
//! Usage is counted in memory and added to the stored counts by [`flush`]
//! every [`FLUSH_EVERY`], one UPDATE per client that called, never a write
//! per request. A crash loses at most that much of the counts. The client
//! view adds this instance's unflushed counts ([`ClientTraffic::pending`]).

use crate::state::AppState;
use actix_web::HttpMessage;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::web;
use chrono::Utc;
use furrow_domain::api_limits::{ApiClientUsage, ApiLimits, RateLimitState};
use governor::clock::{Clock, DefaultClock};
use governor::middleware::StateInformationMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::{Quota, RateLimiter};
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;
use uuid::Uuid;

/// How often the counts are added to the database.
pub const FLUSH_EVERY: Duration = Duration::from_secs(10);

type Limiter =
    RateLimiter<Uuid, DefaultKeyedStateStore<Uuid>, DefaultClock, StateInformationMiddleware>;

/// The limiter of the limits in force, and the counts not yet stored.
pub struct ClientTraffic {
    clock: DefaultClock,
    limiter: RwLock<Option<(ApiLimits, Arc<Limiter>)>>,
    pending: Mutex<HashMap<Uuid, ApiClientUsage>>,
}

impl Default for ClientTraffic {
    fn default() -> Self {
        Self {
            clock: DefaultClock::default(),
            limiter: RwLock::new(None),
            pending: Mutex::new(HashMap::new()),
        }
    }
}

/// A client's call, left on the request for [`count_and_tell`].
#[derive(Debug, Clone, Copy)]
pub struct ClientCall {
    pub client: Uuid,
    pub state: RateLimitState,
}

impl ClientTraffic {
    /// The limiter for `limits`, made anew when the setting changed (the
    /// budgets spent so far start over then).
    fn limiter(&self, limits: &ApiLimits) -> Arc<Limiter> {
        if let Some((l, lim)) = self.limiter.read().expect("limiter lock").as_ref()
            && l == limits
        {
            return lim.clone();
        }
        let mut slot = self.limiter.write().expect("limiter lock");
        if let Some((l, lim)) = slot.as_ref()
            && l == limits
        {
            return lim.clone();
        }
        let per_minute =
            NonZeroU32::new(limits.client_requests_per_minute).unwrap_or(NonZeroU32::MIN);
        let burst = NonZeroU32::new(limits.client_burst).unwrap_or(NonZeroU32::MIN);
        let quota = Quota::per_minute(per_minute).allow_burst(burst);
        let lim: Arc<Limiter> = Arc::new(RateLimiter::new(
            quota,
            DefaultKeyedStateStore::default(),
            self.clock.clone(),
        ));
        *slot = Some((limits.clone(), lim.clone()));
        lim
    }

    /// Spends one request of `client`'s budget: `Ok` with where it stands,
    /// or `Err` when it is over its limit.
    pub fn check(
        &self,
        limits: &ApiLimits,
        client: Uuid,
    ) -> Result<RateLimitState, RateLimitState> {
        let lim = self.limiter(limits);
        let limit = limits.client_burst;
        let interval = Duration::from_secs(60) / limits.client_requests_per_minute.max(1);
        let refill = |missing: u32| (interval * missing).as_secs_f64().ceil() as u64;
        match lim.check_key(&client) {
            Ok(snapshot) => {
                let remaining = snapshot.remaining_burst_capacity();
                Ok(RateLimitState {
                    limit,
                    remaining,
                    retry_after_secs: 0,
                    reset_secs: refill(limit.saturating_sub(remaining)),
                })
            }
            Err(not_until) => {
                let wait = not_until.wait_time_from(self.clock.now());
                Err(RateLimitState {
                    limit,
                    remaining: 0,
                    retry_after_secs: wait.as_secs_f64().ceil() as u64,
                    reset_secs: (wait + interval * limit.saturating_sub(1))
                        .as_secs_f64()
                        .ceil() as u64,
                })
            }
        }
    }

    /// Counts one call of `client`, an error when `failed`.
    pub fn count(&self, client: Uuid, failed: bool) {
        let mut pending = self.pending.lock().expect("usage lock");
        let u = pending.entry(client).or_default();
        u.request_count += 1;
        u.error_count += i64::from(failed);
        u.last_request_at = Some(Utc::now());
    }

    /// This instance's counts of `client` not yet stored.
    pub fn pending(&self, client: Uuid) -> ApiClientUsage {
        self.pending
            .lock()
            .expect("usage lock")
            .get(&client)
            .cloned()
            .unwrap_or_default()
    }

    /// Adds the counts to the database; on failure they are kept for the
    /// next time.
    pub async fn flush(&self, store: &furrow_store::Store) {
        let taken: Vec<(Uuid, ApiClientUsage)> =
            self.pending.lock().expect("usage lock").drain().collect();
        if taken.is_empty() {
            return;
        }
        if let Err(e) = furrow_store::api_clients::add_usage(store, &taken).await {
            tracing::warn!(error = %e, clients = taken.len(), "Failed to store API client usage; kept for the next flush");
            let mut pending = self.pending.lock().expect("usage lock");
            for (id, u) in taken {
                let kept = pending.entry(id).or_default();
                *kept = kept.plus(&u);
            }
        }
    }
}

/// Adds the counts to the database every [`FLUSH_EVERY`], for as long as the
/// server runs.
pub async fn flush_forever(state: AppState) {
    let mut tick = tokio::time::interval(FLUSH_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        state.traffic.flush(&state.store).await;
    }
}

/// Counts each call made with a client's token (an error when answered
/// 4xx/5xx) and tells the client where it stands (`RateLimit-*`).
pub async fn count_and_tell(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    // Not a clone of the request before routing: the router needs it unshared.
    let mut res = next.call(req).await?;
    let call = res.request().extensions().get::<ClientCall>().copied();
    if let (Some(call), Some(state)) = (call, state) {
        let status = res.status();
        state.traffic.count(
            call.client,
            status.is_client_error() || status.is_server_error(),
        );
        let refused = status == actix_web::http::StatusCode::TOO_MANY_REQUESTS;
        let headers = res.headers_mut();
        for (name, value) in call.state.headers(refused) {
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(HeaderName::from_static(lower(name)), v);
            }
        }
    }
    Ok(res)
}

/// The header names of [`RateLimitState::headers`] as HTTP/2 spells them.
fn lower(name: &'static str) -> &'static str {
    match name {
        "RateLimit-Limit" => "ratelimit-limit",
        "RateLimit-Remaining" => "ratelimit-remaining",
        "RateLimit-Reset" => "ratelimit-reset",
        _ => "retry-after",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(per_minute: u32, burst: u32) -> ApiLimits {
        ApiLimits {
            client_requests_per_minute: per_minute,
            client_burst: burst,
        }
    }

    #[test]
    fn a_client_over_its_burst_is_refused_and_told_when_to_retry_and_others_are_not() {
        let t = ClientTraffic::default();
        let l = limits(60, 3);
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let remaining: Vec<u32> = (0..3).map(|_| t.check(&l, a).unwrap().remaining).collect();
        assert_eq!(remaining, [2, 1, 0]);
        let refused = t.check(&l, a).unwrap_err();
        assert_eq!(refused.remaining, 0);
        assert!((1..=1).contains(&refused.retry_after_secs), "{refused:?}");
        assert!(t.check(&l, b).is_ok(), "another client has its own budget");
        // A changed setting takes effect at once.
        assert!(t.check(&limits(60, 10), a).is_ok());
    }

    #[test]
    fn usage_is_counted_in_memory_until_taken() {
        let t = ClientTraffic::default();
        let a = Uuid::from_u128(1);
        t.count(a, false);
        t.count(a, true);
        let u = t.pending(a);
        assert_eq!((u.request_count, u.error_count), (2, 1));
        assert!(u.last_request_at.is_some());
        assert_eq!(t.pending(Uuid::from_u128(2)), ApiClientUsage::default());
    }
}
